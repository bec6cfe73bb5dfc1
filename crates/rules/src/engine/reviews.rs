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
use super::votes::{Planned, Subject};
use super::{Cx, Observer, Phase, Turn};
use crate::procedure;

impl<O: Observer> Cx<'_, O> {
    /// The review due first in `step` (earliest day, then file order), as an agenda turn: a
    /// scheduled review on the day of the step that matches its `first` date (the step's
    /// last day when the step is shorter), a requested one on the day of the request. A
    /// review is held at most once a step.
    pub(crate) fn review_due(&self, step: u32, first: i32) -> Option<Turn> {
        // A review due both ways is due on the earlier day: the least (day, file order) over
        // the two lists is the least over the reviews.
        let mut due: Option<Turn> = None;
        let mut consider = |i: usize, day: i32| {
            let turn = Turn {
                day,
                phase: Phase::Review,
                index: i,
            };
            if due.is_none_or(|d| turn < d) {
                due = Some(turn);
            }
        };
        let reviews = &self.state.reviews;
        for &(i, day) in self.plan.scheduled_reviews.of(step) {
            if reviews[i].held != Some(step) {
                consider(i, day);
            }
        }
        for (i, rs) in reviews.iter().enumerate() {
            if let Some(day) = rs.requested
                && rs.held != Some(step)
            {
                consider(i, day.max(first));
            }
        }
        due
    }

    /// Holds review `index` on `day`.
    pub(crate) fn review(&mut self, index: usize, day: i32, step: u32) {
        let review = &self.model.reviews()[index];
        self.clock = self.clock.max(day);
        self.state.reviews[index].requested = None;
        self.state.reviews[index].held = Some(step);
        self.hold(index, review);
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
                && !self.council((ReviewId::from_index(index), review), j, instrument, &what)
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
            self.apply_into(action.effects, &mut notes);
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

    /// Puts a review's action (`action`, its index) to the Council under `instrument`'s procedure; logs the vote.
    fn council(
        &mut self,
        (index, review): (ReviewId, &Review),
        action: usize,
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
        if let Some(decision) = self.decide_planned(
            Planned::Review(index.index(), action),
            procedure,
            model.members(),
            &subject,
            &[],
        ) {
            return decision.adopted;
        }
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
