//! Where output goes (issue 9, items 12 and 13): a failed write is an error, `--out` replaces
//! only regular files (keeping their mode) and streams into anything else.
//!
//! Some of these run the real binary, since the final flush of standard output happens in
//! `main`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use statecraft_tests::statecraft;

const SCENARIO: &str = "../scenarios/mechanisms/qmv-route.toml";

/// The `statecraft` binary: the CLI's `main.rs`, which cargo builds for this test binary as
/// `statecraft-under-test` (see tests/Cargo.toml).
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_statecraft-under-test"))
}

/// Runs the binary with stdout into `stdout`, killing it after 60 s (a hang is a failure).
pub fn run_binary(args: &[&str], stdout: Stdio) -> (Option<i32>, String) {
    let mut child = Command::new(binary())
        .args(args)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
            return (status.code(), stderr);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("statecraft {args:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn writing_to_a_full_disk_is_an_error_for_run_mc_and_report() {
    for args in [
        vec!["run", SCENARIO],
        vec!["run", SCENARIO, "--format", "json"],
        vec!["mc", SCENARIO, "--runs", "20", "-q"],
        vec!["report", SCENARIO],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let (code, stderr) = run_binary(&args, Stdio::from(full));
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: cannot write output: No space left on device"),
            "{args:?}: {stderr}"
        );
    }
    // `--out /dev/full` streams into the device and fails the same way, naming the path.
    let out = statecraft(&["run", SCENARIO, "--out", "/dev/full"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("cannot write /dev/full: No space left on device"),
        "{}",
        out.stderr
    );
    use std::os::unix::fs::FileTypeExt;
    let device = Path::new("/dev/full").metadata().unwrap().file_type();
    assert!(device.is_char_device(), "/dev/full was replaced");
}

#[test]
fn a_closed_pipe_stays_a_quiet_success() {
    let mut child = Command::new(binary())
        .args(["run", SCENARIO, "--format", "jsonl"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn out_keeps_the_mode_of_an_existing_file_and_gives_new_files_0644() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.json");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = statecraft(&[
        "run",
        SCENARIO,
        "--format",
        "json",
        "--out",
        private.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(&private), 0o600);
    assert!(std::fs::read_to_string(&private).unwrap().starts_with('{'));

    let new = dir.path().join("new.json");
    let out = statecraft(&["run", SCENARIO, "--out", new.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(&new), 0o644);
}

#[cfg(unix)]
#[test]
fn out_refuses_a_read_only_file_and_leaves_it_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, "keep me").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = statecraft(&[
        "mc",
        SCENARIO,
        "--runs",
        "5",
        "--out",
        locked.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("is read-only"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), "keep me");
}

#[cfg(unix)]
#[test]
fn out_streams_into_a_fifo_instead_of_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    statecraft_tests::make_fifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, stderr) = run_binary(
        &[
            "run",
            SCENARIO,
            "--format",
            "json",
            "--out",
            fifo.to_str().unwrap(),
        ],
        Stdio::null(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(fifo.metadata().unwrap().file_type().is_fifo(), "replaced");
    let text = reader.join().unwrap();
    assert!(
        text.starts_with('{') && text.contains("\"timeline\""),
        "{text}"
    );
}
