//! `statecraft calibrate`: fits the settings a scenario declares uncertain to the observed
//! outcomes before its cut-off (importance sampling from the prior over a Latin hypercube of
//! draws, common random numbers: `rules::calibrate`), prints prior and posterior per setting
//! and the Brier scores before and after, and can write the fitted values as a variant.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use clap::Args;
use statecraft_model::Model;
use statecraft_rules::batch::Runs;
use statecraft_rules::calibrate::{Calibration, Fit, Plan, fitted_to};
use statecraft_rules::fit_partial::CalibratePartial;
use statecraft_rules::grid::MAX_POINTS;
use statecraft_rules::likelihood::Tally;
use statecraft_rules::mc::CHUNK;

use super::mc::MergeArgs;
use crate::args::{BatchArgs, Shard};
use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::text as safe;
use crate::ui::Ui;

/// What `calibrate` prints.
const FORMATS: &[Accepted] = &[(Format::Text, "for people"), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft calibrate scenarios/mechanisms/uncertain-settings.toml --runs 400 --draws 64\n  statecraft calibrate forecast.toml --out forecast-calibrated.toml\n\nFits the [[uncertain]] settings to the [[observed]] outcomes dated on or before the cut-off\n(all of them without one): K draws from the prior (a Latin hypercube from the seed), N runs\nat each with the same random streams, each draw weighted by the joint likelihood of what\nwas observed. A setting no fitted outcome reads (none moves between the ends of its range)\nis NOT READ and keeps its value; one whose posterior sd stays above 0.9 of the prior's is\nNOT IDENTIFIED alone. The fit sets every setting read at its posterior mean.\n\nExit status: 0 fitted, 1 the scenario is invalid, declares nothing uncertain or has no\nobserved outcome to fit."
)]
pub struct CalibrateArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Runs per draw (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    /// Draws from the prior (1 to 10000).
    #[arg(long, default_value_t = 100, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_POINTS as u64))]
    pub draws: usize,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Write the fitted values as a variant that extends FILE (the settings the outcomes read
    /// at their posterior means, the others at the scenario's values); with --shard, the
    /// partial result goes there instead.
    #[arg(long, value_name = "VARIANT.toml", value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Run only shard I of N (I from 1) of the runs at every draw and write a partial result
    /// for `statecraft merge`, which fits and prints what `calibrate` prints unsharded.
    #[arg(long, value_name = "I/N", value_parser = crate::args::shard())]
    pub shard: Option<Shard>,
}

/// The tally of `runs` of `model` (fitted outcomes `fitted`), on `pool` with the bar.
fn tally(
    model: &Model,
    fitted: &[usize],
    runs: Runs,
    pool: &rayon::ThreadPool,
    progress: &Progress,
) -> Tally {
    progress.run(pool, |report| {
        statecraft_rules::likelihood::tally(model, fitted, runs, report)
    })
}

pub fn run(args: &CalibrateArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &[], err, ui.color_stderr)?;
    let seed = args.batch.seed;
    let plan = Plan::new(&model, args.draws, seed).map_err(|why| {
        CliError::invalid(format!(
            "{} {why}",
            safe::inert(&args.file.display().to_string())
        ))
    })?;
    // A shard runs its slice of the runs at the scenario's values and at every draw; the
    // fitted values are known only once every shard is in, so `merge` runs them.
    let slice = Shard::batch(args.shard, seed, args.runs, false);
    let pool = crate::progress::thread_pool(args.batch.threads, slice.runs.div_ceil(CHUNK))?;
    let ends = 2 * model.uncertain().len();
    let points = (1 + ends + plan.draws.len()) as u64 + u64::from(args.shard.is_none());
    let progress = Progress::new(
        slice.runs.saturating_mul(points),
        ui.progress && !args.batch.quiet,
    );
    let runs = Runs {
        seed,
        first: slice.first,
        count: slice.runs,
    };
    let fitted = fitted_to(&model);
    // The scenario's values, each parameter at its ends (what the outcomes read), the draws.
    let mut tallies = vec![tally(&model, &fitted, runs, &pool, &progress)];
    for e in 0..ends {
        let (_, at) = super::load_model(
            &args.file,
            &Plan::end_setting(&model, e),
            err,
            ui.color_stderr,
        )?;
        tallies.push(tally(&at, &fitted, runs, &pool, &progress));
    }
    for d in 0..plan.draws.len() {
        let (_, at) =
            super::load_model(&args.file, &plan.settings(&model, d), err, ui.color_stderr)?;
        tallies.push(tally(&at, &fitted, runs, &pool, &progress));
    }
    if let Some(Shard { index, count }) = args.shard {
        drop(progress);
        let partial = CalibratePartial::new(
            &args.file.to_string_lossy(),
            &model,
            (args.draws, args.runs),
            [index, count],
            slice,
            tallies,
        );
        let text = serde_json::to_string(&partial).unwrap_or_default() + "\n";
        return crate::output::emit(&text, args.out.as_deref(), out);
    }
    let calibration = fit(
        &args.file,
        (&model, &plan),
        &tallies,
        (args.runs, seed),
        (&pool, &progress),
        err,
        ui,
    )?;
    drop(progress);
    if let Some(path) = &args.out {
        let variant = variant(&args.file, path, &model, &calibration)?;
        crate::output::emit(&variant, Some(path), out)?;
    }
    crate::output::emit(&render(&args.file, &calibration, args.format), None, out)
}

