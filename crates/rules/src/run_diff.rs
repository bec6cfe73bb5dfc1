//! Two single runs compared (`diff` without `--runs`): where their timelines part, and every
//! value of their final states that differs. [`RunDiff`]'s serialisation is the JSON of
//! `diff --format json`; the text output reads its fields.

use serde::{Serialize, Serializer};
use statecraft_model::log::Entry;

use crate::run_summary::{FinalState, IndicatorValue, ProposalResult, RunSummary, TimelineLine};
use crate::summary::Keyed;

/// Lines of each timeline shown from where they part.
const CONTEXT_LINES: usize = 3;

/// Run A against run B.
#[derive(Clone, Debug, Serialize)]
pub struct RunDiff {
    /// Scenario ids.
    pub a: String,
    pub b: String,
    pub seed: u64,
    pub first_difference: Option<FirstDifference>,
    /// Every final-state value that differs, in the scenario's order.
    pub changes: Vec<Change>,
}

/// The first timeline line where the runs differ.
#[derive(Clone, Debug, Serialize)]
pub struct FirstDifference {
    /// Counted from 1.
    pub line: usize,
    /// The line in each run (`None`: that timeline has ended), as [`line_text`] writes it.
    pub a: Option<String>,
    pub b: Option<String>,
    /// The date of that line (A's, or B's if A has ended).
    #[serde(skip)]
    pub date: String,
    /// Up to three lines of each timeline from there.
    #[serde(skip)]
    pub context: [Vec<String>; 2],
}

/// One value that differs: `path: a → b`, where a side that lacks it is `None` (`(absent)`).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Dotted: `section.id[.key]`.
    pub path: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "(absent)".to_owned());
        write!(f, "{}: {} → {}", self.path, side(&self.a), side(&self.b))
    }
}

/// Serialised as its one line, as the JSON contract has it.
impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A timeline line as `run` and `diff` show it: `YYYY-MM-DD  kind        text`.
pub fn line_text(line: &TimelineLine) -> String {
    let e = &line.entry;
    format!("{}  {:<11} {}", line.date, e.kind.name(), e.text)
}

impl RunDiff {
    /// Compares `a` with `b`, two runs under `seed`.
    pub fn new(a: &RunSummary, b: &RunSummary, seed: u64) -> RunDiff {
        // Lines are compared by step, kind and text: a line dated later in the same month only
        // because the other file added an earlier event is not a difference.
        let key = |l: &TimelineLine| {
            let e: &Entry = &l.entry;
            (e.step, e.kind, e.text.clone())
        };
        let ka: Vec<_> = a.timeline.iter().map(key).collect();
        let kb: Vec<_> = b.timeline.iter().map(key).collect();
        let first = (ka.iter().zip(&kb))
            .position(|(x, y)| x != y)
            .or((ka.len() != kb.len()).then(|| ka.len().min(kb.len())));
        let first_difference = first.map(|i| {
            let texts = |run: &RunSummary| -> Vec<String> {
                run.timeline
                    .iter()
                    .skip(i)
                    .take(CONTEXT_LINES)
                    .map(line_text)
                    .collect()
            };
            let date = (a.timeline.get(i).or(b.timeline.get(i)))
                .map(|l| l.date.clone())
                .unwrap_or_default();
            FirstDifference {
                line: i + 1,
                a: a.timeline.get(i).map(line_text),
                b: b.timeline.get(i).map(line_text),
                date,
                context: [texts(a), texts(b)],
            }
        });
        RunDiff {
            a: a.scenario.clone(),
            b: b.scenario.clone(),
            seed,
            first_difference,
            changes: a.end.changes_to(&b.end),
        }
    }
}

impl FinalState {
    /// Every value that differs from `self` to `other`, section by section.
    pub fn changes_to(&self, other: &FinalState) -> Vec<Change> {
        let mut out = Vec::new();
        self.proposals
            .compare("proposals", &other.proposals, &mut out);
        self.statuses.compare("statuses", &other.statuses, &mut out);
        self.flags.compare("flags", &other.flags, &mut out);
        self.indicators
            .compare("indicators", &other.indicators, &mut out);
        self.offices.compare("offices", &other.offices, &mut out);
        out
    }
}

/// A part of a final state that can be compared with its counterpart in another run.
trait Compare {
    /// Pushes a [`Change`] for every leaf below `path` that differs.
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>);
    /// The value as a change shows it.
    fn shown(&self) -> String;
}

/// A leaf: one change if the values differ.
fn leaf<T: Compare + PartialEq>(path: &str, a: &T, b: &T, out: &mut Vec<Change>) {
    if a != b {
        out.push(Change {
            path: path.to_owned(),
            a: Some(a.shown()),
            b: Some(b.shown()),
        });
    }
}

/// A structured value is shown as compact JSON.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

