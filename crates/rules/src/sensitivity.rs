//! Which uncertain settings an outcome hangs on: `statecraft sensitivity`.
//!
//! The outcome is a proposal (adopted by a date), a flag (set at a date), or the condition of
//! an `[[observed]]` or `[[expect]]` item (at its own date, or another). Two methods, every
//! evaluation on the same `(seed, run)` streams (common random numbers), so a difference of a
//! few runs is the settings' doing, not noise:
//!
//! - **one at a time** (a tornado): the probability with one setting at the low end and at the
//!   high end of its range, every other at the scenario's value; `effect = p_high − p_low`;
//! - **Morris elementary effects**: `R` trajectories through a grid of four levels of each
//!   setting's prior quantiles (0, 1/3, 2/3, 1), each from a random start moving one setting
//!   at a time by 2/3 in a random order; a setting's elementary effect is the change in
//!   probability over that move, per whole range. `mu_star` (the mean of their magnitudes)
//!   ranks influence with the others varied too, `sigma` (their sd) shows interaction or
//!   non-linearity.
//!
//! [`Plan::new`] lists the points to evaluate; the caller applies each as `--set` overrides
//! and counts the runs in which the outcome held ([`held_count`]); [`Sensitivity::new`] turns
//! the counts into the result.

use serde::Serialize;
use statecraft_model::calendar::{CivilDate, date_of_day};
use statecraft_model::model::Model;
use statecraft_model::state::{Outcome, State};

use crate::batch::{self, Accumulator, Runs};
use crate::calibrate::{quantile, setting};
use crate::engine::Observer;
use crate::rng::Stream;

/// Morris trajectories by default.
pub const DEFAULT_TRAJECTORIES: usize = 10;
/// The Morris grid's levels are 0, 1/3, 2/3, 1; a move is two levels.
const DELTA: f64 = 2.0 / 3.0;
/// The stream key of the trajectories' draws.
const DESIGN_KEY: u64 = 0x5e45_171e_0000_0001;

/// What kind of item the outcome is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Adopted by the date.
    Proposal,
    /// Set at the date.
    Flag,
    /// An `[[observed]]` item's condition.
    Observed,
    /// An `[[expect]]` item's condition.
    Expect,
}

/// The outcome studied: found by id in each model evaluated (its values differ, its items
/// do not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub id: String,
    /// The step at whose end it is read.
    pub step: u32,
    /// The day it is read (the `--at` date, the item's date, or the scenario's end).
    pub day: i32,
}

impl Target {
    /// The outcome `id` of `model` read at `at` (default: an observed or expected item's own
    /// date, the scenario's end for a proposal or a flag). Proposals are looked up first, then
    /// flags, observed outcomes and expectations. The error says what is wrong.
    pub fn find(model: &Model, id: &str, at: Option<CivilDate>) -> Result<Target, String> {
        let calendar = model.calendar();
        let last = calendar.len() as u32 - 1;
        let end = statecraft_model::calendar::day_number(calendar.end);
        let (kind, own) = if model.proposal_by_id(id).is_some() {
            (Kind::Proposal, None)
        } else if model.flags().iter().any(|f| f.id == id) {
            (Kind::Flag, None)
        } else if let Some(o) = model.observed().iter().find(|o| o.id == id) {
            (Kind::Observed, Some((o.step, o.day)))
        } else if let Some(e) = model.expects().iter().find(|e| e.label == id) {
            (Kind::Expect, Some((e.step, e.day)))
        } else {
            let names: Vec<&str> = (model.proposals().iter().map(|p| p.id.as_str()))
                .chain(model.flags().iter().map(|f| f.id.as_str()))
                .chain(model.observed().iter().map(|o| o.id.as_str()))
                .chain(model.expects().iter().map(|e| e.label.as_str()))
                .collect();
            let hint = statecraft_model::diag::did_you_mean(id, names.iter().copied())
                .map_or_else(String::new, |m| format!(" (did you mean `{m}`?)"));
            return Err(format!(
                "`{id}` is no proposal, flag, observed outcome or expectation of the scenario{hint}"
            ));
        };
        let (step, day) = match at {
            Some(date) => {
                let step = calendar.step_of(date).ok_or_else(|| {
                    format!(
                        "--at {date} is outside the scenario ({} to {})",
                        calendar.start, calendar.end
                    )
                })?;
                (step, statecraft_model::calendar::day_number(date))
            }
            None => own.unwrap_or((last, end)),
        };
        Ok(Target {
            kind,
            id: id.to_owned(),
            step,
            day,
        })
    }

