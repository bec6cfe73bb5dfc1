//! `statecraft score`: how well a scenario forecast what happened. For each observed outcome
//! after the cut-off, the share of runs in which it held, scored against the outcome (Brier
//! and log scores), then the means, two reference scores and a calibration table; with several
//! files, one table each and a ranking by Brier score.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;
use statecraft_model::Model;
use statecraft_rules::batch::Runs;
use statecraft_rules::mc::{Batch, CHUNK};
use statecraft_rules::percent::Percent;
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

/// Several files' scores, as `--format json` prints them.
#[derive(Serialize)]
struct Comparison<'a> {
    scores: Vec<Scored<'a>>,
    /// File indices ranked by mean Brier score, best first (ties keep file order).
    ranking: Vec<Ranked<'a>>,
}

#[derive(Serialize)]
struct Scored<'a> {
    file: String,
    #[serde(flatten)]
    score: &'a Score,
}

#[derive(Serialize)]
struct Ranked<'a> {
    file: String,
    scenario: &'a str,
    brier: f64,
    log_score: f64,
    n: usize,
}

pub fn run(args: &ScoreArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let seed = args.batch.seed;
    // A shard runs its slice of the batch of every file; unsharded, all of it.
    let plan = match args.shard {
        Some(Shard { index, count }) => Batch::shard(seed, args.runs, index - 1, count, false),
        None => Batch {
            seed,
            first: 0,
            runs: args.runs,
            histograms: false,
        },
    };
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
    let mut ranking: Vec<usize> = (0..scores.len()).collect();
    ranking.sort_by(|&a, &b| scores[a].1.brier.total_cmp(&scores[b].1.brier));
    match format {
        Format::Json if scores.len() == 1 => {
            serde_json::to_string_pretty(&scores[0].1).unwrap_or_default() + "\n"
        }
        Format::Json => {
            let comparison = Comparison {
                scores: scores
                    .iter()
                    .map(|(file, score)| Scored {
                        file: file.clone(),
                        score,
                    })
                    .collect(),
                ranking: ranking
                    .iter()
                    .map(|&i| {
                        let (file, s) = &scores[i];
                        Ranked {
                            file: file.clone(),
                            scenario: &s.scenario,
                            brier: s.brier,
                            log_score: s.log_score,
                            n: s.n,
                        }
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&comparison).unwrap_or_default() + "\n"
        }
        // Text: `FORMATS` admits nothing else.
        _ => {
            let mut text = String::new();
            for (file, score) in scores {
                text.push_str(&table(file, score));
            }
            if scores.len() > 1 {
                text.push_str("\nranked by mean Brier score (lower is better):\n");
                for (rank, &i) in ranking.iter().enumerate() {
                    let (file, s) = &scores[i];
                    text.push_str(&format!(
                        "  {}. {:.3}  log {:.3}  n {}  {}\n",
                        rank + 1,
                        s.brier,
                        s.log_score,
                        s.n,
                        safe::inert(file)
                    ));
                }
            }
            text
        }
    }
}

/// One scenario's scores, for people.
fn table(file: &str, s: &Score) -> String {
    let mut t = format!(
        "{} ({})  {} runs, seed {}, scenario {}\n",
        safe::inert(&s.scenario),
        safe::inert(file),
        s.runs,
        s.seed,
        s.scenario_hash
    );
    if let Some(as_of) = &s.as_of {
        t.push_str(&crate::text::cut_off_line(as_of, &s.left_out));
        let known = &s.known_before_cut_off;
        if !known.is_empty() {
            t.push_str(&format!(
                "as of {as_of}: {} observed outcome{} known by then not scored ({})\n",
                known.len(),
                if known.len() == 1 { "" } else { "s" },
                safe::inert(&known.join(", "))
            ));
        }
    }
    let width = s
        .items
        .iter()
        .map(|i| i.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    t.push_str(&format!(
        "  {:width$}  {:10}  {:>6}  {:>12}  {:8}  {:>5}  {:>6}\n",
        "outcome", "at", "p", "95% CI", "happened", "Brier", "log"
    ));
    for i in &s.items {
        let ci = format!(
            "{}–{}",
            Percent::of_share(i.lo).number(),
            Percent::of_share(i.hi)
        );
        t.push_str(&format!(
            "  {:width$}  {:10}  {:>6}  {:>12}  {:8}  {:>5.3}  {:>6.2}\n",
            safe::inert(&i.id),
            i.at,
            Percent::of_share(i.p).to_string(),
            ci,
            if i.outcome { "yes" } else { "no" },
            i.brier,
            i.log_score
        ));
    }
    t.push_str(&format!(
        "mean Brier {:.3} over {} outcome{} (always 50%: {:.3}; always the base rate {}: {:.3})\n",
        s.brier,
        s.n,
        if s.n == 1 { "" } else { "s" },
        s.brier_of_half,
        Percent::of_share(s.base_rate),
        s.brier_of_base_rate
    ));
    t.push_str(&format!(
        "mean log score {:.3} (forecasts clipped to [1/(2N), 1 - 1/(2N)])\n",
        s.log_score
    ));
    t.push_str(
        "calibration (forecasts binned by probability):\n  bin       count  forecast  happened\n",
    );
    for b in &s.calibration {
        // Bins are tenths: print their bounds as whole percents.
        let bin = format!("{}–{}%", (b.lo * 100.0).round(), (b.hi * 100.0).round());
        let show =
            |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| Percent::of_share(v).to_string());
        t.push_str(&format!(
            "  {:8}  {:>5}  {:>8}  {:>8}\n",
            bin,
            b.count,
            show(b.mean_forecast),
            show(b.observed_frequency)
        ));
    }
    t
}
