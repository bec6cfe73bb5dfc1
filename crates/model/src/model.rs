//! The compiled scenario: every name resolved to a dense index, every date to a step, every
//! condition compiled. This is what the step loop reads, millions of times in a Monte Carlo
//! batch, so it holds vectors indexed by id and no maps or string lookups on the hot path.
//!
//! Items refer to each other by typed ids ([`crate::id`]): a `ProposalId` indexes the
//! proposals, never the actors.
//!
//! **Architecture invariant:** a `Model` is valid by construction: every id in it points at
//! an item, every effect range lies inside the effect list, every slot vector has one entry
//! per slot, and anything `compile` accepts can be run without a panic. `compile` is the only
//! way to build one (the fields are private to this crate) and the rest of the workspace reads
//! it through methods, so no code outside `compile` can break what `compile` checked.

use crate::calendar::Calendar;
use crate::id::*;
use crate::raw::{ActionKind, ActorKind, FactKind};
use crate::vote::{Procedure, Vote};

/// What a condition can read. Indices are into the [`crate::state::State`] vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accessor {
    /// An indicator slot (one per actor of a per-actor indicator, one for a global one).
    Indicator(SlotId),
    /// A status slot; reads the state's index.
    Status(StatusSlotId),
    Flag(FlagId),
    /// A proposal's outcome: 0 pending, 1 adopted, 2 failed.
    Outcome(ProposalId),
    /// How many times a proposal has been voted on.
    Attempts(ProposalId),
    /// The person holding an office (the person's index; -1 when vacant).
    Holder(OfficeId),
    /// Whether a policy is in force.
    PolicyActive(PolicyId),
    /// The first day of the current step, as a day number.
    Date,
    /// How many members would vote against a proposal in a dry run (refreshed each step
    /// before tabling checks).
    Objectors(ProposalId),
    /// Whether a dry run of a proposal's vote adopts it.
    WouldPass(ProposalId),
    /// The day a proposal was adopted (formally) or finally failed; while it is not,
    /// [`UNDECIDED_DAY`], a day after any calendar's.
    Decided(ProposalId),
}

/// What `decided(p)` reads while `p` is undecided: a day number after every date a
/// scenario can name, so `decided(p) <= D` is false and `decided(p) > D` true.
pub const UNDECIDED_DAY: i32 = i32::MAX;

/// A compiled condition over the run state.
pub use crate::cond::Cond;

/// The names of a proposal's outcomes, in the order of [`Accessor::Outcome`]'s values.
pub const OUTCOMES: [&str; 3] = ["pending", "adopted", "failed"];

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub population: u64,
    pub source: Option<FactId>,
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
    pub initial_holder: Option<PersonId>,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub name: String,
    /// What a value is measured in, as the scenario writes it (`None`: not given).
    pub unit: Option<String>,
    /// The actors that have it; empty for a global indicator.
    pub actors: Vec<ActorId>,
    /// The first slot; a per-actor indicator uses `actors.len()` consecutive slots.
    pub first_slot: SlotId,
    pub min: f64,
    pub max: f64,
    pub drift: f64,
    pub noise: f64,
    pub source: Option<FactId>,
}

impl Indicator {
    /// Its slots: one per actor, or one for a global indicator.
    #[inline]
    pub fn slots(&self) -> impl Iterator<Item = SlotId> + use<> {
        let first = self.first_slot.index();
        (first..first + self.actors.len().max(1)).map(SlotId::from_index)
    }
}

#[derive(Clone, Debug)]
pub struct Status {
    pub id: String,
    pub name: String,
    pub states: Vec<String>,
    pub actors: Vec<ActorId>,
    /// The first status slot; the status uses `actors.len()` consecutive slots.
    pub first_slot: StatusSlotId,
    pub source: Option<FactId>,
}

#[derive(Clone, Debug)]
pub struct Flag {
    pub id: String,
    pub name: String,
    pub initial: bool,
    pub source: Option<FactId>,
}

/// When an act agreed at a vote is adopted formally.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormalAdoption {
    /// This many days after the political agreement (legal-linguistic revision).
    AfterDays(u32),
    /// At the calendar's next date after the agreement.
    At(CalendarId),
}