    /// Whether the outcome holds in `state` (of a run of `model`).
    fn holds(&self, model: &Model, state: &State) -> bool {
        match self.kind {
            Kind::Proposal => model
                .proposal_by_id(&self.id)
                .is_some_and(|p| state.proposals[p.index()].outcome == Outcome::Adopted),
            Kind::Flag => {
                (model.flags().iter().position(|f| f.id == self.id)).is_some_and(|f| state.flags[f])
            }
            Kind::Observed => (model.observed().iter().find(|o| o.id == self.id))
                .is_some_and(|o| o.that.eval_bool(state)),
            Kind::Expect => (model.expects().iter().find(|e| e.label == self.id))
                .is_some_and(|e| e.that.eval_bool(state)),
        }
    }

    /// The outcome in words: `adopted(q) by 2025-12-31`, `flag(f) at ...`, `observed x at ...`.
    pub fn describe(&self) -> String {
        let at = date_of_day(self.day);
        match self.kind {
            Kind::Proposal => format!("adopted({}) by {at}", self.id),
            Kind::Flag => format!("flag({}) at {at}", self.id),
            Kind::Observed => format!("observed outcome {} at {at}", self.id),
            Kind::Expect => format!("expectation {} at {at}", self.id),
        }
    }
}

/// Counts the runs in which a [`Target`] holds at its step.
pub struct Counter<'a> {
    target: &'a Target,
    held: &'a mut u64,
}

impl Observer for Counter<'_> {
    const LOGS: bool = false;
    fn entry(&mut self, _: statecraft_model::log::Entry) {}
    fn step_end(&mut self, model: &Model, state: &State) {
        if state.step == self.target.step {
            *self.held += u64::from(self.target.holds(model, state));
        }
    }
}

/// A batch's record: the runs in which the target held.
struct Count<'t> {
    target: &'t Target,
    held: u64,
}

impl<'t> Accumulator for Count<'t> {
    type Observer<'a>
        = Counter<'a>
    where
        Self: 'a;
    fn observer(&mut self, _: usize) -> Counter<'_> {
        Counter {
            target: self.target,
            held: &mut self.held,
        }
    }
    fn record(&mut self, _: u64, _: &[State]) {}
    fn merge(&mut self, later: Self) {
        self.held += later.held;
    }
}

/// The runs among `runs` of `model` in which `target` held.
pub fn held_count(
    model: &Model,
    target: &Target,
    runs: Runs,
    progress: &(dyn Fn(u64) + Sync),
) -> u64 {
    batch::run(&[model], runs, progress, &|| Count { target, held: 0 }).held
}

/// The points to evaluate: per point, a value for each uncertain setting (`None`: the
/// scenario's own).
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub points: Vec<Vec<Option<f64>>>,
    /// Morris trajectories.
    pub trajectories: usize,
    /// Per trajectory, the order its settings move in.
    orders: Vec<Vec<usize>>,
}

impl Plan {
    /// Point 0: the scenario as written; then each setting at its low and its high end; then
    /// `trajectories` Morris trajectories of `k + 1` points each, drawn from `seed`.
    pub fn new(model: &Model, trajectories: usize, seed: u64) -> Plan {
        let params = model.uncertain();
        let k = params.len();
        let mut points = vec![vec![None; k]];
        for (i, p) in params.iter().enumerate() {
            for end in [p.lo, p.hi] {
                let mut point = vec![None; k];
                point[i] = Some(end);
                points.push(point);
            }
        }
        let mut rng = Stream::new(seed, u64::MAX, DESIGN_KEY);
        let mut orders = Vec::with_capacity(trajectories);
        for _ in 0..trajectories {
            // A start on the lower two levels, so every move of +2/3 stays on the grid.
            let mut x: Vec<f64> = (0..k)
                .map(|_| if rng.uniform() < 0.5 { 0.0 } else { 1.0 / 3.0 })
                .collect();
            let mut order: Vec<usize> = (0..k).collect();
            for i in (1..k).rev() {
                let j = ((rng.uniform() * (i + 1) as f64) as usize).min(i);
                order.swap(i, j);
            }
            let at = |x: &[f64]| -> Vec<Option<f64>> {
                (params.iter().zip(x))
                    .map(|(p, &u)| Some(quantile(p, u)))
                    .collect()
            };
            points.push(at(&x));
            for &i in &order {
                x[i] += DELTA;
                points.push(at(&x));
            }
            orders.push(order);
        }
        Plan {
            points,
            trajectories,
            orders,
        }
    }

