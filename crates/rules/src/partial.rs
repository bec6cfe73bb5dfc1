//! Partial results of a sharded Monte Carlo batch, and the checks that make merging them safe.
//!
//! `mc --shard I/N` writes a [`Partial`]; `merge` reads them back and adds their aggregates.
//! A partial travels through files that people copy, rename and sometimes edit, so it carries
//! everything needed to validate it: the format, the version that wrote it, the scenario's hash,
//! the seed, its run range, whether it holds quantile histograms, the shape of every vector and
//! a checksum of its aggregate. [`merge_partials`] checks all of it, against the compiled model
//! too, and refuses what does not fit, rather than printing a probability of 1.25. Together
//! the partials must be every shard of one batch exactly once; the message names the shards
//! that are missing.

use std::fmt;

use serde::{Deserialize, Serialize};
use statecraft_model::compile::MAX_INDICATOR_MAGNITUDE;
use statecraft_model::model::{Model, fnv1a};

use crate::mc::{Aggregate, BINS, Batch};

/// The largest magnitude of one value in a bin sum, in millionths: the indicator range limit
/// times 1e6 (1e18).
const MAX_BIN_VALUE_MILLIONTHS: i64 = (MAX_INDICATOR_MAGNITUDE * 1e6) as i64;

/// The layout of partial files this version reads and writes. 2 added the run range, the
/// shape, the quantile switch and the checksum (and `i128` bin sums).
pub const PARTIAL_FORMAT: u32 = 2;

/// The version of statecraft, stamped in partials: shards of different versions may simulate
/// differently, so they do not merge.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The length of every vector of an aggregate, as the model that produced it dictates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    pub proposals: usize,
    pub steps: usize,
    /// Per status slot: its number of states.
    pub status_states: Vec<usize>,
    pub flags: usize,
    pub indicator_slots: usize,
    /// Bins per histogram; 0 when the partial holds no quantiles.
    pub bins: usize,
    pub expectations: usize,
}

impl Shape {
    /// The shape of an aggregate of `model`, with or without histograms.
    pub fn of(model: &Model, quantiles: bool) -> Shape {
        Shape {
            proposals: model.proposals().len(),
            steps: model.calendar().len(),
            status_states: (model.status_slot_ids())
                .map(|slot| {
                    model
                        .status(model.status_slot_owner(slot).status)
                        .states
                        .len()
                })
                .collect(),
            flags: model.flags().len(),
            indicator_slots: model.initial_values().len(),
            bins: if quantiles { BINS } else { 0 },
            expectations: model.expects().len(),
        }
    }
}

/// One shard's result, as written to a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partial {
    /// [`PARTIAL_FORMAT`].
    pub statecraft_partial: u32,
    pub version: String,
    /// The scenario's path as given to `mc`, so `merge` can find it again.
    pub scenario: String,
    /// The `--set` overrides the shard ran with.
    pub sets: Vec<String>,
    /// [`Model::source_hash`] in 16 hex digits.
    pub scenario_hash: String,
    pub seed: u64,
    /// Runs of the whole batch.
    pub runs_total: u64,
    /// `[I, N]`: shard I (from 1) of N.
    pub shard: [u64; 2],
    /// Run indices `first_run..first_run + runs`.
    pub first_run: u64,
    pub runs: u64,
    /// Whether the aggregate holds the per-step indicator histograms.
    pub quantiles: bool,
    /// `mc --at`: the date whose step the runs stopped at (`YYYY-MM-DD`); absent when they
    /// ran to the end. Shards with different dates do not merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    pub shape: Shape,
    /// FNV-1a of the aggregate's JSON, in 16 hex digits: catches edits and truncation.
    pub checksum: String,
    pub aggregate: Aggregate,
}

/// The hash of the hex stamp of a model, as partials and `mc` JSON show it.
pub fn scenario_hash(model: &Model) -> String {
    format!("{:016x}", model.source_hash())
}

/// FNV-1a of the canonical serialisation (compact JSON, fields in declaration order).
fn checksum(aggregate: &Aggregate) -> String {
    let json = serde_json::to_string(aggregate).unwrap_or_default();
    format!("{:016x}", fnv1a([json.as_str()], 0))
}

