//! Status reviews: a partner checked against a requirement on a schedule or on request;
//! consecutive failures climb an escalation ladder of actions, each of which may need a
//! Council decision (and so may be blocked).
//!
//! When the requirement holds again, the failure count returns to zero and every action in
//! force lapses at once, with no new decision (the measure lapses once its ground is gone):
//! an action with a `restore_to` state puts its status back to that state; one without
//! leaves its status where it is. Either way the action may be taken again after new
//! failures. Effects an action applied (indicator moves, flags) are not undone.

use statecraft_model::id::{InstrumentId, ReviewId};
use statecraft_model::log::Origin;
use statecraft_model::model::Review;
use statecraft_model::model::StatusMove;

use statecraft_model::model::Body;

use super::effects::status_record;
use super::votes::Subject;
use super::{Cx, Observer};
use crate::procedure;

impl<O: Observer> Cx<'_, O> {
    pub(crate) fn reviews(&mut self, step: u32) {
        let model = self.model;
        for (i, review) in model.reviews().iter().enumerate() {
            let scheduled = match (review.first, review.every_steps) {
                (Some(first), Some(every)) => step >= first && (step - first).is_multiple_of(every),
                (Some(first), None) => step == first,
                _ => false,
            };
            let requested = self.state.reviews[i].requested.is_some();
            if scheduled || requested {
                self.state.reviews[i].requested = None;
                self.hold(i, review);
            }
        }
    }

    fn hold(&mut self, index: usize, review: &Review) {
        let model = self.model;
        let subject = model.actor(review.subject);
        if review.requires.eval_bool(&*self.state) {
            self.state.reviews[index].failures = 0;
            let mut notes = Vec::new();
            for (j, action) in review.actions.iter().enumerate() {
                if self.state.reviews[index].taken & (1 << j) == 0 {
                    continue;
                }
                // The action lapses without a new decision (as a visa suspension lapses
                // unless it is extended); only a `restore_to` state moves its status back.
                if let Some(StatusMove {
                    slot,
                    restore_to: Some(restore),
                    ..
                }) = action.status
                {
                    let before = self.state.states[slot.index()];
                    self.state.states[slot.index()] = restore;
                    if O::LOGS {
                        let mut record = status_record(model, slot, before, restore);
                        record.text = Some(format!(
                            "{} restored to {}",
                            model.status_label(slot),
                            model.state_name(slot, restore)
                        ));
                        notes.push(record);
                    }
                }
                self.state.reviews[index].taken &= !(1 << j);
            }
            if O::LOGS {
                let text = format!("{}: {} meets the requirement", review.title, subject.name);
                let origin = Origin::Review(ReviewId::from_index(index));
                self.log(origin, text, notes, review.source);
            }
            return;
        }
        self.state.reviews[index].failures += 1;
        let failures = self.state.reviews[index].failures;
        if O::LOGS {
            let text = format!(
                "{}: {} fails the requirement `{}` ({} in a row)",
                review.title,
                subject.name,
                review.requires.text(),
                failures
            );
            self.log(
                Origin::Review(ReviewId::from_index(index)),
                text,
                Vec::new(),
                review.source,
            );
        }
        for (j, action) in review.actions.iter().enumerate() {
            if action.after_failures > failures || self.state.reviews[index].taken & (1 << j) != 0 {
                continue;
            }
            // Only a logged run needs the words; a batch run must not pay for them.
            let what = match action.status {
                _ if !O::LOGS => String::new(),
                Some(StatusMove { slot, to, .. }) => format!(
                    "{:?} {} → {}",
                    action.kind,
                    model.status_label(slot),
                    model.state_name(slot, to)
                )
                .to_lowercase(),
                None => format!("{:?} {}", action.kind, subject.id).to_lowercase(),
            };
            if let Some(instrument) = action.instrument
                && !self.council((ReviewId::from_index(index), review), instrument, &what)
            {
                continue;
            }
            self.state.reviews[index].taken |= 1 << j;
            let mut notes = Vec::new();
            if let Some(StatusMove { slot, to, .. }) = action.status {
                let before = self.state.states[slot.index()];
                self.state.states[slot.index()] = to;
                if O::LOGS {
                    notes.push(status_record(model, slot, before, to));
                }
            }
            notes.extend(self.apply(action.effects));
            if O::LOGS {
                self.log(
                    Origin::Action(ReviewId::from_index(index)),
                    format!("{}: {what}", review.title),
                    notes,
                    review.source,
                );
            }
        }
    }

    /// Puts a review's action to the Council under `instrument`'s procedure; logs the vote.
    fn council(
        &mut self,
        (index, review): (ReviewId, &Review),
        instrument: InstrumentId,
        what: &str,
    ) -> bool {
        let model = self.model;
        let procedure = model.instrument(instrument).procedure;
        let subject = Subject {
            proposal: None,
            instrument,
            beneficiary: Some(review.subject),
            amount: 0.0,
            body: Body::Council,
        };
        let mut ballots = Vec::with_capacity(model.members().len());
        self.poll(model.members(), &[subject], &[], &mut ballots);
        let decision = procedure::decide(
            procedure,
            ballots
                .iter()
                .map(|b| (b.choice.vote, model.actor(b.member).population)),
        );
        if O::LOGS {
            self.log_council_vote(
                (index, review),
                instrument,
                what,
                procedure,
                &decision,
                &ballots,
            );
        }
        decision.adopted
    }
}
