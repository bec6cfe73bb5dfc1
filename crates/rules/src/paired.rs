//! Baseline against variant over many runs, with common random numbers: run `i` of both uses
//! the stream of `(seed, i)`, so where the variant changes nothing the two runs are identical
//! and the difference in a probability reflects the change, not noise. Items are matched by
//! id; items only one side has are not compared. The result is a [`Comparison`], whose
//! serialisation is `diff --runs --format json`.

use serde::Serialize;
use statecraft_model::model::Model;
use statecraft_model::state::{Outcome, State};

use crate::batch::{self, Accumulator, Runs};
use crate::engine::Silent;
use crate::summary::{Keyed, Share, round, share};

/// A proposal present in both models.
struct ProposalPair {
    id: String,
    a: usize,
    b: usize,
}

/// A state of a status slot present in both models.
struct StatePair {
    /// The slot's label (`actor.status`).
    label: String,
    /// The state's name.
    state: String,
    slot_a: usize,
    state_a: u16,
    slot_b: usize,
    state_b: u16,
}

/// A flag present in both models.
struct FlagPair {
    id: String,
    a: usize,
    b: usize,
}

/// What is compared, as index pairs into the two models.
struct Pairs {
    proposals: Vec<ProposalPair>,
    states: Vec<StatePair>,
    flags: Vec<FlagPair>,
}

fn pairs(a: &Model, b: &Model) -> Pairs {
    let proposals = a
        .proposals()
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            b.proposals()
                .iter()
                .position(|q| q.id == p.id)
                .map(|j| ProposalPair {
                    id: p.id.clone(),
                    a: i,
                    b: j,
                })
        })
        .collect();
    let mut states = Vec::new();
    for slot in a.status_slot_ids() {
        let label = a.status_label(slot);
        let Some(other) = b.status_slot_ids().find(|&s| b.status_label(s) == label) else {
            continue;
        };
        let names = &a.status(a.status_slot_owner(slot).status).states;
        let other_names = &b.status(b.status_slot_owner(other).status).states;
        for (i, name) in names.iter().enumerate() {
            if let Some(j) = other_names.iter().position(|n| n == name) {
                states.push(StatePair {
                    label: label.clone(),
                    state: name.clone(),
                    slot_a: slot.index(),
                    state_a: i as u16,
                    slot_b: other.index(),
                    state_b: j as u16,
                });
            }
        }
    }
    let flags = a
        .flags()
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            b.flags()
                .iter()
                .position(|g| g.id == f.id)
                .map(|j| FlagPair {
                    id: f.id.clone(),
                    a: i,
                    b: j,
                })
        })
        .collect();
    Pairs {
        proposals,
        states,
        flags,
    }
}

/// For one compared quantity: runs where it held in both, in A only, in B only.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    both: u64,
    a_only: u64,
    b_only: u64,
}

impl Counts {
    fn tally(&mut self, a: bool, b: bool) {
        match (a, b) {
            (true, true) => self.both += 1,
            (true, false) => self.a_only += 1,
            (false, true) => self.b_only += 1,
            _ => {}
        }
    }
}

/// A paired batch's record: one [`Counts`] per compared quantity, in the order of [`Pairs`]
/// (proposals, then states, then flags).
struct PairedCounts<'p> {
    pairs: &'p Pairs,
    counts: Vec<Counts>,
}

impl Accumulator for PairedCounts<'_> {
    type Observer<'a>
        = Silent
    where
        Self: 'a;
    fn observer(&mut self, _: usize) -> Silent {
        Silent
    }
    fn record(&mut self, _: u64, finals: &[State]) {
        let (sa, sb) = (&finals[0], &finals[1]);
        let mut k = 0;
        for p in &self.pairs.proposals {
            self.counts[k].tally(
                sa.proposals[p.a].outcome == Outcome::Adopted,
                sb.proposals[p.b].outcome == Outcome::Adopted,
            );
            k += 1;
        }
        for s in &self.pairs.states {
            self.counts[k].tally(
                sa.states[s.slot_a] == s.state_a,
                sb.states[s.slot_b] == s.state_b,
            );
            k += 1;
        }
        for f in &self.pairs.flags {
            self.counts[k].tally(sa.flags[f.a], sb.flags[f.b]);
            k += 1;
        }
    }
    fn merge(&mut self, later: Self) {
        for (c, d) in self.counts.iter_mut().zip(&later.counts) {
            c.both += d.both;
            c.a_only += d.a_only;
            c.b_only += d.b_only;
        }
    }
}

