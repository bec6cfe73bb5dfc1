//! When a proposal voted down is voted again, dropped, or left pending at the scenario's end.
//! A regression test for a hindcast finding: an open proposal (a ratification still under
//! way, a measure re-tabled every quarter) ended as `failed` once the scenario's end left no
//! re-vote date, although nothing had dropped it.

use statecraft_tests::statecraft;

/// One member opposes throughout; the measure is voted from February, monthly by default.
const SCENARIO: &str = r#"
[scenario]
id = "retable-horizon"
title = "A measure voted down until the scenario ends"
start = 2025-01-01
end = 2025-12-31

[[actor]]
id = "m1"
name = "Member one"
kind = "member_state"
population = 1000

[[actor]]
id = "m2"
name = "Member two"
kind = "member_state"
population = 1000

[[actor]]
id = "partner"
name = "A partner"
kind = "partner"

[[instrument]]
id = "measure"
name = "A measure"
procedure = "unanimity"

[[proposal]]
id = "aid"
title = "Aid to the partner"
instrument = "measure"
beneficiary = "partner"
tabled = 2025-02-01
RETABLE

[[policy]]
id = "m1-against"
member = "m1"
rule = "oppose"
"#;

/// `run --format json` of the scenario with `retable` line `retable`: the proposal's final
/// outcome and number of votes, and the timeline's text.
fn outcome(retable: &str) -> (String, u64, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("retable.toml");
    std::fs::write(&path, SCENARIO.replace("RETABLE", retable)).unwrap();
    let path = path.to_string_lossy().into_owned();
    let out = statecraft(&["run", &path, "--format", "json"]);
    assert_eq!(out.code, 0, "{retable}: {}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let aid = &json["proposals"]["aid"];
    let text = statecraft(&["run", &path]).stdout;
    (
        aid["outcome"].as_str().unwrap().to_owned(),
        aid["attempts"].as_u64().unwrap(),
        text,
    )
}

#[test]
fn a_proposal_whose_next_vote_falls_after_the_end_stays_pending() {
    for (retable, attempts) in [
        ("retable = { every_months = 1 }", 11),
        ("retable = { every_months = 1, until = 2025-12-31 }", 11),
        ("retable = { every_months = 2, until = 2025-12-31 }", 6),
    ] {
        let (outcome, n, text) = outcome(retable);
        assert_eq!(
            (outcome.as_str(), n),
            ("pending", attempts),
            "{retable}\n{text}"
        );
        assert!(
            text.contains("aid: no vote again before the scenario ends; still pending"),
            "{text}"
        );
        assert!(!text.contains("aid dropped"), "{text}");
    }
}

#[test]
fn a_proposal_is_dropped_past_its_deadline_its_attempts_or_without_retable() {
    for (retable, attempts) in [
        ("retable = { every_months = 1, until = 2025-06-30 }", 5),
        ("retable = { every_months = 1, max_attempts = 3 }", 3),
        ("", 1),
    ] {
        let (outcome, n, text) = outcome(retable);
        assert_eq!(
            (outcome.as_str(), n),
            ("failed", attempts),
            "{retable}\n{text}"
        );
        assert!(text.contains("aid dropped"), "{text}");
    }
}
