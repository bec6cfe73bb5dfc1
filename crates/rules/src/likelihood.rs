//! The likelihood of what was observed, from the runs of one draw: `calibrate`'s weights.
//!
//! Outcomes on one timeline are not independent: a partnership stalled in December and still
//! stalled in March are one fact about one trust path, read twice. Multiplying their
//! per-outcome shares counts the evidence twice and makes a posterior overconfident. The joint
//! likelihood is the share of runs whose whole vector of outcomes is the one observed (the
//! acceptance rate of exact-match rejection ABC); but with many outcomes that vary on their
//! own (thirty months of a shock drawn anew each month) hardly any run matches them all, and
//! the share is zero at every draw however many draws there are.
//!
//! So the vector is cut into blocks of outcomes the runs show to be dependent, and the
//! likelihood is the product over blocks of each block's smoothed joint share,
//! `(k + 1/2) / (n + 1)` for `k` matching runs of `n`. Two outcomes are linked when their
//! runs show them dependent at fixed settings: per draw, the count of runs in which both held
//! is standardised against its distribution under independence given the draw's margins
//! (hypergeometric: `z = (k₁₁ − a b / n) / sqrt(a (n − a) b (n − b) / (n² (n − 1)))`), and the
//! mean of these `z` over the draws is above [`LINK_Z`] in size. One table per draw keeps
//! apart outcomes that only move together because both follow the settings; the mean rather
//! than the Cochran–Mantel–Haenszel sum because common random numbers replay the same runs
//! at every draw, so the draws' statistics are correlated, and a mean of unit-variance
//! statistics has a variance of at most 1 however correlated they are. Blocks are the
//! connected components of the links. Within a block the likelihood is the exact joint one;
//! across blocks it is exact when they are independent given the settings, which the runs
//! gave no evidence against.
//!
//! Everything is computed from integer counts ([`Tally`]: per observed outcome the runs in
//! which it held, and per draw how many runs gave each vector of fitted outcomes), which add
//! over any split of the runs: the same on any thread count and for any sharding.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use statecraft_model::model::Model;
use statecraft_model::state::State;

use crate::batch::{self, Accumulator, Runs};
use crate::engine::Observer;

/// The size of the mean standardised statistic (variance at most 1 under independence)
/// above which two outcomes are linked: five standard deviations, so that among the few
/// hundred pairs of a calibration a link by chance is rare, while a correlation `ρ` between
/// two outcomes gives about `ρ √n`: with 500 runs per draw, a correlation of 0.25 is found.
pub const LINK_Z: f64 = 5.0;

/// A batch's record for calibration: per observed outcome (every one, [`Model::observed`]
/// order) the runs in which it held, and how many runs gave each vector of the fitted
/// outcomes (one `0`/`1` character per outcome of [`crate::calibrate::fitted_to`], in order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    pub held: Vec<u64>,
    pub patterns: BTreeMap<String, u64>,
}

/// The batch accumulator behind [`Tally`]: the vector of the run under way is built in
/// `current` by the observer and filed by `record`.
struct Counting<'f> {
    fitted: &'f [usize],
    tally: Tally,
    current: Vec<u8>,
}

/// Watches one run: counts held outcomes, and marks the fitted ones in the run's vector.
pub struct TallyObserver<'a> {
    fitted: &'a [usize],
    held: &'a mut [u64],
    current: &'a mut [u8],
}

impl Observer for TallyObserver<'_> {
    const LOGS: bool = false;
    fn entry(&mut self, _: statecraft_model::log::Entry) {}
    fn step_end(&mut self, model: &Model, state: &State) {
        for (i, (held, o)) in self.held.iter_mut().zip(model.observed()).enumerate() {
            if o.step == state.step && o.that.eval_bool(state) {
                *held += 1;
                if let Some(j) = self.fitted.iter().position(|&f| f == i) {
                    self.current[j] = b'1';
                }
            }
        }
    }
}