/// A `[[calendar]]`: a body's meeting dates.
#[derive(Clone, Debug)]
pub struct MeetingCalendar {
    pub id: String,
    pub name: String,
    /// Day numbers, increasing.
    pub days: Vec<i32>,
    pub source: Option<FactId>,
}

impl MeetingCalendar {
    /// The first meeting strictly after `day`, if any.
    #[inline]
    pub fn next_after(&self, day: i32) -> Option<i32> {
        let i = self.days.partition_point(|&d| d <= day);
        self.days.get(i).copied()
    }
}

#[derive(Clone, Debug)]
pub struct Instrument {
    pub id: String,
    pub name: String,
    /// The Council's voting rule; unanimity, never counted, when an actor decides.
    pub procedure: Procedure,
    pub formal_adoption: Option<FormalAdoption>,
    /// The actor that adopts its acts on its own; `None`: the Council, by a vote.
    pub decided_by: Option<ActorId>,
    /// The bodies that must approve its acts, in order.
    pub stages: Vec<Stage>,
    pub source: Option<FactId>,
}

/// When a failed proposal is voted again.
#[derive(Clone, Debug)]
pub struct Retable {
    /// Steps from a failed vote to the next (the first day of that step), unless `at`.
    pub every_steps: u32,
    /// The next vote is at this calendar's next date after the failure.
    pub at: Option<CalendarId>,
    pub until_step: u32,
    /// The last day a re-vote may take place.
    pub until_day: i32,
    /// Whether `until` is the scenario's own end (by default, or written on or after it): then
    /// a proposal with no re-vote left before it is still pending when the scenario ends, not
    /// dropped. An `until` before the end is the author's deadline: past it, the proposal fails.
    pub until_is_horizon: bool,
    /// At most this many votes in all; no limit when `None`.
    pub max_attempts: Option<u32>,
    /// Re-vote only when this holds; otherwise wait for the next re-vote date.
    pub when: Option<Cond>,
}

/// Who tables a proposal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proposer {
    Actor(ActorId),
    /// An office: its holder at the time tables it.
    Office(OfficeId),
}

/// When a proposer tables a proposal of its own initiative (Art. 17(2) TEU, Art. 293 TFEU):
/// from step `earliest`, at the first step `when` holds, then with `chance` per step.
#[derive(Clone, Debug)]
pub struct Initiative {
    pub earliest: u32,
    /// The first day the proposer considers tabling (the step's first day at the start).
    pub earliest_day: i32,
    /// Considered only at this calendar's dates, from `earliest_day`.
    pub at: Option<CalendarId>,
    pub when: Option<Cond>,
    pub chance: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct Proposal {
    pub id: String,
    pub title: String,
    pub instrument: InstrumentId,
    pub beneficiary: Option<ActorId>,
    pub amount_eur: f64,
    pub procedure: Procedure,
    /// The actor that adopts it on its own when it is tabled, with no vote (an institution
    /// acting within its powers, or a member state acting bilaterally); `None`: the Council.
    pub decided_by: Option<ActorId>,
    /// The bodies that must all approve, in order; `[Stage::COUNCIL]` by default.
    pub stages: Vec<Stage>,
    /// Its index among the proposals with a `ratification` stage (their members' ratifications
    /// are kept in the run state), if it has one.
    pub ratification: Option<u32>,
    /// First vote, unless an effect tables it: the step, and the day as written.
    pub tabled: Option<u32>,
    pub tabled_day: Option<i32>,
    /// Member states that vote (actor indices), in actor order.
    pub participants: Vec<ActorId>,
    pub package: Option<PackageId>,
    pub retable: Option<Retable>,
    pub proposer: Option<Proposer>,
    /// Tabled by its proposer when a condition holds, instead of on a date.
    pub initiative: Option<Initiative>,
    /// Agreed at the vote, adopted formally later (its own, or its instrument's).
    pub formal_adoption: Option<FormalAdoption>,
    pub on_adopt: EffectRange,
    pub on_fail: EffectRange,
    pub source: Option<FactId>,
}

pub use crate::raw::Body;

/// One stage of an act's adoption: the body that must approve it, and how many days after
/// the previous stage it votes (0: the same day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stage {
    pub body: Body,
    pub after_days: u32,
}

