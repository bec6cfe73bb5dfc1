//! `statecraft explain`: the causal chain behind a proposal's outcome or a status, flag or
//! indicator: votes, the policies and conditions behind objections, the events and triggers
//! that moved what those conditions read, and the facts they cite. The library returns the
//! explanation as data; this module prints it as text or JSON.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_render::explain as render;
use statecraft_rules::mc::CHUNK;
use statecraft_rules::run::run_once;

use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::ui::Ui;

/// What `explain` prints (listed without descriptions in `--help`): the causal chain for
/// people, or the explanation as data (`{target, outcome, causes, ...}`; with `--runs`,
/// `{target, seed, runs, outcomes, causes}`).
const FORMATS: &[Accepted] = &[(Format::Text, ""), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft explain scenarios/south-caucasus/baseline.toml epf-armenia-2025\n  statecraft explain baseline.toml georgia.visa_free\n  statecraft explain baseline.toml epf-armenia-2025 --runs 1000   (how often each cause appears)\n  statecraft explain baseline.toml epf-armenia-2025 --format json"
)]
pub struct ExplainArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// A proposal id, a status (actor.status), a flag, or an indicator (name(actor)).
    pub id: String,
    /// Master seed: run i draws its random numbers from a stream derived from (seed, i).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Tally causes over this many runs instead of explaining one (at least 1).
    #[arg(long, value_parser = crate::args::runs())]
    pub runs: Option<u64>,
    /// Override a value: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Output format: text, or json (the explanation as data).
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
}

pub fn run(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &args.sets, err, ui.color_stderr)?;
    let usage = |e: statecraft_rules::explain::UnknownTarget| CliError::usage(e.to_string());
    let text = match args.runs {
        Some(runs) => {
            let pool = crate::progress::thread_pool(None, runs.div_ceil(CHUNK))?;
            let progress = Progress::new(runs, ui.progress);
            let tally = progress
                .run(&pool, |report| {
                    statecraft_rules::explain::runs::causes_over_runs(
                        &model, &args.id, args.seed, runs, report,
                    )
                })
                .map_err(usage)?;
            match args.format {
                Format::Json => render::json(&tally),
                _ => render::runs_text(&args.id, &tally),
            }
        }
        None => {
            let report = run_once(&model, args.seed, None);
            let explanation =
                statecraft_rules::explain::explain(&model, &report, &args.id).map_err(usage)?;
            match args.format {
                Format::Json => render::json(&explanation),
                _ => render::text(&explanation),
            }
        }
    };
    let text = match args.format {
        // JSON escapes what it must; the text goes to a terminal and is made inert.
        Format::Json => text,
        _ => crate::text::inert(&text).into_owned(),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}
