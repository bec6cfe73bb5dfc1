//! Fitting uncertain settings to what happened: `statecraft calibrate`.
//!
//! A scenario declares settings uncertain (`[[uncertain]]`: a path, a range, a prior). The fit
//! is importance sampling from the prior:
//!
//! 1. [`Plan::new`] draws `K` parameter vectors from the prior with a Latin hypercube (each
//!    parameter's range cut into `K` strata of equal prior mass, one draw per stratum, the
//!    strata paired at random), from a stream of the master seed, so the design is the same
//!    on every machine;
//! 2. the caller runs `N` runs of the scenario at each vector (the values applied as `--set
//!    PATH=VALUE` is applied), with the same `(seed, run)` streams at every vector (common
//!    random numbers), and tallies per observed outcome the runs in which it held and how many
//!    runs gave each vector of the fitted outcomes ([`crate::likelihood::tally`]);
//! 3. [`Fit::new`] weighs each vector by the likelihood of the outcomes observed on or before
//!    the cut-off: the smoothed share of runs that match them jointly, within blocks of
//!    outcomes the runs show to be dependent ([`crate::likelihood`]); normalised, the weights
//!    are the posterior over the draws.
//!
//! Per parameter: the prior's mean and sd, the posterior mean, sd and 90% interval (weighted
//! quantiles), and NOT IDENTIFIED when the posterior sd is above [`IDENTIFIED_BELOW`] of the
//! prior's (the outcomes barely constrain it on its own). Whether the fitted outcomes read a
//! parameter at all is seen at the ends of its range: with the others at the scenario's
//! values and common random numbers, a parameter no fitted outcome reads leaves every count
//! exactly as it was. The fitted values are the posterior means of the parameters the
//! outcomes read, all of them, since the outcomes often constrain a combination (more
//! pressure, or a harsher tone) rather than each alone, and a posterior mean of one beside
//! the scenario's values of the others may be no point the posterior favours; a parameter
//! they do not read keeps the scenario's value (its posterior mean is only the prior's). [`Calibration::new`]
//! adds the mean Brier score at the scenario's own values and at the fitted values, before the
//! cut-off (what was
//! fitted) and after it (the honest test). Everything is arithmetic on integer counts in a
//! fixed order: the same for any thread count.

use serde::Serialize;
use statecraft_model::calendar::date_of_day;
use statecraft_model::model::{Model, Prior, Uncertain};

use std::collections::BTreeMap;

use crate::likelihood::{self, Tally};
use crate::rng::Stream;

/// A posterior sd above this share of the prior's: the parameter is not identified.
pub const IDENTIFIED_BELOW: f64 = 0.9;
/// The stream key of the design's draws (any constant apart from the items' keys would do).
const DESIGN_KEY: u64 = 0xca1b_4a7e_0000_0001;
/// The run index of the design's stream: never a run of a batch anyone runs.
const DESIGN_RUN: u64 = u64::MAX;

/// Why a scenario cannot be calibrated or studied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unfit {
    /// No `[[uncertain]]` setting.
    NoUncertain,
    /// No observed outcome on or before the cut-off.
    NoObservedBefore,
}

impl std::fmt::Display for Unfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unfit::NoUncertain => "declares no uncertain setting ([[uncertain]]): nothing to fit",
            Unfit::NoObservedBefore => {
                "has no observed outcome on or before its cut-off ([[observed]]): nothing to fit to"
            }
        })
    }
}

/// The value `u` (a quantile in (0, 1)) of `p`'s prior, rounded when the setting is whole.
pub fn quantile(p: &Uncertain, u: f64) -> f64 {
    let (lo, hi) = (p.lo, p.hi);
    let v = match p.prior {
        Prior::Uniform => lo + u * (hi - lo),
        Prior::Triangular { mode } => {
            let cut = (mode - lo) / (hi - lo);
            if u < cut {
                lo + libm::sqrt(u * (hi - lo) * (mode - lo))
            } else {
                hi - libm::sqrt((1.0 - u) * (hi - lo) * (hi - mode))
            }
        }
    };
    if p.integer { v.round() } else { v }
}

