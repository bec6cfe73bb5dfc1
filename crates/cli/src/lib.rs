//! The `statecraft` command line: argument parsing, output formats, exit codes.
//!
//! Everything runs through [`run`], which takes the arguments and two writers, so the test
//! suite drives the real CLI in-process. This crate holds no simulation logic: it loads with
//! `statecraft-model`, runs with `statecraft-rules`, and formats what they return.

pub mod cmd;
pub mod csv_out;
pub mod error;
pub mod members;
pub mod output;
pub mod render;
pub mod text;
pub mod walk;

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

use error::CliError;

/// Simulate EU external-policy decisions from TOML scenarios.
#[derive(Parser, Debug)]
#[command(name = "statecraft", version, about, long_about = None, max_term_width = 100)]
#[command(
    after_help = "Start with:\n  statecraft run scenarios/south-caucasus/baseline.toml\n  statecraft check scenarios/**/*.toml\n  statecraft test scenarios"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Also read files below DIR when a scenario names them (`extends`, `seeds`, `members`);
    /// by default only the scenario's project folder is read (repeatable).
    #[arg(long, global = true, value_name = "DIR", value_hint = clap::ValueHint::DirPath, value_parser = cmd::existing_folder)]
    pub allow_path: Vec<std::path::PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate scenario files and report every problem with its location.
    Check(cmd::check::CheckArgs),
    /// Run a scenario once and print its timeline and final state.
    Run(cmd::run::RunArgs),
    /// Check every scenario's expectations.
    Test(cmd::test::TestArgs),
    /// Monte Carlo: outcome probabilities and indicator quantiles over many runs.
    Mc(cmd::mc::McArgs),
    /// A grid of parameter values × runs, one row per point.
    Sweep(cmd::sweep::SweepArgs),
    /// Combine the partial results of sharded `mc` runs.
    Merge(cmd::mc::MergeArgs),
    /// Baseline against variant: where the timelines part, how outcomes differ.
    Diff(cmd::diff::DiffArgs),
    /// Why an outcome happened: votes, policies, conditions, events, sources.
    Explain(cmd::explain::ExplainArgs),
    /// A self-contained HTML report: timeline, indicator charts, probabilities.
    Report(cmd::report::ReportArgs),
    /// Count a Council vote under a procedure.
    Vote(cmd::vote::VoteArgs),
    /// Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure.
    Power(cmd::power::PowerArgs),
    /// Print the JSON Schema of the scenario format.
    Schema(cmd::schema::SchemaArgs),
}

/// Runs the command line `args` (program name first); returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    terminal: bool,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = if terminal {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let _ = if code == 0 {
                write!(out, "{text}")
            } else {
                write!(err, "{text}")
            };
            return code;
        }
    };
    let result = cmd::with_allowed_paths(&cli.allow_path, || match &cli.command {
        Command::Check(a) => cmd::check::run(a, out, err, terminal),
        Command::Run(a) => cmd::run::run(a, out, err, terminal),
        Command::Test(a) => cmd::test::run(a, out, err, terminal),
        Command::Mc(a) => cmd::mc::run(a, out, err, terminal),
        Command::Sweep(a) => cmd::sweep::run(a, out, err, terminal),
        Command::Merge(a) => cmd::mc::merge(a, out, err, terminal),
        Command::Diff(a) => cmd::diff::run(a, out, err, terminal),
        Command::Explain(a) => cmd::explain::run(a, out, err, terminal),
        Command::Report(a) => cmd::report::run(a, out, err, terminal),
        Command::Vote(a) => cmd::vote::run(a, out),
        Command::Power(a) => cmd::power::run(a, out),
        Command::Schema(a) => cmd::schema::run(a, out),
    });
    match result {
        Ok(()) => 0,
        Err(CliError { code, message }) => {
            if !message.is_empty() {
                let _ = writeln!(err, "error: {message}");
            }
            code
        }
    }
}
