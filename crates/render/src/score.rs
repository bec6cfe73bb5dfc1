//! `statecraft score` and `merge` of its shards: scores for people (a table per file, a
//! calibration table, a ranking) and as JSON.

use serde::Serialize;
use statecraft_rules::percent::Percent;
use statecraft_rules::score::Score;

use crate::text as safe;

/// Several files' scores, as `--format json` prints them.
#[derive(Serialize)]
struct Comparison<'a> {
    scores: Vec<Scored<'a>>,
    /// File indices ranked by mean Brier score, best first (ties keep file order).
    ranking: Vec<Ranked<'a>>,
}

#[derive(Serialize)]
struct Scored<'a> {
    file: String,
    #[serde(flatten)]
    score: &'a Score,
}

#[derive(Serialize)]
struct Ranked<'a> {
    file: String,
    scenario: &'a str,
    brier: f64,
    log_score: f64,
    n: usize,
}

/// File indices ranked by mean Brier score, best first (ties keep file order).
fn ranking(scores: &[(String, Score)]) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..scores.len()).collect();
    ranking.sort_by(|&a, &b| scores[a].1.brier.total_cmp(&scores[b].1.brier));
    ranking
}

/// Scores of one or more files (each with its name as given) as JSON: one file's `Score`, or
/// several with their ranking.
pub fn json(scores: &[(String, Score)]) -> String {
    let ranking = ranking(scores);
    match scores {
        [(_, score)] => serde_json::to_string_pretty(score).unwrap_or_default() + "\n",
        _ => {
            let comparison = Comparison {
                scores: scores
                    .iter()
                    .map(|(file, score)| Scored {
                        file: file.clone(),
                        score,
                    })
                    .collect(),
                ranking: ranking
                    .iter()
                    .map(|&i| {
                        let (file, s) = &scores[i];
                        Ranked {
                            file: file.clone(),
                            scenario: &s.scenario,
                            brier: s.brier,
                            log_score: s.log_score,
                            n: s.n,
                        }
                    })
                    .collect(),
            };
            serde_json::to_string_pretty(&comparison).unwrap_or_default() + "\n"
        }
    }
}

/// Scores of one or more files for people: a table each, then a ranking.
pub fn text(scores: &[(String, Score)]) -> String {
    let mut text = String::new();
    for (file, score) in scores {
        text.push_str(&table(file, score));
    }
    if scores.len() > 1 {
        text.push_str("\nranked by mean Brier score (lower is better):\n");
        for (rank, &i) in ranking(scores).iter().enumerate() {
            let (file, s) = &scores[i];
            text.push_str(&format!(
                "  {}. {:.3}  log {:.3}  n {}  {}\n",
                rank + 1,
                s.brier,
                s.log_score,
                s.n,
                safe::inert(file)
            ));
        }
    }
    text
}

/// One scenario's scores, for people.
pub fn table(file: &str, s: &Score) -> String {
    let mut t = format!(
        "{} ({})  {} runs, seed {}, scenario {}\n",
        safe::inert(&s.scenario),
        safe::inert(file),
        s.runs,
        s.seed,
        s.scenario_hash
    );
    if let Some(as_of) = &s.as_of {
        t.push_str(&crate::text::cut_off_line(as_of, &s.left_out));
        let known = &s.known_before_cut_off;
        if !known.is_empty() {
            t.push_str(&format!(
                "as of {as_of}: {} observed outcome{} known by then not scored ({})\n",
                known.len(),
                if known.len() == 1 { "" } else { "s" },
                safe::inert(&known.join(", "))
            ));
        }
    }
    let width = s
        .items
        .iter()
        .map(|i| i.id.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    t.push_str(&format!(
        "  {:width$}  {:10}  {:>6}  {:>12}  {:8}  {:>5}  {:>6}\n",
        "outcome", "at", "p", "95% CI", "happened", "Brier", "log"
    ));
    for i in &s.items {
        let ci = format!(
            "{}–{}",
            Percent::of_share(i.lo).number(),
            Percent::of_share(i.hi)
        );
        t.push_str(&format!(
            "  {:width$}  {:10}  {:>6}  {:>12}  {:8}  {:>5.3}  {:>6.2}\n",
            safe::inert(&i.id),
            i.at,
            Percent::of_share(i.p).to_string(),
            ci,
            if i.outcome { "yes" } else { "no" },
            i.brier,
            i.log_score
        ));
    }
    t.push_str(&format!(
        "mean Brier {:.3} over {} outcome{} (always 50%: {:.3}; always the base rate {}: {:.3})\n",
        s.brier,
        s.n,
        if s.n == 1 { "" } else { "s" },
        s.brier_of_half,
        Percent::of_share(s.base_rate),
        s.brier_of_base_rate
    ));
    t.push_str(&format!(
        "mean log score {:.3} (forecasts clipped to [1/(2N), 1 - 1/(2N)])\n",
        s.log_score
    ));
    t.push_str(
        "calibration (forecasts binned by probability):\n  bin       count  forecast  happened\n",
    );
    for b in &s.calibration {
        // Bins are tenths: print their bounds as whole percents.
        let bin = format!("{}–{}%", (b.lo * 100.0).round(), (b.hi * 100.0).round());
        let show =
            |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| Percent::of_share(v).to_string());
        t.push_str(&format!(
            "  {:8}  {:>5}  {:>8}  {:>8}\n",
            bin,
            b.count,
            show(b.mean_forecast),
            show(b.observed_frequency)
        ));
    }
    t
}