/// The prior's mean and standard deviation.
pub fn prior_moments(p: &Uncertain) -> (f64, f64) {
    let (a, b) = (p.lo, p.hi);
    match p.prior {
        Prior::Uniform => ((a + b) / 2.0, (b - a) / libm::sqrt(12.0)),
        Prior::Triangular { mode: c } => (
            (a + b + c) / 3.0,
            libm::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0),
        ),
    }
}

/// `PATH=VALUE` for `--set`: a whole setting as an integer, any other as a float (at most nine
/// decimals, so written variants stay readable).
pub fn setting(p: &Uncertain, value: f64) -> String {
    format!("{}={}", p.path, value_text(p, value))
}

/// The value as TOML writes it for `p`.
pub fn value_text(p: &Uncertain, value: f64) -> String {
    if p.integer {
        format!("{}", value.round() as i64)
    } else {
        let v = (value * 1e9).round() / 1e9;
        format!("{v:?}")
    }
}

/// The draws of a calibration: one vector of values per draw, in the order of
/// [`Model::uncertain`].
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub draws: Vec<Vec<f64>>,
}

impl Plan {
    /// `draws` vectors from the prior of `model`'s uncertain settings (a Latin hypercube from
    /// `seed`).
    pub fn new(model: &Model, draws: usize, seed: u64) -> Result<Plan, Unfit> {
        let params = model.uncertain();
        if params.is_empty() {
            return Err(Unfit::NoUncertain);
        }
        let before = fitted_to(model);
        if before.is_empty() {
            return Err(Unfit::NoObservedBefore);
        }
        let mut rng = Stream::new(seed, DESIGN_RUN, DESIGN_KEY);
        let k = draws.max(1);
        let mut columns: Vec<Vec<f64>> = Vec::with_capacity(params.len());
        for p in params {
            // Strata 0..k, shuffled (Fisher–Yates), each with a uniform jitter inside.
            let mut strata: Vec<usize> = (0..k).collect();
            for i in (1..k).rev() {
                let j = ((rng.uniform() * (i + 1) as f64) as usize).min(i);
                strata.swap(i, j);
            }
            columns.push(
                strata
                    .iter()
                    .map(|&s| quantile(p, (s as f64 + rng.uniform()) / k as f64))
                    .collect(),
            );
        }
        let draws = (0..k)
            .map(|d| columns.iter().map(|c| c[d]).collect())
            .collect();
        Ok(Plan { draws })
    }

    /// The `--set` override of point `e` of the ends: parameter `e / 2` at its low end (`e`
    /// even) or its high end, the others at the scenario's values.
    pub fn end_setting(model: &Model, e: usize) -> Vec<String> {
        let p = &model.uncertain()[e / 2];
        vec![setting(p, if e.is_multiple_of(2) { p.lo } else { p.hi })]
    }

    /// The `--set` overrides of draw `d`.
    pub fn settings(&self, model: &Model, d: usize) -> Vec<String> {
        (model.uncertain().iter())
            .zip(&self.draws[d])
            .map(|(p, &v)| setting(p, v))
            .collect()
    }
}

/// Indices (into [`Model::observed`]) of the outcomes a calibration fits: those dated on or
/// before the cut-off, or all of them without one.
pub fn fitted_to(model: &Model) -> Vec<usize> {
    let cut = model.as_of();
    (model.observed().iter().enumerate())
        .filter(|(_, o)| cut.is_none_or(|c| o.day <= c))
        .map(|(i, _)| i)
        .collect()
}

