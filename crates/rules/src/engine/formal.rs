//! Formal adoption: an act agreed politically at a vote is adopted formally on a later day
//! (after legal-linguistic revision, or at the next meeting of a calendar). Until then its
//! outcome stays pending; on that day it becomes adopted and its `on_adopt` effects apply.
//! A package's parts are formalised together.

use statecraft_model::id::ProposalId;
use statecraft_model::log::Origin;
use statecraft_model::state::Outcome;

use super::{Cx, Observer};

impl<O: Observer> Cx<'_, O> {
    /// The formal adoption of the agreed acts in `group`, on the current day.
    pub(crate) fn formal_adoption(&mut self, group: &[ProposalId], step: u32) {
        let model = self.model;
        let mut effects = Vec::new();
        for &p in group {
            let ps = &mut self.state.proposals[p.index()];
            ps.outcome = Outcome::Adopted;
            ps.decided = Some(step);
            ps.decided_day = self.clock;
            ps.next = None;
            if O::LOGS {
                effects.push(self.adopted_record(p));
            }
        }
        for &p in group {
            effects.extend(self.apply(model.proposal(p).on_adopt));
        }
        if O::LOGS {
            let names: Vec<&str> = group
                .iter()
                .map(|&p| model.proposal(p).title.as_str())
                .collect();
            let text = format!("{} formally adopted", names.join(" + "));
            let source = group.first().and_then(|&p| model.proposal(p).source);
            self.log(
                Origin::FormalAdoption(group.to_vec()),
                text,
                effects,
                source,
            );
        }
    }
}
