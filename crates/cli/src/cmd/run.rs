//! `statecraft run`: one deterministic run, as a timeline and a final-state summary.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::calendar::CivilDate;
use statecraft_model::state::Outcome;
use statecraft_rules::run::{StopError, last_step_at, run_once};
use statecraft_rules::run_diff::line_text;
use statecraft_rules::run_summary::{IndicatorValue, RunSummary};

use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::text as safe;
use crate::ui::Ui;

/// What `run` prints.
const FORMATS: &[Accepted] = &[
    (Format::Text, "A readable timeline and summary"),
    (
        Format::Json,
        "One JSON document (the contract in the README)",
    ),
    (
        Format::Jsonl,
        "One JSON object per timeline line, then the summary",
    ),
    (Format::Markdown, "A timeline to paste into a memo"),
];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft run scenarios/south-caucasus/baseline.toml\n  statecraft run baseline.toml --until 2025-06-30 --format markdown\n  statecraft run baseline.toml --set policy.hu-balance-2025.ratio=0.5 --seed 42\n  statecraft run baseline.toml --format json --out run.json"
)]
pub struct RunArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Seed of the run's random numbers (same file + same seed = same output).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Stop at the end of the step containing this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub until: Option<CivilDate>,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Override a value: PATH=VALUE, e.g. proposal.epf-armenia-2025.amount_eur=5000000
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// The information cut-off, YYYY-MM-DD (wins over the scenario's `as_of`).
    #[arg(long, value_name = "DATE", value_parser = crate::args::date())]
    pub as_of: Option<statecraft_model::calendar::CivilDate>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &RunArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let sets = crate::args::with_as_of(&args.sets, args.as_of);
    let (_, model) = super::load_model(&args.file, &sets, err, ui.color_stderr)?;
    let last_step = match args.until {
        Some(date) => Some(last_step_at(&model, date).map_err(|e| {
            CliError::usage(match e {
                StopError::BeforeStart(start) => {
                    format!("--until {date} is before the scenario starts ({start})")
                }
                StopError::AfterEnd(end) => {
                    format!("--until {date} is after the scenario ends ({end})")
                }
            })
        })?),
        None => None,
    };
    let summary = RunSummary::new(&model, &run_once(&model, args.seed, last_step));
    let text = match args.format {
        Format::Markdown => markdown(&summary),
        Format::Json => serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n",
        Format::Jsonl => jsonl(&summary),
        // Text: `FORMATS` admits nothing else.
        _ => {
            let cut_off = summary.as_of.as_deref().map_or_else(String::new, |d| {
                crate::text::cut_off_line(d, summary.left_out.as_deref().unwrap_or(&[]))
            });
            cut_off + &safe::inert(&text(&summary))
        }
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}

fn text(run: &RunSummary) -> String {
    let mut s = format!(
        "{} ({}) — seed {}, {} to {}\n\n",
        run.title, run.scenario, run.seed, run.start, run.until
    );
    for line in &run.timeline {
        s.push_str(&line_text(line));
        s.push('\n');
        for note in line.entry.notes() {
            s.push_str(&format!("{:24}↳ {note}\n", ""));
        }
    }
    s.push('\n');
    s.push_str(&final_state(run, "", "  ", str::to_owned));
    s
}

