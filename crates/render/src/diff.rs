//! `statecraft diff`: where two runs part and how their final states differ, and paired
//! probability differences.

use statecraft_rules::paired::{Compared, Comparison, Difference};
use statecraft_rules::percent::Percent;
use statecraft_rules::run_diff::RunDiff;
use statecraft_rules::summary::Share;

/// Where the timelines part, and the final states' differences.
pub fn run_text(diff: &RunDiff) -> String {
    let mut s = String::new();
    match &diff.first_difference {
        None => s.push_str("The timelines are identical.\n"),
        Some(first) => {
            s.push_str(&format!(
                "The timelines part at {} (line {}):\n",
                first.date, first.line
            ));
            for (label, lines) in ["A", "B"].into_iter().zip(&first.context) {
                for l in lines {
                    s.push_str(&format!("  {label} {l}\n"));
                }
                if lines.is_empty() {
                    s.push_str(&format!("  {label} (timeline ends)\n"));
                }
            }
        }
    }
    if diff.changes.is_empty() {
        s.push_str("\nThe final states are identical.\n");
    } else {
        s.push_str("\nFinal state, A → B:\n");
        for c in &diff.changes {
            s.push_str(&format!("  {c}\n"));
        }
    }
    s
}

pub fn probabilities_text(c: &Comparison) -> String {
    let p = |v: &Share| format!("{:>6}", Percent::of_share(v.p));
    let d = |v: &Difference| {
        format!(
            "{:+6.1} pts [{:+.1}, {:+.1}]",
            v.d * 100.0,
            v.lo * 100.0,
            v.hi * 100.0
        )
    };
    let mut s = format!(
        "A: {}   B: {}   {} paired runs, seed {} (common random numbers)\n\n",
        c.a, c.b, c.runs, c.seed
    );
    s.push_str(&format!(
        "{:<44} {:>7} {:>7}  {}\n",
        "", "A", "B", "B − A (95% interval)"
    ));
    let mut line = |label: String, e: &Compared| {
        s.push_str(&format!(
            "{:<44} {:>7} {:>7}  {}\n",
            label,
            p(&e.a),
            p(&e.b),
            d(&e.difference)
        ));
    };
    for (id, v) in c.proposals.iter() {
        line(format!("{id} adopted"), &v.adopted);
    }
    for (label, states) in c.statuses.iter() {
        for (state, e) in states.iter() {
            line(format!("{label} {state}"), e);
        }
    }
    for (id, e) in c.flags.iter() {
        line(format!("flag {id}"), e);
    }
    s
}
