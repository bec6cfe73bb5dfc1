//! The real binary on a real pseudo-terminal.
//!
//! In-process tests write into buffers, so they never see what only a terminal brings: the
//! progress bar, colour, and locks on the process's own stdout and stderr. A batch once hung
//! forever on a terminal (the main thread held the stderr lock while the bar drew from a
//! worker thread) and every in-process test passed. These tests run the binary under a PTY,
//! with a deadline: a hang is killed and reported as a failure, never a stuck test run.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Long enough for a debug build on a loaded 2-core machine; a hang never ends.
const DEADLINE: Duration = Duration::from_secs(60);

/// What a command printed on the terminal (stdout and stderr interleaved, as a user sees them).
struct Session {
    code: u32,
    screen: String,
}

/// Runs the CLI under a pseudo-terminal (stdin, stdout and stderr all on it), with `env` set
/// and the colour variables of the caller's environment removed; kills it and fails the test
/// when it has not finished by [`DEADLINE`].
fn on_terminal(args: &[&str], env: &[(&str, &str)]) -> Session {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_statecraft-under-test"));
    cmd.args(args);
    cmd.cwd(Path::new(env!("CARGO_MANIFEST_DIR")));
    for var in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "CI"] {
        cmd.env_remove(var);
    }
    cmd.env("TERM", "xterm-256color");
    for (key, value) in env {
        cmd.env(key, value);
    }
    let mut child = pty.slave.spawn_command(cmd).expect("start the binary");
    // The child holds its own copy of the terminal's slave side; ours must close so that the
    // reader sees the end once the child exits.
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("read the terminal");
    // Drained on a thread so the child never blocks on a full terminal buffer.
    let drain = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 4096];
        // On Linux, reading the master after the last slave closes fails with EIO: the end.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll the child") {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            drop(pty.master);
            let screen = String::from_utf8_lossy(&drain.join().unwrap_or_default()).into_owned();
            panic!(
                "`statecraft {}` did not finish within {DEADLINE:?} on a terminal (killed); it printed:\n{screen}",
                args.join(" ")
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    drop(pty.master);
    let screen = String::from_utf8_lossy(&drain.join().unwrap_or_default()).into_owned();
    Session {
        code: status.exit_code(),
        screen,
    }
}

/// Runs a command that shows progress and asserts it finishes, exits 0 and prints `expected`.
fn finishes(args: &[&str], expected: &str) {
    let session = on_terminal(args, &[]);
    assert_eq!(
        session.code,
        0,
        "`statecraft {}` failed on a terminal:\n{}",
        args.join(" "),
        session.screen
    );
    assert!(
        session.screen.contains(expected),
        "`statecraft {}` printed no `{expected}` on a terminal:\n{}",
        args.join(" "),
        session.screen
    );
}

const BASELINE: &str = "../scenarios/south-caucasus/baseline.toml";
const VARIANT: &str = "../scenarios/south-caucasus/hu-drops-balance.toml";

#[test]
fn mc_finishes_on_a_terminal() {
    finishes(&["mc", BASELINE, "--runs", "2000"], "Proposals:");
}

#[test]
fn mc_draws_its_progress_bar_on_a_terminal() {
    // The bar is what once hung: make sure these tests really draw it.
    finishes(&["mc", BASELINE, "--runs", "2000"], "/2000 runs");
    // Its rate is whole runs a second, not indicatif's four decimals ("242,805.7396/s").
    let session = on_terminal(&["mc", BASELINE, "--runs", "2000"], &[]);
    assert!(session.screen.contains(" runs/s, "), "{}", session.screen);
}

#[test]
fn quiet_mc_draws_no_bar() {
    let session = on_terminal(&["mc", BASELINE, "--runs", "2000", "--quiet"], &[]);
    assert_eq!(session.code, 0, "{}", session.screen);
    assert!(session.screen.contains("Proposals:"), "{}", session.screen);
    assert!(!session.screen.contains("/2000 runs"), "{}", session.screen);
}

#[test]
fn mc_on_several_threads_finishes_on_a_terminal() {
    finishes(
        &["mc", BASELINE, "--runs", "2000", "--threads", "2"],
        "Proposals:",
    );
}

#[test]
fn sweep_finishes_on_a_terminal() {
    finishes(
        &[
            "sweep",
            BASELINE,
            "--vary",
            "policy.hu-balance-2025.ratio=0.5..1:0.5",
            "--runs",
            "300",
        ],
        "policy.hu-balance-2025.ratio",
    );
}

#[test]
fn report_with_runs_finishes_on_a_terminal() {
    finishes(&["report", BASELINE, "--runs", "1000"], "</html>");
}

#[test]
fn diff_with_runs_finishes_on_a_terminal() {
    finishes(
        &["diff", BASELINE, VARIANT, "--runs", "1000"],
        "paired runs",
    );
}

#[test]
fn explain_with_runs_finishes_on_a_terminal() {
    finishes(
        &["explain", BASELINE, "epf-armenia-2025", "--runs", "200"],
        "over 200 runs",
    );
}

#[test]
fn test_with_probabilities_finishes_on_a_terminal() {
    // Expectations with probability bounds run a batch, with the same progress bar.
    finishes(
        &[
            "test",
            "../scenarios/mechanisms/chance-and-noise.toml",
            "--runs",
            "2000",
        ],
        "passed",
    );
}

#[test]
fn no_color_on_a_terminal_prints_no_escape_codes() {
    let args = ["check", "fixtures/bad/duplicate-id.toml"];
    let coloured = on_terminal(&args, &[]);
    assert_eq!(coloured.code, 1, "{}", coloured.screen);
    assert!(
        coloured.screen.contains('\u{1b}'),
        "without NO_COLOR a terminal gets colour: {}",
        coloured.screen
    );
    let plain = on_terminal(&args, &[("NO_COLOR", "1")]);
    assert_eq!(plain.code, 1, "{}", plain.screen);
    assert!(plain.screen.contains("duplicate"), "{}", plain.screen);
    assert!(
        !plain.screen.contains('\u{1b}'),
        "NO_COLOR=1 on a terminal: {:?}",
        plain.screen
    );
}
