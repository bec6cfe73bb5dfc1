//! `statecraft mc`: a Monte Carlo batch, or one shard of it; and `statecraft merge`, which adds
//! shards back into the batch's exact result.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::Model;
use statecraft_rules::fit_partial::{FitPartial, merge_fit_partials};
use statecraft_rules::mc::{
    Aggregate, Batch, CHUNK, DEFAULT_QUANTILE_MEMORY_MIB, QuantileMemory, run_batch,
};
use statecraft_rules::partial::{Partial, PartialKind, kind_of, merge_partials};
use statecraft_rules::score_partial::{ScorePartial, check_model, merge_score_partials};
use statecraft_rules::summary::McSummary;

use crate::args::{BatchArgs, Shard};
use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::hiargs::Mc;
use crate::progress::Progress;
use crate::ui::Ui;

/// What `mc` and `merge` print.
const FORMATS: &[Accepted] = &[
    (Format::Text, "Tables of probabilities and quantiles"),
    (Format::Json, "The documented JSON (README)"),
    (
        Format::Csv,
        "One row per number: section,id,key,date,value,lo,hi (a share of runs with its interval, \
         or an indicator quantile)",
    ),
];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft mc scenarios/south-caucasus/baseline.toml --runs 10000\n  statecraft mc baseline.toml --runs 100000 --seed 7 --format json --out mc.json\n  statecraft mc baseline.toml --runs 1000000 --shard 3/10 --out part-3.json\n\nWith --shard I/N each shard writes a partial result; `statecraft merge part-*.json` adds\nthem up. The result for a seed is the same whatever --threads is, and the same sharded or not."
)]
pub struct McArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Number of runs (at least 1).
    #[arg(long, default_value_t = 10_000, value_parser = crate::args::runs())]
    pub runs: u64,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Override a value: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Summarise at the end of the step that contains DATE (YYYY-MM-DD): proposals adopted
    /// by then, statuses, flags and indicators then.
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub at: Option<statecraft_model::calendar::CivilDate>,
    /// The information cut-off, YYYY-MM-DD (wins over the scenario's `as_of`).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub as_of: Option<statecraft_model::calendar::CivilDate>,
    /// Run only shard I of N (I from 1) and write a partial result for `statecraft merge`.
    #[arg(long, value_name = "I/N", value_parser = crate::args::shard())]
    pub shard: Option<Shard>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Skip the per-step indicator histograms (no quantiles in the output); about a third
    /// faster on the baseline.
    #[arg(long)]
    pub no_quantiles: bool,
    /// Memory allowed for the quantile histograms, in MiB over all threads (docs/limits.md).
    #[arg(long, value_name = "MIB", default_value_t = DEFAULT_QUANTILE_MEMORY_MIB)]
    pub quantile_memory: u64,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft merge part-1.json part-2.json part-3.json --format json\n  statecraft merge score-1.json score-2.json\n  statecraft merge calibrate-1.json calibrate-2.json\n\nEvery partial must come from the same command (mc, score, calibrate or sensitivity), scenario\n(same hash), seed and run count; together they must cover every shard exactly once. Merged\nshards of `score`, `calibrate` and `sensitivity` print what the command prints unsharded\n(`calibrate`'s merge runs the batch at the fitted values itself)."
)]
pub struct MergeArgs {
    /// Partial results written by `statecraft mc|score|calibrate|sensitivity --shard`.
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    pub partials: Vec<PathBuf>,
    /// The scenario, if it has moved since the shards ran (default: the path they recorded).
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub scenario: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output, so an interrupted merge
    /// leaves no half-written result.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Shards of `calibrate`: also write the fitted values as a variant, as `calibrate
    /// --out` does unsharded.
    #[arg(long, value_name = "VARIANT.toml", value_hint = clap::ValueHint::FilePath)]
    pub variant: Option<PathBuf>,
}

/// Runs a batch on `threads` threads (bounded by the batch's chunks of work), reporting to
/// `progress`; refuses, before any work, a batch whose quantile histograms would need more
/// than `quantile_memory_mib`.
pub fn batch(
    model: &Model,
    batch: Batch,
    threads: Option<usize>,
    progress: &Progress,
    quantile_memory_mib: u64,
) -> CliResult<Aggregate> {
    let pool = crate::progress::thread_pool(threads, batch.runs.div_ceil(CHUNK))?;
    if batch.histograms {
        let need = QuantileMemory::of(model, pool.current_num_threads());
        if !need.fits(quantile_memory_mib) {
            return Err(CliError::invalid(format!(
                "the quantiles of this scenario would need {need}, more than the budget of \
                 {quantile_memory_mib} MiB: leave them out with --no-quantiles (mc), raise the \
                 budget with --quantile-memory MIB, or use fewer --threads"
            )));
        }
    }
    Ok(progress.run(&pool, |report| run_batch(model, batch, report)))
}

