//! Checking a scenario's `[[expect]]` entries: plain ones against one seeded run, ones with
//! `probability` bounds against the share of runs of a batch in which they hold.

use statecraft_model::model::Model;
use statecraft_model::state::State;

use crate::batch::{self, Accumulator, Runs};
use crate::engine::{self, Observer};
use crate::rng::RunRng;
use crate::stats::{Interval, wilson};

/// The verdict on one expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub index: usize,
    pub passed: bool,
    /// For probability expectations: the share of runs where it held, with its 95% interval.
    pub share: Option<Interval>,
}

/// Counts, per expectation, the runs in which it held (the observer of a batch; named apart
/// from `procedure::Tally`, the counts of one Council vote).
struct HeldCounter<'a> {
    held: &'a mut [u64],
}

impl Observer for HeldCounter<'_> {
    const LOGS: bool = false;
    fn entry(&mut self, _: statecraft_model::log::Entry) {}
    fn step_end(&mut self, _: &Model, _: &State) {}
    fn expectation(&mut self, index: usize, held: bool) {
        self.held[index] += u64::from(held);
    }
}

/// A batch's record: per expectation, the runs in which it held.
struct Held(Vec<u64>);

impl Accumulator for Held {
    type Observer<'a> = HeldCounter<'a>;
    fn observer(&mut self, _: usize) -> HeldCounter<'_> {
        HeldCounter { held: &mut self.0 }
    }
    fn record(&mut self, _: u64, _: &[State]) {}
    fn merge(&mut self, later: Self) {
        for (x, y) in self.0.iter_mut().zip(&later.0) {
            *x += y;
        }
    }
}

/// Checks every expectation: plain ones in run 0 of `seed`, probability ones over `runs` runs
/// (through the one batch runner, on the current rayon pool, reporting to `progress`).
pub fn check(model: &Model, seed: u64, runs: u64, progress: &(dyn Fn(u64) + Sync)) -> Vec<Verdict> {
    let n = model.expects().len();
    let last = model.calendar().len() as u32 - 1;
    let mut state = State::new(model);
    let mut single = vec![0u64; n];
    engine::run(
        model,
        &mut state,
        &mut RunRng::for_run(model, seed, 0),
        last,
        &mut HeldCounter { held: &mut single },
    );
    let batch = if needs_batch(model) {
        batch::run(&[model], Runs::all(seed, runs), progress, &|| {
            Held(vec![0; n])
        })
        .0
    } else {
        vec![0; n]
    };
    model
        .expects()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if e.at_least.is_none() && e.at_most.is_none() {
                Verdict {
                    index: i,
                    passed: single[i] == 1,
                    share: None,
                }
            } else {
                let (p, lo, hi) = wilson(batch[i], runs);
                let passed = e.at_least.is_none_or(|a| p >= a) && e.at_most.is_none_or(|b| p <= b);
                Verdict {
                    index: i,
                    passed,
                    share: Some(Interval { p, lo, hi }),
                }
            }
        })
        .collect()
}

/// Whether some expectation of `model` has probability bounds, so that checking it needs a
/// batch of runs.
pub fn needs_batch(model: &Model) -> bool {
    model
        .expects()
        .iter()
        .any(|e| e.at_least.is_some() || e.at_most.is_some())
}
