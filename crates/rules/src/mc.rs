//! Monte Carlo batches: many runs of one model, aggregated as they finish.
//!
//! Every aggregate is an integer count (outcomes, final states, histogram bins), so partial
//! results merge by addition in any order: a batch gives the same numbers on one thread or
//! eight, and shards run on different machines merge into exactly the unsharded result.
//! Memory is the size of the aggregate, whatever the number of runs: runs are not kept.

use serde::{Deserialize, Serialize};
use statecraft_model::log::Entry;
use statecraft_model::model::Model;
use statecraft_model::state::{Outcome, State};

use crate::batch::{Accumulator, Runs};
use crate::engine::Observer;

/// Bins per indicator histogram: quantiles are exact to 1/BINS of the indicator's range.
pub const BINS: usize = 200;
pub use crate::batch::CHUNK;

/// Counts from a set of runs; add two to merge them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    pub runs: u64,
    /// Per proposal: runs ending pending, adopted, failed.
    pub outcomes: Vec<[u64; 3]>,
    /// Per proposal and step: runs in which it was adopted in that step.
    pub adopted_in_step: Vec<Vec<u64>>,
    /// Per status slot and state: runs ending in that state.
    pub final_states: Vec<Vec<u64>>,
    /// Per flag: runs ending with it set.
    pub flags: Vec<u64>,
    /// Per indicator slot, per step, per bin (flat, see [`histogram_index`]): how many runs
    /// ended the step in that bin.
    /// Empty when histograms are off.
    pub histograms: Vec<u64>,
    /// The sum of the values that fell in each bin, in millionths (integers, so sums do not
    /// depend on the order runs are added in): a quantile reports its bin's mean, which is
    /// exact when the values in the bin are all the same. `i128`: a value is at most 1e18
    /// millionths (indicator ranges are within ±1e12), so no number of runs can overflow it.
    pub bin_sums: Vec<i128>,
    /// Per expectation: runs in which it held.
    pub expectations: Vec<u64>,
}

impl Aggregate {
    /// An empty aggregate shaped for `model`.
    pub fn new(model: &Model, histograms: bool) -> Self {
        let steps = model.calendar().len();
        Aggregate {
            runs: 0,
            outcomes: vec![[0; 3]; model.proposals().len()],
            adopted_in_step: vec![vec![0; steps]; model.proposals().len()],
            final_states: model
                .status_slot_ids()
                .map(|slot| {
                    let owner = model.status_slot_owner(slot);
                    vec![0; model.status(owner.status).states.len()]
                })
                .collect(),
            flags: vec![0; model.flags().len()],
            histograms: if histograms {
                vec![0; model.initial_values().len() * steps * BINS]
            } else {
                Vec::new()
            },
            bin_sums: if histograms {
                vec![0; model.initial_values().len() * steps * BINS]
            } else {
                Vec::new()
            },
            expectations: vec![0; model.expects().len()],
        }
    }

    /// Adds `other`'s counts to these. Both must come from the same model.
    pub fn merge(&mut self, other: &Aggregate) {
        self.runs += other.runs;
        add_nested(&mut self.outcomes, &other.outcomes, |a, b| {
            for i in 0..3 {
                a[i] += b[i];
            }
        });
        add_nested(&mut self.adopted_in_step, &other.adopted_in_step, |a, b| {
            add(a, b)
        });
        add_nested(&mut self.final_states, &other.final_states, |a, b| {
            add(a, b)
        });
        add(&mut self.flags, &other.flags);
        add(&mut self.histograms, &other.histograms);
        for (x, y) in self.bin_sums.iter_mut().zip(&other.bin_sums) {
            *x += y;
        }
        add(&mut self.expectations, &other.expectations);
    }

