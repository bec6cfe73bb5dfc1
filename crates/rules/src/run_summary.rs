//! One logged run as the documented result (README, "JSON output" of `run`): [`RunSummary`],
//! whose serialisation is that JSON byte for byte, and from whose fields the text, Markdown,
//! JSON Lines and HTML outputs and `diff` are all made.
//!
//! **API boundary:** these types are a serialised contract: a field renamed or reordered here
//! changes the JSON every user reads. Maps are [`Keyed`], in the scenario's order, so the same
//! input always prints the same bytes.

use serde::{Serialize, Serializer};
use statecraft_model::calendar::date_of_day;
use statecraft_model::id::SlotId;
use statecraft_model::log::Entry;
use statecraft_model::model::Model;
use statecraft_model::state::Outcome;
use statecraft_model::vote::Vote;

use crate::run::RunReport;
use crate::summary::{Keyed, round};

/// A run's timeline and final state: the documented JSON of `run --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct RunSummary {
    pub scenario: String,
    /// The information cut-off (`YYYY-MM-DD`), when the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The scheduled items the cut-off left out (`event:ID`, `proposal:ID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<Vec<String>>,
    pub title: String,
    pub seed: u64,
    pub version: &'static str,
    /// The scenario's first day, `YYYY-MM-DD`.
    pub start: String,
    /// The last day of the last step run, `YYYY-MM-DD`.
    pub until: String,
    pub timeline: Vec<TimelineLine>,
    #[serde(flatten)]
    pub end: FinalState,
}

/// A timeline line, dated.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineLine {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[serde(flatten)]
    pub entry: Entry,
}

/// Where a run ended: what `diff` compares between two runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FinalState {
    /// By proposal id.
    pub proposals: Keyed<ProposalResult>,
    /// By actor, by status: the state it ended in.
    pub statuses: Keyed<Keyed<String>>,
    /// By flag id: set or not.
    pub flags: Keyed<bool>,
    /// By indicator id.
    pub indicators: Keyed<IndicatorValue>,
    /// By office id: the holder's id, or `None` (`null`) when vacant.
    pub offices: Keyed<Option<String>>,
}

/// How a proposal ended.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProposalResult {
    #[serde(serialize_with = "outcome_name")]
    pub outcome: Outcome,
    /// The date of the deciding vote (`YYYY-MM-DD`), or `None` (`null`) while pending.
    pub decided: Option<String>,
    /// Votes held on it.
    pub attempts: u32,
    /// The members against in its last vote.
    pub vetoed_by: Vec<String>,
}

/// An indicator's final value: one number for a global indicator, one per actor otherwise.
/// Values are rounded to 1e-6: enough for any analysis, and short to read.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum IndicatorValue {
    Global(f64),
    ByActor(Keyed<f64>),
}

/// The last line of `run --format jsonl`: the summary without its timeline (the lines before
/// it), marked `"kind": "summary"`. Its `offices` come before `proposals`, unlike in
/// [`RunSummary`]: the line was once made by removing `timeline` from an insertion-ordered
/// map, which moved the last key into its place, and that order is what readers have seen.
#[derive(Serialize)]
pub struct SummaryLine<'a> {
    pub scenario: &'a str,
    pub title: &'a str,
    pub seed: u64,
    pub version: &'static str,
    pub start: &'a str,
    pub until: &'a str,
    pub offices: &'a Keyed<Option<String>>,
    pub proposals: &'a Keyed<ProposalResult>,
    pub statuses: &'a Keyed<Keyed<String>>,
    pub flags: &'a Keyed<bool>,
    pub indicators: &'a Keyed<IndicatorValue>,
    pub kind: &'static str,
}

fn outcome_name<S: Serializer>(outcome: &Outcome, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(outcome.name())
}

impl RunSummary {
    /// The summary of `report`, a logged run of `model`.
    pub fn new(model: &Model, report: &RunReport) -> RunSummary {
        let timeline = (report.timeline.iter())
            .map(|e| TimelineLine {
                date: date_of_day(e.day).to_string(),
                entry: e.clone(),
            })
            .collect();
        RunSummary {
            scenario: model.id().to_owned(),
            as_of: model
                .as_of()
                .map(|d| statecraft_model::calendar::date_of_day(d).to_string()),
            left_out: model.as_of().map(|_| model.left_out().to_vec()),
            title: model.title().to_owned(),
            seed: report.seed,
            version: env!("CARGO_PKG_VERSION"),
            start: model.calendar().start.to_string(),
            until: model.calendar().step_end(report.last_step).to_string(),
            timeline,
            end: FinalState::new(model, report),
        }
    }

    /// The line that closes `run --format jsonl`.
    pub fn summary_line(&self) -> SummaryLine<'_> {
        SummaryLine {
            scenario: &self.scenario,
            title: &self.title,
            seed: self.seed,
            version: self.version,
            start: &self.start,
            until: &self.until,
            offices: &self.end.offices,
            proposals: &self.end.proposals,
            statuses: &self.end.statuses,
            flags: &self.end.flags,
            indicators: &self.end.indicators,
            kind: "summary",
        }
    }
}

impl FinalState {
    /// The final state of `report`, a run of `model`.
    pub fn new(model: &Model, report: &RunReport) -> FinalState {
        let state = &report.state;
        let proposals = (model.proposals().iter().zip(&state.proposals))
            .map(|(prop, ps)| {
                let result = ProposalResult {
                    outcome: ps.outcome,
                    decided: (ps.decided.is_some())
                        .then(|| date_of_day(ps.decided_day).to_string()),
                    attempts: ps.attempts,
                    vetoed_by: vetoed_by(report, &prop.id),
                };
                (prop.id.clone(), result)
            })
            .collect();
        let mut statuses: Keyed<Keyed<String>> = Keyed::default();
        for slot in model.status_slot_ids() {
            let owner = model.status_slot_owner(slot);
            let by_status = statuses.entry(&model.actor(owner.actor).id, Keyed::default);
            let name = model.state_name(slot, state.states[slot.index()]);
            by_status.insert(model.status(owner.status).id.clone(), name.to_owned());
        }
        let flags = (model.flags().iter().zip(&state.flags))
            .map(|(f, &set)| (f.id.clone(), set))
            .collect();
        let value = |slot: SlotId| round(state.values[slot.index()]);
        let indicators = (model.indicators().iter())
            .map(|ind| {
                let value = if ind.actors.is_empty() {
                    IndicatorValue::Global(value(ind.first_slot))
                } else {
                    let by_actor = (ind.actors.iter().zip(ind.slots()))
                        .map(|(&a, slot)| (model.actor(a).id.clone(), value(slot)))
                        .collect();
                    IndicatorValue::ByActor(by_actor)
                };
                (ind.id.clone(), value)
            })
            .collect();
        let offices = (model.offices().iter().zip(&state.holders))
            .map(|(o, &holder)| {
                let holder = holder.map(|p| model.person(p).id.clone());
                (o.id.clone(), holder)
            })
            .collect();
        FinalState {
            proposals,
            statuses,
            flags,
            indicators,
            offices,
        }
    }
}

/// The members who voted against in the last vote on proposal `id`.
fn vetoed_by(report: &RunReport, id: &str) -> Vec<String> {
    (report.timeline.iter().rev())
        .filter_map(|e| e.vote.as_ref())
        .find(|v| v.proposals.iter().any(|p| p == id))
        .map(|v| {
            (v.ballots.iter())
                .filter(|b| b.vote == Vote::Against)
                .map(|b| b.member.clone())
                .collect()
        })
        .unwrap_or_default()
}
