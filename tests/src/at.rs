//! Outcomes at any date (issue 11, mechanism 8): `mc --at DATE` summarises the runs at the
//! end of the step that contains DATE, with the same numbers as the scenario cut to end
//! there, the same JSON keys, and the date in `until`; shards record it and merge only with
//! shards cut at the same date.

use statecraft_tests::statecraft;

/// A scenario with chance, noise, a vote that depends on them and a review, none of whose
/// dated items lies after June, so that cutting it at the end of June is a valid scenario.
const SCENARIO: &str = r#"
[scenario]
id = "at-date"
start = 2024-01-01
end = 2024-12-31

[[actor]]
id = "first"
kind = "member_state"
population = 9_606_915

[[actor]]
id = "second"
kind = "member_state"
population = 83_395_240

[[actor]]
id = "partner"
kind = "partner"

[[indicator]]
id = "trust"
actors = ["partner"]
initial = 50
noise = 4
drift = 0.1

[[flag]]
id = "crisis"

[[instrument]]
id = "measure"
procedure = "unanimity"

[[proposal]]
id = "decision"
instrument = "measure"
tabled = 2024-02-10
retable = { every_months = 1, until = 2024-05-31 }

[[policy]]
id = "waits"
member = "first"
rule = "conditional"
on = { proposals = ["decision"] }
condition = "trust(partner) < 52"
then = "against"

[[event]]
id = "shock"
chance = 0.2
text = "A shock"
effects = [{ flag = "crisis" }, { indicator = "trust", actor = "partner", by = -5 }]
"#;

fn without_run_stamps(json: &str) -> String {
    json.lines()
        .filter(|l| !l.trim_start().starts_with("\"until\"") && !l.contains("\"scenario_hash\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn scenario() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("at.toml");
    std::fs::write(&path, SCENARIO).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn mc_at_a_date_gives_the_numbers_of_the_scenario_cut_there() {
    let (_dir, path) = scenario();
    let mc = ["mc", &path, "--runs", "500", "--format", "json", "--quiet"];
    let at = statecraft(&[&mc[..], &["--at", "2024-06-15"]].concat());
    assert_eq!(at.code, 0, "{}", at.stderr);
    assert!(
        at.stdout.contains("\"until\": \"2024-06-15\""),
        "{}",
        at.stdout
    );
    let cut = statecraft(&[&mc[..], &["--set", "scenario.end=2024-06-30"]].concat());
    assert_eq!(cut.code, 0, "{}", cut.stderr);
    assert_eq!(
        without_run_stamps(&at.stdout),
        without_run_stamps(&cut.stdout)
    );
    // The same keys as a batch run to the end.
    let whole = statecraft(&mc);
    let keys = |json: &str| {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        keys.retain(|k| k != "until");
        keys
    };
    assert_eq!(keys(&at.stdout), keys(&whole.stdout));
}

#[test]
fn a_date_outside_the_scenario_is_refused_naming_the_flag() {
    let (_dir, path) = scenario();
    let out = statecraft(&["mc", &path, "--runs", "10", "--at", "2025-01-01"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--at 2025-01-01 is outside the scenario (2024-01-01 to 2024-12-31)"),
        "{}",
        out.stderr
    );
}

#[test]
fn shards_at_a_date_merge_and_shards_at_different_dates_do_not() {
    let (dir, path) = scenario();
    let part = |i: &str, at: &str| {
        let out = dir
            .path()
            .join(format!("part-{}-{at}.json", i.replace('/', "of")));
        let out = out.to_string_lossy().into_owned();
        let run = statecraft(&[
            "mc", &path, "--runs", "600", "--shard", i, "--at", at, "--out", &out, "--quiet",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        out
    };
    let (a, b) = (part("1/2", "2024-06-15"), part("2/2", "2024-06-15"));
    let merged = statecraft(&["merge", &a, &b, "--format", "json"]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    let whole = statecraft(&[
        "mc",
        &path,
        "--runs",
        "600",
        "--at",
        "2024-06-15",
        "--format",
        "json",
        "--quiet",
    ]);
    assert_eq!(merged.stdout, whole.stdout);
    let other = part("2/2", "2024-09-30");
    let refused = statecraft(&["merge", &a, &other]);
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("(--at)"), "{}", refused.stderr);
}

#[test]
fn diff_and_report_take_the_date_with_runs() {
    let (_dir, path) = scenario();
    let diff = statecraft(&[
        "diff",
        &path,
        &path,
        "--runs",
        "100",
        "--at",
        "2024-06-15",
        "--format",
        "json",
    ]);
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert!(
        diff.stdout.contains("\"until\": \"2024-06-15\""),
        "{}",
        diff.stdout
    );
    let report = statecraft(&[
        "report",
        &path,
        "--runs",
        "100",
        "--at",
        "2024-06-15",
        "--quiet",
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    assert!(
        report.stdout.contains("(100 runs, at 2024-06-15)"),
        "{}",
        report.stdout
    );
    // Without --runs there is no batch to cut.
    let refused = statecraft(&["diff", &path, &path, "--at", "2024-06-15"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}
