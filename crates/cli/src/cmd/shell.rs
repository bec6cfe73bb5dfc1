//! `statecraft completions SHELL` and `statecraft man [COMMAND]`: shell completion scripts and
//! man pages, generated from the same clap definition as `--help`, so they never drift from
//! it. The repository commits their output under `completions/` and `man/`
//! (`scripts/generate-shell-files` writes them; a test fails when they are stale).

use std::io::Write;

use clap::{Args, CommandFactory, ValueEnum};

use crate::Cli;
use crate::error::{CliError, CliResult};

/// The shells `clap_complete` writes scripts for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft completions bash > ~/.local/share/bash-completion/completions/statecraft\n  statecraft completions zsh > ~/.zfunc/_statecraft\n  statecraft completions fish > ~/.config/fish/completions/statecraft.fish"
)]
pub struct CompletionsArgs {
    /// The shell to write the completion script for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft man | man -l -\n  statecraft man mc > statecraft-mc.1\n  statecraft man --list"
)]
pub struct ManArgs {
    /// A command (e.g. `mc`) for its own page; statecraft's page without it.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// List the commands that have a page, one a line, instead of printing one.
    #[arg(long, conflicts_with = "command")]
    pub list: bool,
}

pub fn completions(args: &CompletionsArgs, out: &mut dyn Write) -> CliResult {
    let mut command = Cli::command();
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
        Shell::Elvish => clap_complete::Shell::Elvish,
    };
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut command, "statecraft", &mut text);
    out.write_all(&text)?;
    Ok(())
}

/// The names of statecraft's commands, in `--help` order (the man pages there are).
pub fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .filter(|name| name != "help")
        .collect()
}

pub fn man(args: &ManArgs, out: &mut dyn Write) -> CliResult {
    if args.list {
        for name in command_names() {
            writeln!(out, "{name}")?;
        }
        return Ok(());
    }
    let mut root = Cli::command();
    root.build();
    let page = match &args.command {
        None => root,
        Some(name) => {
            let sub = root.find_subcommand(name).cloned().ok_or_else(|| {
                CliError::usage(format!(
                    "no command `{name}`; the commands are: {}",
                    command_names().join(", ")
                ))
            })?;
            // The page's title and its usage line name the full command, `statecraft-mc`.
            let full = format!("statecraft-{name}");
            sub.name(full.clone())
                .bin_name(full.replacen('-', " ", 1))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut text = Vec::new();
    clap_mangen::Man::new(page).render(&mut text)?;
    out.write_all(&text)?;
    Ok(())
}
