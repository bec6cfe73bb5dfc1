//! A Monte Carlo aggregate as the documented JSON (README, "Monte Carlo output"): every
//! probability as `{p, lo, hi}` with a 95% Wilson interval, quantiles of every indicator at
//! every step, stamped with the seed, run count, scenario hash and version.

use serde_json::{Map, Value, json};
use statecraft_model::model::Model;

use crate::mc::{Aggregate, quantile};
use crate::stats::wilson;

/// The share `k / n` as `{p, lo, hi}`.
pub fn share(k: u64, n: u64) -> Value {
    let (p, lo, hi) = wilson(k, n);
    json!({ "p": round(p), "lo": round(lo), "hi": round(hi) })
}

/// Rounded to 1e-6 so outputs stay short and identical across platforms' last bits.
pub fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The quantiles reported for indicators.
pub const QUANTILES: [(f64, &str); 5] = [
    (0.05, "q05"),
    (0.25, "q25"),
    (0.5, "q50"),
    (0.75, "q75"),
    (0.95, "q95"),
];

/// The JSON summary of an aggregate.
pub fn to_json(model: &Model, agg: &Aggregate, seed: u64) -> Value {
    let n = agg.runs;
    let steps = model.calendar.len();
    let mut proposals = Map::new();
    for (p, prop) in model.proposals.iter().enumerate() {
        let [pending, adopted, failed] = agg.outcomes[p];
        let mut by_date = Map::new();
        let mut cumulative = 0;
        for step in 0..steps {
            cumulative += agg.adopted_in_step[p][step];
            by_date.insert(
                model.calendar.step_end(step as u32).to_string(),
                share(cumulative, n),
            );
        }
        proposals.insert(
            prop.id.clone(),
            json!({
                "adopted": share(adopted, n),
                "failed": share(failed, n),
                "pending": share(pending, n),
                "adopted_by": by_date,
            }),
        );
    }
    let mut statuses = Map::new();
    for (slot, &(status, actor)) in model.status_slot_owner.iter().enumerate() {
        let actor_id = model.actors[actor as usize].id.clone();
        let states: Map<String, Value> = model.statuses[status as usize]
            .states
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), share(agg.final_states[slot][i], n)))
            .collect();
        if let Value::Object(by_status) = statuses
            .entry(actor_id)
            .or_insert_with(|| Value::Object(Map::new()))
        {
            by_status.insert(
                model.statuses[status as usize].id.clone(),
                Value::Object(states),
            );
        }
    }
    let flags: Map<String, Value> = model
        .flags
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), share(agg.flags[i], n)))
        .collect();
    let mut indicators = Map::new();
    if !agg.histograms.is_empty() {
        for ind in &model.indicators {
            for slot in ind.slots() {
                let series: Vec<Value> = (0..steps)
                    .map(|step| {
                        let at = crate::mc::histogram_index(steps, slot as usize, step, 0);
                        let bins = &agg.histograms[at..at + crate::mc::BINS];
                        let sums = &agg.bin_sums[at..at + crate::mc::BINS];
                        let mut point = Map::new();
                        point.insert(
                            "date".into(),
                            Value::String(model.calendar.step_end(step as u32).to_string()),
                        );
                        for (q, name) in QUANTILES {
                            point.insert(name.into(), json!(round(quantile(bins, sums, q))));
                        }
                        Value::Object(point)
                    })
                    .collect();
                indicators.insert(model.slot_label(slot), Value::Array(series));
            }
        }
    }
    let expectations: Vec<Value> = model
        .expects
        .iter()
        .enumerate()
        .map(|(i, e)| json!({ "id": e.label, "that": e.that.text(), "held": share(agg.expectations[i], n) }))
        .collect();
    json!({
        "scenario": model.id,
        "version": env!("CARGO_PKG_VERSION"),
        "seed": seed,
        "runs": n,
        "scenario_hash": format!("{:016x}", model.source_hash),
        "proposals": proposals,
        "statuses": statuses,
        "flags": flags,
        "indicators": indicators,
        "expectations": expectations,
    })
}
