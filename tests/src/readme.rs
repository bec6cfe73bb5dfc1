//! The README runs as written (issue 8): every command of every ```sh block of README.md is
//! run through `sh -c` in a temporary copy of the repository, and must exit 0.
//!
//! `cargo run --release --` becomes the debug `statecraft` binary of this build (the README's
//! commands are the same commands; only the optimisation level differs), and `cargo test`
//! itself is skipped (it is what runs this). Nothing else is rewritten: a command that needs
//! a change to pass here needs a change in the README.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CARGO_RUN: &str = "cargo run --release --";

/// The commands of every ```sh block, in order: comment lines dropped, continuation lines
/// joined. Trailing comments stay (the shell drops them).
fn sh_commands(markdown: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in markdown.lines() {
        let trimmed = line.trim();
        if !in_sh {
            in_sh = trimmed == "```sh";
            continue;
        }
        if trimmed == "```" {
            in_sh = false;
            assert!(pending.is_empty(), "a ```sh block ends inside a command");
            continue;
        }
        if pending.is_empty() && (trimmed.is_empty() || trimmed.starts_with('#')) {
            continue;
        }
        match trimmed.strip_suffix('\\') {
            Some(part) => {
                pending.push_str(part.trim_end());
                pending.push(' ');
            }
            None => {
                pending.push_str(trimmed);
                commands.push(std::mem::take(&mut pending));
            }
        }
    }
    commands
}

/// The command without its trailing comment and with single spaces, to compare with
/// what the test reports.
fn normalized(command: &str) -> String {
    let code = command.split(" #").next().unwrap_or(command);
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `statecraft` binary of this build: the CLI's `main`, which cargo builds as the tests
/// package's `statecraft-under-test` before the tests run, so it cannot be stale.
fn statecraft_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_statecraft-under-test"))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the parts of the repository the README's commands read.
struct Checkout(PathBuf);

impl Checkout {
    fn new() -> Self {
        let root = std::env::temp_dir().join(format!("statecraft-readme-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for dir in ["scenarios", "seeds", "schema", "docs"] {
            copy_tree(&Path::new("..").join(dir), &root.join(dir));
        }
        for file in ["README.md", "statecraft.toml"] {
            std::fs::copy(Path::new("..").join(file), root.join(file)).unwrap();
        }
        Self(root)
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_extraction_keeps_continuations_and_drops_comments() {
    let md = "text\n```sh\n# a comment\ncargo run --release -- run a.toml   # note\n\ncargo run --release -- diff a.toml b.toml \\\n    --runs 5\n```\n```toml\nx = 1\n```\n";
    assert_eq!(
        sh_commands(md),
        [
            "cargo run --release -- run a.toml   # note",
            "cargo run --release -- diff a.toml b.toml --runs 5",
        ]
    );
    assert_eq!(
        normalized("cargo run --release -- run a.toml   # note"),
        "cargo run --release -- run a.toml"
    );
}

#[test]
fn every_readme_command_runs_as_written() {
    let readme = std::fs::read_to_string("../README.md").expect("README.md");
    let commands = sh_commands(&readme);
    let binary = statecraft_binary();
    let checkout = Checkout::new();
    let mut ran = 0;
    let mut failures = Vec::new();
    let mut timings = Vec::new();
    for command in &commands {
        let code = normalized(command);
        if code.starts_with("cargo test") {
            continue;
        }
        let shell_line = match code.strip_prefix(CARGO_RUN) {
            Some(rest) => format!("'{}'{rest}", binary.display()),
            None if code.starts_with("cargo ") => panic!("no mapping for `{code}`"),
            None => code.clone(),
        };
        let started = Instant::now();
        let out = Command::new("sh")
            .args(["-c", &shell_line])
            .current_dir(&checkout.0)
            .env("NO_COLOR", "1")
            .output()
            .expect("sh runs");
        timings.push(format!(
            "{:>7.2} s  {code}",
            started.elapsed().as_secs_f64()
        ));
        ran += 1;
        if !out.status.success() {
            failures.push(format!(
                "`{code}` exited {:?}:\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    eprintln!("README commands, debug build:\n{}", timings.join("\n"));
    assert!(ran >= 12, "only {ran} README commands ran");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