impl Accumulator for Counting<'_> {
    type Observer<'a>
        = TallyObserver<'a>
    where
        Self: 'a;
    fn observer(&mut self, _: usize) -> TallyObserver<'_> {
        TallyObserver {
            fitted: self.fitted,
            held: &mut self.tally.held,
            current: &mut self.current,
        }
    }
    fn record(&mut self, _: u64, _: &[State]) {
        let key = String::from_utf8_lossy(&self.current).into_owned();
        *self.tally.patterns.entry(key).or_insert(0) += 1;
        self.current.fill(b'0');
    }
    fn merge(&mut self, later: Self) {
        self.tally.add(&later.tally);
    }
}

impl Tally {
    /// Adds `other`, the tally of other runs of the same batch.
    pub fn add(&mut self, other: &Tally) {
        for (x, y) in self.held.iter_mut().zip(&other.held) {
            *x += y;
        }
        for (key, n) in &other.patterns {
            *self.patterns.entry(key.clone()).or_insert(0) += n;
        }
    }

    /// The runs counted: the sum over the vectors (`None` if it overflows, which only an
    /// edited file can make it do).
    pub fn runs(&self) -> Option<u64> {
        (self.patterns.values()).try_fold(0u64, |sum, &n| sum.checked_add(n))
    }
}

/// The tally of `runs` of `model`, whose fitted outcomes are `fitted` (indices into
/// [`Model::observed`]), on the current rayon pool.
pub fn tally(
    model: &Model,
    fitted: &[usize],
    runs: Runs,
    progress: &(dyn Fn(u64) + Sync),
) -> Tally {
    let n = model.observed().len();
    batch::run(&[model], runs, progress, &|| Counting {
        fitted,
        tally: Tally {
            held: vec![0; n],
            patterns: BTreeMap::new(),
        },
        current: vec![b'0'; fitted.len()],
    })
    .tally
}

/// Per draw and fitted outcome, the runs in which it held, and per pair the runs in which
/// both did, read off the vectors.
fn pair_counts(patterns: &BTreeMap<String, u64>, m: usize) -> (Vec<u64>, Vec<u64>) {
    let mut single = vec![0u64; m];
    let mut both = vec![0u64; m * m];
    for (key, &n) in patterns {
        let bits: Vec<usize> = (key.bytes().enumerate())
            .filter(|&(_, b)| b == b'1')
            .map(|(j, _)| j)
            .filter(|&j| j < m)
            .collect();
        for (a, &j) in bits.iter().enumerate() {
            single[j] += n;
            for &k in &bits[a + 1..] {
                both[j * m + k] += n;
            }
        }
    }
    (single, both)
}

