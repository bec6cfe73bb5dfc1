//! `statecraft explain`: the causal chain behind a proposal's outcome or a status, flag or
//! indicator: votes, the policies and conditions behind objections, the events and triggers
//! that moved what those conditions read, and the facts they cite.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_rules::mc::CHUNK;
use statecraft_rules::run::run_once;

use crate::error::{CliError, CliResult};
use crate::progress::Progress;
use crate::ui::Ui;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft explain scenarios/south-caucasus/baseline.toml epf-armenia-2025\n  statecraft explain baseline.toml georgia.visa_free\n  statecraft explain baseline.toml epf-armenia-2025 --runs 1000   (how often each cause appears)"
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
}

pub fn run(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &args.sets, err, ui.color_stderr)?;
    let text = match args.runs {
        Some(runs) => {
            let pool = crate::progress::thread_pool(None, runs.div_ceil(CHUNK))?;
            let progress = Progress::new(runs, ui.progress);
            progress.run(&pool, |report| {
                statecraft_rules::explain::causes_over_runs(
                    &model, &args.id, args.seed, runs, report,
                )
            })
        }
        None => {
            statecraft_rules::explain::explain(&model, &run_once(&model, args.seed, None), &args.id)
        }
    }
    .map_err(CliError::usage)?;
    out.write_all(crate::text::inert(&text).as_bytes())?;
    Ok(())
}
