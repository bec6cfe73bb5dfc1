//! Scoring forecasts against what happened: `statecraft score`.
//!
//! A scenario's `[[observed]]` outcomes say whether a condition held at a date in reality. The
//! forecast of one is the share of runs in which the condition held at the end of the step
//! containing that date, counted by an observer of the one batch runner ([`held_counts`]), so
//! the numbers are integer counts and the same on any thread count. [`Score::from_counts`]
//! turns the counts into Brier and log scores and a calibration table; it is pure, so the
//! methods to come (`calibrate`, `sensitivity`) can reuse both halves with their own batches.
//!
//! Only outcomes dated after the cut-off (`as_of`) are scored: before it they were known, and a
//! forecast of a known outcome measures nothing. Without a cut-off every outcome is scored.

use serde::Serialize;
use statecraft_model::calendar::date_of_day;
use statecraft_model::model::Model;
use statecraft_model::state::State;

use crate::batch::{self, Accumulator, Runs};
use crate::engine::Observer;
use crate::stats::wilson;

/// The Brier score of answering 50% to every question.
pub const BRIER_OF_HALF: f64 = 0.25;

/// Calibration bins: forecasts are grouped by tenths of probability.
pub const BINS: usize = 10;

/// Counts, per observed outcome, the runs in which its condition held at its date.
pub struct ObservedCounter<'a> {
    held: &'a mut [u64],
}

impl Observer for ObservedCounter<'_> {
    const LOGS: bool = false;
    fn entry(&mut self, _: statecraft_model::log::Entry) {}
    fn step_end(&mut self, model: &Model, state: &State) {
        for (held, o) in self.held.iter_mut().zip(model.observed()) {
            if o.step == state.step {
                *held += u64::from(o.that.eval_bool(state));
            }
        }
    }
}

/// A batch's record: per observed outcome, the runs in which its condition held.
pub struct Held(pub Vec<u64>);

impl Accumulator for Held {
    type Observer<'a> = ObservedCounter<'a>;
    fn observer(&mut self, _: usize) -> ObservedCounter<'_> {
        ObservedCounter { held: &mut self.0 }
    }
    fn record(&mut self, _: u64, _: &[State]) {}
    fn merge(&mut self, later: Self) {
        for (x, y) in self.0.iter_mut().zip(&later.0) {
            *x += y;
        }
    }
}

/// Per observed outcome of `model` (in [`Model::observed`] order), the runs among `runs` in
/// which its condition held at its date (on the current rayon pool, reporting to `progress`).
pub fn held_counts(model: &Model, runs: Runs, progress: &(dyn Fn(u64) + Sync)) -> Vec<u64> {
    let n = model.observed().len();
    batch::run(&[model], runs, progress, &|| Held(vec![0; n])).0
}

/// One scored outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoredItem {
    pub id: String,
    /// The forecast: the share of runs in which `that` held at `at`.
    pub p: f64,
    /// Its 95% Wilson interval.
    pub lo: f64,
    pub hi: f64,
    /// Runs in which `that` held.
    pub held: u64,
    /// What happened.
    pub outcome: bool,
    /// `(p − o)²`.
    pub brier: f64,
    /// `ln(p)` if it happened, `ln(1 − p)` if not, with `p` clipped (see [`Score::clip`]).
    pub log_score: f64,
    /// The date observed (ISO).
    pub at: String,
    /// The condition as written.
    pub that: String,
    /// The fact that documents the outcome.
    pub source: Option<String>,
    pub note: Option<String>,
}

/// One bin of the calibration table: the forecasts with `lo <= p < hi` (the last bin
/// includes 1).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CalibrationBin {
    pub lo: f64,
    pub hi: f64,
    pub count: u64,
    /// The mean forecast in the bin (none when it is empty).
    pub mean_forecast: Option<f64>,
    /// The share of its outcomes that happened (none when it is empty).
    pub observed_frequency: Option<f64>,
}

