//! The step loop: one run of a compiled model, step by step, in the documented order.
//!
//! Each step does, in this order (a change here is a visible snapshot change):
//! 0. the dry runs that conditions read (`objectors`, `would_pass`) are refreshed, on the
//!    state as the step opens;
//! 1. the step's agenda, in date order: scheduled events (on their `at` day), random events
//!    (each drawing from its own stream; dated on the step's first day), appointments (on the
//!    day of the effect that made them), proposals due (first votes on their `tabled` day,
//!    re-votes every few months on the step's first day, only if their `retable.when` holds;
//!    a package as one; adoption effects apply; failures are re-tabled or dropped; a proposal
//!    with a `table_when` is considered by its proposer on the step's first day, or its
//!    `earliest` day, and when tabled is voted that day), and reviews (scheduled ones on the day of
//!    the step matching their `first` date, requested ones on the day of the request). Items
//!    of the same day run in phase order (events, appointments, proposals, reviews), and in
//!    file order within a phase. An item can put another on the agenda (an event requests a
//!    review, a vote's effect appoints): it runs on its day, never before the item that
//!    made it. At the agenda's start, after each item that happens, before each vote and
//!    once after the agenda, policies with memory are looked at: a `concession` first seen
//!    to hold ends its policy's objection, a kept (`persist`) vote whose `lift_when` holds is
//!    lifted (each logged, on the day of the item that made it hold, or the step's first
//!    day);
//! 2. triggers whose condition holds fire (once, or again after their cooldown);
//! 3. indicators drift toward their baseline, take noise, and are clamped to their range;
//! 4. the step is recorded (the observer sees the state), and expectations dated in the step
//!    are checked.
//!
//! The agenda keeps no list: each turn takes the earliest item among the next scheduled
//! event, the next random event, the oldest appointment, the proposal due first and the
//! review due first, so it allocates nothing and a step without items costs one pass.
//!
//! The loop is generic over an [`Observer`]: a single run logs every line; a Monte Carlo run
//! passes an observer that logs nothing, and the formatting code is never reached.

mod effects;
mod formal;
mod initiative;
mod plan;
mod reviews;
mod stages;
mod vote_text;
mod votes;

use statecraft_model::id::{EventId, FactId, TriggerId};
use statecraft_model::log::{EffectRecord, Entry, Origin};
use statecraft_model::model::{Model, Schedule};
use statecraft_model::state::{Appointment, State};

use crate::rng::RunRng;

/// Sees a run as it happens.
pub trait Observer {
    /// Whether log lines are wanted; when false the engine builds none.
    const LOGS: bool;
    /// A timeline line.
    fn entry(&mut self, entry: Entry);
    /// The end of a step, after drift: the state as it will be reported for the step.
    fn step_end(&mut self, model: &Model, state: &State);
    /// An expectation dated in this step was checked.
    fn expectation(&mut self, index: usize, held: bool) {
        let _ = (index, held);
    }
}

/// Observes nothing: the Monte Carlo observer.
#[derive(Debug, Default)]
pub struct Silent;

impl Observer for Silent {
    const LOGS: bool = false;
    fn entry(&mut self, _: Entry) {}
    fn step_end(&mut self, _: &Model, _: &State) {}
}

/// Runs `model` from its start to the end of step `last_step` (inclusive), from a state the
/// caller has reset. A caller running the model many times keeps a [`Runner`] instead.
pub fn run<O: Observer>(
    model: &Model,
    state: &mut State,
    rng: &mut RunRng,
    last_step: u32,
    observer: &mut O,
) {
    Runner::new(model).run(state, rng, last_step, observer);
}

/// A model prepared for many runs: what does not change between runs is worked out once
/// (the vote plans of `plan.rs`, the expectations of each step), and the vote buffers are
/// kept, so a run allocates nothing.
pub struct Runner<'m> {
    model: &'m Model,
    plan: plan::Plan,
    scratch: votes::Scratch,
}

impl<'m> Runner<'m> {
    pub fn new(model: &'m Model) -> Self {
        Runner {
            model,
            plan: plan::Plan::new(model),
            scratch: votes::Scratch::default(),
        }
    }

    /// Runs the model from its start to the end of step `last_step` (inclusive), from a
    /// state the caller has reset.
    pub fn run<O: Observer>(
        &mut self,
        state: &mut State,
        rng: &mut RunRng,
        last_step: u32,
        observer: &mut O,
    ) {
        let model = self.model;
        let plan = &self.plan;
        let steps = (model.calendar().len() as u32).min(last_step.saturating_add(1));
        for step in 0..steps {
            state.step = step;
            state.day = model.calendar().step_start_day(step);
            let clock = state.day;
            let mut cx = Cx {
                model,
                plan,
                state,
                rng,
                observer,
                clock,
                scratch: &mut self.scratch,
                dry: false,
            };
            if !model.dry_run_proposals().is_empty() {
                cx.dry_runs();
            }
            cx.agenda(step);
            cx.memory();
            cx.triggers(step);
            cx.drift();
            cx.observer.step_end(model, cx.state);
            for &i in plan.expects.of(step) {
                let held = model.expects()[i].that.eval_bool(&*cx.state);
                cx.observer.expectation(i, held);
            }
        }
    }
}

