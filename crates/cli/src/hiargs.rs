//! Arguments validated once (ripgrep's `LowArgs` → `HiArgs`): clap parses the command line
//! into [`Command`] (every flag's value checked by its value parser, exit 2 naming the flag),
//! and [`HiArgs::from_low`] turns that into what each command runs on, checking what no
//! single flag can check alone: a sweep's grid size, the folder `test` defaults to, the batch
//! a shard runs. Commands receive only a [`HiArgs`] variant and re-check nothing.
//!
//! A command whose flags need nothing beyond their value parsers receives its clap struct as
//! it is: by then every value in it is valid and typed.

use std::path::PathBuf;

use statecraft_rules::grid::Grid;
use statecraft_rules::mc::Batch;

use crate::Command;
use crate::args::Shard;
use crate::cmd;
use crate::error::{CliError, CliResult};

/// A command ready to run.
#[derive(Debug)]
pub enum HiArgs {
    Check(cmd::check::CheckArgs),
    Run(cmd::run::RunArgs),
    Test(Test),
    Mc(Mc),
    Sweep(Sweep),
    Score(cmd::score::ScoreArgs),
    Calibrate(cmd::calibrate::CalibrateArgs),
    Sensitivity(cmd::sensitivity::SensitivityArgs),
    Merge(cmd::mc::MergeArgs),
    Diff(cmd::diff::DiffArgs),
    Explain(cmd::explain::ExplainArgs),
    Report(cmd::report::ReportArgs),
    Vote(cmd::vote::VoteArgs),
    Power(cmd::power::PowerArgs),
    Schema(cmd::schema::SchemaArgs),
    Completions(cmd::shell::CompletionsArgs),
    Man(cmd::shell::ManArgs),
    Lsp(crate::cmd::lsp::LspArgs),
}

/// `test`: its files and folders, `scenarios` when none are named.
#[derive(Debug)]
pub struct Test {
    pub paths: Vec<PathBuf>,
    pub args: cmd::test::TestArgs,
}

/// `mc`: the runs this invocation does (all, or one shard's slice).
#[derive(Debug)]
pub struct Mc {
    pub plan: Batch,
    pub args: cmd::mc::McArgs,
}

/// `sweep`: its grid, within the limit of points.
#[derive(Debug)]
pub struct Sweep {
    pub grid: Grid,
    pub args: cmd::sweep::SweepArgs,
}

impl HiArgs {
    /// Validates what the value parsers could not; a bad combination is a usage error.
    pub fn from_low(command: Command) -> CliResult<HiArgs> {
        Ok(match command {
            Command::Check(a) => HiArgs::Check(a),
            Command::Run(a) => HiArgs::Run(a),
            Command::Test(args) => {
                let paths = if args.paths.is_empty() {
                    if !std::path::Path::new("scenarios").is_dir() {
                        return Err(CliError::usage(
                            "no scenarios/ folder here: run from the project root, or name files or folders to test",
                        ));
                    }
                    vec![PathBuf::from("scenarios")]
                } else {
                    args.paths.clone()
                };
                HiArgs::Test(Test { paths, args })
            }
            Command::Mc(args) => {
                let (seed, histograms) = (args.batch.seed, !args.no_quantiles);
                let plan = Shard::batch(args.shard, seed, args.runs, histograms);
                HiArgs::Mc(Mc { plan, args })
            }
            Command::Sweep(args) => {
                let grid = Grid::new(args.vary.clone()).map_err(CliError::usage)?;
                HiArgs::Sweep(Sweep { grid, args })
            }
            Command::Score(a) => HiArgs::Score(a),
            Command::Calibrate(a) => HiArgs::Calibrate(a),
            Command::Sensitivity(a) => HiArgs::Sensitivity(a),
            Command::Merge(a) => HiArgs::Merge(a),
            Command::Diff(a) => HiArgs::Diff(a),
            Command::Explain(a) => HiArgs::Explain(a),
            Command::Report(a) => HiArgs::Report(a),
            Command::Vote(a) => HiArgs::Vote(a),
            Command::Power(a) => HiArgs::Power(a),
            Command::Schema(a) => HiArgs::Schema(a),
            Command::Completions(a) => HiArgs::Completions(a),
            Command::Man(a) => HiArgs::Man(a),
            Command::Lsp(a) => HiArgs::Lsp(a),
        })
    }
}
