//! `statecraft run`: one deterministic run, as a timeline and a final-state summary.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::calendar::CivilDate;
use statecraft_render::run as render;
use statecraft_rules::run::{StopError, last_step_at, run_once};
use statecraft_rules::run_summary::RunSummary;

use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::text as safe;
use crate::ui::Ui;

/// What `run` prints.
const FORMATS: &[Accepted] = &[
    (Format::Text, "A readable timeline and summary"),
    (
        Format::Json,
        "One JSON document (the contract in the README)",
    ),
    (
        Format::Jsonl,
        "One JSON object per timeline line, then the summary",
    ),
    (Format::Markdown, "A timeline to paste into a memo"),
];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft run scenarios/south-caucasus/baseline.toml\n  statecraft run baseline.toml --until 2025-06-30 --format markdown\n  statecraft run baseline.toml --set policy.hu-balance-2025.ratio=0.5 --seed 42\n  statecraft run baseline.toml --format json --out run.json"
)]
pub struct RunArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Seed of the run's random numbers (same file + same seed = same output).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Stop at the end of the step containing this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub until: Option<CivilDate>,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Override a value: PATH=VALUE, e.g. proposal.epf-armenia-2025.amount_eur=5000000
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// The information cut-off, YYYY-MM-DD (wins over the scenario's `as_of`).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub as_of: Option<statecraft_model::calendar::CivilDate>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &RunArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let sets = crate::args::with_as_of(&args.sets, args.as_of);
    let (_, model) = super::load_model(&args.file, &sets, err, ui.color_stderr)?;
    let last_step = match args.until {
        Some(date) => Some(last_step_at(&model, date).map_err(|e| {
            CliError::usage(match e {
                StopError::BeforeStart(start) => {
                    format!("--until {date} is before the scenario starts ({start})")
                }
                StopError::AfterEnd(end) => {
                    format!("--until {date} is after the scenario ends ({end})")
                }
            })
        })?),
        None => None,
    };
    let summary = RunSummary::new(&model, &run_once(&model, args.seed, last_step));
    let text = match args.format {
        Format::Markdown => render::markdown(&summary),
        Format::Json => serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n",
        Format::Jsonl => render::jsonl(&summary),
        // Text: `FORMATS` admits nothing else.
        _ => {
            let cut_off = summary.as_of.as_deref().map_or_else(String::new, |d| {
                crate::text::cut_off_line(d, summary.left_out.as_deref().unwrap_or(&[]))
            });
            cut_off + &safe::inert(&render::text(&summary))
        }
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}