impl Partial {
    /// The partial of shard `index` (from 1) of `count`, whose runs `batch` describes.
    pub fn new(
        model: &Model,
        scenario: &str,
        sets: &[String],
        runs_total: u64,
        (index, count): (u64, u64),
        batch: Batch,
        aggregate: Aggregate,
    ) -> Partial {
        Partial {
            statecraft_partial: PARTIAL_FORMAT,
            version: VERSION.into(),
            scenario: scenario.into(),
            sets: sets.to_vec(),
            scenario_hash: scenario_hash(model),
            seed: batch.seed,
            runs_total,
            shard: [index, count],
            first_run: batch.first,
            runs: batch.runs,
            quantiles: batch.histograms,
            until: None,
            shape: Shape::of(model, batch.histograms),
            checksum: checksum(&aggregate),
            aggregate,
        }
    }

    /// Reads a partial from its JSON text, checking the format before the fields.
    pub fn parse(text: &str) -> Result<Partial, String> {
        #[derive(Deserialize)]
        struct Format {
            statecraft_partial: Option<serde_json::Value>,
        }
        let format: Format =
            serde_json::from_str(text).map_err(|e| format!("not a partial result: {e}"))?;
        match format.statecraft_partial {
            None => return Err("not a partial result of `statecraft mc --shard`".into()),
            Some(v) if v.as_u64() != Some(u64::from(PARTIAL_FORMAT)) => {
                return Err(format!(
                    "partial format {v} is not the format this version reads ({PARTIAL_FORMAT}); \
                     run the shards again with statecraft {VERSION}"
                ));
            }
            Some(_) => {}
        }
        serde_json::from_str(text).map_err(|e| format!("not a valid partial result: {e}"))
    }

    /// Checks everything one partial says about itself: version, shard, run range, shape,
    /// checksum, and that its counts are counts of `runs` runs.
    fn check_alone(&self) -> Result<(), String> {
        check_shard(
            &self.version,
            self.shard,
            (self.seed, self.runs_total, self.quantiles),
            (self.first_run, self.runs),
        )?;
        if (self.shape.bins != 0) != self.quantiles
            || (self.shape.bins != 0 && self.shape.bins != BINS)
        {
            return Err(format!(
                "its shape has {} bins per histogram, which does not fit `quantiles: {}`",
                self.shape.bins, self.quantiles
            ));
        }
        if checksum(&self.aggregate) != self.checksum {
            return Err("its aggregate does not match its checksum (edited or damaged)".into());
        }
        check_shape(&self.aggregate, &self.shape)?;
        check_counts(&self.aggregate, self.runs, &self.shape)
    }
}

/// Every vector of `aggregate` has the length `shape` says.
fn check_shape(aggregate: &Aggregate, shape: &Shape) -> Result<(), String> {
    let cells = shape
        .indicator_slots
        .checked_mul(shape.steps)
        .and_then(|n| n.checked_mul(shape.bins));
    let lengths = [
        ("outcomes", aggregate.outcomes.len(), Some(shape.proposals)),
        (
            "adopted_in_step",
            aggregate.adopted_in_step.len(),
            Some(shape.proposals),
        ),
        (
            "final_states",
            aggregate.final_states.len(),
            Some(shape.status_states.len()),
        ),
        ("flags", aggregate.flags.len(), Some(shape.flags)),
        ("histograms", aggregate.histograms.len(), cells),
        ("bin_sums", aggregate.bin_sums.len(), cells),
        (
            "expectations",
            aggregate.expectations.len(),
            Some(shape.expectations),
        ),
    ];
    for (name, found, expected) in lengths {
        if Some(found) != expected {
            return Err(format!(
                "`{name}` has {found} entries where its shape needs {}",
                expected.map_or("more than memory holds".into(), |e| e.to_string())
            ));
        }
    }
    for (p, steps) in aggregate.adopted_in_step.iter().enumerate() {
        if steps.len() != shape.steps {
            return Err(format!(
                "`adopted_in_step[{p}]` has {} entries where the scenario has {} steps",
                steps.len(),
                shape.steps
            ));
        }
    }
    for (slot, (states, &expected)) in (aggregate.final_states.iter())
        .zip(&shape.status_states)
        .enumerate()
    {
        if states.len() != expected {
            return Err(format!(
                "`final_states[{slot}]` has {} entries where the status has {expected} states",
                states.len()
            ));
        }
    }
    Ok(())
}