/// Where an item runs among the items of its day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Phase {
    Event,
    Appointment,
    Proposal,
    Review,
}

/// An agenda item: its day, its phase, and its position in the file (of its kind).
/// Turns compare in that order, which is the order they run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Turn {
    pub day: i32,
    pub phase: Phase,
    pub index: usize,
}

/// Keeps the earlier of `next` and `other`.
fn earliest(next: &mut Option<Turn>, other: Option<Turn>) {
    if let Some(o) = other
        && next.is_none_or(|n| o < n)
    {
        *next = Some(o);
    }
}

/// The day a scheduled event happens (never before the step's first day).
fn scheduled_day(model: &Model, e: EventId, first: i32) -> i32 {
    match model.event(e).schedule {
        Schedule::At { day, .. } => day.max(first),
        Schedule::Random { .. } => first,
    }
}

/// What one step works with.
pub(crate) struct Cx<'r, O: Observer> {
    pub model: &'r Model,
    pub plan: &'r plan::Plan,
    pub state: &'r mut State,
    pub rng: &'r mut RunRng,
    pub observer: &'r mut O,
    /// The day of the agenda item being run, which the log shows for its lines; after the
    /// agenda (triggers), the day of the last item, or the step's first day. So the timeline
    /// reads in the order things happened, and never goes back in time.
    pub clock: i32,
    pub scratch: &'r mut votes::Scratch,
    /// Set during a dry run: ballots draw no random number and latch nothing.
    pub dry: bool,
}

