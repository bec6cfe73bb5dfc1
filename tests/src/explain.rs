//! Effects as records in the JSON timeline, and `explain --format json` as data: the fields a
//! program reads, checked against the values the scenarios set.

use serde_json::{Value, json};
use statecraft_tests::statecraft;

const MECHANISMS: &str = "../scenarios/mechanisms";
const BASELINE: &str = "../scenarios/south-caucasus/baseline.toml";
const FORECAST: &str = "../scenarios/south-caucasus/forecast-2025-05.toml";

fn json_of(args: &[&str]) -> Value {
    let out = statecraft(args);
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}\n{}", out.stdout))
}

fn mechanism(name: &str) -> String {
    format!("{MECHANISMS}/{name}.toml")
}

/// Every effect record of a run, in timeline order.
fn records(run: &Value) -> Vec<Value> {
    run["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|line| line["effects"].as_array().cloned().unwrap_or_default())
        .collect()
}

fn of_kind<'a>(records: &'a [Value], kind: &str) -> Vec<&'a Value> {
    records.iter().filter(|r| r["kind"] == kind).collect()
}

#[test]
fn timeline_effects_are_records_of_every_kind_with_their_values() {
    // An indicator and a status: the review mechanism.
    let run = json_of(&[
        "run",
        &mechanism("review-suspend-restore"),
        "--format",
        "json",
    ]);
    let all = records(&run);
    assert_eq!(
        of_kind(&all, "indicator")[0],
        &json!({"kind": "indicator", "target": "compliance(partner)", "before": 70.0,
                "after": 30.0, "text": "compliance(partner) 70 → 30"})
    );
    let statuses = of_kind(&all, "status");
    assert_eq!(
        statuses[0],
        &json!({"kind": "status", "target": "partner.visa_free", "before": "active",
                "after": "suspended", "text": "partner.visa_free: active → suspended"})
    );
    let last = statuses.last().unwrap();
    assert_eq!(
        (&last["before"], &last["after"]),
        (&json!("suspended"), &json!("active"))
    );
    assert_eq!(run["statuses"]["partner"]["visa_free"], last["after"]);

    // An office: its record has no note of its own (the appointment line says it).
    let run = json_of(&["run", &mechanism("office-change"), "--format", "json"]);
    let all = records(&run);
    let offices = of_kind(&all, "office");
    assert_eq!(
        offices,
        [
            &json!({"kind": "office", "target": "hrvp", "before": "hardliner",
                 "after": "pragmatist", "text": null})
        ]
    );
    assert_eq!(run["offices"]["hrvp"], offices[0]["after"]);

    // A flag, and an indicator whose values are not whole.
    let run = json_of(&["run", &mechanism("chance-and-noise"), "--format", "json"]);
    let all = records(&run);
    let flag = of_kind(&all, "flag")[0];
    assert_eq!(
        flag,
        &json!({"kind": "flag", "target": "settlement", "before": false, "after": true,
                "text": "flag settlement = true"})
    );
    assert_eq!(run["flags"]["settlement"], true);
    let trust = of_kind(&all, "indicator")[0];
    let (before, after) = (
        trust["before"].as_f64().unwrap(),
        trust["after"].as_f64().unwrap(),
    );
    assert!((after - before - 10.0).abs() < 1e-5, "{trust}");

    // A proposal: re-tabled (pending to pending), then adopted (no note of its own).
    let run = json_of(&["run", &mechanism("unanimity-veto"), "--format", "json"]);
    let all = records(&run);
    let proposals = of_kind(&all, "proposal");
    assert_eq!(
        proposals[0],
        &json!({"kind": "proposal", "target": "aid", "before": "pending", "after": "pending",
                "text": "aid to be voted again in 2025-03"})
    );
    let last = proposals.last().unwrap();
    assert_eq!(
        last,
        &&json!({"kind": "proposal", "target": "aid", "before": "pending", "after": "adopted",
                 "text": null})
    );
    assert_eq!(run["proposals"]["aid"]["outcome"], last["after"]);
    assert_eq!(
        of_kind(&all, "policy")[0],
        &json!({"kind": "policy", "target": "hu-veto", "before": true, "after": false,
                "text": "policy hu-veto dropped"})
    );
}