pub fn run(mc: &Mc, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (args, plan) = (&mc.args, mc.plan);
    let sets = crate::args::with_as_of(&args.sets, args.as_of);
    let (_, model) = super::load_model(&args.file, &sets, err, ui.color_stderr)?;
    let model = cut_at(model, args.at)?;
    let until = args.at.map(|d| d.to_string());
    let seed = args.batch.seed;
    let progress = Progress::new(plan.runs, ui.progress && !args.batch.quiet);
    let aggregate = batch(
        &model,
        plan,
        args.batch.threads,
        &progress,
        args.quantile_memory,
    )?;
    drop(progress);
    let text = match args.shard {
        Some(Shard { index, count }) => {
            let mut partial = Partial::new(
                &model,
                &args.file.to_string_lossy(),
                &sets,
                args.runs,
                (index, count),
                plan,
                aggregate,
            );
            partial.until = until;
            serde_json::to_string(&partial).unwrap_or_default() + "\n"
        }
        None => render(&model, &aggregate, seed, until.as_deref(), args.format),
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}

/// Largest partial result `merge` reads: far above what a scenario within the format's
/// limits produces (a 36-step baseline's partial is about 330 KB), yet bounded.
const MAX_PARTIAL_BYTES: u64 = 256 * 1024 * 1024;

pub fn merge(args: &MergeArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let mut texts: Vec<(String, PartialKind, String)> = Vec::new();
    for path in &args.partials {
        let name = path.display().to_string();
        let text = statecraft_model::load::files::read_text_limited(path, MAX_PARTIAL_BYTES)
            .map_err(|e| CliError::invalid(format!("{name}: {e}")))?;
        let kind = kind_of(&text).map_err(|e| CliError::invalid(format!("{name}: {e}")))?;
        if let Some((first, first_kind, _)) = texts.first()
            && *first_kind != kind
        {
            return Err(CliError::invalid(format!(
                "{name}: a partial of `{}`, but {first} is one of `{}`: shards of different \
                 commands do not merge",
                kind.command(),
                first_kind.command()
            )));
        }
        texts.push((name, kind, text));
    }
    let plain = || -> Vec<(String, String)> {
        (texts.iter())
            .map(|(name, _, text)| (name.clone(), text.clone()))
            .collect()
    };
    match texts[0].1 {
        PartialKind::Score | PartialKind::Sensitivity if args.variant.is_some() => {
            return Err(CliError::usage(
                "--variant writes the fitted values of `calibrate` shards, not of these",
            ));
        }
        PartialKind::Score => return merge_scores(args, &texts, out, err, ui),
        PartialKind::Calibrate => return super::calibrate::merge(args, &plain(), out, err, ui),
        PartialKind::Sensitivity => {
            return super::sensitivity::merge(args, &plain(), out, err, ui);
        }
        PartialKind::Mc => {}
    }
    if args.variant.is_some() {
        return Err(CliError::usage(
            "--variant writes the fitted values of `calibrate` shards; these are shards of `mc`",
        ));
    }
    let mut parts = Vec::new();
    for (name, _, text) in texts {
        let partial =
            Partial::parse(&text).map_err(|e| CliError::invalid(format!("{name}: {e}")))?;
        parts.push((name, partial));
    }
    let first = &parts[0].1;
    let scenario = args
        .scenario
        .clone()
        .unwrap_or_else(|| PathBuf::from(&first.scenario));
    let (_, model) = super::load_model(&scenario, &first.sets, err, ui.color_stderr)?;
    let until = first.until.clone();
    let at = match &until {
        Some(u) => Some(
            u.parse::<statecraft_model::calendar::CivilDate>()
                .map_err(|_| {
                    CliError::invalid(format!("{}: `until` is not a date: {u}", parts[0].0))
                })?,
        ),
        None => None,
    };
    let model = cut_at(model, at)?;
    let seed = first.seed;
    let total = merge_partials(&model, &parts).map_err(|e| CliError::invalid(e.to_string()))?;
    crate::output::emit(
        &render(&model, &total, seed, until.as_deref(), args.format),
        args.out.as_deref(),
        out,
    )
}

/// The shards of `command` (each its file name and text) parsed by `parse`, for a merge
/// that prints text or JSON, as the command itself does.
fn parse_shards<'a, P, E: std::fmt::Display>(
    command: &str,
    format: Format,
    texts: impl Iterator<Item = (&'a String, &'a String)>,
    parse: impl Fn(&str) -> Result<P, E>,
) -> CliResult<Vec<(String, P)>> {
    if !matches!(format, Format::Text | Format::Json) {
        return Err(CliError::usage(format!(
            "the shards of `{command}` merge into text or json (--format text|json)"
        )));
    }
    texts
        .map(|(name, text)| {
            let partial = parse(text).map_err(|e| CliError::invalid(format!("{name}: {e}")))?;
            Ok((name.clone(), partial))
        })
        .collect()
}

