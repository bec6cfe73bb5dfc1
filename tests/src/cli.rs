//! The command line as users meet it: help text, exit codes, output contracts.

use statecraft_tests::statecraft;

#[test]
fn help_of_every_command_is_snapshotted() {
    // Every command, as `man --list` names them (the list the man pages are made from).
    let list = statecraft(&["man", "--list"]).stdout;
    for cmd in std::iter::once("").chain(list.lines()) {
        let args: Vec<&str> = if cmd.is_empty() {
            vec!["--help"]
        } else {
            vec![cmd, "--help"]
        };
        let out = statecraft(&args);
        assert_eq!(out.code, 0, "{cmd}: {}", out.stderr);
        let name = if cmd.is_empty() {
            "help".to_owned()
        } else {
            format!("help-{cmd}")
        };
        insta::with_settings!({ snapshot_path => "../snapshots/cli", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, out.stdout);
        });
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(statecraft(&["check"]).code, 2);
    assert_eq!(statecraft(&["run"]).code, 2);
    assert_eq!(statecraft(&["frobnicate"]).code, 2);
    assert_eq!(
        statecraft(&[
            "run",
            "../scenarios/mechanisms/qmv-route.toml",
            "--format",
            "yaml"
        ])
        .code,
        2
    );
    assert_eq!(
        statecraft(&[
            "run",
            "../scenarios/mechanisms/qmv-route.toml",
            "--until",
            "June"
        ])
        .code,
        2
    );
}

