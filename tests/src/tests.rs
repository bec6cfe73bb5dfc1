//! The workspace test binary (one binary, modules by topic, as in ripgrep and typst).

mod architecture;
mod arguments;
mod at;
mod batch;
mod cli;
mod cluster;
mod colour;
mod explain;
mod extremes;
mod files;
mod fixtures;
mod fuzz;
mod help;
mod hostile_text;
mod limits;
mod merge;
mod no_country;
mod output;
mod percentages;
mod pinned;
mod readme;
mod scenarios;
mod schema;
mod score;
mod terminal;
mod variants;
