//! `statecraft sweep`: a grid of parameter values × Monte Carlo runs, one row per point, like
//! NetLogo's BehaviorSpace.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_rules::grid::Axis;
use statecraft_rules::mc::Batch;
use statecraft_rules::summary::{Sweep, SweepPoint};

use crate::args::BatchArgs;
use crate::error::CliResult;
use crate::format::{Accepted, Format};
use crate::hiargs;
use crate::progress::Progress;
use crate::ui::Ui;

/// What `sweep` prints (listed without descriptions in `--help`).
const FORMATS: &[Accepted] = &[(Format::Csv, ""), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft sweep baseline.toml --vary policy.hu-balance-2025.ratio=0.25..1:0.25 --runs 2000\n  statecraft sweep baseline.toml --vary event.peace-signed.chance=0.01,0.05,0.1 --format json\n\nEach --vary is PATH=FROM..TO:STEP (numbers) or PATH=V1,V2,... (any values); the grid is\nevery combination (give --vary twice for a two-way grid). Every point uses the same seeds\n(common random numbers)."
)]
pub struct SweepArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// A parameter and its values: PATH=FROM..TO:STEP or PATH=V1,V2,... (repeatable).
    #[arg(long, required = true, value_name = "PATH=VALUES", value_parser = crate::args::axis())]
    pub vary: Vec<Axis>,
    /// Runs per point (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Fixed overrides applied at every point: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Output format: one row per point.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "csv")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

pub fn run(sweep: &hiargs::Sweep, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (args, grid) = (&sweep.args, &sweep.grid);
    let total = grid.len();
    let mut rows: Vec<SweepPoint> = Vec::with_capacity(total);
    let seed = args.batch.seed;
    // One bar over every point's runs.
    let progress = Progress::new(
        args.runs.saturating_mul(total as u64),
        ui.progress && !args.batch.quiet,
    );
    for index in 0..total {
        let point = grid.point(index);
        let mut sets = args.sets.clone();
        sets.extend(point.iter().map(|(path, v)| format!("{path}={v}")));
        let (_, model) = super::load_model(&args.file, &sets, err, ui.color_stderr)?;
        let batch = Batch {
            seed,
            first: 0,
            runs: args.runs,
            histograms: false,
        };
        // No histograms, so no quantile memory to budget.
        let aggregate = super::mc::batch(&model, batch, args.batch.threads, &progress, u64::MAX)?;
        rows.push(SweepPoint::new(&model, &aggregate, point));
    }
    drop(progress);
    let text = match args.format {
        Format::Json => {
            let sweep = Sweep {
                scenario: args.file.to_string_lossy().into_owned(),
                seed,
                runs: args.runs,
                version: env!("CARGO_PKG_VERSION"),
                points: rows,
            };
            serde_json::to_string_pretty(&sweep).unwrap_or_default() + "\n"
        }
        // CSV: `FORMATS` admits nothing else.
        _ => statecraft_render::sweep::csv(grid.axes(), &rows),
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}
