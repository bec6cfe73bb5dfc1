//! `statecraft sensitivity`: a decisive setting ranked above inert ones, by both methods, the
//! same on any thread count; the outcome kinds it accepts.

use statecraft_tests::statecraft;

const MECHANISM: &str = "../scenarios/mechanisms/uncertain-settings.toml";

fn sensitivity(extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "sensitivity",
        MECHANISM,
        "--runs",
        "300",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = statecraft(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("sensitivity prints JSON")
}

#[test]
fn the_decisive_setting_ranks_first_and_inert_ones_show_no_effect() {
    let s = sensitivity(&["--outcome", "measure", "--morris", "4"]);
    assert_eq!(s["kind"], "proposal");
    let params = s["parameters"].as_array().unwrap();
    assert_eq!(params[0]["path"], "policy.member-hesitates.probability");
    // A likelier veto, a lower chance of adoption.
    assert!(
        params[0]["effect"].as_f64().unwrap() < -0.5,
        "{}",
        params[0]
    );
    assert!(
        params[0]["mu_star"].as_f64().unwrap() > 0.3,
        "{}",
        params[0]
    );
    // Common random numbers: settings the outcome never reads move it by exactly nothing.
    for p in &params[1..] {
        assert_eq!(p["effect"].as_f64(), Some(0.0), "{p}");
        assert_eq!(p["mu_star"].as_f64(), Some(0.0), "{p}");
    }
}

#[test]
fn observed_outcomes_and_flags_are_outcomes_too() {
    let s = sensitivity(&["--outcome", "hit-2024-03", "--morris", "2"]);
    assert_eq!(s["kind"], "observed");
    assert_eq!(s["at"], "2024-03-31");
    assert_eq!(s["parameters"][0]["path"], "event.shock.chance");
    let f = sensitivity(&["--outcome", "hit", "--at", "2024-05-31", "--morris", "0"]);
    assert_eq!(f["kind"], "flag");
    assert_eq!(f["parameters"][0]["path"], "event.shock.chance");
}

#[test]
fn the_first_line_names_the_setting_that_flips_the_outcome() {
    let out = statecraft(&[
        "sensitivity",
        MECHANISM,
        "--outcome",
        "measure",
        "--runs",
        "200",
        "--morris",
        "2",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "policy.member-hesitates.probability moves adopted(measure) by 2026-06-30 most: "
        ),
        "{first}"
    );
}

#[test]
fn sensitivity_is_the_same_on_any_thread_count() {
    let args = ["--outcome", "measure", "--morris", "3"];
    let one = sensitivity(&[&args[..], &["--threads", "1"]].concat());
    let two = sensitivity(&[&args[..], &["--threads", "2"]].concat());
    assert_eq!(one, two);
}

#[test]
fn an_unknown_outcome_is_named_with_a_suggestion() {
    let out = statecraft(&["sensitivity", MECHANISM, "--outcome", "measur"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("did you mean `measure`"),
        "{}",
        out.stderr
    );
    let out = statecraft(&[
        "sensitivity",
        MECHANISM,
        "--outcome",
        "measure",
        "--at",
        "2030-01-01",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}
