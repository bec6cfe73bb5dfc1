//! The state of one run: flat vectors indexed by the model's slots, so a step reads and
//! writes numbers, never names. A Monte Carlo batch resets one `State` per worker instead of
//! allocating a new one per run.

use crate::expr::Env;
use crate::model::{Accessor, Model};

/// "Never" / "none" for the step and index fields below.
pub const NEVER: u32 = u32::MAX;

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not decided yet (not tabled, or awaiting a vote or a re-vote).
    Pending = 0,
    Adopted = 1,
    /// Failed and not coming back.
    Failed = 2,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        crate::model::OUTCOMES[self as usize]
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ProposalState {
    pub outcome: Outcome,
    /// The step of the next vote, or [`NEVER`].
    pub next_vote: u32,
    pub attempts: u32,
    /// The step it was adopted or finally failed, or [`NEVER`].
    pub decided: u32,
    /// The day of that vote, as the timeline dates it.
    pub decided_day: i32,
    /// Its package: a model package index, or `packages.len() + p` for a package formed in
    /// the run around proposal `p`; [`NEVER`] for none.
    pub package: u32,
}

#[derive(Clone, Copy, Debug)]
pub struct ReviewState {
    pub failures: u32,
    /// Bit `i` is set while action `i` is in force.
    pub taken: u64,
    /// Held at this step because an effect asked for it, or [`NEVER`].
    pub requested: u32,
}

/// Everything that changes during a run.
#[derive(Clone, Debug)]
pub struct State {
    pub step: u32,
    /// The first day of the current step, as a day number.
    pub day: i32,
    pub values: Vec<f64>,
    /// The drift target of every indicator slot (effects can move it).
    pub baselines: Vec<f64>,
    pub states: Vec<u16>,
    pub flags: Vec<bool>,
    /// The person holding each office, or [`NEVER`].
    pub holders: Vec<u32>,
    pub proposals: Vec<ProposalState>,
    pub policy_active: Vec<bool>,
    pub event_done: Vec<bool>,
    pub reviews: Vec<ReviewState>,
    /// The step each trigger last fired, or [`NEVER`].
    pub trigger_fired: Vec<u32>,
    /// Appointments made this step, applied in the step's office phase.
    /// (office, person, day made), applied in the step's office phase.
    pub appointments: Vec<(u32, u32, i32)>,
}

impl State {
    pub fn new(model: &Model) -> Self {
        let mut state = State {
            step: 0,
            day: 0,
            values: Vec::new(),
            baselines: Vec::new(),
            states: Vec::new(),
            flags: Vec::new(),
            holders: Vec::new(),
            proposals: Vec::new(),
            policy_active: Vec::new(),
            event_done: Vec::new(),
            reviews: Vec::new(),
            trigger_fired: Vec::new(),
            appointments: Vec::new(),
        };
        state.reset(model);
        state
    }

    /// Back to the model's initial state, reusing the allocations.
    pub fn reset(&mut self, model: &Model) {
        self.step = 0;
        self.day = crate::calendar::day_number(model.calendar.start);
        copy_from(&mut self.values, &model.initial_values);
        copy_from(&mut self.baselines, &model.baselines);
        copy_from(&mut self.states, &model.initial_states);
        self.flags.clear();
        self.flags.extend(model.flags.iter().map(|f| f.initial));
        self.holders.clear();
        self.holders.extend(
            model
                .offices
                .iter()
                .map(|o| o.initial_holder.unwrap_or(NEVER)),
        );
        self.proposals.clear();
        self.proposals
            .extend(model.proposals.iter().map(|p| ProposalState {
                outcome: Outcome::Pending,
                next_vote: p.tabled.unwrap_or(NEVER),
                attempts: 0,
                decided: NEVER,
                decided_day: 0,
                package: p.package.unwrap_or(NEVER),
            }));
        self.policy_active.clear();
        self.policy_active
            .extend(model.policies.iter().map(|p| p.active));
        self.event_done.clear();
        self.event_done.resize(model.events.len(), false);
        self.reviews.clear();
        self.reviews.resize(
            model.reviews.len(),
            ReviewState {
                failures: 0,
                taken: 0,
                requested: NEVER,
            },
        );
        self.trigger_fired.clear();
        self.trigger_fired.resize(model.triggers.len(), NEVER);
        self.appointments.clear();
    }
}

fn copy_from<T: Copy>(into: &mut Vec<T>, from: &[T]) {
    into.clear();
    into.extend_from_slice(from);
}

impl Env<Accessor> for State {
    #[inline]
    fn read(&self, accessor: Accessor) -> f64 {
        match accessor {
            Accessor::Indicator(slot) => self.values[slot as usize],
            Accessor::Status(slot) => f64::from(self.states[slot as usize]),
            Accessor::Flag(f) => f64::from(u8::from(self.flags[f as usize])),
            Accessor::Outcome(p) => self.proposals[p as usize].outcome as u8 as f64,
            Accessor::Attempts(p) => f64::from(self.proposals[p as usize].attempts),
            Accessor::Holder(o) => match self.holders[o as usize] {
                NEVER => -1.0,
                person => f64::from(person),
            },
            Accessor::PolicyActive(p) => f64::from(u8::from(self.policy_active[p as usize])),
            Accessor::Date => f64::from(self.day),
        }
    }
}
