//! One module per subcommand, plus what they share: loading a scenario and rendering its
//! diagnostics.

pub mod check;
pub mod diff;
pub mod explain;
pub mod mc;
pub mod power;
pub mod report;
pub mod run;
pub mod schema;
pub mod sweep;
pub mod test;
pub mod vote;

use std::io::Write;
use std::path::Path;

use statecraft_model::{Loaded, Model};

use crate::error::{CliError, CliResult};

/// Loads and compiles a scenario; on failure prints the diagnostics to `err` and returns exit
/// code 1.
pub fn load_model(
    path: &Path,
    sets: &[String],
    err: &mut dyn Write,
    styled: bool,
) -> CliResult<(Loaded, Model)> {
    let loaded = match statecraft_model::load(path, sets) {
        Ok(loaded) => loaded,
        Err(failed) => {
            write!(
                err,
                "{}",
                crate::render::diagnostics(&failed.sources, &failed.diagnostics, styled)
            )?;
            return Err(CliError::silent(1));
        }
    };
    match statecraft_model::compile(&loaded) {
        Ok(model) => Ok((loaded, model)),
        Err(diagnostics) => {
            write!(
                err,
                "{}",
                crate::render::diagnostics(&loaded.sources, &diagnostics, styled)
            )?;
            Err(CliError::silent(1))
        }
    }
}
