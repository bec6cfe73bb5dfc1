//! `calibrate --shard I/N`, `sensitivity --shard I/N` and `merge` (issue 12): merged shards
//! print exactly what the unsharded command prints, text and JSON, for any split of the runs;
//! shards that do not belong together (a missing one, another command, another seed) are
//! refused with a message that says why.

use statecraft_tests::statecraft;

const MECHANISM: &str = "../scenarios/mechanisms/uncertain-settings.toml";
const CALIBRATE: &[&str] = &["calibrate", MECHANISM, "--runs", "151", "--draws", "12"];
const SENSITIVITY: &[&str] = &[
    "sensitivity",
    MECHANISM,
    "--outcome",
    "measure",
    "--runs",
    "151",
    "--morris",
    "3",
];

/// Writes the `count` shards of `command --seed SEED` into `dir`.
fn shards(
    dir: &std::path::Path,
    command: &[&str],
    seed: &str,
    count: u64,
    tag: &str,
) -> Vec<String> {
    (1..=count)
        .map(|i| {
            let path = dir.join(format!("{tag}-{i}.json"));
            let path = path.to_string_lossy().into_owned();
            let shard = format!("{i}/{count}");
            let mut args = command.to_vec();
            args.extend_from_slice(&["--seed", seed, "--shard", &shard, "--out", &path]);
            let out = statecraft(&args);
            assert_eq!(out.code, 0, "{}", out.stderr);
            assert!(
                out.stdout.is_empty(),
                "a shard prints nothing: {}",
                out.stdout
            );
            path
        })
        .collect()
}

fn merged(parts: &[String], format: &str) -> String {
    let mut args = vec!["merge", "--format", format];
    args.extend(parts.iter().map(String::as_str));
    let out = statecraft(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn whole(command: &[&str], seed: &str, format: &str) -> String {
    let mut args = command.to_vec();
    args.extend_from_slice(&["--seed", seed, "--format", format]);
    let out = statecraft(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn merged_calibrate_shards_print_what_the_unsharded_calibrate_prints() {
    let dir = tempfile::tempdir().unwrap();
    for count in [2, 3] {
        let parts = shards(dir.path(), CALIBRATE, "5", count, &format!("c{count}"));
        for format in ["text", "json"] {
            assert_eq!(
                merged(&parts, format),
                whole(CALIBRATE, "5", format),
                "{count} shards, {format}"
            );
        }
    }
}

#[test]
fn merged_sensitivity_shards_print_what_the_unsharded_sensitivity_prints() {
    let dir = tempfile::tempdir().unwrap();
    for count in [2, 4] {
        let parts = shards(dir.path(), SENSITIVITY, "5", count, &format!("s{count}"));
        for format in ["text", "json"] {
            assert_eq!(
                merged(&parts, format),
                whole(SENSITIVITY, "5", format),
                "{count} shards, {format}"
            );
        }
    }
}

/// `merge ARGS...` must fail with exit 1, print nothing on stdout, and say `expected`.
fn refused(args: &[&str], expected: &str) {
    statecraft_tests::merge_refuses(args, expected);
}

#[test]
fn shards_that_do_not_belong_together_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = shards(d, CALIBRATE, "5", 3, "base");
    let seed = shards(d, CALIBRATE, "6", 3, "seed");
    let study = shards(d, SENSITIVITY, "5", 2, "study");
    refused(&[&base[0], &base[2]], "missing shard 2/3");
    refused(
        &[&base[0], &seed[1], &base[2]],
        "its seed is 6, the other's 5",
    );
    refused(
        &[&base[0], &base[0], &base[2]],
        "shard 1/3 is also given as",
    );
    refused(
        &[&base[0], &study[1]],
        "shards of different commands do not merge",
    );
    // Edited counts are caught by the checksum.
    let text = std::fs::read_to_string(&study[0]).unwrap();
    let edited = d.join("edited.json");
    let held = text.find("\"held\":[").unwrap() + "\"held\":[".len();
    let mut bumped = text.clone();
    bumped.insert(held, '1');
    std::fs::write(&edited, bumped).unwrap();
    refused(
        &[edited.to_str().unwrap(), &study[1]],
        "do not match its checksum",
    );
}

#[test]
fn merged_calibrate_shards_write_the_fitted_variant_calibrate_writes() {
    let dir = tempfile::tempdir().unwrap();
    let parts = shards(dir.path(), CALIBRATE, "5", 2, "v");
    // Beside the scenario, so `extends` is a plain file name (and the folder is in the project).
    let at = |tag: &str| {
        std::path::Path::new("../scenarios/mechanisms")
            .join(format!("{tag}-{}.toml.tmp", std::process::id()))
            .to_string_lossy()
            .into_owned()
    };
    let (sharded, whole) = (at("merged-variant"), at("whole-variant"));
    let mut args = vec!["merge", "--variant", &sharded];
    args.extend(parts.iter().map(String::as_str));
    let merged = statecraft(&args);
    let mut args = CALIBRATE.to_vec();
    args.extend_from_slice(&["--seed", "5", "--out", &whole]);
    let unsharded = statecraft(&args);
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let (a, b) = (read(&sharded), read(&whole));
    let _ = std::fs::remove_file(&sharded);
    let _ = std::fs::remove_file(&whole);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(unsharded.code, 0, "{}", unsharded.stderr);
    assert_eq!(merged.stdout, unsharded.stdout);
    assert!(a.contains("extends = \"uncertain-settings.toml\""), "{a}");
    assert_eq!(a, b);
    // Only shards of `calibrate` have fitted values.
    let study = shards(dir.path(), SENSITIVITY, "5", 2, "sv");
    let out = statecraft(&["merge", "--variant", &sharded, &study[0], &study[1]]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("--variant writes the fitted values"),
        "{}",
        out.stderr
    );
}