impl Stage {
    /// The Council, with no delay: the one stage of an item that names none.
    pub const COUNCIL: Stage = Stage {
        body: Body::Council,
        after_days: 0,
    };
}

impl Body {
    /// The name used in scenario files (`"parliament_members"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Council => "council",
            Body::Parliament => "parliament",
            Body::ParliamentMembers => "parliament_members",
            Body::EuropeanCouncil => "european_council",
            Body::Ratification => "ratification",
        }
    }

    /// Whether member states vote in it (and member policies apply by default).
    pub fn has_member_votes(self) -> bool {
        matches!(
            self,
            Body::Council | Body::EuropeanCouncil | Body::Ratification
        )
    }
}

/// A political group of the European Parliament.
#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub seats: u32,
    /// Chance that all its seats vote its line in a vote; otherwise they split evenly.
    pub cohesion: f64,
    /// Its vote where none of its policies decides.
    pub line: Vote,
    pub source: Option<FactId>,
}

/// Whose votes a policy decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Member(ActorId),
    Group(GroupId),
}

impl Holder {
    /// The id of the member state or group, as the scenario writes it.
    pub fn id(self, model: &Model) -> &str {
        match self {
            Holder::Member(a) => &model.actor(a).id,
            Holder::Group(g) => &model.groups()[g.index()].id,
        }
    }
}

/// Who adopts an act: the Council by a vote, or an actor on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decider {
    Council,
    Actor(ActorId),
}

impl Decider {
    /// The decider of an act whose `decided_by` is `actor` (`None`: the Council).
    pub fn of(actor: Option<ActorId>) -> Decider {
        actor.map_or(Decider::Council, Decider::Actor)
    }
}

/// A policy's rule, compiled.
#[derive(Clone, Debug)]
pub enum Rule {
    Fixed(Vote),
    BalancedAid {
        counterpart: ActorId,
        ratio: f64,
        window_steps: u32,
        /// Instruments whose aid to the counterpart counts; empty = the proposal's own.
        accepts: Vec<InstrumentId>,
        /// Whose acts count: [`Decider`]s; empty = any.
        deciders: Vec<Decider>,
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
    pub instruments: Vec<InstrumentId>,
    pub beneficiaries: Vec<ActorId>,
    pub proposals: Vec<ProposalId>,
    /// The stages whose votes it decides; empty: any stage its holder votes in.
    pub stages: Vec<Body>,
}

impl Selector {
    /// Whether a vote falls under the selector: on a measure under `instrument` for
    /// `beneficiary`, about `proposal` (none for a review's Council decision, which only a
    /// selector without proposals covers).
    #[inline]
    pub fn matches(
        &self,
        instrument: InstrumentId,
        beneficiary: Option<ActorId>,
        proposal: Option<ProposalId>,
        body: Body,
    ) -> bool {
        (self.stages.is_empty() || self.stages.contains(&body))
            && (self.instruments.is_empty() || self.instruments.contains(&instrument))
            && (self.beneficiaries.is_empty()
                || beneficiary.is_some_and(|b| self.beneficiaries.contains(&b)))
            && (self.proposals.is_empty() || proposal.is_some_and(|p| self.proposals.contains(&p)))
    }
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub id: String,
    pub holder: Holder,
    pub selector: Selector,
    pub rule: Rule,
    pub when: Option<Cond>,
    pub probability: Option<f64>,
    pub active: bool,
    /// Keeps the first vote it decides until `lift_when` holds or an effect drops it.
    pub persist: bool,
    pub lift_when: Option<Cond>,
    /// Applies until this condition is first seen to hold, then never again.
    pub concession: Option<Cond>,
    pub source: Option<FactId>,
}

/// A change to the state.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Add `by` (times the style value, if scaled, and the `times` indicator's value) or set
    /// `to`; to the value, or to the drift target when `baseline` is set.
    Indicator {
        slot: SlotId,
        change: Change,
        scale: Option<Scale>,
        /// Multiplies `by` by this indicator slot's value when the effect applies.
        times: Option<SlotId>,
        baseline: bool,
    },
    Flag {
        flag: FlagId,
        value: bool,
    },
    Status {
        slot: StatusSlotId,
        to: u16,
    },
    Appoint {
        office: OfficeId,
        person: PersonId,
    },
    Table {
        proposal: ProposalId,
        with: Option<ProposalId>,
    },
    SetPolicy {
        policy: PolicyId,
        active: bool,
    },
    Review {
        review: ReviewId,
    },
    /// Suspend (`suspended`) or restore a member's voting rights in the Council (Art. 7(3)
    /// TEU): while suspended it does not vote and is not counted (Art. 354 TFEU).
    VotingRights {
        member: ActorId,
        suspended: bool,
    },
}

