//! `statecraft report`: one self-contained HTML page — the timeline, indicator charts (one
//! run, or Monte Carlo quantile bands), outcome probabilities, and with `--runs` on a scenario
//! with observed outcomes after its cut-off, the forecast score and a reliability diagram
//! (`reliability.rs`). No scripts, no external files; every string that comes from a
//! scenario is escaped.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use statecraft_model::Model;
use statecraft_model::calendar::date_of_day;
use statecraft_rules::mc::{Batch, CHUNK};
use statecraft_rules::percent::Percent;
use statecraft_rules::run::run_recorded;
use statecraft_rules::run_summary::FinalState;
use statecraft_rules::summary::{McSummary, QuantilePoint, Share};

use crate::args::BatchArgs;
use crate::error::CliResult;
use crate::progress::Progress;
use crate::ui::Ui;

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft report scenarios/south-caucasus/baseline.toml --out baseline.html\n  statecraft report baseline.toml --runs 10000 --out baseline-mc.html"
)]
pub struct ReportArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Add Monte Carlo probabilities and quantile bands over this many runs (at least 1).
    #[arg(long, value_parser = crate::args::runs())]
    pub runs: Option<u64>,
    /// With --runs: the probabilities at the end of the step that contains DATE (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "runs", value_parser = crate::args::date())]
    pub at: Option<statecraft_model::calendar::CivilDate>,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Override a value: PATH=VALUE (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Write the page here (atomically) instead of standard output.
    #[arg(long, value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
    /// Memory allowed for the quantile bands' histograms with --runs, in MiB over all threads
    /// (docs/limits.md).
    #[arg(long, value_name = "MIB", default_value_t = statecraft_rules::mc::DEFAULT_QUANTILE_MEMORY_MIB)]
    pub quantile_memory: u64,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn run(args: &ReportArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &args.sets, err, ui.color_stderr)?;
    let seed = args.batch.seed;
    let report = run_recorded(&model, seed);
    let single = FinalState::new(&model, &report);
    let mc = match args.runs {
        Some(runs) => {
            let model = &super::mc::cut_at(model.clone(), args.at)?;
            let batch = Batch {
                seed,
                first: 0,
                runs,
                histograms: true,
            };
            let progress = Progress::new(runs, ui.progress && !args.batch.quiet);
            let aggregate = super::mc::batch(
                model,
                batch,
                args.batch.threads,
                &progress,
                args.quantile_memory,
            )?;
            drop(progress);
            let mut summary = McSummary::new(model, &aggregate, seed);
            summary.until = args.at.map(|d| d.to_string());
            Some(summary)
        }
        None => None,
    };
    // Forecasts scored against the observed outcomes after the cut-off: the batch `score`
    // runs (same seed and runs, so the same numbers), on the whole scenario whatever `--at`.
    let score = match args.runs {
        Some(runs) if !model.observed().is_empty() => {
            let pool = crate::progress::thread_pool(args.batch.threads, runs.div_ceil(CHUNK))?;
            let progress = Progress::new(runs, ui.progress && !args.batch.quiet);
            let score = progress.run(&pool, |report| {
                statecraft_rules::score::score(&model, seed, runs, report)
            });
            drop(progress);
            score
        }
        _ => None,
    };
    let mut html = page(&model, &report, &single, mc.as_ref());
    if let Some(score) = &score {
        // Before the indicator charts, after the outcome probabilities.
        let at = html.find("<h2>Indicators</h2>").unwrap_or(html.len());
        html.insert_str(at, &super::reliability::section(score));
    }
    crate::output::emit(&html, args.out.as_deref(), out)
}

