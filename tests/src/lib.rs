//! Helpers for the workspace tests: run the real CLI in-process and find scenario files.

use std::path::{Path, PathBuf};

pub use statecraft_cli::ui::Console;

/// What a CLI invocation printed and returned.
#[derive(Debug)]
pub struct Output {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `statecraft ARGS...` in-process, its streams pipes and its environment empty: no
/// colour, no progress bars.
pub fn statecraft(args: &[&str]) -> Output {
    statecraft_on(args, &Console::default())
}

/// `statecraft merge ARGS...` must fail with exit 1, print nothing on stdout, and say
/// `expected`: how the merge tests check a refused set of partials.
pub fn merge_refuses(args: &[&str], expected: &str) {
    let mut all = vec!["merge"];
    all.extend_from_slice(args);
    let out = statecraft(&all);
    assert_eq!(out.code, 1, "{args:?} was accepted: {}", out.stdout);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(
        out.stderr.contains(expected),
        "{args:?}: expected `{expected}` in\n{}",
        out.stderr
    );
}

/// Runs `statecraft ARGS...` in-process on `console` (which streams count as terminals, what
/// the environment says about colour); its output still goes into buffers.
pub fn statecraft_on(args: &[&str], console: &Console) -> Output {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("statecraft")
        .chain(args.iter().copied())
        .map(Into::into);
    let code = statecraft_cli::run(argv, &mut out, &mut err, console);
    Output {
        code,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// Every `.toml` file below `dir` (relative to the tests crate), sorted.
pub fn toml_files(dir: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    walk(Path::new(dir), &mut found);
    found.sort();
    found
}

fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, found);
        } else if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
}

/// A snapshot name from a path: `../scenarios/mechanisms/qmv-route.toml` → `mechanisms__qmv-route`.
pub fn snapshot_name(path: &Path, below: &str) -> String {
    let rel = path.strip_prefix(below).unwrap_or(path);
    rel.with_extension("")
        .to_string_lossy()
        .replace(['/', '\\'], "__")
}

/// Makes a FIFO at `path` (`mkfifo`): the tests that check a FIFO is never waited on.
#[cfg(unix)]
pub fn make_fifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(made, "mkfifo {}", path.display());
}
