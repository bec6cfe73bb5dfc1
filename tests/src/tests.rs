//! The workspace test binary (one binary, modules by topic, as in ripgrep and typst).

mod arguments;
mod batch;
mod cli;
mod colour;
mod fixtures;
mod fuzz;
mod help;
mod percentages;
mod scenarios;
mod terminal;
mod variants;