impl<T: Compare + Serialize> Compare for Keyed<T> {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        for (key, a) in self.iter() {
            let path = format!("{path}.{key}");
            match other.get(key) {
                Some(b) => a.compare(&path, b, out),
                None => out.push(Change {
                    path,
                    a: Some(a.shown()),
                    b: None,
                }),
            }
        }
        for (key, b) in other.iter().filter(|(key, _)| self.get(key).is_none()) {
            let path = format!("{path}.{key}");
            out.push(Change {
                path,
                a: None,
                b: Some(b.shown()),
            });
        }
    }
    fn shown(&self) -> String {
        json(self)
    }
}

impl Compare for ProposalResult {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        if self.outcome != other.outcome {
            out.push(Change {
                path: format!("{path}.outcome"),
                a: Some(self.outcome.name().to_owned()),
                b: Some(other.outcome.name().to_owned()),
            });
        }
        leaf(
            &format!("{path}.decided"),
            &self.decided,
            &other.decided,
            out,
        );
        leaf(
            &format!("{path}.attempts"),
            &f64::from(self.attempts),
            &f64::from(other.attempts),
            out,
        );
        leaf(
            &format!("{path}.vetoed_by"),
            &self.vetoed_by,
            &other.vetoed_by,
            out,
        );
    }
    fn shown(&self) -> String {
        json(self)
    }
}

impl Compare for IndicatorValue {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        match (self, other) {
            (IndicatorValue::Global(a), IndicatorValue::Global(b)) => a.compare(path, b, out),
            (IndicatorValue::ByActor(a), IndicatorValue::ByActor(b)) => a.compare(path, b, out),
            _ => leaf(path, self, other, out),
        }
    }
    fn shown(&self) -> String {
        match self {
            IndicatorValue::Global(x) => x.shown(),
            IndicatorValue::ByActor(_) => json(self),
        }
    }
}

impl Compare for f64 {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        // Not a number on both sides (JSON's `null`) is no difference.
        if !(self.is_nan() && other.is_nan()) {
            leaf(path, self, other, out);
        }
    }
    /// Rounded to hundredths; `null` when not a number.
    fn shown(&self) -> String {
        if self.is_finite() {
            format!("{}", (self * 100.0).round() / 100.0)
        } else {
            "null".to_owned()
        }
    }
}

impl Compare for String {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        leaf(path, self, other, out);
    }
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Compare for bool {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        leaf(path, self, other, out);
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

/// A date or a holder: `null` when none.
impl Compare for Option<String> {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        leaf(path, self, other, out);
    }
    fn shown(&self) -> String {
        self.clone().unwrap_or_else(|| "null".to_owned())
    }
}

/// Member ids: `[]` when empty, else as JSON.
impl Compare for Vec<String> {
    fn compare(&self, path: &str, other: &Self, out: &mut Vec<Change>) {
        leaf(path, self, other, out);
    }
    fn shown(&self) -> String {
        json(self)
    }
}

#[cfg(test)]
mod tests {
    use statecraft_model::state::Outcome;

    use super::*;

    fn state(outcome: Outcome, trust: f64, office: Option<&str>) -> FinalState {
        let proposal = ProposalResult {
            outcome,
            decided: (outcome != Outcome::Pending).then(|| "2025-02-01".to_owned()),
            attempts: 1,
            vetoed_by: Vec::new(),
        };
        FinalState {
            proposals: Keyed(vec![("aid".into(), proposal)]),
            statuses: Keyed::default(),
            flags: Keyed(vec![("open".into(), true)]),
            indicators: Keyed(vec![(
                "trust".into(),
                IndicatorValue::ByActor(Keyed(vec![("partner".into(), trust)])),
            )]),
            offices: Keyed(vec![("chair".into(), office.map(str::to_owned))]),
        }
    }

    #[test]
    fn changes_name_every_differing_leaf_in_order() {
        let a = state(Outcome::Adopted, 50.0, Some("incumbent"));
        let b = state(Outcome::Pending, 42.456, None);
        let lines: Vec<String> = a.changes_to(&b).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "proposals.aid.outcome: adopted → pending",
                "proposals.aid.decided: 2025-02-01 → null",
                "indicators.trust.partner: 50 → 42.46",
                "offices.chair: incumbent → null",
            ]
        );
        assert!(a.changes_to(&a).is_empty());
    }

    #[test]
    fn an_item_on_one_side_only_is_absent_on_the_other() {
        let a = state(Outcome::Adopted, 50.0, None);
        let mut b = a.clone();
        b.flags = Keyed(vec![("closed".into(), false)]);
        let lines: Vec<String> = a.changes_to(&b).iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "flags.open: true → (absent)",
                "flags.closed: (absent) → false"
            ]
        );
        assert_eq!(
            serde_json::to_string(&a.changes_to(&b)).unwrap(),
            r#"["flags.open: true → (absent)","flags.closed: (absent) → false"]"#
        );
    }
}