/// The counts are those of `runs` runs: every run ends in one outcome and one state, adopted
/// proposals were adopted in one step, and each histogram holds every run once.
fn check_counts(aggregate: &Aggregate, runs: u64, shape: &Shape) -> Result<(), String> {
    let wrong = |what: String| Err(format!("{what} (it claims {runs} runs)"));
    if aggregate.runs != runs {
        return wrong(format!("its aggregate counts {} runs", aggregate.runs));
    }
    let sum = |values: &[u64]| values.iter().try_fold(0u64, |a, &b| a.checked_add(b));
    for (p, outcome) in aggregate.outcomes.iter().enumerate() {
        if sum(outcome) != Some(runs) {
            return wrong(format!(
                "the outcomes of proposal {p} do not add up to its runs"
            ));
        }
        if sum(&aggregate.adopted_in_step[p]) != Some(outcome[1]) {
            return wrong(format!(
                "the adoptions of proposal {p} by step do not add up to its adoptions"
            ));
        }
    }
    for (slot, states) in aggregate.final_states.iter().enumerate() {
        if sum(states) != Some(runs) {
            return wrong(format!(
                "the final states of status slot {slot} do not add up"
            ));
        }
    }
    // A bin's sum is of values within ±1e12, so at most 1e18 millionths each; bounding every
    // sum so keeps any merge of them exact.
    let largest = i128::from(MAX_BIN_VALUE_MILLIONTHS);
    for (&count, &bin_sum) in aggregate.histograms.iter().zip(&aggregate.bin_sums) {
        if bin_sum.unsigned_abs() > (i128::from(count) * largest).unsigned_abs() {
            return wrong("a histogram bin sums more than its runs' values can".into());
        }
    }
    if aggregate
        .flags
        .iter()
        .chain(&aggregate.expectations)
        .any(|&n| n > runs)
    {
        return wrong("a flag or expectation is counted in more runs than it has".into());
    }
    if shape.bins != 0 {
        for (cell, bins) in aggregate.histograms.chunks(shape.bins).enumerate() {
            if sum(bins) != Some(runs) {
                return wrong(format!(
                    "histogram {cell} (slot {}, step {}) does not hold every run once",
                    cell / shape.steps.max(1),
                    cell % shape.steps.max(1)
                ));
            }
        }
    }
    Ok(())
}

