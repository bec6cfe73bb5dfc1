//! Causes over many runs: for each cause (a member's objection under a policy in the last
//! vote, an event, a trigger, an office changing hands, a review's action), how often it
//! appeared among the runs that ended with each outcome. Counted from the typed records of
//! logged runs, through the one batch runner.

use std::collections::BTreeMap;

use serde::Serialize;
use statecraft_model::log::{Entry, ItemValue, Origin};
use statecraft_model::model::Model;
use statecraft_model::state::State;
use statecraft_model::vote::Vote;

use super::{Explained, Target, UnknownTarget, target};
use crate::batch::{self, Accumulator, Runs};
use crate::engine::Observer;

/// Something that happened in a run, as [`causes_over_runs`] counts it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunCause {
    /// A member not in favour in the last vote on the explained proposal, and the policy that
    /// decided (`None`: the scenario's default vote).
    Ballot {
        member: String,
        vote: Vote,
        policy: Option<String>,
    },
    Event {
        id: String,
    },
    Trigger {
        id: String,
    },
    /// An office changed hands.
    Appointment {
        office: String,
    },
    /// A review took an action.
    Action {
        review: String,
    },
}

/// The runs that ended with one outcome.
#[derive(Clone, Debug, Serialize)]
pub struct OutcomeRuns {
    /// The explained item's final value (an indicator's to two decimals).
    pub outcome: ItemValue,
    pub runs: u64,
}

/// One cause and how often it appeared, by outcome.
#[derive(Clone, Debug, Serialize)]
pub struct CauseRuns {
    #[serde(flatten)]
    pub cause: RunCause,
    /// By outcome, in the order of [`CauseFrequencies::outcomes`]: the runs with that
    /// outcome in which the cause appeared.
    pub runs: Vec<u64>,
    /// The same as shares of the runs with each outcome, in [0, 1].
    pub shares: Vec<f64>,
    /// The largest share minus the smallest: 0 for a cause that appears as often whatever
    /// the outcome (it tells outcomes apart not at all).
    pub spread: f64,
}

/// How often each cause appeared over a batch of runs, by final outcome.
#[derive(Clone, Debug, Serialize)]
pub struct CauseFrequencies {
    pub target: Explained,
    pub seed: u64,
    pub runs: u64,
    /// Each final outcome seen, in order of value.
    pub outcomes: Vec<OutcomeRuns>,
    /// Every cause seen, by spread (largest first), then by cause.
    pub causes: Vec<CauseRuns>,
}

/// A final outcome as runs are grouped by it: an indicator by its value to two decimals.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum OutcomeKey {
    Name(String),
    Bool(bool),
    Hundredths(i64),
}

impl OutcomeKey {
    fn of(value: ItemValue) -> OutcomeKey {
        match value {
            ItemValue::Number(v) => OutcomeKey::Hundredths((v * 100.0).round() as i64),
            ItemValue::Bool(b) => OutcomeKey::Bool(b),
            ItemValue::Name(n) => OutcomeKey::Name(n),
            ItemValue::None => OutcomeKey::Name(String::new()),
        }
    }

    fn value(self) -> ItemValue {
        match self {
            OutcomeKey::Name(n) => ItemValue::Name(n),
            OutcomeKey::Bool(b) => ItemValue::Bool(b),
            OutcomeKey::Hundredths(h) => ItemValue::Number(h as f64 / 100.0),
        }
    }
}

/// Keeps a run's log lines: a batch that explains needs every line of every run.
struct Lines<'a> {
    lines: &'a mut Vec<Entry>,
}

impl Observer for Lines<'_> {
    const LOGS: bool = true;
    fn entry(&mut self, entry: Entry) {
        self.lines.push(entry);
    }
    fn step_end(&mut self, _: &Model, _: &State) {}
}

/// A batch's record: runs by final outcome, and by cause and outcome.
struct CauseCounts<'m> {
    model: &'m Model,
    target: Target,
    /// The current run's lines (cleared at the start of each run).
    lines: Vec<Entry>,
    outcomes: BTreeMap<OutcomeKey, u64>,
    causes: BTreeMap<RunCause, BTreeMap<OutcomeKey, u64>>,
}

