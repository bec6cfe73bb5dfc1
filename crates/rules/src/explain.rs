//! Why an outcome happened: the votes on a proposal and the policies and conditions behind
//! each objection, the events and triggers that moved the values those conditions read, and
//! the facts all of them cite. Over many runs ([`runs`]): how often each cause appeared.
//!
//! Explanations are read from a logged run ([`RunReport`]), so they show exactly what the
//! timeline shows, and from the model (which policy reads what). They match items by their
//! typed references (a line's [`Origin`], a change's [`ItemRef`], a condition's
//! [`Accessor`]s), never by the words of the log, so rewording a line cannot change an
//! explanation. The result is data ([`Explanation`], serialisable); the CLI renders it.

mod items;
pub mod runs;

use serde::Serialize;
use statecraft_model::calendar::date_of_day;
use statecraft_model::id::{
    FactId, FlagId, InstrumentId, PolicyId, ProposalId, ReviewId, SlotId, StatusSlotId,
};
use statecraft_model::log::{EffectRecord, Entry, EntryKind, ItemKind, ItemRef, ItemValue, Origin};
use statecraft_model::model::{Accessor, Cond, Holder, Model, Rule};
use statecraft_model::state::State;
use statecraft_model::vote::Vote;

pub use items::{EventSchedule, Source, Writer};

use crate::run::RunReport;

/// What can be explained: a proposal's outcome, or the final value of a status slot, a flag
/// or an indicator slot (indices into the model).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Proposal(ProposalId),
    Status(StatusSlotId),
    Flag(FlagId),
    Indicator(SlotId),
}

impl Target {
    /// The item as effect records refer to it.
    pub fn item(self) -> ItemRef {
        match self {
            Target::Proposal(p) => ItemRef::Proposal(p),
            Target::Status(s) => ItemRef::Status(s),
            Target::Flag(f) => ItemRef::Flag(f),
            Target::Indicator(s) => ItemRef::Indicator(s),
        }
    }

    /// Its value at the end of a run: a proposal's outcome, a state, a flag, a number.
    pub fn value(self, model: &Model, state: &State) -> ItemValue {
        match self {
            Target::Proposal(p) => {
                ItemValue::Name(state.proposals[p.index()].outcome.name().to_owned())
            }
            Target::Status(slot) => ItemValue::Name(
                model
                    .state_name(slot, state.states[slot.index()])
                    .to_owned(),
            ),
            Target::Flag(f) => ItemValue::Bool(state.flags[f.index()]),
            Target::Indicator(slot) => ItemValue::Number(state.values[slot.index()]),
        }
    }
}

/// The explained item as the output names it: `{kind, id}` (and a proposal's title).
#[derive(Clone, Debug, Serialize)]
pub struct Explained {
    #[serde(skip)]
    pub target: Target,
    pub kind: ItemKind,
    /// Its readable id, as [`ItemRef::target`] writes it (`trust(partner)`, `partner.visa_free`).
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Explained {
    fn new(model: &Model, target: Target) -> Explained {
        let item = target.item();
        Explained {
            target,
            kind: item.kind(),
            id: item.target(model),
            title: match target {
                Target::Proposal(p) => Some(model.proposal(p).title.clone()),
                _ => None,
            },
        }
    }
}

/// An id that names nothing explainable in the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownTarget {
    pub id: String,
    /// The closest proposal, status or flag id, if one is close.
    pub suggestion: Option<String>,
}

