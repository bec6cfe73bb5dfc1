//! The compiled scenario: every name resolved to a dense index, every date to a step, every
//! condition compiled. This is what the step loop reads, millions of times in a Monte Carlo
//! batch, so it holds vectors indexed by id and no maps or string lookups on the hot path.
//!
//! **Architecture invariant:** a `Model` that `compile` returns is valid: every index in it
//! points at an item, and anything `compile` accepts can be run without a panic. The fields
//! are public, so code that builds or edits a `Model` by hand is on its own.

use std::ops::Range;

use crate::calendar::Calendar;
use crate::expr::Condition;
use crate::raw::{ActionKind, ActorKind, FactKind};
use crate::vote::{Procedure, Vote};

/// What a condition can read. Indices are into the [`crate::state::State`] vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accessor {
    /// An indicator slot (one per actor of a per-actor indicator, one for a global one).
    Indicator(u32),
    /// A status slot; reads the state's index.
    Status(u32),
    Flag(u32),
    /// A proposal's outcome: 0 pending, 1 adopted, 2 failed.
    Outcome(u32),
    /// How many times a proposal has been voted on.
    Attempts(u32),
    /// The person holding an office (index into persons; -1 when vacant).
    Holder(u32),
    /// Whether a policy is in force.
    PolicyActive(u32),
    /// The first day of the current step, as a day number.
    Date,
}

/// A compiled condition over the run state.
pub type Cond = Condition<Accessor>;

/// The names of a proposal's outcomes, in the order of [`Accessor::Outcome`]'s values.
pub const OUTCOMES: [&str; 3] = ["pending", "adopted", "failed"];

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub population: u64,
    pub source: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub name: String,
    /// By style key (see [`Model::style_keys`]); 1.0 where the person has no value.
    pub style: Vec<f64>,
}

#[derive(Clone, Debug)]
pub struct Office {
    pub id: String,
    pub name: String,
    pub initial_holder: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// The actors that have it; empty for a global indicator.
    pub actors: Vec<u32>,
    /// The first slot; a per-actor indicator uses `actors.len()` consecutive slots.
    pub first_slot: u32,
    pub min: f64,
    pub max: f64,
    pub drift: f64,
    pub noise: f64,
    pub source: Option<u32>,
}

impl Indicator {
    pub fn slots(&self) -> Range<u32> {
        self.first_slot..self.first_slot + self.actors.len().max(1) as u32
    }
}

