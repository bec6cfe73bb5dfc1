//! `statecraft run`: one deterministic run, as a timeline and a final-state summary.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::Value;
use statecraft_model::Model;
use statecraft_model::calendar::{CivilDate, date_of_day};
use statecraft_rules::run::{RunReport, run_once};

use crate::error::{CliError, CliResult};
use crate::text as safe;
use crate::ui::Ui;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// A readable timeline and summary.
    Text,
    /// One JSON document (the contract in the README).
    Json,
    /// One JSON object per timeline line, then the summary.
    Jsonl,
    /// A timeline to paste into a memo.
    Markdown,
}

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
    #[arg(long, value_enum, default_value_t = TimelineFormat::Text)]
    pub format: TimelineFormat,
    /// Override a value: PATH=VALUE, e.g. proposal.epf-armenia-2025.amount_eur=5000000
    /// (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Write the output to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

pub fn run(args: &RunArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &args.sets, err, ui.color_stderr)?;
    let last_step = match &args.until {
        Some(date) => {
            let date = *date;
            let cal = &model.calendar;
            if date < cal.start {
                return Err(CliError::usage(format!(
                    "--until {date} is before the scenario starts ({})",
                    cal.start
                )));
            }
            if date > cal.end {
                return Err(CliError::usage(format!(
                    "--until {date} is after the scenario ends ({})",
                    cal.end
                )));
            }
            Some(cal.step_of(date).unwrap_or(cal.len() as u32 - 1))
        }
        None => None,
    };
    let report = run_once(&model, args.seed, last_step);
    let text = match args.format {
        TimelineFormat::Text => safe::inert(&text(&model, &report)).into_owned(),
        TimelineFormat::Markdown => markdown(&model, &report),
        TimelineFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report.to_json(&model)).unwrap_or_default();
            s.push('\n');
            s
        }
        TimelineFormat::Jsonl => jsonl(&model, &report),
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}

fn text(model: &Model, report: &RunReport) -> String {
    let mut s = String::new();
    let until = model.calendar.step_end(report.last_step);
    s.push_str(&format!(
        "{} ({}) — seed {}, {} to {}\n\n",
        model.title, model.id, report.seed, model.calendar.start, until
    ));
    for e in &report.timeline {
        s.push_str(&format!(
            "{}  {:<11} {}\n",
            date_of_day(e.day),
            e.kind.name(),
            e.text
        ));
        for note in e.notes() {
            s.push_str(&format!("{:24}↳ {note}\n", ""));
        }
    }
    s.push('\n');
    s.push_str(&summary(model, report, "", "  ", str::to_owned));
    s
}