/// The calibration from the tallies (`[0]` at the scenario's values, then one per end of
/// each parameter's range, then one per draw of `plan`, each of `runs` runs under `seed`):
/// the fit, then a batch at the fitted values.
fn fit(
    file: &Path,
    (model, plan): (&Model, &Plan),
    tallies: &[Tally],
    (runs, seed): (u64, u64),
    (pool, progress): (&rayon::ThreadPool, &Progress),
    err: &mut dyn Write,
    ui: &Ui,
) -> CliResult<Calibration> {
    let ends = 2 * model.uncertain().len();
    if tallies.len() != 1 + ends + plan.draws.len() {
        return Err(CliError::invalid(format!(
            "{} tallies where {} parameters and {} draws need {}",
            tallies.len(),
            model.uncertain().len(),
            plan.draws.len(),
            1 + ends + plan.draws.len()
        )));
    }
    let fit = Fit::new(
        model,
        &tallies[0],
        &tallies[1..=ends],
        &tallies[1 + ends..],
        runs,
    );
    let settings = fit.settings(model, plan);
    let (_, fitted_model) = super::load_model(file, &settings, err, ui.color_stderr)?;
    let at_fit = tally(
        &fitted_model,
        &fitted_to(model),
        Runs::all(seed, runs),
        pool,
        progress,
    );
    Ok(Calibration::new(
        model,
        plan,
        &fit,
        &tallies[0].held,
        &at_fit.held,
        runs,
        seed,
    ))
}

/// What `calibrate` prints, and `merge` of its shards.
fn render(file: &Path, calibration: &Calibration, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(calibration).unwrap_or_default() + "\n",
        // Text: `FORMATS` admits nothing else.
        _ => statecraft_render::calibrate::text(&file.display().to_string(), calibration),
    }
}

/// `merge` of the shards of `calibrate`: adds their tallies, fits, runs the fitted values
/// (one batch of every run, as the unsharded command does) and prints what `calibrate`
/// prints unsharded, byte for byte.
pub fn merge(
    args: &MergeArgs,
    texts: &[(String, String)],
    out: &mut dyn Write,
    err: &mut dyn Write,
    ui: &Ui,
) -> CliResult {
    let super::mc::FitShards {
        total, file, model, ..
    } = super::mc::merge_fit_shards::<CalibratePartial>("calibrate", args, texts, err, ui)?;
    let e = &total.envelope;
    let plan = Plan::new(&model, total.draws, e.seed).map_err(|why| {
        CliError::invalid(format!(
            "{} {why}",
            safe::inert(&file.display().to_string())
        ))
    })?;
    let pool = crate::progress::thread_pool(None, e.runs_total.div_ceil(CHUNK))?;
    let progress = Progress::new(e.runs_total, ui.progress);
    let calibration = fit(
        &file,
        (&model, &plan),
        &total.tallies,
        (e.runs_total, e.seed),
        (&pool, &progress),
        err,
        ui,
    )?;
    drop(progress);
    if let Some(path) = &args.variant {
        let variant = variant(&file, path, &model, &calibration)?;
        crate::output::emit(&variant, Some(path), out)?;
    }
    crate::output::emit(
        &render(&file, &calibration, args.format),
        args.out.as_deref(),
        out,
    )
}

/// The variant file that sets each parameter to its fitted value, extending `file`
/// (written relative to the variant's folder).
fn variant(file: &Path, out: &Path, model: &Model, c: &Calibration) -> CliResult<String> {
    let extends = relative(file, out)?;
    Ok(statecraft_render::calibrate::variant(
        &file.display().to_string(),
        &extends,
        model,
        c,
    ))
}

/// `target`'s path from the folder of `from` (both made absolute), with `/` separators.
fn relative(target: &Path, from: &Path) -> CliResult<String> {
    let absolute = |p: &Path| -> CliResult<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| CliError::invalid(format!("cannot read the current folder: {e}")))?
                .join(p)
        };
        // Lexically normalised: `..` and `.` resolved without touching the file system.
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        Ok(out)
    };
    let target = absolute(target)?;
    let dir = absolute(from)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (t, d): (Vec<_>, Vec<_>) = (target.components().collect(), dir.components().collect());
    let common = t.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); d.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(parts.join("/"))
}
