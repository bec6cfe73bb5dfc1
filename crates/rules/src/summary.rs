//! A Monte Carlo aggregate as the documented result (README, "JSON output" of `mc`):
//! [`McSummary`], whose serialisation is that JSON byte for byte. Every probability is a
//! [`Share`] (`{p, lo, hi}`, a 95% Wilson interval), every indicator has its quantiles at
//! every step, and the summary is stamped with the seed, run count, scenario hash and version.
//!
//! **API boundary:** these types are a serialised contract: a field renamed or reordered here
//! changes the JSON every user reads. Maps are [`Keyed`], in the scenario's order.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use statecraft_model::id::{ActorId, StatusSlotId};
use statecraft_model::model::{Model, StatusSlotOwner};

use crate::mc::{Aggregate, BINS, histogram_index, quantile};
use crate::stats::wilson;

/// A share of runs with its 95% Wilson interval, each rounded with [`round`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Share {
    pub p: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The share `k / n` with its interval.
pub fn share(k: u64, n: u64) -> Share {
    let (p, lo, hi) = wilson(k, n);
    Share {
        p: round(p),
        lo: round(lo),
        hi: round(hi),
    }
}

/// Rounded to 1e-6 so outputs stay short and identical across platforms' last bits.
pub fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// An ordered map from ids to `T`, serialised as a JSON object in insertion order (the
/// scenario's order). Keys are item ids, unique by validation.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyed<T>(pub Vec<(String, T)>);

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed(Vec::new())
    }
}

impl<T> Keyed<T> {
    pub fn push(&mut self, key: String, value: T) {
        self.0.push((key, value));
    }
    /// Sets `key` to `value`: in place if present (as a JSON object keeps one value per key),
    /// else at the end. Linear: for small maps.
    pub fn insert(&mut self, key: String, value: T) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }
    /// The value under `key`, inserted (at the end) from `make` if absent.
    pub fn entry(&mut self, key: &str, make: impl FnOnce() -> T) -> &mut T {
        let at = match self.0.iter().rposition(|(k, _)| k == key) {
            Some(at) => at,
            None => {
                self.0.push((key.to_owned(), make()));
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<T> FromIterator<(String, T)> for Keyed<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(iter: I) -> Self {
        Keyed(iter.into_iter().collect())
    }
}

impl<T: Serialize> Serialize for Keyed<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The quantiles reported for indicators.
pub const QUANTILES: [(f64, &str); 5] = [
    (0.05, "q05"),
    (0.25, "q25"),
    (0.5, "q50"),
    (0.75, "q75"),
    (0.95, "q95"),
];

/// A Monte Carlo result: the documented JSON of `mc`, `merge` and `report --runs`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct McSummary {
    pub scenario: String,
    /// The information cut-off (`YYYY-MM-DD`), when the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// The scheduled items the cut-off left out (`event:ID`, `proposal:ID`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<Vec<String>>,
    pub version: &'static str,
    pub seed: u64,
    pub runs: u64,
    /// With `--at`: the date asked for; the numbers are at the end of the step that
    /// contains it (`YYYY-MM-DD`). Absent for a batch run to the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The scenario's source hash, 16 hexadecimal digits.
    pub scenario_hash: String,
    pub proposals: Keyed<ProposalOutcomes>,
    /// By actor, by status, by state: the share of runs ending in that state.
    pub statuses: Keyed<Keyed<Keyed<Share>>>,
    /// By flag: the share of runs ending with it set.
    pub flags: Keyed<Share>,
    /// By indicator slot label: its quantiles at the end of every step (empty without
    /// histograms).
    pub indicators: Keyed<Vec<QuantilePoint>>,
    pub expectations: Vec<ExpectationShare>,
}

/// One proposal's final outcomes, and its adoption by the end of each step.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProposalOutcomes {
    pub adopted: Share,
    pub failed: Share,
    pub pending: Share,
    /// By step end date (`YYYY-MM-DD`): the share of runs adopted by then.
    pub adopted_by: Keyed<Share>,
}

/// An indicator's quantiles at the end of one step (`NaN`, serialised `null`, when unknown).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantilePoint {
    pub date: String,
    pub q05: f64,
    pub q25: f64,
    pub q50: f64,
    pub q75: f64,
    pub q95: f64,
}

impl QuantilePoint {
    /// The quantiles in the order of [`QUANTILES`].
    pub fn values(&self) -> [f64; 5] {
        [self.q05, self.q25, self.q50, self.q75, self.q95]
    }
}

/// How often an expectation held.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExpectationShare {
    pub id: String,
    /// The condition as written.
    pub that: String,
    pub held: Share,
}