/// The posterior weights of a plan's draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Normalised: they sum to 1.
    pub weights: Vec<f64>,
    pub log_likelihoods: Vec<f64>,
    /// The blocks of dependent fitted outcomes the likelihood is joint over (positions in
    /// [`fitted_to`]).
    pub blocks: Vec<Vec<usize>>,
    /// Per parameter: whether a fitted outcome reads it (a count moved at an end of its range).
    pub read: Vec<bool>,
}

impl Fit {
    /// Weighs each draw of `plan` by the likelihood of the outcomes before the cut-off, from
    /// `draws[d]`, the tally of draw `d`'s `runs` runs ([`crate::likelihood`]: joint within
    /// blocks of dependent outcomes). `base` is the tally at the scenario's values and `ends`
    /// those at each parameter's ends ([`Plan::end_setting`]), which say what is read.
    pub fn new(model: &Model, base: &Tally, ends: &[Tally], draws: &[Tally], runs: u64) -> Fit {
        let read = (0..model.uncertain().len())
            .map(|i| {
                (ends.get(2 * i..2 * i + 2))
                    .is_some_and(|e| e.iter().any(|t| t.patterns != base.patterns))
            })
            .collect();
        let items = fitted_to(model);
        let observed: Vec<bool> = (items.iter())
            .map(|&i| model.observed()[i].outcome)
            .collect();
        let vectors: Vec<&BTreeMap<String, u64>> = draws.iter().map(|t| &t.patterns).collect();
        let blocks = likelihood::blocks(&vectors, items.len(), runs);
        let log_likelihoods: Vec<f64> = (draws.iter())
            .map(|t| likelihood::log_likelihood(&t.patterns, &observed, &blocks, runs))
            .collect();
        let top = log_likelihoods
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let raw: Vec<f64> = log_likelihoods.iter().map(|l| libm::exp(l - top)).collect();
        let total: f64 = raw.iter().sum();
        Fit {
            weights: raw.iter().map(|w| w / total).collect(),
            log_likelihoods,
            blocks,
            read,
        }
    }

    /// Kish's effective sample size: `1 / Σ w²` for normalised weights.
    pub fn effective_sample_size(&self) -> f64 {
        1.0 / self.weights.iter().map(|w| w * w).sum::<f64>()
    }

    /// Parameter `i`'s posterior mean over `plan`'s draws.
    pub fn mean(&self, plan: &Plan, i: usize) -> f64 {
        (plan.draws.iter().zip(&self.weights))
            .map(|(d, w)| d[i] * w)
            .sum()
    }

    /// Parameter `i`'s posterior standard deviation.
    pub fn sd(&self, plan: &Plan, i: usize) -> f64 {
        let mean = self.mean(plan, i);
        let var: f64 = (plan.draws.iter().zip(&self.weights))
            .map(|(d, w)| w * (d[i] - mean) * (d[i] - mean))
            .sum();
        libm::sqrt(var.max(0.0))
    }

    /// Whether the outcomes constrain parameter `i`: its posterior sd is at most
    /// [`IDENTIFIED_BELOW`] of its prior's.
    pub fn identified(&self, model: &Model, plan: &Plan, i: usize) -> bool {
        self.sd(plan, i) <= IDENTIFIED_BELOW * prior_moments(&model.uncertain()[i]).1
    }

    /// The fitted value of parameter `i`: its posterior mean when a fitted outcome reads it;
    /// otherwise the scenario's own value, since outcomes that never read a parameter give no
    /// reason to move it (its posterior mean is then only the prior's mean).
    pub fn fitted(&self, model: &Model, plan: &Plan, i: usize) -> f64 {
        if self.read.get(i).copied().unwrap_or(false) {
            self.mean(plan, i)
        } else {
            model.uncertain()[i].value
        }
    }

    /// The fitted values ([`Self::fitted`]), as `--set` overrides.
    pub fn settings(&self, model: &Model, plan: &Plan) -> Vec<String> {
        (model.uncertain().iter().enumerate())
            .map(|(i, p)| setting(p, self.fitted(model, plan, i)))
            .collect()
    }
}

