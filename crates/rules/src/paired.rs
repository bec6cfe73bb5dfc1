//! Baseline against variant over many runs, with common random numbers: run `i` of both uses
//! the stream of `(seed, i)`, so where the variant changes nothing the two runs are identical
//! and the difference in a probability reflects the change, not noise. Items are matched by
//! id; items only one side has are not compared.

use rayon::prelude::*;
use serde_json::{Map, Value, json};
use statecraft_model::model::Model;
use statecraft_model::state::{Outcome, State};

use crate::engine::{self, Silent};
use crate::rng::RunRng;
use crate::summary::{round, share};

/// For one compared quantity: runs where it held in both, in A only, in B only.
type Counts = [u64; 3];

/// What is compared, as index pairs into the two models.
struct Pairs {
    /// (id, proposal in A, proposal in B)
    proposals: Vec<(String, usize, usize)>,
    /// (label, state name, slot in A, state in A, slot in B, state in B)
    states: Vec<(String, String, usize, u16, usize, u16)>,
    /// (id, flag in A, flag in B)
    flags: Vec<(String, usize, usize)>,
}

fn pairs(a: &Model, b: &Model) -> Pairs {
    let proposals = a
        .proposals
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            b.proposals
                .iter()
                .position(|q| q.id == p.id)
                .map(|j| (p.id.clone(), i, j))
        })
        .collect();
    let mut states = Vec::new();
    for slot in 0..a.status_slot_owner.len() {
        let label = a.status_label(slot as u32);
        let Some(other) =
            (0..b.status_slot_owner.len()).find(|&s| b.status_label(s as u32) == label)
        else {
            continue;
        };
        let names = &a.statuses[a.status_slot_owner[slot].0 as usize].states;
        let other_names = &b.statuses[b.status_slot_owner[other].0 as usize].states;
        for (i, name) in names.iter().enumerate() {
            if let Some(j) = other_names.iter().position(|n| n == name) {
                states.push((label.clone(), name.clone(), slot, i as u16, other, j as u16));
            }
        }
    }
    let flags = a
        .flags
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            b.flags
                .iter()
                .position(|g| g.id == f.id)
                .map(|j| (f.id.clone(), i, j))
        })
        .collect();
    Pairs {
        proposals,
        states,
        flags,
    }
}

fn tally(counts: &mut Counts, a: bool, b: bool) {
    match (a, b) {
        (true, true) => counts[0] += 1,
        (true, false) => counts[1] += 1,
        (false, true) => counts[2] += 1,
        _ => {}
    }
}

/// Runs `runs` paired runs and returns the comparison as JSON: for each matched proposal
/// (adoption), status state and flag, `a` and `b` as `{p, lo, hi}` and `difference` (B − A)
/// as `{d, lo, hi}` with a 95% interval for paired proportions.
pub fn compare(a: &Model, b: &Model, seed: u64, runs: u64) -> Value {
    let pairs = pairs(a, b);
    let size = pairs.proposals.len() + pairs.states.len() + pairs.flags.len();
    let (last_a, last_b) = (a.calendar.len() as u32 - 1, b.calendar.len() as u32 - 1);
    let counts = (0..runs)
        .into_par_iter()
        .fold(
            || {
                (
                    vec![[0u64; 3]; size],
                    State::new(a),
                    State::new(b),
                    RunRng::for_run(a, seed, 0),
                    RunRng::for_run(b, seed, 0),
                )
            },
            |(mut counts, mut sa, mut sb, mut ra, mut rb), run| {
                sa.reset(a);
                sb.reset(b);
                ra.reseed(seed, run);
                rb.reseed(seed, run);
                engine::run(a, &mut sa, &mut ra, last_a, &mut Silent);
                engine::run(b, &mut sb, &mut rb, last_b, &mut Silent);
                let mut k = 0;
                for &(_, i, j) in &pairs.proposals {
                    tally(
                        &mut counts[k],
                        sa.proposals[i].outcome == Outcome::Adopted,
                        sb.proposals[j].outcome == Outcome::Adopted,
                    );
                    k += 1;
                }
                for &(_, _, slot_a, state_a, slot_b, state_b) in &pairs.states {
                    tally(
                        &mut counts[k],
                        sa.states[slot_a] == state_a,
                        sb.states[slot_b] == state_b,
                    );
                    k += 1;
                }
                for &(_, i, j) in &pairs.flags {
                    tally(&mut counts[k], sa.flags[i], sb.flags[j]);
                    k += 1;
                }
                (counts, sa, sb, ra, rb)
            },
        )
        .map(|(counts, ..)| counts)
        .reduce(
            || vec![[0u64; 3]; size],
            |mut x, y| {
                for (c, d) in x.iter_mut().zip(&y) {
                    for i in 0..3 {
                        c[i] += d[i];
                    }
                }
                x
            },
        );
    let entry = |c: &Counts| {
        let (both, a_only, b_only) = (c[0], c[1], c[2]);
        json!({ "a": share(both + a_only, runs), "b": share(both + b_only, runs), "difference": paired_difference(a_only, b_only, runs) })
    };
    let mut k = 0;
    let mut proposals = Map::new();
    for (id, _, _) in &pairs.proposals {
        proposals.insert(id.clone(), json!({ "adopted": entry(&counts[k]) }));
        k += 1;
    }
    let mut statuses = Map::new();
    for (label, state, ..) in &pairs.states {
        if let Value::Object(m) = statuses
            .entry(label.clone())
            .or_insert_with(|| Value::Object(Map::new()))
        {
            m.insert(state.clone(), entry(&counts[k]));
        }
        k += 1;
    }
    let mut flags = Map::new();
    for (id, _, _) in &pairs.flags {
        flags.insert(id.clone(), entry(&counts[k]));
        k += 1;
    }
    json!({
        "a": a.id, "b": b.id, "seed": seed, "runs": runs, "version": env!("CARGO_PKG_VERSION"),
        "proposals": proposals, "statuses": statuses, "flags": flags,
    })
}

/// B − A for paired binary outcomes, where `a_only` runs had it in A alone and `b_only` in B
/// alone, with a 95% Wald interval on the per-run differences (exact 0 when no run differs).
pub fn paired_difference(a_only: u64, b_only: u64, runs: u64) -> Value {
    if runs == 0 {
        return json!({ "d": 0.0, "lo": 0.0, "hi": 0.0 });
    }
    let n = runs as f64;
    let d = (b_only as f64 - a_only as f64) / n;
    let second_moment = (a_only + b_only) as f64 / n;
    let variance = (second_moment - d * d).max(0.0) / n;
    let half = 1.959_963_984_540_054 * variance.sqrt();
    json!({ "d": round(d), "lo": round((d - half).max(-1.0)), "hi": round((d + half).min(1.0)) })
}
