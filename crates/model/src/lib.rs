//! The scenario side of statecraft: the TOML format, loading with spans, validation that
//! reports every problem at once, and the compiled [`Model`] the rules crate runs.
//!
//! Nothing here draws a random number or writes to a terminal. The pipeline is
//! [`load()`](crate::load::load) (files → raw serde types, `extends` merged, `--set` applied) → `compile` (raw types
//! → validated `Model` with dense ids) → `rules` (elsewhere).

pub mod calendar;
pub mod compile;
pub mod cond;
pub mod council_members;
pub mod diag;
pub mod expr;
pub mod id;
pub mod load;
pub mod log;
pub mod members_csv;
pub mod model;
pub mod raw;
pub mod state;
pub mod vote;

pub use compile::compile;
pub use load::{Failed, Loaded, load, load_str};
pub use model::Model;
