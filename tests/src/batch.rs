//! Batches of runs: reproducible whatever the thread count, shards that merge into exactly
//! the unsharded result, paired diffs, sweeps, explanations.

use statecraft_tests::statecraft;

const RANDOM: &str = "../scenarios/mechanisms/chance-and-noise.toml";

#[test]
fn mc_is_identical_on_1_2_and_4_threads() {
    let run = |threads: &str| {
        statecraft(&[
            "mc",
            RANDOM,
            "--runs",
            "3000",
            "--seed",
            "11",
            "--threads",
            threads,
            "--format",
            "json",
        ])
    };
    let one = run("1");
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout, run("2").stdout);
    assert_eq!(one.stdout, run("4").stdout);
    let json: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(json["runs"], 3000);
    let adopted = &json["proposals"]["measure"]["adopted"];
    let (p, lo, hi) = (
        adopted["p"].as_f64().unwrap(),
        adopted["lo"].as_f64().unwrap(),
        adopted["hi"].as_f64().unwrap(),
    );
    assert!(lo <= p && p <= hi && p > 0.95, "{adopted}");
    assert!(
        json["statuses"].is_object()
            && json["indicators"]["trust(partner)"]
                .as_array()
                .unwrap()
                .len()
                == 12
    );
}

#[test]
fn different_seeds_give_different_batches() {
    let a = statecraft(&[
        "mc", RANDOM, "--runs", "500", "--seed", "1", "--format", "json",
    ]);
    let b = statecraft(&[
        "mc", RANDOM, "--runs", "500", "--seed", "2", "--format", "json",
    ]);
    assert_ne!(a.stdout, b.stdout);
}

#[test]
fn shards_merge_into_exactly_the_unsharded_result() {
    let dir = std::env::temp_dir().join(format!("statecraft-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let whole = statecraft(&[
        "mc", RANDOM, "--runs", "1001", "--seed", "5", "--format", "json",
    ]);
    let mut parts = Vec::new();
    for i in 1..=3 {
        let part = dir
            .join(format!("part-{i}.json"))
            .to_string_lossy()
            .into_owned();
        let out = statecraft(&[
            "mc",
            RANDOM,
            "--runs",
            "1001",
            "--seed",
            "5",
            "--shard",
            &format!("{i}/3"),
            "--out",
            &part,
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        parts.push(part);
    }
    let mut args = vec!["merge", "--format", "json"];
    args.extend(parts.iter().map(String::as_str));
    let merged = statecraft(&args);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(merged.stdout, whole.stdout);
    let missing = statecraft(&["merge", &parts[0], &parts[1]]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("exactly once"),
        "{}",
        missing.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn diff_finds_where_timelines_part() {
    let out = statecraft(&["diff", RANDOM, RANDOM]);
    assert!(
        out.stdout.contains("The timelines are identical."),
        "{}",
        out.stdout
    );
    let out = statecraft(&[
        "diff",
        "../scenarios/mechanisms/unanimity-veto.toml",
        "../scenarios/mechanisms/qmv-route.toml",
    ]);
    assert_eq!(out.code, 0);
    assert!(
        out.stdout
            .contains("The timelines part at 2025-02-01 (line 1)"),
        "{}",
        out.stdout
    );
}

#[test]
fn paired_diff_of_a_scenario_with_itself_is_zero() {
    let out = statecraft(&["diff", RANDOM, RANDOM, "--runs", "400", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let d = &json["proposals"]["measure"]["adopted"]["difference"];
    assert_eq!(
        (d["d"].as_f64(), d["lo"].as_f64(), d["hi"].as_f64()),
        (Some(0.0), Some(0.0), Some(0.0)),
        "{d}"
    );
}

#[test]
fn sweep_has_one_row_per_point() {
    let out = statecraft(&[
        "sweep",
        RANDOM,
        "--vary",
        "event.settlement-reached.chance=0..0.2:0.1",
        "--vary",
        "instrument.cfsp.procedure=unanimity,qmv",
        "--runs",
        "200",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1 + 6, "{}", out.stdout);
    assert!(lines[0].starts_with(
        "event.settlement-reached.chance,instrument.cfsp.procedure,proposal.measure.adopted.p"
    ));
    assert!(
        lines[1].starts_with("0,unanimity,") && lines[6].starts_with("0.2,qmv,1.0,"),
        "{}",
        out.stdout
    );
    let bad = statecraft(&[
        "sweep",
        RANDOM,
        "--vary",
        "event.settlement-reached.chance=0.5..0.1:0.1",
    ]);
    assert_eq!(bad.code, 2);
}

#[test]
fn explain_names_the_policy_and_its_condition() {
    let out = statecraft(&[
        "explain",
        "../scenarios/mechanisms/balanced-aid-package.toml",
        "aid-east",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("hu-balance (Hungary): supports only if aid to west is at least 1 × aid to the beneficiary (same package, or adopted within 12 months)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("aid-west tabled with aid-east"),
        "{}",
        out.stdout
    );
    let many = statecraft(&["explain", RANDOM, "measure", "--runs", "200"]);
    assert!(
        many.stdout.contains("Final outcome") && many.stdout.contains("adopted"),
        "{}",
        many.stdout
    );
    let unknown = statecraft(&["explain", RANDOM, "mesure"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("did you mean `measure`?"),
        "{}",
        unknown.stderr
    );
}

mod same_seed {
    use proptest::prelude::*;
    use statecraft_tests::statecraft;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

        #[test]
        fn same_seed_same_timeline(seed in any::<u64>()) {
            let seed = seed.to_string();
            let a = statecraft(&["run", super::RANDOM, "--seed", &seed, "--format", "json"]);
            let b = statecraft(&["run", super::RANDOM, "--seed", &seed, "--format", "json"]);
            prop_assert_eq!(a.code, 0);
            prop_assert_eq!(a.stdout, b.stdout);
        }
    }
}

#[test]
fn an_added_random_event_leaves_the_other_draws_alone() {
    // Each item draws from its own stream: a variant that adds a random event must not move
    // the draws of the base's items, so paired differences elsewhere are exactly zero.
    let dir = std::env::temp_dir().join(format!("statecraft-crn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::path::Path::new(RANDOM).canonicalize().unwrap();
    let variant = dir.join("variant.toml");
    std::fs::write(
        &variant,
        format!(
            "[scenario]\nid = \"crn\"\nextends = \"{}\"\n\n[[flag]]\nid = \"noise\"\n\n[[event]]\nid = \"coin\"\nchance = 0.5\nonce = false\neffects = [{{ flag = \"noise\" }}]\n",
            base.display()
        ),
    )
    .unwrap();
    let out = statecraft(&[
        "diff",
        RANDOM,
        &variant.to_string_lossy(),
        "--runs",
        "500",
        "--format",
        "json",
        // The variant, in a temporary folder, extends a file of this repository.
        "--allow-path",
        "..",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for d in [
        &json["proposals"]["measure"]["adopted"]["difference"],
        &json["flags"]["settlement"]["difference"],
    ] {
        assert_eq!(
            (d["d"].as_f64(), d["lo"].as_f64(), d["hi"].as_f64()),
            (Some(0.0), Some(0.0), Some(0.0)),
            "{d}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
