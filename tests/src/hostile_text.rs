//! Scenario text is untrusted (issue 9, items 14 and 15): a shared file must not be able to
//! command the reader's terminal (screen clear, window title, clipboard write through OSC 52,
//! text reversed by bidirectional overrides) nor run script when Markdown output is rendered
//! to HTML. Each output is checked for the raw characters and for their visible escapes.

use std::path::PathBuf;

use statecraft_tests::{Output, statecraft};

/// OSC 52: write "echo pwned" to the clipboard.
const CLIPBOARD: &str = "\\u001b]52;c;ZWNobyBwd25lZA==\\u0007";

/// A self-contained scenario whose title, proposal title and event text carry control
/// sequences, bidirectional overrides and Markdown/HTML meant to escape their place.
fn hostile_scenario() -> String {
    format!(
        r#"[scenario]
id = "hostile"
title = "<script>alert(1)</script> [x](javascript:alert(1)) a|b `tick` one\ntwo \u001b[2J\u001b]0;owned\u0007 \u202Egnp.exe"
start = 2025-01-01
end = 2025-03-31

[[actor]]
id = "member"
kind = "member_state"
population = 1000

[[actor]]
id = "partner"
kind = "partner"

[[instrument]]
id = "measure"
procedure = "unanimity"

[[proposal]]
id = "aid"
title = "<img src=x onerror=alert(1)> {CLIPBOARD}"
instrument = "measure"
beneficiary = "partner"
tabled = 2025-02-01

[[event]]
id = "news"
at = 2025-01-15
text = "News {CLIPBOARD} \u202Eesrever\u202C \u2066iso\u2069 \u009b2J *bold* [click](javascript:alert(1)) | `x`"
"#
    )
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str, text: &str) -> (Self, String) {
        Self::with_file(name, "hostile.toml", text)
    }

    fn with_file(name: &str, file_name: &str, text: &str) -> (Self, String) {
        let dir =
            std::env::temp_dir().join(format!("statecraft-hostile-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(file_name);
        std::fs::write(&file, text).unwrap();
        (Self(dir), file.to_string_lossy().into_owned())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Characters that must never reach a terminal from scenario text.
const RAW: [char; 7] = [
    '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{202c}', '\u{2066}', '\u{2069}',
];

fn assert_inert(what: &str, out: &Output) {
    for text in [&out.stdout, &out.stderr] {
        for c in RAW {
            assert!(
                !text.contains(c),
                "{what}: raw U+{:04X} in the output:\n{text}",
                u32::from(c)
            );
        }
    }
}

#[test]
fn terminal_outputs_show_control_sequences_as_visible_escapes() {
    let (_dir, file) = Scratch::new("text", &hostile_scenario());
    let runs: [(&str, Vec<&str>); 6] = [
        ("check", vec!["check", &file]),
        ("run", vec!["run", &file]),
        ("explain", vec!["explain", &file, "aid"]),
        (
            "diff",
            vec![
                "diff",
                &file,
                &file,
                "--set",
                "proposal.aid.tabled=2025-03-01",
            ],
        ),
        ("mc", vec!["mc", &file, "--runs", "5"]),
        ("diff --runs", vec!["diff", &file, &file, "--runs", "5"]),
    ];
    for (what, args) in runs {
        let out = statecraft(&args);
        assert_eq!(out.code, 0, "{what}: {}", out.stderr);
        assert_inert(what, &out);
    }
    let run = statecraft(&["run", &file]);
    // The title and the event text are there, made visible rather than dropped.
    assert!(
        run.stdout.contains("\\u{1b}[2J\\u{1b}]0;owned\\u{7}"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\\u{202e}gnp.exe"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("News \\u{1b}]52;c;ZWNobyBwd25lZA==\\u{7}"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\\u{202e}esrever\\u{202c} \\u{2066}iso\\u{2069} \\u{9b}2J")
    );
    let explain = statecraft(&["explain", &file, "aid"]);
    assert!(
        explain.stdout.contains("\\u{1b}]52;c;"),
        "{}",
        explain.stdout
    );
}

#[test]
fn a_diagnostic_quoting_a_hostile_line_shows_it_inert() {
    // Raw control characters in a file are a TOML error, and the diagnostic quotes the line;
    // an escaped one in a string reaches the message through the value.
    let raw = "[scenario]\nid = \"x\"\n# \u{9b}2J \u{1b}]52;c;ZWNobyBwd25lZA==\u{7} \u{202e}\nstart = 2025-01-01\n";
    let escaped = format!(
        "{}\n[[actor]]\nid = \"m\"\nkind = \"member_state\"\npopulation = 10\n\n[[policy]]\nid = \"p\"\nmember = \"m{CLIPBOARD}\u{202e}\"\nrule = \"oppose\"\n",
        "[scenario]\nid = \"x\"\nstart = 2025-01-01\nend = 2025-03-31\n"
    );
    for (name, text) in [("raw", raw.to_owned()), ("escaped", escaped)] {
        let (_dir, file) = Scratch::new(name, &text);
        let out = statecraft(&["check", &file]);
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        assert!(out.stderr.contains("error"), "{name}: {}", out.stderr);
        assert_inert(name, &out);
    }
}

#[test]
fn markdown_output_escapes_every_scenario_field() {
    let (_dir, file) = Scratch::new("markdown", &hostile_scenario());
    let out = statecraft(&["run", &file, "--format", "markdown"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    assert_inert("markdown", &out);
    for raw in [
        "<script>",
        "<img",
        "[x](javascript:",
        "[click](javascript:",
        "a|b",
        "`tick`",
        "*bold*",
    ] {
        assert!(!md.contains(raw), "raw `{raw}` in:\n{md}");
    }
    for escaped in [
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "\\[x\\](javascript:alert(1))",
        "\\[click\\](javascript:alert(1))",
        "a\\|b",
        "\\`tick\\`",
        "\\*bold\\*",
        "\\\\u{1b}\\]52;c;",
    ] {
        assert!(md.contains(escaped), "no `{escaped}` in:\n{md}");
    }
    // The title's newline does not end the heading: the whole title is on its first line.
    let heading = md.lines().next().unwrap();
    assert!(
        heading.starts_with("## ") && heading.contains("one two"),
        "{heading}"
    );
    // Every timeline row is one table row with three cells.
    for row in md.lines().filter(|l| l.starts_with("| 2025")) {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 4, "a cell broke out of the table: {row}");
    }
}

#[test]
fn file_names_are_printed_inert_by_check_and_test() {
    let dir = std::env::temp_dir().join(format!("statecraft-hostile-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let _cleanup = Scratch(dir.clone());
    let good = dir.join("good\u{1b}]0;owned\u{7}.toml");
    std::fs::write(&good, hostile_scenario()).unwrap();
    let bad = dir.join("bad\u{202e}lmot.toml");
    std::fs::write(&bad, "[scenario]\nid = \"x\"\n").unwrap();
    let folder = dir.to_string_lossy().into_owned();
    let check = statecraft(&["check", &good.to_string_lossy()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("good\\u{1b}]0;owned\\u{7}.toml"),
        "{}",
        check.stdout
    );
    assert_inert("check", &check);
    let test = statecraft(&["test", &folder]);
    assert_eq!(test.code, 1, "{}", test.stderr);
    assert!(test.stdout.contains("INVALID"), "{}", test.stdout);
    assert_inert("test", &test);
}

#[test]
fn member_names_from_a_csv_are_printed_inert_by_vote_and_power() {
    let csv = "id,name,population\nx\u{1b}]0;t\u{7},Evil\u{202e}name,100\ny,Y,200\n";
    let (_dir, file) = Scratch::with_file("members", "members.csv", csv);
    let power = statecraft(&["power", "--procedure", "qmv", "--members", &file]);
    assert_eq!(power.code, 0, "{}", power.stderr);
    assert!(
        power
            .stdout
            .contains("x\\u{1b}]0;t\\u{7} Evil\\u{202e}name"),
        "{}",
        power.stdout
    );
    assert_inert("power", &power);
    let against = "x\u{1b}]0;t\u{7}";
    let vote = statecraft(&[
        "vote",
        "--procedure",
        "unanimity",
        "--members",
        &file,
        "--against",
        against,
    ]);
    assert_eq!(vote.code, 0, "{}", vote.stderr);
    assert!(
        vote.stdout.contains("x\\u{1b}]0;t\\u{7}"),
        "{}",
        vote.stdout
    );
    assert_inert("vote", &vote);
}
