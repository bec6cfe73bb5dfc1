//! Bad input: every fixture in `tests/fixtures/bad/` is rejected with exit 1 and rendered
//! diagnostics (file:line:column, snippet, hints), snapshotted so wording changes are
//! reviewed.

use statecraft_tests::{snapshot_name, statecraft, toml_files};

/// Base files that fixtures extend (valid on their own) and seed files they name.
const HELPERS: [&str; 4] = [
    "extends/base.toml",
    "seeds/observed-without-source.toml",
    "seeds/meeting-calendar.toml",
    "seeds/calendar-without-source.toml",
];

#[test]
fn every_bad_fixture_is_rejected_with_located_diagnostics() {
    let files = toml_files("fixtures/bad");
    assert!(files.len() >= 25, "only {} fixtures", files.len());
    for file in files {
        let path = file.to_string_lossy().into_owned();
        if HELPERS.iter().any(|h| path.ends_with(h)) {
            continue;
        }
        let out = statecraft(&["check", &path]);
        assert_eq!(
            out.code, 1,
            "{path} should be invalid:\n{}{}",
            out.stdout, out.stderr
        );
        assert!(out.stderr.contains("error"), "{path}: {}", out.stderr);
        insta::with_settings!({ snapshot_path => "../snapshots/fixtures", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(snapshot_name(&file, "fixtures/bad"), out.stderr);
        });
    }
}

#[test]
fn the_base_of_the_variant_fixtures_is_valid() {
    let out = statecraft(&["check", "fixtures/bad/extends/base.toml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_file_past_the_size_limit_is_refused() {
    let dir = std::env::temp_dir().join(format!("statecraft-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.toml");
    let mut text = String::from("[scenario]\nid = \"big\"\n# ");
    text.push_str(&"x".repeat(5 * 1024 * 1024));
    std::fs::write(&big, text).unwrap();
    let out = statecraft(&["check", &big.to_string_lossy()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("larger than the limit"),
        "{}",
        out.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `[[calendar]]` in a seed file (with its `source`) paces re-votes and formal adoptions as
/// one in the scenario would (issue 11: meeting dates live in seeds, beside their sources).
#[test]
fn a_calendar_from_a_seed_file_paces_votes_and_adoptions() {
    let out = statecraft(&["test", "fixtures/seed-calendar/scenario.toml"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("1 passed, 0 failed"), "{}", out.stdout);
    let run = statecraft(&["run", "fixtures/seed-calendar/scenario.toml"]);
    assert!(
        run.stdout.contains("formal adoption: 2024-05-27"),
        "{}",
        run.stdout
    );
}
