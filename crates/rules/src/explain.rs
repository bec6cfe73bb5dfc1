//! Why an outcome happened: the votes on a proposal and the policies and conditions behind
//! each objection, the events and triggers that moved the values those conditions read, and
//! the facts all of them cite. Over many runs: how often each cause appeared.
//!
//! Explanations are read from a logged run ([`RunReport`]), so they show exactly what the
//! timeline shows, and from the model (which policy reads what).

use std::collections::BTreeMap;

use statecraft_model::calendar::date_of_day;
use statecraft_model::id::{FactId, ProposalId};
use statecraft_model::log::{Entry, EntryKind};
use statecraft_model::model::{Accessor, Cond, EffectRange, Model, Rule};
use statecraft_model::state::State;

use crate::batch::{self, Accumulator, Runs};
use crate::engine::Observer;
use crate::percent::Percent;
use crate::run::RunReport;

/// What can be explained.
enum Target {
    Proposal(ProposalId),
    /// A label as effect notes write it (`partner.visa_free`, `trust(partner)`, `flag x`).
    Label(String),
}

fn target(model: &Model, id: &str) -> Result<Target, String> {
    if let Some(p) = model.proposal_by_id(id) {
        return Ok(Target::Proposal(p));
    }
    if model.status_slot_ids().any(|s| model.status_label(s) == id) {
        return Ok(Target::Label(id.to_owned()));
    }
    if model.flags().iter().any(|f| f.id == id) {
        return Ok(Target::Label(format!("flag {id}")));
    }
    if model
        .slot_ids()
        .any(|s| model.slot_label(s) == id || model.slot_label(s) == format!("{id}()"))
    {
        let label = if id.ends_with(')') {
            id.to_owned()
        } else {
            format!("{id}()")
        };
        return Ok(Target::Label(label));
    }
    let mut known: Vec<String> = model.proposals().iter().map(|p| p.id.clone()).collect();
    known.extend(model.status_slot_ids().map(|s| model.status_label(s)));
    known.extend(model.flags().iter().map(|f| f.id.clone()));
    let hint = statecraft_model::diag::did_you_mean(id, known.iter().map(String::as_str))
        .map(|b| format!(" (did you mean `{b}`?)"))
        .unwrap_or_default();
    Err(format!(
        "`{id}` is not a proposal, a status (actor.status), a flag or an indicator (name(actor)) of this scenario{hint}"
    ))
}

/// The labels a condition reads, as effect notes write them.
fn read_labels(model: &Model, cond: &Cond, into: &mut Vec<String>) {
    for (accessor, _) in cond.reads() {
        let label = match accessor {
            Accessor::Indicator(slot) => model.slot_label(slot),
            Accessor::Status(slot) => model.status_label(slot),
            Accessor::Flag(f) => format!("flag {}", model.flag(f).id),
            Accessor::PolicyActive(p) => format!("policy {}", model.policy(p).id),
            Accessor::Outcome(p) | Accessor::Attempts(p) => model.proposal(p).id.clone(),
            Accessor::Holder(o) => model.office(o).id.clone(),
            Accessor::Date => continue,
        };
        if !into.contains(&label) {
            into.push(label);
        }
    }
}

fn line(e: &Entry) -> String {
    format!("{}  {:<11} {}", date_of_day(e.day), e.kind.name(), e.text)
}

