//! Formal adoption: an act agreed politically at a vote is adopted formally on a later day
//! (after legal-linguistic revision, or at the next meeting of a calendar). Until then its
//! outcome stays pending; on that day it becomes adopted and its `on_adopt` effects apply.
//! A package's parts are formalised together.

use statecraft_model::id::ProposalId;
use statecraft_model::log::Origin;

use super::{Cx, Observer};

impl<O: Observer> Cx<'_, O> {
    /// The formal adoption of the agreed acts in `group`, on the current day.
    pub(crate) fn formal_adoption(&mut self, group: &[ProposalId], step: u32) {
        let model = self.model;
        let effects = self.adopt_now(group, step);
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
