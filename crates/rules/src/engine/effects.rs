//! Applying effects to the state. Every change goes through here, so the single-run log can
//! say what each event, vote and trigger changed.

use statecraft_model::id::{PackageId, ProposalId};
use statecraft_model::model::{Change, Effect, EffectRange, Scale};
use statecraft_model::state::{Appointment, Outcome};

use super::{Cx, Observer};

impl<O: Observer> Cx<'_, O> {
    /// Applies the model's effects in `range`; returns one note per effect when logging.
    pub(crate) fn apply(&mut self, range: EffectRange) -> Vec<String> {
        let mut notes = Vec::new();
        for effect in self.model.effects_in(range) {
            if let Some(note) = self.apply_one(effect)
                && O::LOGS
            {
                notes.push(note);
            }
        }
        notes
    }

    /// Applies one effect; the note is only formatted when logging.
    fn apply_one(&mut self, effect: &Effect) -> Option<String> {
        let model = self.model;
        match *effect {
            Effect::Indicator {
                slot,
                change,
                scale,
                baseline,
            } => {
                let ind = model.indicator(model.slot_owner(slot).indicator);
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
                        before + by * factor
                    }
                    Change::To(to) => to,
                }
                .clamp(ind.min, ind.max);
                if baseline {
                    self.state.baselines[slot.index()] = after;
                } else {
                    self.state.values[slot.index()] = after;
                }
                O::LOGS.then(|| {
                    format!(
                        "{}{} {} → {}",
                        model.slot_label(slot),
                        if baseline { " target" } else { "" },
                        short(before),
                        short(after)
                    )
                })
            }
            Effect::Flag { flag, value } => {
                // A change that changes nothing is not worth a line in the log.
                if self.state.flags[flag.index()] == value {
                    return None;
                }
                self.state.flags[flag.index()] = value;
                O::LOGS.then(|| format!("flag {} = {value}", model.flag(flag).id))
            }
            Effect::Status { slot, to } => {
                let before = self.state.states[slot.index()];
                if before == to {
                    return None;
                }
                self.state.states[slot.index()] = to;
                O::LOGS.then(|| {
                    format!(
                        "{}: {} → {}",
                        model.status_label(slot),
                        model.state_name(slot, before),
                        model.state_name(slot, to)
                    )
                })
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
                self.state.policy_active[policy.index()] = active;
                let p = model.policy(policy);
                O::LOGS.then(|| {
                    format!(
                        "policy {} {}",
                        p.id,
                        if active { "in force" } else { "dropped" }
                    )
                })
            }
            Effect::Review { review } => {
                // Held in this step's review phase if it has not passed yet, else the next.
                self.state.reviews[review.index()].requested = Some(self.state.step);
                O::LOGS.then(|| format!("review {} requested", model.review(review).id))
            }
        }
    }

    /// Puts a proposal on the agenda of the next step (with `with`: in one package with it).
    fn table(&mut self, proposal: ProposalId, with: Option<ProposalId>) -> Option<String> {
        let model = self.model;
        let p = proposal.index();
        if self.state.proposals[p].outcome != Outcome::Pending {
            return O::LOGS.then(|| format!("{} is already decided", model.proposal(proposal).id));
        }
        let next = self.state.step + 1;
        let due = Some(
            self.state.proposals[p]
                .next_vote
                .map_or(next, |v| v.min(next)),
        );
        self.state.proposals[p].next_vote = due;
        if let Some(with) = with {
            let w = with.index();
            // A package formed in the run is named after its first proposal, past the
            // packages the file declares.
            let package = self.state.proposals[w]
                .package
                .unwrap_or_else(|| PackageId::from_index(model.packages().len() + w));
            self.state.proposals[w].package = Some(package);
            self.state.proposals[p].package = Some(package);
            // The partner proposal is voted with it, so it must be on the same agenda.
            if self.state.proposals[w].outcome == Outcome::Pending {
                self.state.proposals[w].next_vote = due;
                self.state.proposals[p].next_vote = due;
            }
            return O::LOGS.then(|| {
                format!(
                    "{} tabled with {}",
                    model.proposal(proposal).id,
                    model.proposal(with).id
                )
            });
        }
        O::LOGS.then(|| format!("{} tabled", model.proposal(proposal).id))
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