/// The causal chain behind `id` in one run, as text.
pub fn explain(model: &Model, report: &RunReport, id: &str) -> Result<String, String> {
    let target = target(model, id)?;
    let mut s = String::new();
    let mut watch: Vec<String> = Vec::new();
    let mut policies: Vec<usize> = Vec::new();
    let mut facts: Vec<FactId> = Vec::new();
    let mut last_step = u32::MAX;
    // Entries about these ids (reviews, other proposals) are causes in themselves.
    let mut ids: Vec<String> = Vec::new();
    match &target {
        Target::Proposal(p) => {
            let prop = &model.proposal(*p);
            let ps = &report.state.proposals[p.index()];
            s.push_str(&format!(
                "{} ({}): {} after {} vote{}\n",
                prop.title,
                prop.id,
                ps.outcome.name(),
                ps.attempts,
                if ps.attempts == 1 { "" } else { "s" }
            ));
            facts.extend(prop.source);
            watch.push(prop.id.clone());
            s.push_str("\nVotes\n");
            for e in report.timeline.iter().filter(|e| {
                e.vote
                    .as_ref()
                    .is_some_and(|v| v.proposals.contains(&prop.id))
            }) {
                s.push_str(&format!("  {}\n", line(e)));
                last_step = e.step;
                let vote = e.vote.as_ref().expect("filtered on votes");
                for b in vote
                    .ballots
                    .iter()
                    .filter(|b| b.vote != statecraft_model::vote::Vote::For)
                {
                    if let Some(pol) = b
                        .policy
                        .as_ref()
                        .and_then(|id| model.policies().iter().position(|p| &p.id == id))
                        && !policies.contains(&pol)
                    {
                        policies.push(pol);
                    }
                }
            }
            if ps.attempts == 0 {
                s.push_str("  (never put to a vote in this run)\n");
                let tablers = tablers(model, *p);
                if !tablers.is_empty() {
                    s.push_str("  it is tabled by:\n");
                    for t in tablers {
                        s.push_str(&format!("    {t}\n"));
                    }
                }
            }
        }
        Target::Label(label) => {
            s.push_str(&format!(
                "{label}: {} at the end of the run\n",
                label_value(model, &report.state, label)
            ));
            let could = writers(model, label);
            if !could.is_empty() {
                s.push_str("  can be changed by:\n");
                for w in &could {
                    s.push_str(&format!("    {w}\n"));
                }
            }
            watch.push(label.clone());
            // Reviews whose actions move this status, and what their requirements read.
            for review in model.reviews() {
                let moves = review.actions.iter().any(|a| {
                    a.status
                        .is_some_and(|m| &model.status_label(m.slot) == label)
                });
                if moves {
                    s.push_str(&format!(
                        "  moved by review {} (requires `{}`)\n",
                        review.id,
                        review.requires.text()
                    ));
                    ids.push(review.id.clone());
                    for instrument in review.actions.iter().filter_map(|a| a.instrument) {
                        ids.push(model.instrument(instrument).id.clone());
                    }
                    read_labels(model, &review.requires, &mut watch);
                    facts.extend(review.source);
                }
            }
        }
    }
    if !policies.is_empty() {
        s.push_str("\nPolicies behind the objections\n");
        for &pol in &policies {
            let policy = &model.policies()[pol];
            let member = &model.actor(policy.member);
            let rule = match &policy.rule {
                Rule::Fixed(v) => format!("votes {v}"),
                Rule::Conditional {
                    condition,
                    then,
                    otherwise,
                } => {
                    read_labels(model, condition, &mut watch);
                    format!(
                        "votes {then} while `{}`, else {otherwise}",
                        condition.text()
                    )
                }
                Rule::BalancedAid {
                    counterpart,
                    ratio,
                    window_steps,
                    ..
                } => {
                    let unit = match model.calendar().unit {
                        statecraft_model::calendar::StepUnit::Month => "month",
                        statecraft_model::calendar::StepUnit::Week => "week",
                    };
                    let who = &model.actor(*counterpart).id;
                    for q in model
                        .proposals()
                        .iter()
                        .filter(|q| q.beneficiary == Some(*counterpart))
                    {
                        watch.push(q.id.clone());
                        ids.push(q.id.clone());
                    }
                    format!(
                        "supports only if aid to {who} is at least {ratio} × aid to the beneficiary (same package, or adopted within {window_steps} {unit}s)"
                    )
                }
            };
            if let Some(when) = &policy.when {
                read_labels(model, when, &mut watch);
            }
            let when = policy
                .when
                .as_ref()
                .map(|w| format!(", while `{}`", w.text()))
                .unwrap_or_default();
            let chance = policy
                .probability
                .map(|p| format!(", with probability {p} at each vote"))
                .unwrap_or_default();
            s.push_str(&format!(
                "  {} ({}): {rule}{when}{chance}\n",
                policy.id, member.name
            ));
            facts.extend(policy.source);
            watch.push(format!("policy {}", policy.id));
        }
    }
    let own_ids: Vec<String> = match &target {
        Target::Proposal(p) => vec![model.proposal(*p).id.clone()],
        Target::Label(_) => Vec::new(),
    };
    let causes: Vec<&Entry> = report
        .timeline
        .iter()
        .filter(|e| last_step == u32::MAX || e.step <= last_step)
        // The target's own votes are listed above, unless they also moved something else.
        .filter(|e| {
            !(e.vote.is_some()
                && own_ids.contains(&e.id)
                && !e
                    .effects
                    .iter()
                    .any(|n| watch.iter().skip(1).any(|w| mentions(n, w))))
        })
        .filter(|e| {
            e.effects
                .iter()
                .any(|note| watch.iter().any(|w| mentions(note, w)))
                || e.id.split('+').any(|i| ids.iter().any(|w| w == i))
        })
        .collect();
    if !causes.is_empty() {
        s.push_str("\nWhat moved the values they read\n");
        for e in &causes {
            s.push_str(&format!("  {}\n", line(e)));
            for note in e
                .effects
                .iter()
                .filter(|n| watch.iter().any(|w| mentions(n, w)))
            {
                s.push_str(&format!("  {:22}↳ {note}\n", ""));
            }
            for f in &e.sources {
                if let Some(i) = model.facts().iter().position(|x| &x.id == f) {
                    facts.push(FactId::from_index(i));
                }
            }
        }
    }
    facts.sort_unstable();
    facts.dedup();
    if !facts.is_empty() {
        s.push_str("\nSources\n");
        for f in facts {
            let fact = &model.facts()[f.index()];
            let kind = match fact.kind {
                statecraft_model::raw::FactKind::Fact => "",
                statecraft_model::raw::FactKind::Judgement => " [judgement]",
                statecraft_model::raw::FactKind::Parameter => " [modelling assumption]",
            };
            // Show the date only as precisely as it is known.
            let date = fact
                .day
                .map(|d| {
                    let full = date_of_day(d).to_string();
                    let shown = match fact.precision.as_deref() {
                        Some("year") => &full[..4],
                        Some("month") => &full[..7],
                        _ => &full[..],
                    };
                    format!(" ({shown})")
                })
                .unwrap_or_default();
            let para = fact
                .paragraph
                .as_ref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            s.push_str(&format!(
                "  {}{date}{kind}: {} — {}{para}\n",
                fact.id, fact.summary, fact.document
            ));
        }
    }
    Ok(s)
}