    /// The `--set` overrides of point `i`.
    pub fn settings(&self, model: &Model, i: usize) -> Vec<String> {
        (model.uncertain().iter().zip(&self.points[i]))
            .filter_map(|(p, v)| v.map(|v| setting(p, v)))
            .collect()
    }
}

/// One setting's effects on the outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Effect {
    pub path: String,
    pub low: f64,
    pub high: f64,
    /// The probability with the setting at `low` (the others at the scenario's values).
    pub p_low: f64,
    pub p_high: f64,
    /// `p_high − p_low`.
    pub effect: f64,
    /// Morris: the mean magnitude of the elementary effects (change in probability per whole
    /// range), and their standard deviation.
    pub mu_star: f64,
    pub sigma: f64,
    pub id: String,
}

/// `sensitivity`'s result, as `--format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    pub outcome: String,
    /// The date it is read (ISO).
    pub at: String,
    /// The probability at the scenario's own values.
    pub p_base: f64,
    /// Sorted by the size of `effect`, largest first (ties: by `mu_star`, then file order).
    pub parameters: Vec<Effect>,
    pub kind: Kind,
    /// The outcome in words.
    pub what: String,
    pub runs: u64,
    pub seed: u64,
    pub trajectories: usize,
    pub scenario: String,
    pub scenario_hash: String,
}

impl Sensitivity {
    /// The result from `held[i]`, the runs (of `runs`) in which the target held at point `i`
    /// of `plan`.
    pub fn new(
        model: &Model,
        target: &Target,
        plan: &Plan,
        held: &[u64],
        runs: u64,
        seed: u64,
    ) -> Sensitivity {
        let p = |i: usize| held[i] as f64 / runs.max(1) as f64;
        let params = model.uncertain();
        let k = params.len();
        let mut effects: Vec<Vec<f64>> = vec![Vec::new(); k];
        let first = 1 + 2 * k;
        for (t, order) in plan.orders.iter().enumerate() {
            let start = first + t * (k + 1);
            for (step, &i) in order.iter().enumerate() {
                effects[i].push((p(start + step + 1) - p(start + step)) / DELTA);
            }
        }
        let mut parameters: Vec<Effect> = (params.iter().enumerate())
            .map(|(i, u)| {
                let elementary = &effects[i];
                let n = elementary.len().max(1) as f64;
                let mean = elementary.iter().sum::<f64>() / n;
                let var = if elementary.len() > 1 {
                    elementary
                        .iter()
                        .map(|e| (e - mean) * (e - mean))
                        .sum::<f64>()
                        / (n - 1.0)
                } else {
                    0.0
                };
                Effect {
                    path: u.path.clone(),
                    low: u.lo,
                    high: u.hi,
                    p_low: p(1 + 2 * i),
                    p_high: p(2 + 2 * i),
                    effect: p(2 + 2 * i) - p(1 + 2 * i),
                    mu_star: elementary.iter().map(|e| e.abs()).sum::<f64>() / n,
                    sigma: libm::sqrt(var),
                    id: u.id.clone(),
                }
            })
            .collect();
        // Stable: equal effects keep file order.
        parameters.sort_by(|a, b| {
            (b.effect.abs().total_cmp(&a.effect.abs())).then(b.mu_star.total_cmp(&a.mu_star))
        });
        Sensitivity {
            outcome: target.id.clone(),
            at: date_of_day(target.day).to_string(),
            p_base: p(0),
            parameters,
            kind: target.kind,
            what: target.describe(),
            runs,
            seed,
            trajectories: plan.trajectories,
            scenario: model.id().to_owned(),
            scenario_hash: crate::partial::scenario_hash(model),
        }
    }
}
