//! `statecraft power`: how much each member weighs in a procedure, as voting-power indices.
//!
//! Population shares say little about who decides: under QMV the blocking-minority clause and
//! the member criterion move power around. This prints the exact Banzhaf and Shapley–Shubik
//! indices from `statecraft_rules::power`, in the members' file order.

use std::io::Write;
use std::path::PathBuf;

use statecraft_model::vote::Procedure;
use statecraft_rules::council::{PowerTableError, power_table};
use statecraft_rules::procedure::checked_total_population;

use super::vote::{FORMATS, procedure_parser};
use crate::error::{CliError, CliResult};
use crate::format::Format;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  statecraft power --procedure qmv
  statecraft power --procedure rqmv --format json
  statecraft power --procedure qmv --members members.csv --not-participating dk")]
pub struct PowerArgs {
    /// The voting rule.
    #[arg(long, value_parser = procedure_parser())]
    pub procedure: Procedure,

    /// Members and their populations: a CSV file with `id` and `population` columns, or a
    /// scenario file (.toml) whose member states have a `population`. Default: the Council's
    /// 2025 figures for the 27 member states.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub members: Option<PathBuf>,

    /// Members not taking part, by id, comma-separated: the power of the others is computed
    /// under the rules for participants (Art. 238(3) TFEU).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub not_participating: Vec<String>,

    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
}

/// Computes every participant's power and writes the table to `out`.
pub fn run(args: &PowerArgs, out: &mut dyn Write) -> CliResult {
    let members = super::load_members(args.members.as_deref())?;
    checked_total_population(&members.populations)
        .map_err(|e| CliError::invalid(format!("member `{}`: {e}", members.ids[e.index])))?;
    let mut taking_part = vec![true; members.len()];
    for id in args
        .not_participating
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
    {
        let i = members.index_of(id, "--not-participating");
        taking_part[i.map_err(CliError::usage)?] = false;
    }
    let table = power_table(
        args.procedure,
        &members.ids,
        &members.names,
        &members.populations,
        &taking_part,
    )
    .map_err(|e| match e {
        PowerTableError::NobodyVotes => {
            CliError::usage("every member is --not-participating: nobody votes")
        }
        PowerTableError::Power(e) => CliError::invalid(e.to_string()),
    })?;
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &table).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        // Text: `FORMATS` admits nothing else.
        _ => statecraft_render::power::text(out, &table, members.len())?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: PowerArgs,
    }

    fn power(args: &[&str]) -> CliResult<String> {
        let cli =
            Cli::try_parse_from(std::iter::once("power").chain(args.iter().copied())).unwrap();
        let mut out = Vec::new();
        run(&cli.args, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn json_lists_members_in_file_order_with_indices_summing_to_one() {
        let out = power(&["--procedure", "qmv", "--format", "json"]).unwrap();
        let out: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(out["procedure"], "qmv");
        let members = out["members"].as_array().unwrap();
        assert_eq!(members.len(), 27);
        assert_eq!(
            (members[0]["id"].as_str(), members[26]["id"].as_str()),
            (Some("de"), Some("mt"))
        );
        for key in ["banzhaf", "banzhaf_raw", "shapley_shubik"] {
            assert!(
                members
                    .iter()
                    .all(|m| m[key].as_f64().is_some_and(|x| x > 0.0)),
                "{key}"
            );
        }
        for key in ["banzhaf", "shapley_shubik"] {
            let sum: f64 = members.iter().map(|m| m[key].as_f64().unwrap()).sum();
            assert!((sum - 1.0).abs() < 1e-9, "{key}: {sum}");
        }
    }

    #[test]
    fn non_participants_are_left_out() {
        let out = power(&[
            "--procedure",
            "qmv",
            "--not-participating",
            "dk,ie",
            "--format",
            "json",
        ])
        .unwrap();
        let out: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(out["participation"], "partial");
        let ids: Vec<&str> = out["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 25);
        assert!(!ids.contains(&"dk") && !ids.contains(&"ie"));
        assert_eq!(
            power(&["--procedure", "qmv", "--not-participating", "dx"])
                .unwrap_err()
                .code,
            2
        );
    }

    #[test]
    fn text_is_an_aligned_table() {
        let out = power(&["--procedure", "rqmv"]).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("Voting power under reinforced qualified majority: 27 of 27"));
        assert_eq!(lines.len(), 2 + 27);
        assert!(lines[2].starts_with("de Germany "));
        let width = lines[1].chars().count();
        assert!(
            lines[1..].iter().all(|l| l.chars().count() == width),
            "{out}"
        );
    }
}