/// Whether an effect note is about `label` (notes start with the label they change).
fn mentions(note: &str, label: &str) -> bool {
    note.starts_with(label) && note[label.len()..].starts_with([' ', ':'])
        || note.starts_with(&format!("{label} "))
}

/// Keeps a run's log lines: a batch that explains needs every line of every run.
struct Lines<'a> {
    lines: &'a mut Vec<Entry>,
}

impl Observer for Lines<'_> {
    const LOGS: bool = true;
    fn entry(&mut self, entry: Entry) {
        self.lines.push(entry);
    }
    fn step_end(&mut self, _: &Model, _: &State) {}
}

/// A batch's record for [`causes_over_runs`]: runs by final outcome, and by cause and outcome.
struct CauseCounts<'m> {
    model: &'m Model,
    target: &'m Target,
    /// The current run's lines (cleared at the start of each run).
    lines: Vec<Entry>,
    outcomes: BTreeMap<String, u64>,
    /// cause → outcome → runs
    causes: BTreeMap<String, BTreeMap<String, u64>>,
}

impl Accumulator for CauseCounts<'_> {
    type Observer<'a>
        = Lines<'a>
    where
        Self: 'a;
    fn observer(&mut self, _: usize) -> Lines<'_> {
        self.lines.clear();
        Lines {
            lines: &mut self.lines,
        }
    }
    fn record(&mut self, _: u64, finals: &[State]) {
        let (model, state) = (self.model, &finals[0]);
        let mut seen: Vec<String> = Vec::new();
        let outcome = match self.target {
            Target::Proposal(p) => {
                let prop = &model.proposal(*p);
                if let Some(vote) = self
                    .lines
                    .iter()
                    .rev()
                    .filter_map(|e| e.vote.as_ref())
                    .find(|v| v.proposals.contains(&prop.id))
                {
                    for b in vote
                        .ballots
                        .iter()
                        .filter(|b| b.vote != statecraft_model::vote::Vote::For)
                    {
                        seen.push(format!(
                            "{} {} in the last vote ({})",
                            b.member,
                            b.vote,
                            b.policy.as_deref().unwrap_or("default")
                        ));
                    }
                }
                state.proposals[p.index()].outcome.name().to_owned()
            }
            Target::Label(label) => label_value(model, state, label),
        };
        for e in &self.lines {
            if matches!(
                e.kind,
                EntryKind::Event | EntryKind::Trigger | EntryKind::Appointment | EntryKind::Action
            ) {
                seen.push(format!("{} {}", e.kind.name(), e.id));
            }
        }
        seen.sort();
        seen.dedup();
        for c in seen {
            *self
                .causes
                .entry(c)
                .or_default()
                .entry(outcome.clone())
                .or_default() += 1;
        }
        *self.outcomes.entry(outcome).or_default() += 1;
    }
    fn merge(&mut self, later: Self) {
        for (o, k) in later.outcomes {
            *self.outcomes.entry(o).or_default() += k;
        }
        for (c, by) in later.causes {
            let mine = self.causes.entry(c).or_default();
            for (o, k) in by {
                *mine.entry(o).or_default() += k;
            }
        }
    }
}