/// The `q`-quantile of `values` weighted by `weights` (the smallest value whose cumulative
/// weight reaches `q`; ties in value kept in draw order).
fn weighted_quantile(values: &[f64], weights: &[f64], q: f64) -> f64 {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    let mut cumulative = 0.0;
    for &i in &order {
        cumulative += weights[i];
        if cumulative >= q - 1e-12 {
            return values[i];
        }
    }
    order.last().map_or(f64::NAN, |&i| values[i])
}

/// One fitted parameter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Posterior {
    pub id: String,
    pub path: String,
    /// `uniform` or `triangular`.
    pub prior: &'static str,
    pub mode: Option<f64>,
    pub low: f64,
    pub high: f64,
    /// The value the scenario gives it.
    pub value: f64,
    pub prior_mean: f64,
    pub prior_sd: f64,
    pub mean: f64,
    pub sd: f64,
    /// The 90% interval: the weighted 5% and 95% quantiles of the draws.
    pub q05: f64,
    pub q95: f64,
    /// False when the posterior sd is above [`IDENTIFIED_BELOW`] of the prior's.
    pub identified: bool,
    /// Whether a fitted outcome reads it: a count moved with it at an end of its range.
    pub read: bool,
    /// The value the fit gives it: the posterior mean when read, else `value`.
    pub fitted: f64,
    pub note: Option<String>,
    pub source: Option<String>,
}

/// Mean Brier scores at one set of values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Briers {
    /// Over the outcomes fitted (on or before the cut-off).
    pub fitted: f64,
    /// Over the outcomes after the cut-off (none without a cut-off or such outcomes).
    pub after_cut_off: Option<f64>,
}

/// A calibration's result, as `calibrate --format json` prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    pub scenario: String,
    pub scenario_hash: String,
    pub runs: u64,
    pub draws: usize,
    pub seed: u64,
    /// The cut-off (ISO date); without one every outcome is fitted and none is left to test.
    pub as_of: Option<String>,
    /// The observed outcomes fitted to.
    pub fitted_to: Vec<String>,
    /// The observed outcomes after the cut-off (the honest test).
    pub after_cut_off: Vec<String>,
    pub effective_sample_size: f64,
    /// The blocks of fitted outcomes the runs show to be dependent (two or more outcomes
    /// each): the likelihood is joint within each; every other outcome is a block alone.
    pub dependent: Vec<Vec<String>>,
    pub parameters: Vec<Posterior>,
    /// Mean Brier at the scenario's own values.
    pub before: Briers,
    /// Mean Brier at the fitted values (posterior means of the parameters read).
    pub after: Briers,
}

/// The mean Brier over `items` of counts `held` of `runs` runs.
fn brier(model: &Model, items: &[usize], held: &[u64], runs: u64) -> Option<f64> {
    if items.is_empty() {
        return None;
    }
    let sum: f64 = (items.iter())
        .map(|&i| {
            let p = held[i] as f64 / runs.max(1) as f64;
            let o = f64::from(u8::from(model.observed()[i].outcome));
            (p - o) * (p - o)
        })
        .sum();
    Some(sum / items.len() as f64)
}

