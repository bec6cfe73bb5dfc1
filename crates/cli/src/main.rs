//! The `statecraft` binary: hands the process's arguments and streams to the library.

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let terminal = stderr.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = stderr.lock();
    let code = statecraft_cli::run(std::env::args_os(), &mut out, &mut err, terminal);
    // What is still buffered must reach stdout too: a full disk is an error, a closed pipe not.
    let code = statecraft_cli::output::finish(&mut out, &mut err, code);
    ExitCode::from(code)
}
