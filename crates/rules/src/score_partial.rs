//! Partial results of a sharded `score`, and the checks that make merging them safe.
//!
//! `score --shard I/N` writes a [`ScorePartial`]: for every scenario file it scored, the runs
//! of its slice in which each observed outcome held (integer counts, in [`Model::observed`]
//! order). `merge` reads the shards back, checks them as [`crate::partial`] checks the shards
//! of `mc` (format, version, run range, checksum, every shard once) and adds the counts;
//! [`Score::from_counts`](crate::score::Score::from_counts) over the sums is then the
//! unsharded score exactly, since a score is a pure function of the counts. Both kinds share
//! the envelope (`statecraft_partial`, the format number); `kind = "score"` tells them apart,
//! so a shard of one never merges with a shard of the other.

use serde::{Deserialize, Serialize};
use statecraft_model::model::{Model, fnv1a};

use crate::mc::Batch;
use crate::partial::{
    MergeError, PARTIAL_FORMAT, VERSION, check_shards, not_same_batch, scenario_hash,
};

/// The value of `kind` in a partial of `score --shard`.
pub const SCORE_KIND: &str = "score";

/// One scenario file of a score shard, and its counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoredFile {
    /// The path as given to `score`, so `merge` can find it again and print it.
    pub scenario: String,
    /// [`Model::source_hash`] in 16 hex digits.
    pub scenario_hash: String,
    /// Per observed outcome ([`Model::observed`] order), the runs in which it held.
    pub held: Vec<u64>,
}

/// One shard of a `score` batch, as written to a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScorePartial {
    /// [`PARTIAL_FORMAT`].
    pub statecraft_partial: u32,
    /// [`SCORE_KIND`].
    pub kind: String,
    pub version: String,
    /// The `--set` overrides (and `--as-of`, as a set) every file ran with.
    pub sets: Vec<String>,
    pub seed: u64,
    /// Runs of the whole batch, per file.
    pub runs_total: u64,
    /// `[I, N]`: shard I (from 1) of N.
    pub shard: [u64; 2],
    /// Run indices `first_run..first_run + runs`, the same for every file.
    pub first_run: u64,
    pub runs: u64,
    pub files: Vec<ScoredFile>,
    /// FNV-1a of the JSON of `files`, in 16 hex digits: catches edits and truncation.
    pub checksum: String,
}

fn checksum(files: &[ScoredFile]) -> String {
    let json = serde_json::to_string(files).unwrap_or_default();
    format!("{:016x}", fnv1a([json.as_str()], 0))
}

impl ScorePartial {
    /// The partial of shard `index` (from 1) of `count` of a batch of `runs_total` runs per
    /// file, whose slice is `batch`; `files` holds each file's path, model and counts.
    pub fn new(
        sets: &[String],
        runs_total: u64,
        (index, count): (u64, u64),
        batch: Batch,
        files: &[(String, &Model, Vec<u64>)],
    ) -> ScorePartial {
        let files: Vec<ScoredFile> = files
            .iter()
            .map(|(path, model, held)| ScoredFile {
                scenario: path.clone(),
                scenario_hash: scenario_hash(model),
                held: held.clone(),
            })
            .collect();
        ScorePartial {
            statecraft_partial: PARTIAL_FORMAT,
            kind: SCORE_KIND.into(),
            version: VERSION.into(),
            sets: sets.to_vec(),
            seed: batch.seed,
            runs_total,
            shard: [index, count],
            first_run: batch.first,
            runs: batch.runs,
            checksum: checksum(&files),
            files,
        }
    }

    /// Reads a score partial from its JSON text (see [`crate::partial::kind_of`] first).
    pub fn parse(text: &str) -> Result<ScorePartial, String> {
        let p: ScorePartial =
            serde_json::from_str(text).map_err(|e| format!("not a valid partial result: {e}"))?;
        if p.kind != SCORE_KIND {
            return Err(format!("a partial of kind `{}`, not `score`", p.kind));
        }
        Ok(p)
    }

    /// Checks everything one partial says about itself: version, shard, run range, checksum,
    /// and that no outcome held in more runs than the shard has.
    fn check_alone(&self) -> Result<(), String> {
        crate::partial::check_shard(
            &self.version,
            self.shard,
            (self.seed, self.runs_total, false),
            (self.first_run, self.runs),
        )?;
        if checksum(&self.files) != self.checksum {
            return Err("its counts do not match its checksum (edited or damaged)".into());
        }
        if self.files.is_empty() {
            return Err("it scores no scenario file".into());
        }
        if let Some(f) = self
            .files
            .iter()
            .find(|f| f.held.iter().any(|&h| h > self.runs))
        {
            return Err(format!(
                "an outcome of {} is counted in more runs than the shard's {}",
                f.scenario, self.runs
            ));
        }
        Ok(())
    }

    /// Why `self` is not a shard of the same batch as `first`, if it is not.
    fn differs_from(&self, first: &ScorePartial) -> Option<String> {
        let names = |p: &ScorePartial| {
            (p.files.iter())
                .map(|f| f.scenario.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        if self.files.len() != first.files.len()
            || (self.files.iter())
                .zip(&first.files)
                .any(|(a, b)| a.scenario != b.scenario)
        {
            return Some(format!(
                "it scored other files ({}) than the other ({})",
                names(self),
                names(first)
            ));
        }
        if let Some((a, _)) = (self.files.iter())
            .zip(&first.files)
            .find(|(a, b)| a.scenario_hash != b.scenario_hash || a.held.len() != b.held.len())
        {
            return Some(format!(
                "{} had another content (hash {}) when it ran",
                a.scenario, a.scenario_hash
            ));
        }
        if self.sets != first.sets {
            return Some(format!(
                "it ran with other --set/--as-of values ({:?}, the other {:?})",
                self.sets, first.sets
            ));
        }
        crate::partial::other_batch(
            (self.seed, self.runs_total, self.shard[1]),
            (first.seed, first.runs_total, first.shard[1]),
        )
    }
}

/// Checks that `parts` (each with the name of its file) are every shard of one score batch,
/// exactly once, and adds their counts: per file, the runs of the whole batch in which each
/// observed outcome held. The caller checks each file's model with [`check_model`].
pub fn merge_score_partials(parts: &[(String, ScorePartial)]) -> Result<Vec<Vec<u64>>, MergeError> {
    let first = check_shards(
        parts,
        ScorePartial::check_alone,
        |part, first_name, first| {
            (part.differs_from(first)).map(|why| not_same_batch(first_name, &why))
        },
        |p| p.shard,
    )?;
    let mut total: Vec<Vec<u64>> = (first.files.iter())
        .map(|f| vec![0; f.held.len()])
        .collect();
    for (_, part) in parts {
        for (sum, file) in total.iter_mut().zip(&part.files) {
            for (s, h) in sum.iter_mut().zip(&file.held) {
                // Each shard's counts are at most its runs, which add up to `runs_total`.
                *s += h;
            }
        }
    }
    Ok(total)
}

/// Checks that `model`, loaded again for `merge`, is the one file `file` of the shards scored.
pub fn check_model(model: &Model, file: &ScoredFile) -> Result<(), String> {
    let hash = scenario_hash(model);
    if hash != file.scenario_hash {
        return Err(format!(
            "scored a scenario with hash {}, but {} now has hash {hash} (it or its base changed \
             since)",
            file.scenario_hash, file.scenario
        ));
    }
    if model.observed().len() != file.held.len() {
        return Err(format!(
            "counts {} observed outcomes of {}, which now has {}",
            file.held.len(),
            file.scenario,
            model.observed().len()
        ));
    }
    Ok(())
}
