//! The committed shell completions (`completions/`) and man pages (`man/`) are what the
//! binary generates now: a new command or option without `scripts/generate-shell-files`
//! fails here. Also that the pages and scripts name every command, and that `man` refuses an
//! unknown command as a usage error.

use std::collections::BTreeSet;

use statecraft_tests::statecraft;

const STALE: &str = "stale: run scripts/generate-shell-files and commit completions/ and man/";

fn committed(path: &str) -> String {
    std::fs::read_to_string(format!("../{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn commands() -> Vec<String> {
    let out = statecraft(&["man", "--list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout.lines().map(str::to_owned).collect()
}

#[test]
fn the_committed_completions_are_current() {
    for (shell, file) in [
        ("bash", "completions/statecraft.bash"),
        ("zsh", "completions/_statecraft"),
        ("fish", "completions/statecraft.fish"),
        ("powershell", "completions/_statecraft.ps1"),
        ("elvish", "completions/statecraft.elv"),
    ] {
        let out = statecraft(&["completions", shell]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout == committed(file), "{file} is {STALE}");
    }
}

#[test]
fn the_committed_man_pages_are_current_and_one_per_command() {
    let commands = commands();
    assert!(commands.contains(&"mc".to_owned()) && commands.contains(&"man".to_owned()));
    let mut expected: BTreeSet<String> = commands
        .iter()
        .map(|c| format!("statecraft-{c}.1"))
        .collect();
    expected.insert("statecraft.1".to_owned());
    let present: BTreeSet<String> = std::fs::read_dir("../man")
        .expect("man/")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(present, expected, "man/ is {STALE}");
    let out = statecraft(&["man"]);
    assert!(
        out.stdout == committed("man/statecraft.1"),
        "man/statecraft.1 is {STALE}"
    );
    for c in &commands {
        let out = statecraft(&["man", c]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let file = format!("man/statecraft-{c}.1");
        assert!(out.stdout == committed(&file), "{file} is {STALE}");
        // Each page is the command's own: its synopsis names `statecraft COMMAND`.
        assert!(
            out.stdout
                .contains(&format!("\\fBstatecraft {}\\fR", c.replace('-', "\\-"))),
            "{file} has no synopsis of `statecraft {c}`"
        );
    }
}

#[test]
fn completions_offer_every_command_and_the_options_of_one() {
    let bash = statecraft(&["completions", "bash"]).stdout;
    for c in commands() {
        assert!(
            bash.contains(&format!("statecraft,{c})")),
            "bash completes no `{c}`"
        );
    }
    let fish = statecraft(&["completions", "fish"]).stdout;
    assert!(fish.contains("__fish_statecraft_using_subcommand mc\" -l runs"));
}

#[test]
fn man_of_an_unknown_command_is_a_usage_error() {
    let out = statecraft(&["man", "nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("no command `nope`; the commands are: check, run"),
        "{}",
        out.stderr
    );
    assert_eq!(statecraft(&["completions", "tcsh"]).code, 2);
}