    /// Folds one finished run into the counts.
    fn record_final(&mut self, state: &State) {
        self.runs += 1;
        for (p, ps) in state.proposals.iter().enumerate() {
            self.outcomes[p][ps.outcome as usize] += 1;
            if ps.outcome == Outcome::Adopted
                && let Some(step) = ps.decided
            {
                self.adopted_in_step[p][step as usize] += 1;
            }
        }
        for (slot, &s) in state.states.iter().enumerate() {
            self.final_states[slot][s as usize] += 1;
        }
        for (f, &set) in state.flags.iter().enumerate() {
            self.flags[f] += u64::from(set);
        }
    }
}

fn add(a: &mut [u64], b: &[u64]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn add_nested<T>(a: &mut [T], b: &[T], f: impl Fn(&mut T, &T)) {
    for (x, y) in a.iter_mut().zip(b) {
        f(x, y);
    }
}

impl Accumulator for Aggregate {
    type Observer<'a> = Counting<'a>;
    #[inline]
    fn observer(&mut self, _: usize) -> Counting<'_> {
        Counting { aggregate: self }
    }
    #[inline]
    fn record(&mut self, _: u64, finals: &[State]) {
        self.record_final(&finals[0]);
    }
    fn merge(&mut self, later: Self) {
        Aggregate::merge(self, &later);
    }
}

/// Where the bins of (slot, step) start in the flat histogram arrays, plus `bin`.
#[inline]
pub fn histogram_index(steps: usize, slot: usize, step: usize, bin: usize) -> usize {
    (slot * steps + step) * BINS + bin
}

/// The observer of a batch run: fills histograms and expectation counts, logs nothing.
pub struct Counting<'a> {
    aggregate: &'a mut Aggregate,
}

impl Observer for Counting<'_> {
    const LOGS: bool = false;
    fn entry(&mut self, _: Entry) {}
    #[inline]
    fn step_end(&mut self, model: &Model, state: &State) {
        if self.aggregate.histograms.is_empty() {
            return;
        }
        let step = state.step as usize;
        let steps = model.calendar().len();
        let histograms = &mut self.aggregate.histograms[..];
        let sums = &mut self.aggregate.bin_sums[..];
        for ind in model.indicators() {
            let width = ind.max - ind.min;
            for slot in ind.slots() {
                let v = state.values[slot.index()];
                let bin = bin_of((v - ind.min) / width);
                let at = histogram_index(steps, slot.index(), step, bin);
                histograms[at] += 1;
                sums[at] += i128::from(millionths(v));
            }
        }
    }
    fn expectation(&mut self, index: usize, held: bool) {
        self.aggregate.expectations[index] += u64::from(held);
    }
}

/// `v` in millionths, rounded half away from zero: `(v * 1e6).round()` in integers, without
/// the call to a software `round` on every slot of every step.
///
/// Exact for every value a slot can hold (|v| ≤ 1e12, so |v × 1e6| < 2^63): the truncation is
/// exact, and so is the fraction `x - trunc(x)` (a float minus its integer part loses no bit).
/// From 2^52 up every float is an integer and the fraction is 0. NaN gives 0, as `round` cast
/// to an integer does.
#[inline]
fn millionths(v: f64) -> i64 {
    let x = v * 1e6;
    let whole = x as i64;
    let fraction = x - whole as f64;
    if fraction >= 0.5 {
        whole + 1
    } else if fraction <= -0.5 {
        whole - 1
    } else {
        whole
    }
}

/// The bin of a value at `share` of its indicator's range: `(share × BINS) as usize`, at most
/// the last bin. Through `i64`, one conversion instruction where `usize` needs a branchy
/// sequence; the same bin for every float (NaN and below 0 give bin 0 either way, and any
/// value past the last bin the last bin).
#[inline]
fn bin_of(share: f64) -> usize {
    ((share * BINS as f64) as i64).clamp(0, BINS as i64 - 1) as usize
}

/// Which runs of a batch to do.
#[derive(Clone, Copy, Debug)]
pub struct Batch {
    pub seed: u64,
    /// Run indices `first..first + runs` (a shard does a slice of the whole).
    pub first: u64,
    pub runs: u64,
    /// Keep per-step indicator histograms (quantiles). Off saves memory on huge models.
    pub histograms: bool,
}

