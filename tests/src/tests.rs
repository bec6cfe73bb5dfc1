//! The workspace test binary (one binary, modules by topic, as in ripgrep and typst).

mod batch;
mod cli;
mod files;
mod fixtures;
mod fuzz;
mod output;
mod scenarios;
mod variants;
