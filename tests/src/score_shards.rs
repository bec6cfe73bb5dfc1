//! `score --shard I/N` and `merge` (issue 12, item 3): merged shards print exactly what the
//! unsharded `score` prints, text and JSON, one file or several; shards that do not belong
//! together (another command, files, seed, runs, a missing shard, edited counts) are refused.

use serde_json::Value;
use statecraft_tests::statecraft;

const OBSERVED: &str = "../scenarios/mechanisms/observed-outcomes.toml";
const FORECAST: &str = "../scenarios/south-caucasus/forecast-2025-05.toml";

/// Writes the `count` shards of `score FILES --runs RUNS --seed SEED` into `dir`.
fn score_shards(
    dir: &std::path::Path,
    files: &[&str],
    runs: &str,
    seed: &str,
    count: u64,
    tag: &str,
) -> Vec<String> {
    (1..=count)
        .map(|i| {
            let path = dir.join(format!("{tag}-{i}.json"));
            let path = path.to_string_lossy().into_owned();
            let shard = format!("{i}/{count}");
            let mut args = vec!["score"];
            args.extend_from_slice(files);
            args.extend_from_slice(&[
                "--runs", runs, "--seed", seed, "--shard", &shard, "--out", &path,
            ]);
            let out = statecraft(&args);
            assert_eq!(out.code, 0, "{}", out.stderr);
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

#[test]
fn merged_shards_print_what_the_unsharded_score_prints() {
    let dir = tempfile::tempdir().unwrap();
    for files in [&[OBSERVED][..], &[OBSERVED, FORECAST][..]] {
        for count in [2, 3] {
            let tag = format!("s{}-{count}", files.len());
            let parts = score_shards(dir.path(), files, "301", "5", count, &tag);
            for format in ["text", "json"] {
                let mut args = vec!["score"];
                args.extend_from_slice(files);
                args.extend_from_slice(&["--runs", "301", "--seed", "5", "--format", format]);
                let whole = statecraft(&args);
                assert_eq!(whole.code, 0, "{}", whole.stderr);
                assert_eq!(
                    merged(&parts, format),
                    whole.stdout,
                    "{files:?} in {count} shards, {format}"
                );
            }
        }
    }
}

#[test]
fn the_cut_off_and_sets_travel_with_the_shards() {
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<String> = (1..=2)
        .map(|i| {
            let path = dir.path().join(format!("cut-{i}.json"));
            let path = path.to_string_lossy().into_owned();
            let shard = format!("{i}/2");
            let args = [
                "score",
                FORECAST,
                "--runs",
                "120",
                "--as-of",
                "2025-09-01",
                "--shard",
                &shard,
                "--out",
                &path,
            ];
            let out = statecraft(&args);
            assert_eq!(out.code, 0, "{}", out.stderr);
            path
        })
        .collect();
    let whole = statecraft(&["score", FORECAST, "--runs", "120", "--as-of", "2025-09-01"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    assert_eq!(merged(&parts, "text"), whole.stdout);
}

/// `merge ARGS...` must fail with exit 1, print nothing on stdout, and say `expected`.
fn refused(args: &[&str], expected: &str) {
    statecraft_tests::merge_refuses(args, expected);
}

#[test]
fn shards_that_do_not_belong_together_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = score_shards(d, &[OBSERVED], "200", "5", 2, "base");
    let seed = score_shards(d, &[OBSERVED], "200", "6", 2, "seed");
    let runs = score_shards(d, &[OBSERVED], "300", "5", 2, "runs");
    let file = score_shards(d, &[FORECAST], "200", "5", 2, "file");
    let mc = d.join("mc-2.json").to_string_lossy().into_owned();
    let out = statecraft(&[
        "mc", OBSERVED, "--runs", "200", "--seed", "5", "--shard", "2/2", "--out", &mc,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let b1 = base[0].as_str();
    refused(&[b1, &mc], "shards of different commands do not merge");
    refused(&[&mc, b1], "shards of different commands do not merge");
    refused(&[b1, &seed[1]], "its seed is 6, the other's 5");
    refused(&[b1, &runs[1]], "a shard of 300 runs in 2 shards");
    refused(&[b1, &file[1]], "it scored other files");
    refused(&[b1], "missing shard 2/2");
    refused(&[b1, b1], "shard 1/2 is also given as");
    // CSV is a format of `mc`, not of `score`: a usage error.
    let csv = statecraft(&["merge", "--format", "csv", b1, &base[1]]);
    assert_eq!(csv.code, 2, "{}", csv.stdout);
    assert!(csv.stderr.contains("text or json"), "{}", csv.stderr);

    // Edited counts: the checksum catches them.
    let edited = d.join("edited.json").to_string_lossy().into_owned();
    let mut partial: Value =
        serde_json::from_str(&std::fs::read_to_string(&base[1]).unwrap()).unwrap();
    partial["files"][0]["held"][0] = 7.into();
    std::fs::write(&edited, partial.to_string()).unwrap();
    refused(&[b1, &edited], "do not match its checksum");
}
