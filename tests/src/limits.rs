//! Numbers at and past the documented limits (docs/limits.md, issue 9): each either computes
//! exactly or is refused with a message; none wraps into a plausible wrong number.

use statecraft_tests::statecraft;

/// A file named `name` holding `text` in a fresh temporary folder (kept while the guard lives).
fn file(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn populations_at_the_limit_are_counted_exactly() {
    // 26 members of ten billion for, one of one person against: 99.99...% of the population.
    let mut csv = String::from("id,population\n");
    for i in 0..26 {
        csv.push_str(&format!("m{i},10_000_000_000\n"));
    }
    csv.push_str("tiny,1\n");
    let (_dir, members) = file("members.csv", &csv);
    let out = statecraft(&[
        "vote",
        "--procedure",
        "qmv",
        "--members",
        &members,
        "--against",
        "tiny",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["adopted"], true, "{json}");
    assert_eq!(json["tally"]["population"], 260_000_000_001u64);
    assert_eq!(json["tally"]["population_in_favour"], 260_000_000_000u64);
}

#[test]
fn populations_past_the_limit_are_refused_by_vote_and_power() {
    // Two members of i64::MAX once wrapped the total: 99.99% support read as 33.3%.
    let csv = "id,population\nbig,9223372036854775807\nhuge,9223372036854775807\nsmall,1000\n";
    let (_dir, members) = file("members.csv", csv);
    for command in ["vote", "power"] {
        let out = statecraft(&[command, "--procedure", "qmv", "--members", &members]);
        assert_eq!(out.code, 1, "{command}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stderr.contains(
                "member `big`: population 9223372036854775807 is larger than the limit of 10000000000"
            ),
            "{command}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "{command}: {}", out.stdout);
    }
}

#[test]
fn populations_past_the_limit_are_refused_in_a_scenario_given_to_vote() {
    let scenario = "[scenario]\nid = \"s\"\nstart = 2024-01-01\nend = 2024-12-31\n\n\
        [[actor]]\nid = \"big\"\nkind = \"member_state\"\npopulation = 10_000_000_001\n";
    let (_dir, path) = file("s.toml", scenario);
    for args in [
        vec!["check", &path],
        vec!["vote", "--procedure", "qmv", "--members", &path],
    ] {
        let out = statecraft(&args);
        assert_eq!(out.code, 1, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("larger than the limit of 10000000000")
                && out.stderr.contains(":9:14"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_scenario_in_the_calendars_last_year_runs_its_twelve_steps() {
    // Issue 9: a 12-step scenario in year 9999 was refused as "more than 5000 steps".
    let scenario = "[scenario]\nid = \"late\"\nstart = 9999-01-01\nend = 9999-12-30\n";
    let (_dir, path) = file("late.toml", scenario);
    let out = statecraft(&["check", &path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("12 steps"), "{}", out.stdout);
}