/// The comparison of two scenarios over paired runs (`diff A B --runs N`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The scenario ids (B's may say which `--set` made it).
    pub a: String,
    pub b: String,
    pub seed: u64,
    pub runs: u64,
    /// With `--at`: the date asked for (each compared at the end of its step containing it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    pub version: &'static str,
    /// By proposal id: its adoption in A, in B, and B − A.
    pub proposals: Keyed<ProposalComparison>,
    /// By status label (`actor.status`), by state: ending in it.
    pub statuses: Keyed<Keyed<Compared>>,
    /// By flag id: set at the end.
    pub flags: Keyed<Compared>,
}

/// A proposal's adoption in both scenarios.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProposalComparison {
    pub adopted: Compared,
}

/// One quantity in A and in B, and the difference B − A.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Compared {
    pub a: Share,
    pub b: Share,
    pub difference: Difference,
}

/// B − A in a share of runs, with its 95% interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Difference {
    pub d: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Runs `runs` paired runs on the current rayon pool (through the one batch runner,
/// reporting to `progress`) and compares, for each matched proposal (adoption), status state
/// and flag, A and B as shares and their difference B − A with a 95% interval for paired
/// proportions.
pub fn compare(
    a: &Model,
    b: &Model,
    seed: u64,
    runs: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> Comparison {
    let pairs = pairs(a, b);
    let size = pairs.proposals.len() + pairs.states.len() + pairs.flags.len();
    let counts = batch::run(&[a, b], Runs::all(seed, runs), progress, &|| PairedCounts {
        pairs: &pairs,
        counts: vec![Counts::default(); size],
    })
    .counts;
    let entry = |c: &Counts| Compared {
        a: share(c.both + c.a_only, runs),
        b: share(c.both + c.b_only, runs),
        difference: paired_difference(c.a_only, c.b_only, runs),
    };
    let mut counts = counts.iter();
    let mut next = || entry(counts.next().expect("one count per compared quantity"));
    let proposals = pairs
        .proposals
        .iter()
        .map(|p| (p.id.clone(), ProposalComparison { adopted: next() }))
        .collect();
    let mut statuses: Keyed<Keyed<Compared>> = Keyed::default();
    for s in &pairs.states {
        // States of one slot are consecutive, so the label is the last one when present.
        let compared = next();
        statuses
            .entry(&s.label, Keyed::default)
            .push(s.state.clone(), compared);
    }
    let flags = pairs.flags.iter().map(|f| (f.id.clone(), next())).collect();
    Comparison {
        a: a.id().to_owned(),
        b: b.id().to_owned(),
        seed,
        runs,
        until: None,
        version: env!("CARGO_PKG_VERSION"),
        proposals,
        statuses,
        flags,
    }
}

/// B − A for paired binary outcomes, where `a_only` runs had it in A alone and `b_only` in B
/// alone, with a 95% Wald interval on the per-run differences (exact 0 when no run differs).
pub fn paired_difference(a_only: u64, b_only: u64, runs: u64) -> Difference {
    if runs == 0 {
        return Difference {
            d: 0.0,
            lo: 0.0,
            hi: 0.0,
        };
    }
    let n = runs as f64;
    let d = (b_only as f64 - a_only as f64) / n;
    let second_moment = (a_only + b_only) as f64 / n;
    let variance = (second_moment - d * d).max(0.0) / n;
    let half = 1.959_963_984_540_054 * variance.sqrt();
    Difference {
        d: round(d),
        lo: round((d - half).max(-1.0)),
        hi: round((d + half).min(1.0)),
    }
}