/// The blocks of `m` fitted outcomes, from every draw's vectors (each of `runs` runs): the
/// connected components of the links ([`LINK_Z`]), each in outcome order, ordered by their
/// first outcome.
pub fn blocks(draws: &[&BTreeMap<String, u64>], m: usize, runs: u64) -> Vec<Vec<usize>> {
    // Per pair: the sum of the draws' standardised statistics, and how many draws have one
    // (a draw where either outcome always or never holds says nothing about dependence).
    let mut sum_z = vec![0.0f64; m * m];
    let mut tables = vec![0u32; m * m];
    let n = runs as f64;
    if runs >= 2 {
        for patterns in draws {
            let (single, both) = pair_counts(patterns, m);
            for j in 0..m {
                for k in j + 1..m {
                    let (a, b) = (single[j] as f64, single[k] as f64);
                    let variance = a * (n - a) * b * (n - b) / (n * n * (n - 1.0));
                    if variance > 0.0 {
                        sum_z[j * m + k] +=
                            (both[j * m + k] as f64 - a * b / n) / libm::sqrt(variance);
                        tables[j * m + k] += 1;
                    }
                }
            }
        }
    }
    let mut parent: Vec<usize> = (0..m).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for j in 0..m {
        for k in j + 1..m {
            let t = tables[j * m + k];
            if t > 0 && (sum_z[j * m + k] / f64::from(t)).abs() > LINK_Z {
                let (a, b) = (root(&mut parent, j), root(&mut parent, k));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut found: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for j in 0..m {
        let r = root(&mut parent, j);
        found.entry(r).or_default().push(j);
    }
    found.into_values().collect()
}

/// The log-likelihood of `observed` (the fitted outcomes' values, in order) under one draw's
/// vectors of `runs` runs: the sum over `blocks` of `ln((k + 1/2) / (n + 1))`, `k` the runs
/// that match the block's observed values.
pub fn log_likelihood(
    patterns: &BTreeMap<String, u64>,
    observed: &[bool],
    blocks: &[Vec<usize>],
    runs: u64,
) -> f64 {
    let mut sum = 0.0;
    for block in blocks {
        let k: u64 = (patterns.iter())
            .filter(|(key, _)| {
                let key = key.as_bytes();
                block
                    .iter()
                    .all(|&j| (key.get(j) == Some(&b'1')) == observed[j])
            })
            .map(|(_, &n)| n)
            .sum();
        sum += libm::log((k as f64 + 0.5) / (runs as f64 + 1.0));
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patterns(list: &[(&str, u64)]) -> BTreeMap<String, u64> {
        list.iter().map(|&(k, n)| (k.to_owned(), n)).collect()
    }

    #[test]
    fn two_copies_of_one_outcome_are_one_block_and_count_once() {
        // Three draws, 100 runs each: outcome 1 is outcome 0 read twice; outcome 2 varies
        // on its own.
        let draws = [
            patterns(&[("110", 15), ("111", 15), ("000", 35), ("001", 35)]),
            patterns(&[("110", 25), ("111", 25), ("000", 25), ("001", 25)]),
            patterns(&[("110", 40), ("111", 40), ("000", 10), ("001", 10)]),
        ];
        let refs: Vec<&BTreeMap<String, u64>> = draws.iter().collect();
        let blocks = blocks(&refs, 3, 100);
        assert_eq!(blocks, vec![vec![0, 1], vec![2]]);
        let once = [patterns(&[("10", 15), ("11", 15), ("00", 35), ("01", 35)])];
        let once_refs: Vec<&BTreeMap<String, u64>> = once.iter().collect();
        let single = super::blocks(&once_refs, 2, 100);
        assert_eq!(single, vec![vec![0], vec![1]]);
        // The copy adds nothing: the same likelihood as the outcome read once.
        let twice = log_likelihood(&draws[0], &[true, true, false], &blocks, 100);
        let alone = log_likelihood(&once[0], &[true, false], &single, 100);
        assert_eq!(twice, alone);
        // As independent outcomes they would have counted 0.3 twice.
        let naive = log_likelihood(
            &draws[0],
            &[true, true, false],
            &[vec![0], vec![1], vec![2]],
            100,
        );
        assert!(naive < twice - 1.0, "{naive} {twice}");
    }

    #[test]
    fn independent_outcomes_stay_apart_and_multiply() {
        // Exactly independent in each draw (25/25/25/25 and 4/16/16/64).
        let draws = [
            patterns(&[("11", 25), ("10", 25), ("01", 25), ("00", 25)]),
            patterns(&[("11", 4), ("10", 16), ("01", 16), ("00", 64)]),
        ];
        let refs: Vec<&BTreeMap<String, u64>> = draws.iter().collect();
        let blocks = blocks(&refs, 2, 100);
        assert_eq!(blocks, vec![vec![0], vec![1]]);
        let l = log_likelihood(&draws[1], &[true, false], &blocks, 100);
        let expected = libm::log(20.5 / 101.0) + libm::log(80.5 / 101.0);
        assert!((l - expected).abs() < 1e-12, "{l} {expected}");
    }

    #[test]
    fn outcomes_that_follow_the_settings_alone_are_not_linked() {
        // Both outcomes hold in every run of one draw and in none of the other: perfectly
        // correlated across draws, but each draw's table is degenerate (no evidence of a
        // dependence within a draw).
        let draws = [patterns(&[("11", 50)]), patterns(&[("00", 50)])];
        let refs: Vec<&BTreeMap<String, u64>> = draws.iter().collect();
        assert_eq!(blocks(&refs, 2, 50), vec![vec![0], vec![1]]);
    }
}
