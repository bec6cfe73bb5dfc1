//! The one batch runner: every command that runs a scenario many times (`mc`, `sweep`,
//! `report --runs`, `diff --runs`, `explain --runs`, `test` with probabilities) runs through
//! [`run`], so the same file and seed give the same numbers whichever command asks.
//!
//! The runner owns what every batch shares: threading (the current rayon pool), the random
//! streams of each run (run `i` draws from `(seed, i)`, as [`RunRng::for_run`] makes them),
//! and progress (a callback with the runs done so far). What is recorded per run, and how two
//! partial records combine, is the [`Accumulator`]'s business.
//!
//! Runs are cut into chunks of [`CHUNK`]; each worker takes a contiguous block of chunks into
//! its own accumulator (exactly one per thread, so memory is known before a batch starts), and
//! the workers' accumulators are merged in run order. A merge that is associative therefore
//! gives the same result on one thread or a thousand.

use rayon::prelude::*;
use statecraft_model::model::Model;
use statecraft_model::state::State;

use crate::engine::{self, Observer};
use crate::rng::RunRng;

/// Runs per unit of parallel work (and per progress report).
pub const CHUNK: u64 = 256;

/// Which runs of a batch to do: run indices `first..first + count` under `seed` (a shard
/// does a slice of the whole).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Runs {
    pub seed: u64,
    pub first: u64,
    pub count: u64,
}

impl Runs {
    /// Runs `0..count` under `seed`.
    pub fn all(seed: u64, count: u64) -> Runs {
        Runs {
            seed,
            first: 0,
            count,
        }
    }
}

/// What a batch records from each run, and how two partial records merge.
///
/// A batch may run several models side by side (a paired comparison runs two): run `i` of
/// every side draws from the same `(seed, i)` streams, so where the models agree the runs are
/// identical (common random numbers).
pub trait Accumulator: Send + Sized {
    /// What watches a run of one side as it goes (per step, per expectation, per log line).
    type Observer<'a>: Observer
    where
        Self: 'a;
    /// The observer for the run of side `side` (0 for a single model).
    fn observer(&mut self, side: usize) -> Self::Observer<'_>;
    /// Called once every side of run `run` has finished; `finals[side]` is its final state.
    fn record(&mut self, run: u64, finals: &[State]);
    /// Adds `later`, the record of runs that come after this one's.
    fn merge(&mut self, later: Self);
}

/// Runs `runs` of every model in `sides` on the current rayon pool, recording into
/// accumulators made by `empty` and merged in run order; `progress` is called with the runs
/// done so far after each chunk (from any thread).
pub fn run<A: Accumulator>(
    sides: &[&Model],
    runs: Runs,
    progress: &(dyn Fn(u64) + Sync),
    empty: &(dyn Fn() -> A + Sync),
) -> A {
    let chunks = runs.count.div_ceil(CHUNK);
    let workers = (rayon::current_num_threads() as u64).clamp(1, chunks.max(1));
    let done = std::sync::atomic::AtomicU64::new(0);
    let end = runs.first + runs.count;
    let block = |worker: u64| {
        let mut acc = empty();
        let mut states: Vec<State> = sides.iter().map(|m| State::new(m)).collect();
        let mut rngs: Vec<RunRng> = sides
            .iter()
            .map(|m| RunRng::for_run(m, runs.seed, runs.first))
            .collect();
        // Each side's state at the start of a run, copied into the run's state each time.
        let starts: Vec<State> = sides.iter().map(|m| State::new(m)).collect();
        let mut runners: Vec<engine::Runner> =
            sides.iter().map(|m| engine::Runner::new(m)).collect();
        let lasts: Vec<u32> = sides
            .iter()
            .map(|m| m.calendar().len() as u32 - 1)
            .collect();
        // In u128: `chunks × workers` can pass u64::MAX; the quotients never do.
        let bound = |w: u64| (u128::from(chunks) * u128::from(w) / u128::from(workers)) as u64;
        for chunk in bound(worker)..bound(worker + 1) {
            let start = runs.first + chunk * CHUNK;
            let stop = (start + CHUNK).min(end);
            for run in start..stop {
                for side in 0..sides.len() {
                    states[side].reset_to(&starts[side]);
                    rngs[side].reseed(runs.seed, run);
                    runners[side].run(
                        &mut states[side],
                        &mut rngs[side],
                        lasts[side],
                        &mut acc.observer(side),
                    );
                }
                acc.record(run, &states);
            }
            let n =
                done.fetch_add(stop - start, std::sync::atomic::Ordering::Relaxed) + (stop - start);
            progress(n);
        }
        acc
    };
    if workers == 1 {
        return block(0);
    }
    (0..workers)
        .into_par_iter()
        .map(block)
        .reduce_with(|mut a, b| {
            a.merge(b);
            a
        })
        .unwrap_or_else(empty)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::engine::Silent;

    fn model() -> Model {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../scenarios/mechanisms/chance-and-noise.toml");
        let loaded = statecraft_model::load(&path, &[]).expect("scenario loads");
        statecraft_model::compile(&loaded).expect("scenario compiles")
    }

    /// Keeps every run's index and final indicator values, in the order merged: a merge that
    /// is associative but not commutative, so any reordering would show.
    struct Finals(Vec<(u64, Vec<f64>)>);

    impl Accumulator for Finals {
        type Observer<'a> = Silent;
        fn observer(&mut self, _: usize) -> Silent {
            Silent
        }
        fn record(&mut self, run: u64, finals: &[State]) {
            self.0.push((run, finals[0].values.clone()));
        }
        fn merge(&mut self, later: Self) {
            self.0.extend(later.0);
        }
    }

    #[test]
    fn runs_come_back_in_order_with_their_own_streams_on_any_thread_count() {
        let model = model();
        let runs = Runs {
            seed: 7,
            first: 100,
            count: 3 * CHUNK + 17,
        };
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| run(&[&model], runs, &|_| {}, &|| Finals(Vec::new())))
                .0
        };
        let one = on(1);
        let order: Vec<u64> = one.iter().map(|(run, _)| *run).collect();
        assert_eq!(order, (100..100 + 3 * CHUNK + 17).collect::<Vec<_>>());
        // Each run is the run a fresh generator for (seed, run) gives.
        for (run, values) in one.iter().step_by(97) {
            let mut state = State::new(&model);
            let mut rng = RunRng::for_run(&model, 7, *run);
            let last = model.calendar().len() as u32 - 1;
            engine::run(&model, &mut state, &mut rng, last, &mut Silent);
            assert_eq!(&state.values, values, "run {run}");
        }
        for threads in [2, 3, 8] {
            assert_eq!(on(threads), one, "{threads} threads");
        }
    }

    #[test]
    fn progress_reaches_the_run_count() {
        let model = model();
        let seen = std::sync::atomic::AtomicU64::new(0);
        let count = 2 * CHUNK + 5;
        run(
            &[&model],
            Runs::all(0, count),
            &|n| {
                seen.fetch_max(n, std::sync::atomic::Ordering::Relaxed);
            },
            &|| Finals(Vec::new()),
        );
        assert_eq!(seen.into_inner(), count);
    }
}