/// What an indicator change is multiplied by: the style value `style_key` of whoever holds
/// `office` (1.0 while it is vacant).
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub office: OfficeId,
    pub style_key: StyleKeyId,
}

/// A run of consecutive effects in [`Model::effects`]: what an event, a vote's outcome, a
/// trigger or a review action applies, in order. Read with [`Model::effects_in`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EffectRange {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl EffectRange {
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
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
    pub effects: EffectRange,
    pub source: Option<FactId>,
}

/// A review action's move of a status of the review's subject: to `to`, and back to
/// `restore_to` (if any) when the requirement holds again.
#[derive(Clone, Copy, Debug)]
pub struct StatusMove {
    pub slot: StatusSlotId,
    pub to: u16,
    pub restore_to: Option<u16>,
}

#[derive(Clone, Debug)]
pub struct ReviewAction {
    pub kind: ActionKind,
    pub after_failures: u32,
    pub status: Option<StatusMove>,
    pub instrument: Option<InstrumentId>,
    pub effects: EffectRange,
}

#[derive(Clone, Debug)]
pub struct Review {
    pub id: String,
    pub title: String,
    pub subject: ActorId,
    pub requires: Cond,
    pub first: Option<u32>,
    /// The date of the first review, as a day number; later reviews fall on the same day of
    /// their step (the step's last day when it is shorter).
    pub first_day: Option<i32>,
    pub every_steps: Option<u32>,
    pub actions: Vec<ReviewAction>,
    pub source: Option<FactId>,
}

#[derive(Clone, Debug)]
pub struct Trigger {
    pub id: String,
    pub text: String,
    pub when: Cond,
    pub once: bool,
    pub cooldown_steps: u32,
    pub effects: EffectRange,
    pub source: Option<FactId>,
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

/// `[[observed]]`: what really happened at a date; never read by the step loop, only by
/// observers that score forecasts (`rules::score`).
#[derive(Clone, Debug)]
pub struct Observed {
    pub id: String,
    pub step: u32,
    /// The day written in `at`.
    pub day: i32,
    pub that: Cond,
    /// The condition as written, for reports.
    pub text: String,
    /// Whether `that` held at `day` in reality.
    pub outcome: bool,
    pub source: Option<FactId>,
    pub note: Option<String>,
    /// `file:line:column` of the item, for reports.
    pub position: String,
}

/// The prior of an [`Uncertain`] setting over its range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prior {
    Uniform,
    /// Density rising linearly from `lo` to `mode`, falling to `hi`.
    Triangular {
        mode: f64,
    },
}

