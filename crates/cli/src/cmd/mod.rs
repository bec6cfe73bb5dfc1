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

/// A rayon pool of `threads` threads (default: one per core).
pub fn thread_pool(threads: Option<usize>) -> CliResult<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        if t == 0 {
            return Err(CliError::usage("--threads must be at least 1"));
        }
        builder = builder.num_threads(t);
    }
    builder
        .build()
        .map_err(|e| CliError::invalid(format!("cannot start threads: {e}")))
}

/// Parses `YYYY-MM-DD` given on the command line.
pub fn parse_date(text: &str) -> Result<jiff_free::Date, String> {
    jiff_free::parse(text)
}

/// Dates on the command line, without a calendar dependency in the CLI.
pub mod jiff_free {
    pub use statecraft_model::calendar::CivilDate as Date;

    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let bad = || format!("`{text}` is not a date: write YYYY-MM-DD, e.g. 2025-06-30");
        if parts.len() != 3 {
            return Err(bad());
        }
        let y: i32 = parts[0].parse().map_err(|_| bad())?;
        let m: u32 = parts[1].parse().map_err(|_| bad())?;
        let d: u32 = parts[2].parse().map_err(|_| bad())?;
        statecraft_model::calendar::date(y, m, d).ok_or_else(bad)
    }
}
