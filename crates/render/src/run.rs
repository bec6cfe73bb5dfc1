//! `statecraft run`: a single run's summary as a readable timeline, markdown, or JSON lines.

use statecraft_model::state::Outcome;
use statecraft_rules::run_diff::line_text;
use statecraft_rules::run_summary::{IndicatorValue, RunSummary};

use crate::text as safe;

pub fn text(run: &RunSummary) -> String {
    let mut s = format!(
        "{} ({}) — seed {}, {} to {}\n\n",
        run.title, run.scenario, run.seed, run.start, run.until
    );
    for line in &run.timeline {
        s.push_str(&line_text(line));
        s.push('\n');
        for note in line.entry.notes() {
            s.push_str(&format!("{:24}↳ {note}\n", ""));
        }
    }
    s.push('\n');
    s.push_str(&final_state(run, "", "  ", str::to_owned));
    s
}

/// The final state as indented text (or markdown list items).
/// `field` escapes each name taken from the scenario for the output format.
pub fn final_state(
    run: &RunSummary,
    heading: &str,
    indent: &str,
    field: fn(&str) -> String,
) -> String {
    let end = &run.end;
    let mut s = format!("{heading}Final state at {}\n", run.until);
    if !end.proposals.is_empty() {
        s.push_str(&format!("{indent}proposals:\n"));
        for (id, p) in end.proposals.iter() {
            let when = p
                .decided
                .as_ref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            let vetoes = if p.vetoed_by.is_empty() || p.outcome == Outcome::Adopted {
                String::new()
            } else {
                let ids: Vec<String> = p.vetoed_by.iter().map(|id| field(id)).collect();
                format!(", last vote against: {}", ids.join(", "))
            };
            s.push_str(&format!(
                "{indent}{indent}{}: {}{when} ({} vote{}{vetoes})\n",
                field(id),
                p.outcome.name(),
                p.attempts,
                if p.attempts == 1 { "" } else { "s" }
            ));
        }
    }
    if !end.statuses.is_empty() {
        s.push_str(&format!("{indent}statuses:\n"));
        for (actor, by_status) in end.statuses.iter() {
            let parts: Vec<String> = (by_status.iter())
                .map(|(status, state)| format!("{} {}", field(status), field(state)))
                .collect();
            s.push_str(&format!(
                "{indent}{indent}{}: {}\n",
                field(actor),
                parts.join(", ")
            ));
        }
    }
    if !end.flags.is_empty() {
        let ids = |wanted: bool| -> Vec<String> {
            (end.flags.iter())
                .filter(|&(_, &set)| set == wanted)
                .map(|(id, _)| field(id))
                .collect()
        };
        let (set, unset) = (ids(true), ids(false));
        let set = if set.is_empty() {
            "none".to_owned()
        } else {
            set.join(", ")
        };
        s.push_str(&format!("{indent}flags set: {set}\n"));
        if !unset.is_empty() {
            s.push_str(&format!("{indent}flags not set: {}\n", unset.join(", ")));
        }
    }
    if !end.indicators.is_empty() {
        s.push_str(&format!("{indent}indicators:\n"));
        for (id, value) in end.indicators.iter() {
            let shown = match value {
                IndicatorValue::Global(x) => round1(*x),
                IndicatorValue::ByActor(by_actor) => (by_actor.iter())
                    .map(|(actor, &x)| format!("{} {}", field(actor), round1(x)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            s.push_str(&format!("{indent}{indent}{}: {shown}\n", field(id)));
        }
    }
    for (id, holder) in end.offices.iter() {
        let holder = field(holder.as_deref().unwrap_or("vacant"));
        s.push_str(&format!("{indent}office {}: {holder}\n", field(id)));
    }
    s
}

/// One decimal; `-` for a value that is not a number (JSON's `null`).
pub fn round1(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}")
    } else {
        "-".to_owned()
    }
}

pub fn markdown(run: &RunSummary) -> String {
    // Every field from the scenario is escaped: the page may be rendered to HTML.
    let mut s = format!("## {}\n\n", safe::markdown(&run.title));
    s.push_str(&format!(
        "Scenario {}, seed {}, {} to {}.\n\n",
        safe::markdown_code(&run.scenario),
        run.seed,
        run.start,
        run.until
    ));
    s.push_str("| Date | Kind | What happened |\n|---|---|---|\n");
    for line in &run.timeline {
        let e = &line.entry;
        let mut what = safe::markdown(&e.text);
        for note in e.notes() {
            what.push_str(&format!("<br>↳ {}", safe::markdown(note)));
        }
        if !e.sources.is_empty() {
            let sources: Vec<String> = e.sources.iter().map(|id| safe::markdown(id)).collect();
            what.push_str(&format!(" <sub>[{}]</sub>", sources.join(", ")));
        }
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            line.date,
            e.kind.name(),
            what
        ));
    }
    s.push('\n');
    let summary = final_state(run, "### ", "- ", safe::markdown);
    // Indented "- - x" from the shared summary reads as nested lists in markdown.
    s.push_str(&summary.replace("- - ", "  - "));
    s
}

/// One JSON object per timeline line, then the summary without its timeline.
pub fn jsonl(run: &RunSummary) -> String {
    let mut s = String::new();
    for line in &run.timeline {
        s.push_str(&serde_json::to_string(line).unwrap_or_default());
        s.push('\n');
    }
    s.push_str(&serde_json::to_string(&run.summary_line()).unwrap_or_default());
    s.push('\n');
    s
}
