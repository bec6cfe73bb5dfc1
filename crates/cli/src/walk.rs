//! The folders given to `check` and `test`: every `.toml` file below them, found once.
//!
//! Folders are followed through symlinks (a scenario tree may link a shared folder in), so
//! each folder is visited once by its canonical path: a symlink loop ends instead of listing
//! one file hundreds of times. Nesting deeper than [`MAX_FOLDER_DEPTH`] is an error naming the
//! folder, not a silent skip. The project's root marker, `statecraft.toml`, is not a
//! scenario and is left out.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{CliError, CliResult};

/// Deepest folder searched below a folder given on the command line.
pub const MAX_FOLDER_DEPTH: usize = 16;

/// Files as given, with folders replaced by the `.toml` files below them (sorted, so the
/// order of the report does not depend on the file system).
pub fn expand(paths: &[PathBuf]) -> CliResult<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut walk = Walk::default();
            walk.folder(path, 0)?;
            let mut found = walk.found;
            found.sort();
            if found.is_empty() {
                return Err(CliError::usage(format!(
                    "no .toml files in {}",
                    path.display()
                )));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// `statecraft.toml` marks a project's root (see `statecraft_model::load::files`); it is not
/// a scenario.
fn is_root_marker(path: &Path) -> bool {
    path.file_name().is_some_and(|n| {
        statecraft_model::load::files::ROOT_MARKERS
            .iter()
            .any(|m| n == *m)
    })
}

#[derive(Default)]
struct Walk {
    found: Vec<PathBuf>,
    /// Canonical paths of the folders already searched.
    visited: BTreeSet<PathBuf>,
}

impl Walk {
    fn folder(&mut self, dir: &Path, depth: usize) -> CliResult {
        let cannot = |e: std::io::Error| {
            CliError::invalid(format!("cannot read the folder {}: {e}", dir.display()))
        };
        let canonical = dir.canonicalize().map_err(cannot)?;
        if !self.visited.insert(canonical) {
            return Ok(());
        }
        if depth > MAX_FOLDER_DEPTH {
            return Err(CliError::invalid(format!(
                "{} is nested more than {MAX_FOLDER_DEPTH} folders deep; give it (or a folder nearer to it) on the command line",
                dir.display()
            )));
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(cannot)?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(cannot)?;
        entries.sort();
        for path in entries {
            if path.is_dir() {
                self.folder(&path, depth + 1)?;
            } else if path.extension().is_some_and(|e| e == "toml") && !is_root_marker(&path) {
                self.found.push(path);
            }
        }
        Ok(())
    }
}
