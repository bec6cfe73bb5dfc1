//! Partial results of a sharded `calibrate` or `sensitivity`, and the checks that make merging
//! them safe.
//!
//! Both commands run one batch per point of a design fixed in advance by the scenario and the
//! seed (the prior draws of a calibration, the tornado and Morris points of a sensitivity
//! study), and both results are pure functions of integer counts per point. So they shard like
//! `mc` and `score`: shard I of N runs its slice of the runs at every point, and writes the
//! counts ([`CalibratePartial`]: a [`Tally`] at the scenario's values and one per draw;
//! [`SensitivityPartial`]: per point the runs in which the outcome held). `merge` checks the
//! shards as [`crate::partial`] checks those of `mc` (format, version, run range, checksum,
//! every shard once, the same batch) and adds the counts, which are then those of the
//! unsharded command: any split of the runs gives the same integers.

use serde::{Deserialize, Serialize};
use statecraft_model::model::{Model, fnv1a};

use crate::likelihood::Tally;
use crate::mc::Batch;
use crate::partial::{
    MergeError, PARTIAL_FORMAT, VERSION, check_shards, not_same_batch, scenario_hash,
};

/// The value of `kind` in a partial of `calibrate --shard`.
pub const CALIBRATE_KIND: &str = "calibrate";
/// The value of `kind` in a partial of `sensitivity --shard`.
pub const SENSITIVITY_KIND: &str = "sensitivity";

/// What every partial of these commands says about its batch. (Flattened into the partials,
/// which serde cannot combine with `deny_unknown_fields`: the checksum guards the counts.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`PARTIAL_FORMAT`].
    pub statecraft_partial: u32,
    /// [`CALIBRATE_KIND`] or [`SENSITIVITY_KIND`].
    pub kind: String,
    pub version: String,
    /// The path as given to the command, so `merge` can find it again and print it.
    pub scenario: String,
    /// [`Model::source_hash`] in 16 hex digits.
    pub scenario_hash: String,
    pub seed: u64,
    /// Runs of the whole batch, per point.
    pub runs_total: u64,
    /// `[I, N]`: shard I (from 1) of N.
    pub shard: [u64; 2],
    /// Run indices `first_run..first_run + runs`, the same at every point.
    pub first_run: u64,
    pub runs: u64,
}

impl Envelope {
    fn new(
        kind: &str,
        scenario: &str,
        model: &Model,
        runs_total: u64,
        shard: [u64; 2],
        batch: Batch,
    ) -> Envelope {
        Envelope {
            statecraft_partial: PARTIAL_FORMAT,
            kind: kind.into(),
            version: VERSION.into(),
            scenario: scenario.into(),
            scenario_hash: scenario_hash(model),
            seed: batch.seed,
            runs_total,
            shard,
            first_run: batch.first,
            runs: batch.runs,
        }
    }

    fn check_alone(&self) -> Result<(), String> {
        crate::partial::check_shard(
            &self.version,
            self.shard,
            (self.seed, self.runs_total, false),
            (self.first_run, self.runs),
        )
    }

    /// Why `self` is not from the same batch as `first`, if it is not.
    fn differs_from(&self, first: &Envelope) -> Option<String> {
        if self.scenario != first.scenario || self.scenario_hash != first.scenario_hash {
            return Some(format!(
                "it ran {} (hash {}), the other {} (hash {})",
                self.scenario, self.scenario_hash, first.scenario, first.scenario_hash
            ));
        }
        crate::partial::other_batch(
            (self.seed, self.runs_total, self.shard[1]),
            (first.seed, first.runs_total, first.shard[1]),
        )
    }

    /// Checks that `model`, loaded again for `merge`, is the scenario the shards ran.
    pub fn check_model(&self, model: &Model) -> Result<(), String> {
        let hash = scenario_hash(model);
        if hash != self.scenario_hash {
            return Err(format!(
                "ran on a scenario with hash {}, but {} now has hash {hash} (it or its base \
                 changed since)",
                self.scenario_hash, self.scenario
            ));
        }
        Ok(())
    }
}

fn checksum<T: Serialize>(counts: &T) -> String {
    let json = serde_json::to_string(counts).unwrap_or_default();
    format!("{:016x}", fnv1a([json.as_str()], 0))
}

/// One shard of `calibrate`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibratePartial {
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `--draws`: the design is the Latin hypercube of this many draws from the seed.
    pub draws: usize,
    /// The uncertain settings: each is run at the two ends of its range.
    pub settings: usize,
    /// The counts: `[0]` at the scenario's values, then one per end of each setting's range
    /// (low, high), then one per draw.
    pub tallies: Vec<Tally>,
    /// FNV-1a of the JSON of `tallies`, in 16 hex digits: catches edits and truncation.
    pub checksum: String,
}

