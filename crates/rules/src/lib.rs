//! The dynamics of statecraft: Council procedures, member policies, reviews, triggers,
//! indicator drift, the step loop, and batches of runs.
//!
//! **API boundary:** [`run::run_once`] (one logged run) and the batch entry points are what
//! the CLI calls; every batch runs through [`batch::run`], and Monte Carlo results are typed
//! ([`summary::McSummary`], [`paired::Comparison`], [`summary::Sweep`]).

pub mod batch;
pub mod engine;
pub mod expect;
pub mod explain;
pub mod mc;
mod normal;
pub mod paired;
pub mod partial;
pub mod percent;
pub mod power;
pub mod procedure;
pub mod rng;
pub mod run;
pub mod stats;
pub mod summary;
