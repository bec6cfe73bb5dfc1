//! Every scenario in `scenarios/`: valid, its expectations hold, and its seed-0 timeline
//! matches the reviewed snapshot.

use statecraft_tests::{snapshot_name, statecraft, toml_files};

#[test]
fn every_scenario_timeline_matches_its_snapshot() {
    let files = toml_files("../scenarios");
    assert!(!files.is_empty(), "no scenarios found");
    for file in files {
        let path = file.to_string_lossy().into_owned();
        let run = statecraft(&["run", &path]);
        assert_eq!(run.code, 0, "{path}: {}", run.stderr);
        insta::with_settings!({ snapshot_path => "../snapshots/scenarios", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(snapshot_name(&file, "../scenarios"), run.stdout);
        });
    }
}

#[test]
fn every_scenario_passes_check() {
    let out = statecraft(&["check", "../scenarios"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn every_expectation_holds() {
    let out = statecraft(&["test", "../scenarios"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains(" passed, 0 failed"), "{}", out.stdout);
}

#[test]
fn same_seed_same_bytes_json() {
    for file in toml_files("../scenarios") {
        let path = file.to_string_lossy().into_owned();
        let a = statecraft(&["run", &path, "--format", "json", "--seed", "3"]);
        let b = statecraft(&["run", &path, "--format", "json", "--seed", "3"]);
        assert_eq!(a.stdout, b.stdout, "{path}");
    }
}