/// One shard of `sensitivity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SensitivityPartial {
    #[serde(flatten)]
    pub envelope: Envelope,
    /// `--outcome`.
    pub outcome: String,
    /// `--at` (ISO date), if given.
    pub at: Option<String>,
    /// `--morris`.
    pub trajectories: usize,
    /// Per point of the design, the runs in which the outcome held.
    pub held: Vec<u64>,
    /// FNV-1a of the JSON of `held`, in 16 hex digits.
    pub checksum: String,
}

impl CalibratePartial {
    /// Shard `shard` of a calibration of `model` (given as `scenario`) with `draws` draws and
    /// `runs_total` runs per point, whose slice is `batch`.
    pub fn new(
        scenario: &str,
        model: &Model,
        (draws, runs_total): (usize, u64),
        shard: [u64; 2],
        batch: Batch,
        tallies: Vec<Tally>,
    ) -> CalibratePartial {
        CalibratePartial {
            envelope: Envelope::new(CALIBRATE_KIND, scenario, model, runs_total, shard, batch),
            draws,
            settings: model.uncertain().len(),
            checksum: checksum(&tallies),
            tallies,
        }
    }

    /// Reads a calibrate partial from its JSON text (see [`crate::partial::kind_of`] first).
    pub fn parse(text: &str) -> Result<CalibratePartial, String> {
        let p: CalibratePartial =
            serde_json::from_str(text).map_err(|e| format!("not a valid partial result: {e}"))?;
        if p.envelope.kind != CALIBRATE_KIND {
            return Err(format!(
                "a partial of kind `{}`, not `calibrate`",
                p.envelope.kind
            ));
        }
        Ok(p)
    }

    fn check_alone(&self) -> Result<(), String> {
        self.envelope.check_alone()?;
        if checksum(&self.tallies) != self.checksum {
            return Err("its counts do not match its checksum (edited or damaged)".into());
        }
        let needed = 1 + 2 * self.settings + self.draws;
        if self.tallies.len() != needed {
            return Err(format!(
                "it holds {} tallies where {} settings and {} draws need {needed}",
                self.tallies.len(),
                self.settings,
                self.draws,
            ));
        }
        let runs = self.envelope.runs;
        let width = self.tallies[0].patterns.keys().next().map(String::len);
        let held = self.tallies[0].held.len();
        for t in &self.tallies {
            if t.runs() != Some(runs)
                || t.held.len() != held
                || t.held.iter().any(|&h| h > runs)
                || (t.patterns.keys())
                    .any(|k| Some(k.len()) != width || k.bytes().any(|b| b != b'0' && b != b'1'))
            {
                return Err(format!(
                    "its counts are not those of {runs} runs of one scenario's outcomes"
                ));
            }
        }
        Ok(())
    }

    /// Checks that the tallies fit `model`: one count per observed outcome, one character
    /// per fitted outcome.
    pub fn check_model(&self, model: &Model) -> Result<(), String> {
        self.envelope.check_model(model)?;
        if self.settings != model.uncertain().len() {
            return Err(format!(
                "it varied {} settings, but {} declares {}",
                self.settings,
                self.envelope.scenario,
                model.uncertain().len()
            ));
        }
        let fitted = crate::calibrate::fitted_to(model).len();
        if (self.tallies.iter()).any(|t| {
            t.held.len() != model.observed().len() || t.patterns.keys().any(|k| k.len() != fitted)
        }) {
            return Err(format!(
                "its counts do not fit the observed outcomes of {}",
                self.envelope.scenario
            ));
        }
        Ok(())
    }
}

