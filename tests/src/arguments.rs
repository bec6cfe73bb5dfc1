//! Arguments are validated once, by clap, the same for every command: a bad value is a usage
//! error (exit 2) whose message names the flag, and nothing runs.

use clap::CommandFactory;
use statecraft_cli::Cli;
use statecraft_tests::statecraft;

const FILE: &str = "../scenarios/mechanisms/qmv-route.toml";

/// `args` is refused as bad usage, naming `flag`, before any output.
fn refused(args: &[&str], flag: &str) {
    let out = statecraft(args);
    assert_eq!(
        out.code,
        2,
        "`statecraft {}` should be a usage error: {}{}",
        args.join(" "),
        out.stdout,
        out.stderr
    );
    assert!(
        out.stderr.contains(flag),
        "`statecraft {}`: the message does not name {flag}: {}",
        args.join(" "),
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn runs_below_one_are_usage_errors_everywhere() {
    // `test --runs 0` once printed "held in 0.0% of 0 runs" and exited 1.
    for runs in ["--runs=0", "--runs=-1", "--runs=many"] {
        for args in [
            vec!["mc", FILE, runs],
            vec![
                "sweep",
                FILE,
                "--vary",
                "instrument.epf.procedure=qmv",
                runs,
            ],
            vec!["report", FILE, runs],
            vec!["diff", FILE, FILE, runs],
            vec!["explain", FILE, "anything", runs],
            vec!["test", FILE, runs],
        ] {
            refused(&args, "--runs");
        }
    }
}

#[test]
fn threads_outside_1_to_1024_are_usage_errors_everywhere() {
    // `--threads 10000` once took a minute for 1,000 runs, and a value near u64::MAX hung.
    for value in [
        "0",
        "1025",
        "10000",
        "18446744073709551615",
        "99999999999999999999",
    ] {
        for args in [
            vec!["mc", FILE, "--runs", "1", "--threads", value],
            vec![
                "sweep",
                FILE,
                "--vary",
                "instrument.epf.procedure=qmv",
                "--threads",
                value,
            ],
            vec!["report", FILE, "--runs", "1", "--threads", value],
            vec!["diff", FILE, FILE, "--runs", "1", "--threads", value],
        ] {
            refused(&args, "--threads");
        }
    }
}

#[test]
fn the_most_threads_allowed_still_work_for_a_single_run() {
    // Bounded to the work at use: one run starts one thread, not 1,024.
    let out = statecraft(&["mc", FILE, "--runs", "1", "--threads", "1024"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1 runs"), "{}", out.stdout);
}

#[test]
fn bad_shards_are_usage_errors() {
    for value in ["0/3", "4/3", "3", "a/b", "1/0", "/", "=-1/3"] {
        let shard = format!("--shard={}", value.trim_start_matches('='));
        refused(&["mc", FILE, "--runs", "10", &shard], "--shard");
    }
}

#[test]
fn bad_dates_are_usage_errors() {
    for value in ["June", "2025-02-30", "2025-13-01", "2025-06", "2025/06/30"] {
        refused(&["run", FILE, "--until", value], "--until");
    }
}

#[test]
fn a_bad_colour_choice_is_a_usage_error() {
    refused(&["run", FILE, "--color", "sometimes"], "--color");
}

#[test]
fn commands_describe_their_shared_options_in_the_same_words() {
    let cli = Cli::command();
    let help = |command: &str, flag: &str| -> String {
        let sub = cli.find_subcommand(command).expect(command);
        let arg = sub
            .get_arguments()
            .find(|a| a.get_long() == Some(flag))
            .unwrap_or_else(|| panic!("{command} has no --{flag}"));
        arg.get_help().map(ToString::to_string).unwrap_or_default()
    };
    let shared = [
        ("seed", &["sweep", "report", "diff", "explain", "test"][..]),
        ("threads", &["sweep", "report", "diff"][..]),
        ("quiet", &["sweep", "report"][..]),
    ];
    for (flag, commands) in shared {
        let words = help("mc", flag);
        assert!(!words.is_empty(), "mc --{flag} has no description");
        for command in commands {
            assert_eq!(help(command, flag), words, "{command} --{flag}");
        }
    }
}
