//! `statecraft report` in-process (issue 13, the report): the page names things by the
//! scenario's names, renders conditions as code, links every source to the facts section,
//! shows the whole final state, draws a chart per indicator slot and per proposal's adoption
//! by date (the batch's own numbers), and `report A B` puts the differences `diff` finds
//! first. `scripts/report-dom-check` checks the same pages as Chromium builds them.

use statecraft_tests::statecraft;

const BASELINE: &str = "../scenarios/south-caucasus/baseline.toml";
const VARIANT: &str = "../scenarios/south-caucasus/hu-drops-balance.toml";
const HOSTILE: &str = "fixtures/report/hostile.toml";

fn page(args: &[&str]) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = statecraft(&all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("<!doctype html>"));
    out.stdout
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = statecraft(args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// The text between `from` and the next `to` after it.
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} not found"));
    let rest = &text[start..];
    let end = rest[from.len()..]
        .find(to)
        .map_or(rest.len(), |e| e + from.len());
    &rest[..end]
}

#[test]
fn the_page_names_things_by_their_names_and_renders_conditions_as_code() {
    let html = page(&[BASELINE]);
    // Chart titles from the indicator's and the actor's names.
    assert!(html.contains("<figcaption>Trust with the EU — Armenia</figcaption>"));
    assert!(html.contains("Anti-Azerbaijani rhetoric in EU institutions"));
    // Proposals by title, statuses by actor and status name, states as words.
    assert!(html.contains("<td>EPF assistance to the Armenian armed forces (2025)"));
    assert!(!html.contains("<td>epf-armenia-2025</td>"));
    assert!(html.contains("partly suspended") || html.contains("suspended"));
    // No literal back quote: conditions are code elements.
    assert!(!html.contains('`'), "a back quote in the page");
    assert!(html.contains("<code>!flag(foreign_agents_law) || trust(georgia) &gt;= 50</code>"));
}

#[test]
fn every_source_links_to_a_fact_in_the_facts_section() {
    let html = page(&[BASELINE]);
    let links: Vec<&str> = html
        .match_indices("href=\"#fact-")
        .map(|(at, _)| {
            let rest = &html[at + "href=\"#".len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(links.len() > 20, "only {} source links", links.len());
    for anchor in links {
        assert!(
            html.contains(&format!("<dt id=\"{anchor}\">")),
            "{anchor} leads nowhere"
        );
    }
    let facts = between(&html, "<h2 id=\"facts\">", "</dl>");
    assert!(facts.contains("sc-georgia-fal") && facts.contains("Document: "));
}

#[test]
fn the_final_state_is_complete() {
    let html = page(&[BASELINE]);
    let end = between(&html, "<h2 id=\"final-state\">", "<h2 id=\"timeline\">");
    for section in [
        "Proposals",
        "Statuses",
        "Flags",
        "Indicators",
        "Expectations",
    ] {
        assert!(end.contains(&format!("<h3>{section}</h3>")), "{section}");
    }
    // The expectations the run reached have a result each.
    let passes = end.matches("<span class=\"pass\">pass</span>").count();
    let fails = end.matches("<span class=\"fail\">fail</span>").count();
    assert!(passes + fails > 0);
    assert!(end.contains("Georgia's foreign agents law in force"));
    assert!(end.contains("adopted") && end.contains("2024-07-22"));
}

#[test]
fn with_a_batch_each_proposal_has_its_adoption_by_date_from_the_batch() {
    let html = page(&[BASELINE, "--runs", "300"]);
    let mc = json(&["mc", BASELINE, "--runs", "300", "--format", "json"]);
    let proposals = mc["proposals"].as_object().unwrap();
    let indicators = mc["indicators"].as_object().unwrap();
    assert_eq!(
        html.matches("<figure class=\"chart\">").count(),
        proposals.len() + indicators.len()
    );
    let probabilities = between(&html, "<h2 id=\"probabilities\">", "<h2 id=");
    for (id, p) in proposals {
        let adopted = p["adopted"]["p"].as_f64().unwrap();
        let title = mc_title(id);
        assert!(probabilities.contains(&title), "{title}");
        // The table's number is the batch's.
        let cell = format!("{:.1}%", adopted * 100.0);
        assert!(probabilities.contains(&cell), "{id}: {cell}");
    }
    // Indicator charts carry the legend of a batch.
    let indicators = between(&html, "<h2 id=\"indicators\">", "<h2 id=\"final-state\">");
    for want in [
        "seed-0 run",
        "median of runs",
        "50% of runs",
        "90% of 300 runs",
    ] {
        assert!(indicators.contains(want), "{want}");
    }
}

/// The title of a South Caucasus proposal, from the scenario's own file.
fn mc_title(id: &str) -> String {
    let text = std::fs::read_to_string(BASELINE).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let found = doc["proposal"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"].as_str() == Some(id))
        .unwrap();
    found["title"].as_str().unwrap().to_owned()
}

#[test]
fn report_a_b_puts_the_differences_diff_finds_first() {
    let html = page(&[BASELINE, VARIANT, "--runs", "200"]);
    let diff = json(&[
        "diff", BASELINE, VARIANT, "--runs", "200", "--format", "json",
    ]);
    let differences = between(
        &html,
        "<h2 id=\"differences\">",
        "<h2 id=\"probabilities\">",
    );
    let mut differing = 0;
    for (id, p) in diff["proposals"].as_object().unwrap() {
        let d = p["adopted"]["difference"]["d"].as_f64().unwrap();
        if d != 0.0 {
            differing += 1;
            assert!(differences.contains(&mc_title(id)), "{id}");
            assert!(
                differences.contains(&format!("{:+.1} pts", d * 100.0)),
                "{id} {d}"
            );
        }
    }
    assert!(differing > 0, "the variant changes nothing?");
    // The seed-0 runs part where `diff` says.
    let single = json(&["diff", BASELINE, VARIANT, "--format", "json"]);
    let line = single["first_difference"]["line"].as_u64().unwrap();
    assert!(differences.contains(&format!("(line {line})")));
    // Differences come first; then charts of both sides.
    assert!(html.find("id=\"differences\"") < html.find("id=\"indicators\""));
    assert!(html.contains("A: seed-0 run") && html.contains("B: seed-0 run"));
    assert!(html.contains("A: median of runs") && html.contains("B: median of runs"));
}

#[test]
fn hostile_names_are_inert_text() {
    let html = page(&[HOSTILE, "--runs", "20"]);
    for raw in [
        "<script",
        "<img",
        "<svg onload",
        "<iframe",
        "<body onload",
        "<a href=javascript",
    ] {
        assert!(!html.contains(raw), "{raw} in the page");
    }
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Only a web address becomes a link; a `javascript:` document stays text.
    assert!(!html.contains("href=\"javascript"));
    assert!(html.contains("href=\"https://example.invalid/doc?a=1&amp;b=&quot;&gt;"));
    assert_eq!(html.matches("<script").count(), 0);
    // A bidirectional override is shown, not obeyed.
    assert!(!html.contains('\u{202e}') && html.contains("\\u{202e}fdp.exe"));
    // The indicator's unit labels its value axis, escaped like the rest.
    assert!(html.contains("trust (&lt;b&gt;pts&lt;/b&gt;)</title>"));
}

#[test]
fn a_bad_variant_is_a_located_error_not_a_page() {
    let out = statecraft(&["report", BASELINE, "fixtures/bad/duplicate-id.toml"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("fixtures/bad/duplicate-id.toml:54:6"),
        "{}",
        out.stderr
    );
}
