//! `statecraft sensitivity` and `merge` of its shards: the tornado and the Morris effects
//! for people, led by the one line that names the setting moving the outcome most.

use statecraft_rules::percent::Percent;
use statecraft_rules::sensitivity::Sensitivity;

use crate::calibrate::num;
use crate::text as safe;

/// The sensitivity of one outcome for people.
pub fn text(s: &Sensitivity) -> String {
    let pct = |p: f64| Percent::of_share(p).to_string();
    let mut t = String::new();
    if let Some(top) = s.parameters.first() {
        t.push_str(&format!(
            "{} moves {} most: {} at {} → {} at {}\n",
            safe::inert(&top.path),
            safe::inert(&s.what),
            pct(top.p_low),
            num(top.low),
            pct(top.p_high),
            num(top.high)
        ));
    }
    t.push_str(&format!(
        "{} ({}: {}), {} runs per point, seed {}, scenario {}: {} at the scenario's values\n",
        safe::inert(&s.scenario),
        match s.kind {
            statecraft_rules::sensitivity::Kind::Proposal => "a proposal",
            statecraft_rules::sensitivity::Kind::Flag => "a flag",
            statecraft_rules::sensitivity::Kind::Observed => "an observed outcome's condition",
            statecraft_rules::sensitivity::Kind::Expect => "an expectation's condition",
        },
        safe::inert(&s.outcome),
        s.runs,
        s.seed,
        s.scenario_hash,
        pct(s.p_base)
    ));
    let width = (s.parameters.iter())
        .map(|p| p.path.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    t.push_str(&format!(
        "  {:width$}  {:>8}  {:>8}  {:>7}  {:>7}  {:>7}  {:>6}  {:>6}\n",
        "parameter", "low", "high", "p low", "p high", "effect", "mu*", "sigma"
    ));
    for p in &s.parameters {
        t.push_str(&format!(
            "  {:width$}  {:>8}  {:>8}  {:>7}  {:>7}  {:>+7.3}  {:>6.3}  {:>6.3}\n",
            safe::inert(&p.path),
            num(p.low),
            num(p.high),
            pct(p.p_low),
            pct(p.p_high),
            p.effect,
            p.mu_star,
            p.sigma
        ));
    }
    t.push_str(&format!(
        "effect: p at high − p at low, the others at the scenario's values; mu*, sigma: Morris elementary effects over {} trajectories (change in p per whole range)\n",
        s.trajectories
    ));
    t
}