/// The final state as indented text (or markdown list items).
/// `field` escapes each name taken from the scenario for the output format.
fn final_state(run: &RunSummary, heading: &str, indent: &str, field: fn(&str) -> String) -> String {
    let end = &run.end;
    let mut s = format!("{heading}Final state at {}\n", run.until);
    if !end.proposals.is_empty() {
        s.push_str(&format!("{indent}proposals:\n"));
        for (id, p) in end.proposals.iter() {
            let when = p
                .decided
                .as_ref()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            let vetoes = if p.vetoed_by.is_empty() || p.outcome == Outcome::Adopted {
                String::new()
            } else {
                let ids: Vec<String> = p.vetoed_by.iter().map(|id| field(id)).collect();
                format!(", last vote against: {}", ids.join(", "))
            };
            s.push_str(&format!(
                "{indent}{indent}{}: {}{when} ({} vote{}{vetoes})\n",
                field(id),
                p.outcome.name(),
                p.attempts,
                if p.attempts == 1 { "" } else { "s" }
            ));
        }
    }
    if !end.statuses.is_empty() {
        s.push_str(&format!("{indent}statuses:\n"));
        for (actor, by_status) in end.statuses.iter() {
            let parts: Vec<String> = (by_status.iter())
                .map(|(status, state)| format!("{} {}", field(status), field(state)))
                .collect();
            s.push_str(&format!(
                "{indent}{indent}{}: {}\n",
                field(actor),
                parts.join(", ")
            ));
        }
    }
    if !end.flags.is_empty() {
        let ids = |wanted: bool| -> Vec<String> {
            (end.flags.iter())
                .filter(|&(_, &set)| set == wanted)
                .map(|(id, _)| field(id))
                .collect()
        };
        let (set, unset) = (ids(true), ids(false));
        let set = if set.is_empty() {
            "none".to_owned()
        } else {
            set.join(", ")
        };
        s.push_str(&format!("{indent}flags set: {set}\n"));
        if !unset.is_empty() {
            s.push_str(&format!("{indent}flags not set: {}\n", unset.join(", ")));
        }
    }
    if !end.indicators.is_empty() {
        s.push_str(&format!("{indent}indicators:\n"));
        for (id, value) in end.indicators.iter() {
            let shown = match value {
                IndicatorValue::Global(x) => round1(*x),
                IndicatorValue::ByActor(by_actor) => (by_actor.iter())
                    .map(|(actor, &x)| format!("{} {}", field(actor), round1(x)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            s.push_str(&format!("{indent}{indent}{}: {shown}\n", field(id)));
        }
    }
    for (id, holder) in end.offices.iter() {
        let holder = field(holder.as_deref().unwrap_or("vacant"));
        s.push_str(&format!("{indent}office {}: {holder}\n", field(id)));
    }
    s
}

/// One decimal; `-` for a value that is not a number (JSON's `null`).
fn round1(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1}")
    } else {
        "-".to_owned()
    }
}

fn markdown(run: &RunSummary) -> String {
    // Every field from the scenario is escaped: the page may be rendered to HTML.
    let mut s = format!("## {}\n\n", safe::markdown(&run.title));
    s.push_str(&format!(
        "Scenario {}, seed {}, {} to {}.\n\n",
        safe::markdown_code(&run.scenario),
        run.seed,
        run.start,
        run.until
    ));
    s.push_str("| Date | Kind | What happened |\n|---|---|---|\n");
    for line in &run.timeline {
        let e = &line.entry;
        let mut what = safe::markdown(&e.text);
        for note in e.notes() {
            what.push_str(&format!("<br>↳ {}", safe::markdown(note)));
        }
        if !e.sources.is_empty() {
            let sources: Vec<String> = e.sources.iter().map(|id| safe::markdown(id)).collect();
            what.push_str(&format!(" <sub>[{}]</sub>", sources.join(", ")));
        }
        s.push_str(&format!(
            "| {} | {} | {} |\n",
            line.date,
            e.kind.name(),
            what
        ));
    }
    s.push('\n');
    let summary = final_state(run, "### ", "- ", safe::markdown);
    // Indented "- - x" from the shared summary reads as nested lists in markdown.
    s.push_str(&summary.replace("- - ", "  - "));
    s
}

/// One JSON object per timeline line, then the summary without its timeline.
fn jsonl(run: &RunSummary) -> String {
    let mut s = String::new();
    for line in &run.timeline {
        s.push_str(&serde_json::to_string(line).unwrap_or_default());
        s.push('\n');
    }
    s.push_str(&serde_json::to_string(&run.summary_line()).unwrap_or_default());
    s.push('\n');
    s
}