/// The final state as indented text (or markdown list items).
/// `field` escapes each name taken from the scenario for the output format.
fn summary(
    model: &Model,
    report: &RunReport,
    heading: &str,
    indent: &str,
    field: fn(&str) -> String,
) -> String {
    let json = report.to_json(model);
    let until = model.calendar.step_end(report.last_step);
    let mut s = format!("{heading}Final state at {until}\n");
    if let Some(Value::Object(proposals)) = json
        .get("proposals")
        .filter(|p| p.as_object().is_some_and(|m| !m.is_empty()))
    {
        s.push_str(&format!("{indent}proposals:\n"));
        for (id, p) in proposals {
            let outcome = p["outcome"].as_str().unwrap_or("");
            let when = p["decided"]
                .as_str()
                .map(|d| format!(" {d}"))
                .unwrap_or_default();
            let attempts = p["attempts"].as_u64().unwrap_or(0);
            let vetoes: Vec<String> = p["vetoed_by"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).map(field).collect())
                .unwrap_or_default();
            let vetoes = if vetoes.is_empty() || outcome == "adopted" {
                String::new()
            } else {
                format!(", last vote against: {}", vetoes.join(", "))
            };
            s.push_str(&format!(
                "{indent}{indent}{}: {outcome}{when} ({attempts} vote{}{vetoes})\n",
                field(id),
                if attempts == 1 { "" } else { "s" }
            ));
        }
    }
    if let Some(Value::Object(statuses)) = json
        .get("statuses")
        .filter(|p| p.as_object().is_some_and(|m| !m.is_empty()))
    {
        s.push_str(&format!("{indent}statuses:\n"));
        for (actor, by_status) in statuses {
            if let Value::Object(m) = by_status {
                let parts: Vec<String> = m
                    .iter()
                    .map(|(k, v)| format!("{} {}", field(k), field(v.as_str().unwrap_or(""))))
                    .collect();
                s.push_str(&format!(
                    "{indent}{indent}{}: {}\n",
                    field(actor),
                    parts.join(", ")
                ));
            }
        }
    }
    if let Some(Value::Object(flags)) = json
        .get("flags")
        .filter(|p| p.as_object().is_some_and(|m| !m.is_empty()))
    {
        let set: Vec<String> = flags
            .iter()
            .filter(|(_, v)| v.as_bool() == Some(true))
            .map(|(k, _)| field(k))
            .collect();
        let unset: Vec<String> = flags
            .iter()
            .filter(|(_, v)| v.as_bool() != Some(true))
            .map(|(k, _)| field(k))
            .collect();
        s.push_str(&format!(
            "{indent}flags set: {}\n",
            if set.is_empty() {
                "none".to_owned()
            } else {
                set.join(", ")
            }
        ));
        if !unset.is_empty() {
            s.push_str(&format!("{indent}flags not set: {}\n", unset.join(", ")));
        }
    }
    if let Some(Value::Object(indicators)) = json
        .get("indicators")
        .filter(|p| p.as_object().is_some_and(|m| !m.is_empty()))
    {
        s.push_str(&format!("{indent}indicators:\n"));
        for (id, v) in indicators {
            let shown = match v {
                Value::Object(m) => m
                    .iter()
                    .map(|(a, x)| format!("{} {}", field(a), round1(x)))
                    .collect::<Vec<_>>()
                    .join(", "),
                x => round1(x),
            };
            s.push_str(&format!("{indent}{indent}{}: {shown}\n", field(id)));
        }
    }
    if let Some(Value::Object(offices)) = json.get("offices") {
        for (id, holder) in offices {
            s.push_str(&format!(
                "{indent}office {}: {}\n",
                field(id),
                field(holder.as_str().unwrap_or("vacant"))
            ));
        }
    }
    s
}

fn round1(v: &Value) -> String {
    v.as_f64()
        .map_or_else(|| "-".to_owned(), |x| format!("{x:.1}"))
}

fn markdown(model: &Model, report: &RunReport) -> String {
    // Every field from the scenario is escaped: the page may be rendered to HTML.
    let mut s = format!("## {}\n\n", safe::markdown(&model.title));
    s.push_str(&format!(
        "Scenario {}, seed {}, {} to {}.\n\n",
        safe::markdown_code(&model.id),
        report.seed,
        model.calendar.start,
        model.calendar.step_end(report.last_step)
    ));
    s.push_str("| Date | Kind | What happened |\n|---|---|---|\n");
    for e in &report.timeline {
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
            date_of_day(e.day),
            e.kind.name(),
            what
        ));
    }
    s.push('\n');
    let summary = summary(model, report, "### ", "- ", safe::markdown);
    // Indented "- - x" from the shared summary reads as nested lists in markdown.
    s.push_str(&summary.replace("- - ", "  - "));
    s
}

fn jsonl(model: &Model, report: &RunReport) -> String {
    let json = report.to_json(model);
    let mut s = String::new();
    if let Some(Value::Array(lines)) = json.get("timeline") {
        for line in lines {
            s.push_str(&serde_json::to_string(line).unwrap_or_default());
            s.push('\n');
        }
    }
    let mut rest = json.clone();
    if let Value::Object(m) = &mut rest {
        m.remove("timeline");
        m.insert("kind".into(), Value::String("summary".into()));
    }
    s.push_str(&serde_json::to_string(&rest).unwrap_or_default());
    s.push('\n');
    s
}