impl Batch {
    /// Shard `index` of `count` of a batch of `runs` runs: contiguous, and together exactly
    /// the runs of the whole batch.
    pub fn shard(seed: u64, runs: u64, index: u64, count: u64, histograms: bool) -> Batch {
        // In u128: `runs * (index + 1)` can pass u64::MAX; the quotients never do.
        let at = |i: u64| (u128::from(runs) * u128::from(i) / u128::from(count)) as u64;
        let (first, end) = (at(index), at(index + 1));
        Batch {
            seed,
            first,
            runs: end - first,
            histograms,
        }
    }
}

/// Bytes of one histogram cell: a `u64` count and an `i128` sum.
pub const BYTES_PER_BIN: u64 = 8 + 16;

/// The default budget for quantile histograms, over all worker threads: 512 MiB.
pub const DEFAULT_QUANTILE_MEMORY_MIB: u64 = 512;

/// How much memory the quantile histograms of a batch of `model` on `threads` threads take:
/// every worker keeps its own aggregate (so threads never contend), and each aggregate has
/// `slots × steps × BINS` cells of [`BYTES_PER_BIN`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuantileMemory {
    pub slots: u64,
    pub steps: u64,
    pub threads: u64,
    /// The total, in bytes (`u128`: the product of file-given counts must not wrap).
    pub bytes: u128,
}

impl QuantileMemory {
    pub fn of(model: &Model, threads: usize) -> QuantileMemory {
        let (slots, steps) = (
            model.initial_values().len() as u64,
            model.calendar().len() as u64,
        );
        let threads = threads.max(1) as u64;
        QuantileMemory {
            slots,
            steps,
            threads,
            bytes: u128::from(slots)
                * u128::from(steps)
                * BINS as u128
                * u128::from(BYTES_PER_BIN)
                * u128::from(threads),
        }
    }

    /// The total in MiB, rounded up.
    pub fn mib(&self) -> u128 {
        self.bytes.div_ceil(1 << 20)
    }

    /// Whether it fits in `budget_mib` MiB.
    pub fn fits(&self, budget_mib: u64) -> bool {
        self.bytes <= u128::from(budget_mib) << 20
    }
}

impl std::fmt::Display for QuantileMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} MiB ({} indicator slots × {} steps × {BINS} bins × {BYTES_PER_BIN} bytes, × {} \
             threads)",
            self.mib(),
            self.slots,
            self.steps,
            self.threads
        )
    }
}

/// Runs a batch on the current rayon pool through the one runner ([`crate::batch::run`]);
/// `progress` is called with the runs done so far after each chunk (from any thread).
///
/// Each of the pool's threads folds its block of chunks into its own aggregate, and the
/// aggregates are then added: exactly one aggregate per thread, so memory is what
/// [`QuantileMemory`] says. Counts are integers, so the grouping cannot change the result.
pub fn run_batch(model: &Model, batch: Batch, progress: &(dyn Fn(u64) + Sync)) -> Aggregate {
    let runs = Runs {
        seed: batch.seed,
        first: batch.first,
        count: batch.runs,
    };
    crate::batch::run(&[model], runs, progress, &|| {
        Aggregate::new(model, batch.histograms)
    })
}

