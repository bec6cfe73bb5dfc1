//! Colour follows the user: `--color auto|always|never`, `NO_COLOR`, `CLICOLOR_FORCE`, and
//! each stream's own terminal status (help goes to stdout, diagnostics to stderr). The rules
//! are those of cargo and ripgrep; the in-process runner takes the console as data, so each
//! rule is tested without touching the process's environment.

use statecraft_tests::{Console, Output, statecraft_on};

const BAD: &str = "fixtures/bad/duplicate-id.toml";
const ESC: char = '\u{1b}';

/// Both streams on a terminal, an empty environment.
fn terminal() -> Console {
    Console {
        stdout_is_terminal: true,
        stderr_is_terminal: true,
        ..Console::default()
    }
}

fn check_bad(console: &Console, extra: &[&str]) -> Output {
    let mut args = vec!["check", BAD];
    args.extend_from_slice(extra);
    let out = statecraft_on(&args, console);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("duplicate"), "{}", out.stderr);
    out
}

fn coloured(text: &str) -> bool {
    text.contains(ESC)
}

#[test]
fn diagnostics_on_a_terminal_are_coloured_and_into_a_pipe_are_not() {
    assert!(coloured(&check_bad(&terminal(), &[]).stderr));
    assert!(!coloured(&check_bad(&Console::default(), &[]).stderr));
}

#[test]
fn no_color_turns_colour_off_on_a_terminal() {
    let console = Console {
        no_color: true,
        ..terminal()
    };
    assert!(!coloured(&check_bad(&console, &[]).stderr));
    assert!(!coloured(&statecraft_on(&["--help"], &console).stdout));
}

#[test]
fn clicolor_force_colours_a_pipe_unless_no_color_is_set() {
    let forced = Console {
        clicolor_force: true,
        ..Console::default()
    };
    assert!(coloured(&check_bad(&forced, &[]).stderr));
    let both = Console {
        no_color: true,
        ..forced
    };
    assert!(!coloured(&check_bad(&both, &[]).stderr));
}

#[test]
fn the_color_flag_wins_over_the_environment_and_the_terminal() {
    let no_color = Console {
        no_color: true,
        ..Console::default()
    };
    assert!(coloured(
        &check_bad(&no_color, &["--color", "always"]).stderr
    ));
    assert!(coloured(
        &check_bad(&Console::default(), &["--color=always"]).stderr
    ));
    assert!(!coloured(
        &check_bad(&terminal(), &["--color", "never"]).stderr
    ));
    let forced = Console {
        clicolor_force: true,
        ..terminal()
    };
    assert!(!coloured(&check_bad(&forced, &["--color=never"]).stderr));
}

#[test]
fn help_into_a_pipe_has_no_escape_codes_even_when_stderr_is_a_terminal() {
    // `statecraft --help | less` once got escape codes: colour was decided by stderr alone.
    let console = Console {
        stdout_is_terminal: false,
        stderr_is_terminal: true,
        ..Console::default()
    };
    for args in [&["--help"][..], &["mc", "--help"], &["help", "sweep"]] {
        let out = statecraft_on(args, &console);
        assert_eq!(out.code, 0);
        assert!(!out.stdout.is_empty());
        assert!(!coloured(&out.stdout), "{args:?}: {}", out.stdout);
    }
    // ... and on a terminal it has them, so the check above can fail.
    assert!(coloured(&statecraft_on(&["--help"], &terminal()).stdout));
}

#[test]
fn the_color_flag_applies_to_help_and_usage_errors_too() {
    let out = statecraft_on(&["--color", "never", "mc", "--help"], &terminal());
    assert!(!coloured(&out.stdout), "{}", out.stdout);
    let out = statecraft_on(&["mc", "--help", "--color=always"], &Console::default());
    assert!(coloured(&out.stdout), "{}", out.stdout);
    let out = statecraft_on(&["--color=always", "frobnicate"], &Console::default());
    assert_eq!(out.code, 2);
    assert!(coloured(&out.stderr), "{}", out.stderr);
}

#[test]
fn the_environment_is_read_as_cargo_reads_it() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        Console::from_env(
            move |key| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| (*v).into())
            },
            true,
            true,
        )
    };
    assert!(env(&[("NO_COLOR", "1")]).no_color);
    assert!(
        !env(&[("NO_COLOR", "")]).no_color,
        "empty NO_COLOR is unset"
    );
    assert!(env(&[("CLICOLOR_FORCE", "1")]).clicolor_force);
    assert!(!env(&[("CLICOLOR_FORCE", "0")]).clicolor_force);
    assert!(env(&[("CLICOLOR", "0")]).clicolor_off);
    assert!(env(&[("TERM", "dumb")]).dumb_terminal);
    let quiet = env(&[("CLICOLOR", "0")]);
    assert!(!coloured(&check_bad(&quiet, &[]).stderr));
}
