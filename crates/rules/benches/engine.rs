//! Benchmarks of the hot paths: loading the baseline, one run, a 10,000-run batch, and the
//! synthetic scenario at ×1, ×10, ×100 to show that cost grows linearly.
//!
//! `cargo bench -p statecraft-rules`. Figures go in issue notes as medians and ratios; CI
//! only checks that the benches compile. Wall-clock medians move with the load of a shared
//! machine: `scripts/callgrind-mc` counts instructions per run, the figure that does not.

mod synthetic;

use std::path::{Path, PathBuf};

use statecraft_model::Model;
use statecraft_model::state::State;
use statecraft_rules::engine::{Runner, Silent};
use statecraft_rules::mc::{Batch, run_batch};
use statecraft_rules::rng::RunRng;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn baseline_path() -> PathBuf {
    root().join("scenarios/south-caucasus/baseline.toml")
}

fn compile_file(path: &Path) -> Model {
    let loaded = statecraft_model::load(path, &[]).expect("scenario loads");
    statecraft_model::compile(&loaded).expect("scenario compiles")
}

fn synthetic_model(scale: usize) -> Model {
    let csv = root().join("seeds/eu27-council-population-2025.csv");
    let text = synthetic::scenario(scale, &csv.to_string_lossy());
    let loaded = statecraft_model::load_str("synthetic.toml", &text, &[]).expect("synthetic loads");
    statecraft_model::compile(&loaded).expect("synthetic compiles")
}

/// One run as a batch does it: the runner (vote plans, buffers) is made once, outside.
fn one_run(runner: &mut Runner, model: &Model, state: &mut State, run: u64) {
    state.reset(model);
    let mut rng = RunRng::for_run(model, 0, run);
    runner.run(state, &mut rng, u32::MAX, &mut Silent);
}

#[divan::bench]
fn load_and_compile_baseline() -> Model {
    compile_file(&baseline_path())
}

#[divan::bench]
fn baseline_one_run(bencher: divan::Bencher) {
    let model = compile_file(&baseline_path());
    let mut state = State::new(&model);
    let mut runner = Runner::new(&model);
    let mut run = 0;
    bencher.bench_local(|| {
        run += 1;
        one_run(&mut runner, &model, &mut state, run);
    });
}

/// A 10,000-run batch on 1 and 2 threads: the ratio is the parallel efficiency.
#[divan::bench(sample_count = 10, args = [1, 2])]
fn baseline_batch_10k(bencher: divan::Bencher, threads: usize) {
    let model = compile_file(&baseline_path());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let batch = Batch {
        seed: 0,
        first: 0,
        runs: 10_000,
        histograms: true,
    };
    bencher.bench_local(|| pool.install(|| run_batch(&model, batch, &|_| {})));
}

/// The same batch without quantile histograms (`mc --no-quantiles`), on one thread.
#[divan::bench(sample_count = 10)]
fn baseline_batch_10k_no_quantiles(bencher: divan::Bencher) {
    let model = compile_file(&baseline_path());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let batch = Batch {
        seed: 0,
        first: 0,
        runs: 10_000,
        histograms: false,
    };
    bencher.bench_local(|| pool.install(|| run_batch(&model, batch, &|_| {})));
}

#[divan::bench(args = [1, 10, 100])]
fn synthetic_one_run(bencher: divan::Bencher, scale: usize) {
    let model = synthetic_model(scale);
    let mut state = State::new(&model);
    let mut runner = Runner::new(&model);
    let mut run = 0;
    bencher.bench_local(|| {
        run += 1;
        one_run(&mut runner, &model, &mut state, run);
    });
}