/// Over `runs` logged runs: the final outcome shares, and for each cause (a member's vote
/// under a policy in the last vote, an event, a trigger) the share of runs with each outcome
/// in which it appeared. Causes are ranked by how differently often they appear across
/// outcomes: a cause present whatever the outcome explains nothing and sinks to the bottom.
pub fn causes_over_runs(
    model: &Model,
    id: &str,
    seed: u64,
    runs: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<String, String> {
    let target = target(model, id)?;
    let CauseCounts {
        outcomes, causes, ..
    } = batch::run(&[model], Runs::all(seed, runs), progress, &|| CauseCounts {
        model,
        target: &target,
        lines: Vec::new(),
        outcomes: BTreeMap::new(),
        causes: BTreeMap::new(),
    });
    let pct = |k: u64, n: u64| 100.0 * k as f64 / n.max(1) as f64;
    let mut s = format!("{id} over {runs} runs (seed {seed})\n\nFinal outcome\n");
    for (o, k) in &outcomes {
        s.push_str(&format!(
            "  {o:<12} {:>6}  ({k} runs)\n",
            Percent::of(*k, runs)
        ));
    }
    let names: Vec<&String> = outcomes.keys().collect();
    let shares = |by: &BTreeMap<String, u64>| -> Vec<f64> {
        names
            .iter()
            .map(|o| pct(by.get(*o).copied().unwrap_or(0), outcomes[*o]))
            .collect()
    };
    let mut ranked: Vec<(f64, &String, Vec<f64>)> = causes
        .iter()
        .map(|(c, by)| {
            let v = shares(by);
            let spread = v.iter().cloned().fold(f64::MIN, f64::max)
                - v.iter().cloned().fold(f64::MAX, f64::min);
            (spread, c, v)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let header: Vec<String> = names
        .iter()
        .map(|o| format!("{:>9}", format!("if {o}")))
        .collect();
    s.push_str(&format!(
        "\nCauses, by share of runs with each outcome in which they appeared\n  {} cause\n",
        header.join(" ")
    ));
    // Only what tells outcomes apart; the rest is counted, not listed.
    let telling: Vec<_> = ranked
        .iter()
        .filter(|(spread, ..)| *spread >= 0.5)
        .collect();
    for (_, c, v) in telling.iter().take(25) {
        let cells: Vec<String> = v
            .iter()
            .map(|x| format!("{:>9}", Percent::of_share(x / 100.0)))
            .collect();
        s.push_str(&format!("  {} {c}\n", cells.join(" ")));
    }
    let rest = ranked.len() - telling.len().min(25);
    if rest > 0 {
        s.push_str(&format!(
            "  ({rest} more appear about as often whatever the outcome; these are associations across runs, not proof of cause)\n"
        ));
    }
    Ok(s)
}

/// The items whose effects table proposal `p`.
fn tablers(model: &Model, p: ProposalId) -> Vec<String> {
    use statecraft_model::model::Effect;
    let tables = |range: &EffectRange| {
        model
            .effects_in(*range)
            .iter()
            .any(|e| matches!(*e, Effect::Table { proposal, .. } if proposal == p))
    };
    let mut out: Vec<String> = model
        .events()
        .iter()
        .filter(|e| tables(&e.effects))
        .map(|e| format!("event {}", e.id))
        .collect();
    out.extend(
        model
            .triggers()
            .iter()
            .filter(|t| tables(&t.effects))
            .map(|t| format!("trigger {} (when `{}`)", t.id, t.when.text())),
    );
    out.extend(
        model
            .proposals()
            .iter()
            .filter(|q| tables(&q.on_fail))
            .map(|q| format!("proposal {}, after a failed vote", q.id)),
    );
    out.extend(
        model
            .proposals()
            .iter()
            .filter(|q| tables(&q.on_adopt))
            .map(|q| format!("proposal {}, if adopted", q.id)),
    );
    out
}

/// The items whose effects can change `label`, described with when they act.
fn writers(model: &Model, label: &str) -> Vec<String> {
    use statecraft_model::model::{Effect, Schedule};
    let touches = |range: &EffectRange| {
        model.effects_in(*range).iter().any(|e| match *e {
            Effect::Flag { flag, .. } => label == format!("flag {}", model.flag(flag).id),
            Effect::Status { slot, .. } => label == model.status_label(slot),
            Effect::Indicator { slot, .. } => label == model.slot_label(slot),
            _ => false,
        })
    };
    let mut out = Vec::new();
    for e in model.events() {
        if touches(&e.effects) {
            let when = match e.schedule {
                Schedule::At { day, .. } => format!("on {}", date_of_day(day)),
                Schedule::Random {
                    chance,
                    from,
                    until,
                    once,
                } => format!(
                    "with chance {chance} a step from {} to {}{}",
                    model.calendar().step_start(from),
                    model.calendar().step_end(until),
                    if once { ", once" } else { "" }
                ),
            };
            let cond = e
                .when
                .as_ref()
                .map(|c| format!(", while `{}`", c.text()))
                .unwrap_or_default();
            out.push(format!("event {} ({when}{cond})", e.id));
        }
    }
    for t in model.triggers() {
        if touches(&t.effects) {
            out.push(format!("trigger {} (when `{}`)", t.id, t.when.text()));
        }
    }
    for p in model.proposals() {
        if touches(&p.on_adopt) {
            out.push(format!("proposal {}, if adopted", p.id));
        }
        if touches(&p.on_fail) {
            out.push(format!("proposal {}, after a failed vote", p.id));
        }
    }
    for r in model.reviews() {
        let moves = r.actions.iter().any(|a| {
            touches(&a.effects)
                || a.status
                    .is_some_and(|m| model.status_label(m.slot) == label)
        });
        if moves {
            out.push(format!(
                "review {} (requires `{}`)",
                r.id,
                r.requires.text()
            ));
        }
    }
    out
}

/// The value of `label` in a run's final state, as explanations print it.
fn label_value(model: &Model, state: &State, label: &str) -> String {
    if let Some(slot) = model
        .status_slot_ids()
        .find(|&s| model.status_label(s) == label)
    {
        return model
            .state_name(slot, state.states[slot.index()])
            .to_owned();
    }
    if let Some(flag) = label.strip_prefix("flag ")
        && let Some(f) = model.flags().iter().position(|f| f.id == flag)
    {
        return state.flags[f].to_string();
    }
    if let Some(slot) = model.slot_ids().find(|&s| model.slot_label(s) == label) {
        return format!("{:.2}", state.values[slot.index()]);
    }
    "final value".to_owned()
}
