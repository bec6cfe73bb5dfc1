//! `statecraft diff`: baseline against variant. One run each: where the timelines part and
//! how the outcomes differ. With `--runs`: probability differences with common random
//! numbers.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_rules::mc::CHUNK;
use statecraft_rules::run::run_once;
use statecraft_rules::run_diff::RunDiff;
use statecraft_rules::run_summary::RunSummary;

use crate::error::CliResult;
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::ui::Ui;

/// What `diff` prints (listed without descriptions in `--help`).
const FORMATS: &[Accepted] = &[(Format::Text, ""), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft diff baseline.toml hu-drops-balance.toml\n  statecraft diff baseline.toml baseline.toml --set instrument.epf.procedure=qmv --runs 5000\n  statecraft diff baseline.toml variant.toml --runs 10000\n\nExit status: 0 whether or not they differ; 1 if a file is invalid."
)]
pub struct DiffArgs {
    /// The baseline.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub a: PathBuf,
    /// The variant.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub b: PathBuf,
    /// Compare probabilities over this many paired runs (common random numbers) instead of
    /// one run each (at least 1).
    #[arg(long, value_parser = crate::args::runs())]
    pub runs: Option<u64>,
    /// With --runs: compare at the end of the step that contains DATE (YYYY-MM-DD) in each.
    #[arg(long, value_name = "DATE", requires = "runs", value_parser = crate::args::date())]
    pub at: Option<statecraft_model::calendar::CivilDate>,
    /// Master seed: run i draws its random numbers from a stream derived from (seed, i).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Worker threads, 1 to 1024 (default: one per core); never more than the work needs.
    /// The result is the same whatever this is.
    #[arg(long, value_name = "N", value_parser = crate::args::threads())]
    pub threads: Option<usize>,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Override a value in B only: PATH=VALUE (repeatable). `diff A A --set ...` asks what
    /// one change does, without writing a variant.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
}

pub fn run(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, a) = super::load_model(&args.a, &[], err, ui.color_stderr)?;
    let (_, b) = super::load_model(&args.b, &args.sets, err, ui.color_stderr)?;
    if let Some(runs) = args.runs {
        let (a, b) = (
            super::mc::cut_at(a, args.at)?,
            super::mc::cut_at(b, args.at)?,
        );
        let pool = crate::progress::thread_pool(args.threads, runs.div_ceil(CHUNK))?;
        let progress = Progress::new(runs, ui.progress);
        let mut comparison = progress.run(&pool, |report| {
            statecraft_rules::paired::compare(&a, &b, args.seed, runs, report)
        });
        drop(progress);
        comparison.until = args.at.map(|d| d.to_string());
        if !args.sets.is_empty() {
            comparison.b = format!("{} with --set {}", b.id(), args.sets.join(" --set "));
        }
        let text = match args.format {
            Format::Json => serde_json::to_string_pretty(&comparison).unwrap_or_default() + "\n",
            _ => crate::text::inert(&statecraft_render::diff::probabilities_text(&comparison))
                .into_owned(),
        };
        out.write_all(text.as_bytes())?;
        return Ok(());
    }
    let summary = |model| RunSummary::new(model, &run_once(model, args.seed, None));
    let diff = RunDiff::new(&summary(&a), &summary(&b), args.seed);
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&diff).unwrap_or_default() + "\n",
        _ => {
            let sets: String = args.sets.iter().map(|x| format!(" --set {x}")).collect();
            let header = format!(
                "A: {} ({})\nB: {} ({}{sets})\nseed {}\n\n",
                a.title(),
                args.a.display(),
                b.title(),
                args.b.display(),
                args.seed
            );
            crate::text::inert(&(header + &statecraft_render::diff::run_text(&diff))).into_owned()
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
