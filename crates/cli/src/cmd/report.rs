//! `statecraft report`: parses the arguments, runs the seed-0 run and the batches (with their
//! progress bars) and writes the page that the `statecraft-report` crate makes: one
//! scenario, or with a second file a baseline against a variant.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::Model;
use statecraft_rules::mc::{Batch, CHUNK};
use statecraft_rules::run::run_recorded;
use statecraft_rules::summary::McSummary;

use crate::args::BatchArgs;
use crate::error::CliResult;
use crate::progress::Progress;
use crate::ui::Ui;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft report scenarios/south-caucasus/baseline.toml --out baseline.html\n  statecraft report baseline.toml --runs 10000 --out baseline-mc.html\n  statecraft report baseline.toml hu-drops-balance.toml --runs 2000 --out diff.html"
)]
pub struct ReportArgs {
    /// The scenario file (with VARIANT: the baseline).
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// A variant to compare with FILE on one page, the differences first.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub variant: Option<PathBuf>,
    /// Add Monte Carlo probabilities and quantile bands over this many runs (at least 1).
    #[arg(long, value_parser = crate::args::runs())]
    pub runs: Option<u64>,
    /// With --runs: the probabilities at the end of the step that contains DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "runs", value_parser = crate::args::date())]
    pub at: Option<statecraft_model::calendar::CivilDate>,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Override a value: PATH=VALUE (repeatable); with VARIANT, in the variant only.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Write the page here (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Memory allowed for the quantile bands' histograms with --runs, in MiB over all threads
    /// (docs/limits.md).
    #[arg(long, value_name = "MIB", default_value_t = statecraft_rules::mc::DEFAULT_QUANTILE_MEMORY_MIB)]
    pub quantile_memory: u64,
}

pub fn run(args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    if let Some(variant) = &args.variant {
        return compare(args, variant, out, err, ui);
    }
    let (_, model) = super::load_model(&args.file, &args.sets, err, ui.color_stderr)?;
    let seed = args.batch.seed;
    let run = run_recorded(&model, seed);
    let mc = batch(args, &model, ui)?;
    // Forecasts scored against the observed outcomes after the cut-off: the batch `score`
    // runs (same seed and runs, so the same numbers), on the whole scenario whatever `--at`.
    let score = match args.runs {
        Some(runs) if !model.observed().is_empty() => {
            let pool = crate::progress::thread_pool(args.batch.threads, runs.div_ceil(CHUNK))?;
            let progress = Progress::new(runs, ui.progress && !args.batch.quiet);
            let score = progress.run(&pool, |report| {
                statecraft_rules::score::score(&model, seed, runs, report)
            });
            drop(progress);
            score
        }
        _ => None,
    };
    let html = statecraft_report::page(&statecraft_report::Report {
        model: &model,
        run: &run,
        mc: mc.as_ref(),
        score: score.as_ref(),
    });
    crate::output::emit(&html, args.out.as_deref(), out)
}

/// `report A B`: both runs, both batches and the paired comparison on one page.
fn compare(
    args: &ReportArgs,
    variant: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
    ui: &Ui,
) -> CliResult {
    let (_, a) = super::load_model(&args.file, &[], err, ui.color_stderr)?;
    let (_, b) = super::load_model(variant, &args.sets, err, ui.color_stderr)?;
    let seed = args.batch.seed;
    let (a_run, b_run) = (run_recorded(&a, seed), run_recorded(&b, seed));
    let (a_mc, b_mc) = (batch(args, &a, ui)?, batch(args, &b, ui)?);
    let paired = match args.runs {
        Some(runs) => {
            let (a, b) = (
                super::mc::cut_at(a.clone(), args.at)?,
                super::mc::cut_at(b.clone(), args.at)?,
            );
            let pool = crate::progress::thread_pool(args.batch.threads, runs.div_ceil(CHUNK))?;
            let progress = Progress::new(runs, ui.progress && !args.batch.quiet);
            let mut c = progress.run(&pool, |report| {
                statecraft_rules::paired::compare(&a, &b, seed, runs, report)
            });
            drop(progress);
            c.until = args.at.map(|d| d.to_string());
            Some(c)
        }
        None => None,
    };
    let a_label = args.file.display().to_string();
    let sets: String = args.sets.iter().map(|x| format!(" --set {x}")).collect();
    let b_label = format!("{}{sets}", variant.display());
    let html = statecraft_report::comparison_page(&statecraft_report::Comparison {
        a: &a,
        b: &b,
        a_label: &a_label,
        b_label: &b_label,
        a_run: &a_run,
        b_run: &b_run,
        a_mc: a_mc.as_ref(),
        b_mc: b_mc.as_ref(),
        paired: paired.as_ref(),
    });
    crate::output::emit(&html, args.out.as_deref(), out)
}

/// With `--runs`: the batch of `model` (cut at `--at`), with its quantile histograms.
fn batch(args: &ReportArgs, model: &Model, ui: &Ui) -> CliResult<Option<McSummary>> {
    let Some(runs) = args.runs else {
        return Ok(None);
    };
    let model = &super::mc::cut_at(model.clone(), args.at)?;
    let seed = args.batch.seed;
    let batch = Batch {
        seed,
        first: 0,
        runs,
        histograms: true,
    };
    let progress = Progress::new(runs, ui.progress && !args.batch.quiet);
    let aggregate = super::mc::batch(
        model,
        batch,
        args.batch.threads,
        &progress,
        args.quantile_memory,
    )?;
    drop(progress);
    let mut summary = McSummary::new(model, &aggregate, seed);
    summary.until = args.at.map(|d| d.to_string());
    Ok(Some(summary))
}
