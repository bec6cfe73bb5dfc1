//! The dynamics of statecraft: Council procedures, member policies, reviews, triggers,
//! indicator drift, the step loop, and batches of runs.
//!
//! **API boundary:** [`run::run_once`] (one logged run) and the batch entry points are what
//! the CLI calls; every batch runs through [`batch::run`], and results are typed
//! ([`run_summary::RunSummary`], [`summary::McSummary`], [`paired::Comparison`],
//! [`summary::Sweep`]): their JSON is their serialisation.

pub mod assembly;
pub mod batch;
pub mod calibrate;
pub mod council;
pub mod engine;
pub mod expect;
pub mod explain;
pub mod fit_partial;
pub mod grid;
pub mod likelihood;
pub mod mc;
mod normal;
pub mod paired;
pub mod partial;
pub mod percent;
pub mod power;
pub mod procedure;
pub mod rng;
pub mod run;
pub mod run_diff;
pub mod run_summary;
pub mod score;
pub mod score_partial;
pub mod sensitivity;
pub mod stats;
pub mod summary;