/// `[[uncertain]]`: a numeric setting whose value is a judgement. Never read by the step loop;
/// `calibrate` and `sensitivity` (in `rules`) run the scenario with other values of it, applied
/// as `--set PATH=VALUE` is.
#[derive(Clone, Debug)]
pub struct Uncertain {
    pub id: String,
    /// The setting, as `--set` names it.
    pub path: String,
    /// The prior's support: `lo < hi`, inside the setting's own valid range.
    pub lo: f64,
    pub hi: f64,
    pub prior: Prior,
    /// The setting's value in the scenario.
    pub value: f64,
    /// The file writes a whole number there: values given to it are rounded.
    pub integer: bool,
    pub note: Option<String>,
    pub source: Option<FactId>,
    /// `file:line:column` of the item, for reports.
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

/// Which indicator and actor an indicator slot belongs to (`actor` is `None` for a global
/// indicator).
#[derive(Clone, Copy, Debug)]
pub struct SlotOwner {
    pub indicator: IndicatorId,
    pub actor: Option<ActorId>,
}

/// Which status and actor a status slot belongs to.
#[derive(Clone, Copy, Debug)]
pub struct StatusSlotOwner {
    pub status: StatusId,
    pub actor: ActorId,
}

/// A compiled scenario, built only by [`crate::compile()`] (see the module's invariant).
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) calendar: Calendar,
    pub(crate) default_vote: Vote,
    pub(crate) actors: Vec<Actor>,
    /// Member states in file order.
    pub(crate) members: Vec<ActorId>,
    pub(crate) persons: Vec<Person>,
    pub(crate) style_keys: Vec<String>,
    pub(crate) offices: Vec<Office>,
    pub(crate) indicators: Vec<Indicator>,
    /// Initial value and drift baseline of every indicator slot.
    pub(crate) initial_values: Vec<f64>,
    pub(crate) baselines: Vec<f64>,
    /// For each indicator slot: its indicator and actor (for labels).
    pub(crate) slot_owner: Vec<SlotOwner>,
    pub(crate) statuses: Vec<Status>,
    pub(crate) initial_states: Vec<u16>,
    pub(crate) status_slot_owner: Vec<StatusSlotOwner>,
    pub(crate) flags: Vec<Flag>,
    pub(crate) calendars: Vec<MeetingCalendar>,
    pub(crate) instruments: Vec<Instrument>,
    pub(crate) proposals: Vec<Proposal>,
    pub(crate) packages: Vec<String>,
    pub(crate) policies: Vec<Policy>,
    /// For each actor, its policies in file order (empty for non-members).
    pub(crate) policies_of: Vec<Vec<PolicyId>>,
    /// Parliament's groups, in file order.
    pub(crate) groups: Vec<Group>,
    /// For each group, its policies in file order.
    pub(crate) group_policies: Vec<Vec<PolicyId>>,
    /// How many proposals have a `ratification` stage.
    pub(crate) ratifying: u32,
    /// The policies with a `lift_when` or a `concession`: the only ones the engine checks
    /// at each step.
    pub(crate) remembering: Vec<PolicyId>,
    /// Proposals whose dry run some condition reads (`objectors`, `would_pass`).
    pub(crate) dry_run: Vec<ProposalId>,
    pub(crate) events: Vec<Event>,
    /// Scheduled events by step, in file order.
    pub(crate) scheduled: Vec<Vec<EventId>>,
    /// Random events in file order (their draws happen in this order every step).
    pub(crate) random_events: Vec<EventId>,
    pub(crate) reviews: Vec<Review>,
    pub(crate) triggers: Vec<Trigger>,
    pub(crate) expects: Vec<Expect>,
    pub(crate) observed: Vec<Observed>,
    pub(crate) uncertain: Vec<Uncertain>,
    /// The information cut-off (a day number), if any.
    pub(crate) as_of: Option<i32>,
    /// What the cut-off left out: `event:ID`, `proposal:ID`.
    pub(crate) left_out: Vec<String>,
    pub(crate) effects: Vec<Effect>,
    pub(crate) facts: Vec<Fact>,
    /// A hash of the scenario's source texts, stamped on batch outputs.
    pub(crate) source_hash: u64,
    /// Keys of the random streams, one per item that draws (see `StreamKeys`).
    pub(crate) stream_keys: StreamKeys,
}

