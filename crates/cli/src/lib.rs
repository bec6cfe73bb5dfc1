//! The `statecraft` command line: argument parsing, output formats, exit codes.
//!
//! Everything runs through [`run`], which takes the arguments and two writers, so the test
//! suite drives the real CLI in-process. Arguments go through two steps: clap parses them into
//! [`Cli`], and [`hiargs::HiArgs`] validates what is left, once, before any command runs. This crate holds no simulation logic: it loads with
//! `statecraft-model`, runs with `statecraft-rules`, and formats what they return.

pub mod args;
pub mod cmd;
pub mod error;
pub mod format;
pub mod hiargs;
pub mod output;
pub mod progress;
pub mod ui;
pub mod walk;

// The renderers moved to `statecraft-render`; these names keep the CLI's paths short.
pub use statecraft_render::csv as csv_out;
pub use statecraft_render::diagnostics as render;
pub use statecraft_render::text;

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

use error::CliError;
use hiargs::HiArgs;
use ui::{ColorChoice, Console, Ui};

/// Simulate EU external-policy decisions from TOML scenarios
#[derive(Parser, Debug)]
#[command(name = "statecraft", version, long_about = None, max_term_width = 100)]
#[command(
    after_help = "Start with:\n  statecraft run scenarios/south-caucasus/baseline.toml\n  statecraft check scenarios/**/*.toml\n  statecraft test scenarios"
)]
pub struct Cli {
    /// When to colour output (auto: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
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
    /// Score forecasts against observed outcomes: Brier, log score, calibration.
    Score(cmd::score::ScoreArgs),
    /// Fit the settings declared uncertain to the observed outcomes before the cut-off.
    Calibrate(cmd::calibrate::CalibrateArgs),
    /// Which uncertain settings move an outcome's probability most.
    Sensitivity(cmd::sensitivity::SensitivityArgs),
    /// Combine the partial results of sharded `mc` or `score` runs.
    Merge(cmd::mc::MergeArgs),
    /// Baseline against variant: where the timelines part, how outcomes differ.
    Diff(cmd::diff::DiffArgs),
    /// Why an outcome happened: votes, policies, conditions, events, sources.
    Explain(cmd::explain::ExplainArgs),
    /// A self-contained HTML report of a scenario, or of a baseline against a variant.
    Report(cmd::report::ReportArgs),
    /// Count a Council vote under a procedure.
    Vote(cmd::vote::VoteArgs),
    /// Voting power (Banzhaf, Shapley–Shubik) of every member under a procedure.
    Power(cmd::power::PowerArgs),
    /// Print the JSON Schema of the scenario format.
    Schema(cmd::schema::SchemaArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(cmd::shell::CompletionsArgs),
    /// Print the man page (roff) of statecraft or of one of its commands.
    Man(cmd::shell::ManArgs),
    /// Language server for editors (LSP over stdio): diagnostics, definitions, completion.
    Lsp(cmd::lsp::LspArgs),
}

/// Runs the command line `args` (program name first) on `console` (which streams are
/// terminals, what the environment says about colour); returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    console: &Console,
) -> u8 {
    let args: Vec<OsString> = args.into_iter().collect();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and errors are rendered before `--color` is parsed: read it from the
            // raw arguments so they follow it too.
            let ui = Ui::decide(ui::color_flag(&args), console);
            let code = if e.use_stderr() { 2 } else { 0 };
            let styled = if code == 0 {
                ui.color_stdout
            } else {
                ui.color_stderr
            };
            let text = if styled {
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
    let ui = &Ui::decide(cli.color, console);
    let result = HiArgs::from_low(cli.command).and_then(|command| {
        cmd::with_allowed_paths(&cli.allow_path, || match &command {
            HiArgs::Check(a) => cmd::check::run(a, out, err, ui),
            HiArgs::Run(a) => cmd::run::run(a, out, err, ui),
            HiArgs::Test(a) => cmd::test::run(a, out, err, ui),
            HiArgs::Mc(a) => cmd::mc::run(a, out, err, ui),
            HiArgs::Sweep(a) => cmd::sweep::run(a, out, err, ui),
            HiArgs::Score(a) => cmd::score::run(a, out, err, ui),
            HiArgs::Calibrate(a) => cmd::calibrate::run(a, out, err, ui),
            HiArgs::Sensitivity(a) => cmd::sensitivity::run(a, out, err, ui),
            HiArgs::Merge(a) => cmd::mc::merge(a, out, err, ui),
            HiArgs::Diff(a) => cmd::diff::run(a, out, err, ui),
            HiArgs::Explain(a) => cmd::explain::run(a, out, err, ui),
            HiArgs::Report(a) => cmd::report::run(a, out, err, ui),
            HiArgs::Vote(a) => cmd::vote::run(a, out),
            HiArgs::Power(a) => cmd::power::run(a, out),
            HiArgs::Schema(a) => cmd::schema::run(a, out),
            HiArgs::Completions(a) => cmd::shell::completions(a, out),
            HiArgs::Man(a) => cmd::shell::man(a, out),
            HiArgs::Lsp(a) => cmd::lsp::run(a, &cli.allow_path),
        })
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
