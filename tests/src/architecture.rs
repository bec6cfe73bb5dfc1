//! ARCHITECTURE.md's invariants, checked where a grep can check them: the dependency arrows,
//! the code map naming every file, every module opening with its `//!` doc, the model neither
//! drawing random numbers nor printing, the rules crate returning types rather than JSON
//! values, `explain` reading records rather than prose, and the `Model`'s fields private.
//! Each check names the file and line it objects to.

use std::path::{Path, PathBuf};

fn sources(krate: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(&Path::new("../crates").join(krate).join("src"), &mut files);
    files.sort();
    files
}

fn collect(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The lines of a source file outside `#[cfg(test)]` items and outside comments, numbered.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0i32;
    let mut pending_test = false;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            pending_test = true;
            continue;
        }
        let opens = line.matches('{').count() as i32;
        let closes = line.matches('}').count() as i32;
        if pending_test && opens > 0 {
            skip_depth = Some(depth);
            pending_test = false;
        }
        depth += opens - closes;
        if let Some(d) = skip_depth {
            if depth <= d {
                skip_depth = None;
            }
            continue;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push((i + 1, line));
    }
    out
}

fn is_test_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("tests"))
}

/// Every crate of the workspace, found on disk so that a new crate cannot escape the checks.
fn crates() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("../crates")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_str().unwrap().to_owned())
        .collect();
    names.sort();
    names
}

/// The pipeline's floors: a crate may depend only on crates on a lower floor.
fn floor(krate: &str) -> usize {
    match krate {
        "model" => 0,
        "rules" => 1,
        "render" => 2,
        "report" | "lsp" => 3,
        "cli" => 4,
        other => panic!("crates/{other} has no floor: add it here and to ARCHITECTURE.md"),
    }
}

#[test]
fn dependencies_point_one_way() {
    let all = crates();
    assert!(all.len() >= 4, "the check reads the right folder: {all:?}");
    for krate in &all {
        let manifest =
            std::fs::read_to_string(Path::new("../crates").join(krate).join("Cargo.toml")).unwrap();
        for other in &all {
            let depends = manifest.contains(&format!("statecraft-{other}.workspace"))
                || manifest.contains(&format!("statecraft-{other} ="));
            if other != krate && depends {
                assert!(
                    floor(other) < floor(krate),
                    "crates/{krate} depends on statecraft-{other}, which is not below it"
                );
            }
        }
    }
    // The editor reads scenarios: it never runs the engine nor renders results.
    let lsp = std::fs::read_to_string("../crates/lsp/Cargo.toml").unwrap();
    assert!(lsp.contains("statecraft-model.workspace"));
    assert!(!lsp.contains("statecraft-rules") && !lsp.contains("statecraft-render"));
    let rules = std::fs::read_to_string("../crates/rules/Cargo.toml").unwrap();
    assert!(
        rules.contains("statecraft-model.workspace"),
        "the check reads the right files"
    );
}

