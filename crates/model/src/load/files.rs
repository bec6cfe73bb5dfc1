//! Reading input files so that a scenario cannot make statecraft hang, exhaust memory, or
//! show a file nobody meant to show.
//!
//! Every input (scenarios, the bases they extend, seeds, members CSVs, `merge` partials)
//! is read by [`read_text`]: only regular files (a FIFO or a device would block or never
//! end), at most [`MAX_FILE_BYTES`], UTF-8. Paths written *inside* a scenario (`extends`,
//! `seeds`, `members`, and `--set scenario.members=`) are also confined by a [`Scope`]: the
//! project tree of the scenario that was asked for, plus the folders the user allowed
//! (`--allow-path`).
//!
//! The project tree is the folder holding the scenario and everything below the nearest
//! ancestor holding a root marker, `statecraft.toml` or `.git`; with no marker above it, the
//! scenario's own folder.

use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file read.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Files whose presence marks the root of a project tree.
pub const ROOT_MARKERS: [&str; 2] = ["statecraft.toml", ".git"];

/// Reads a regular file of at most [`MAX_FILE_BYTES`] as UTF-8 text; the error says why not.
pub fn read_text(path: &Path) -> Result<String, String> {
    read_text_limited(path, MAX_FILE_BYTES)
}

/// [`read_text`] with another size limit, for inputs that are not written by hand (the
/// partial results `merge` reads grow with steps × indicators).
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, String> {
    // Stat before opening: opening a FIFO for reading blocks until a writer comes.
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if meta.is_dir() {
        return Err("is a folder, not a file".to_owned());
    }
    if !meta.is_file() {
        return Err(
            "is not a regular file (a pipe, a device or a socket), so it is not read".to_owned(),
        );
    }
    if meta.len() > limit {
        return Err(too_large(limit));
    }
    let file = std::fs::File::open(path).map_err(|e| io_message(&e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(limit));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn too_large(limit: u64) -> String {
    format!("file is larger than the limit of {} MiB", limit >> 20)
}

/// Plain words for the usual errors.
pub fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a folder, not a file".to_owned(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error ") {
                Some(at) => text[..at].to_owned(),
                None => text,
            }
        }
    }
}

/// The folders that paths named inside a scenario may lead into.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Canonical folders; `None` means anywhere (no confinement asked for).
    roots: Option<Vec<PathBuf>>,
}

impl Scope {
    /// No confinement.
    pub fn anywhere() -> Scope {
        Scope { roots: None }
    }

    /// The project tree of `scenario` (see the module doc), plus `allowed` folders.
    pub fn project_of(scenario: &Path, allowed: &[PathBuf]) -> Scope {
        let dir = scenario
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut roots = Vec::new();
        if let Ok(dir) = dir.canonicalize() {
            let root = dir
                .ancestors()
                .find(|a| ROOT_MARKERS.iter().any(|m| a.join(m).exists()))
                .unwrap_or(&dir);
            roots.push(root.to_path_buf());
        }
        roots.extend(allowed.iter().filter_map(|a| a.canonicalize().ok()));
        Scope { roots: Some(roots) }
    }

    /// The folders reads are confined to (`None`: anywhere).
    pub fn roots(&self) -> Option<&[PathBuf]> {
        self.roots.as_deref()
    }

    /// Checks that `path` (as resolved) lies inside the scope: `Err` says where it leads and
    /// what is allowed. A path that does not exist is judged by where it would be, so the
    /// answer does not tell whether a file outside exists.
    pub fn check(&self, path: &Path) -> Result<(), String> {
        let Some(roots) = &self.roots else {
            return Ok(());
        };
        let canonical = resolve(path);
        if roots.iter().any(|r| canonical.starts_with(r)) {
            return Ok(());
        }
        let inside = match roots.first() {
            Some(root) => root.display().to_string(),
            None => "the scenario's folder".to_owned(),
        };
        Err(format!(
            "{} is outside the project folder {inside}, so it is not read (a scenario reads only files below the nearest folder holding `statecraft.toml` or `.git`; allow another folder with --allow-path DIR)",
            canonical.display()
        ))
    }
}

/// `path` with symlinks resolved as far as it exists, and the rest (`..` included) applied
/// to that by name.
fn resolve(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut resolved = canonical;
            for part in rest.iter().rev() {
                match part {
                    std::path::Component::ParentDir => {
                        resolved.pop();
                    }
                    std::path::Component::CurDir => {}
                    other => resolved.push(other),
                }
            }
            return resolved;
        }
        let (Some(parent), Some(last)) = (existing.parent(), existing.components().next_back())
        else {
            return absolute;
        };
        rest.push(last);
        existing = parent;
    }
}