/// Why a set of partials cannot be merged; `file` names the partial at fault when one is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError {
    pub file: Option<String>,
    pub message: String,
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) => write!(f, "{file}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for MergeError {}

/// The batches two partials come from are the same when these agree.
fn batch_key(p: &Partial) -> (&str, u64, u64, u64, bool) {
    (
        &p.scenario_hash,
        p.seed,
        p.runs_total,
        p.shard[1],
        p.quantiles,
    )
}

/// Checks that `parts` (each with the name of its file) are every shard of one batch of
/// `model`, exactly once, and adds them into the batch's aggregate.
pub fn merge_partials(model: &Model, parts: &[(String, Partial)]) -> Result<Aggregate, MergeError> {
    let hash = scenario_hash(model);
    let alone = |part: &Partial| {
        part.check_alone()?;
        if part.scenario_hash != hash {
            return Err(format!(
                "ran on a scenario with hash {}, but {} now has hash {hash} (it or its base \
                 changed since)",
                part.scenario_hash, part.scenario
            ));
        }
        Ok(())
    };
    let against_first = |part: &Partial, first_name: &str, first: &Partial| {
        if part.until != first.until {
            let show = |u: &Option<String>| u.clone().unwrap_or_else(|| "the end".into());
            return Some(not_same_batch(
                first_name,
                &format!(
                    "it ran to {} (--at), the other to {}",
                    show(&part.until),
                    show(&first.until)
                ),
            ));
        }
        if part.shape != Shape::of(model, part.quantiles) {
            return Some(
                "its shape does not fit the scenario (its proposals, steps, statuses, flags, \
                 indicators or expectations differ)"
                    .into(),
            );
        }
        if batch_key(part) != batch_key(first) {
            let what = if part.quantiles != first.quantiles {
                "one holds quantiles and the other does not (run every shard with or every \
                 shard without --no-quantiles)"
            } else {
                "their seed, run count or shard count differ"
            };
            return Some(not_same_batch(first_name, what));
        }
        None
    };
    let first = check_shards(parts, alone, against_first, |p| p.shard)?;
    let mut total = Aggregate::new(model, first.quantiles);
    for (_, part) in parts {
        total.merge(&part.aggregate);
    }
    Ok(total)
}

/// Checks that `parts` (each with the name of its file) are every shard of one batch, each
/// once, for every kind of partial: each shard on its own (`alone`), each against the first
/// (`against_first`: the message, if they differ), then that the shard indices (`shard`: `[I,
/// N]`) cover 1 to N. Returns the first shard.
pub(crate) fn check_shards<P>(
    parts: &[(String, P)],
    alone: impl Fn(&P) -> Result<(), String>,
    against_first: impl Fn(&P, &str, &P) -> Option<String>,
    shard: impl Fn(&P) -> [u64; 2],
) -> Result<&P, MergeError> {
    let at = |file: &str, message: String| MergeError {
        file: Some(file.to_owned()),
        message,
    };
    let Some((first_name, first)) = parts.first() else {
        return Err(MergeError {
            file: None,
            message: "no partial results given".into(),
        });
    };
    for (name, part) in parts {
        alone(part).map_err(|m| at(name, m))?;
        if let Some(message) = against_first(part, first_name, first) {
            return Err(at(name, message));
        }
    }
    check_coverage(
        shard(first)[1],
        parts.iter().map(|(name, p)| (name.as_str(), shard(p)[0])),
    )?;
    Ok(first)
}

/// The message for a shard of another batch than `first_name`'s, saying `why`.
pub(crate) fn not_same_batch(first_name: &str, why: &str) -> String {
    format!("not from the same batch as {first_name}: {why}")
}

/// Checks that `shards` (each a file name and its shard index) are shards 1 to `count`, each
/// exactly once; the message names a duplicate, or the shards that are missing.
pub(crate) fn check_coverage<'a>(
    count: u64,
    shards: impl Iterator<Item = (&'a str, u64)>,
) -> Result<(), MergeError> {
    // By index, not a vector of `count`: a count is read from a file and may be huge.
    let mut present = std::collections::BTreeMap::new();
    for (name, index) in shards {
        if let Some(other) = present.insert(index, name) {
            return Err(MergeError {
                file: Some(name.to_owned()),
                message: format!("shard {index}/{count} is also given as {other}"),
            });
        }
    }
    let missing_count = count - present.len() as u64;
    if missing_count > 0 {
        const SHOWN: usize = 20;
        let missing: Vec<String> = (1..=count)
            .filter(|i| !present.contains_key(i))
            .take(SHOWN)
            .map(|i| format!("{i}/{count}"))
            .collect();
        let more = match missing_count - missing.len() as u64 {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        return Err(MergeError {
            file: None,
            message: format!(
                "missing shard{} {}{more}: every shard of the batch is needed exactly once",
                if missing_count == 1 { "" } else { "s" },
                missing.join(", ")
            ),
        });
    }
    Ok(())
}

/// What a partial is a shard of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartialKind {
    /// `mc --shard`: a [`Partial`].
    Mc,
    /// `score --shard`: a [`ScorePartial`](crate::score_partial::ScorePartial).
    Score,
    /// `calibrate --shard`: a [`CalibratePartial`](crate::fit_partial::CalibratePartial).
    Calibrate,
    /// `sensitivity --shard`: a
    /// [`SensitivityPartial`](crate::fit_partial::SensitivityPartial).
    Sensitivity,
}

impl PartialKind {
    /// The command that writes this kind, for messages.
    pub fn command(self) -> &'static str {
        match self {
            PartialKind::Mc => "statecraft mc --shard",
            PartialKind::Score => "statecraft score --shard",
            PartialKind::Calibrate => "statecraft calibrate --shard",
            PartialKind::Sensitivity => "statecraft sensitivity --shard",
        }
    }
}

