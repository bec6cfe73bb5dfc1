//! The workspace test binary (one binary, modules by topic, as in ripgrep and typst).

mod batch;
mod cli;
mod cluster;
mod files;
mod fixtures;
mod fuzz;
mod hostile_text;
mod limits;
mod merge;
mod output;
mod readme;
mod scenarios;
mod schema;
mod variants;
