//! The `statecraft` binary: hands the process's arguments, streams and console to the library.

use std::process::ExitCode;

use statecraft_cli::ui::Console;

fn main() -> ExitCode {
    let console = Console::of_this_process();
    // Unlocked handles: each write takes the stream's lock only for that write. Holding
    // `stderr.lock()` for the whole command once hung every batch on a terminal, when a
    // progress bar needed the same lock from another thread.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let mut err = std::io::stderr();
    let code = statecraft_cli::run(std::env::args_os(), &mut out, &mut err, &console);
    // What is still buffered must reach stdout too: a full disk is an error, a closed pipe not.
    let code = statecraft_cli::output::finish(&mut out, &mut err, code);
    ExitCode::from(code)
}
