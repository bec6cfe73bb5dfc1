//! statecraft's HTML report: one self-contained page made from the rules crate's typed
//! results (the recorded seed-0 run, the batch's [`McSummary`], the forecast [`Score`], and
//! for two scenarios the paired
//! [`statecraft_rules::paired::Comparison`] and the [`statecraft_rules::run_diff::RunDiff`]). Rendering a page is a
//! library's job, so the command line only parses, runs the batches and writes the file.
//!
//! The page has no script and loads nothing: styles are inline, charts are inline SVG, and
//! every string from a scenario goes through maud, which escapes text and attributes, and
//! the page through `statecraft_render::text::inert`, which makes control characters and
//! bidirectional overrides visible.

pub mod chart;
pub mod compare;
pub mod names;
pub mod page;
pub mod reliability;
pub mod series;
pub mod svg;
pub mod tables;
pub mod timeline;

use maud::{Markup, html};
use statecraft_model::model::Model;
use statecraft_rules::run::RunReport;
use statecraft_rules::score::Score;
use statecraft_rules::summary::McSummary;

pub use compare::{Comparison, comparison_page};
use series::Side;

/// What the page of one scenario shows.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    pub model: &'a Model,
    /// The seed-0 run, recorded ([`statecraft_rules::run::run_recorded`]).
    pub run: &'a RunReport,
    /// With `--runs`: the batch.
    pub mc: Option<&'a McSummary>,
    /// With `--runs` and observed outcomes after the cut-off: the forecast score.
    pub score: Option<&'a Score>,
}

/// The page of one scenario.
pub fn page(r: &Report) -> String {
    let model = r.model;
    let side = Side {
        model,
        run: r.run,
        mc: r.mc,
        tag: None,
    };
    let mut toc: Vec<(&str, &str)> = Vec::new();
    if r.mc.is_some() {
        toc.push(("probabilities", "Outcome probabilities"));
    }
    if r.score.is_some() {
        toc.push(("forecast-score", "Forecast score"));
    }
    toc.extend([
        ("indicators", "Indicators"),
        ("final-state", "Final state"),
        ("timeline", "Timeline"),
        ("facts", "Facts"),
    ]);
    let body = html! {
        (header(model, r.run.seed, r.mc))
        @if let Some(mc) = r.mc {
            h2 id="probabilities" {
                "Outcome probabilities (" (mc.runs) " runs"
                @if let Some(u) = &mc.until { ", at " (u) }
                ")"
            }
            (adoption_grid(&[side]))
            (tables::probabilities(model, mc))
        }
        @if let Some(score) = r.score {
            (reliability::section(model, score))
        }
        h2 id="indicators" { "Indicators" }
        (indicator_grid(&[side]))
        h2 id="final-state" { "Final state (seed " (r.run.seed) " run)" }
        (tables::final_state(model, r.run))
        h2 id="timeline" { "Timeline (seed " (r.run.seed) " run)" }
        (timeline::timeline(&r.run.timeline))
        h2 id="facts" { "Facts" }
        (timeline::facts(model))
    };
    inert(page::document(model.title(), &toc, body).into_string())
}

/// The page with every control character and bidirectional override written as a visible
/// escape (`\u{202e}`), as every text output of statecraft shows them: a name cannot
/// reverse the text around it or hide what it says. The report's own markup has none.
pub(crate) fn inert(page: String) -> String {
    match statecraft_render::text::inert(&page) {
        std::borrow::Cow::Borrowed(_) => page,
        std::borrow::Cow::Owned(visible) => visible,
    }
}

/// The line under the title: scenario id, dates, seed, runs, version.
fn header(model: &Model, seed: u64, mc: Option<&McSummary>) -> Markup {
    let c = model.calendar();
    html! {
        p.meta {
            "Scenario " code { (model.id()) } ", " (c.start.to_string()) " to " (c.end.to_string())
            ", seed " (seed)
            @if let Some(mc) = mc { ", " (mc.runs) " runs" }
            "; statecraft " (env!("CARGO_PKG_VERSION")) "."
            @if let Some(as_of) = model.as_of() {
                " Information cut-off " (statecraft_model::calendar::date_of_day(as_of).to_string()) "."
            }
        }
    }
}

/// Every indicator slot's chart of `sides[0]`, as small multiples.
pub(crate) fn indicator_grid(sides: &[Side]) -> Markup {
    let model = sides[0].model;
    html! {
        @if model.slot_count() == 0 {
            p.fx { "The scenario has no indicators." }
        } @else {
            div.grid { @for slot in model.slot_ids() {
                (series::indicator_chart(sides, slot).render())
            } }
        }
    }
}

/// Every proposal's adoption-by-date chart, as small multiples.
pub(crate) fn adoption_grid(sides: &[Side]) -> Markup {
    let charts: Vec<Markup> = (sides[0].model.proposals().iter())
        .filter_map(|p| series::adoption_chart(sides, &p.id))
        .map(|c| c.render())
        .collect();
    html! {
        @if !charts.is_empty() {
            div.grid { @for c in charts { (c) } }
        }
    }
}
