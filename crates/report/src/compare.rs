//! The page of a baseline against a variant (`report A B`): the differences first (with a
//! batch, the paired probability differences that are not zero; the seed-0 runs' first
//! diverging timeline lines and every final value that differs), then the charts of both laid
//! over each other, then each side's timeline. The comparisons are the rules crate's, the
//! ones `diff` prints: this module only names and draws them.

use maud::{Markup, html};
use statecraft_model::model::Model;
use statecraft_rules::paired::{self, Compared};
use statecraft_rules::run::RunReport;
use statecraft_rules::run_diff::{Change, RunDiff};
use statecraft_rules::run_summary::RunSummary;
use statecraft_rules::summary::McSummary;

use crate::names::{actor_name, proposal_title, state_words};
use crate::series::Side;
use crate::tables::share;

/// Both sides of the page.
#[derive(Clone, Copy, Debug)]
pub struct Comparison<'a> {
    pub a: &'a Model,
    pub b: &'a Model,
    /// How each side was given (file names, and B's `--set`s).
    pub a_label: &'a str,
    pub b_label: &'a str,
    pub a_run: &'a RunReport,
    pub b_run: &'a RunReport,
    pub a_mc: Option<&'a McSummary>,
    pub b_mc: Option<&'a McSummary>,
    /// With a batch: the paired comparison (common random numbers).
    pub paired: Option<&'a paired::Comparison>,
}

/// The page comparing the two.
pub fn comparison_page(c: &Comparison) -> String {
    let sides = [
        Side {
            model: c.a,
            run: c.a_run,
            mc: c.a_mc,
            tag: Some("A"),
        },
        Side {
            model: c.b,
            run: c.b_run,
            mc: c.b_mc,
            tag: Some("B"),
        },
    ];
    let seed = c.a_run.seed;
    let diff = RunDiff::new(
        &RunSummary::new(c.a, c.a_run),
        &RunSummary::new(c.b, c.b_run),
        seed,
    );
    let title = format!("{} against {}", c.b.title(), c.a.title());
    let mut toc = vec![("differences", "Differences")];
    if c.paired.is_some() {
        toc.push(("probabilities", "Adoption over time"));
    }
    toc.extend([
        ("indicators", "Indicators"),
        ("timelines", "Timelines"),
        ("facts", "Facts"),
    ]);
    let body = html! {
        p.meta {
            "A (baseline): " b { (c.a.title()) } " " code { (c.a_label) } br;
            "B (variant): " b { (c.b.title()) } " " code { (c.b_label) } br;
            "Seed " (seed)
            @if let Some(p) = c.paired { ", " (p.runs) " paired runs (common random numbers)" }
            "; statecraft " (env!("CARGO_PKG_VERSION")) "."
        }
        h2 id="differences" { "Differences" }
        @if let Some(p) = c.paired { (probability_differences(c.a, p)) }
        (run_differences(c, &diff))
        @if c.paired.is_some() {
            h2 id="probabilities" { "Adoption over time, A and B" }
            (crate::adoption_grid(&sides))
        }
        h2 id="indicators" { "Indicators, A and B" }
        (crate::indicator_grid(&sides))
        h2 id="timelines" { "Timelines (seed " (seed) " runs)" }
        h3 { "A: " (c.a.title()) }
        (crate::timeline::timeline(&c.a_run.timeline))
        h3 { "B: " (c.b.title()) }
        (crate::timeline::timeline(&c.b_run.timeline))
        h2 id="facts" { "Facts (B)" }
        (crate::timeline::facts(c.b))
    };
    crate::inert(crate::page::document(&title, &toc, body).into_string())
}

