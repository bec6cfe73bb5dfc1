//! `statecraft score`: how well a scenario forecast what happened. For each observed outcome
//! after the cut-off, the share of runs in which it held, scored against the outcome (Brier
//! and log scores), then the means, two reference scores and a calibration table; with several
//! files, one table each and a ranking by Brier score.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::Model;
use statecraft_rules::batch::Runs;
use statecraft_rules::mc::CHUNK;
use statecraft_rules::score::{Score, held_counts};
use statecraft_rules::score_partial::ScorePartial;

use crate::args::{BatchArgs, Shard};
use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::text as safe;
use crate::ui::Ui;

/// What `score` prints.
const FORMATS: &[Accepted] = &[(Format::Text, "for people"), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft score scenarios/south-caucasus/forecast-2025-05.toml --runs 2000\n  statecraft score forecast.toml hindcast.toml --format json\n  statecraft score forecast.toml --runs 100000 --shard 2/4 --out score-2.json\n\nScores the observed outcomes ([[observed]], usually in a seed file) dated after the cut-off\n(all of them without one). Brier: (p - o)^2, 0 is perfect, always answering 50% scores 0.25.\nLog score: ln p if it happened, ln(1 - p) if not, p clipped to [1/(2N), 1 - 1/(2N)].\n\nExit status: 0 scored, 1 a scenario is invalid or has no observed outcome after its cut-off."
)]
pub struct ScoreArgs {
    /// Scenario files (one table each, then a ranking by Brier score).
    #[arg(required = true, value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<PathBuf>,
    /// Runs per scenario (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Override a value in every scenario: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// The information cut-off, YYYY-MM-DD (wins over the scenario's `as_of`).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub as_of: Option<statecraft_model::calendar::CivilDate>,
    /// Run only shard I of N (I from 1) and write a partial result for `statecraft merge`,
    /// which prints what `score` prints unsharded.
    #[arg(long, value_name = "I/N", value_parser = crate::args::shard())]
    pub shard: Option<Shard>,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &ScoreArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let seed = args.batch.seed;
    // A shard runs its slice of the batch of every file; unsharded, all of it.
    let plan = Shard::batch(args.shard, seed, args.runs, false);
    let progress = Progress::new(
        plan.runs.saturating_mul(args.files.len() as u64),
        ui.progress && !args.batch.quiet,
    );
    let pool = crate::progress::thread_pool(args.batch.threads, plan.runs.div_ceil(CHUNK))?;
    let sets = crate::args::with_as_of(&args.sets, args.as_of);
    let mut counted = Vec::new();
    for (i, file) in args.files.iter().enumerate() {
        let (_, model) = super::load_model(file, &sets, err, ui.color_stderr)?;
        let name = file.display().to_string();
        // Refuse a file with nothing to score before running it.
        score_of(
            &name,
            &model,
            &vec![0; model.observed().len()],
            plan.runs,
            seed,
        )?;
        let done = i as u64 * plan.runs;
        let runs = Runs {
            seed,
            first: plan.first,
            count: plan.runs,
        };
        let held = progress.run(&pool, |report| {
            held_counts(&model, runs, &|n| report(done + n))
        });
        counted.push((name, model, held));
    }
    drop(progress);
    let text = match args.shard {
        Some(Shard { index, count }) => {
            let files: Vec<_> = (counted.iter())
                .map(|(name, model, held)| (name.clone(), model, held.clone()))
                .collect();
            let partial = ScorePartial::new(&sets, args.runs, (index, count), plan, &files);
            serde_json::to_string(&partial).unwrap_or_default() + "\n"
        }
        None => {
            let mut scores = Vec::new();
            for (name, model, held) in &counted {
                scores.push((name.clone(), score_of(name, model, held, args.runs, seed)?));
            }
            render(&scores, args.format)
        }
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}

/// The score of `model` from `held` (of `runs` runs under `seed`), or the error of a file
/// with no observed outcome after its cut-off.
pub fn score_of(file: &str, model: &Model, held: &[u64], runs: u64, seed: u64) -> CliResult<Score> {
    Score::from_counts(model, held, runs, seed).ok_or_else(|| {
        let what = if model.observed().is_empty() {
            "has no observed outcomes ([[observed]])".to_owned()
        } else {
            format!(
                "has no observed outcome after its cut-off ({} on or before it)",
                model.observed().len()
            )
        };
        CliError::invalid(format!("{} {what}: nothing to score", safe::inert(file)))
    })
}

/// Scores of one or more files (each with its name as given) in `format`: what `score`
/// prints, and `merge` of its shards.
pub fn render(scores: &[(String, Score)], format: Format) -> String {
    match format {
        Format::Json => statecraft_render::score::json(scores),
        // Text: `FORMATS` admits nothing else.
        _ => statecraft_render::score::text(scores),
    }
}
