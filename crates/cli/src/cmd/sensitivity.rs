//! `statecraft sensitivity`: which uncertain settings move an outcome's probability most, one
//! at a time (a tornado) and by Morris elementary effects, with common random numbers
//! (`rules::sensitivity`). The text's first line answers "which setting flips this outcome".

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::calendar::CivilDate;
use statecraft_rules::batch::Runs;
use statecraft_rules::fit_partial::SensitivityPartial;
use statecraft_rules::mc::CHUNK;
use statecraft_rules::sensitivity::{DEFAULT_TRAJECTORIES, Plan, Sensitivity, Target};

use super::mc::MergeArgs;
use crate::args::{BatchArgs, Shard};
use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::text as safe;
use crate::ui::Ui;

/// What `sensitivity` prints.
const FORMATS: &[Accepted] = &[(Format::Text, "for people"), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft sensitivity scenarios/mechanisms/uncertain-settings.toml --outcome measure\n  statecraft sensitivity forecast.toml --outcome epf-armenia-2025 --at 2026-01-31 --format json\n\nThe outcome is a proposal (adopted by --at, default the scenario's end), a flag (set at\n--at), or an [[observed]] or [[expect]] item's condition (at its own date unless --at).\nEvery [[uncertain]] setting is moved over its range: one at a time (the others at the\nscenario's values) and along --morris random trajectories; every point uses the same\nrandom streams (common random numbers)."
)]
pub struct SensitivityArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// The outcome: a proposal, flag, observed outcome or expectation id.
    #[arg(long, value_name = "ID")]
    pub outcome: String,
    /// Read the outcome at this date, YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub at: Option<CivilDate>,
    /// Runs per point (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    /// Morris trajectories (0 to 1000; 0: one at a time only).
    #[arg(long, value_name = "R", default_value_t = DEFAULT_TRAJECTORIES, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=1000))]
    pub morris: usize,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Run only shard I of N (I from 1) of the runs at every point and write a partial result
    /// for `statecraft merge`, which prints what `sensitivity` prints unsharded.
    #[arg(long, value_name = "I/N", value_parser = crate::args::shard())]
    pub shard: Option<Shard>,
}

pub fn run(args: &SensitivityArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &[], err, ui.color_stderr)?;
    let target = target(&args.file, &model, &args.outcome, args.at)?;
    let seed = args.batch.seed;
    let plan = Plan::new(&model, args.morris, seed);
    // A shard runs its slice of the runs at every point of the design.
    let slice = Shard::batch(args.shard, seed, args.runs, false);
    let pool = crate::progress::thread_pool(args.batch.threads, slice.runs.div_ceil(CHUNK))?;
    let progress = Progress::new(
        slice.runs.saturating_mul(plan.points.len() as u64),
        ui.progress && !args.batch.quiet,
    );
    let runs = Runs {
        seed,
        first: slice.first,
        count: slice.runs,
    };
    let mut held = Vec::with_capacity(plan.points.len());
    for i in 0..plan.points.len() {
        let sets = plan.settings(&model, i);
        let at = if sets.is_empty() {
            None
        } else {
            Some(super::load_model(&args.file, &sets, err, ui.color_stderr)?.1)
        };
        let m = at.as_ref().unwrap_or(&model);
        held.push(progress.run(&pool, |report| {
            statecraft_rules::sensitivity::held_count(m, &target, runs, report)
        }));
    }
    drop(progress);
    let text = match args.shard {
        Some(Shard { index, count }) => {
            let partial = SensitivityPartial::new(
                &args.file.to_string_lossy(),
                &model,
                (&args.outcome, args.at.map(|d| d.to_string()), args.morris),
                args.runs,
                [index, count],
                slice,
                held,
            );
            serde_json::to_string(&partial).unwrap_or_default() + "\n"
        }
        None => {
            let result = Sensitivity::new(&model, &target, &plan, &held, args.runs, seed);
            render(&result, args.format)
        }
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}

/// The outcome `id` of `model` (in `file`) read at `at`, or the error that says why not.
fn target(
    file: &std::path::Path,
    model: &statecraft_model::Model,
    id: &str,
    at: Option<CivilDate>,
) -> CliResult<Target> {
    let shown = file.display().to_string();
    let file = safe::inert(&shown);
    if model.uncertain().is_empty() {
        return Err(CliError::invalid(format!(
            "{file} declares no uncertain setting ([[uncertain]]): nothing to vary"
        )));
    }
    Target::find(model, id, at).map_err(|why| {
        if why.starts_with("--at") {
            CliError::usage(why)
        } else {
            CliError::invalid(format!("{file}: {}", safe::inert(&why)))
        }
    })
}

/// What `sensitivity` prints, and `merge` of its shards.
fn render(result: &Sensitivity, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(result).unwrap_or_default() + "\n",
        // Text: `FORMATS` admits nothing else.
        _ => statecraft_render::sensitivity::text(result),
    }
}

/// `merge` of the shards of `sensitivity`: adds their counts per point and prints what
/// `sensitivity` prints unsharded, byte for byte.
pub fn merge(
    args: &MergeArgs,
    texts: &[(String, String)],
    out: &mut dyn Write,
    err: &mut dyn Write,
    ui: &Ui,
) -> CliResult {
    let super::mc::FitShards {
        total,
        file,
        model,
        first,
    } = super::mc::merge_fit_shards::<SensitivityPartial>("sensitivity", args, texts, err, ui)?;
    let e = &total.envelope;
    let at = match &total.at {
        Some(a) => Some(
            a.parse::<CivilDate>()
                .map_err(|_| CliError::invalid(format!("{}: `at` is not a date: {a}", first)))?,
        ),
        None => None,
    };
    let target = target(&file, &model, &total.outcome, at)?;
    let plan = Plan::new(&model, total.trajectories, e.seed);
    if plan.points.len() != total.held.len() {
        return Err(CliError::invalid(format!(
            "{}: it counts {} points, but the design of {} has {}",
            first,
            total.held.len(),
            safe::inert(&file.display().to_string()),
            plan.points.len()
        )));
    }
    let result = Sensitivity::new(&model, &target, &plan, &total.held, e.runs_total, e.seed);
    crate::output::emit(&render(&result, args.format), args.out.as_deref(), out)
}