/// Reads the envelope of a partial: its format, which must be this version's, and its kind
/// (`kind = "score"`, `"calibrate"` or `"sensitivity"`; none is a shard of `mc`).
pub fn kind_of(text: &str) -> Result<PartialKind, String> {
    #[derive(Deserialize)]
    struct Envelope {
        statecraft_partial: Option<serde_json::Value>,
        kind: Option<serde_json::Value>,
    }
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| format!("not a partial result: {e}"))?;
    match envelope.statecraft_partial {
        None => {
            return Err(
                "not a partial result of `statecraft mc|score|calibrate|sensitivity \
                        --shard`"
                    .into(),
            );
        }
        Some(v) if v.as_u64() != Some(u64::from(PARTIAL_FORMAT)) => {
            return Err(format!(
                "partial format {v} is not the format this version reads ({PARTIAL_FORMAT}); \
                 run the shards again with statecraft {VERSION}"
            ));
        }
        Some(_) => {}
    }
    match envelope.kind {
        None => Ok(PartialKind::Mc),
        Some(k) if k.as_str() == Some(crate::score_partial::SCORE_KIND) => Ok(PartialKind::Score),
        Some(k) if k.as_str() == Some(crate::fit_partial::CALIBRATE_KIND) => {
            Ok(PartialKind::Calibrate)
        }
        Some(k) if k.as_str() == Some(crate::fit_partial::SENSITIVITY_KIND) => {
            Ok(PartialKind::Sensitivity)
        }
        Some(k) => Err(format!(
            "a partial of unknown kind {k}: this version merges shards of `mc`, `score`, \
             `calibrate` and `sensitivity`"
        )),
    }
}

/// Why a shard's batch `(seed, runs_total, shards)` is not the first shard's, if it is not:
/// what the shards of `score`, `calibrate` and `sensitivity` must share beyond their scenario.
pub(crate) fn other_batch(this: (u64, u64, u64), first: (u64, u64, u64)) -> Option<String> {
    if this.0 != first.0 {
        return Some(format!("its seed is {}, the other's {}", this.0, first.0));
    }
    if (this.1, this.2) != (first.1, first.2) {
        return Some(format!(
            "it is a shard of {} runs in {} shards, the other of {} runs in {}",
            this.1, this.2, first.1, first.2
        ));
    }
    None
}

/// What a partial of any kind (`mc`, `score`, `calibrate`, `sensitivity`) says about itself that must hold alone: written
/// by this version, a shard that exists, and the run range that shard covers. `batch` is the
/// batch's `(seed, runs_total, quantiles)`, `range` the partial's `(first_run, runs)`.
pub(crate) fn check_shard(
    version: &str,
    shard: [u64; 2],
    batch: (u64, u64, bool),
    range: (u64, u64),
) -> Result<(), String> {
    if version != VERSION {
        return Err(format!(
            "written by statecraft {version}, not {VERSION}: shards of different versions may \
             simulate differently"
        ));
    }
    let [index, count] = shard;
    if index == 0 || index > count {
        return Err(format!("shard {index}/{count} does not exist"));
    }
    let (seed, runs_total, quantiles) = batch;
    let expected = Batch::shard(seed, runs_total, index - 1, count, quantiles);
    if range != (expected.first, expected.runs) {
        return Err(format!(
            "shard {index}/{count} of {runs_total} runs covers runs {}..{}, but the partial says {}..{}",
            expected.first,
            expected.first + expected.runs,
            range.0,
            range.0.saturating_add(range.1)
        ));
    }
    Ok(())
}
