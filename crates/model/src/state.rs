//! The state of one run: flat vectors indexed by the model's slots, so a step reads and
//! writes numbers, never names. A Monte Carlo batch resets one `State` per worker instead of
//! allocating a new one per run.
//!
//! What may be absent is an `Option`: optional ids cost no extra space (ids keep a niche,
//! see [`crate::id`]); an optional step is an `Option<u32>`, which makes the few small
//! records that hold one a word larger, not the hot per-slot vectors.

use crate::expr::Env;
use crate::id::{OfficeId, PackageId, PersonId};
use crate::model::{Accessor, Model};

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

/// What a pending proposal waits for next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextAction {
    /// A vote (the first, or a re-vote after a failure).
    Vote,
    /// The formal adoption of an act already agreed politically.
    FormalAdoption,
    /// Its proposer considers tabling it (`table_when`, `table_chance`): once a step, on
    /// the step's first day (or the `earliest` day), until it is tabled.
    Table,
}

/// A proposal's next action and the day it happens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub day: i32,
    pub action: NextAction,
}

impl Due {
    pub fn vote(day: i32) -> Self {
        Due {
            day,
            action: NextAction::Vote,
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct ProposalState {
    pub outcome: Outcome,
    /// The next action and its day, if one is due: the engine's agenda takes it in the step
    /// that contains the day.
    pub next: Option<Due>,
    pub attempts: u32,
    /// The stage to vote next (index into the proposal's stages): stages passed stay passed.
    pub stage: u8,
    /// The step it was adopted or finally failed.
    pub decided: Option<u32>,
    /// The day it was adopted (formally) or finally failed, as the timeline dates it.
    pub decided_day: i32,
    /// Its package: one of the model's packages, or (id `packages.len() + p`) a package
    /// formed in the run around proposal `p`.
    pub package: Option<PackageId>,
}

#[derive(Clone, Copy, Debug)]
pub struct ReviewState {
    pub failures: u32,
    /// Bit `i` is set while action `i` is in force.
    pub taken: u64,
    /// Requested by an effect on this day: held on that day (or the next step's first day
    /// when it has been held in the step already).
    pub requested: Option<i32>,
    /// The step it was last held in: a review is held at most once a step.
    pub held: Option<u32>,
}

/// Everything that changes during a run.
#[derive(Clone, Debug)]
pub struct State {
    pub step: u32,
    /// The first day of the current step, as a day number.
    pub day: i32,
    /// Indicator values, by [`SlotId`](crate::id::SlotId).
    pub values: Vec<f64>,
    /// The drift target of every indicator slot (effects can move it).
    pub baselines: Vec<f64>,
    /// Status states, by [`StatusSlotId`](crate::id::StatusSlotId).
    pub states: Vec<u16>,
    pub flags: Vec<bool>,
    /// The person holding each office, by [`OfficeId`] (`None` while vacant).
    pub holders: Vec<Option<PersonId>>,
    pub proposals: Vec<ProposalState>,
    pub policy_active: Vec<bool>,
    pub event_done: Vec<bool>,
    pub reviews: Vec<ReviewState>,
    /// By trigger: the first step it may fire at (0 until it has fired; after, the step it
    /// fired at plus its cooldown, or `u32::MAX` for one that fires once).
    pub trigger_ready: Vec<u32>,
    /// Appointments made and not yet in effect, in the order they were made.
    pub appointments: Vec<Appointment>,
    /// Ratifications so far: for each proposal with a `ratification` stage (its
    /// `Proposal::ratification` index), one flag per actor; a member that ratified stays so.
    pub ratified: Vec<bool>,
    /// Whether each actor's voting rights are suspended (Art. 7(3) TEU), by actor index.
    pub suspended: Vec<bool>,
    /// How many actors `suspended` holds as suspended: a batch vote's quick count is used
    /// only while none is, and this tells it without a scan. Kept by whoever writes
    /// `suspended`.
    pub suspended_count: u32,
    /// By policy: the vote a `persist` policy keeps, once it has decided one.
    pub latched: Vec<Option<Latch>>,
    /// By policy: whether its `concession` has been met (it then applies no more).
    pub concession_met: Vec<bool>,
    /// By proposal: members against in its latest dry run (`objectors(p)`).
    pub dry_objectors: Vec<u16>,
    /// By proposal: whether its latest dry run adopts it (`would_pass(p)`).
    pub dry_pass: Vec<bool>,
    /// By proposal: a fingerprint of the reason it was last logged as held back (0: none),
    /// so the timeline says it once per change of reason. Kept only when logging.
    pub held_reason: Vec<u64>,
}

/// The vote a `persist` policy decided and keeps: the vote, and the day and step it was
/// first cast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Latch {
    pub vote: crate::vote::Vote,
    pub step: u32,
    pub day: i32,
}

/// An appointment made by an effect: `person` to `office`, made on `day`; it takes effect on
/// that day, after the day's events (or on the next step's first day when made after the
/// step's agenda, by a trigger).
#[derive(Clone, Copy, Debug)]
pub struct Appointment {
    pub office: OfficeId,
    pub person: PersonId,
    pub day: i32,
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
            trigger_ready: Vec::new(),
            appointments: Vec::new(),
            ratified: Vec::new(),
            suspended: Vec::new(),
            suspended_count: 0,
            latched: Vec::new(),
            concession_met: Vec::new(),
            dry_objectors: Vec::new(),
            dry_pass: Vec::new(),
            held_reason: Vec::new(),
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
        self.holders
            .extend(model.offices.iter().map(|o| o.initial_holder));
        self.proposals.clear();
        self.proposals.extend(model.proposals.iter().map(|p| {
            ProposalState {
                outcome: Outcome::Pending,
                next: p
                    .tabled_day
                    .map(Due::vote)
                    .or(p.initiative.as_ref().map(|i| Due {
                        // With `table_at`, the calendar's first date from `earliest`; none
                        // left is a day no step reaches.
                        day: match i.at {
                            Some(c) => model.calendars[c.index()]
                                .next_after(i.earliest_day - 1)
                                .unwrap_or(i32::MAX),
                            None => i.earliest_day,
                        },
                        action: NextAction::Table,
                    })),
                attempts: 0,
                stage: 0,
                decided: None,
                decided_day: 0,
                package: p.package,
            }
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
                requested: None,
                held: None,
            },
        );
        self.trigger_ready.clear();
        self.trigger_ready.resize(model.triggers.len(), 0);
        self.appointments.clear();
        self.ratified.clear();
        self.ratified
            .resize(model.ratifying as usize * model.actors.len(), false);
        self.suspended.clear();
        self.suspended.resize(model.actors.len(), false);
        self.suspended_count = 0;
        self.latched.clear();
        self.latched.resize(model.policies.len(), None);
        self.concession_met.clear();
        self.concession_met.resize(model.policies.len(), false);
        self.dry_objectors.clear();
        self.dry_objectors.resize(model.proposals.len(), 0);
        self.dry_pass.clear();
        self.dry_pass.resize(model.proposals.len(), false);
        self.held_reason.clear();
        self.held_reason.resize(model.proposals.len(), 0);
    }
}

impl State {
    /// Makes this state a copy of `start` (a state just [`reset`](Self::reset) for the same
    /// model), reusing the allocations: what a batch does before each run, for it copies
    /// each vector in one go where `reset` builds several element by element.
    pub fn reset_to(&mut self, start: &State) {
        // Every field by name: a field added to the state and not copied here does not
        // compile.
        let State {
            step,
            day,
            values,
            baselines,
            states,
            flags,
            holders,
            proposals,
            policy_active,
            event_done,
            reviews,
            trigger_ready,
            appointments,
            ratified,
            suspended,
            suspended_count,
            latched,
            concession_met,
            dry_objectors,
            dry_pass,
            held_reason,
        } = start;
        self.step = *step;
        self.day = *day;
        copy_from(&mut self.values, values);
        copy_from(&mut self.baselines, baselines);
        copy_from(&mut self.states, states);
        copy_from(&mut self.flags, flags);
        copy_from(&mut self.holders, holders);
        copy_from(&mut self.proposals, proposals);
        copy_from(&mut self.policy_active, policy_active);
        copy_from(&mut self.event_done, event_done);
        copy_from(&mut self.reviews, reviews);
        copy_from(&mut self.trigger_ready, trigger_ready);
        copy_from(&mut self.appointments, appointments);
        copy_from(&mut self.ratified, ratified);
        copy_from(&mut self.suspended, suspended);
        self.suspended_count = *suspended_count;
        copy_from(&mut self.latched, latched);
        copy_from(&mut self.concession_met, concession_met);
        copy_from(&mut self.dry_objectors, dry_objectors);
        copy_from(&mut self.dry_pass, dry_pass);
        copy_from(&mut self.held_reason, held_reason);
    }
}

fn copy_from<T: Copy>(into: &mut Vec<T>, from: &[T]) {
    into.clear();
    into.extend_from_slice(from);
}

impl Env<Accessor> for State {
    #[inline]
    fn read(&self, accessor: Accessor) -> f64 {
        self.read_now(accessor)
    }
}

impl State {
    /// [`Env::read`], always inlined: the closures of `cond` each read one kind of accessor,
    /// and inlining leaves them only that kind's arm.
    #[inline(always)]
    pub(crate) fn read_now(&self, accessor: Accessor) -> f64 {
        match accessor {
            Accessor::Indicator(slot) => self.values[slot.index()],
            Accessor::Status(slot) => f64::from(self.states[slot.index()]),
            Accessor::Flag(f) => f64::from(u8::from(self.flags[f.index()])),
            Accessor::Outcome(p) => self.proposals[p.index()].outcome as u8 as f64,
            Accessor::Attempts(p) => f64::from(self.proposals[p.index()].attempts),
            Accessor::Holder(o) => match self.holders[o.index()] {
                None => -1.0,
                Some(person) => person.index() as f64,
            },
            Accessor::PolicyActive(p) => f64::from(u8::from(self.policy_active[p.index()])),
            Accessor::Date => f64::from(self.day),
            Accessor::Objectors(p) => f64::from(self.dry_objectors[p.index()]),
            Accessor::WouldPass(p) => f64::from(u8::from(self.dry_pass[p.index()])),
            Accessor::Decided(p) => {
                let ps = &self.proposals[p.index()];
                if ps.outcome == Outcome::Pending {
                    f64::from(crate::model::UNDECIDED_DAY)
                } else {
                    f64::from(ps.decided_day)
                }
            }
        }
    }
}