fn page(
    model: &Model,
    report: &statecraft_rules::run::RunReport,
    single: &FinalState,
    mc: Option<&McSummary>,
) -> String {
    let mut h = String::new();
    let title = escape(model.title());
    let _ = write!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\n<style>\
         body{{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}}\
         table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}}\
         td.n{{text-align:right;font-variant-numeric:tabular-nums}}.k{{color:#666;white-space:nowrap}}.fx{{color:#555;font-size:90%}}\
         svg{{background:#fafafa;border:1px solid #eee}}h2{{margin-top:2em}}</style></head><body>\n"
    );
    let _ = writeln!(
        h,
        "<h1>{title}</h1><p>Scenario <code>{}</code>, {} to {}, seed {}; statecraft {}.</p>",
        escape(model.id()),
        model.calendar().start,
        model.calendar().end,
        report.seed,
        env!("CARGO_PKG_VERSION")
    );
    if let Some(mc) = mc {
        let _ = writeln!(
            h,
            "<h2>Outcome probabilities ({} runs{})</h2><table><tr><th>proposal</th><th>adopted</th><th>failed</th><th>pending</th></tr>",
            mc.runs,
            mc.until
                .as_deref()
                .map(|u| format!(", at {}", escape(u)))
                .unwrap_or_default()
        );
        for (id, p) in mc.proposals.iter() {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                escape(id),
                pct(&p.adopted),
                pct(&p.failed),
                pct(&p.pending)
            );
        }
        h.push_str("</table>\n<table><tr><th>status</th><th>final state: share of runs</th></tr>");
        for (actor, by_status) in mc.statuses.iter() {
            for (status, states) in by_status.iter() {
                let cells: Vec<String> = states
                    .iter()
                    .map(|(s, v)| format!("{} {}", escape(s), pct(v)))
                    .collect();
                let _ = writeln!(
                    h,
                    "<tr><td>{}.{}</td><td>{}</td></tr>",
                    escape(actor),
                    escape(status),
                    cells.join(" · ")
                );
            }
        }
        h.push_str("</table>\n");
    }
    h.push_str("<h2>Indicators</h2>\n");
    for ind in model.indicators() {
        for slot in ind.slots() {
            let label = model.slot_label(slot);
            let band = mc.and_then(|m| m.indicators.get(&label));
            h.push_str(&chart(
                model,
                &label,
                ind.min,
                ind.max,
                &report.series(slot),
                band.map(Vec::as_slice),
            ));
        }
    }
    let _ = writeln!(
        h,
        "<h2>Timeline (seed {})</h2><table><tr><th>date</th><th>kind</th><th>what happened</th></tr>",
        report.seed
    );
    for e in &report.timeline {
        let mut what = escape(&e.text);
        for note in e.notes() {
            let _ = write!(what, "<br><span class=fx>↳ {}</span>", escape(note));
        }
        if !e.sources.is_empty() {
            let _ = write!(
                what,
                " <span class=fx>[{}]</span>",
                escape(&e.sources.join(", "))
            );
        }
        let _ = writeln!(
            h,
            "<tr><td class=k>{}</td><td class=k>{}</td><td>{what}</td></tr>",
            date_of_day(e.day),
            e.kind.name()
        );
    }
    h.push_str("</table>\n<h2>Final state (seed run)</h2><table>");
    for (id, p) in single.proposals.iter() {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{} {}</td></tr>",
            escape(id),
            p.outcome.name(),
            escape(p.decided.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</table>\n</body></html>\n");
    h
}

fn pct(v: &Share) -> String {
    format!(
        "{} <span class=fx>[{}–{}]</span>",
        Percent::of_share(v.p),
        Percent::of_share(v.lo).number(),
        Percent::of_share(v.hi).number()
    )
}

/// An SVG line chart with an optional 5–95% and 25–75% band.
fn chart(
    model: &Model,
    label: &str,
    min: f64,
    max: f64,
    values: &[f64],
    band: Option<&[QuantilePoint]>,
) -> String {
    let (w, hgt, pad) = (640.0, 180.0, 30.0);
    let steps = model.calendar().len().max(2) as f64;
    let x = |i: usize| pad + (w - 2.0 * pad) * i as f64 / (steps - 1.0);
    let y = |v: f64| hgt - pad - (hgt - 2.0 * pad) * ((v - min) / (max - min)).clamp(0.0, 1.0);
    let mut s = format!(
        "<figure><figcaption>{}</figcaption><svg width=\"{w}\" height=\"{hgt}\" viewBox=\"0 0 {w} {hgt}\" role=\"img\">",
        escape(label)
    );
    let _ = write!(
        s,
        "<text x=\"2\" y=\"{:.0}\" font-size=\"10\">{}</text><text x=\"2\" y=\"{:.0}\" font-size=\"10\">{}</text>",
        y(max) + 4.0,
        fmt(max),
        y(min),
        fmt(min)
    );
    if let Some(points) = band {
        // A quantile that is not a number (no runs) is drawn at the bottom.
        let at = |v: f64| y(if v.is_finite() { v } else { min });
        type Quantile = fn(&QuantilePoint) -> f64;
        let bands: [(Quantile, Quantile, f64); 2] =
            [(|p| p.q05, |p| p.q95, 0.15), (|p| p.q25, |p| p.q75, 0.3)];
        for (lo, hi, opacity) in bands {
            let upper: Vec<String> = points
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{:.1},{:.1}", x(i), at(hi(p))))
                .collect();
            let lower: Vec<String> = points
                .iter()
                .enumerate()
                .rev()
                .map(|(i, p)| format!("{:.1},{:.1}", x(i), at(lo(p))))
                .collect();
            let _ = write!(
                s,
                "<polygon fill=\"#3366cc\" fill-opacity=\"{opacity}\" points=\"{} {}\"/>",
                upper.join(" "),
                lower.join(" ")
            );
        }
    }
    let line: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    let _ = write!(
        s,
        "<polyline fill=\"none\" stroke=\"#cc3300\" stroke-width=\"1.5\" points=\"{}\"/>",
        line.join(" ")
    );
    let _ = write!(
        s,
        "<text x=\"{pad}\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
        hgt - 8.0,
        model.calendar().start,
        w - pad,
        hgt - 8.0,
        model.calendar().end
    );
    s.push_str("</svg></figure>\n");
    s
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}