/// The value below which a share `q` of the runs fell, from a histogram: the mean of the
/// values in the bin where the cumulative count reaches `q` (within one bin, 1/BINS of the
/// range, of the exact quantile; exact when that bin's values are equal).
pub fn quantile(bins: &[u64], sums: &[i128], q: f64) -> f64 {
    let total: u64 = bins.iter().sum();
    if total == 0 {
        return f64::NAN;
    }
    let target = (q * total as f64).ceil().max(1.0) as u64;
    let mut seen = 0;
    for (i, &count) in bins.iter().enumerate() {
        seen += count;
        if seen >= target {
            return sums[i] as f64 / 1e6 / count as f64;
        }
    }
    f64::NAN
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_from_bins() {
        let mut bins = vec![0u64; 10];
        let mut sums = vec![0i128; 10];
        bins[2] = 50;
        sums[2] = 50 * 21_500_000;
        bins[7] = 50;
        sums[7] = 50 * 70_000_000;
        assert_eq!(quantile(&bins, &sums, 0.25), 21.5);
        assert_eq!(quantile(&bins, &sums, 0.5), 21.5);
        assert_eq!(quantile(&bins, &sums, 0.75), 70.0);
    }

    #[test]
    fn bin_sums_hold_millions_of_runs_at_the_largest_values() {
        // Issue 9: a million runs at 3e9 (3e15 millionths each) summed past i64::MAX; so does
        // a run count of 10 at the largest allowed value, 1e12.
        for (value, runs) in [(3e9, 1_000_000u64), (1e12, 1_000_000), (-1e12, 1_000_000)] {
            let millionths = (value * 1e6) as i128;
            let bin = if value < 0.0 { 0 } else { BINS - 1 };
            let mut one = Aggregate {
                runs,
                outcomes: Vec::new(),
                adopted_in_step: Vec::new(),
                final_states: Vec::new(),
                flags: Vec::new(),
                histograms: vec![0; BINS],
                bin_sums: vec![0; BINS],
                expectations: Vec::new(),
            };
            one.histograms[bin] = runs;
            one.bin_sums[bin] = millionths * i128::from(runs);
            let mut total = one.clone();
            for _ in 0..9 {
                total.merge(&one);
            }
            assert_eq!(total.bin_sums[bin], millionths * i128::from(runs) * 10);
            for q in [0.05, 0.5, 0.95] {
                assert_eq!(quantile(&total.histograms, &total.bin_sums, q), value);
            }
        }
    }

    #[test]
    fn millionths_round_as_round_does() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5e-6,
            -0.5e-6,
            1.5e-6,
            -1.5e-6,
            2.5e-6,
            f64::from_bits(0.5f64.to_bits() - 1) / 1e6,
            0.499_999_999_999_999_94,
            1e12,
            -1e12,
            (2f64.powi(52) - 0.5) / 1e6,
            50.000_000_5,
            -37.000_000_499_999,
            f64::NAN,
            1e-300,
            123.456_789_5,
        ];
        // Values on a grid of half-millionths, where ties are, and a pseudo-random spread.
        let mut z = 0x9e37_79b9_7f4a_7c15u64;
        for k in 0..20_000 {
            values.push((k as f64 - 10_000.0) * 0.5e-6);
            z = z
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let unit = (z >> 11) as f64 / (1u64 << 53) as f64;
            values.push((unit - 0.5) * 2e6);
        }
        for v in values {
            assert_eq!(
                i128::from(millionths(v)),
                (v * 1e6).round() as i128,
                "{v:e}"
            );
        }
    }

    #[test]
    fn bins_as_the_usize_conversion_gives_them() {
        let mut shares = vec![
            0.0,
            -0.0,
            -1e-300,
            1e-300,
            0.004_999,
            0.005,
            0.995,
            0.999_999,
            1.0,
            1.5,
            -7.0,
            1e300,
            -1e300,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        shares.extend((0..=4000).map(|k| f64::from(k) / 2000.0 - 0.5));
        for share in shares {
            assert_eq!(
                bin_of(share),
                ((share * BINS as f64) as usize).min(BINS - 1),
                "{share:e}"
            );
        }
    }

    #[test]
    fn shards_partition_the_runs() {
        let runs = 1001;
        let mut next = 0;
        for i in 0..7 {
            let b = Batch::shard(1, runs, i, 7, false);
            assert_eq!(b.first, next);
            next += b.runs;
        }
        assert_eq!(next, runs);
    }
}
