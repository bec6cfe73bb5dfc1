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
    // A closed pipe (`statecraft run ... | head`) is not an error worth reporting.
    let _ = std::io::Write::flush(&mut out);
    ExitCode::from(code)
}
