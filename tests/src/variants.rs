//! `extends`, `override`, `[remove]` and `--set` on the positive path: what a variant changes
//! is changed, and nothing else.

use std::path::PathBuf;

use statecraft_tests::statecraft;

const BASE: &str = r#"[scenario]
id = "base"
title = "Base"
start = 2025-01-01
end = 2025-06-30
members = "MEMBERS"

[[actor]]
id = "partner"
kind = "partner"

[[indicator]]
id = "trust"
actors = ["partner"]
initial = { partner = 40 }

[[instrument]]
id = "cfsp"
procedure = "unanimity"

[[proposal]]
id = "measure"
instrument = "cfsp"
beneficiary = "partner"
amount_eur = 1_000_000
tabled = 2025-02-01

[[policy]]
id = "hu-veto"
member = "hu"
rule = "oppose"

[[policy]]
id = "sk-veto"
member = "sk"
rule = "oppose"
"#;

fn setup(name: &str, variant: &str) -> (PathBuf, String, String) {
    let dir =
        std::env::temp_dir().join(format!("statecraft-variant-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A copy beside the scenario: a scenario reads only files in its own project tree.
    std::fs::copy(
        "../seeds/eu27-council-population-2025.csv",
        dir.join("members.csv"),
    )
    .unwrap();
    std::fs::write(
        dir.join("base.toml"),
        BASE.replace("MEMBERS", "members.csv"),
    )
    .unwrap();
    std::fs::write(dir.join("variant.toml"), variant).unwrap();
    let base = dir.join("base.toml").to_string_lossy().into_owned();
    let variant = dir.join("variant.toml").to_string_lossy().into_owned();
    (dir, base, variant)
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = statecraft(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn override_changes_only_the_keys_it_writes_and_remove_deletes() {
    let (dir, base, variant) = setup(
        "override",
        "[scenario]\nid = \"variant\"\nextends = \"base.toml\"\n\n[[proposal]]\nid = \"measure\"\noverride = true\ntabled = 2025-03-01\n\n[remove]\npolicy = [\"hu-veto\"]\n\n[[policy]]\nid = \"sk-support\"\nmember = \"sk\"\nrule = \"support\"\n",
    );
    let b = json(&["run", &base, "--format", "json"]);
    assert_eq!(b["proposals"]["measure"]["outcome"], "failed");
    assert_eq!(
        b["proposals"]["measure"]["vetoed_by"],
        serde_json::json!(["hu", "sk"])
    );
    let v = json(&["run", &variant, "--format", "json"]);
    assert_eq!(v["scenario"], "variant");
    // Still the base's instrument and amount; a new date; hu's veto removed; sk's first policy
    // (the base's veto) still decides, since policies are tried in file order.
    assert_eq!(v["proposals"]["measure"]["decided"], "2025-03-01");
    assert_eq!(
        v["proposals"]["measure"]["vetoed_by"],
        serde_json::json!(["sk"])
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn set_reaches_nested_keys_and_header_keys() {
    let (dir, base, _) = setup("set", "");
    let v = json(&[
        "run",
        &base,
        "--format",
        "json",
        "--set",
        "indicator.trust.initial.partner=75",
        "--set",
        "scenario.end=2025-03-31",
        "--set",
        "policy.hu-veto.active=false",
        "--set",
        "policy.sk-veto.rule=support",
    ]);
    assert_eq!(v["indicators"]["trust"]["partner"], 75.0);
    assert_eq!(v["until"], "2025-03-31");
    assert_eq!(v["proposals"]["measure"]["outcome"], "adopted");
    let bad = statecraft(&[
        "check",
        &base,
        "--set",
        "indicator.trust.initial.partner=\"high\"",
    ]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("--set:1:"), "{}", bad.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_effect_can_move_the_drift_target() {
    let (dir, base, _) = setup("baseline", "");
    let text = std::fs::read_to_string(&base).unwrap().replace(
        "initial = { partner = 40 }",
        "initial = { partner = 40 }\ndrift = 0.5",
    ) + "\n[[event]]\nid = \"strategy\"\nat = 2025-02-01\neffects = [{ indicator = \"trust\", actor = \"partner\", baseline_to = 80 }]\n";
    std::fs::write(&base, text).unwrap();
    let v = json(&["run", &base, "--format", "json"]);
    // Half the gap closed each month from February: 40 → 60 → 70 → 75 → 77.5 → 78.75.
    assert_eq!(v["indicators"]["trust"]["partner"], 78.75);
    let record = &v["timeline"][0]["effects"][0];
    assert_eq!(record["kind"], "baseline", "{record}");
    assert_eq!(record["target"], "trust(partner)", "{record}");
    assert_eq!(
        (&record["before"], &record["after"]),
        (&40.0.into(), &80.0.into())
    );
    assert!(
        record["text"]
            .as_str()
            .unwrap()
            .starts_with("trust(partner) target 40 → 80"),
        "{record}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A base with one random event, for overriding it into a scheduled one.
const RANDOM_BASE: &str = r#"[scenario]
id = "base"
start = 2025-01-01
end = 2025-06-30

[[actor]]
id = "hu"
kind = "member_state"
population = 9_606_915

[[flag]]
id = "happened"

[[event]]
id = "shock"
chance = 0.01
effects = [{ flag = "happened" }]
"#;

#[test]
fn an_inherited_key_is_named_with_its_place_and_can_be_unset() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.toml"), RANDOM_BASE).unwrap();
    let variant = dir.path().join("variant.toml");
    let path = variant.to_string_lossy().into_owned();
    let header = "[scenario]\nid = \"variant\"\nextends = \"base.toml\"\n\n[[event]]\nid = \"shock\"\noverride = true\nat = 2025-03-01\n";
    std::fs::write(&variant, header).unwrap();
    let out = statecraft(&["check", &path]);
    assert_eq!(out.code, 1);
    let base = dir.path().join("base.toml");
    assert!(
        out.stderr.contains("variant.toml:8:6")
            && out.stderr.contains(&format!(
                "`chance` comes from the base scenario, at {}:16:10",
                base.display()
            ))
            && out.stderr.contains("unset = [\"chance\"]"),
        "{}",
        out.stderr
    );
    // The documented way out: the event becomes scheduled.
    std::fs::write(&variant, format!("{header}unset = [\"chance\"]\n")).unwrap();
    let v = json(&["run", &path, "--format", "json"]);
    assert_eq!(v["flags"]["happened"], true);
    // A key the base item lacks, and `unset` without `override`, are errors.
    std::fs::write(&variant, format!("{header}unset = [\"chanse\"]\n")).unwrap();
    let out = statecraft(&["check", &path]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("cannot unset `chanse`: the base item has no such key")
            && out.stderr.contains("did you mean `chance`?"),
        "{}",
        out.stderr
    );
    std::fs::write(
        &variant,
        "[scenario]\nid = \"variant\"\nextends = \"base.toml\"\n\n[[event]]\nid = \"other\"\nat = 2025-03-01\nunset = [\"chance\"]\n",
    )
    .unwrap();
    let out = statecraft(&["check", &path]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("`unset` only applies in an item with `override = true`"),
        "{}",
        out.stderr
    );
}
