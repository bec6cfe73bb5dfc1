//! The one vocabulary of output formats, and the `--format` parser every command builds from
//! the formats it can print.
//!
//! A command lists what it prints (with a help line for each, as its `--help` shows); clap
//! refuses any other format while parsing (exit 2, naming `--format` and listing the accepted
//! values), so no command has a format it must reject or silently ignore.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// Every output format of the CLI. (`report` prints only HTML and has no `--format`.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Markdown,
    Csv,
}

/// A format a command prints, with its line in `--help` (empty: the values are listed without
/// descriptions).
pub type Accepted = (Format, &'static str);

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Json,
        Format::Jsonl,
        Format::Markdown,
        Format::Csv,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
        }
    }

    /// A `--format` parser that accepts only `accepted`, in that order.
    pub fn parser(accepted: &'static [Accepted]) -> impl TypedValueParser<Value = Format> {
        let values = accepted.iter().map(|&(format, help)| {
            let value = PossibleValue::new(format.name());
            if help.is_empty() {
                value
            } else {
                value.help(help)
            }
        });
        PossibleValuesParser::new(values).try_map(|name: String| {
            // Only accepted names get this far; each is some format's name.
            (Format::ALL.into_iter())
                .find(|f| f.name() == name)
                .ok_or_else(|| format!("unknown format `{name}`"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[arg(long, value_parser = Format::parser(&[(Format::Text, "for people"), (Format::Csv, "")]), default_value = "text")]
        format: Format,
    }

    #[test]
    fn only_the_accepted_formats_parse() {
        let parse =
            |args: &[&str]| Cli::try_parse_from(std::iter::once("x").chain(args.iter().copied()));
        assert_eq!(parse(&[]).unwrap().format, Format::Text);
        assert_eq!(parse(&["--format", "csv"]).unwrap().format, Format::Csv);
        let refused = parse(&["--format", "json"]).err().unwrap();
        assert_eq!(refused.kind(), clap::error::ErrorKind::InvalidValue);
        let message = refused.to_string();
        assert!(
            message.contains("--format") && message.contains("[possible values: text, csv]"),
            "{message}"
        );
    }
}