#[test]
fn a_missing_file_exits_1_with_its_name() {
    let out = statecraft(&["check", "no/such/file.toml"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("no/such/file.toml: no such file"),
        "{}",
        out.stderr
    );
}

#[test]
fn run_json_has_the_documented_keys() {
    let out = statecraft(&[
        "run",
        "../scenarios/mechanisms/balanced-aid-package.toml",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    for key in [
        "scenario",
        "seed",
        "version",
        "timeline",
        "proposals",
        "statuses",
        "flags",
        "indicators",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    for entry in json["timeline"].as_array().unwrap() {
        for key in ["date", "kind", "id", "text"] {
            assert!(
                entry.get(key).is_some(),
                "timeline entry without {key}: {entry}"
            );
        }
        assert_eq!(entry["date"].as_str().unwrap().len(), 10);
    }
    let east = &json["proposals"]["aid-east"];
    assert_eq!(east["outcome"], "adopted");
    assert_eq!(east["decided"], "2024-04-01");
    assert_eq!(
        json["proposals"]["aid-east"]["vetoed_by"],
        serde_json::json!([])
    );
}

#[test]
fn vetoed_by_names_the_members_against_in_the_last_vote() {
    let out = statecraft(&[
        "run",
        "../scenarios/mechanisms/unanimity-veto.toml",
        "--format",
        "json",
        "--until",
        "2025-03-31",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["proposals"]["aid"]["outcome"], "pending");
    assert_eq!(
        json["proposals"]["aid"]["vetoed_by"],
        serde_json::json!(["hu"])
    );
}

#[test]
fn set_overrides_a_value_and_reports_bad_paths() {
    let file = "../scenarios/mechanisms/unanimity-veto.toml";
    let out = statecraft(&[
        "run",
        file,
        "--format",
        "json",
        "--set",
        "instrument.cfsp-measure.procedure=qmv",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        json["proposals"]["aid"]["decided"], "2025-02-01",
        "QMV outvotes the veto at once"
    );
    let bad = statecraft(&["check", file, "--set", "policy.hu-vetoo.active=false"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("did you mean `hu-veto`?"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("--set:1:"), "{}", bad.stderr);
}

#[test]
fn out_writes_the_file_and_nothing_to_stdout() {
    let dir = std::env::temp_dir().join(format!("statecraft-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("run.json");
    let out = statecraft(&[
        "run",
        "../scenarios/mechanisms/qmv-route.toml",
        "--format",
        "json",
        "--out",
        &target.to_string_lossy(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"trade-measure\""));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_committed_schema_is_current() {
    let committed = std::fs::read_to_string("../schema/scenario.schema.json")
        .expect("schema/scenario.schema.json");
    let generated = statecraft(&["schema"]).stdout;
    assert!(
        committed == generated,
        "schema/scenario.schema.json is stale: run `cargo run -- schema > schema/scenario.schema.json`"
    );
}

#[test]
fn report_is_one_escaped_html_page() {
    let dir = std::env::temp_dir().join(format!("statecraft-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A scenario whose texts try to inject markup.
    let scenario = dir.join("inject.toml");
    // A copy beside the scenario: a scenario reads only files in its own project tree.
    std::fs::copy(
        "../seeds/eu27-council-population-2025.csv",
        dir.join("members.csv"),
    )
    .unwrap();
    std::fs::write(
        &scenario,
        "[scenario]\nid = \"inject\"\ntitle = \"<script>alert(1)</script>\"\nstart = 2025-01-01\nend = 2025-03-31\nmembers = \"members.csv\"\n\n[[event]]\nid = \"e\"\nat = 2025-02-01\ntext = \"<img src=x onerror=alert(2)>\"\n",
    )
    .unwrap();
    let out = statecraft(&["report", &scenario.to_string_lossy(), "--runs", "20"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("<!doctype html>"));
    assert!(
        !out.stdout.contains("<script>") && !out.stdout.contains("<img"),
        "unescaped scenario text"
    );
    assert!(out.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn mc_text_columns_line_up_whatever_the_length_of_ids() {
    // Labels longer than a fixed 28-column field once pushed their numbers out of line.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long-ids.toml");
    std::fs::write(
        &file,
        "[scenario]\nid = \"long-ids\"\nstart = 2024-01-01\nend = 2024-06-30\n\n\
         [[flag]]\nid = \"a\"\n\n[[flag]]\nid = \"a_flag_whose_id_is_much_longer_than_the_others\"\n\n\
         [[indicator]]\nid = \"an_indicator_with_a_long_global_id\"\ninitial = 50\nnoise = 1\n\n\
         [[indicator]]\nid = \"x\"\ninitial = 5\n\n\
         [[expect]]\nid = \"short\"\nat = 2024-06-30\nthat = \"!flag(a)\"\n\n\
         [[expect]]\nid = \"an_expectation_with_a_long_name_too\"\nat = 2024-06-30\nthat = \"x() < 10\"\n",
    )
    .unwrap();
    let out = statecraft(&["mc", &file.to_string_lossy(), "--runs", "50"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let data: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .collect();
    assert!(data.len() >= 6, "{}", out.stdout);
    let widest = data
        .iter()
        .map(|l| l[2..].split(' ').next().unwrap().len())
        .max()
        .unwrap();
    for line in &data {
        assert_eq!(
            line.as_bytes().get(2 + widest),
            Some(&b' '),
            "values start after the widest label ({widest} columns):\n{}",
            out.stdout
        );
    }
}

#[test]
fn a_format_a_command_cannot_print_is_refused_while_parsing() {
    // One `Format` for the whole CLI, but each command accepts only what it prints: clap
    // refuses the rest before any file is read (the scenario named here does not exist).
    for (args, accepted) in [
        (
            &["run", "none.toml", "--format", "csv"][..],
            "text, json, jsonl, markdown",
        ),
        (
            &["mc", "none.toml", "--format", "markdown"],
            "text, json, csv",
        ),
        (
            &["merge", "none.json", "--format", "jsonl"],
            "text, json, csv",
        ),
        (
            &["diff", "a.toml", "b.toml", "--format", "csv"],
            "text, json",
        ),
        (
            &["sweep", "none.toml", "--vary", "x=1,2", "--format", "text"],
            "csv, json",
        ),
        (
            &["vote", "--procedure", "qmv", "--format", "csv"],
            "text, json",
        ),
        (
            &["power", "--procedure", "qmv", "--format", "markdown"],
            "text, json",
        ),
    ] {
        let out = statecraft(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        let format = args[args.len() - 1];
        assert!(
            out.stderr
                .contains(&format!("invalid value '{format}' for '--format <FORMAT>'"))
                && out
                    .stderr
                    .contains(&format!("[possible values: {accepted}]")),
            "{args:?}: {}",
            out.stderr
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn run_json_parses_back_into_the_documented_shape() {
    // Global and per-actor indicators, an office held and one vacant, a proposal never
    // decided (tabled after the run ends) and one decided.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("members.csv"),
        "id,population\naa,100\nbb,200\ncc,300\n",
    )
    .unwrap();
    let scenario = dir.path().join("shape.toml");
    std::fs::write(
        &scenario,
        r#"[scenario]
id = "shape"
title = "Every shape of the summary"
start = 2025-01-01
end = 2025-06-30
members = "members.csv"

[[actor]]
id = "partner"
kind = "partner"

[[actor]]
id = "neighbour"
kind = "partner"

[[person]]
id = "incumbent"

[[office]]
id = "chair"
holder = "incumbent"

[[office]]
id = "envoy"

[[indicator]]
id = "trust"
actors = ["partner", "neighbour"]
initial = 50

[[indicator]]
id = "tension"
initial = 10

[[flag]]
id = "talks_open"

[[instrument]]
id = "measure"
procedure = "qmv"

[[proposal]]
id = "early"
instrument = "measure"
beneficiary = "partner"
tabled = 2025-02-01

[[proposal]]
id = "late"
instrument = "measure"
beneficiary = "neighbour"
tabled = 2025-06-01
"#,
    )
    .unwrap();
    let scenario = scenario.to_str().unwrap();
    let out = statecraft(&["run", scenario, "--format", "json", "--until", "2025-03-31"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "scenario",
            "title",
            "seed",
            "version",
            "start",
            "until",
            "timeline",
            "proposals",
            "statuses",
            "flags",
            "indicators",
            "offices"
        ]
    );
    assert_eq!(json["until"], "2025-03-31");
    assert_eq!(
        json["proposals"]["early"],
        serde_json::json!({"outcome": "adopted", "decided": "2025-02-01", "attempts": 1, "vetoed_by": []})
    );
    assert_eq!(
        json["proposals"]["late"],
        serde_json::json!({"outcome": "pending", "decided": null, "attempts": 0, "vetoed_by": []})
    );
    assert_eq!(
        json["indicators"]["trust"],
        serde_json::json!({"partner": 50.0, "neighbour": 50.0})
    );
    assert_eq!(json["indicators"]["tension"], serde_json::json!(10.0));
    assert_eq!(
        json["offices"],
        serde_json::json!({"chair": "incumbent", "envoy": null})
    );
    assert_eq!(json["flags"], serde_json::json!({"talks_open": false}));
    assert_eq!(json["statuses"], serde_json::json!({}));
    let kinds: Vec<&str> = (json["timeline"].as_array().unwrap().iter())
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"vote"), "{kinds:?}");
}