/// The merged shards of `calibrate` or `sensitivity`, with the scenario they ran and the
/// first shard's file name (for messages).
pub struct FitShards<P> {
    pub total: P,
    pub file: PathBuf,
    pub model: Model,
    pub first: String,
}

/// The shards of `command` (`calibrate` or `sensitivity`) checked and added, and the scenario
/// they ran, loaded again (from `--scenario`, or the path they name) and checked against them.
pub fn merge_fit_shards<P: FitPartial + Clone>(
    command: &str,
    args: &MergeArgs,
    texts: &[(String, String)],
    err: &mut dyn Write,
    ui: &Ui,
) -> CliResult<FitShards<P>> {
    let parts = parse_shards(
        command,
        args.format,
        texts.iter().map(|(name, text)| (name, text)),
        P::parse,
    )?;
    let total = merge_fit_partials(&parts).map_err(|e| CliError::invalid(e.to_string()))?;
    let file = (args.scenario.clone()).unwrap_or_else(|| PathBuf::from(&total.envelope().scenario));
    let (_, model) = super::load_model(&file, &[], err, ui.color_stderr)?;
    let first = parts[0].0.clone();
    (total.check_model(&model)).map_err(|why| CliError::invalid(format!("{first}: {why}")))?;
    Ok(FitShards {
        total,
        file,
        model,
        first,
    })
}

/// `merge` of the shards of `score`: prints what `score` prints unsharded, byte for byte.
fn merge_scores(
    args: &MergeArgs,
    texts: &[(String, PartialKind, String)],
    out: &mut dyn Write,
    err: &mut dyn Write,
    ui: &Ui,
) -> CliResult {
    let parts = parse_shards(
        "score",
        args.format,
        texts.iter().map(|(name, _, text)| (name, text)),
        ScorePartial::parse,
    )?;
    let held = merge_score_partials(&parts).map_err(|e| CliError::invalid(e.to_string()))?;
    let (first_name, first) = &parts[0];
    if args.scenario.is_some() && first.files.len() != 1 {
        return Err(CliError::usage(format!(
            "--scenario names one file, but the shards scored {}",
            first.files.len()
        )));
    }
    let mut scores = Vec::new();
    for (file, held) in first.files.iter().zip(&held) {
        let path = args
            .scenario
            .clone()
            .unwrap_or_else(|| PathBuf::from(&file.scenario));
        let (_, model) = super::load_model(&path, &first.sets, err, ui.color_stderr)?;
        check_model(&model, file).map_err(|e| CliError::invalid(format!("{first_name}: {e}")))?;
        let name = path.display().to_string();
        let score = super::score::score_of(&name, &model, held, first.runs_total, first.seed)?;
        scores.push((name, score));
    }
    crate::output::emit(
        &super::score::render(&scores, args.format),
        args.out.as_deref(),
        out,
    )
}

/// `model` cut after the step that contains `at` (`--at`), or whole; a date outside the
/// scenario is a usage error that names the flag and the scenario's dates.
pub fn cut_at(model: Model, at: Option<statecraft_model::calendar::CivilDate>) -> CliResult<Model> {
    let Some(date) = at else { return Ok(model) };
    model.cut_at(date).ok_or_else(|| {
        let c = model.calendar();
        CliError::usage(format!(
            "--at {date} is outside the scenario ({} to {})",
            c.start, c.end
        ))
    })
}

/// The aggregate in the chosen format; `until`, the `--at` date it was cut at.
pub fn render(
    model: &Model,
    aggregate: &Aggregate,
    seed: u64,
    until: Option<&str>,
    format: Format,
) -> String {
    let mut summary = McSummary::new(model, aggregate, seed);
    summary.until = until.map(str::to_owned);
    match format {
        Format::Json => serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n",
        Format::Csv => statecraft_render::mc::csv(&summary),
        // Text: `FORMATS` admits nothing else.
        _ => {
            let cut_off = summary.as_of.as_deref().map_or_else(String::new, |d| {
                crate::text::cut_off_line(d, summary.left_out.as_deref().unwrap_or(&[]))
            });
            cut_off + &crate::text::inert(&statecraft_render::mc::text(model, &summary))
        }
    }
}
