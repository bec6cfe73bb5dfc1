//! `statecraft score` and `[[observed]]`: scores against hand-computed values on a scenario
//! whose forecasts are known exactly, calibration bins, thread independence, observed
//! outcomes that never change a run, and the forecast-score section of `report` (its numbers
//! are `score`'s, its reliability diagram well-formed SVG; absent without observed outcomes).

use statecraft_tests::statecraft;

const MECHANISM: &str = "../scenarios/mechanisms/observed-outcomes.toml";

fn json(args: &[&str]) -> serde_json::Value {
    let out = statecraft(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).expect("score prints JSON")
}

fn item<'a>(score: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    score["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn scores_match_hand_computed_values() {
    let runs = 1000u64;
    let s = json(&["score", MECHANISM, "--runs", "1000", "--format", "json"]);
    let eps = 1.0 / (2.0 * runs as f64);
    // (id, p, outcome, Brier, log score)
    let exact = [
        ("signed-by-april", 1.0, true, 0.0, (1.0 - eps).ln()),
        ("signed-by-february", 0.0, false, 0.0, (1.0 - eps).ln()),
        ("never-set", 0.0, true, 1.0, eps.ln()),
        ("trust-in-range", 1.0, false, 1.0, eps.ln()),
    ];
    for (id, p, outcome, brier, log) in exact {
        let i = item(&s, id);
        assert_eq!(i["p"].as_f64(), Some(p), "{id}");
        assert_eq!(i["outcome"].as_bool(), Some(outcome), "{id}");
        assert_eq!(i["brier"].as_f64(), Some(brier), "{id}");
        assert!(close(i["log_score"].as_f64().unwrap(), log), "{id}: {i}");
    }
    // The coin: p is the share of runs it fell, scored as it happened.
    let coin = item(&s, "heads-in-june");
    let held = coin["held"].as_u64().unwrap();
    let p = held as f64 / runs as f64;
    assert_eq!(coin["p"].as_f64(), Some(p));
    assert!(close(
        coin["brier"].as_f64().unwrap(),
        (1.0 - p) * (1.0 - p)
    ));
    assert!(close(coin["log_score"].as_f64().unwrap(), p.ln()));
    assert!((0.4..0.6).contains(&p), "{p}");
    // Totals.
    assert_eq!(s["n"], 5);
    let brier = (2.0 + (1.0 - p) * (1.0 - p)) / 5.0;
    assert!(close(s["brier"].as_f64().unwrap(), brier));
    let log = (2.0 * (1.0 - eps).ln() + 2.0 * eps.ln() + p.ln()) / 5.0;
    assert!(close(s["log_score"].as_f64().unwrap(), log));
    assert_eq!(s["brier_of_half"].as_f64(), Some(0.25));
    assert!(close(s["base_rate"].as_f64().unwrap(), 0.6));
    assert!(close(s["brier_of_base_rate"].as_f64().unwrap(), 0.24));
    assert_eq!(s["runs"], 1000);
    assert_eq!(s["seed"], 0);
    assert!(s["scenario_hash"].as_str().unwrap().len() == 16);
    assert_eq!(item(&s, "never-set")["at"], "2025-12-31");
    assert_eq!(item(&s, "never-set")["that"], "flag(never)");
}

#[test]
fn calibration_bins_forecasts_by_tenths() {
    let s = json(&["score", MECHANISM, "--runs", "1000", "--format", "json"]);
    let bins = s["calibration"].as_array().unwrap();
    assert_eq!(bins.len(), 10);
    let p = item(&s, "heads-in-june")["p"].as_f64().unwrap();
    let coin_bin = (p * 10.0).floor() as usize;
    for (i, b) in bins.iter().enumerate() {
        let expected = match i {
            0 | 9 => 2,
            _ if i == coin_bin => 1,
            _ => 0,
        };
        assert_eq!(b["count"], expected, "bin {i}: {b}");
        if expected == 0 {
            assert!(b["mean_forecast"].is_null() && b["observed_frequency"].is_null());
        }
    }
    // Bin 0: forecasts 0 and 0, one happened; bin 9: forecasts 1 and 1, one happened.
    assert_eq!(bins[0]["mean_forecast"].as_f64(), Some(0.0));
    assert_eq!(bins[0]["observed_frequency"].as_f64(), Some(0.5));
    assert_eq!(bins[9]["mean_forecast"].as_f64(), Some(1.0));
    assert_eq!(bins[9]["observed_frequency"].as_f64(), Some(0.5));
    assert_eq!(bins[coin_bin]["observed_frequency"].as_f64(), Some(1.0));
}

