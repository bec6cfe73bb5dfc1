//! Applying effects to the state. Every change goes through here, so the single-run log can
//! say what each event, vote and trigger changed.

use statecraft_model::model::{Change, Effect};
use statecraft_model::state::{NEVER, Outcome};

use super::{Cx, Observer};

impl<O: Observer> Cx<'_, O> {
    /// Applies the model's effects in `range`; returns one note per effect when logging.
    pub(crate) fn apply(&mut self, range: std::ops::Range<u32>) -> Vec<String> {
        let mut notes = Vec::new();
        for i in range {
            let effect = &self.model.effects[i as usize];
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
                if self.state.flags[flag as usize] == value {
                    return None;
                }
                self.state.flags[flag as usize] = value;
                O::LOGS.then(|| format!("flag {} = {value}", model.flags[flag as usize].id))
            }
            Effect::Status { slot, to } => {
                let before = self.state.states[slot as usize];
                if before == to {
                    return None;
                }
                self.state.states[slot as usize] = to;
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
                self.state.appointments.push((office, person, self.clock));
                None
            }
            Effect::Table { proposal, with } => self.table(proposal, with),
            Effect::SetPolicy { policy, active } => {
                self.state.policy_active[policy as usize] = active;
                let p = &model.policies[policy as usize];
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
                self.state.reviews[review as usize].requested = self.state.step;
                O::LOGS.then(|| format!("review {} requested", model.reviews[review as usize].id))
            }
        }
    }

    /// Puts a proposal on the agenda of the next step (with `with`: in one package with it).
    fn table(&mut self, proposal: u32, with: Option<u32>) -> Option<String> {
        let model = self.model;
        let p = proposal as usize;
        if self.state.proposals[p].outcome != Outcome::Pending {
            return O::LOGS.then(|| format!("{} is already decided", model.proposals[p].id));
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
                format!(
                    "{} tabled with {}",
                    model.proposals[p].id, model.proposals[w].id
                )
            });
        }
        O::LOGS.then(|| format!("{} tabled", model.proposals[p].id))
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