/// The paired differences that are not zero; a line for how many are.
fn probability_differences(a: &Model, p: &paired::Comparison) -> Markup {
    let mut rows: Vec<(String, &Compared)> = Vec::new();
    for (id, v) in p.proposals.iter() {
        rows.push((format!("{} adopted", proposal_title(a, id)), &v.adopted));
    }
    for (label, states) in p.statuses.iter() {
        for (state, e) in states.iter() {
            rows.push((
                format!("{} {}", status_label(a, label), state_words(state)),
                e,
            ));
        }
    }
    for (id, e) in p.flags.iter() {
        let name = a
            .flags()
            .iter()
            .find(|f| f.id == *id)
            .map_or(id.as_str(), |f| &f.name);
        rows.push((format!("{name} (flag) set"), e));
    }
    let total = rows.len();
    rows.retain(|(_, e)| e.a != e.b);
    html! {
        h3 { "Probabilities at the end (" (p.runs) " paired runs)" }
        @if rows.is_empty() {
            p { "All " (total) " compared probabilities are the same in A and B." }
        } @else {
            p.fx { (rows.len()) " of " (total) " compared probabilities differ; the others are the same." }
            div.scroll { table {
                thead { tr { th { "Outcome" } th.n { "A" } th.n { "B" } th.n { "B − A (95% interval)" } } }
                tbody { @for (label, e) in &rows {
                    @let d = &e.difference;
                    tr {
                        td { (label) }
                        td.n { (share(&e.a)) }
                        td.n { (share(&e.b)) }
                        td.n class=(if d.d > 0.0 { "n up" } else { "n down" }) {
                            (format!("{:+.1} pts", d.d * 100.0)) " "
                            span.fx { (format!("[{:+.1}, {:+.1}]", d.lo * 100.0, d.hi * 100.0)) }
                        }
                    }
                } }
            } }
        }
    }
}

/// An `actor.status` label by the scenario's names.
fn status_label(model: &Model, label: &str) -> String {
    let Some((actor, status)) = label.split_once('.') else {
        return label.to_owned();
    };
    let status = (model.statuses().iter())
        .find(|s| s.id == status)
        .map_or(status, |s| s.name.as_str());
    format!("{}: {status}", actor_name(model, actor))
}

/// Where the seed-0 runs part, and every final value that differs.
fn run_differences(c: &Comparison, diff: &RunDiff) -> Markup {
    html! {
        h3 { "The seed-" (diff.seed) " runs" }
        @match &diff.first_difference {
            None => p { "The timelines are identical." },
            Some(first) => {
                p { "The timelines part at " b { (first.date) } " (line " (first.line) "):" }
                @let at = first.line - 1;
                div.pair { @for (tag, run) in [("A", c.a_run), ("B", c.b_run)] {
                    @let lines = run.timeline.get(at..).unwrap_or(&[]);
                    div {
                        h3.fx { (tag) }
                        @if lines.is_empty() {
                            p.fx { "(the timeline ends)" }
                        } @else {
                            (crate::timeline::timeline(&lines[..lines.len().min(3)]))
                        }
                    }
                } }
            }
        }
        @if diff.changes.is_empty() {
            p { "The final states are identical." }
        } @else {
            div.scroll { table {
                thead { tr { th { "Final state" } th { "A" } th { "B" } } }
                tbody { @for ch in &diff.changes {
                    tr {
                        td { (change_label(c.a, ch)) " " code.fx { (ch.path) } }
                        td { (final_value(ch.a.as_deref())) }
                        td { (final_value(ch.b.as_deref())) }
                    }
                } }
            } }
        }
    }
}

/// A final value as a reader takes it: a date never reached (JSON's `null`) is a dash.
fn final_value(value: Option<&str>) -> &str {
    match value {
        None => "(absent)",
        Some("null") => "—",
        Some(v) => v,
    }
}

/// A change's item by name: `proposals.ID.outcome` → the proposal's title, and so on.
fn change_label(model: &Model, ch: &Change) -> String {
    let mut parts = ch.path.splitn(3, '.');
    let (section, id, rest) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next(),
    );
    let name = match section {
        "proposals" => proposal_title(model, id),
        "statuses" => actor_name(model, id),
        "flags" => (model.flags().iter())
            .find(|f| f.id == id)
            .map_or(id.to_owned(), |f| f.name.clone()),
        "indicators" => (model.indicators().iter())
            .find(|i| i.id == id)
            .map_or(id.to_owned(), |i| i.name.clone()),
        "offices" => (model.offices().iter())
            .find(|o| o.id == id)
            .map_or(id.to_owned(), |o| o.name.clone()),
        _ => id.to_owned(),
    };
    let rest = rest.map(|r| match section {
        "statuses" => (model.statuses().iter())
            .find(|s| s.id == r)
            .map_or(r.to_owned(), |s| s.name.clone()),
        "indicators" => actor_name(model, r),
        _ => r.replace('_', " "),
    });
    match rest {
        Some(rest) => format!("{name}, {rest}"),
        None => name,
    }
}
