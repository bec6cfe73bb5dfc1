//! Applying effects to the state. Every change goes through here, so the single-run log can
//! say what each event, vote and trigger changed: one [`EffectRecord`] per change, built only
//! when the observer logs.

use statecraft_model::log::{EffectRecord, ItemRef, ItemValue};
use statecraft_model::model::{Change, Effect, Model};
use statecraft_model::state::{NEVER, Outcome};

use super::{Cx, Observer};

impl<O: Observer> Cx<'_, O> {
    /// Applies the model's effects in `range`; returns one record per change when logging.
    pub(crate) fn apply(&mut self, range: std::ops::Range<u32>) -> Vec<EffectRecord> {
        let mut records = Vec::new();
        for i in range {
            let effect = &self.model.effects[i as usize];
            if let Some(record) = self.apply_one(effect)
                && O::LOGS
            {
                records.push(record);
            }
        }
        records
    }

    /// Applies one effect; the record is only built when logging.
    fn apply_one(&mut self, effect: &Effect) -> Option<EffectRecord> {
        let model = self.model;
        match *effect {
            Effect::Indicator {
                slot,
                change,
                scale,
                baseline,
            } => {
                let ind = &model.indicators[model.slot_owner[slot as usize].0 as usize];
                let before = if baseline {
                    self.state.baselines[slot as usize]
                } else {
                    self.state.values[slot as usize]
                };
                let after = match change {
                    Change::By(by) => {
                        let factor = scale.map_or(1.0, |(office, key)| {
                            match self.state.holders[office as usize] {
                                NEVER => 1.0,
                                person => model.persons[person as usize].style[key as usize],
                            }
                        });
                        before + by * factor
                    }
                    Change::To(to) => to,
                }
                .clamp(ind.min, ind.max);
                if baseline {
                    self.state.baselines[slot as usize] = after;
                } else {
                    self.state.values[slot as usize] = after;
                }
                O::LOGS.then(|| {
                    let item = if baseline {
                        ItemRef::Baseline(slot)
                    } else {
                        ItemRef::Indicator(slot)
                    };
                    let text = format!(
                        "{}{} {} → {}",
                        model.slot_label(slot),
                        if baseline { " target" } else { "" },
                        short(before),
                        short(after)
                    );
                    record(
                        model,
                        item,
                        ItemValue::Number(before),
                        ItemValue::Number(after),
                        text,
                    )
                })
            }
            Effect::Flag { flag, value } => {
                // A change that changes nothing is not worth a line in the log.
                if self.state.flags[flag as usize] == value {
                    return None;
                }
                self.state.flags[flag as usize] = value;
                O::LOGS.then(|| {
                    let text = format!("flag {} = {value}", model.flags[flag as usize].id);
                    let item = ItemRef::Flag(flag);
                    record(
                        model,
                        item,
                        ItemValue::Bool(!value),
                        ItemValue::Bool(value),
                        text,
                    )
                })
            }
            Effect::Status { slot, to } => {
                let before = self.state.states[slot as usize];
                if before == to {
                    return None;
                }
                self.state.states[slot as usize] = to;
                O::LOGS.then(|| status_record(model, slot, before, to))
            }
            Effect::Appoint { office, person } => {
                self.state.appointments.push((office, person, self.clock));
                None
            }
            Effect::Table { proposal, with } => self.table(proposal, with),
            Effect::SetPolicy { policy, active } => {
                let before = self.state.policy_active[policy as usize];
                self.state.policy_active[policy as usize] = active;
                let p = &model.policies[policy as usize];
                O::LOGS.then(|| {
                    let text = format!(
                        "policy {} {}",
                        p.id,
                        if active { "in force" } else { "dropped" }
                    );
                    let item = ItemRef::Policy(policy);
                    record(
                        model,
                        item,
                        ItemValue::Bool(before),
                        ItemValue::Bool(active),
                        text,
                    )
                })
            }
            Effect::Review { review } => {
                let before = self.state.reviews[review as usize].requested != NEVER;
                // Held in this step's review phase if it has not passed yet, else the next.
                self.state.reviews[review as usize].requested = self.state.step;
                O::LOGS.then(|| {
                    let text = format!("review {} requested", model.reviews[review as usize].id);
                    let item = ItemRef::Review(review);
                    record(
                        model,
                        item,
                        ItemValue::Bool(before),
                        ItemValue::Bool(true),
                        text,
                    )
                })
            }
        }
    }

    /// Puts a proposal on the agenda of the next step (with `with`: in one package with it).
    fn table(&mut self, proposal: u32, with: Option<u32>) -> Option<EffectRecord> {
        let model = self.model;
        let p = proposal as usize;
        let outcome = self.state.proposals[p].outcome;
        if outcome != Outcome::Pending {
            return O::LOGS.then(|| {
                let text = format!("{} is already decided", model.proposals[p].id);
                proposal_record(model, proposal, outcome, outcome, text)
            });
        }
        let next = self.state.step + 1;
        let due = self.state.proposals[p].next_vote.min(next);
        self.state.proposals[p].next_vote = due;
        if let Some(w) = with {
            let w = w as usize;
            let package = match self.state.proposals[w].package {
                NEVER => (model.packages.len() + w) as u32,
                existing => existing,
            };
            self.state.proposals[w].package = package;
            self.state.proposals[p].package = package;
            // The partner proposal is voted with it, so it must be on the same agenda.
            if self.state.proposals[w].outcome == Outcome::Pending {
                self.state.proposals[w].next_vote = due;
                self.state.proposals[p].next_vote = due;
            }
            return O::LOGS.then(|| {
                let text = format!(
                    "{} tabled with {}",
                    model.proposals[p].id, model.proposals[w].id
                );
                proposal_record(model, proposal, outcome, outcome, text)
            });
        }
        O::LOGS.then(|| {
            let text = format!("{} tabled", model.proposals[p].id);
            proposal_record(model, proposal, outcome, outcome, text)
        })
    }
}