impl Calibration {
    /// The result of fitting `plan` to `model`: `base` the counts at the scenario's values,
    /// `fitted` at the fitted values ([`Fit::settings`]).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        model: &Model,
        plan: &Plan,
        fit: &Fit,
        base: &[u64],
        fitted: &[u64],
        runs: u64,
        seed: u64,
    ) -> Calibration {
        let before_items = fitted_to(model);
        let after_items: Vec<usize> = (0..model.observed().len())
            .filter(|i| !before_items.contains(i))
            .collect();
        let briers = |held: &[u64]| Briers {
            fitted: brier(model, &before_items, held, runs).unwrap_or(0.0),
            after_cut_off: brier(model, &after_items, held, runs),
        };
        let parameters = (model.uncertain().iter().enumerate())
            .map(|(i, p)| {
                let values: Vec<f64> = plan.draws.iter().map(|d| d[i]).collect();
                let (mean, sd) = (fit.mean(plan, i), fit.sd(plan, i));
                let (prior_mean, prior_sd) = prior_moments(p);
                let identified = fit.identified(model, plan, i);
                Posterior {
                    id: p.id.clone(),
                    path: p.path.clone(),
                    prior: match p.prior {
                        Prior::Uniform => "uniform",
                        Prior::Triangular { .. } => "triangular",
                    },
                    mode: match p.prior {
                        Prior::Uniform => None,
                        Prior::Triangular { mode } => Some(mode),
                    },
                    low: p.lo,
                    high: p.hi,
                    value: p.value,
                    prior_mean,
                    prior_sd,
                    mean,
                    sd,
                    q05: weighted_quantile(&values, &fit.weights, 0.05),
                    q95: weighted_quantile(&values, &fit.weights, 0.95),
                    identified,
                    read: fit.read.get(i).copied().unwrap_or(false),
                    fitted: fit.fitted(model, plan, i),
                    note: p.note.clone(),
                    source: model.fact_id(p.source).map(str::to_owned),
                }
            })
            .collect();
        let ids = |items: &[usize]| -> Vec<String> {
            items
                .iter()
                .map(|&i| model.observed()[i].id.clone())
                .collect()
        };
        Calibration {
            scenario: model.id().to_owned(),
            scenario_hash: crate::partial::scenario_hash(model),
            runs,
            draws: plan.draws.len(),
            seed,
            as_of: model.as_of().map(|d| date_of_day(d).to_string()),
            fitted_to: ids(&before_items),
            after_cut_off: ids(&after_items),
            effective_sample_size: fit.effective_sample_size(),
            dependent: (fit.blocks.iter())
                .filter(|b| b.len() > 1)
                .map(|b| {
                    b.iter()
                        .map(|&j| model.observed()[before_items[j]].id.clone())
                        .collect()
                })
                .collect(),
            parameters,
            before: briers(base),
            after: briers(fitted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/mechanisms/uncertain-settings.toml");
        let loaded = statecraft_model::load(&path, &[]).expect("scenario loads");
        statecraft_model::compile(&loaded).expect("scenario compiles")
    }

    #[test]
    fn the_design_puts_one_draw_in_each_stratum_of_every_uniform_prior() {
        let model = model();
        let plan = Plan::new(&model, 50, 7).unwrap();
        assert_eq!(
            plan,
            Plan::new(&model, 50, 7).unwrap(),
            "same seed, same design"
        );
        for (i, p) in model.uncertain().iter().enumerate() {
            if p.prior != Prior::Uniform {
                continue;
            }
            let mut strata: Vec<usize> = (plan.draws.iter())
                .map(|d| ((d[i] - p.lo) / (p.hi - p.lo) * 50.0) as usize)
                .collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..50).collect::<Vec<_>>(), "{}", p.path);
        }
    }

    #[test]
    fn triangular_quantiles_meet_at_the_mode() {
        let mut p = model().uncertain()[1].clone();
        p.prior = Prior::Triangular { mode: 0.5 };
        (p.lo, p.hi) = (0.0, 1.0);
        assert_eq!(quantile(&p, 0.0), 0.0);
        assert_eq!(quantile(&p, 0.5), 0.5);
        assert_eq!(quantile(&p, 1.0), 1.0);
        assert_eq!(prior_moments(&p).0, 0.5);
    }

    #[test]
    fn weighted_quantiles_step_through_the_sorted_draws() {
        let values = [3.0, 1.0, 2.0, 4.0];
        let weights = [0.25; 4];
        assert_eq!(weighted_quantile(&values, &weights, 0.05), 1.0);
        assert_eq!(weighted_quantile(&values, &weights, 0.5), 2.0);
        assert_eq!(weighted_quantile(&values, &weights, 0.95), 4.0);
    }
}
