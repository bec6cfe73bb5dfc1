//! `statecraft sweep`: a grid of parameter values × Monte Carlo runs, one row per point, like
//! NetLogo's BehaviorSpace.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_rules::mc::Batch;
use statecraft_rules::summary::{Keyed, Sweep, SweepPoint};

use crate::args::BatchArgs;
use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::ui::Ui;

/// Most points a grid may have.
const MAX_POINTS: usize = 10_000;

/// What `sweep` prints (listed without descriptions in `--help`).
const FORMATS: &[Accepted] = &[(Format::Csv, ""), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft sweep baseline.toml --vary policy.hu-balance-2025.ratio=0.25..1:0.25 --runs 2000\n  statecraft sweep baseline.toml --vary event.peace-signed.chance=0.01,0.05,0.1 --format json\n\nEach --vary is PATH=FROM..TO:STEP (numbers) or PATH=V1,V2,... (any values); the grid is\nevery combination (give --vary twice for a two-way grid). Every point uses the same seeds\n(common random numbers)."
)]
pub struct SweepArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// A parameter and its values: PATH=FROM..TO:STEP or PATH=V1,V2,... (repeatable).
    #[arg(long, required = true, value_name = "PATH=VALUES")]
    pub vary: Vec<String>,
    /// Runs per point (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Fixed overrides applied at every point: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Output format: one row per point.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "csv")]
    pub format: Format,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

/// The values of one `--vary`.
fn values(spec: &str) -> CliResult<(String, Vec<String>)> {
    let bad = |why: &str| {
        CliError::usage(format!(
            "--vary {spec}: {why}; write PATH=FROM..TO:STEP or PATH=V1,V2,..."
        ))
    };
    let (path, rest) = spec.split_once('=').ok_or_else(|| bad("no `=`"))?;
    if let Some((range, step_text)) = rest.split_once(':')
        && let Some((from, to)) = range.split_once("..")
    {
        let num = |s: &str| {
            s.trim()
                .replace('_', "")
                .parse::<f64>()
                .map_err(|_| bad(&format!("`{s}` is not a number")))
        };
        let (from, to, step) = (num(from)?, num(to)?, num(step_text)?);
        if step.is_nan() || step <= 0.0 || !from.is_finite() || !to.is_finite() || to < from {
            return Err(bad(
                "the range must go up from FROM to TO by a positive STEP",
            ));
        }
        // Counted in f64 first (never NaN: the bounds are finite and STEP positive), since
        // `(1 - 0) / 1e-20` is past any integer type: converting it once wrapped the count to
        // zero (issue 9).
        let points = ((to - from) / step + 1e-9).floor() + 1.0;
        if points > MAX_POINTS as f64 {
            return Err(bad(&format!(
                "STEP `{}` makes {points:e} values; the limit is {MAX_POINTS}",
                step_text.trim()
            )));
        }
        let count = points as usize;
        let list: Vec<String> = (0..count)
            .map(|i| {
                let v = from + step * i as f64;
                let v = (v * 1e9).round() / 1e9;
                if v.fract() == 0.0 && v.abs() < 1e15 {
                    format!("{}", v as i64)
                } else {
                    format!("{v}")
                }
            })
            .collect();
        if list.windows(2).any(|w| w[0] == w[1]) {
            return Err(bad(&format!(
                "STEP `{}` is too small to tell the values apart (to 9 decimals)",
                step_text.trim()
            )));
        }
        return Ok((path.trim().to_owned(), list));
    }
    let list: Vec<String> = rest
        .split(',')
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if list.is_empty() {
        return Err(bad("no values"));
    }
    Ok((path.trim().to_owned(), list))
}

