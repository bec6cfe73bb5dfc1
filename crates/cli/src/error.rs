//! The CLI's one error type: a message for stderr and the exit code that goes with it.
//!
//! Exit codes follow ripgrep and cargo: 0 success, 1 the input is invalid or a check failed,
//! 2 the command line itself is wrong (clap uses 2 for its own usage errors too).

use std::fmt;

/// A failure that ends a command: printed as `error: {message}` and exits with `code`.
#[derive(Debug)]
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    /// The input (a scenario, a members file, ...) is invalid: exit 1.
    pub fn invalid(message: impl Into<String>) -> Self {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    /// The command line is wrong (unknown member id, bad flag combination): exit 2.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
        }
    }

    /// Diagnostics were already printed; only the exit code is left to give.
    pub fn silent(code: u8) -> Self {
        CliError {
            code,
            message: String::new(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for CliError {
    fn from(err: std::io::Error) -> Self {
        // Commands meet I/O errors when writing their output (reads map their own errors, with
        // the file's name): a closed pipe is a quiet success, anything else a failure.
        crate::output::write_error(&err, None)
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;
