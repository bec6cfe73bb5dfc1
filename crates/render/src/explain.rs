//! `statecraft explain`: an explanation, or the causes tallied over runs, as text and JSON.

use std::fmt::Write as _;

use statecraft_model::log::ItemValue;
use statecraft_model::raw::FactKind;
use statecraft_rules::explain::runs::{CauseFrequencies, RunCause};
use statecraft_rules::explain::{
    Cause, EventSchedule, Explanation, Line, PolicyRule, Target, Writer,
};
use statecraft_rules::percent::Percent;

pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// A final value as explanations print it (an indicator to two decimals).
pub fn value_text(value: &ItemValue) -> String {
    match value {
        ItemValue::Number(v) => format!("{v:.2}"),
        ItemValue::Bool(b) => b.to_string(),
        ItemValue::Name(n) => n.clone(),
        ItemValue::None => "vacant".to_owned(),
    }
}

pub fn line(l: &Line) -> String {
    format!("{}  {:<11} {}", l.date, l.entry.name(), l.text)
}

/// A writer as "can be changed by" lists it; `schedule` adds when an event acts.
pub fn writer_text(w: &Writer, schedule: bool) -> String {
    match w {
        Writer::Event { id, .. } if !schedule => format!("event {id}"),
        Writer::Event { id, schedule, when } => {
            let at = match schedule {
                EventSchedule::At { date } => format!("on {date}"),
                EventSchedule::Random {
                    chance,
                    from,
                    until,
                    once,
                } => format!(
                    "with chance {chance} a step from {from} to {until}{}",
                    if *once { ", once" } else { "" }
                ),
            };
            let cond = when
                .as_ref()
                .map(|c| format!(", while `{c}`"))
                .unwrap_or_default();
            format!("event {id} ({at}{cond})")
        }
        Writer::Trigger { id, when } => format!("trigger {id} (when `{when}`)"),
        Writer::Proposal { id, adopted: true } => format!("proposal {id}, if adopted"),
        Writer::Proposal { id, adopted: false } => format!("proposal {id}, after a failed vote"),
        Writer::Review { id, requires } => format!("review {id} (requires `{requires}`)"),
    }
}

/// One run's explanation as text.
pub fn text(x: &Explanation) -> String {
    let mut s = String::new();
    let outcome = value_text(&x.outcome);
    match x.target.target {
        Target::Proposal(_) => {
            let attempts = x.attempts.unwrap_or(0);
            let _ = writeln!(
                s,
                "{} ({}): {outcome} after {attempts} vote{}",
                x.target.title.as_deref().unwrap_or_default(),
                x.target.id,
                if attempts == 1 { "" } else { "s" }
            );
            if let Some(agreed) = &x.agreed {
                let formal = x.formally_adopted.as_deref().unwrap_or("not yet");
                let _ = writeln!(s, "political agreement {agreed}; formal adoption {formal}");
            }
            s.push_str("\nVotes\n");
            for cause in &x.causes {
                if let Cause::Vote(v) = cause {
                    let _ = writeln!(s, "  {}", line(&v.line));
                }
            }
            if attempts == 0 {
                s.push_str("  (never put to a vote in this run)\n");
                if !x.tabled_by.is_empty() {
                    s.push_str("  it is tabled by:\n");
                    for w in &x.tabled_by {
                        let _ = writeln!(s, "    {}", writer_text(w, false));
                    }
                }
            }
        }
        Target::Status(_) | Target::Flag(_) | Target::Indicator(_) => {
            let label = match x.target.target {
                Target::Flag(_) => format!("flag {}", x.target.id),
                _ => x.target.id.clone(),
            };
            let _ = writeln!(s, "{label}: {outcome} at the end of the run");
            if !x.changed_by.is_empty() {
                s.push_str("  can be changed by:\n");
                for w in &x.changed_by {
                    let _ = writeln!(s, "    {}", writer_text(w, true));
                }
            }
            for cause in &x.causes {
                if let Cause::Review(r) = cause {
                    let _ = writeln!(s, "  moved by review {} (requires `{}`)", r.id, r.requires);
                }
            }
        }
    }
    let policies: Vec<_> = (x.causes.iter())
        .filter_map(|c| match c {
            Cause::Policy(p) => Some(p),
            _ => None,
        })
        .collect();
    if !policies.is_empty() {
        s.push_str("\nPolicies behind the objections\n");
        for p in policies {
            let rule = match &p.rule {
                PolicyRule::Fixed { vote } => format!("votes {vote}"),
                PolicyRule::Conditional {
                    condition,
                    then,
                    otherwise,
                } => format!("votes {then} while `{condition}`, else {otherwise}"),
                PolicyRule::BalancedAid {
                    counterpart,
                    ratio,
                    window,
                    unit,
                } => {
                    let unit = match unit {
                        statecraft_model::calendar::StepUnit::Month => "month",
                        statecraft_model::calendar::StepUnit::Week => "week",
                    };
                    format!(
                        "supports only if aid to {counterpart} is at least {ratio} × aid to the beneficiary (same package, or adopted within {window} {unit}s)"
                    )
                }
            };
            let when = (p.when.as_ref())
                .map(|w| format!(", while `{w}`"))
                .unwrap_or_default();
            let chance = (p.probability)
                .map(|p| format!(", with probability {p} at each vote"))
                .unwrap_or_default();
            let _ = writeln!(s, "  {} ({}): {rule}{when}{chance}", p.id, p.member_name);
        }
    }
    let moved: Vec<_> = (x.causes.iter())
        .filter_map(|c| match c {
            Cause::Timeline(l) => Some(l),
            _ => None,
        })
        .collect();
    if !moved.is_empty() {
        s.push_str("\nWhat moved the values they read\n");
        for cause in moved {
            let _ = writeln!(s, "  {}", line(&cause.line));
            for note in cause.changes.iter().filter_map(|c| c.text.as_deref()) {
                let _ = writeln!(s, "  {:22}↳ {note}", "");
            }
        }
    }
    if !x.sources.is_empty() {
        s.push_str("\nSources\n");
        for fact in &x.sources {
            let kind = match fact.kind {
                FactKind::Fact => "",
                FactKind::Judgement => " [judgement]",
                FactKind::Parameter => " [modelling assumption]",
            };
            let date = (fact.date.as_ref())
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            let para = (fact.paragraph.as_ref())
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {}{date}{kind}: {} — {}{para}",
                fact.id, fact.summary, fact.document
            );
        }
    }
    s
}

