//! One deterministic run with its full log, and the summary every output format is made from.
//!
//! The summary's JSON shape is a documented contract (README, "JSON output"): `scenario`,
//! `seed`, `version`, `timeline` (entries with `date`, `kind`, `id`, `text`), `proposals`
//! (`outcome`, `decided`, `vetoed_by`), `statuses`, `flags`, `indicators`. Keys keep the
//! scenario's order, so the same input always prints the same bytes.

use serde::Serialize;
use serde_json::{Map, Value, json};
use statecraft_model::calendar::date_of_day;
use statecraft_model::id::SlotId;
use statecraft_model::log::Entry;
use statecraft_model::model::Model;
use statecraft_model::state::State;
use statecraft_model::vote::Vote;

use crate::engine::{self, Observer};
use crate::rng::RunRng;

/// Keeps every line, the expectation results and every step's indicator values.
#[derive(Debug, Default)]
struct Recorder {
    entries: Vec<Entry>,
    expectations: Vec<(usize, bool)>,
    /// Whether to keep every step's values: only charts need them, and they cost steps ×
    /// slots numbers.
    record_values: bool,
    values_by_step: Vec<f64>,
}

impl Observer for Recorder {
    const LOGS: bool = true;
    fn entry(&mut self, entry: Entry) {
        self.entries.push(entry);
    }
    fn step_end(&mut self, _: &Model, state: &State) {
        // Recorded as the run goes, so a chart of every step needs no replay (issue 9).
        if self.record_values {
            self.values_by_step.extend_from_slice(&state.values);
        }
    }
    fn expectation(&mut self, index: usize, held: bool) {
        self.expectations.push((index, held));
    }
}

/// The result of one logged run.
#[derive(Debug)]
pub struct RunReport {
    pub seed: u64,
    /// The last step simulated.
    pub last_step: u32,
    pub timeline: Vec<Entry>,
    pub state: State,
    /// For each expectation that fell within the run: whether it held.
    pub expectations: Vec<(usize, bool)>,
    /// With [`run_recorded`]: every indicator slot's value at the end of every step run, step
    /// by step (flat: step `k`'s values start at `k × slots`); read it with
    /// [`RunReport::series`].
    values_by_step: Vec<f64>,
}

impl RunReport {
    /// The value of indicator `slot` at the end of each step of a run made with
    /// [`run_recorded`] (empty for other runs).
    pub fn series(&self, slot: SlotId) -> Vec<f64> {
        let slots = self.state.values.len();
        (self.values_by_step.chunks_exact(slots.max(1)))
            .map(|values| values[slot.index()])
            .collect()
    }
}

/// Runs `model` once with `seed` (run index 0 of that seed's streams), up to and including
/// `last_step` (`None`: to the end).
pub fn run_once(model: &Model, seed: u64, last_step: Option<u32>) -> RunReport {
    run_logged(model, seed, 0, last_step, false)
}

/// [`run_once`] to the end, keeping every step's indicator values for [`RunReport::series`].
pub fn run_recorded(model: &Model, seed: u64) -> RunReport {
    run_logged(model, seed, 0, None, true)
}

/// Run `run` of a batch with `seed`, logged: the same run a batch does silently.
pub fn run_indexed(model: &Model, seed: u64, run: u64) -> RunReport {
    run_logged(model, seed, run, None, false)
}

fn run_logged(
    model: &Model,
    seed: u64,
    run: u64,
    last_step: Option<u32>,
    record_values: bool,
) -> RunReport {
    let last = last_step
        .unwrap_or(u32::MAX)
        .min(model.calendar().len() as u32 - 1);
    let mut state = State::new(model);
    let mut rng = RunRng::for_run(model, seed, run);
    let mut recorder = Recorder {
        record_values,
        ..Recorder::default()
    };
    engine::run(model, &mut state, &mut rng, last, &mut recorder);
    RunReport {
        seed,
        last_step: last,
        timeline: recorder.entries,
        state,
        expectations: recorder.expectations,
        values_by_step: recorder.values_by_step,
    }
}

/// A timeline line as the JSON contract has it.
#[derive(Serialize)]
struct Line<'a> {
    date: String,
    #[serde(flatten)]
    entry: &'a Entry,
}

impl RunReport {
    /// The members who voted against in the last vote on proposal `id`.
    pub fn vetoed_by(&self, id: &str) -> Vec<String> {
        self.timeline
            .iter()
            .rev()
            .filter_map(|e| e.vote.as_ref())
            .find(|v| v.proposals.iter().any(|p| p == id))
            .map(|v| {
                v.ballots
                    .iter()
                    .filter(|b| b.vote == Vote::Against)
                    .map(|b| b.member.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The summary as JSON, in the documented shape.
    pub fn to_json(&self, model: &Model) -> Value {
        let timeline: Vec<Value> = self
            .timeline
            .iter()
            .map(|e| {
                serde_json::to_value(Line {
                    date: date_of_day(e.day).to_string(),
                    entry: e,
                })
                .unwrap_or(Value::Null)
            })
            .collect();
        let mut proposals = Map::new();
        for (p, prop) in model.proposals().iter().enumerate() {
            let ps = &self.state.proposals[p];
            let decided = match ps.decided {
                None => Value::Null,
                Some(_) => Value::String(date_of_day(ps.decided_day).to_string()),
            };
            proposals.insert(
                prop.id.clone(),
                json!({
                    "outcome": ps.outcome.name(),
                    "decided": decided,
                    "attempts": ps.attempts,
                    "vetoed_by": self.vetoed_by(&prop.id),
                }),
            );
        }
        let mut statuses = Map::new();
        for slot in model.status_slot_ids() {
            let owner = model.status_slot_owner(slot);
            let actor_id = model.actor(owner.actor).id.clone();
            let entry = statuses
                .entry(actor_id)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = entry {
                let state = model.state_name(slot, self.state.states[slot.index()]);
                m.insert(
                    model.status(owner.status).id.clone(),
                    Value::String(state.to_owned()),
                );
            }
        }
        let flags: Map<String, Value> = model
            .flags()
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), Value::Bool(self.state.flags[i])))
            .collect();
        let mut indicators = Map::new();
        for ind in model.indicators() {
            let value = if ind.actors.is_empty() {
                number(self.state.values[ind.first_slot.index()])
            } else {
                let by_actor: Map<String, Value> = ind
                    .actors
                    .iter()
                    .zip(ind.slots())
                    .map(|(&a, slot)| {
                        (
                            model.actor(a).id.clone(),
                            number(self.state.values[slot.index()]),
                        )
                    })
                    .collect();
                Value::Object(by_actor)
            };
            indicators.insert(ind.id.clone(), value);
        }
        let offices: Map<String, Value> = model
            .offices()
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let holder = match self.state.holders[i] {
                    None => Value::Null,
                    Some(p) => Value::String(model.person(p).id.clone()),
                };
                (o.id.clone(), holder)
            })
            .collect();
        json!({
            "scenario": model.id(),
            "title": model.title(),
            "seed": self.seed,
            "version": env!("CARGO_PKG_VERSION"),
            "start": model.calendar().start.to_string(),
            "until": model.calendar().step_end(self.last_step).to_string(),
            "timeline": timeline,
            "proposals": proposals,
            "statuses": statuses,
            "flags": flags,
            "indicators": indicators,
            "offices": offices,
        })
    }
}

/// Indicator values rounded to 1e-6: enough for any analysis, and short to read.
fn number(v: f64) -> Value {
    let rounded = (v * 1e6).round() / 1e6;
    serde_json::Number::from_f64(rounded).map_or(Value::Null, Value::Number)
}