#[test]
fn every_module_opens_with_its_doc() {
    let mut missing = Vec::new();
    for krate in crates() {
        for file in sources(&krate) {
            let text = std::fs::read_to_string(&file).unwrap();
            if !text.trim_start().starts_with("//!") {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a `//!` doc:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_code_map_names_every_file() {
    let map = std::fs::read_to_string("../ARCHITECTURE.md").unwrap();
    let mut missing = Vec::new();
    for krate in crates() {
        for file in sources(&krate) {
            if is_test_file(&file) {
                continue;
            }
            let name = file.file_name().unwrap().to_str().unwrap();
            if matches!(name, "lib.rs" | "main.rs") {
                continue;
            }
            // `compile/mod.rs` is named as `mod.rs` inside its folder's paragraph; a plain
            // file as `name.rs`.
            let parent = file
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_str()
                .unwrap();
            let named = if name == "mod.rs" {
                map.contains(&format!("{parent}/")) && map.contains("mod.rs")
            } else {
                map.contains(&format!("`{name}`"))
                    || map.contains(&format!("{parent}/{name}"))
                    || map.contains(&format!(" {name}"))
                    || map.contains(&format!("({name}"))
            };
            if !named {
                missing.push(file.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_model_draws_nothing_and_prints_nothing() {
    let manifest = std::fs::read_to_string("../crates/model/Cargo.toml").unwrap();
    assert!(
        !manifest.contains("rand"),
        "the model crate depends on a random number crate"
    );
    let mut hits = Vec::new();
    for file in sources("model") {
        if is_test_file(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in code_lines(&text) {
            if [
                "println!",
                "eprintln!",
                "print!(",
                "eprint!(",
                "std::io::stdout",
                "std::io::stderr",
            ]
            .iter()
            .any(|p| line.contains(p))
            {
                hits.push(format!("{}:{n}: {}", file.display(), line.trim()));
            }
        }
    }
    assert!(hits.is_empty(), "the model prints:\n{}", hits.join("\n"));
}

/// The signature of every `pub fn` in a file: from `pub fn` to the opening brace.
fn pub_signatures(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let lines: Vec<(usize, &str)> = code_lines(text);
    let mut i = 0;
    while i < lines.len() {
        let (n, line) = lines[i];
        if line.trim_start().starts_with("pub fn ") {
            let mut sig = String::new();
            while i < lines.len() {
                sig.push_str(lines[i].1);
                if lines[i].1.contains('{') || lines[i].1.trim_end().ends_with(';') {
                    break;
                }
                i += 1;
            }
            out.push((n, sig));
        }
        i += 1;
    }
    out
}

#[test]
fn rules_returns_types_not_json_values() {
    let mut hits = Vec::new();
    let mut seen = 0;
    for file in sources("rules") {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, sig) in pub_signatures(&text) {
            seen += 1;
            let ret = sig.split("->").nth(1).unwrap_or("");
            let names_value = ret
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == "Value");
            if names_value || ret.contains("serde_json") {
                hits.push(format!("{}:{n}: {}", file.display(), sig.trim()));
            }
        }
    }
    assert!(seen > 20, "the check found only {seen} public functions");
    assert!(
        hits.is_empty(),
        "public functions of statecraft-rules return JSON values:\n{}",
        hits.join("\n")
    );
}

#[test]
fn explain_reads_records_not_prose() {
    let text = std::fs::read_to_string("../crates/rules/src/explain.rs").unwrap();
    let mut hits = Vec::new();
    for (n, line) in code_lines(&text) {
        for pattern in [
            ".contains(\"",
            ".split(",
            ".starts_with(",
            ".ends_with(",
            "mentions(",
            ".find(\"",
        ] {
            if line.contains(pattern) {
                hits.push(format!("explain.rs:{n}: {}", line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "explain matches text:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_model_fields_are_private() {
    let text = std::fs::read_to_string("../crates/model/src/model.rs").unwrap();
    let start = text
        .find("pub struct Model {")
        .expect("model.rs defines Model");
    let body = &text[start..];
    let end = body.find("\n}").unwrap();
    let public: Vec<&str> = body[..end]
        .lines()
        .skip(1)
        .filter(|l| l.trim_start().starts_with("pub "))
        .collect();
    assert!(
        public.is_empty(),
        "public fields of Model:\n{}",
        public.join("\n")
    );
}

#[test]
fn the_code_map_names_every_test_module() {
    let map = std::fs::read_to_string("../ARCHITECTURE.md").unwrap();
    let tests = &map[map.find("### `tests`").expect("a tests section")..];
    let mut missing = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir("src").unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".rs") || matches!(name.as_str(), "lib.rs" | "tests.rs" | "bin.rs") {
            continue;
        }
        seen += 1;
        if !tests.contains(&format!("`{name}`")) {
            missing.push(name);
        }
    }
    assert!(seen > 10, "the check found only {seen} test modules");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's tests paragraph does not name: {}",
        missing.join(", ")
    );
}
