//! `merge` refuses every partial that does not fit (issue 9, item 4): tampered counts, shortened
//! vectors, another version or format, shards out of range, mixed quantile settings, missing
//! and duplicate shards. Each refusal exits 1 and prints no numbers.

use serde_json::Value;
use statecraft_model::model::fnv1a;
use statecraft_tests::statecraft;

const RANDOM: &str = "../scenarios/mechanisms/chance-and-noise.toml";

/// Writes the `count` shards of a batch of `runs` runs into `dir`; returns their paths.
fn shards(dir: &std::path::Path, runs: u64, count: u64, extra: &[&str], tag: &str) -> Vec<String> {
    (1..=count)
        .map(|i| {
            let path = dir
                .join(format!("{tag}-{i}.json"))
                .to_string_lossy()
                .into_owned();
            let shard = format!("{i}/{count}");
            let runs = runs.to_string();
            let mut args = vec![
                "mc", RANDOM, "--runs", &runs, "--seed", "3", "--shard", &shard, "--out", &path,
            ];
            args.extend_from_slice(extra);
            let out = statecraft(&args);
            assert_eq!(out.code, 0, "{}", out.stderr);
            path
        })
        .collect()
}

/// Rewrites the partial at `path` with `edit`; with `reseal`, recomputes its checksum as a
/// deliberate tamperer would, so the other checks must catch the edit.
fn tamper(path: &str, to: &str, reseal: bool, edit: impl FnOnce(&mut Value)) -> String {
    let mut partial: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    edit(&mut partial);
    if reseal {
        let aggregate = serde_json::to_string(&partial["aggregate"]).unwrap();
        partial["checksum"] = format!("{:016x}", fnv1a([aggregate.as_str()], 0)).into();
    }
    std::fs::write(to, serde_json::to_string(&partial).unwrap()).unwrap();
    to.to_owned()
}

/// `merge --format json ARGS...` must fail with exit 1, print nothing on stdout, and say
/// `expected`.
fn refused(args: &[&str], expected: &str) {
    statecraft_tests::merge_refuses(&[&["--format", "json"], args].concat(), expected);
}

#[test]
fn tampered_partials_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let parts = shards(dir.path(), 300, 3, &[], "part");
    let edited = dir
        .path()
        .join("edited.json")
        .to_string_lossy()
        .into_owned();
    let (p1, p2, p3) = (parts[0].as_str(), parts[1].as_str(), parts[2].as_str());
    // The untouched shards merge.
    let ok = statecraft(&["merge", p1, p2, p3]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);

    // A shortened array: the checksum catches it; resealed, the shape does.
    let shorten = |v: &mut Value| {
        v["aggregate"]["histograms"].as_array_mut().unwrap().pop();
    };
    let e = tamper(p2, &edited, false, shorten);
    refused(&[p1, &e, p3], "does not match its checksum");
    let e = tamper(p2, &edited, true, shorten);
    refused(
        &[p1, &e, p3],
        "`histograms` has 2399 entries where its shape needs 2400",
    );

    // Edited run counts: in the aggregate (its counts no longer add up), or in the header
    // (the run range no longer is the shard's).
    let e = tamper(p2, &edited, true, |v| v["aggregate"]["runs"] = 400.into());
    refused(
        &[p1, &e, p3],
        "its aggregate counts 400 runs (it claims 100 runs)",
    );
    let e = tamper(p2, &edited, true, |v| {
        let outcomes = &mut v["aggregate"]["outcomes"][0];
        outcomes[1] = (outcomes[1].as_u64().unwrap() * 250).into();
    });
    refused(&[p1, &e, p3], "the outcomes of proposal 0 do not add up");
    let e = tamper(p2, &edited, true, |v| v["runs"] = 1000.into());
    refused(
        &[p1, &e, p3],
        "covers runs 100..200, but the partial says 100..1100",
    );
    let e = tamper(p2, &edited, true, |v| v["runs_total"] = 3000.into());
    refused(&[p1, &e, p3], "covers runs 1000..2000");

    // Another version, another format.
    let e = tamper(p2, &edited, false, |v| v["version"] = "9.9.9".into());
    refused(&[p1, &e, p3], "written by statecraft 9.9.9");
    for format in [1, 3] {
        let e = tamper(p2, &edited, false, |v| {
            v["statecraft_partial"] = format.into()
        });
        refused(
            &[p1, &e, p3],
            &format!("partial format {format} is not the format"),
        );
    }

    // A shard index out of range, and an index into a vector that is not there.
    let e = tamper(p2, &edited, false, |v| v["shard"][0] = 7.into());
    refused(&[p1, &e, p3], "shard 7/3 does not exist");
    let e = tamper(p2, &edited, true, |v| {
        v["aggregate"]["adopted_in_step"][0]
            .as_array_mut()
            .unwrap()
            .pop();
    });
    refused(
        &[p1, &e, p3],
        "`adopted_in_step[0]` has 11 entries where the scenario has 12 steps",
    );
    let e = tamper(p2, &edited, true, |v| {
        v["aggregate"]["histograms"][5] = 1_000_000.into();
    });
    refused(&[p1, &e, p3], "does not hold every run once");

    // Fields that are not part of the format.
    let e = tamper(p2, &edited, false, |v| v["extra"] = true.into());
    refused(&[p1, &e, p3], "unknown field `extra`");
}

#[test]
fn shards_must_be_one_batch_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let parts = shards(dir.path(), 100, 10, &[], "ten");
    let all: Vec<&str> = parts.iter().map(String::as_str).collect();
    let without_3_and_7: Vec<&str> = (all.iter().enumerate())
        .filter(|(i, _)| *i != 2 && *i != 6)
        .map(|(_, p)| *p)
        .collect();
    refused(&without_3_and_7, "missing shards 3/10, 7/10");
    refused(&[all[4]], "missing shards 1/10, 2/10, 3/10, 4/10, 6/10");

    let mut duplicated = all.clone();
    duplicated.push(all[4]);
    refused(&duplicated, "shard 5/10 is also given as");

    // Overlapping shards of another split of the same runs.
    let other = shards(dir.path(), 100, 2, &[], "two");
    refused(&[all[0], &other[0], &other[1]], "not from the same batch");
    refused(&[&other[0], &other[1], all[0]], "not from the same batch");

    // Shards with and without quantiles, in either order.
    let bare = shards(dir.path(), 100, 2, &["--no-quantiles"], "bare");
    refused(
        &[&other[0], &bare[1]],
        "one holds quantiles and the other does not",
    );
    refused(
        &[&bare[0], &other[1]],
        "one holds quantiles and the other does not",
    );
    // Without quantiles throughout, they merge, and say so by having none.
    let out = statecraft(&["merge", "--format", "json", &bare[0], &bare[1]]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["indicators"], serde_json::json!({}));
    assert_eq!(json["runs"], 100);

    // A partial of another scenario, or of this one before it changed: its hash differs.
    let edited = dir
        .path()
        .join("edited.json")
        .to_string_lossy()
        .into_owned();
    let e = tamper(&other[1], &edited, false, |v| {
        v["scenario_hash"] = "0123456789abcdef".into();
    });
    refused(
        &[&other[0], &e],
        "ran on a scenario with hash 0123456789abcdef",
    );
}
