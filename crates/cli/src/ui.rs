//! What the user sees besides the data: colour on each stream, and whether progress may be
//! drawn.
//!
//! Decided once, by [`Ui::decide`], from the `--color` flag, the environment (`NO_COLOR`,
//! `CLICOLOR_FORCE`, `CLICOLOR`, `TERM=dumb`, as cargo and ripgrep read them) and whether each
//! stream is a terminal; then passed down. No command looks at the environment or at a stream
//! itself, so the tests can set every one of these facts without touching the process.

use std::ffi::OsString;
use std::io::IsTerminal;

pub use clap::ColorChoice;

/// The facts about the process that colour and progress depend on: gathered by `main`, or set
/// by a test.
#[derive(Clone, Debug, Default)]
pub struct Console {
    pub stdout_is_terminal: bool,
    pub stderr_is_terminal: bool,
    /// `NO_COLOR` is set and not empty (no-color.org): no colour unless `--color always`.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set and not `0`: colour even into a pipe, unless `--color never`.
    pub clicolor_force: bool,
    /// `CLICOLOR=0`: no colour on a terminal either.
    pub clicolor_off: bool,
    /// `TERM=dumb`: a terminal that shows escape codes as text.
    pub dumb_terminal: bool,
}

impl Console {
    /// This process's streams and environment.
    pub fn of_this_process() -> Console {
        Console::from_env(
            |key| std::env::var_os(key),
            std::io::stdout().is_terminal(),
            std::io::stderr().is_terminal(),
        )
    }

    /// The console described by an environment (`lookup` returns a variable's value) and the
    /// two streams' terminal status.
    pub fn from_env(
        lookup: impl Fn(&str) -> Option<OsString>,
        stdout_is_terminal: bool,
        stderr_is_terminal: bool,
    ) -> Console {
        let set_and =
            |key: &str, test: fn(&OsString) -> bool| lookup(key).is_some_and(|v| test(&v));
        Console {
            stdout_is_terminal,
            stderr_is_terminal,
            no_color: set_and("NO_COLOR", |v| !v.is_empty()),
            clicolor_force: set_and("CLICOLOR_FORCE", |v| !v.is_empty() && v != "0"),
            clicolor_off: set_and("CLICOLOR", |v| v == "0"),
            dumb_terminal: set_and("TERM", |v| v == "dumb"),
        }
    }

    /// Whether a stream gets colour under `choice`. In `auto`, `NO_COLOR` wins over
    /// `CLICOLOR_FORCE` (as in anstream, which clap and cargo use).
    fn colours(&self, choice: ColorChoice, is_terminal: bool) -> bool {
        match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if self.no_color {
                    false
                } else if self.clicolor_force {
                    true
                } else {
                    is_terminal && !self.clicolor_off && !self.dumb_terminal
                }
            }
        }
    }
}

/// The decisions every command follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ui {
    /// Escape codes in what goes to standard output (help text).
    pub color_stdout: bool,
    /// Escape codes in what goes to standard error (diagnostics, errors).
    pub color_stderr: bool,
    /// Standard error is a terminal, so a progress bar can be drawn there (unless `--quiet`).
    /// Independent of colour: `NO_COLOR` asks for no colour, not for no progress.
    pub progress: bool,
}

impl Ui {
    pub fn decide(choice: ColorChoice, console: &Console) -> Ui {
        Ui {
            color_stdout: console.colours(choice, console.stdout_is_terminal),
            color_stderr: console.colours(choice, console.stderr_is_terminal),
            progress: console.stderr_is_terminal,
        }
    }
}

/// The value of the last `--color` among raw arguments, read before parsing so that even a
/// parse error (or `--help`) is rendered as asked. Stops at `--`; an invalid value counts as
/// `auto` here (clap then reports it).
pub fn color_flag(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        let Some(arg) = arg.to_str() else { continue };
        if arg == "--" {
            break;
        }
        let value = if arg == "--color" {
            iter.next().and_then(|v| v.to_str())
        } else {
            arg.strip_prefix("--color=")
        };
        if let Some(value) = value {
            choice = match value {
                "always" => ColorChoice::Always,
                "never" => ColorChoice::Never,
                _ => ColorChoice::Auto,
            };
        }
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(args: &[&str]) -> ColorChoice {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        color_flag(&args)
    }

    #[test]
    fn the_color_flag_is_found_before_parsing() {
        assert_eq!(flag(&["statecraft", "--help"]), ColorChoice::Auto);
        assert_eq!(
            flag(&["statecraft", "--color", "never", "mc"]),
            ColorChoice::Never
        );
        assert_eq!(
            flag(&["statecraft", "mc", "--color=always"]),
            ColorChoice::Always
        );
        assert_eq!(
            flag(&["statecraft", "--color=never", "--color", "always"]),
            ColorChoice::Always,
            "the last one wins, as clap reads it"
        );
        assert_eq!(
            flag(&["statecraft", "--", "--color=never"]),
            ColorChoice::Auto
        );
        assert_eq!(
            flag(&["statecraft", "--color", "purple"]),
            ColorChoice::Auto
        );
    }
}
