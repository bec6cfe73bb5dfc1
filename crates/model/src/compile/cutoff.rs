//! The information cut-off (`[scenario] as_of`, or `--as-of`): what was known when. A
//! scheduled event dated after the cut-off is left out unless `planned = true` (known in
//! advance, like a summit date), and so is a proposal's `tabled` date (the proposal then
//! waits for a `table` effect, or never comes). What is left out is listed in the model, so
//! every output can say so.

use super::Ctx;
use crate::model;
use crate::raw::ScenarioFile;

/// The cut-off and what it left out.
pub(super) struct CutOff {
    pub as_of: Option<i32>,
    /// `event:ID` and `proposal:ID`, in file order (events first).
    pub left_out: Vec<String>,
    /// Per event: whether it is left out of the schedule.
    pub events_out: Vec<bool>,
}

impl Ctx<'_> {
    pub(super) fn cut_off(
        &mut self,
        file: &ScenarioFile,
        events: &[model::Event],
        proposals: &mut [model::Proposal],
    ) -> CutOff {
        let mut events_out = vec![false; events.len()];
        let mut left_out = Vec::new();
        let as_of = file
            .scenario
            .as_ref()
            .and_then(|h| h.as_of.as_ref())
            .and_then(|d| self.date(d))
            .map(crate::calendar::day_number);
        let Some(cut) = as_of else {
            return CutOff {
                as_of,
                left_out,
                events_out,
            };
        };
        for ((raw, event), out) in file.event.iter().zip(events).zip(&mut events_out) {
            if let model::Schedule::At { day, .. } = event.schedule
                && day > cut
                && raw.planned != Some(true)
            {
                *out = true;
                left_out.push(format!("event:{}", event.id));
            }
        }
        for (raw, proposal) in file.proposal.iter().zip(proposals.iter_mut()) {
            if proposal.tabled_day.is_some_and(|d| d > cut) && raw.planned != Some(true) {
                proposal.tabled = None;
                proposal.tabled_day = None;
                left_out.push(format!("proposal:{}", proposal.id));
            }
        }
        CutOff {
            as_of,
            left_out,
            events_out,
        }
    }
}