impl std::fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not a proposal, a status (actor.status), a flag or an indicator (name(actor)) of this scenario",
            self.id
        )?;
        match &self.suggestion {
            Some(s) => write!(f, " (did you mean `{s}`?)"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownTarget {}

/// Resolves an id given on the command line: a proposal, a status slot (`actor.status`), a
/// flag, or an indicator slot (`name(actor)`, or `name` / `name()` for a global indicator).
pub fn target(model: &Model, id: &str) -> Result<Target, UnknownTarget> {
    if let Some(p) = model.proposals().iter().position(|p| p.id == id) {
        return Ok(Target::Proposal(ProposalId::from_index(p)));
    }
    let statuses = || model.status_slot_ids();
    if let Some(slot) = statuses().find(|&s| model.status_label(s) == id) {
        return Ok(Target::Status(slot));
    }
    if let Some(f) = model.flags().iter().position(|f| f.id == id) {
        return Ok(Target::Flag(FlagId::from_index(f)));
    }
    let global = format!("{id}()");
    if let Some(slot) = model.slot_ids().find(|&s| {
        let label = model.slot_label(s);
        label == id || label == global
    }) {
        return Ok(Target::Indicator(slot));
    }
    let mut known: Vec<String> = model.proposals().iter().map(|p| p.id.clone()).collect();
    known.extend(statuses().map(|s| model.status_label(s)));
    known.extend(model.flags().iter().map(|f| f.id.clone()));
    let suggestion = statecraft_model::diag::did_you_mean(id, known.iter().map(String::as_str))
        .map(str::to_owned);
    Err(UnknownTarget {
        id: id.to_owned(),
        suggestion,
    })
}

/// The causal chain behind one item in one run.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub target: Explained,
    /// Its value at the end of the run.
    pub outcome: ItemValue,
    /// For a proposal: how many times it was voted on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    /// For a proposal with a formal adoption: the date of the political agreement (the vote
    /// that adopted it), `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed: Option<String>,
    /// For a proposal with a formal adoption: the date it was adopted formally, if it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formally_adopted: Option<String>,
    /// In order: the votes on the proposal, the reviews that move the status, the policies
    /// behind the objections, then the timeline lines that moved what any of them read.
    pub causes: Vec<Cause>,
    /// For a status, flag or indicator: every item whose effects can change it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_by: Vec<Writer>,
    /// For a proposal: every item whose effects table it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tabled_by: Vec<Writer>,
    /// The facts cited by the proposal, the policies, the reviews and the causes, in the
    /// order of the fact base.
    pub sources: Vec<Source>,
}

/// One cause, tagged by `kind`.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    /// A vote on the explained proposal.
    Vote(VoteCause),
    /// A review whose actions move the explained status.
    Review(ReviewCause),
    /// A policy behind an objection in those votes.
    Policy(PolicyCause),
    /// A line of the timeline that moved what the target, its reviews or its policies read
    /// (or a vote or review those depend on).
    Timeline(LineCause),
}

/// A timeline line as causes cite it.
#[derive(Clone, Debug, Serialize)]
pub struct Line {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(skip)]
    pub step: u32,
    /// The kind of line (`event`, `vote`, `review`, ...).
    pub entry: EntryKind,
    /// The line's id (an event's, a review's; a vote's proposal ids joined with `+`).
    pub id: String,
    pub text: String,
    /// Fact ids the line cites.
    pub sources: Vec<String>,
}