#[test]
fn the_text_timeline_prints_the_records_notes() {
    for name in [
        "review-suspend-restore",
        "office-change",
        "unanimity-veto",
        "balanced-aid-package",
    ] {
        let file = mechanism(name);
        let run = json_of(&["run", &file, "--format", "json"]);
        let notes: Vec<String> = records(&run)
            .iter()
            .filter_map(|r| r["text"].as_str().map(str::to_owned))
            .collect();
        let text = statecraft(&["run", &file]).stdout;
        let printed: Vec<String> = text
            .lines()
            .filter_map(|l| l.split_once("↳ ").map(|(_, note)| note.to_owned()))
            .collect();
        assert_eq!(printed, notes, "{name}");
    }
}

fn causes<'a>(x: &'a Value, kind: &str) -> Vec<&'a Value> {
    x["causes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind)
        .collect()
}

#[test]
fn explain_json_on_the_baseline_names_votes_policies_and_what_moved_them() {
    let x = json_of(&["explain", BASELINE, "epf-armenia-2025", "--format", "json"]);
    assert_eq!(x["target"]["kind"], "proposal");
    assert_eq!(x["target"]["id"], "epf-armenia-2025");
    assert!(x["target"]["title"].is_string());
    assert_eq!(x["outcome"], "adopted");
    assert_eq!(x["attempts"], 8);
    let votes = causes(&x, "vote");
    assert_eq!(votes.len(), 8);
    let vote = votes[0];
    assert_eq!(vote["date"], "2025-02-24");
    assert_eq!(
        (&vote["entry"], &vote["id"]),
        (&json!("vote"), &json!("epf-armenia-2025"))
    );
    assert_eq!(vote["adopted"], false);
    assert_eq!(
        vote["objections"],
        json!([{"member": "hu", "vote": "against", "policy": "hu-balance-2025"}])
    );
    let policy = causes(&x, "policy")[0];
    assert_eq!(
        (&policy["id"], &policy["member"]),
        (&json!("hu-balance-2025"), &json!("hu"))
    );
    assert_eq!(policy["rule"]["kind"], "balanced_aid");
    assert_eq!(policy["rule"]["counterpart"], "azerbaijan");
    assert_eq!(policy["when"], "!flag(peace_agreement_signed)");
    assert!(
        policy["reads"]
            .as_array()
            .unwrap()
            .contains(&json!({"kind": "flag", "target": "peace_agreement_signed"})),
        "{policy}"
    );
    let moved = causes(&x, "timeline");
    assert!(!moved.is_empty());
    let retabled = moved
        .iter()
        .flat_map(|c| c["changes"].as_array().unwrap())
        .find(|r| r["target"] == "az-mine-action-2024")
        .expect("the counterpart's aid tabled");
    assert_eq!(retabled["kind"], "proposal");
    // The concession that lifted the objection is read, so the event that met it is a cause.
    assert!(
        moved
            .iter()
            .flat_map(|c| c["changes"].as_array().unwrap())
            .any(|r| r["kind"] == "flag" && r["target"] == "am_hu_understanding"),
        "{moved:?}"
    );
    let sources: Vec<&str> = x["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains(&"sc-epf-armenia-2025-blocked-reported"),
        "{sources:?}"
    );
}

#[test]
fn explain_json_on_a_review_names_the_review_and_the_values_it_reads() {
    let file = mechanism("review-suspend-restore");
    let x = json_of(&["explain", &file, "partner.visa_free", "--format", "json"]);
    assert_eq!(
        x["target"],
        json!({"kind": "status", "id": "partner.visa_free"})
    );
    assert_eq!(x["outcome"], "active");
    assert!(x.get("attempts").is_none());
    let review = causes(&x, "review")[0];
    assert_eq!(review["id"], "privileges");
    assert_eq!(review["requires"], "compliance(partner) >= 50");
    assert_eq!(
        review["reads"],
        json!([{"kind": "indicator", "target": "compliance(partner)"}])
    );
    assert_eq!(x["changed_by"][0]["kind"], "review");
    let changes: Vec<&Value> = causes(&x, "timeline")
        .iter()
        .flat_map(|c| c["changes"].as_array().unwrap())
        .collect();
    assert!(changes.contains(
        &&json!({"kind": "indicator", "target": "compliance(partner)",
        "before": 70.0, "after": 30.0, "text": "compliance(partner) 70 → 30"})
    ));
    assert!(
        changes
            .iter()
            .any(|r| r["kind"] == "status" && r["after"] == "suspended"),
        "{changes:?}"
    );
    // The same causes the text prints, one line each.
    let text = statecraft(&["explain", &file, "partner.visa_free"]).stdout;
    let moved = text
        .split("What moved the values they read\n")
        .nth(1)
        .unwrap();
    let lines = moved
        .lines()
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.contains('↳'))
        .count();
    assert_eq!(lines, causes(&x, "timeline").len(), "{text}");
}

