//! `statecraft vote`: one Council vote, counted by the Treaty's rules, without a scenario.
//!
//! It answers "would this pass if these members opposed it?" in a second, and is the
//! command-line face of `statecraft_rules::procedure`: every member not named votes for, and
//! the output says whether the act is adopted and which rule decided.

use std::io::Write;
use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use statecraft_model::vote::{Procedure, Vote};
use statecraft_rules::council::count_vote;
use statecraft_rules::procedure::checked_total_population;

use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use statecraft_model::council_members::Members;

#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  statecraft vote --procedure unanimity --against hu
  statecraft vote --procedure qmv --against de,fr,it --abstain at --format json
  statecraft vote --procedure qmv --members scenario.toml --not-participating dk")]
pub struct VoteArgs {
    /// The voting rule.
    #[arg(long, value_parser = procedure_parser())]
    pub procedure: Procedure,

    /// Members and their populations: a CSV file with `id` and `population` columns, or a
    /// scenario file (.toml) whose member states have a `population`. Default: the Council's
    /// 2025 figures for the 27 member states.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub members: Option<PathBuf>,

    /// Members voting against, by id, comma-separated (e.g. hu,sk).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub against: Vec<String>,

    /// Members abstaining, by id, comma-separated.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub abstain: Vec<String>,

    /// Members abstaining constructively (Art. 31(1) TEU), by id, comma-separated.
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub constructive: Vec<String>,

    /// Members not taking part in the vote; thresholds are then computed over the others
    /// (Art. 238(3) TFEU).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub not_participating: Vec<String>,

    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
}

/// What `vote` and `power` print.
pub const FORMATS: &[Accepted] = &[
    (Format::Text, "A summary for people"),
    (Format::Json, "One JSON document, for scripts"),
];

/// `--procedure` values: the scenario-file names, each with its rule in `--help`.
pub fn procedure_parser() -> impl TypedValueParser<Value = Procedure> {
    let values = Procedure::ALL.map(|p| {
        PossibleValue::new(p.as_str()).help(match p {
            Procedure::Unanimity => "no member against; abstentions do not block",
            Procedure::Qmv => "55% of members with 65% of the population; 4 members to block",
            Procedure::Rqmv => "reinforced: 72% of members with 65% of the population",
            Procedure::Simple => "more than half of the members",
        })
    });
    // The parser only lets through names that `Procedure::from_str` knows.
    PossibleValuesParser::new(values).map(|name| name.parse::<Procedure>().unwrap())
}

/// Counts the vote and writes the result to `out`.
pub fn run(args: &VoteArgs, out: &mut dyn Write) -> CliResult {
    let members = super::load_members(args.members.as_deref())?;
    checked_total_population(&members.populations)
        .map_err(|e| CliError::invalid(format!("member `{}`: {e}", members.ids[e.index])))?;
    let votes = cast_votes(&members, args)?;
    let counted = count_vote(args.procedure, &members.ids, &members.populations, &votes);
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &counted).map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        // Text: `FORMATS` admits nothing else.
        _ => statecraft_render::vote::text(out, &counted)?,
    }
    Ok(())
}