pub fn run(args: &SweepArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let axes: Vec<(String, Vec<String>)> = args
        .vary
        .iter()
        .map(|v| values(v))
        .collect::<CliResult<_>>()?;
    let total: usize = axes
        .iter()
        .map(|(_, v)| v.len())
        .try_fold(1usize, |acc, n| acc.checked_mul(n))
        .unwrap_or(usize::MAX);
    if total > MAX_POINTS {
        return Err(CliError::usage(format!(
            "the grid has {total} points; the limit is {MAX_POINTS}"
        )));
    }
    let mut rows: Vec<SweepPoint> = Vec::with_capacity(total);
    let seed = args.batch.seed;
    // One bar over every point's runs.
    let progress = Progress::new(
        args.runs.saturating_mul(total as u64),
        ui.progress && !args.batch.quiet,
    );
    for index in 0..total {
        // Mixed-radix digits of `index`, the first axis outermost.
        let mut rest = index;
        let mut point = vec![String::new(); axes.len()];
        for (a, (_, vals)) in axes.iter().enumerate().rev() {
            point[a] = vals[rest % vals.len()].clone();
            rest /= vals.len();
        }
        let mut sets = args.sets.clone();
        sets.extend(
            axes.iter()
                .zip(&point)
                .map(|((path, _), v)| format!("{path}={v}")),
        );
        let (_, model) = super::load_model(&args.file, &sets, err, ui.color_stderr)?;
        let batch = Batch {
            seed,
            first: 0,
            runs: args.runs,
            histograms: false,
        };
        // No histograms, so no quantile memory to budget.
        let aggregate = super::mc::batch(&model, batch, args.batch.threads, &progress, u64::MAX)?;
        let mut at = Keyed::default();
        for ((path, _), v) in axes.iter().zip(&point) {
            at.insert(path.clone(), v.clone());
        }
        rows.push(SweepPoint::new(&model, &aggregate, at));
    }
    drop(progress);
    let text = match args.format {
        Format::Json => {
            let sweep = Sweep {
                scenario: args.file.to_string_lossy().into_owned(),
                seed,
                runs: args.runs,
                version: env!("CARGO_PKG_VERSION"),
                points: rows,
            };
            serde_json::to_string_pretty(&sweep).unwrap_or_default() + "\n"
        }
        // CSV: `FORMATS` admits nothing else.
        _ => csv(&axes, &rows),
    };
    crate::output::emit(&text, args.out.as_deref(), out)
}

/// One row per point: the point's values, then p, lo, hi of every outcome.
fn csv(axes: &[(String, Vec<String>)], rows: &[SweepPoint]) -> String {
    /// Where a column's share is in a point.
    enum Column {
        Proposal(String),
        State(String, String),
        Flag(String),
    }
    let mut header: Vec<String> = axes.iter().map(|(p, _)| p.clone()).collect();
    let mut columns: Vec<(String, Column)> = Vec::new();
    if let Some(first) = rows.first() {
        for (id, _) in first.proposals.iter() {
            columns.push((
                format!("proposal.{id}.adopted"),
                Column::Proposal(id.clone()),
            ));
        }
        for (label, states) in first.statuses.iter() {
            for (state, _) in states.iter() {
                columns.push((
                    format!("status.{label}.{state}"),
                    Column::State(label.clone(), state.clone()),
                ));
            }
        }
        for (id, _) in first.flags.iter() {
            columns.push((format!("flag.{id}"), Column::Flag(id.clone())));
        }
    }
    for (name, _) in &columns {
        header.extend([
            format!("{name}.p"),
            format!("{name}.lo"),
            format!("{name}.hi"),
        ]);
    }
    let mut w = crate::csv_out::Writer::new(&header);
    for row in rows {
        let mut cells: Vec<String> = axes
            .iter()
            .map(|(p, _)| row.point.get(p).cloned().unwrap_or_default())
            .collect();
        for (_, column) in &columns {
            let share = match column {
                Column::Proposal(id) => row.proposals.get(id).map(|a| a.adopted),
                Column::State(label, state) => {
                    row.statuses.get(label).and_then(|s| s.get(state)).copied()
                }
                Column::Flag(id) => row.flags.get(id).copied(),
            };
            // A point without the column's item (a --vary that renames it) shows `null`.
            cells.extend(match share {
                Some(v) => [v.p, v.lo, v.hi].map(super::mc::json_number),
                None => ["null", "null", "null"].map(String::from),
            });
        }
        w.row(&cells);
    }
    w.finish()
}
