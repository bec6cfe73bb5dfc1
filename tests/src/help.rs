//! Help texts: every argument is described, and every example is one command on one line at
//! the 100-column width the help is wrapped to.

use clap::CommandFactory;
use statecraft_cli::Cli;
use statecraft_tests::statecraft;

#[test]
fn every_argument_has_a_description() {
    let cli = Cli::command();
    let mut missing = Vec::new();
    for command in std::iter::once(&cli).chain(cli.get_subcommands()) {
        for arg in command.get_arguments() {
            let builtin = matches!(arg.get_id().as_str(), "help" | "version");
            if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                missing.push(format!("{} {}", command.get_name(), arg.get_id()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "arguments without a description: {missing:?}"
    );
}

#[test]
fn every_example_is_one_line() {
    let names: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    let mut examples = 0;
    for name in std::iter::once(String::new()).chain(names) {
        let args: Vec<&str> = if name.is_empty() {
            vec!["--help"]
        } else {
            vec![name.as_str(), "--help"]
        };
        let help = statecraft(&args).stdout;
        for line in help.lines() {
            assert!(
                line.chars().count() <= 100,
                "`statecraft {name} --help` has a line over 100 columns: {line}"
            );
        }
        // The lines of an examples block: from its heading to the next blank line.
        let block = help
            .split("\n\n")
            .find(|part| part.starts_with("Examples:") || part.starts_with("Start with:"))
            .unwrap_or_else(|| panic!("`statecraft {name} --help` has no examples"));
        for line in block.lines().skip(1) {
            examples += 1;
            assert!(
                line.starts_with("  statecraft ") && !line.trim_end().ends_with('\\'),
                "`statecraft {name} --help`: an example wraps or continues onto another \
                 line, which reads as a second command: `{line}`"
            );
        }
    }
    assert!(examples > 20, "only {examples} examples found");
}