/// Each member's vote (`None`: not taking part), from the lists; a member named twice, or not
/// a member, is a usage error.
fn cast_votes(members: &Members, args: &VoteArgs) -> CliResult<Vec<Option<Vote>>> {
    let mut votes = vec![Some(Vote::For); members.len()];
    let mut named_by: Vec<Option<&str>> = vec![None; members.len()];
    let lists = [
        ("--against", &args.against, Some(Vote::Against)),
        ("--abstain", &args.abstain, Some(Vote::Abstain)),
        (
            "--constructive",
            &args.constructive,
            Some(Vote::ConstructiveAbstain),
        ),
        ("--not-participating", &args.not_participating, None),
    ];
    for (flag, ids, vote) in lists {
        // An empty entry (`--against ""`, `a,,b`) names nobody, which helps scripts.
        for id in ids.iter().map(|id| id.trim()).filter(|id| !id.is_empty()) {
            let i = members.index_of(id, flag).map_err(CliError::usage)?;
            if let Some(earlier) = named_by[i] {
                let twice = if earlier == flag {
                    format!("twice in {flag}")
                } else {
                    format!("in both {earlier} and {flag}")
                };
                return Err(CliError::usage(format!(
                    "member `{}` is named {twice}",
                    members.ids[i]
                )));
            }
            named_by[i] = Some(flag);
            votes[i] = vote;
        }
    }
    Ok(votes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: VoteArgs,
    }

    fn vote(args: &[&str]) -> CliResult<String> {
        let cli = Cli::try_parse_from(std::iter::once("vote").chain(args.iter().copied())).unwrap();
        let mut out = Vec::new();
        run(&cli.args, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }

    fn json(args: &[&str]) -> serde_json::Value {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        serde_json::from_str(&vote(&args).unwrap()).unwrap()
    }

    #[test]
    fn the_contract_checks() {
        let adopted = |args: &[&str]| json(args)["adopted"].as_bool().unwrap();
        assert!(!adopted(&["--procedure", "unanimity", "--against", "hu"]));
        assert!(adopted(&["--procedure", "unanimity", "--abstain", "hu,sk"]));
        assert!(adopted(&["--procedure", "qmv", "--against", "hu,sk"]));
        assert!(adopted(&["--procedure", "qmv", "--against", "de,fr,it"]));
        assert!(!adopted(&[
            "--procedure",
            "qmv",
            "--against",
            "de,fr,it,es"
        ]));
    }

    #[test]
    fn json_gives_procedure_tally_and_every_vote() {
        let out = json(&[
            "--procedure",
            "qmv",
            "--against",
            "hu",
            "--against",
            "sk",
            "--constructive",
            "mt",
            "--not-participating",
            "dk",
        ]);
        assert_eq!(out["procedure"], "qmv");
        assert_eq!(out["participation"], "partial");
        assert_eq!(out["tally"]["participants"], 26);
        assert_eq!(out["tally"]["against"], 2);
        assert!(
            out["reason"]
                .as_str()
                .unwrap()
                .starts_with("qualified majority reached")
        );
        let votes = out["votes"].as_array().unwrap();
        assert_eq!(votes.len(), 27);
        assert_eq!(votes[0], serde_json::json!({"id": "de", "vote": "for"}));
        let vote_of = |id: &str| votes.iter().find(|v| v["id"] == id).unwrap()["vote"].clone();
        assert_eq!(vote_of("sk"), "against");
        assert_eq!(vote_of("mt"), "constructive_abstain");
        assert_eq!(vote_of("dk"), "not_participating");
    }

    #[test]
    fn text_names_the_members_who_did_not_vote_for() {
        let out = vote(&[
            "--procedure",
            "unanimity",
            "--against",
            "hu",
            "--abstain",
            "at,be",
        ])
        .unwrap();
        assert!(
            out.starts_with("Vote by unanimity: 27 of 27 members take part\n"),
            "{out}"
        );
        assert!(out.contains("  against                   1  hu\n"), "{out}");
        assert!(
            out.contains("  abstain                   2  be, at\n"),
            "{out}"
        );
        assert!(
            out.ends_with("NOT ADOPTED: blocked: 1 vote against under unanimity\n"),
            "{out}"
        );
    }

    #[test]
    fn bad_ids_are_usage_errors_and_bad_files_invalid_input() {
        let code = |args: &[&str]| vote(args).unwrap_err().code;
        assert_eq!(code(&["--procedure", "qmv", "--against", "hungry"]), 2);
        assert_eq!(
            code(&["--procedure", "qmv", "--against", "hu", "--abstain", "hu"]),
            2
        );
        assert_eq!(code(&["--procedure", "qmv", "--against", "hu,sk,hu"]), 2);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("members.csv");
        std::fs::write(&file, "id,population\nde,lots\n").unwrap();
        let e = vote(&["--procedure", "qmv", "--members", file.to_str().unwrap()]).unwrap_err();
        assert_eq!(e.code, 1);
        assert!(
            e.message.ends_with(
                "members.csv:2: population must be a positive whole number, found `lots`"
            )
        );
        assert!(Cli::try_parse_from(["vote", "--procedure", "majority"]).is_err());
    }
}
