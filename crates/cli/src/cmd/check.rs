//! `statecraft check`: validate scenario files and report every problem at once.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::error::{CliError, CliResult};
use crate::ui::Ui;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft check scenarios/south-caucasus/baseline.toml\n  statecraft check scenarios/            (every .toml below it)\n  statecraft check variant.toml --set proposal.epf-armenia-2025.amount_eur=5000000\n\nExit status: 0 all valid, 1 some file is invalid, 2 bad usage."
)]
pub struct CheckArgs {
    /// Scenario files, or folders to search for .toml files.
    #[arg(required = true, value_hint = clap::ValueHint::AnyPath)]
    pub files: Vec<PathBuf>,
    /// Override a value before checking: PATH=VALUE, e.g. policy.hu-balance-2025.ratio=0.5
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
}

pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let files = expand(&args.files)?;
    let mut invalid = 0;
    for file in &files {
        match super::load_model(file, &args.sets, err, ui.color_stderr) {
            Ok((_, model)) => {
                let line = format!(
                    "ok: {} — {} ({} steps, {} actors, {} proposals, {} policies, {} expectations)",
                    file.display(),
                    model.id(),
                    model.calendar().len(),
                    model.actors().len(),
                    model.proposals().len(),
                    model.policies().len(),
                    model.expects().len()
                );
                writeln!(out, "{}", crate::text::inert(&line))?;
            }
            Err(CliError { code: 1, .. }) => invalid += 1,
            Err(e) => return Err(e),
        }
    }
    if invalid > 0 {
        if files.len() > 1 {
            writeln!(err, "{invalid} of {} files are invalid", files.len())?;
        }
        return Err(CliError::silent(1));
    }
    Ok(())
}

/// Files as given, with folders replaced by the `.toml` files below them.
pub fn expand(paths: &[PathBuf]) -> CliResult<Vec<PathBuf>> {
    crate::walk::expand(paths)
}
