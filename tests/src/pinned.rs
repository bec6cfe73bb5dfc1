//! Pinned results: a hash of the baseline's Monte Carlo JSON, so that no refactoring can move
//! a number unnoticed. Update [`BASELINE_MC_20000`] only with a deliberate change of
//! behaviour (the engine, the random streams, the summary's format, the version), and say so
//! in the commit.
//!
//! The `scenario_hash` line is left out of the hash: it fingerprints the input files, seeds
//! included, so a fact added to a seed (which moves no number) would otherwise move the pin.

use statecraft_tests::statecraft;

const BASELINE: &str = "../scenarios/south-caucasus/baseline.toml";

/// FNV-1a, 64 bits: small, fixed, and enough to notice any changed byte.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The output without its `scenario_hash` line (see the module doc).
fn numbers_only(json: &str) -> String {
    json.lines()
        .filter(|line| !line.trim_start().starts_with("\"scenario_hash\""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `statecraft mc baseline.toml --runs 20000 --format json`, without `scenario_hash`, hashed.
const BASELINE_MC_20000: u64 = 0x3026_2db2_4c35_3bc6;

#[test]
fn baseline_mc_json_is_pinned() {
    let out = statecraft(&[
        "mc", BASELINE, "--runs", "20000", "--format", "json", "--quiet",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("\"scenario_hash\""),
        "the line left out is there"
    );
    let numbers = numbers_only(&out.stdout);
    assert_eq!(
        fnv1a(numbers.as_bytes()),
        BASELINE_MC_20000,
        "the baseline's Monte Carlo JSON changed: if that is deliberate, update the pin \
         ({:#018x}) and say why in the commit",
        fnv1a(numbers.as_bytes())
    );
}

#[test]
fn fnv1a_matches_its_reference_values() {
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
}