pub fn cause_text(cause: &RunCause) -> String {
    match cause {
        RunCause::Ballot {
            member,
            vote,
            policy,
        } => format!(
            "{member} {vote} in the last vote ({})",
            policy.as_deref().unwrap_or("default")
        ),
        RunCause::Event { id } => format!("event {id}"),
        RunCause::Trigger { id } => format!("trigger {id}"),
        RunCause::Appointment { office } => format!("appointment {office}"),
        RunCause::Action { review } => format!("action {review}"),
    }
}

/// Causes listed at most; the rest are counted.
const LISTED: usize = 25;
/// A cause is listed when its share differs across outcomes by at least this many points.
const TELLING_POINTS: f64 = 0.5;

/// Cause frequencies as text: outcomes and causes in the order of their names, causes
/// ranked by how differently often they appear across outcomes.
pub fn runs_text(id: &str, tally: &CauseFrequencies) -> String {
    let mut s = format!(
        "{id} over {} runs (seed {})\n\nFinal outcome\n",
        tally.runs, tally.seed
    );
    let names: Vec<String> = (tally.outcomes.iter())
        .map(|o| value_text(&o.outcome))
        .collect();
    let mut columns: Vec<usize> = (0..names.len()).collect();
    columns.sort_by(|&a, &b| names[a].cmp(&names[b]));
    for &o in &columns {
        let k = tally.outcomes[o].runs;
        let _ = writeln!(
            s,
            "  {:<12} {:>6}  ({k} runs)",
            names[o],
            Percent::of(k, tally.runs)
        );
    }
    // Shares in percentage points, computed from the counts.
    let pct = |k: u64, n: u64| 100.0 * k as f64 / n.max(1) as f64;
    let mut ranked: Vec<(f64, String, Vec<f64>)> = (tally.causes.iter())
        .map(|c| {
            let v: Vec<f64> = (columns.iter())
                .map(|&o| pct(c.runs[o], tally.outcomes[o].runs))
                .collect();
            let spread = v.iter().cloned().fold(f64::MIN, f64::max)
                - v.iter().cloned().fold(f64::MAX, f64::min);
            (spread, cause_text(&c.cause), v)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let header: Vec<String> = (columns.iter())
        .map(|&o| format!("{:>9}", format!("if {}", names[o])))
        .collect();
    let _ = write!(
        s,
        "\nCauses, by share of runs with each outcome in which they appeared\n  {} cause\n",
        header.join(" ")
    );
    // Only what tells outcomes apart; the rest is counted, not listed.
    let telling: Vec<_> = (ranked.iter())
        .filter(|(spread, ..)| *spread >= TELLING_POINTS)
        .collect();
    for (_, c, v) in telling.iter().take(LISTED) {
        let cells: Vec<String> = v
            .iter()
            .map(|x| format!("{:>9}", Percent::of_share(x / 100.0)))
            .collect();
        let _ = writeln!(s, "  {} {c}", cells.join(" "));
    }
    let rest = ranked.len() - telling.len().min(LISTED);
    if rest > 0 {
        let _ = writeln!(
            s,
            "  ({rest} more appear about as often whatever the outcome; these are associations across runs, not proof of cause)"
        );
    }
    s
}
