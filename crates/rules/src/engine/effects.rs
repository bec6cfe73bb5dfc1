//! Applying effects to the state. Every change goes through here, so the single-run log can
//! say what each event, vote and trigger changed: one [`EffectRecord`] per change, built only
//! when the observer logs.

use statecraft_model::id::{OfficeId, PackageId, PersonId, ProposalId, StatusSlotId};
use statecraft_model::log::{EffectRecord, ItemRef, ItemValue};
use statecraft_model::model::{Change, Effect, EffectRange, Model, Scale};
use statecraft_model::state::{Appointment, Due, NextAction, Outcome};

use super::{Cx, Observer};

impl<O: Observer> Cx<'_, O> {
    /// Applies the model's effects in `range`; returns one record per change when logging.
    pub(crate) fn apply(&mut self, range: EffectRange) -> Vec<EffectRecord> {
        let mut records = Vec::new();
        self.apply_into(range, &mut records);
        records
    }

    /// [`Self::apply`], adding the records to `records` (a batch run adds none, and moves no
    /// vector).
    pub(crate) fn apply_into(&mut self, range: EffectRange, records: &mut Vec<EffectRecord>) {
        for effect in self.model.effects_in(range) {
            if let Some(record) = self.apply_one(effect)
                && O::LOGS
            {
                records.push(record);
            }
        }
    }

    /// Applies one effect; the record is only built when logging.
    fn apply_one(&mut self, effect: &Effect) -> Option<EffectRecord> {
        let model = self.model;
        match *effect {
            Effect::Indicator {
                slot,
                change,
                scale,
                times,
                baseline,
            } => {
                // The slot's range, from the plan's list by slot (its indicator's).
                let range = &self.plan.drift[slot.index()];
                let before = if baseline {
                    self.state.baselines[slot.index()]
                } else {
                    self.state.values[slot.index()]
                };
                let after = match change {
                    Change::By(by) => {
                        let factor = scale.map_or(1.0, |Scale { office, style_key }| {
                            match self.state.holders[office.index()] {
                                None => 1.0,
                                Some(person) => model.person(person).style[style_key.index()],
                            }
                        });
                        let times = times.map_or(1.0, |t| self.state.values[t.index()]);
                        before + by * factor * times
                    }
                    Change::To(to) => to,
                }
                .clamp(range.min, range.max);
                if baseline {
                    self.state.baselines[slot.index()] = after;
                } else {
                    self.state.values[slot.index()] = after;
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
                if self.state.flags[flag.index()] == value {
                    return None;
                }
                self.state.flags[flag.index()] = value;
                O::LOGS.then(|| {
                    let text = format!("flag {} = {value}", model.flag(flag).id);
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
                let before = self.state.states[slot.index()];
                if before == to {
                    return None;
                }
                self.state.states[slot.index()] = to;
                O::LOGS.then(|| status_record(model, slot, before, to))
            }
            Effect::Appoint { office, person } => {
                self.state.appointments.push(Appointment {
                    office,
                    person,
                    day: self.clock,
                });
                None
            }
            Effect::Table { proposal, with } => self.table(proposal, with),
            Effect::SetPolicy { policy, active } => {
                let before = self.state.policy_active[policy.index()];
                self.state.policy_active[policy.index()] = active;
                // A dropped policy forgets the vote it kept.
                if !active {
                    self.state.latched[policy.index()] = None;
                }
                let p = &model.policy(policy);
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
            Effect::VotingRights { member, suspended } => {
                let before = self.state.suspended[member.index()];
                if before == suspended {
                    return None;
                }
                self.state.suspended[member.index()] = suspended;
                if suspended {
                    self.state.suspended_count += 1;
                } else {
                    self.state.suspended_count -= 1;
                }
                O::LOGS.then(|| {
                    let who = &model.actor(member).id;
                    let text = if suspended {
                        format!("{who}'s voting rights suspended (Art. 7(3) TEU)")
                    } else {
                        format!("{who}'s voting rights restored")
                    };
                    record(
                        model,
                        ItemRef::VotingRights(member),
                        ItemValue::Bool(before),
                        ItemValue::Bool(suspended),
                        text,
                    )
                })
            }
            Effect::Review { review } => {
                let before = self.state.reviews[review.index()].requested.is_some();
                // Held on this day, after the day's votes (or on the next step's first day if
                // it has been held in this step already).
                let day = self.clock;
                let requested = &mut self.state.reviews[review.index()].requested;
                *requested = Some(requested.map_or(day, |d| d.min(day)));
                O::LOGS.then(|| {
                    let text = format!("review {} requested", model.review(review).id);
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
    fn table(&mut self, proposal: ProposalId, with: Option<ProposalId>) -> Option<EffectRecord> {
        let model = self.model;
        let p = proposal.index();
        let outcome = self.state.proposals[p].outcome;
        if outcome != Outcome::Pending {
            return O::LOGS.then(|| {
                let text = format!("{} is already decided", model.proposals()[p].id);
                proposal_record(model, proposal, outcome, outcome, text)
            });
        }
        if model.proposal(proposal).decided_by.is_some() {
            // Adopted when tabled (`decided_by`): no vote to wait for.
            self.decide_alone(proposal, true);
            return O::LOGS.then(|| {
                let text = format!("{} tabled", model.proposals()[p].id);
                proposal_record(model, proposal, outcome, outcome, text)
            });
        }
        // Voted on the next step's first day, unless a vote is due sooner; an act agreed and
        // awaiting its formal adoption stays on that course; a proposer's wait (`table_when`)
        // ends.
        let next = Due::vote(model.calendar().step_start_day(self.state.step + 1));
        let due = Some(match self.state.proposals[p].next {
            Some(d)
                if d.action == NextAction::FormalAdoption
                    || (d.action == NextAction::Vote && d.day <= next.day) =>
            {
                d
            }
            _ => next,
        });
        self.state.proposals[p].next = due;
        if let Some(w) = with {
            let w = w.index();
            // A package formed in the run is named after its first proposal, past the
            // packages the file declares.
            let package = self.state.proposals[w]
                .package
                .unwrap_or_else(|| PackageId::from_index(model.packages().len() + w));
            self.state.proposals[w].package = Some(package);
            self.state.proposals[p].package = Some(package);
            // The partner proposal is voted with it, so it must be on the same agenda.
            if self.state.proposals[w].outcome == Outcome::Pending {
                self.state.proposals[w].next = due;
                self.state.proposals[p].next = due;
            }
            return O::LOGS.then(|| {
                let text = format!(
                    "{} tabled with {}",
                    model.proposal(proposal).id,
                    model.proposals()[w].id
                );
                proposal_record(model, proposal, outcome, outcome, text)
            });
        }
        O::LOGS.then(|| {
            let text = format!("{} tabled", model.proposals()[p].id);
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
pub(crate) fn status_record(
    model: &Model,
    slot: StatusSlotId,
    before: u16,
    to: u16,
) -> EffectRecord {
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
    proposal: ProposalId,
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

/// An office changing hands from `before` to `after` (persons, `None` for vacant); no note
/// of its own, since the appointment line says it.
pub(crate) fn office_record(
    model: &Model,
    office: OfficeId,
    before: Option<PersonId>,
    after: Option<PersonId>,
) -> EffectRecord {
    let holder = |person: Option<PersonId>| match person {
        None => ItemValue::None,
        Some(p) => ItemValue::Name(model.person(p).id.clone()),
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