#[test]
fn explain_runs_json_counts_causes_by_outcome() {
    let file = mechanism("chance-and-noise");
    let x = json_of(&[
        "explain", &file, "measure", "--runs", "200", "--format", "json",
    ]);
    assert_eq!(x["target"]["id"], "measure");
    assert_eq!((&x["runs"], &x["seed"]), (&json!(200), &json!(0)));
    let outcomes = x["outcomes"].as_array().unwrap();
    let total: u64 = outcomes.iter().map(|o| o["runs"].as_u64().unwrap()).sum();
    assert_eq!(total, 200);
    let causes = x["causes"].as_array().unwrap();
    assert!(!causes.is_empty());
    for c in causes {
        assert!(c["kind"].is_string(), "{c}");
        assert_eq!(c["runs"].as_array().unwrap().len(), outcomes.len(), "{c}");
        assert_eq!(c["shares"].as_array().unwrap().len(), outcomes.len(), "{c}");
    }
    // Ranked: the spread never grows down the list.
    let spreads: Vec<f64> = causes
        .iter()
        .map(|c| c["spread"].as_f64().unwrap())
        .collect();
    assert!(spreads.windows(2).all(|w| w[0] >= w[1]), "{spreads:?}");
}

/// The text of `explain`, pinned: for a proposal (votes, a balance policy, what moved it),
/// a status moved by a review, and causes over runs.
#[test]
fn explain_text_matches_its_snapshots() {
    let review = mechanism("review-suspend-restore");
    let balance = mechanism("balanced-aid-package");
    for (name, args) in [
        (
            "explain-baseline-epf-armenia-2025",
            vec!["explain", BASELINE, "epf-armenia-2025"],
        ),
        (
            "explain-review-status",
            vec!["explain", &review, "partner.visa_free"],
        ),
        (
            "explain-balanced-aid",
            vec!["explain", &balance, "aid-east"],
        ),
        (
            "explain-runs",
            // The forecast as of May 2025 does not know the December 2025 understanding:
            // the measure is adopted in a quarter of the runs and still pending in the rest.
            vec!["explain", FORECAST, "epf-armenia-2025", "--runs", "300"],
        ),
    ] {
        let out = statecraft(&args);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        insta::with_settings!({ snapshot_path => "../snapshots/explain", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, out.stdout);
        });
    }
}

#[test]
fn explain_lists_every_stage_and_why_a_proposal_was_held_back() {
    // Parliament rejects the agreement after the Council adopted it: both are votes of the
    // explanation, the second with its body and no member ballots.
    let x = json_of(&[
        "explain",
        &mechanism("parliament"),
        "agreement-a",
        "--format",
        "json",
    ]);
    let votes: Vec<&Value> = (x["causes"].as_array().unwrap().iter())
        .filter(|c| c["kind"] == "vote")
        .collect();
    assert_eq!(votes.len(), 2, "{x:#}");
    assert_eq!(votes[0]["adopted"], true);
    assert!(votes[0].get("stage").is_none());
    assert_eq!(votes[1]["stage"], "parliament_members");
    assert_eq!(votes[1]["adopted"], false);
    // The run's JSON timeline says the same of the stage line.
    let run = json_of(&["run", &mechanism("parliament"), "--format", "json"]);
    let stage = (run["timeline"].as_array().unwrap().iter())
        .find(|e| e["id"] == "agreement-a" && e.get("stage").is_some())
        .expect("a stage line");
    assert_eq!(
        stage["stage"],
        json!({"body": "parliament_members", "passed": false})
    );

    // A proposer's wait is part of the story: the held-back line, then the tabling.
    let x = json_of(&[
        "explain",
        &mechanism("initiative"),
        "framework-partner",
        "--format",
        "json",
    ]);
    let kinds: Vec<&str> = (x["causes"].as_array().unwrap().iter())
        .filter_map(|c| c["entry"].as_str())
        .collect();
    assert!(
        kinds.contains(&"held_back") && kinds.contains(&"tabled"),
        "{kinds:?}"
    );
}
