//! `statecraft mc` and `merge`: a Monte Carlo summary as aligned tables or CSV rows.

use statecraft_model::Model;
use statecraft_rules::percent::Percent;
use statecraft_rules::summary::{McSummary, QUANTILES, Share};

use crate::csv::number;

/// A share with its interval: ` 92.6% [ 90.1– 94.3]`.
pub fn pct(v: &Share) -> String {
    format!(
        "{:>6} [{:>5}–{:>5}]",
        Percent::of_share(v.p),
        Percent::of_share(v.lo).number(),
        Percent::of_share(v.hi).number()
    )
}

pub fn text(model: &Model, summary: &McSummary) -> String {
    // One label column for every table, as wide as the longest label, so numbers line up
    // however long the scenario's ids are.
    let labels = summary
        .proposals
        .iter()
        .map(|(id, _)| id.len())
        .chain(summary.statuses.iter().flat_map(|(actor, by_status)| {
            by_status
                .iter()
                .map(move |(status, _)| actor.len() + 1 + status.len())
        }))
        .chain(summary.flags.iter().map(|(id, _)| id.len()))
        .chain(summary.indicators.iter().map(|(label, _)| label.len()))
        .chain(summary.expectations.iter().map(|e| e.id.len()));
    let w = labels.max().unwrap_or(0).max(28);
    let mut s = format!(
        "{} ({}) — {} runs, seed {}, scenario hash {}, statecraft {}\n\n",
        model.title(),
        model.id(),
        summary.runs,
        summary.seed,
        summary.scenario_hash,
        summary.version
    );
    if !summary.proposals.is_empty() {
        s.push_str("Proposals: probability of each final outcome (95% interval)\n");
        for (id, p) in summary.proposals.iter() {
            s.push_str(&format!(
                "  {id:<w$} adopted {}  failed {}  pending {}\n",
                pct(&p.adopted),
                pct(&p.failed),
                pct(&p.pending)
            ));
        }
    }
    if !summary.statuses.is_empty() {
        s.push_str("\nStatuses at the end\n");
        for (actor, by_status) in summary.statuses.iter() {
            for (status, states) in by_status.iter() {
                let parts: Vec<String> = states
                    .iter()
                    .map(|(state, v)| format!("{state} {}", pct(v)))
                    .collect();
                s.push_str(&format!(
                    "  {:<w$} {}\n",
                    format!("{actor}.{status}"),
                    parts.join("  ")
                ));
            }
        }
    }
    if !summary.flags.is_empty() {
        s.push_str("\nFlags set at the end\n");
        for (id, v) in summary.flags.iter() {
            s.push_str(&format!("  {id:<w$} {}\n", pct(v)));
        }
    }
    if !summary.indicators.is_empty() {
        s.push_str("\nIndicators at the end: 5% / 25% / median / 75% / 95% (each within 1/200 of the indicator's range)\n");
        for (label, series) in summary.indicators.iter() {
            if let Some(last) = series.last() {
                s.push_str(&format!(
                    "  {label:<w$} {:6.1} {:6.1} {:6.1} {:6.1} {:6.1}\n",
                    last.q05, last.q25, last.q50, last.q75, last.q95
                ));
            }
        }
    }
    if !summary.expectations.is_empty() {
        s.push_str("\nExpectations: share of runs where they held\n");
        for e in &summary.expectations {
            s.push_str(&format!("  {:<w$} {}\n", e.id, pct(&e.held)));
        }
    }
    s
}

/// One row per number: `section,id,key,date,value,lo,hi`, every section text and JSON show
/// (expectations included), quoted by the csv crate where an id or label needs it.
pub fn csv(summary: &McSummary) -> String {
    let mut w = crate::csv::Writer::new(["section", "id", "key", "date", "value", "lo", "hi"]);
    let mut row = |section: &str, id: &str, key: &str, date: &str, v: &Share| {
        w.row([
            section.to_owned(),
            id.to_owned(),
            key.to_owned(),
            date.to_owned(),
            number(v.p),
            number(v.lo),
            number(v.hi),
        ]);
    };
    for (id, p) in summary.proposals.iter() {
        for (key, v) in [
            ("adopted", &p.adopted),
            ("failed", &p.failed),
            ("pending", &p.pending),
        ] {
            row("proposal", id, key, "", v);
        }
        for (date, v) in p.adopted_by.iter() {
            row("proposal", id, "adopted_by", date, v);
        }
    }
    for (actor, by_status) in summary.statuses.iter() {
        for (status, states) in by_status.iter() {
            for (state, v) in states.iter() {
                row("status", &format!("{actor}.{status}"), state, "", v);
            }
        }
    }
    for (id, v) in summary.flags.iter() {
        row("flag", id, "set", "", v);
    }
    for e in &summary.expectations {
        row("expectation", &e.id, "held", "", &e.held);
    }
    for (label, series) in summary.indicators.iter() {
        for point in series {
            for ((_, name), value) in QUANTILES.iter().zip(point.values()) {
                w.row([
                    "indicator".to_owned(),
                    label.clone(),
                    (*name).to_owned(),
                    point.date.clone(),
                    number(value),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    w.finish()
}