impl CauseCounts<'_> {
    /// The causes seen in the current run, each once.
    fn seen(&self) -> Vec<RunCause> {
        let model = self.model;
        let mut seen = Vec::new();
        if let Target::Proposal(p) = self.target
            && let Some(vote) = (self.lines.iter().rev())
                .find(|e| matches!(&e.origin, Origin::Vote(voted) if voted.contains(&p)))
                .and_then(|e| e.vote.as_ref())
        {
            seen.extend(
                (vote.ballots.iter())
                    .filter(|b| b.vote != Vote::For)
                    .map(|b| RunCause::Ballot {
                        member: model.actor(b.member_index).id.clone(),
                        vote: b.vote,
                        policy: b.policy_index.map(|p| model.policy(p).id.clone()),
                    }),
            );
        }
        for e in &self.lines {
            seen.push(match e.origin {
                Origin::Event(i) => RunCause::Event {
                    id: model.event(i).id.clone(),
                },
                Origin::Trigger(i) => RunCause::Trigger {
                    id: model.trigger(i).id.clone(),
                },
                Origin::Appointment(o) => RunCause::Appointment {
                    office: model.office(o).id.clone(),
                },
                Origin::Action(r) => RunCause::Action {
                    review: model.review(r).id.clone(),
                },
                // A decision follows from its tabling, which is the cause counted.
                Origin::Vote(_)
                | Origin::FormalAdoption(_)
                | Origin::CouncilVote { .. }
                | Origin::Review(_)
                | Origin::Decision(_)
                | Origin::Concession(_)
                | Origin::Lifted(_)
                | Origin::Tabled(_)
                | Origin::HeldBack(_) => continue,
            });
        }
        seen.sort();
        seen.dedup();
        seen
    }
}

impl Accumulator for CauseCounts<'_> {
    type Observer<'a>
        = Lines<'a>
    where
        Self: 'a;
    fn observer(&mut self, _: usize) -> Lines<'_> {
        self.lines.clear();
        Lines {
            lines: &mut self.lines,
        }
    }
    fn record(&mut self, _: u64, finals: &[State]) {
        let outcome = OutcomeKey::of(self.target.value(self.model, &finals[0]));
        for cause in self.seen() {
            *self
                .causes
                .entry(cause)
                .or_default()
                .entry(outcome.clone())
                .or_default() += 1;
        }
        *self.outcomes.entry(outcome).or_default() += 1;
    }
    fn merge(&mut self, later: Self) {
        for (o, k) in later.outcomes {
            *self.outcomes.entry(o).or_default() += k;
        }
        for (c, by) in later.causes {
            let mine = self.causes.entry(c).or_default();
            for (o, k) in by {
                *mine.entry(o).or_default() += k;
            }
        }
    }
}

/// Over `runs` logged runs: the final outcomes, and for each cause the runs of each outcome
/// in which it appeared. Causes are ranked by how differently often they appear across
/// outcomes: a cause present whatever the outcome explains nothing and sinks to the bottom.
pub fn causes_over_runs(
    model: &Model,
    id: &str,
    seed: u64,
    runs: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<CauseFrequencies, UnknownTarget> {
    let target = target(model, id)?;
    let CauseCounts {
        outcomes, causes, ..
    } = batch::run(&[model], Runs::all(seed, runs), progress, &|| CauseCounts {
        model,
        target,
        lines: Vec::new(),
        outcomes: BTreeMap::new(),
        causes: BTreeMap::new(),
    });
    let mut ranked: Vec<CauseRuns> = causes
        .into_iter()
        .map(|(cause, by)| {
            let runs: Vec<u64> = (outcomes.keys())
                .map(|o| by.get(o).copied().unwrap_or(0))
                .collect();
            let shares: Vec<f64> = (runs.iter().zip(outcomes.values()))
                .map(|(&k, &n)| k as f64 / n.max(1) as f64)
                .collect();
            let max = shares.iter().copied().fold(f64::MIN, f64::max);
            let min = shares.iter().copied().fold(f64::MAX, f64::min);
            CauseRuns {
                cause,
                runs,
                shares,
                spread: max - min,
            }
        })
        .collect();
    ranked.sort_by(|a, b| b.spread.total_cmp(&a.spread).then(a.cause.cmp(&b.cause)));
    Ok(CauseFrequencies {
        target: Explained::new(model, target),
        seed,
        runs,
        outcomes: outcomes
            .into_iter()
            .map(|(outcome, runs)| OutcomeRuns {
                outcome: outcome.value(),
                runs,
            })
            .collect(),
        causes: ranked,
    })
}
