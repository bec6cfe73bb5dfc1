//! Where a command's output goes, and what a failed write means: the one place that writes
//! results to standard output or to an `--out` path.
//!
//! Every command hands its finished text to [`emit`]. The rules it keeps:
//! - to standard output: a write error is a failure (`cannot write output: ...`, exit 1),
//!   except a closed pipe (`statecraft run ... | head`), which is a quiet success;
//! - to a regular file or a new path: written atomically (a temporary file in the same folder,
//!   fsync, rename), so a reader never sees half a file and a failed run leaves the old one;
//!   an existing file keeps its permissions (a private 0600 file stays private), a new one is
//!   0644; a read-only file is refused rather than replaced;
//! - to anything else (a FIFO, `/dev/null`, a terminal): streamed into it, never replaced by a
//!   regular file.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::error::{CliError, CliResult};

/// Writes `text` to `path` when one is given, else to `out`.
pub fn emit(text: &str, path: Option<&Path>, out: &mut dyn Write) -> CliResult {
    match path {
        Some(path) => write_file(path, text.as_bytes()),
        None => out
            .write_all(text.as_bytes())
            .map_err(|e| write_error(&e, None)),
    }
}

/// What an output write error means for the exit: a closed pipe is a quiet success, anything
/// else an error naming the destination.
pub fn write_error(err: &std::io::Error, path: Option<&Path>) -> CliError {
    if err.kind() == ErrorKind::BrokenPipe {
        return CliError::silent(0);
    }
    match path {
        Some(p) => CliError::invalid(format!("cannot write {}: {}", p.display(), plain(err))),
        None => CliError::invalid(format!("cannot write output: {}", plain(err))),
    }
}

/// Flushes standard output at the end of the process and folds a failure into the exit code:
/// data still in the buffer that cannot be written is a failed command (unless the reader
/// closed the pipe). Returns the exit code to use.
pub fn finish(out: &mut dyn Write, err: &mut dyn Write, code: u8) -> u8 {
    match out.flush() {
        Ok(()) => code,
        Err(e) => match write_error(&e, None) {
            CliError { code: 0, .. } => code,
            failure => {
                // The command's own error, if any, was printed already and wins.
                if code == 0 {
                    let _ = writeln!(err, "error: {}", failure.message);
                    failure.code
                } else {
                    code
                }
            }
        },
    }
}

/// Writes `bytes` to the file at `path` by the rules in the module doc.
pub fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    let fail = |e: std::io::Error| write_error(&e, Some(path));
    match std::fs::metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => replace_atomically(path, bytes, None),
        Err(e) => Err(fail(e)),
        Ok(meta) if meta.is_dir() => Err(CliError::invalid(format!(
            "cannot write {}: it is a folder",
            path.display()
        ))),
        Ok(meta) if meta.is_file() => {
            if meta.permissions().readonly() {
                return Err(CliError::invalid(format!(
                    "cannot write {}: the file is read-only (make it writable or choose another path)",
                    path.display()
                )));
            }
            // Through a symlink, the file it points to is replaced, not the link.
            let target = std::fs::canonicalize(path).map_err(fail)?;
            replace_atomically(&target, bytes, Some(meta.permissions()))
        }
        Ok(_) => {
            // A FIFO, a device, a socket: open it as it is and stream into it.
            let mut file = OpenOptions::new().write(true).open(path).map_err(fail)?;
            file.write_all(bytes).map_err(fail)?;
            file.flush().map_err(fail)
        }
    }
}

/// Writes a temporary file beside `path`, syncs it, gives it `permissions` (or 0644 for a new
/// file), and renames it over `path`.
fn replace_atomically(
    path: &Path,
    bytes: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> CliResult {
    let fail = |e: std::io::Error| write_error(&e, Some(path));
    let dir: PathBuf = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    if let Some(permissions) = permissions.or_else(new_file_permissions) {
        tmp.as_file().set_permissions(permissions).map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    // The rename is durable once the folder is synced; not every platform can open a folder.
    if let Ok(folder) = File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Temporary files are private (0600); a new output is an ordinary file others may read.
fn new_file_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// An I/O error without the `(os error N)` suffix, which says nothing to a reader.
fn plain(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.find(" (os error ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
