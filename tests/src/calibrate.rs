//! `statecraft calibrate` and `[[uncertain]]`: a known chance recovered from outcomes drawn
//! from it, the same result on any thread count, the written variant valid, and uncertain
//! declarations that never change a run.

use statecraft_tests::statecraft;

const MECHANISM: &str = "../scenarios/mechanisms/uncertain-settings.toml";

fn calibrate(extra: &[&str]) -> serde_json::Value {
    let mut args = vec![
        "calibrate",
        MECHANISM,
        "--runs",
        "200",
        "--draws",
        "40",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = statecraft(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("calibrate prints JSON")
}

fn parameter<'a>(c: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    (c["parameters"].as_array().unwrap().iter())
        .find(|p| p["path"] == path)
        .unwrap_or_else(|| panic!("no parameter {path}"))
}

#[test]
fn calibration_recovers_the_chance_the_outcomes_were_drawn_from() {
    let c = calibrate(&["--threads", "1"]);
    assert_eq!(c["fitted_to"].as_array().unwrap().len(), 24);
    assert_eq!(c["after_cut_off"].as_array().unwrap().len(), 6);
    let shock = parameter(&c, "event.shock.chance");
    let (q05, q95) = (
        shock["q05"].as_f64().unwrap(),
        shock["q95"].as_f64().unwrap(),
    );
    // The outcomes were drawn at 0.3: the 90% interval holds it and is narrower than the prior.
    assert!(q05 < 0.3 && 0.3 < q95, "{shock}");
    assert!(q95 - q05 < 0.9 * (0.8 - 0.05), "{shock}");
    assert_eq!(shock["identified"], true);
    assert!(shock["sd"].as_f64().unwrap() < shock["prior_sd"].as_f64().unwrap());
    // What the outcomes cannot see stays as uncertain as its prior.
    for path in [
        "indicator.trust.noise",
        "policy.member-hesitates.probability",
    ] {
        assert_eq!(parameter(&c, path)["identified"], false, "{path}");
    }
    // The fit scores better on what it was fitted to.
    assert!(
        c["after"]["fitted"].as_f64() < c["before"]["fitted"].as_f64(),
        "{c}"
    );
}

#[test]
fn calibration_is_the_same_on_any_thread_count() {
    assert_eq!(
        calibrate(&["--threads", "1"]),
        calibrate(&["--threads", "2"])
    );
}

#[test]
fn the_written_variant_extends_the_file_and_passes_check() {
    // Beside the scenario, so `extends` is a plain file name (and the folder is in the project).
    let variant = std::path::Path::new("../scenarios/mechanisms")
        .join(format!("calibrated-{}.toml.tmp", std::process::id()));
    let shown = variant.to_str().unwrap().to_owned();
    let out = statecraft(&[
        "calibrate",
        MECHANISM,
        "--runs",
        "100",
        "--draws",
        "16",
        "--out",
        &shown,
    ]);
    let text = std::fs::read_to_string(&variant).unwrap_or_default();
    let check = statecraft(&["check", &shown]);
    let _ = std::fs::remove_file(&variant);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        text.contains("extends = \"uncertain-settings.toml\""),
        "{text}"
    );
    assert!(
        text.contains("[[event]]\nid = \"shock\"\noverride = true\n")
            && text.contains("\nchance = "),
        "{text}"
    );
    // Two settings of one item: one override with both keys.
    assert_eq!(text.matches("id = \"trust\"").count(), 1, "{text}");
    assert!(
        text.contains("\ndrift = ") && text.contains("\nnoise = "),
        "{text}"
    );
    assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
}

#[test]
fn a_scenario_without_uncertain_settings_or_past_outcomes_is_refused() {
    let out = statecraft(&[
        "calibrate",
        "../scenarios/mechanisms/observed-outcomes.toml",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("declares no uncertain setting"),
        "{}",
        out.stderr
    );
}

#[test]
fn uncertain_settings_change_no_run() {
    let with = statecraft(&["run", MECHANISM, "--format", "json"]);
    let without = statecraft(&[
        "run",
        MECHANISM,
        "--format",
        "json",
        "--set",
        "uncertain.shock-chance.range=[0.1, 0.2]",
    ]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    assert_eq!(with.stdout, without.stdout);
}

#[test]
fn an_outcome_observed_twice_counts_once() {
    // The same month's shock recorded under two ids: perfectly correlated outcomes. A
    // likelihood that multiplied them would count that month twice and move the posterior.
    let variant = std::path::Path::new("../scenarios/mechanisms")
        .join(format!("twice-{}.toml.tmp", std::process::id()));
    std::fs::write(
        &variant,
        "[scenario]\nid = \"mechanism-uncertain-settings-twice\"\nextends = \"uncertain-settings.toml\"\n\n[[observed]]\nid = \"hit-2024-04-again\"\nat = 2024-04-30\nthat = \"flag(hit)\"\noutcome = true\n",
    )
    .unwrap();
    let shown = variant.to_str().unwrap().to_owned();
    let out = statecraft(&[
        "calibrate",
        &shown,
        "--runs",
        "200",
        "--draws",
        "40",
        "--format",
        "json",
    ]);
    let _ = std::fs::remove_file(&variant);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let twice: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let once = calibrate(&[]);
    assert_eq!(twice["fitted_to"].as_array().unwrap().len(), 25);
    assert_eq!(
        twice["dependent"],
        serde_json::json!([["hit-2024-04", "hit-2024-04-again"]])
    );
    assert_eq!(once["dependent"], serde_json::json!([]));
    assert_eq!(twice["parameters"], once["parameters"]);
    assert_eq!(
        twice["effective_sample_size"],
        once["effective_sample_size"]
    );
}
