//! How statecraft's results read: the text, markdown, JSON-lines and CSV renderings of the
//! typed results `statecraft-rules` returns (a run's summary, a comparison, an explanation, a
//! sweep, a counted vote, a power table) and of the model's diagnostics.
//!
//! This is the printer of the pipeline, as `grep-printer` is ripgrep's: it turns data into
//! text and nothing else. It reads no file, runs no simulation and writes to no terminal of
//! its own; the CLI decides where the text goes. Every string that comes from a scenario goes
//! through [`text`] (made inert for terminals, escaped for markdown) or the CSV writer.

pub mod csv;
pub mod diagnostics;
pub mod diff;
pub mod explain;
pub mod mc;
pub mod power;
pub mod run;
pub mod sweep;
pub mod text;
pub mod vote;