impl Line {
    fn of(e: &Entry) -> Line {
        Line {
            date: date_of_day(e.day).to_string(),
            step: e.step,
            entry: e.kind,
            id: e.id.clone(),
            text: e.text.clone(),
            sources: e.sources.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct VoteCause {
    #[serde(flatten)]
    pub line: Line,
    /// Adopted, or (a stage) passed.
    pub adopted: bool,
    /// For a stage that is not a Council vote, its body (`"parliament"`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<&'static str>,
    /// Every member not in favour, with the policy that decided.
    pub objections: Vec<Objection>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Objection {
    pub member: String,
    pub vote: Vote,
    pub policy: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReviewCause {
    pub id: String,
    /// The requirement's condition, as written.
    pub requires: String,
    /// What the requirement reads.
    pub reads: Vec<Read>,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PolicyCause {
    pub id: String,
    /// The member state's id.
    pub member: String,
    pub member_name: String,
    pub rule: PolicyRule,
    /// The condition under which the policy applies, as written.
    pub when: Option<String>,
    /// The chance it applies at each vote.
    pub probability: Option<f64>,
    /// What its rule and its condition read.
    pub reads: Vec<Read>,
    pub sources: Vec<String>,
}

/// How a policy votes.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PolicyRule {
    Fixed {
        vote: Vote,
    },
    Conditional {
        condition: String,
        then: Vote,
        otherwise: Vote,
    },
    /// Supports only if aid to `counterpart` is at least `ratio` × aid to the beneficiary
    /// (same package, or adopted within `window` steps).
    BalancedAid {
        counterpart: String,
        ratio: f64,
        window: u32,
        unit: statecraft_model::calendar::StepUnit,
    },
}

/// An item a condition reads, named as effect records name it (`{kind, target}`), so a
/// program can join reads with changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Read {
    #[serde(skip)]
    pub item: ItemRef,
    pub kind: ItemKind,
    pub target: String,
}

/// A line of the timeline that moved what the explanation watches.
#[derive(Clone, Debug, Serialize)]
pub struct LineCause {
    #[serde(flatten)]
    pub line: Line,
    /// The line's changes to watched items (a change the line's own text says has no `text`).
    pub changes: Vec<EffectRecord>,
}

/// The item a condition's accessor reads, if any (the date is not an item).
fn read_item(accessor: Accessor) -> Option<ItemRef> {
    Some(match accessor {
        Accessor::Indicator(slot) => ItemRef::Indicator(slot),
        Accessor::Status(slot) => ItemRef::Status(slot),
        Accessor::Flag(f) => ItemRef::Flag(f),
        Accessor::PolicyActive(p) => ItemRef::Policy(p),
        Accessor::Outcome(p)
        | Accessor::Attempts(p)
        | Accessor::Decided(p)
        | Accessor::Objectors(p)
        | Accessor::WouldPass(p) => ItemRef::Proposal(p),
        Accessor::Holder(o) => ItemRef::Office(o),
        Accessor::Date => return None,
    })
}

/// Adds the items `cond` reads to `into`, each once.
fn add_reads(cond: &Cond, into: &mut Vec<ItemRef>) {
    for item in cond.reads().filter_map(|(accessor, _)| read_item(accessor)) {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

fn reads(model: &Model, items: &[ItemRef]) -> Vec<Read> {
    items
        .iter()
        .map(|&item| Read {
            item,
            kind: item.kind(),
            target: item.target(model),
        })
        .collect()
}

/// The item a change counts as for watching: moving an indicator's baseline moves what
/// reads the indicator.
fn watched_as(item: ItemRef) -> ItemRef {
    match item {
        ItemRef::Baseline(slot) => ItemRef::Indicator(slot),
        other => other,
    }
}

/// Lines that are causes by what they are about, whatever they changed: the reviews that
/// move the target and the Council decisions under their instruments, and the votes on the
/// proposals a balance policy counts.
#[derive(Default)]
struct Related {
    reviews: Vec<ReviewId>,
    instruments: Vec<InstrumentId>,
    proposals: Vec<ProposalId>,
}

impl Related {
    fn contains(&self, origin: &Origin) -> bool {
        match origin {
            Origin::Review(r) | Origin::Action(r) => self.reviews.contains(r),
            Origin::CouncilVote { instrument, .. } => self.instruments.contains(instrument),
            Origin::Vote(proposals) | Origin::FormalAdoption(proposals) => {
                proposals.iter().any(|p| self.proposals.contains(p))
            }
            Origin::Tabled(p) | Origin::HeldBack(p) => self.proposals.contains(p),
            Origin::Decision(p) => self.proposals.contains(p),
            Origin::Event(_)
            | Origin::Appointment(_)
            | Origin::Trigger(_)
            | Origin::Concession(_)
            | Origin::Lifted(_) => false,
        }
    }
}

/// The causal chain behind `id` in one run.
pub fn explain(model: &Model, report: &RunReport, id: &str) -> Result<Explanation, UnknownTarget> {
    let target = target(model, id)?;
    let mut causes = Vec::new();
    // The items whose changes are causes; the first is the target itself.
    let mut watch: Vec<ItemRef> = vec![target.item()];
    let mut policies: Vec<PolicyId> = Vec::new();
    let mut facts: Vec<FactId> = Vec::new();
    let mut last_vote_step = None;
    let mut related = Related::default();
    let (mut changed_by, mut tabled_by) = (Vec::new(), Vec::new());
    let mut attempts = None;
    let (mut agreed, mut formally_adopted) = (None, None);
    match target {
        Target::Proposal(p) => {
            let prop = &model.proposal(p);
            attempts = Some(report.state.proposals[p.index()].attempts);
            facts.extend(prop.source);
            // What the proposer and a re-vote wait for (`table_when`, `retable.when`) is read
            // like a policy's condition: what moved it is a cause.
            let waits = (prop.initiative.as_ref().and_then(|i| i.when.as_ref()))
                .into_iter()
                .chain(prop.retable.as_ref().and_then(|r| r.when.as_ref()));
            let mut read = Vec::new();
            for condition in waits {
                add_reads(condition, &mut read);
            }
            for item in read {
                if !watch.contains(&item) {
                    watch.push(item);
                }
            }
            for e in &report.timeline {
                let Origin::Vote(voted) = &e.origin else {
                    continue;
                };
                if !voted.contains(&p) {
                    continue;
                }
                // A stage that is not a Council vote: Parliament, the European Council,
                // ratification. No ballots of members to list.
                if let (None, Some(stage)) = (&e.vote, e.stage) {
                    last_vote_step = Some(e.step);
                    causes.push(Cause::Vote(VoteCause {
                        line: Line::of(e),
                        adopted: stage.passed,
                        stage: Some(stage.body),
                        objections: Vec::new(),
                    }));
                    continue;
                }
                let Some(vote) = &e.vote else { continue };
                last_vote_step = Some(e.step);
                let against: Vec<_> = vote
                    .ballots
                    .iter()
                    .filter(|b| b.vote != Vote::For)
                    .collect();
                for pol in against.iter().filter_map(|b| b.policy_index) {
                    if !policies.contains(&pol) {
                        policies.push(pol);
                    }
                }
                causes.push(Cause::Vote(VoteCause {
                    line: Line::of(e),
                    adopted: vote.adopted,
                    stage: None,
                    objections: against
                        .iter()
                        .map(|b| Objection {
                            member: b.member.clone(),
                            vote: b.vote,
                            policy: b.policy.clone(),
                        })
                        .collect(),
                }));
            }
            tabled_by = items::tablers(model, p);
            if prop.formal_adoption.is_some() {
                agreed = causes.iter().rev().find_map(|c| match c {
                    Cause::Vote(v) if v.adopted => Some(v.line.date.clone()),
                    _ => None,
                });
                formally_adopted = (report.timeline.iter())
                    .find(|e| matches!(&e.origin, Origin::FormalAdoption(ps) if ps.contains(&p)))
                    .map(|e| date_of_day(e.day).to_string());
            }
        }
        Target::Status(_) | Target::Flag(_) | Target::Indicator(_) => {
            changed_by = items::writers(model, target.item());
            for (r, review) in model.reviews().iter().enumerate() {
                let moves = review
                    .actions
                    .iter()
                    .any(|a| a.status.is_some_and(|m| target == Target::Status(m.slot)));
                if !moves {
                    continue;
                }
                related.reviews.push(ReviewId::from_index(r));
                related
                    .instruments
                    .extend(review.actions.iter().filter_map(|a| a.instrument));
                let mut read = Vec::new();
                add_reads(&review.requires, &mut read);
                for &item in &read {
                    if !watch.contains(&item) {
                        watch.push(item);
                    }
                }
                facts.extend(review.source);
                causes.push(Cause::Review(ReviewCause {
                    id: review.id.clone(),
                    requires: review.requires.text().to_owned(),
                    reads: reads(model, &read),
                    sources: model
                        .fact_id(review.source)
                        .map(str::to_owned)
                        .into_iter()
                        .collect(),
                }));
            }
        }
    }
    for &pol in &policies {
        let policy = &model.policy(pol);
        let mut read = Vec::new();
        let rule = match &policy.rule {
            Rule::Fixed(vote) => PolicyRule::Fixed { vote: *vote },
            Rule::Conditional {
                condition,
                then,
                otherwise,
            } => {
                add_reads(condition, &mut read);
                PolicyRule::Conditional {
                    condition: condition.text().to_owned(),
                    then: *then,
                    otherwise: *otherwise,
                }
            }
            Rule::BalancedAid {
                counterpart,
                ratio,
                window_steps,
                ..
            } => {
                // The aid it weighs: the votes on the counterpart's proposals are causes.
                for (q, _) in (model.proposals().iter().enumerate())
                    .filter(|(_, q)| q.beneficiary == Some(*counterpart))
                {
                    watch.push(ItemRef::Proposal(ProposalId::from_index(q)));
                    related.proposals.push(ProposalId::from_index(q));
                }
                PolicyRule::BalancedAid {
                    counterpart: model.actor(*counterpart).id.clone(),
                    ratio: *ratio,
                    window: *window_steps,
                    unit: model.calendar().unit,
                }
            }
        };
        // What decides whether it applies: its condition, and a policy with memory's lift
        // and concession, so that the event that met a concession is a cause.
        for cond in [&policy.when, &policy.lift_when, &policy.concession]
            .into_iter()
            .flatten()
        {
            add_reads(cond, &mut read);
        }
        for &item in &read {
            if !watch.contains(&item) {
                watch.push(item);
            }
        }
        facts.extend(policy.source);
        watch.push(ItemRef::Policy(pol));
        let (member_id, member_name) = match policy.holder {
            Holder::Member(m) => (model.actor(m).id.clone(), model.actor(m).name.clone()),
            Holder::Group(g) => {
                let group = &model.groups()[g.index()];
                (group.id.clone(), group.name.clone())
            }
        };
        causes.push(Cause::Policy(PolicyCause {
            id: policy.id.clone(),
            member: member_id,
            member_name,
            rule,
            when: policy.when.as_ref().map(|w| w.text().to_owned()),
            probability: policy.probability,
            reads: reads(model, &read),
            sources: model
                .fact_id(policy.source)
                .map(str::to_owned)
                .into_iter()
                .collect(),
        }));
    }
    let watched = |record: &EffectRecord| watch.contains(&watched_as(record.item));
    for e in &report.timeline {
        if last_vote_step.is_some_and(|last| e.step > last) {
            continue;
        }
        // The target's own votes are listed above, unless they also moved something else
        // or are about something else watched (a package with the aid a balance counts).
        let own_vote = matches!((&e.origin, target),
            (Origin::Vote(voted), Target::Proposal(p)) if voted.contains(&p));
        if own_vote
            && !related.contains(&e.origin)
            && !(e.effects.iter()).any(|r| watch[1..].contains(&watched_as(r.item)))
        {
            continue;
        }
        // Why the proposer held the target back, and when it tabled it.
        let own_tabling = matches!((&e.origin, target),
            (Origin::Tabled(q) | Origin::HeldBack(q), Target::Proposal(p)) if *q == p);
        if !(own_tabling || e.effects.iter().any(watched) || related.contains(&e.origin)) {
            continue;
        }
        facts.extend(items::origin_facts(model, &e.origin));
        causes.push(Cause::Timeline(LineCause {
            line: Line::of(e),
            changes: e.effects.iter().filter(|r| watched(r)).cloned().collect(),
        }));
    }
    facts.sort_unstable();
    facts.dedup();
    Ok(Explanation {
        target: Explained::new(model, target),
        outcome: target.value(model, &report.state),
        attempts,
        agreed,
        formally_adopted,
        causes,
        changed_by,
        tabled_by,
        sources: facts.iter().map(|&f| items::source(model, f)).collect(),
    })
}

#[cfg(test)]
mod tests;
