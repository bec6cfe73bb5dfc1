//! Arguments every batch command shares, and the value parsers that validate them.
//!
//! A flag is checked once, by clap, while the command line is parsed: a bad value is a usage
//! error (exit 2) whose message names the flag, whichever command it was given to, and no
//! command re-checks (or forgets to check) a value itself.

use clap::Args;
use clap::builder::{RangedU64ValueParser, TypedValueParser};
use statecraft_model::calendar::CivilDate;
use statecraft_rules::grid::Axis;

/// Most worker threads a command starts: far above any machine's cores, far below what
/// would take the system down (each thread holds a stack and a batch aggregate).
pub const MAX_THREADS: usize = 1024;

/// `--seed`, `--threads` and `--quiet`, flattened into every command that runs a batch
/// (`mc`, `sweep`, `report`), so they read and validate the same everywhere.
#[derive(Args, Debug, Clone)]
pub struct BatchArgs {
    /// Master seed: run i draws its random numbers from a stream derived from (seed, i).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Worker threads, 1 to 1024 (default: one per core); never more than the work needs.
    /// The result is the same whatever this is.
    #[arg(long, value_name = "N", value_parser = threads())]
    pub threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
}

/// `--runs`: at least 1.
pub fn runs() -> RangedU64ValueParser<u64> {
    RangedU64ValueParser::new().range(1..)
}

/// `--threads`: 1 to [`MAX_THREADS`].
pub fn threads() -> RangedU64ValueParser<usize> {
    RangedU64ValueParser::new().range(1..=MAX_THREADS as u64)
}

/// One shard of a batch, from `--shard I/N`: `index` counts from 1, `index <= count`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// The runs a command with `--shard` (`shard`) runs of a batch of `runs`: this shard's
    /// slice, or the whole batch without one.
    pub fn batch(
        shard: Option<Shard>,
        seed: u64,
        runs: u64,
        histograms: bool,
    ) -> statecraft_rules::mc::Batch {
        match shard {
            Some(Shard { index, count }) => {
                statecraft_rules::mc::Batch::shard(seed, runs, index - 1, count, histograms)
            }
            None => statecraft_rules::mc::Batch {
                seed,
                first: 0,
                runs,
                histograms,
            },
        }
    }
}

/// `--shard I/N` with 1 <= I <= N.
pub fn shard() -> impl TypedValueParser<Value = Shard> {
    clap::builder::StringValueParser::new().try_map(|text: String| {
        let bad = || format!("write I/N with 1 <= I <= N, e.g. 3/10 (found `{text}`)");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    })
}

/// A `--vary` axis: `PATH=FROM..TO:STEP` or `PATH=V1,V2,...`.
pub fn axis() -> impl TypedValueParser<Value = Axis> {
    clap::builder::StringValueParser::new().try_map(|text: String| Axis::parse(&text))
}

/// A date given as `YYYY-MM-DD`.
pub fn date() -> impl TypedValueParser<Value = CivilDate> {
    clap::builder::StringValueParser::new().try_map(|text: String| {
        let bad = || format!("write YYYY-MM-DD, e.g. 2025-06-30 (found `{text}`)");
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
            return Err(bad());
        };
        statecraft_model::calendar::date(y, m, d).ok_or_else(bad)
    })
}

/// `sets` with `--as-of DATE` added as `scenario.as_of=DATE`, last, so the flag wins over the
/// file's `as_of`.
pub fn with_as_of(sets: &[String], as_of: Option<CivilDate>) -> Vec<String> {
    let mut sets = sets.to_vec();
    if let Some(date) = as_of {
        sets.push(format!("scenario.as_of={date}"));
    }
    sets
}