impl McSummary {
    /// The summary of `agg`, a batch of `model` under `seed`.
    pub fn new(model: &Model, agg: &Aggregate, seed: u64) -> McSummary {
        let n = agg.runs;
        let steps = model.calendar().len();
        let dates: Vec<String> = (0..steps)
            .map(|step| model.calendar().step_end(step as u32).to_string())
            .collect();
        let proposals = model
            .proposals()
            .iter()
            .enumerate()
            .map(|(p, prop)| {
                let [pending, adopted, failed] = agg.outcomes[p];
                let mut cumulative = 0;
                let adopted_by = (0..steps)
                    .map(|step| {
                        cumulative += agg.adopted_in_step[p][step];
                        (dates[step].clone(), share(cumulative, n))
                    })
                    .collect();
                let outcomes = ProposalOutcomes {
                    adopted: share(adopted, n),
                    failed: share(failed, n),
                    pending: share(pending, n),
                    adopted_by,
                };
                (prop.id.clone(), outcomes)
            })
            .collect();
        let mut statuses: Keyed<Keyed<Keyed<Share>>> = Keyed::default();
        // Where each actor's statuses are, in order of first appearance.
        let mut actor_at: BTreeMap<ActorId, usize> = BTreeMap::new();
        for slot in model.status_slot_ids() {
            let StatusSlotOwner { status, actor } = model.status_slot_owner(slot);
            let states = final_state_shares(model, agg, slot);
            let at = *actor_at.entry(actor).or_insert_with(|| {
                statuses.push(model.actor(actor).id.clone(), Keyed::default());
                statuses.len() - 1
            });
            statuses.0[at]
                .1
                .push(model.status(status).id.clone(), states);
        }
        let flags = model
            .flags()
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), share(agg.flags[i], n)))
            .collect();
        let mut indicators = Keyed::default();
        if !agg.histograms.is_empty() {
            for ind in model.indicators() {
                for slot in ind.slots() {
                    let series = (0..steps)
                        .map(|step| {
                            let at = histogram_index(steps, slot.index(), step, 0);
                            let bins = &agg.histograms[at..at + BINS];
                            let sums = &agg.bin_sums[at..at + BINS];
                            let q = |i: usize| round(quantile(bins, sums, QUANTILES[i].0));
                            QuantilePoint {
                                date: dates[step].clone(),
                                q05: q(0),
                                q25: q(1),
                                q50: q(2),
                                q75: q(3),
                                q95: q(4),
                            }
                        })
                        .collect();
                    indicators.push(model.slot_label(slot), series);
                }
            }
        }
        let expectations = model
            .expects()
            .iter()
            .enumerate()
            .map(|(i, e)| ExpectationShare {
                id: e.label.clone(),
                that: e.that.text().to_string(),
                held: share(agg.expectations[i], n),
            })
            .collect();
        McSummary {
            as_of: model
                .as_of()
                .map(|d| statecraft_model::calendar::date_of_day(d).to_string()),
            left_out: model.as_of().map(|_| model.left_out().to_vec()),
            scenario: model.id().to_owned(),
            version: env!("CARGO_PKG_VERSION"),
            seed,
            runs: n,
            until: None,
            scenario_hash: format!("{:016x}", model.source_hash()),
            proposals,
            statuses,
            flags,
            indicators,
            expectations,
        }
    }
}

/// A sweep: one point of the grid per row, each a batch's outcome shares
/// (`sweep --format json`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sweep {
    /// The scenario file, as given.
    pub scenario: String,
    pub seed: u64,
    /// Runs per point.
    pub runs: u64,
    pub version: &'static str,
    pub points: Vec<SweepPoint>,
}

/// One point of a sweep.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweepPoint {
    /// By varied path: its value at this point.
    pub point: Keyed<String>,
    /// By proposal id: adoption.
    pub proposals: Keyed<Adoption>,
    /// By status label (`actor.status`), by state: ending in it.
    pub statuses: Keyed<Keyed<Share>>,
    /// By flag id: set at the end.
    pub flags: Keyed<Share>,
}

/// How often a proposal ended adopted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Adoption {
    pub adopted: Share,
}

impl SweepPoint {
    /// The shares of `agg`, a batch of `model` at `point`.
    pub fn new(model: &Model, agg: &Aggregate, point: Keyed<String>) -> SweepPoint {
        let n = agg.runs;
        let proposals = model
            .proposals()
            .iter()
            .enumerate()
            .map(|(p, prop)| {
                let adopted = share(agg.outcomes[p][1], n);
                (prop.id.clone(), Adoption { adopted })
            })
            .collect();
        let statuses = model
            .status_slot_ids()
            .map(|slot| {
                (
                    model.status_label(slot),
                    final_state_shares(model, agg, slot),
                )
            })
            .collect();
        let flags = model
            .flags()
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), share(agg.flags[i], n)))
            .collect();
        SweepPoint {
            point,
            proposals,
            statuses,
            flags,
        }
    }
}

/// The share of runs that ended in each state of status slot `slot` (of status `status`).
fn final_state_shares(model: &Model, agg: &Aggregate, slot: StatusSlotId) -> Keyed<Share> {
    model
        .status(model.status_slot_owner(slot).status)
        .states
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                name.clone(),
                share(agg.final_states[slot.index()][i], agg.runs),
            )
        })
        .collect()
}
