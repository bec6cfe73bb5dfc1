//! `statecraft calibrate`: fits the settings a scenario declares uncertain to the observed
//! outcomes before its cut-off (importance sampling from the prior over a Latin hypercube of
//! draws, common random numbers: `rules::calibrate`), prints prior and posterior per setting
//! and the Brier scores before and after, and can write the fitted values as a variant.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use clap::Args;
use statecraft_model::Model;
use statecraft_rules::batch::Runs;
use statecraft_rules::calibrate::{Calibration, Fit, Plan};
use statecraft_rules::grid::MAX_POINTS;
use statecraft_rules::mc::CHUNK;

use crate::args::BatchArgs;
use crate::error::{CliError, CliResult};
use crate::format::{Accepted, Format};
use crate::progress::Progress;
use crate::text as safe;
use crate::ui::Ui;

/// What `calibrate` prints.
const FORMATS: &[Accepted] = &[(Format::Text, "for people"), (Format::Json, "")];

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  statecraft calibrate scenarios/mechanisms/uncertain-settings.toml --runs 400 --draws 64\n  statecraft calibrate forecast.toml --out forecast-calibrated.toml\n\nFits the [[uncertain]] settings to the [[observed]] outcomes dated on or before the cut-off\n(all of them without one): K draws from the prior (a Latin hypercube from the seed), N runs\nat each with the same random streams, each draw weighted by the likelihood of what was\nobserved. A setting whose posterior sd stays above 0.9 of the prior's is NOT IDENTIFIED.\n\nExit status: 0 fitted, 1 the scenario is invalid, declares nothing uncertain or has no\nobserved outcome to fit."
)]
pub struct CalibrateArgs {
    /// The scenario file.
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,
    /// Runs per draw (at least 1).
    #[arg(long, default_value_t = 1000, value_parser = crate::args::runs())]
    pub runs: u64,
    /// Draws from the prior (1 to 10000).
    #[arg(long, default_value_t = 100, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_POINTS as u64))]
    pub draws: usize,
    #[command(flatten)]
    pub batch: BatchArgs,
    /// Output format.
    #[arg(long, value_parser = Format::parser(FORMATS), default_value = "text")]
    pub format: Format,
    /// Write the fitted values as a variant that extends FILE (identified settings at their
    /// posterior means, the others at the scenario's values).
    #[arg(long, value_name = "VARIANT.toml", value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

/// Per observed outcome of `model`, the runs in which it held, on `pool` with the bar.
pub fn held(model: &Model, runs: Runs, pool: &rayon::ThreadPool, progress: &Progress) -> Vec<u64> {
    progress.run(pool, |report| {
        statecraft_rules::score::held_counts(model, runs, report)
    })
}

pub fn run(args: &CalibrateArgs, out: &mut dyn Write, err: &mut dyn Write, ui: &Ui) -> CliResult {
    let (_, model) = super::load_model(&args.file, &[], err, ui.color_stderr)?;
    let seed = args.batch.seed;
    let plan = Plan::new(&model, args.draws, seed).map_err(|why| {
        CliError::invalid(format!(
            "{} {why}",
            safe::inert(&args.file.display().to_string())
        ))
    })?;
    let pool = crate::progress::thread_pool(args.batch.threads, args.runs.div_ceil(CHUNK))?;
    let progress = Progress::new(
        args.runs.saturating_mul(plan.draws.len() as u64 + 2),
        ui.progress && !args.batch.quiet,
    );
    let runs = Runs::all(seed, args.runs);
    let base = held(&model, runs, &pool, &progress);
    let mut draws = Vec::with_capacity(plan.draws.len());
    for d in 0..plan.draws.len() {
        let (_, at) =
            super::load_model(&args.file, &plan.settings(&model, d), err, ui.color_stderr)?;
        draws.push(held(&at, runs, &pool, &progress));
    }
    let fit = Fit::new(&model, &draws, args.runs);
    let settings = fit.settings(&model, &plan);
    let (_, fitted_model) = super::load_model(&args.file, &settings, err, ui.color_stderr)?;
    let fitted = held(&fitted_model, runs, &pool, &progress);
    drop(progress);
    let calibration = Calibration::new(&model, &plan, &fit, &base, &fitted, args.runs, seed);
    if let Some(path) = &args.out {
        let variant = variant(&args.file, path, &model, &calibration)?;
        crate::output::emit(&variant, Some(path), out)?;
    }
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&calibration).unwrap_or_default() + "\n",
        // Text: `FORMATS` admits nothing else.
        _ => text(&args.file.display().to_string(), &calibration),
    };
    crate::output::emit(&text, None, out)
}

/// A number for a table: at most four significant decimals.
pub fn num(v: f64) -> String {
    let r = (v * 10_000.0).round() / 10_000.0;
    format!("{}", if r == 0.0 { 0.0 } else { r })
}