impl Model {
    /// The model run only to the end of the step that contains `date` (outcomes at any
    /// date): the same items and random streams, a calendar cut after that step, and only
    /// the expectations dated up to it. A run of the cut model is the first steps of a run
    /// of the whole one, draw for draw. `None` when `date` lies outside the scenario.
    pub fn cut_at(&self, date: jiff::civil::Date) -> Option<Model> {
        let last = self.calendar.step_of(date)?;
        let mut cut = self.clone();
        cut.calendar = self.calendar.cut(last);
        cut.scheduled.truncate(last as usize + 1);
        cut.expects.retain(|e| e.step <= last);
        Some(cut)
    }
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
    /// Per Parliament group (its cohesion draw at each Parliament vote).
    pub groups: Vec<u64>,
    /// Per indicator slot (used by noisy indicators).
    pub slots: Vec<u64>,
    /// Per proposal (used by `table_chance`).
    pub proposals: Vec<u64>,
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

/// Read access: slices of each kind of item (indexed by its id's [`index`](ActorId::index)),
/// lookups by id, and the few derived labels the outputs need.
impl Model {
    /// The scenario's id (`[scenario] id`).
    #[inline]
    pub fn id(&self) -> &str {
        &self.id
    }
    #[inline]
    pub fn title(&self) -> &str {
        &self.title
    }
    #[inline]
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }
    /// The vote of a member without a policy that applies.
    #[inline]
    pub fn default_vote(&self) -> Vote {
        self.default_vote
    }
    #[inline]
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }
    #[inline]
    pub fn actor(&self, id: ActorId) -> &Actor {
        &self.actors[id.index()]
    }
    /// The actor with the id written `id` in the file.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorId> {
        self.actors
            .iter()
            .position(|a| a.id == id)
            .map(ActorId::from_index)
    }
    /// Member states, in file order.
    #[inline]
    pub fn members(&self) -> &[ActorId] {
        &self.members
    }
    #[inline]
    pub fn persons(&self) -> &[Person] {
        &self.persons
    }
    #[inline]
    pub fn person(&self, id: PersonId) -> &Person {
        &self.persons[id.index()]
    }
    /// The style keys persons have values for, in the order of [`Person::style`].
    #[inline]
    pub fn style_keys(&self) -> &[String] {
        &self.style_keys
    }
    #[inline]
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }
    #[inline]
    pub fn office(&self, id: OfficeId) -> &Office {
        &self.offices[id.index()]
    }
    #[inline]
    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }
    #[inline]
    pub fn indicator(&self, id: IndicatorId) -> &Indicator {
        &self.indicators[id.index()]
    }
    /// The initial value of every indicator slot, by [`SlotId`].
    #[inline]
    pub fn initial_values(&self) -> &[f64] {
        &self.initial_values
    }
    /// The initial drift target of every indicator slot, by [`SlotId`].
    #[inline]
    pub fn baselines(&self) -> &[f64] {
        &self.baselines
    }
    /// How many indicator slots there are.
    #[inline]
    pub fn slot_count(&self) -> usize {
        self.slot_owner.len()
    }
    /// Every indicator slot's id, in order.
    #[inline]
    pub fn slot_ids(&self) -> impl DoubleEndedIterator<Item = SlotId> + ExactSizeIterator + use<> {
        SlotId::all(self.slot_owner.len())
    }
    /// Which indicator and actor a slot belongs to.
    #[inline]
    pub fn slot_owner(&self, slot: SlotId) -> SlotOwner {
        self.slot_owner[slot.index()]
    }
    #[inline]
    pub fn statuses(&self) -> &[Status] {
        &self.statuses
    }
    #[inline]
    pub fn status(&self, id: StatusId) -> &Status {
        &self.statuses[id.index()]
    }
    /// The initial state of every status slot, by [`StatusSlotId`].
    #[inline]
    pub fn initial_states(&self) -> &[u16] {
        &self.initial_states
    }
    /// How many status slots there are.
    #[inline]
    pub fn status_slot_count(&self) -> usize {
        self.status_slot_owner.len()
    }
    /// Every status slot's id, in order.
    pub fn status_slot_ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = StatusSlotId> + ExactSizeIterator + use<> {
        StatusSlotId::all(self.status_slot_owner.len())
    }
    /// Which status and actor a status slot belongs to.
    #[inline]
    pub fn status_slot_owner(&self, slot: StatusSlotId) -> StatusSlotOwner {
        self.status_slot_owner[slot.index()]
    }
    /// The `[[calendar]]`s of meeting dates, in file order.
    #[inline]
    pub fn calendars(&self) -> &[MeetingCalendar] {
        &self.calendars
    }
    #[inline]
    pub fn meeting_calendar(&self, id: CalendarId) -> &MeetingCalendar {
        &self.calendars[id.index()]
    }
    #[inline]
    pub fn flags(&self) -> &[Flag] {
        &self.flags
    }
    #[inline]
    pub fn flag(&self, id: FlagId) -> &Flag {
        &self.flags[id.index()]
    }
    #[inline]
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }
    #[inline]
    pub fn instrument(&self, id: InstrumentId) -> &Instrument {
        &self.instruments[id.index()]
    }
    #[inline]
    pub fn proposals(&self) -> &[Proposal] {
        &self.proposals
    }
    #[inline]
    pub fn proposal(&self, id: ProposalId) -> &Proposal {
        &self.proposals[id.index()]
    }
    /// The proposal with the id written `id` in the file.
    pub fn proposal_by_id(&self, id: &str) -> Option<ProposalId> {
        self.proposals
            .iter()
            .position(|p| p.id == id)
            .map(ProposalId::from_index)
    }
    /// Every proposal's id, in file order.
    pub fn proposal_ids(
        &self,
    ) -> impl DoubleEndedIterator<Item = ProposalId> + ExactSizeIterator + use<> {
        ProposalId::all(self.proposals.len())
    }
    /// The ids of the packages the file declares; a package a run forms has an id past them.
    #[inline]
    pub fn packages(&self) -> &[String] {
        &self.packages
    }
    #[inline]
    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }
    #[inline]
    pub fn policy(&self, id: PolicyId) -> &Policy {
        &self.policies[id.index()]
    }
    /// The policies with a `lift_when` or a `concession`, in file order.
    #[inline]
    pub fn remembering_policies(&self) -> &[PolicyId] {
        &self.remembering
    }
    /// The proposals whose dry run some condition reads: only these are dry-run each step.
    #[inline]
    pub fn dry_run_proposals(&self) -> &[ProposalId] {
        &self.dry_run
    }
    /// A member's policies in file order (none for an actor that is not a member).
    #[inline]
    pub fn policies_of(&self, actor: ActorId) -> &[PolicyId] {
        &self.policies_of[actor.index()]
    }
    #[inline]
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }
    #[inline]
    pub fn group_policies(&self, group: GroupId) -> &[PolicyId] {
        &self.group_policies[group.index()]
    }
    /// All of Parliament's seats (its component members).
    #[inline]
    pub fn parliament_seats(&self) -> u32 {
        self.groups.iter().map(|g| g.seats).sum()
    }
    /// How many proposals have a `ratification` stage.
    #[inline]
    pub fn ratifying(&self) -> u32 {
        self.ratifying
    }
    #[inline]
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    #[inline]
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }
    /// The events scheduled in `step`, in date order (file order breaking ties).
    #[inline]
    pub fn scheduled(&self, step: u32) -> &[EventId] {
        self.scheduled.get(step as usize).map_or(&[], Vec::as_slice)
    }
    /// Random events in file order (their draws happen in this order every step).
    #[inline]
    pub fn random_events(&self) -> &[EventId] {
        &self.random_events
    }
    #[inline]
    pub fn reviews(&self) -> &[Review] {
        &self.reviews
    }
    #[inline]
    pub fn review(&self, id: ReviewId) -> &Review {
        &self.reviews[id.index()]
    }
    #[inline]
    pub fn triggers(&self) -> &[Trigger] {
        &self.triggers
    }
    #[inline]
    pub fn trigger(&self, id: TriggerId) -> &Trigger {
        &self.triggers[id.index()]
    }
    #[inline]
    pub fn expects(&self) -> &[Expect] {
        &self.expects
    }
    /// The information cut-off (`[scenario] as_of` or `--as-of`), a day number.
    #[inline]
    pub fn as_of(&self) -> Option<i32> {
        self.as_of
    }
    /// The scheduled items the cut-off left out (`event:ID`, `proposal:ID`), in file order.
    #[inline]
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }
    /// Observed outcomes (the scenario's, then its seeds'), in file order.
    #[inline]
    pub fn observed(&self) -> &[Observed] {
        &self.observed
    }
    /// The settings declared uncertain (`[[uncertain]]`), in file order.
    #[inline]
    pub fn uncertain(&self) -> &[Uncertain] {
        &self.uncertain
    }
    /// Every effect, in the order items list them.
    #[inline]
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }
    /// The effects of an item, in order.
    #[inline]
    pub fn effects_in(&self, range: EffectRange) -> &[Effect] {
        &self.effects[range.start as usize..range.end as usize]
    }
    #[inline]
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }
    /// A hash of the scenario's source texts, stamped on batch outputs.
    #[inline]
    pub fn source_hash(&self) -> u64 {
        self.source_hash
    }
    /// Keys of the random streams, one per item that draws.
    #[inline]
    pub fn stream_keys(&self) -> &StreamKeys {
        &self.stream_keys
    }

    /// The label of an indicator slot: `trust(partner)` or `energy()`.
    pub fn slot_label(&self, slot: SlotId) -> String {
        let owner = self.slot_owner(slot);
        let id = &self.indicator(owner.indicator).id;
        match owner.actor {
            Some(a) => format!("{id}({})", self.actor(a).id),
            None => format!("{id}()"),
        }
    }

    /// The label of a status slot: `partner.visa_free`.
    pub fn status_label(&self, slot: StatusSlotId) -> String {
        let owner = self.status_slot_owner(slot);
        format!(
            "{}.{}",
            self.actor(owner.actor).id,
            self.status(owner.status).id
        )
    }

    /// The state name of a status slot's state index.
    #[inline]
    pub fn state_name(&self, slot: StatusSlotId, state: u16) -> &str {
        &self.status(self.status_slot_owner(slot).status).states[state as usize]
    }

    /// A value a condition read, as scenario files write it: a state's, an outcome's or a
    /// holder's name, true/false, a date. `None` for a number, which each output rounds its
    /// own way.
    pub fn read_text(&self, accessor: Accessor, value: f64) -> Option<String> {
        let date = |v: f64| crate::calendar::date_of_day(v as i32).to_string();
        Some(match accessor {
            Accessor::Status(slot) => self.state_name(slot, value as u16).to_owned(),
            Accessor::Flag(_) | Accessor::PolicyActive(_) | Accessor::WouldPass(_) => {
                (value != 0.0).to_string()
            }
            Accessor::Outcome(_) => (OUTCOMES.get(value as usize).copied())
                .unwrap_or("?")
                .to_owned(),
            Accessor::Date => date(value),
            Accessor::Decided(_) if value >= f64::from(UNDECIDED_DAY) => "undecided".to_owned(),
            Accessor::Decided(_) => date(value),
            // A vacant office reads -1, which `as usize` would turn into the first person.
            Accessor::Holder(_) if value < 0.0 => "vacant".to_owned(),
            Accessor::Holder(_) => {
                (self.persons.get(value as usize)).map_or("vacant".to_owned(), |p| p.id.clone())
            }
            Accessor::Indicator(_) | Accessor::Attempts(_) | Accessor::Objectors(_) => {
                return None;
            }
        })
    }

    /// Source fact ids, for explanations.
    #[inline]
    pub fn fact_id(&self, fact: Option<FactId>) -> Option<&str> {
        fact.map(|f| self.facts[f.index()].id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vacant_office_reads_as_vacant_not_as_the_first_person() {
        let text = r#"[scenario]
id = "s"
start = 2025-01-01
end = 2025-03-31

[[person]]
id = "first"

[[office]]
id = "chair"
"#;
        let loaded = crate::load_str("s.toml", text, &[]).unwrap();
        let model = crate::compile::compile(&loaded).unwrap();
        let chair = Accessor::Holder(OfficeId::from_index(0));
        assert_eq!(model.read_text(chair, -1.0).as_deref(), Some("vacant"));
        assert_eq!(model.read_text(chair, 0.0).as_deref(), Some("first"));
        assert_eq!(
            model
                .read_text(Accessor::Flag(FlagId::from_index(0)), 1.0)
                .as_deref(),
            Some("true")
        );
        assert_eq!(
            model.read_text(Accessor::Indicator(SlotId::from_index(0)), 3.0),
            None
        );
    }
}
