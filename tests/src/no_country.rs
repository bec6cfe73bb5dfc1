//! The architecture invariant "the engine names no country", as a test: every actor, person
//! and office of `scenarios/` and `seeds/`, and every member state of the members CSV files
//! (id and name), is searched for in the non-test Rust sources of `crates/model`,
//! `crates/rules`, `crates/render`, `crates/report`, `crates/lsp` and `crates/cli`; a hit
//! fails the test and names `file:line`.
//!
//! What is searched, and what is not, and why:
//! - Institutions (`kind = "institution"`: the Council, the Commission, ...) and the names of
//!   offices (the High Representative) are left out: the treaties create them, and the rules
//!   the engine implements cite them (reinforced QMV, Art. 238(2) TFEU: a proposal "from the
//!   Commission or the High Representative"). Office ids (`hrvp`) are the scenarios' own
//!   words and are searched.
//! - The placeholder ids of the mechanism scenarios (`partner`, `east`, `west`) name nobody;
//!   they are the neutral words the code's own examples use (`partner` is also an actor kind).
//! - Two-letter member codes that are also English words or Rust names (`at`, `be`, `it`,
//!   `de` as in `serde::de`, `lt` for "left type") cannot be told from them by a grep; their
//!   states are still found by name (Austria, Belgium, ...). Every other code is searched.
//! - The CLI's help text (`#[command(...)]` attributes and the `///` docs of `#[arg]` fields)
//!   is left out: its examples run the shipped scenarios and the built-in EU27 table as
//!   written (`explain baseline.toml epf-armenia-2025`, `vote --against hu`), and the help
//!   snapshots fix them.
//! - `#[cfg(test)]` items and files named `tests*.rs` are tests, which may use real data.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const NEUTRAL: [&str; 3] = ["partner", "east", "west"];
const AMBIGUOUS_CODES: [&str; 5] = ["at", "be", "de", "it", "lt"];

#[test]
fn the_engine_names_no_country() {
    let names = real_names();
    assert!(
        names.contains("armenia") && names.contains("hu") && names.contains("kaja kallas"),
        "the collection found too little: {names:?}"
    );
    let mut hits = Vec::new();
    for krate in ["model", "rules", "render", "report", "lsp", "cli"] {
        let mut files = Vec::new();
        rust_files(&Path::new("../crates").join(krate).join("src"), &mut files);
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let in_cli = krate == "cli";
            for (number, line) in non_test_lines(&text, in_cli) {
                let lower = line.to_lowercase();
                for name in &names {
                    if contains_word(&lower, name) {
                        hits.push(format!(
                            "{}:{number}: `{name}` in: {}",
                            file.display(),
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "the engine crates name items of the scenarios (use neutral ids such as `partner`):\n{}",
        hits.join("\n")
    );
}

/// Lower-cased ids and names of every actor (but institutions), person and member state the
/// scenarios and seeds define, and the ids of their offices.
fn real_names() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut add = |s: &str| {
        let s = s.trim().to_lowercase();
        if !s.is_empty() && !NEUTRAL.contains(&s.as_str()) && !AMBIGUOUS_CODES.contains(&s.as_str())
        {
            names.insert(s);
        }
    };
    let mut csvs = BTreeSet::new();
    for dir in ["../scenarios", "../seeds"] {
        for path in statecraft_tests::toml_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: toml::Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for section in ["actor", "person", "office"] {
                let Some(items) = doc.get(section).and_then(|v| v.as_array()) else {
                    continue;
                };
                for item in items {
                    if item.get("kind").and_then(|k| k.as_str()) == Some("institution") {
                        continue;
                    }
                    let keys: &[&str] = if section == "office" {
                        &["id"]
                    } else {
                        &["id", "name"]
                    };
                    for key in keys {
                        if let Some(v) = item.get(*key).and_then(|v| v.as_str()) {
                            add(v);
                        }
                    }
                }
            }
            if let Some(members) = doc
                .get("scenario")
                .and_then(|s| s.get("members"))
                .and_then(|m| m.as_str())
            {
                csvs.insert(path.parent().unwrap().join(members));
            }
        }
    }
    for csv_path in csvs {
        let mut reader = csv::Reader::from_path(&csv_path)
            .unwrap_or_else(|e| panic!("{}: {e}", csv_path.display()));
        let headers = reader.headers().unwrap().clone();
        for record in reader.records() {
            let record = record.unwrap();
            for (header, value) in headers.iter().zip(record.iter()) {
                if header == "id" || header == "name" {
                    add(value);
                }
            }
        }
    }
    names
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            rust_files(&path, found);
        } else if name.ends_with(".rs") && !name.starts_with("tests") {
            found.push(path);
        }
    }
}

/// The lines (numbered from 1) outside `#[cfg(test)]` items and, in the CLI, outside help
/// text.
fn non_test_lines(text: &str, cli: bool) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            i = end_of_item(&lines, i + 1);
            continue;
        }
        if cli && trimmed.starts_with("#[command(") {
            while i < lines.len() && !lines[i].trim_end().ends_with(")]") {
                i += 1;
            }
            i += 1;
            continue;
        }
        if cli && trimmed.starts_with("///") {
            let mut j = i;
            while j < lines.len() && lines[j].trim_start().starts_with("///") {
                j += 1;
            }
            if lines
                .get(j)
                .is_some_and(|l| l.trim_start().starts_with("#[arg("))
            {
                i = j;
                continue;
            }
        }
        out.push((i + 1, lines[i]));
        i += 1;
    }
    out
}

/// The index after the item starting at `start`: a `mod x;` line, or a braced block.
fn end_of_item(lines: &[&str], start: usize) -> usize {
    let mut depth = 0i32;
    let mut opened = false;
    for (i, line) in lines.iter().enumerate().skip(start) {
        for c in line.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        if (opened && depth <= 0) || (!opened && line.trim_end().ends_with(';')) {
            return i + 1;
        }
    }
    lines.len()
}

/// `word` in `text` with no letter, digit or `_` on either side.
fn contains_word(text: &str, word: &str) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}
