//! One module per subcommand, plus what they share: loading a scenario (or the members `vote`
//! and `power` count) and rendering its diagnostics.

pub mod calibrate;
pub mod check;
pub mod diff;
pub mod explain;
pub mod lsp;
pub mod mc;
pub mod power;
pub mod report;
pub mod run;
pub mod schema;
pub mod score;
pub mod sensitivity;
pub mod shell;
pub mod sweep;
pub mod test;
pub mod vote;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use statecraft_model::council_members::{Members, MembersError};
use statecraft_model::{Loaded, Model};

use crate::error::{CliError, CliResult};

thread_local! {
    /// The `--allow-path` folders of the command being run. A thread-local rather than an
    /// argument of every command: it is a global option that only the loader reads, and the
    /// in-process test runs (one per thread) each get their own.
    static ALLOWED_PATHS: RefCell<Vec<PathBuf>> = const { RefCell::new(Vec::new()) };
}

/// Runs `command` with reads from scenarios also allowed below `folders`.
pub fn with_allowed_paths<T>(folders: &[PathBuf], command: impl FnOnce() -> T) -> T {
    ALLOWED_PATHS.with(|a| *a.borrow_mut() = folders.to_vec());
    let result = command();
    ALLOWED_PATHS.with(|a| a.borrow_mut().clear());
    result
}

/// An `--allow-path` value: a folder that exists (a typo must not silently allow nothing).
pub fn existing_folder(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if path.is_dir() {
        Ok(path)
    } else {
        Err(format!("`{text}` is not a folder"))
    }
}

/// Loads a scenario with the `--allow-path` folders of the command being run.
pub fn load_scenario(path: &Path, sets: &[String]) -> Result<Loaded, statecraft_model::Failed> {
    ALLOWED_PATHS.with(|a| statecraft_model::load::load_allowing(path, sets, &a.borrow()))
}

/// The members `vote` and `power` count (a CSV, a scenario's member states, or the built-in
/// EU27 figures); a file that cannot be read or is invalid is invalid input.
pub fn load_members(path: Option<&Path>) -> CliResult<Members> {
    let members = ALLOWED_PATHS.with(|a| Members::load(path, &a.borrow()));
    members.map_err(|e| match e {
        MembersError::Invalid(message) => CliError::invalid(message),
        MembersError::Scenario {
            path,
            sources,
            diagnostics,
        } => CliError::invalid(format!(
            "{} is not a valid scenario:\n{}",
            path.display(),
            crate::render::diagnostics(&sources, &diagnostics, false)
        )),
    })
}

/// Loads and compiles a scenario; on failure prints the diagnostics to `err` and returns exit
/// code 1.
pub fn load_model(
    path: &Path,
    sets: &[String],
    err: &mut dyn Write,
    styled: bool,
) -> CliResult<(Loaded, Model)> {
    let loaded = match load_scenario(path, sets) {
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