fn text(file: &str, c: &Calibration) -> String {
    let mut t = format!(
        "{} ({})  {} runs × {} draws, seed {}, scenario {}\n",
        safe::inert(&c.scenario),
        safe::inert(file),
        c.runs,
        c.draws,
        c.seed,
        c.scenario_hash
    );
    match &c.as_of {
        Some(as_of) => t.push_str(&format!(
            "fitted to {} observed outcome{} on or before {as_of}; {} after it kept to test the fit\n",
            c.fitted_to.len(),
            if c.fitted_to.len() == 1 { "" } else { "s" },
            c.after_cut_off.len()
        )),
        None => t.push_str(&format!(
            "no cut-off: fitted to all {} observed outcomes, so none is left to test the fit\n",
            c.fitted_to.len()
        )),
    }
    let width = (c.parameters.iter())
        .map(|p| p.path.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    t.push_str(&format!(
        "  {:width$}  {:44}  {:>8}  {:>9}  {:>15}\n",
        "parameter", "prior", "scenario", "posterior", "90% interval"
    ));
    for p in &c.parameters {
        let prior = match p.mode {
            Some(mode) => format!(
                "triangular [{}, {}] mode {}",
                num(p.low),
                num(p.high),
                num(mode)
            ),
            None => format!("uniform [{}, {}]", num(p.low), num(p.high)),
        };
        t.push_str(&format!(
            "  {:width$}  {:44}  {:>8}  {:>9}  {:>15}{}\n",
            safe::inert(&p.path),
            format!("{prior}, mean {}", num(p.prior_mean)),
            num(p.value),
            num(p.mean),
            format!("{}–{}", num(p.q05), num(p.q95)),
            if p.identified { "" } else { "  NOT IDENTIFIED" }
        ));
    }
    t.push_str(&format!(
        "effective sample size {:.1} of {} draws\n",
        c.effective_sample_size, c.draws
    ));
    t.push_str(&format!(
        "mean Brier on the {} fitted outcomes: {:.3} at the scenario's values, {:.3} at the fitted values\n",
        c.fitted_to.len(),
        c.before.fitted,
        c.after.fitted
    ));
    match (c.before.after_cut_off, c.after.after_cut_off) {
        (Some(b), Some(a)) => t.push_str(&format!(
            "mean Brier on the {} outcomes after the cut-off (the honest test): {b:.3} at the scenario's values, {a:.3} at the fitted values\n",
            c.after_cut_off.len()
        )),
        _ => t.push_str("no outcome after the cut-off: the fit is not tested out of sample\n"),
    }
    for p in c.parameters.iter().filter(|p| !p.identified) {
        t.push_str(&format!(
            "NOT IDENTIFIED: {} (posterior sd {} against the prior's {}): the outcomes barely constrain it; the fit keeps the scenario's value\n",
            safe::inert(&p.path),
            num(p.sd),
            num(p.prior_sd)
        ));
    }
    t
}

/// The variant file that sets each parameter to its fitted value, extending `file`
/// (written relative to the variant's folder).
fn variant(file: &Path, out: &Path, model: &Model, c: &Calibration) -> CliResult<String> {
    let extends = relative(file, out)?;
    let mut t = format!(
        "# Written by `statecraft calibrate` ({} runs × {} draws, seed {}): each uncertain setting of\n# {} at its posterior mean where the outcomes identify it (else its own value), fitted to {} observed outcome{}{}.\n[scenario]\nid = {}\nextends = {}\n",
        c.runs,
        c.draws,
        c.seed,
        file.display(),
        c.fitted_to.len(),
        if c.fitted_to.len() == 1 { "" } else { "s" },
        c.as_of
            .as_ref()
            .map_or_else(String::new, |d| format!(" on or before {d}")),
        toml_string(&format!("{}-calibrated", model.id())),
        toml_string(&extends),
    );
    let mut header = Vec::new();
    // One item per (section, id), its keys in the order of the declarations: a variant may
    // not override the same item twice.
    let mut items: Vec<((String, String), String)> = Vec::new();
    for (p, u) in c.parameters.iter().zip(model.uncertain()) {
        let value = statecraft_rules::calibrate::value_text(u, p.fitted);
        let segments: Vec<&str> = p.path.split('.').collect();
        let comment = format!(
            "# {}: {} in the scenario; posterior mean {}, 90% interval {}–{}{}\n",
            p.id,
            num(p.value),
            num(p.mean),
            num(p.q05),
            num(p.q95),
            if p.identified {
                ""
            } else {
                " (NOT IDENTIFIED: the scenario's value kept)"
            }
        );
        match segments.as_slice() {
            ["scenario", keys @ ..] => {
                header.push(format!("{comment}{} = {value}\n", keys.join(".")));
            }
            [section, id, keys @ ..] => {
                let line = format!("{comment}{} = {value}\n", keys.join("."));
                let key = ((*section).to_owned(), (*id).to_owned());
                match items.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, body)) => body.push_str(&line),
                    None => items.push((key, line)),
                }
            }
            _ => {}
        }
    }
    for ((section, id), body) in &items {
        t.push_str(&format!(
            "\n[[{section}]]\nid = {}\noverride = true\n{body}",
            toml_string(id)
        ));
    }
    if !header.is_empty() {
        // Header keys belong under [scenario], before the first item.
        let at = t.find("\n\n").unwrap_or(t.len());
        t.insert_str(at, &format!("\n{}", header.concat()));
    }
    Ok(t)
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `target`'s path from the folder of `from` (both made absolute), with `/` separators.
fn relative(target: &Path, from: &Path) -> CliResult<String> {
    let absolute = |p: &Path| -> CliResult<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir()
                .map_err(|e| CliError::invalid(format!("cannot read the current folder: {e}")))?
                .join(p)
        };
        // Lexically normalised: `..` and `.` resolved without touching the file system.
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        Ok(out)
    };
    let target = absolute(target)?;
    let dir = absolute(from)?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (t, d): (Vec<_>, Vec<_>) = (target.components().collect(), dir.components().collect());
    let common = t.iter().zip(&d).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); d.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    Ok(parts.join("/"))
}
