//! What the model says about an explained item, whatever happened in the run: which items'
//! effects can change it or table it, and the facts they cite. Items are matched by index.

use serde::Serialize;
use statecraft_model::calendar::date_of_day;
use statecraft_model::id::{FactId, ProposalId};
use statecraft_model::log::{ItemRef, Origin};
use statecraft_model::model::EffectRange;
use statecraft_model::model::{Effect, Model, Schedule};
use statecraft_model::raw::FactKind;

/// An item whose effects can change (or table) the explained item, with when it acts.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Writer {
    Event {
        id: String,
        schedule: EventSchedule,
        /// The condition under which it fires, as written.
        when: Option<String>,
    },
    Trigger {
        id: String,
        /// The condition that fires it, as written.
        when: String,
    },
    /// A proposal's effects once it is adopted (`adopted`) or after a failed vote.
    Proposal { id: String, adopted: bool },
    Review {
        id: String,
        /// Its requirement, as written.
        requires: String,
    },
}

/// When an event happens.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventSchedule {
    /// On a date (`YYYY-MM-DD`).
    At { date: String },
    /// With `chance` each step from the first day of `from` to the last of `until`.
    Random {
        chance: f64,
        from: String,
        until: String,
        once: bool,
    },
}

/// A cited fact.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    pub id: String,
    pub kind: FactKind,
    /// As precisely as it is known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub summary: String,
    pub document: String,
    pub paragraph: Option<String>,
}

fn effects_of<'m>(model: &'m Model, range: &EffectRange) -> &'m [Effect] {
    model.effects_in(*range)
}

/// The items whose effects table proposal `p`: events, triggers, then proposals after a
/// failed vote, then proposals once adopted.
pub(super) fn tablers(model: &Model, p: ProposalId) -> Vec<Writer> {
    let tables = |range: &EffectRange| {
        effects_of(model, range)
            .iter()
            .any(|e| matches!(*e, Effect::Table { proposal, .. } if proposal == p))
    };
    let mut out = event_and_trigger_writers(model, tables);
    for adopted in [false, true] {
        out.extend(
            model
                .proposals()
                .iter()
                .filter(|q| tables(if adopted { &q.on_adopt } else { &q.on_fail }))
                .map(|q| Writer::Proposal {
                    id: q.id.clone(),
                    adopted,
                }),
        );
    }
    out
}

/// The events, then the triggers, whose effects `hit` picks out.
fn event_and_trigger_writers(model: &Model, hit: impl Fn(&EffectRange) -> bool) -> Vec<Writer> {
    let mut out: Vec<Writer> = (model.events().iter().enumerate())
        .filter(|(_, e)| hit(&e.effects))
        .map(|(i, _)| event_writer(model, i))
        .collect();
    out.extend(
        model
            .triggers()
            .iter()
            .filter(|t| hit(&t.effects))
            .map(|t| Writer::Trigger {
                id: t.id.clone(),
                when: t.when.text().to_owned(),
            }),
    );
    out
}

/// The items whose effects can change `item`: events, triggers, proposals (once adopted,
/// then after a failed vote, each in turn), reviews (by their actions).
pub(super) fn writers(model: &Model, item: ItemRef) -> Vec<Writer> {
    let changes = |effect: &Effect| match (effect, item) {
        (&Effect::Flag { flag, .. }, ItemRef::Flag(f)) => flag == f,
        (&Effect::Status { slot, .. }, ItemRef::Status(s)) => slot == s,
        (&Effect::Indicator { slot, .. }, ItemRef::Indicator(s)) => slot == s,
        _ => false,
    };
    let touches = |range: &EffectRange| effects_of(model, range).iter().any(changes);
    let mut out = event_and_trigger_writers(model, touches);
    for p in model.proposals() {
        for (adopted, range) in [(true, &p.on_adopt), (false, &p.on_fail)] {
            if touches(range) {
                out.push(Writer::Proposal {
                    id: p.id.clone(),
                    adopted,
                });
            }
        }
    }
    for r in model.reviews() {
        let moves = r.actions.iter().any(|a| {
            touches(&a.effects) || a.status.is_some_and(|m| item == ItemRef::Status(m.slot))
        });
        if moves {
            out.push(Writer::Review {
                id: r.id.clone(),
                requires: r.requires.text().to_owned(),
            });
        }
    }
    out
}

fn event_writer(model: &Model, index: usize) -> Writer {
    let e = &model.events()[index];
    let schedule = match e.schedule {
        Schedule::At { day, .. } => EventSchedule::At {
            date: date_of_day(day).to_string(),
        },
        Schedule::Random {
            chance,
            from,
            until,
            once,
        } => EventSchedule::Random {
            chance,
            from: model.calendar().step_start(from).to_string(),
            until: model.calendar().step_end(until).to_string(),
            once,
        },
    };
    Writer::Event {
        id: e.id.clone(),
        schedule,
        when: e.when.as_ref().map(|c| c.text().to_owned()),
    }
}

/// The facts the items behind a line cite (as the line's `sources` lists them).
pub(super) fn origin_facts(model: &Model, origin: &Origin) -> Vec<FactId> {
    match origin {
        Origin::Event(e) => model.event(*e).source.into_iter().collect(),
        Origin::Trigger(t) => model.trigger(*t).source.into_iter().collect(),
        Origin::Review(r) | Origin::Action(r) | Origin::CouncilVote { review: r, .. } => {
            model.review(*r).source.into_iter().collect()
        }
        Origin::Vote(proposals) | Origin::FormalAdoption(proposals) => proposals
            .iter()
            .filter_map(|&p| model.proposal(p).source)
            .collect(),
        Origin::Decision(p) => model.proposal(*p).source.into_iter().collect(),
        Origin::Concession(p) | Origin::Lifted(p) => model.policy(*p).source.into_iter().collect(),
        Origin::Tabled(p) | Origin::HeldBack(p) => model.proposal(*p).source.into_iter().collect(),
        Origin::Appointment(_) => Vec::new(),
    }
}

/// Fact `f` as an explanation cites it, its date shown only as precisely as it is known.
pub(super) fn source(model: &Model, f: FactId) -> Source {
    let fact = &model.facts()[f.index()];
    let date = fact.day.map(|d| {
        let full = date_of_day(d).to_string();
        match fact.precision.as_deref() {
            Some("year") => full[..4].to_owned(),
            Some("month") => full[..7].to_owned(),
            _ => full,
        }
    });
    Source {
        id: fact.id.clone(),
        kind: fact.kind,
        date,
        summary: fact.summary.clone(),
        document: fact.document.clone(),
        paragraph: fact.paragraph.clone(),
    }
}
