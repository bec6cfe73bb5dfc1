//! `statecraft test`: every scenario's expectations, one line per failure, a closing count.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::calendar::date_of_day;
use statecraft_rules::mc::CHUNK;
use statecraft_rules::percent::Percent;
use statecraft_rules::stats::Interval;

use crate::error::{CliError, CliResult};
use crate::hiargs::Test;
use crate::progress::Progress;
use crate::text as safe;
use crate::ui::Ui;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft test                      (every scenario under scenarios/)\n  statecraft test scenarios/south-caucasus\n  statecraft test variant.toml --set policy.hu-balance-2025.active=false\n\nExit status: 0 all expectations hold, 1 some failed or a scenario is invalid."
)]
pub struct TestArgs {
    /// Scenario files or folders (default: scenarios).
    #[arg(value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Master seed: run i draws its random numbers from a stream derived from (seed, i).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Runs for expectations with probability bounds (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    /// Override a value in every scenario: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// The information cut-off, YYYY-MM-DD (wins over the scenario's `as_of`).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub as_of: Option<statecraft_model::calendar::CivilDate>,
}

pub fn run(test: &Test, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let args = &test.args;
    let files = super::check::expand(&test.paths)?;
    let (mut passed, mut failed, mut broken) = (0usize, 0usize, 0usize);
    for file in &files {
        let sets = crate::args::with_as_of(&args.sets, args.as_of);
        let model = match super::load_model(file, &sets, err, ui.color_stderr) {
            Ok((_, model)) => model,
            Err(CliError { code: 1, .. }) => {
                broken += 1;
                let file = file.display().to_string();
                writeln!(out, "INVALID {}", safe::inert(&file))?;
                continue;
            }
            Err(e) => return Err(e),
        };
        let verdicts = if statecraft_rules::expect::needs_batch(&model) {
            let pool = crate::progress::thread_pool(None, args.runs.div_ceil(CHUNK))?;
            let progress = Progress::new(args.runs, ui.progress);
            progress.run(&pool, |report| {
                statecraft_rules::expect::check(&model, args.seed, args.runs, report)
            })
        } else {
            statecraft_rules::expect::check(&model, args.seed, args.runs, &|_| {})
        };
        for verdict in verdicts {
            let e = &model.expects()[verdict.index];
            if verdict.passed {
                passed += 1;
                continue;
            }
            failed += 1;
            let detail = match verdict.share {
                Some(Interval { p, lo, hi }) => {
                    let bounds = match (e.at_least, e.at_most) {
                        (Some(a), Some(b)) => format!("between {a} and {b}"),
                        (Some(a), None) => format!("at least {a}"),
                        (None, Some(b)) => format!("at most {b}"),
                        (None, None) => String::new(),
                    };
                    format!(
                        "held in {} of {} runs (95% CI {}–{}), expected {bounds}",
                        Percent::of_share(p),
                        args.runs,
                        Percent::of_share(lo).number(),
                        Percent::of_share(hi)
                    )
                }
                None => format!("is false at {}", date_of_day(e.day)),
            };
            let line = format!(
                "FAIL {}  {}: `{}` {detail}",
                e.position,
                e.label,
                e.that.text()
            );
            writeln!(out, "{}", safe::inert(&line))?;
        }
    }
    let invalid = if broken > 0 {
        format!(
            ", {broken} invalid scenario{}",
            if broken == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    writeln!(
        out,
        "{passed} passed, {failed} failed{invalid} ({} scenario{})",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    )?;
    if failed > 0 || broken > 0 {
        return Err(CliError::silent(1));
    }
    Ok(())
}