#[derive(Clone, Debug)]
pub struct Status {
    pub id: String,
    pub name: String,
    pub states: Vec<String>,
    pub actors: Vec<u32>,
    pub first_slot: u32,
    pub source: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Flag {
    pub id: String,
    pub name: String,
    pub initial: bool,
    pub source: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Instrument {
    pub id: String,
    pub name: String,
    pub procedure: Procedure,
    pub source: Option<u32>,
}

/// When a failed proposal is voted again.
#[derive(Clone, Copy, Debug)]
pub struct Retable {
    pub every_steps: u32,
    pub until_step: u32,
    pub max_attempts: u32,
}

#[derive(Clone, Debug)]
pub struct Proposal {
    pub id: String,
    pub title: String,
    pub instrument: u32,
    pub beneficiary: Option<u32>,
    pub amount_eur: f64,
    pub procedure: Procedure,
    /// First vote, unless an effect tables it: the step, and the day as written.
    pub tabled: Option<u32>,
    pub tabled_day: Option<i32>,
    /// Member states that vote (actor indices), in actor order.
    pub participants: Vec<u32>,
    pub package: Option<u32>,
    pub retable: Option<Retable>,
    pub on_adopt: Range<u32>,
    pub on_fail: Range<u32>,
    pub source: Option<u32>,
}

/// A policy's rule, compiled.
#[derive(Clone, Debug)]
pub enum Rule {
    Fixed(Vote),
    BalancedAid {
        counterpart: u32,
        ratio: f64,
        window_steps: u32,
        /// Instruments whose aid to the counterpart counts; empty = the proposal's own.
        accepts: Vec<u32>,
        otherwise: Vote,
    },
    Conditional {
        condition: Cond,
        then: Vote,
        otherwise: Vote,
    },
}

/// Which proposals a policy applies to; an empty list matches anything.
#[derive(Clone, Debug, Default)]
pub struct Selector {
    pub instruments: Vec<u32>,
    pub beneficiaries: Vec<u32>,
    pub proposals: Vec<u32>,
}

impl Selector {
    /// Whether a vote falls under the selector: on a measure under `instrument` for
    /// `beneficiary`, about `proposal` (none for a review's Council decision, which only a
    /// selector without proposals covers).
    #[inline]
    pub fn matches(
        &self,
        instrument: u32,
        beneficiary: Option<u32>,
        proposal: Option<u32>,
    ) -> bool {
        (self.instruments.is_empty() || self.instruments.contains(&instrument))
            && (self.beneficiaries.is_empty()
                || beneficiary.is_some_and(|b| self.beneficiaries.contains(&b)))
            && (self.proposals.is_empty() || proposal.is_some_and(|p| self.proposals.contains(&p)))
    }
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub id: String,
    pub member: u32,
    pub selector: Selector,
    pub rule: Rule,
    pub when: Option<Cond>,
    pub probability: Option<f64>,
    pub active: bool,
    pub source: Option<u32>,
}

/// A change to the state.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Add `by` (times the style value, if scaled) or set `to`; to the value, or to the
    /// drift target when `baseline` is set.
    Indicator {
        slot: u32,
        change: Change,
        scale: Option<(u32, u32)>,
        baseline: bool,
    },
    Flag {
        flag: u32,
        value: bool,
    },
    Status {
        slot: u32,
        to: u16,
    },
    Appoint {
        office: u32,
        person: u32,
    },
    Table {
        proposal: u32,
        with: Option<u32>,
    },
    SetPolicy {
        policy: u32,
        active: bool,
    },
    Review {
        review: u32,
    },
}

#[derive(Clone, Copy, Debug)]
pub enum Change {
    By(f64),
    To(f64),
}

#[derive(Clone, Debug)]
pub enum Schedule {
    At {
        step: u32,
        day: i32,
    },
    Random {
        chance: f64,
        from: u32,
        until: u32,
        once: bool,
    },
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub text: String,
    pub schedule: Schedule,
    pub when: Option<Cond>,
    pub effects: Range<u32>,
    pub source: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct ReviewAction {
    pub kind: ActionKind,
    pub after_failures: u32,
    /// The status slot moved on the subject, the state it moves to, and where restoration
    /// returns it.
    pub status: Option<(u32, u16, Option<u16>)>,
    pub instrument: Option<u32>,
    pub effects: Range<u32>,
}

#[derive(Clone, Debug)]
pub struct Review {
    pub id: String,
    pub title: String,
    pub subject: u32,
    pub requires: Cond,
    pub first: Option<u32>,
    pub every_steps: Option<u32>,
    pub actions: Vec<ReviewAction>,
    pub source: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Trigger {
    pub id: String,
    pub text: String,
    pub when: Cond,
    pub once: bool,
    pub cooldown_steps: u32,
    pub effects: Range<u32>,
    pub source: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct Expect {
    pub label: String,
    pub step: u32,
    pub day: i32,
    pub that: Cond,
    pub at_least: Option<f64>,
    pub at_most: Option<f64>,
    /// `file:line:column` of the expectation, for test reports.
    pub position: String,
}

#[derive(Clone, Debug)]
pub struct Fact {
    pub id: String,
    pub day: Option<i32>,
    /// How precisely the date is known: `day`, `month` or `year`.
    pub precision: Option<String>,
    pub kind: FactKind,
    pub summary: String,
    pub document: String,
    pub paragraph: Option<String>,
}

/// A compiled scenario.
#[derive(Clone, Debug)]
pub struct Model {
    pub id: String,
    pub title: String,
    pub calendar: Calendar,
    pub default_vote: Vote,
    pub actors: Vec<Actor>,
    /// Member states, as actor indices, in file order.
    pub members: Vec<u32>,
    pub persons: Vec<Person>,
    pub style_keys: Vec<String>,
    pub offices: Vec<Office>,
    pub indicators: Vec<Indicator>,
    /// Initial value and drift baseline of every indicator slot.
    pub initial_values: Vec<f64>,
    pub baselines: Vec<f64>,
    /// For each indicator slot: its indicator and actor (for labels).
    pub slot_owner: Vec<(u32, Option<u32>)>,
    pub statuses: Vec<Status>,
    pub initial_states: Vec<u16>,
    pub status_slot_owner: Vec<(u32, u32)>,
    pub flags: Vec<Flag>,
    pub instruments: Vec<Instrument>,
    pub proposals: Vec<Proposal>,
    pub packages: Vec<String>,
    pub policies: Vec<Policy>,
    /// For each actor, its policies in file order (empty for non-members).
    pub policies_of: Vec<Vec<u32>>,
    pub events: Vec<Event>,
    /// Scheduled events by step, in file order.
    pub scheduled: Vec<Vec<u32>>,
    /// Random events in file order (their draws happen in this order every step).
    pub random_events: Vec<u32>,
    pub reviews: Vec<Review>,
    pub triggers: Vec<Trigger>,
    pub expects: Vec<Expect>,
    pub effects: Vec<Effect>,
    pub facts: Vec<Fact>,
    /// A hash of the scenario's source texts, stamped on batch outputs.
    pub source_hash: u64,
    /// Keys of the random streams, one per item that draws (see `StreamKeys`).
    pub stream_keys: StreamKeys,
}

/// Each item that draws random numbers has its own stream, keyed by a hash of its kind and
/// id, so that adding, removing or changing one item in a variant leaves every other item's
/// draws as they were: common random numbers survive edits.
#[derive(Clone, Debug, Default)]
pub struct StreamKeys {
    /// Per event (used by random events).
    pub events: Vec<u64>,
    /// Per policy (used by policies with a probability).
    pub policies: Vec<u64>,
    /// Per indicator slot (used by noisy indicators).
    pub slots: Vec<u64>,
}

/// FNV-1a: a hash whose value is fixed by its definition, unlike `std::hash`. Each part is
/// followed by `separator`, so `["ab", "c"]` and `["a", "bc"]` differ.
pub fn fnv1a<'a>(parts: impl IntoIterator<Item = &'a str>, separator: u8) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([separator]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The stable key of an item's random stream, from its kind and id.
pub fn stable_hash(parts: &[&str]) -> u64 {
    fnv1a(parts.iter().copied(), 0)
}

impl Model {
    /// The label of an indicator slot: `trust(partner)` or `energy()`.
    pub fn slot_label(&self, slot: u32) -> String {
        let (indicator, actor) = self.slot_owner[slot as usize];
        let id = &self.indicators[indicator as usize].id;
        match actor {
            Some(a) => format!("{id}({})", self.actors[a as usize].id),
            None => format!("{id}()"),
        }
    }

    /// The label of a status slot: `partner.visa_free`.
    pub fn status_label(&self, slot: u32) -> String {
        let (status, actor) = self.status_slot_owner[slot as usize];
        format!(
            "{}.{}",
            self.actors[actor as usize].id, self.statuses[status as usize].id
        )
    }

    /// The state name of a status slot's state index.
    pub fn state_name(&self, slot: u32, state: u16) -> &str {
        let (status, _) = self.status_slot_owner[slot as usize];
        &self.statuses[status as usize].states[state as usize]
    }

    /// Source fact ids, for explanations.
    pub fn fact_id(&self, fact: Option<u32>) -> Option<&str> {
        fact.map(|f| self.facts[f as usize].id.as_str())
    }
}
