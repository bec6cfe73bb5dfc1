//! The step loop: one run of a compiled model, step by step, in the documented order.
//!
//! Each step does, in this order (a change here is a visible snapshot change):
//! 0. the dry runs that conditions read (`objectors`, `would_pass`) are refreshed, on the
//!    state as the step opens: a proposer decides on what it knows on the step's first day;
//! 1. scheduled events of the step, in file order; then random events, each drawing from the
//!    run's generator in file order;
//! 2. appointments made so far take effect; then policies with memory: a `concession` first
//!    seen to hold ends its policy's objection, a kept (`persist`) vote whose `lift_when`
//!    holds is lifted (each logged);
//! 3. in file order, a proposal its proposer may table (`table_when`, `table_chance`) is
//!    tabled when the condition holds; proposals due are voted (a package as one; a re-vote
//!    only if its `retable.when` holds); adoption effects apply; failures are re-tabled or
//!    dropped;
//! 4. reviews due (scheduled, or requested by an effect) are held;
//! 5. triggers whose condition holds fire (once, or again after their cooldown);
//! 6. indicators drift toward their baseline, take noise, and are clamped to their range;
//! 7. the step is recorded (the observer sees the state), and expectations dated in the step
//!    are checked.
//!
//! The loop is generic over an [`Observer`]: a single run logs every line; a Monte Carlo run
//! passes an observer that logs nothing, and the formatting code is never reached.

mod effects;
mod initiative;
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
/// caller has reset.
pub fn run<O: Observer>(
    model: &Model,
    state: &mut State,
    rng: &mut RunRng,
    last_step: u32,
    observer: &mut O,
) {
    let steps = (model.calendar().len() as u32).min(last_step.saturating_add(1));
    let mut scratch = votes::Scratch::default();
    for step in 0..steps {
        state.step = step;
        state.day = model.calendar().step_start_day(step);
        let clock = state.day;
        let mut cx = Cx {
            model,
            state,
            rng,
            observer,
            clock,
            scratch: &mut scratch,
            dry: false,
        };
        cx.dry_runs();
        cx.events(step);
        cx.appointments(step);
        cx.memory();
        cx.votes(step);
        cx.reviews(step);
        cx.triggers(step);
        cx.drift();
        cx.observer.step_end(model, cx.state);
        for (i, expect) in model.expects().iter().enumerate() {
            if expect.step == step {
                let held = expect.that.eval_bool(&*cx.state);
                cx.observer.expectation(i, held);
            }
        }
    }
}

/// What one step works with.
pub(crate) struct Cx<'r, O: Observer> {
    pub model: &'r Model,
    pub state: &'r mut State,
    pub rng: &'r mut RunRng,
    pub observer: &'r mut O,
    /// The date the log shows for lines without a date of their own (random events, re-votes,
    /// reviews, triggers, office changes): the latest dated item of the step so far, or the
    /// step's first day. So the timeline reads in the order things happened, and never goes
    /// back in time.
    pub clock: i32,
    pub scratch: &'r mut votes::Scratch,
    /// Set during a dry run: ballots draw no random number and latch nothing.
    pub dry: bool,
}

impl<O: Observer> Cx<'_, O> {
    fn events(&mut self, step: u32) {
        let model = self.model;
        for &e in model.scheduled(step) {
            let event = &model.event(e);
            if event
                .when
                .as_ref()
                .is_none_or(|c| c.eval_bool(&*self.state))
            {
                let day = match event.schedule {
                    Schedule::At { day, .. } => day,
                    Schedule::Random { .. } => self.state.day,
                };
                self.fire_event(e, day);
            }
        }
        for &e in model.random_events() {
            let event = &model.event(e);
            let Schedule::Random {
                chance,
                from,
                until,
                once,
            } = event.schedule
            else {
                continue;
            };
            if step < from || step > until || (once && self.state.event_done[e.index()]) {
                continue;
            }
            // Draw before the condition, so whether a condition holds never shifts the
            // draws of the events after it.
            let hit = self.rng.events[e.index()].chance(chance);
            if hit
                && event
                    .when
                    .as_ref()
                    .is_none_or(|c| c.eval_bool(&*self.state))
            {
                self.fire_event(e, self.clock);
            }
        }
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

    fn appointments(&mut self, _step: u32) {
        let model = self.model;
        let pending = std::mem::take(&mut self.state.appointments);
        for &Appointment { office, person, .. } in &pending {
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
        let mut pending = pending;
        pending.clear();
        self.state.appointments = pending;
    }

    fn triggers(&mut self, step: u32) {
        let model = self.model;
        for (i, trigger) in model.triggers().iter().enumerate() {
            let last = self.state.trigger_fired[i];
            let ready = match (last, trigger.once) {
                (None, _) => true,
                (Some(_), true) => false,
                (Some(last), false) => step >= last.saturating_add(trigger.cooldown_steps),
            };
            if ready && trigger.when.eval_bool(&*self.state) {
                self.state.trigger_fired[i] = Some(step);
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

    fn drift(&mut self) {
        let model = self.model;
        for ind in model.indicators() {
            for slot in ind.slots() {
                let slot = slot.index();
                let mut v = self.state.values[slot];
                v += ind.drift * (self.state.baselines[slot] - v);
                if ind.noise > 0.0 {
                    v += ind.noise * self.rng.slots[slot].normal();
                }
                self.state.values[slot] = v.clamp(ind.min, ind.max);
            }
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
