//! `statecraft schema`: the JSON Schema of the scenario format, for editors (Taplo / Even
//! Better TOML validate and complete files that start with a `#:schema` line).

use std::io::Write;

use clap::Args;

use crate::error::CliResult;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft schema > schema/scenario.schema.json\n\nScenario files opt in with a first line such as:\n  #:schema ../../schema/scenario.schema.json"
)]
pub struct SchemaArgs {}

/// The schema as pretty JSON, with a trailing newline.
pub fn schema_json() -> String {
    let schema = statecraft_model::raw::scenario_schema();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

pub fn run(_: &SchemaArgs, out: &mut dyn Write) -> CliResult {
    out.write_all(schema_json().as_bytes())?;
    Ok(())
}