#[test]
fn scores_are_the_same_on_any_thread_count() {
    let on = |threads: &str| {
        let out = statecraft(&[
            "score",
            MECHANISM,
            "--runs",
            "700",
            "--seed",
            "5",
            "--threads",
            threads,
            "--format",
            "json",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    assert_eq!(on("1"), on("2"));
}

#[test]
fn text_output_has_the_table_totals_and_calibration() {
    let out = statecraft(&["score", MECHANISM, "--runs", "200"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for needle in [
        "never-set",
        "mean Brier",
        "always 50%: 0.250",
        "mean log score",
        "calibration",
        "90–100%",
    ] {
        assert!(out.stdout.contains(needle), "{needle}:\n{}", out.stdout);
    }
}

#[test]
fn several_files_are_ranked_by_brier() {
    let s = json(&[
        "score",
        MECHANISM,
        "../scenarios/mechanisms/observed-outcomes.toml",
        "--runs",
        "100",
        "--format",
        "json",
    ]);
    assert_eq!(s["scores"].as_array().unwrap().len(), 2);
    assert_eq!(s["ranking"].as_array().unwrap().len(), 2);
    let out = statecraft(&["score", MECHANISM, MECHANISM, "--runs", "100"]);
    assert!(
        out.stdout.contains("ranked by mean Brier score"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_scenario_without_observed_outcomes_is_an_error() {
    let out = statecraft(&[
        "score",
        "../scenarios/mechanisms/qmv-route.toml",
        "--runs",
        "10",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("no observed outcomes"),
        "{}",
        out.stderr
    );
}

#[test]
fn observed_outcomes_never_change_a_run() {
    let text = std::fs::read_to_string(MECHANISM).unwrap();
    let cut = text.find("# p = 1, and it happened").unwrap();
    let expects = text.find("[[expect]]").unwrap();
    let without = format!("{}{}", &text[..cut], &text[expects..]);
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.toml");
    let full = dir.path().join("full.toml");
    std::fs::write(
        &bare,
        without.replace("#:schema ../../schema/scenario.schema.json\n", ""),
    )
    .unwrap();
    std::fs::write(
        &full,
        text.replace("#:schema ../../schema/scenario.schema.json\n", ""),
    )
    .unwrap();
    let (bare, full) = (bare.to_str().unwrap(), full.to_str().unwrap());
    let run = |f: &str| statecraft(&["run", f, "--format", "json"]).stdout;
    assert_eq!(run(bare), run(full));
    let mc = |f: &str| {
        let mut v: serde_json::Value = serde_json::from_str(
            &statecraft(&["mc", f, "--runs", "300", "--format", "json"]).stdout,
        )
        .unwrap();
        v.as_object_mut().unwrap().remove("scenario_hash");
        v.as_object_mut().unwrap().remove("scenario");
        v
    };
    assert_eq!(mc(bare), mc(full));
}

#[test]
fn as_of_leaves_out_dated_items_and_says_so() {
    // The signature (10 March) is after a 1 March cut-off: left out, so the agreement is
    // never signed, and the February outcome, known by then, is not scored.
    let s = json(&[
        "score",
        MECHANISM,
        "--runs",
        "100",
        "--as-of",
        "2025-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(s["as_of"], "2025-03-01");
    assert_eq!(s["left_out"], serde_json::json!(["event:signature"]));
    assert_eq!(
        s["known_before_cut_off"],
        serde_json::json!(["signed-by-february"])
    );
    assert_eq!(item(&s, "signed-by-april")["p"].as_f64(), Some(0.0));
    assert_eq!(s["n"], 4);
    let line = "as of 2025-03-01: 1 scheduled item after the cut-off left out (event:signature)";
    for command in ["run", "mc", "score"] {
        let out = statecraft(&[command, MECHANISM, "--as-of", "2025-03-01"]);
        assert_eq!(out.code, 0, "{command}: {}", out.stderr);
        assert!(out.stdout.contains(line), "{command}:\n{}", out.stdout);
    }
    let run: serde_json::Value = serde_json::from_str(
        &statecraft(&[
            "run",
            MECHANISM,
            "--as-of",
            "2025-03-01",
            "--format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(run["left_out"], serde_json::json!(["event:signature"]));
    // `planned = true` keeps a scheduled item known in advance.
    let planned = statecraft(&[
        "run",
        MECHANISM,
        "--as-of",
        "2025-03-01",
        "--set",
        "event.signature.planned=true",
    ]);
    assert!(
        planned
            .stdout
            .contains("0 scheduled items after the cut-off left out")
    );
    assert!(planned.stdout.contains("The agreement is signed"));
    // Without a cut-off, outputs say nothing of one.
    let plain = statecraft(&["run", MECHANISM, "--format", "json"]).stdout;
    assert!(!plain.contains("as_of") && !plain.contains("left_out"));
}

#[test]
fn the_flag_wins_over_the_file() {
    let s = json(&[
        "score",
        MECHANISM,
        "--runs",
        "10",
        "--set",
        "scenario.as_of=2025-01-15",
        "--as-of",
        "2025-03-01",
        "--format",
        "json",
    ]);
    assert_eq!(s["as_of"], "2025-03-01");
}

#[test]
fn a_proposal_tabled_after_the_cut_off_is_not_tabled_unless_planned() {
    let file = "../scenarios/mechanisms/chance-and-noise.toml";
    let run = |extra: &[&str]| -> serde_json::Value {
        let mut args = vec!["run", file, "--as-of", "2025-01-01", "--format", "json"];
        args.extend_from_slice(extra);
        let out = statecraft(&args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    };
    let cut = run(&[]);
    assert_eq!(cut["left_out"], serde_json::json!(["proposal:measure"]));
    assert!(!cut.to_string().contains("\"adopted\""), "{cut}");
    let planned = run(&["--set", "proposal.measure.planned=true"]);
    assert_eq!(planned["left_out"], serde_json::json!([]));
}

/// Checks that `xml` is well-formed: every tag closed in order, attribute values quoted,
/// no stray `<` or `&` in text. Enough for the SVG `report` writes (no comments, no CDATA).
fn well_formed(xml: &str) -> Result<(), String> {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    let text_ok = |t: &str| {
        t.split('&').skip(1).all(|after| {
            ["amp;", "lt;", "gt;", "quot;", "#39;"]
                .iter()
                .any(|e| after.starts_with(e))
        })
    };
    while let Some(start) = rest.find('<') {
        if !text_ok(&rest[..start]) {
            return Err(format!("bad text before {}", &rest[start..]));
        }
        let end = rest[start..].find('>').ok_or("an unclosed tag")? + start;
        let tag = &rest[start + 1..end];
        if tag.contains('<') {
            return Err(format!("`<` inside tag {tag}"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        } else {
            let name = tag.split([' ', '/']).next().unwrap_or("");
            if name.is_empty() {
                return Err(format!("a tag without a name: {tag}"));
            }
            // Attribute values are double-quoted: an even number of quotes.
            if !tag.matches('"').count().is_multiple_of(2) {
                return Err(format!("unbalanced quotes in {tag}"));
            }
            if !tag.ends_with('/') {
                open.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    if open.is_empty() {
        Ok(())
    } else {
        Err(format!("unclosed: {open:?}"))
    }
}

#[test]
fn a_report_with_observed_outcomes_has_the_score_and_a_reliability_diagram() {
    let out = statecraft(&["report", MECHANISM, "--runs", "300", "--seed", "5"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let html = &out.stdout;
    assert!(html.contains("<h2 id=\"forecast-score\">Forecast score (300 runs, seed 5)</h2>"));
    // The numbers are those of `score` with the same runs and seed.
    let score = json(&[
        "score", MECHANISM, "--runs", "300", "--seed", "5", "--format", "json",
    ]);
    let brier = format!("<b>{:.3}</b>", score["brier"].as_f64().unwrap());
    assert!(html.contains(&brier), "{brier} not in the report");
    for i in score["items"].as_array().unwrap() {
        let id = i["id"].as_str().unwrap();
        assert!(html.contains(&format!("<tr><td>{id}</td>")), "{id}");
    }
    let figure = &html[html.find("<figure id=\"reliability\">").expect("a diagram")..];
    let svg = &figure[figure.find("<svg").unwrap()..figure.find("</svg>").unwrap() + 6];
    well_formed(svg).unwrap_or_else(|e| panic!("{e}:\n{svg}"));
    // A point per non-empty bin, the diagonal, no script, nothing fetched.
    let bins = score["calibration"].as_array().unwrap();
    let filled = bins
        .iter()
        .filter(|b| b["count"].as_u64() > Some(0))
        .count();
    assert_eq!(svg.matches("<circle").count(), filled);
    assert!(svg.contains("stroke-dasharray"), "no diagonal");
    for banned in ["<script", "http:", "https:", "@import", "url("] {
        let outside_namespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(
            !outside_namespace.contains(banned),
            "{banned} in the report"
        );
    }
    assert!(well_formed("<svg><g></svg>").is_err());
    assert!(well_formed("<svg><text>a < b</text></svg>").is_err());
}

#[test]
fn a_report_without_observed_outcomes_or_runs_has_no_score() {
    for args in [
        &[
            "report",
            "../scenarios/mechanisms/qmv-route.toml",
            "--runs",
            "50",
        ][..],
        &["report", MECHANISM][..],
    ] {
        let out = statecraft(args);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(!out.stdout.contains("Forecast score"), "{args:?}");
        assert!(!out.stdout.contains("reliability"), "{args:?}");
    }
}