/// A change's record, its readable id taken from the model.
fn record(
    model: &Model,
    item: ItemRef,
    before: ItemValue,
    after: ItemValue,
    text: String,
) -> EffectRecord {
    EffectRecord {
        item,
        target: item.target(model),
        before,
        after,
        text: Some(text),
    }
}

/// A status slot moved from state `before` to `to`: `partner.visa_free: active → suspended`.
pub(crate) fn status_record(model: &Model, slot: u32, before: u16, to: u16) -> EffectRecord {
    let text = format!(
        "{}: {} → {}",
        model.status_label(slot),
        model.state_name(slot, before),
        model.state_name(slot, to)
    );
    let name = |state| ItemValue::Name(model.state_name(slot, state).to_owned());
    record(model, ItemRef::Status(slot), name(before), name(to), text)
}

/// A proposal's record, its outcome before and after: tabled (pending to pending), dropped
/// (pending to failed), adopted (pending to adopted; `text` `None`, the vote line says it).
pub(crate) fn proposal_record(
    model: &Model,
    proposal: u32,
    before: Outcome,
    after: Outcome,
    text: impl Into<Option<String>>,
) -> EffectRecord {
    let item = ItemRef::Proposal(proposal);
    EffectRecord {
        item,
        target: item.target(model),
        before: ItemValue::Name(before.name().to_owned()),
        after: ItemValue::Name(after.name().to_owned()),
        text: text.into(),
    }
}

/// An office changing hands from `before` to `after` (persons, or [`NEVER`] for vacant); no
/// note of its own, since the appointment line says it.
pub(crate) fn office_record(model: &Model, office: u32, before: u32, after: u32) -> EffectRecord {
    let holder = |person: u32| match person {
        NEVER => ItemValue::None,
        p => ItemValue::Name(model.persons[p as usize].id.clone()),
    };
    let item = ItemRef::Office(office);
    EffectRecord {
        item,
        target: item.target(model),
        before: holder(before),
        after: holder(after),
        text: None,
    }
}

/// A number as the log shows it: at most two decimals, no trailing zeros.
pub(crate) fn short(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}