impl SensitivityPartial {
    /// Shard `shard` of a sensitivity study of `model` (given as `scenario`), `runs_total`
    /// runs per point, whose slice is `batch`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        scenario: &str,
        model: &Model,
        (outcome, at, trajectories): (&str, Option<String>, usize),
        runs_total: u64,
        shard: [u64; 2],
        batch: Batch,
        held: Vec<u64>,
    ) -> SensitivityPartial {
        SensitivityPartial {
            envelope: Envelope::new(SENSITIVITY_KIND, scenario, model, runs_total, shard, batch),
            outcome: outcome.into(),
            at,
            trajectories,
            checksum: checksum(&held),
            held,
        }
    }

    /// Reads a sensitivity partial from its JSON text.
    pub fn parse(text: &str) -> Result<SensitivityPartial, String> {
        let p: SensitivityPartial =
            serde_json::from_str(text).map_err(|e| format!("not a valid partial result: {e}"))?;
        if p.envelope.kind != SENSITIVITY_KIND {
            return Err(format!(
                "a partial of kind `{}`, not `sensitivity`",
                p.envelope.kind
            ));
        }
        Ok(p)
    }

    fn check_alone(&self) -> Result<(), String> {
        self.envelope.check_alone()?;
        if checksum(&self.held) != self.checksum {
            return Err("its counts do not match its checksum (edited or damaged)".into());
        }
        if self.held.iter().any(|&h| h > self.envelope.runs) {
            return Err(format!(
                "a point counts more runs than the shard's {}",
                self.envelope.runs
            ));
        }
        Ok(())
    }
}

/// A shard of either kind, as `merge` handles it.
pub trait FitPartial: Sized {
    /// Reads a partial of this kind from its file's text.
    fn parse(text: &str) -> Result<Self, String>;
    /// Checks that `model`, loaded again for `merge`, is the scenario the shards ran.
    fn check_model(&self, model: &Model) -> Result<(), String> {
        self.envelope().check_model(model)
    }
    fn envelope(&self) -> &Envelope;
    fn check_alone(&self) -> Result<(), String>;
    /// Why `self`'s design differs from `first`'s, if it does.
    fn design_differs(&self, first: &Self) -> Option<String>;
    /// Adds `other`'s counts.
    fn add(&mut self, other: &Self);
}

impl FitPartial for CalibratePartial {
    fn parse(text: &str) -> Result<Self, String> {
        CalibratePartial::parse(text)
    }
    fn check_model(&self, model: &Model) -> Result<(), String> {
        CalibratePartial::check_model(self, model)
    }
    fn envelope(&self) -> &Envelope {
        &self.envelope
    }
    fn check_alone(&self) -> Result<(), String> {
        CalibratePartial::check_alone(self)
    }
    fn design_differs(&self, first: &Self) -> Option<String> {
        if (self.draws, self.settings) != (first.draws, first.settings) {
            return Some(format!(
                "it has {} draws of {} settings, the other {} of {}",
                self.draws, self.settings, first.draws, first.settings
            ));
        }
        (self.tallies[0].held.len() != first.tallies[0].held.len())
            .then(|| "it counts another number of observed outcomes".to_owned())
    }
    fn add(&mut self, other: &Self) {
        for (t, o) in self.tallies.iter_mut().zip(&other.tallies) {
            t.add(o);
        }
    }
}

impl FitPartial for SensitivityPartial {
    fn parse(text: &str) -> Result<Self, String> {
        SensitivityPartial::parse(text)
    }
    fn envelope(&self) -> &Envelope {
        &self.envelope
    }
    fn check_alone(&self) -> Result<(), String> {
        SensitivityPartial::check_alone(self)
    }
    fn design_differs(&self, first: &Self) -> Option<String> {
        if (&self.outcome, &self.at) != (&first.outcome, &first.at) {
            let at = |a: &Option<String>| a.clone().unwrap_or_else(|| "its own date".into());
            return Some(format!(
                "it studied {} at {}, the other {} at {}",
                self.outcome,
                at(&self.at),
                first.outcome,
                at(&first.at)
            ));
        }
        if self.trajectories != first.trajectories || self.held.len() != first.held.len() {
            return Some(format!(
                "it has {} Morris trajectories, the other {}",
                self.trajectories, first.trajectories
            ));
        }
        None
    }
    fn add(&mut self, other: &Self) {
        for (h, o) in self.held.iter_mut().zip(&other.held) {
            *h += o;
        }
    }
}

/// Checks that `parts` (each with the name of its file) are every shard of one batch, exactly
/// once, and adds their counts into the first: the counts of the unsharded command. The
/// caller checks the scenario with [`Envelope::check_model`] (or
/// [`CalibratePartial::check_model`]).
pub fn merge_fit_partials<P: FitPartial + Clone>(parts: &[(String, P)]) -> Result<P, MergeError> {
    let first = check_shards(
        parts,
        P::check_alone,
        |part, first_name, first| {
            (part.envelope().differs_from(first.envelope()))
                .or_else(|| part.design_differs(first))
                .map(|why| not_same_batch(first_name, &why))
        },
        |p| p.envelope().shard,
    )?;
    let mut total = first.clone();
    for (_, part) in &parts[1..] {
        total.add(part);
    }
    Ok(total)
}
