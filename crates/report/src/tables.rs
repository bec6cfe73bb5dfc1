//! The tables of one scenario: outcome probabilities over a batch, and the seed-0 run's final
//! state complete (proposals with outcome and date, statuses, flags, indicators, offices,
//! expectations passed or failed), each row by the scenario's names with a link to its source.

use maud::{Markup, html};
use statecraft_model::model::Model;
use statecraft_rules::percent::Percent;
use statecraft_rules::run::RunReport;
use statecraft_rules::run_summary::FinalState;
use statecraft_rules::summary::{McSummary, Share};

use crate::names::{actor_name, rich, source, state_words, status_name};

/// A share with its interval: `42.0% [39.1–45.0]`.
pub fn share(v: &Share) -> Markup {
    interval(v.p, v.lo, v.hi)
}

/// A probability `p` with its interval `lo`–`hi`: `42.0% [39.1–45.0]`.
pub fn interval(p: f64, lo: f64, hi: f64) -> Markup {
    html! {
        (Percent::of_share(p).to_string())
        " " span.fx { "[" (Percent::of_share(lo).number()) "–" (Percent::of_share(hi).number()) "]" }
    }
}

/// The batch's outcome shares: proposals, final states, flags, expectations.
pub fn probabilities(model: &Model, mc: &McSummary) -> Markup {
    html! {
        div.scroll { table {
            thead { tr { th { "Proposal" } th.n { "adopted" } th.n { "failed" } th.n { "pending" } } }
            tbody {
                @for (p, prop) in model.proposals().iter().enumerate() {
                    @if let Some(o) = mc.proposals.get(&prop.id) {
                        tr id={ "p-" (p) } {
                            td { (prop.title) (source(model, prop.source)) }
                            td.n { (share(&o.adopted)) } td.n { (share(&o.failed)) } td.n { (share(&o.pending)) }
                        }
                    }
                }
            }
        } }
        @if model.status_slot_count() > 0 {
            div.scroll { table {
                thead { tr { th { "Status" } th { "final state: share of runs" } } }
                tbody {
                    @for slot in model.status_slot_ids() {
                        @let owner = model.status_slot_owner(slot);
                        @let states = mc.statuses.get(&model.actor(owner.actor).id)
                            .and_then(|s| s.get(&model.status(owner.status).id));
                        tr {
                            td { (status_name(model, slot)) }
                            td { @if let Some(states) = states {
                                @for (i, (state, v)) in states.iter().enumerate() {
                                    @if i > 0 { " · " }
                                    (state_words(state)) " " (share(v))
                                }
                            } }
                        }
                    }
                }
            } }
        }
        @if !model.flags().is_empty() {
            div.scroll { table {
                thead { tr { th { "Flag" } th.n { "set at the end" } } }
                tbody { @for f in model.flags() { @if let Some(v) = mc.flags.get(&f.id) {
                    tr { td { (f.name) (source(model, f.source)) } td.n { (share(v)) } }
                } } }
            } }
        }
        @if !mc.expectations.is_empty() {
            div.scroll { table {
                thead { tr { th { "Expectation" } th { "condition" } th.n { "held in" } } }
                tbody { @for e in &mc.expectations {
                    tr { td { (e.id) } td { code { (e.that) } } td.n { (share(&e.held)) } }
                } }
            } }
        }
    }
}

/// The seed-0 run's final state, complete.
pub fn final_state(model: &Model, run: &RunReport) -> Markup {
    let end = FinalState::new(model, run);
    let state = &run.state;
    html! {
        h3 { "Proposals" }
        div.scroll { table {
            thead { tr { th { "Proposal" } th { "outcome" } th.n { "decided" } th.n { "votes" } th { "against in the last vote" } } }
            tbody { @for (prop, (_, r)) in model.proposals().iter().zip(end.proposals.iter()) {
                tr {
                    td { (prop.title) (source(model, prop.source)) }
                    td { (r.outcome.name()) }
                    td.n { (r.decided.as_deref().unwrap_or("—")) }
                    td.n { (r.attempts) }
                    td { (r.vetoed_by.iter().map(|m| actor_name(model, m)).collect::<Vec<_>>().join(", ")) }
                }
            } }
        } }
        @if model.status_slot_count() > 0 {
            h3 { "Statuses" }
            div.scroll { table {
                thead { tr { th { "Status" } th { "state" } } }
                tbody { @for slot in model.status_slot_ids() {
                    @let status = model.status(model.status_slot_owner(slot).status);
                    tr {
                        td { (status_name(model, slot)) (source(model, status.source)) }
                        td { (state_words(model.state_name(slot, state.states[slot.index()]))) }
                    }
                } }
            } }
        }
        @if !model.flags().is_empty() {
            h3 { "Flags" }
            div.scroll { table {
                thead { tr { th { "Flag" } th { "at the end" } } }
                tbody { @for (f, set) in model.flags().iter().zip(&state.flags) {
                    tr { td { (f.name) (source(model, f.source)) } td { @if *set { "set" } @else { "not set" } } }
                } }
            } }
        }
        @if !model.indicators().is_empty() {
            h3 { "Indicators" }
            div.scroll { table {
                thead { tr { th { "Indicator" } th { "actor" } th.n { "start" } th.n { "end" } } }
                tbody { @for ind in model.indicators() { @for slot in ind.slots() {
                    @let owner = model.slot_owner(slot);
                    tr {
                        td { (ind.name) (source(model, ind.source)) }
                        td { @if let Some(a) = owner.actor { (model.actor(a).name) } @else { "—" } }
                        td.n { (value(model.initial_values()[slot.index()])) }
                        td.n { (value(state.values[slot.index()])) }
                    }
                } } }
            } }
        }
        @if !model.offices().is_empty() {
            h3 { "Offices" }
            div.scroll { table {
                thead { tr { th { "Office" } th { "holder at the end" } } }
                tbody { @for (o, holder) in model.offices().iter().zip(&state.holders) {
                    tr { td { (o.name) } td { @if let Some(p) = holder { (model.person(*p).name) } @else { "vacant" } } }
                } }
            } }
        }
        @if !model.expects().is_empty() {
            h3 { "Expectations" }
            div.scroll { table {
                thead { tr { th { "Expectation" } th { "condition" } th.n { "on" } th { "result" } } }
                tbody { @for (i, e) in model.expects().iter().enumerate() {
                    @let held = run.expectations.iter().find(|(k, _)| *k == i).map(|(_, h)| *h);
                    tr {
                        td { (e.label) }
                        td { (rich(&format!("`{}`", e.that.text()))) }
                        td.n { (statecraft_model::calendar::date_of_day(e.day).to_string()) }
                        td { @match held {
                            Some(true) => span.pass { "pass" },
                            Some(false) => span.fail { "fail" },
                            None => span.fx { "not reached" },
                        } }
                    }
                } }
            } }
        }
    }
}

/// A value as the scenario writes them: whole numbers bare, others to two decimals.
pub fn value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}