/// The scores of one scenario's forecasts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Score {
    pub scenario: String,
    /// [`Model::source_hash`] in 16 hex digits.
    pub scenario_hash: String,
    pub runs: u64,
    pub seed: u64,
    /// The cut-off (ISO date), if any: outcomes on or before it are not scored.
    pub as_of: Option<String>,
    /// Outcomes scored.
    pub n: usize,
    /// Mean Brier score over the scored outcomes (0 is perfect; lower is better).
    pub brier: f64,
    /// Mean log score (0 is perfect; higher is better).
    pub log_score: f64,
    /// The Brier score of answering 50% to everything: [`BRIER_OF_HALF`].
    pub brier_of_half: f64,
    /// The share of scored outcomes that happened.
    pub base_rate: f64,
    /// The Brier score of answering the base rate to everything: `b (1 − b)`.
    pub brier_of_base_rate: f64,
    pub items: Vec<ScoredItem>,
    /// [`BINS`] bins of width 0.1, empty ones included.
    pub calibration: Vec<CalibrationBin>,
    /// Observed outcomes not scored because they are dated on or before the cut-off.
    pub known_before_cut_off: Vec<String>,
    /// Scheduled items the cut-off left out of the runs (`event:ID`, `proposal:ID`).
    pub left_out: Vec<String>,
}

impl Score {
    /// Where forecasts are clipped for the log score with `runs` runs: `[1/(2N), 1 − 1/(2N)]`,
    /// half a run from either end, so a forecast of 0 or 1 from a finite batch costs a large
    /// but finite penalty when wrong (with N = 1000: ln(1/2000) ≈ −7.6).
    pub fn clip(runs: u64) -> (f64, f64) {
        let eps = 1.0 / (2.0 * runs.max(1) as f64);
        (eps, 1.0 - eps)
    }

    /// The scores of `model`'s observed outcomes dated after its cut-off ([`Model::as_of`];
    /// all of them without one), from `held` ([`held_counts`] of `runs` runs under `seed`).
    /// `None` when no outcome is dated after the cut-off.
    pub fn from_counts(model: &Model, held: &[u64], runs: u64, seed: u64) -> Option<Score> {
        let as_of = model.as_of();
        let (clip_lo, clip_hi) = Score::clip(runs);
        let mut items = Vec::new();
        let mut known = Vec::new();
        let mut bins = [(0u64, 0u64, 0u64); BINS];
        for (o, &h) in model.observed().iter().zip(held) {
            if as_of.is_some_and(|cut| o.day <= cut) {
                known.push(o.id.clone());
                continue;
            }
            let (p, lo, hi) = wilson(h, runs);
            let y = f64::from(u8::from(o.outcome));
            let clipped = p.clamp(clip_lo, clip_hi);
            let log_score = libm::log(if o.outcome { clipped } else { 1.0 - clipped });
            // The bin from integers: floor(10 h / N), with p = 1 in the last bin.
            let bin = ((u128::from(h) * BINS as u128) / u128::from(runs.max(1))) as usize;
            let b = &mut bins[bin.min(BINS - 1)];
            b.0 += 1;
            b.1 += h;
            b.2 += u64::from(o.outcome);
            items.push(ScoredItem {
                id: o.id.clone(),
                p,
                lo,
                hi,
                held: h,
                outcome: o.outcome,
                brier: (p - y) * (p - y),
                log_score,
                at: date_of_day(o.day).to_string(),
                that: o.text.clone(),
                source: model.fact_id(o.source).map(str::to_owned),
                note: o.note.clone(),
            });
        }
        if items.is_empty() {
            return None;
        }
        let n = items.len();
        let mean = |f: fn(&ScoredItem) -> f64| items.iter().map(f).sum::<f64>() / n as f64;
        let base_rate = items.iter().filter(|i| i.outcome).count() as f64 / n as f64;
        let calibration = bins
            .iter()
            .enumerate()
            .map(|(i, &(count, held, happened))| CalibrationBin {
                lo: i as f64 / BINS as f64,
                hi: (i + 1) as f64 / BINS as f64,
                count,
                mean_forecast: (count > 0).then(|| held as f64 / (count * runs.max(1)) as f64),
                observed_frequency: (count > 0).then(|| happened as f64 / count as f64),
            })
            .collect();
        Some(Score {
            scenario: model.id().to_owned(),
            scenario_hash: crate::partial::scenario_hash(model),
            runs,
            seed,
            as_of: as_of.map(|d| date_of_day(d).to_string()),
            n,
            brier: mean(|i| i.brier),
            log_score: mean(|i| i.log_score),
            brier_of_half: BRIER_OF_HALF,
            base_rate,
            brier_of_base_rate: base_rate * (1.0 - base_rate),
            items,
            calibration,
            known_before_cut_off: known,
            left_out: model.left_out().to_vec(),
        })
    }
}

/// Scores `model`'s forecasts over `runs` runs under `seed` (see [`Score::from_counts`]).
pub fn score(
    model: &Model,
    seed: u64,
    runs: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Option<Score> {
    let held = held_counts(model, Runs::all(seed, runs), progress);
    Score::from_counts(model, &held, runs, seed)
}