impl<O: Observer> Cx<'_, O> {
    /// Runs the step's agenda: every dated item, in date order (see the module's doc).
    fn agenda(&mut self, step: u32) {
        let model = self.model;
        let first = model.calendar().step_start_day(step);
        let last = model.calendar().step_start_day(step + 1) - 1;
        let scheduled = model.scheduled(step);
        // The random events whose window holds this step, in the model's order.
        let random = self.plan.random_in.of(step);
        let (mut s, mut k) = (0, 0);
        // Policies with memory are looked at on the step's first day (the drift and the
        // triggers may have met a concession), after each item that happens, and before
        // each vote: a concession is seen on the day of the item that met it.
        self.memory();
        loop {
            // One that happens once and has happened draws no more.
            while random.get(k).is_some_and(|x| self.random_done(x)) {
                k += 1;
            }
            let mut next: Option<Turn> = None;
            let scheduled_turn = scheduled.get(s).map(|&e| Turn {
                day: scheduled_day(model, e, first),
                phase: Phase::Event,
                index: e.index(),
            });
            earliest(&mut next, scheduled_turn);
            earliest(
                &mut next,
                random.get(k).map(|x| Turn {
                    day: first,
                    phase: Phase::Event,
                    index: x.event.index(),
                }),
            );
            // Every other item is dated on the step's first day or later, and an event runs
            // before the other phases of its day: an event on the first day is next, and the
            // scans of proposals and reviews (over all of them) are skipped. A step of many
            // random events once paid for those scans at every draw.
            if next.is_none_or(|n| n.day > first) {
                earliest(
                    &mut next,
                    self.state.appointments.first().map(|a| Turn {
                        day: a.day.max(first),
                        phase: Phase::Appointment,
                        index: 0,
                    }),
                );
                earliest(&mut next, self.proposal_due(first, last));
                earliest(&mut next, self.review_due(step, first));
            }
            let Some(turn) = next else { break };
            // `date()` in the conditions this item evaluates reads the item's own day.
            self.state.day = turn.day;
            match turn.phase {
                Phase::Event if Some(turn) == scheduled_turn => {
                    s += 1;
                    if self.scheduled_event(EventId::from_index(turn.index), turn.day) {
                        self.memory();
                    }
                }
                Phase::Event => {
                    // The random events are all dated on the step's first day, before any
                    // other phase of it, and what they do puts no event on the agenda: they
                    // are drawn one after another, until a scheduled event of that day
                    // comes first (by file order).
                    let before = match scheduled_turn {
                        Some(t) if t.day == first => t.index,
                        _ => usize::MAX,
                    };
                    while let Some(x) = random.get(k)
                        && x.event.index() < before
                    {
                        k += 1;
                        if !self.random_done(x) && self.random_event(x, first) {
                            self.memory();
                        }
                    }
                }
                Phase::Appointment => {
                    self.appointment(turn.day);
                    self.memory();
                }
                Phase::Proposal => {
                    self.clock = self.clock.max(turn.day);
                    self.memory();
                    self.proposal_action(turn.index, turn.day, step);
                }
                Phase::Review => {
                    self.review(turn.index, turn.day, step);
                    self.memory();
                }
            }
        }
        // After the agenda (memory, triggers, drift, expectations), the step's first day.
        self.state.day = first;
    }

    /// Scheduled event `e` on `day`, if its condition holds; whether it happened.
    fn scheduled_event(&mut self, e: EventId, day: i32) -> bool {
        let event = &self.model.event(e);
        let happens = (event.when.as_ref()).is_none_or(|c| c.eval_bool(&*self.state));
        if happens {
            self.fire_event(e, day);
        }
        happens
    }

    /// Whether random event `x` happens once and has happened.
    fn random_done(&self, x: &plan::RandomEvent) -> bool {
        x.once && self.state.event_done[x.event.index()]
    }

    /// Random event `x`'s draw in this step, and the event if it hits; whether it happened.
    fn random_event(&mut self, x: &plan::RandomEvent, day: i32) -> bool {
        // Draw before the condition, so whether a condition holds never shifts the draws
        // of the events after it.
        let hit = self.rng.events[x.event.index()].chance(x.chance);
        let happens = hit
            && (self.model.event(x.event).when.as_ref()).is_none_or(|c| c.eval_bool(&*self.state));
        if happens {
            self.fire_event(x.event, day);
        }
        happens
    }

    fn fire_event(&mut self, e: EventId, day: i32) {
        let model = self.model;
        self.clock = self.clock.max(day);
        let event = &model.event(e);
        self.state.event_done[e.index()] = true;
        let notes = self.apply(event.effects);
        if O::LOGS {
            self.log_at(
                day,
                Origin::Event(e),
                event.text.clone(),
                notes,
                event.source,
            );
        }
    }

    /// The oldest appointment not yet in effect takes effect on `day`.
    fn appointment(&mut self, day: i32) {
        let model = self.model;
        let Appointment { office, person, .. } = self.state.appointments.remove(0);
        self.clock = self.clock.max(day);
        let before = self.state.holders[office.index()];
        self.state.holders[office.index()] = Some(person);
        if O::LOGS {
            let o = &model.office(office);
            let p = &model.person(person);
            let text = match before {
                None => format!("{} takes office as {}", p.name, o.name),
                Some(b) => {
                    format!("{} succeeds {} as {}", p.name, model.person(b).name, o.name)
                }
            };
            let record = effects::office_record(model, office, before, Some(person));
            self.log(Origin::Appointment(office), text, vec![record], None);
        }
    }

    fn triggers(&mut self, step: u32) {
        let model = self.model;
        for (i, trigger) in model.triggers().iter().enumerate() {
            if step >= self.state.trigger_ready[i] && trigger.when.eval_bool(&*self.state) {
                self.state.trigger_ready[i] = if trigger.once {
                    u32::MAX
                } else {
                    step.saturating_add(trigger.cooldown_steps)
                };
                let notes = self.apply(trigger.effects);
                if O::LOGS {
                    self.log(
                        Origin::Trigger(TriggerId::from_index(i)),
                        trigger.text.clone(),
                        notes,
                        trigger.source,
                    );
                }
            }
        }
    }

    /// Every slot drifts toward its baseline and takes its noise, each from its own stream
    /// (so the order slots are visited in changes nothing).
    fn drift(&mut self) {
        // The values, baselines, streams and drifts are all by slot: zipped, they are walked
        // with no bounds check, and the normal tables are looked up once for the step.
        let tables = crate::normal::tables();
        let slots = (self.state.values.iter_mut())
            .zip(&self.state.baselines)
            .zip(self.rng.slots.iter_mut())
            .zip(&self.plan.drift);
        for (((value, &baseline), stream), d) in slots {
            let mut v = *value;
            v += d.drift * (baseline - v);
            if d.noise > 0.0 {
                v += d.noise * stream.normal_from(tables);
            }
            // `clamp` without its check of the bounds (compile made min < max), in two steps
            // that compile to a max and a min; a NaN stays NaN.
            let v = if v < d.min { d.min } else { v };
            *value = if v > d.max { d.max } else { v };
        }
    }

    /// Logs a line dated at the current step.
    pub(crate) fn log(
        &mut self,
        origin: Origin,
        text: String,
        effects: Vec<EffectRecord>,
        source: Option<FactId>,
    ) {
        let day = self.clock;
        self.log_at(day, origin, text, effects, source);
    }

    /// Logs a line about `origin` dated `day`; its kind and id follow from the origin.
    pub(crate) fn log_at(
        &mut self,
        day: i32,
        origin: Origin,
        text: String,
        effects: Vec<EffectRecord>,
        source: Option<FactId>,
    ) {
        let sources = self
            .model
            .fact_id(source)
            .map(|s| vec![s.to_owned()])
            .unwrap_or_default();
        self.emit(Entry {
            step: self.state.step,
            day,
            kind: origin.kind(),
            id: origin.id(self.model),
            origin,
            text,
            effects,
            sources,
            vote: None,
            stage: None,
        });
    }

    /// Hands a line to the observer, then the lines of decisions its effects caused (an
    /// actor's act tabled by an event is adopted inside the event's effects, and its line
    /// follows the event's).
    pub(crate) fn emit(&mut self, entry: Entry) {
        self.observer.entry(entry);
        while !self.scratch.deferred.is_empty() {
            let entry = self.scratch.deferred.remove(0);
            self.observer.entry(entry);
        }
    }
}
