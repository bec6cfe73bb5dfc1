//! One deterministic run with its full log: the [`RunReport`] that
//! [`RunSummary`](crate::run_summary::RunSummary) (every output format of `run`), `explain`
//! and the charts of `report` are made from.

use statecraft_model::calendar::CivilDate;
use statecraft_model::log::Entry;
use statecraft_model::model::Model;
use statecraft_model::state::State;

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
    pub fn series(&self, slot: statecraft_model::id::SlotId) -> Vec<f64> {
        let slots = self.state.values.len();
        (self.values_by_step.chunks_exact(slots.max(1)))
            .map(|values| values[slot.index()])
            .collect()
    }
}

/// Runs `model` once with `seed` (run index 0 of that seed's streams), up to and including
/// `last_step` (`None`: to the end).
pub fn run_once(model: &Model, seed: u64, last_step: Option<u32>) -> RunReport {
    run_logged(model, seed, last_step, false)
}

/// Why a run cannot stop at a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopError {
    /// The date is before the scenario's first day (given).
    BeforeStart(CivilDate),
    /// The date is after the scenario's last day (given).
    AfterEnd(CivilDate),
}

/// The last step of a run that stops at the end of the step containing `date`.
pub fn last_step_at(model: &Model, date: CivilDate) -> Result<u32, StopError> {
    let calendar = &model.calendar();
    if date < calendar.start {
        return Err(StopError::BeforeStart(calendar.start));
    }
    if date > calendar.end {
        return Err(StopError::AfterEnd(calendar.end));
    }
    Ok((calendar.step_of(date)).unwrap_or(calendar.len() as u32 - 1))
}

/// [`run_once`] to the end, keeping every step's indicator values for [`RunReport::series`].
pub fn run_recorded(model: &Model, seed: u64) -> RunReport {
    run_logged(model, seed, None, true)
}

fn run_logged(model: &Model, seed: u64, last_step: Option<u32>, record_values: bool) -> RunReport {
    let last = last_step
        .unwrap_or(u32::MAX)
        .min(model.calendar().len() as u32 - 1);
    let mut state = State::new(model);
    let mut rng = RunRng::for_run(model, seed, 0);
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
