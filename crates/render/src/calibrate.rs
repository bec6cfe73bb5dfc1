//! `statecraft calibrate` and `merge` of its shards: the fit for people, each setting's prior
//! and posterior, the verdicts, and the scores before and after.

use statecraft_model::Model;
use statecraft_rules::calibrate::Calibration;

use crate::text as safe;

/// A number for a table: at most four significant decimals.
pub fn num(v: f64) -> String {
    let r = (v * 10_000.0).round() / 10_000.0;
    format!("{}", if r == 0.0 { 0.0 } else { r })
}

pub fn text(file: &str, c: &Calibration) -> String {
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
            match (p.read, p.identified) {
                (false, _) => "  NOT READ",
                (true, false) => "  NOT IDENTIFIED",
                (true, true) => "",
            }
        ));
    }
    t.push_str(&format!(
        "effective sample size {:.1} of {} draws\n",
        c.effective_sample_size, c.draws
    ));
    if c.dependent.is_empty() {
        t.push_str("likelihood: no two fitted outcomes move together in the runs; the product of their shares\n");
    } else {
        let blocks: Vec<String> = (c.dependent.iter())
            .map(|b| safe::inert(&b.join(", ")).into_owned())
            .collect();
        t.push_str(&format!(
            "likelihood: joint over the outcomes that move together in the runs ({}), the others one by one\n",
            blocks.join("; ")
        ));
    }
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
    for p in &c.parameters {
        if !p.read {
            t.push_str(&format!(
                "NOT READ: {}: no fitted outcome moves between the ends of its range; the fit keeps the scenario's value\n",
                safe::inert(&p.path)
            ));
        } else if !p.identified {
            t.push_str(&format!(
                "NOT IDENTIFIED: {} (posterior sd {} against the prior's {}): the outcomes barely constrain it alone; the fit takes its posterior mean, as it moves with the others\n",
                safe::inert(&p.path),
                num(p.sd),
                num(p.prior_sd)
            ));
        }
    }
    t
}

/// The fitted variant as a TOML file that `extends` the calibrated one (`file`, reached from
/// the variant's folder as `extends`): each setting at its fitted value, with a comment
/// giving its posterior.
pub fn variant(file: &str, extends: &str, model: &Model, c: &Calibration) -> String {
    let mut t = format!(
        "# Written by `statecraft calibrate` ({} runs × {} draws, seed {}): each uncertain setting of\n# {} at its posterior mean where the outcomes read it (else its own value), fitted to {} observed outcome{}{}.\n[scenario]\nid = {}\nextends = {}\n",
        c.runs,
        c.draws,
        c.seed,
        file,
        c.fitted_to.len(),
        if c.fitted_to.len() == 1 { "" } else { "s" },
        c.as_of
            .as_ref()
            .map_or_else(String::new, |d| format!(" on or before {d}")),
        toml_string(&format!("{}-calibrated", model.id())),
        toml_string(extends),
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
            match (p.read, p.identified) {
                (false, _) => " (NOT READ by the outcomes: the scenario's value kept)",
                (true, false) => " (NOT IDENTIFIED alone)",
                (true, true) => "",
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
    t
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}
