//! Vote plans: what a Council or European Council vote on one subject needs to know before
//! any run starts, worked out once per model instead of in every vote of every run.
//!
//! A policy's selector reads only what is fixed for a subject (its instrument, beneficiary,
//! proposal and voting body), so which of a member's policies can apply to a proposal's vote,
//! or to a review action's, never changes during a run. Most members have none: they cast the
//! default vote, and their part of the tally is a constant. A plan keeps that constant and the
//! few members worth polling, each with only the policies that can apply (in file order, so
//! the first that applies is the one a full poll would find). A batch vote then polls a
//! handful of members instead of every participant and counts one tally instead of a ballot
//! per member. A package (proposals voted as one, formed during a run) is prepared the same
//! way the first time it is voted on, with one ask per member and proposal, and kept for the
//! rest of the batch.
//!
//! Beside the votes, a plan unpacks the other things a step reads that no run changes: the
//! random events' windows and chances, the drift of every indicator slot, the reviews'
//! schedules and the expectations dated in each step.
//!
//! The vote plan is a shortcut for batch runs only: a logged run needs every member's ballot for
//! its timeline and polls them all, which is how the two are kept honest (the tests compare
//! batch counts with logged runs).

use std::ops::Range;

use statecraft_model::id::{ActorId, EventId, GroupId, PolicyId, ProposalId};
use statecraft_model::model::{Body, Model, Schedule};
use statecraft_model::vote::Vote;

use crate::procedure::Tally;

/// One vote, prepared: on one subject (a proposal, a review's action) or on a package's.
#[derive(Clone, Debug, Default)]
pub(crate) struct VotePlan {
    /// The members with a policy that can apply to a subject of the vote, their population,
    /// and the range of their asks in the plan's [`Asks`]: one per subject, in the order of
    /// the subjects, each the policies that can apply to it.
    pub polled: Vec<(ActorId, u64, Range<u32>)>,
    /// Every other participant's default vote, counted.
    pub rest: Tally,
    /// Whether the participants are the whole Council (the procedures' full-Council rules).
    pub full: bool,
}

/// What the vote plans poll, flattened: a polled member's asks (one per subject) are ranges
/// of `asks`, and each ask is a range of `policies`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Asks {
    asks: Vec<Range<u32>>,
    policies: Vec<PolicyId>,
}

impl Asks {
    /// The vote of `participants` on the subjects `keys`: the members with a policy that can
    /// apply to one of them are polled, the others' default votes counted now.
    fn prepare(&mut self, model: &Model, participants: &[ActorId], keys: &[Key]) -> VotePlan {
        let mut vote = VotePlan {
            full: participants.len() == model.members().len(),
            ..VotePlan::default()
        };
        for &member in participants {
            let start = self.asks.len() as u32;
            let mut any = false;
            for key in keys {
                let policies = self.matching(model, model.policies_of(member), key);
                any |= !policies.is_empty();
                self.asks.push(policies);
            }
            let population = model.actor(member).population;
            if any {
                vote.polled
                    .push((member, population, start..self.asks.len() as u32));
            } else {
                self.asks.truncate(start as usize);
                vote.rest.add(model.default_vote(), population);
            }
        }
        vote
    }

    /// Appends those of `policies` whose selector matches `key`; their range.
    fn matching(&mut self, model: &Model, policies: &[PolicyId], key: &Key) -> Range<u32> {
        let start = self.policies.len() as u32;
        for &pol in policies {
            let selector = &model.policy(pol).selector;
            if selector.matches(key.instrument, key.beneficiary, key.proposal, key.body) {
                self.policies.push(pol);
            }
        }
        start..self.policies.len() as u32
    }

    /// A polled member's asks (its range in [`VotePlan::polled`]).
    #[inline]
    pub(crate) fn asks(&self, range: &Range<u32>) -> &[Range<u32>] {
        &self.asks[range.start as usize..range.end as usize]
    }

    /// The policies of an ask, or of a Parliament group's range.
    #[inline]
    pub(crate) fn policies(&self, range: &Range<u32>) -> &[PolicyId] {
        &self.policies[range.start as usize..range.end as usize]
    }
}

/// Package votes, prepared on first use: which proposals go to a vote together is settled
/// only during a run (an effect tables one with another), so the plans are made as packages
/// appear and kept by the runner for the rest of the batch.
#[derive(Clone, Debug, Default)]
pub(crate) struct Packages {
    plans: Vec<PackagePlan>,
    pub asks: Asks,
}

/// A package met: its proposals, its participants (every member taking part in any, once, in
/// id order), and its vote.
#[derive(Clone, Debug)]
struct PackagePlan {
    group: Box<[ProposalId]>,
    participants: Box<[ActorId]>,
    vote: VotePlan,
}

impl Packages {
    /// So many are kept at most: a scenario that forms more packages votes the rest by
    /// polling every member, and the memory kept stays bounded.
    const MAX: usize = 64;

    /// The plan of package `group` (by its position), made now if it is new; `None` when
    /// [`Self::MAX`] packages are kept already.
    pub(crate) fn find_or_prepare(&mut self, model: &Model, group: &[ProposalId]) -> Option<usize> {
        if let Some(i) = self.plans.iter().position(|p| *p.group == *group) {
            return Some(i);
        }
        if self.plans.len() >= Self::MAX {
            return None;
        }
        let mut participants: Vec<ActorId> = (group.iter())
            .flat_map(|&p| model.proposal(p).participants.iter().copied())
            .collect();
        participants.sort_unstable();
        participants.dedup();
        let keys: Vec<Key> = (group.iter()).map(|&p| Key::council(p, model)).collect();
        let vote = self.asks.prepare(model, &participants, &keys);
        self.plans.push(PackagePlan {
            group: group.into(),
            participants: participants.into_boxed_slice(),
            vote,
        });
        Some(self.plans.len() - 1)
    }

    /// Package `i`'s participants and vote.
    pub(crate) fn get(&self, i: usize) -> (&[ActorId], &VotePlan) {
        let plan = &self.plans[i];
        (&plan.participants, &plan.vote)
    }
}

/// Every vote plan of a model, and what they poll.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    /// False when the default vote leaves a member out of the count (`not_participating`):
    /// the quick count assumes the others all take part, so such a model polls everyone.
    pub usable: bool,
    /// By proposal: its Council vote (the proposal alone, not in a package).
    pub council: Vec<VotePlan>,
    /// By proposal: whether its participants are listed once each (its vote alone is then
    /// its plan's: a poll asks each member once).
    pub listed_once: Vec<bool>,
    /// By proposal: its European Council stage.
    pub european_council: Vec<VotePlan>,
    /// By proposal, by Parliament body (votes cast, component members), by group: the
    /// range of [`Plan::policies`] holding the group's policies that can apply.
    pub parliament: Vec<[Vec<Range<u32>>; 2]>,
    /// By review, by action: the Council vote on taking the action.
    pub reviews: Vec<Vec<VotePlan>>,
    /// What the plans above poll; the Parliament ranges are ranges of its policies.
    pub asks: Asks,
    /// By step: the reviews held on schedule in it, each with its day, in file order.
    pub scheduled_reviews: ByStep<(usize, i32)>,
    /// By step: the random events whose window holds it, in the model's order, with their
    /// schedules unpacked.
    pub random_in: ByStep<RandomEvent>,
    /// By indicator slot (every slot, in slot order), its indicator's drift, noise and range:
    /// the step's drift is one pass over this list beside the slots' values and streams, and
    /// an indicator effect clamps to the range it reads here.
    pub drift: Vec<SlotDrift>,
    /// By step: the expectations dated in it, in file order.
    pub expects: ByStep<usize>,
    /// By actor: the proposals of aid to it, in file order (what a balance adds up).
    aid: Vec<Vec<Aid>>,
}

/// A proposal of aid to an actor, as a balance reads it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Aid {
    pub proposal: ProposalId,
    pub instrument: statecraft_model::id::InstrumentId,
    pub decider: statecraft_model::model::Decider,
    pub amount: f64,
}

/// Lists by step, kept in one vector: the items of step `s` are `items[starts[s]..
/// starts[s + 1]]`, so finding a step's costs two loads and no scan.
#[derive(Clone, Debug)]
pub(crate) struct ByStep<T> {
    items: Vec<T>,
    starts: Vec<usize>,
}

impl<T> Default for ByStep<T> {
    fn default() -> Self {
        ByStep {
            items: Vec::new(),
            starts: vec![0],
        }
    }
}

impl<T> ByStep<T> {
    /// Lists `steps` steps, step by step: `of(step)` gives the items of a step, in order.
    fn build(steps: usize, mut of: impl FnMut(usize, &mut Vec<T>)) -> Self {
        let mut by = ByStep {
            items: Vec::new(),
            starts: Vec::with_capacity(steps + 1),
        };
        for step in 0..steps {
            by.starts.push(by.items.len());
            of(step, &mut by.items);
        }
        by.starts.push(by.items.len());
        by
    }

    /// The items of `step` (none past the last step).
    #[inline]
    pub(crate) fn of(&self, step: u32) -> &[T] {
        let step = step as usize;
        match (self.starts.get(step), self.starts.get(step + 1)) {
            (Some(&from), Some(&to)) => &self.items[from..to],
            _ => &[],
        }
    }
}

/// How an indicator slot drifts (its indicator's settings).
#[derive(Clone, Copy, Debug)]
pub(crate) struct SlotDrift {
    pub drift: f64,
    pub noise: f64,
    pub min: f64,
    pub max: f64,
}

impl Plan {
    /// The proposals of aid to `actor`, in file order.
    #[inline]
    pub(crate) fn aid_to(&self, actor: ActorId) -> &[Aid] {
        self.aid.get(actor.index()).map_or(&[], Vec::as_slice)
    }
}

/// When a review is held on schedule: from step `first` every `every` steps (once when
/// `None`), on the day `offset` days into the step (its last day when shorter).
#[derive(Clone, Copy, Debug)]
struct ReviewSchedule {
    first: Option<u32>,
    every: Option<u32>,
    offset: Option<i32>,
}

impl ReviewSchedule {
    /// The day the review is held on schedule in `step` (the step's days `first..=last`), if
    /// it is scheduled then.
    fn day_in(&self, step: u32, first: i32, last: i32) -> Option<i32> {
        let scheduled = match (self.first, self.every) {
            (Some(f), Some(every)) => step >= f && (step - f).is_multiple_of(every),
            (Some(f), None) => step == f,
            _ => false,
        };
        match (scheduled, self.offset) {
            (true, Some(offset)) => Some((first + offset).min(last)),
            _ => None,
        }
    }
}

/// A random event's window and chance.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RandomEvent {
    pub event: EventId,
    pub from: u32,
    pub until: u32,
    pub once: bool,
    pub chance: f64,
}

/// What a subject is, for the selectors.
struct Key {
    proposal: Option<ProposalId>,
    instrument: statecraft_model::id::InstrumentId,
    beneficiary: Option<ActorId>,
    body: Body,
}

impl Key {
    /// Proposal `p` before the Council.
    fn council(p: ProposalId, model: &Model) -> Key {
        let prop = model.proposal(p);
        Key {
            proposal: Some(p),
            instrument: prop.instrument,
            beneficiary: prop.beneficiary,
            body: Body::Council,
        }
    }
}

impl Plan {
    pub(crate) fn new(model: &Model) -> Plan {
        let mut plan = Plan {
            usable: !model.default_vote().is_left_out(),
            ..Plan::default()
        };
        for (p, prop) in model.proposal_ids().zip(model.proposals()) {
            (plan.listed_once).push(prop.participants.is_sorted_by(|a, b| a < b));
            for body in [Body::Council, Body::EuropeanCouncil] {
                let key = Key {
                    proposal: Some(p),
                    instrument: prop.instrument,
                    beneficiary: prop.beneficiary,
                    body,
                };
                let vote = plan.asks.prepare(model, &prop.participants, &[key]);
                match body {
                    Body::Council => plan.council.push(vote),
                    _ => plan.european_council.push(vote),
                }
            }
            let groups = [Body::Parliament, Body::ParliamentMembers].map(|body| {
                let key = Key {
                    proposal: Some(p),
                    instrument: prop.instrument,
                    beneficiary: prop.beneficiary,
                    body,
                };
                (0..model.groups().len())
                    .map(|g| {
                        let policies = model.group_policies(GroupId::from_index(g));
                        plan.asks.matching(model, policies, &key)
                    })
                    .collect()
            });
            plan.parliament.push(groups);
        }
        for review in model.reviews() {
            let mut actions = Vec::new();
            for action in &review.actions {
                let vote = match action.instrument {
                    Some(instrument) => {
                        let key = Key {
                            proposal: None,
                            instrument,
                            beneficiary: Some(review.subject),
                            body: Body::Council,
                        };
                        plan.asks.prepare(model, model.members(), &[key])
                    }
                    None => VotePlan::default(),
                };
                actions.push(vote);
            }
            plan.reviews.push(actions);
        }
        let calendar = model.calendar();
        let steps = calendar.len();
        let schedules: Vec<ReviewSchedule> = (model.reviews().iter())
            .map(|review| ReviewSchedule {
                first: review.first,
                every: review.every_steps,
                offset: match (review.first, review.first_day) {
                    (Some(f), Some(day)) => Some(day - calendar.step_start_day(f)),
                    _ => None,
                },
            })
            .collect();
        plan.scheduled_reviews = ByStep::build(steps, |step, into| {
            let step = step as u32;
            let first = calendar.step_start_day(step);
            let last = calendar.step_start_day(step + 1) - 1;
            for (i, r) in schedules.iter().enumerate() {
                if let Some(day) = r.day_in(step, first, last) {
                    into.push((i, day));
                }
            }
        });
        // The random events, in the model's order, with their schedules unpacked.
        let mut random = Vec::new();
        for &event in model.random_events() {
            random.push(match model.event(event).schedule {
                Schedule::Random {
                    from,
                    until,
                    once,
                    chance,
                } => RandomEvent {
                    event,
                    from,
                    until,
                    once,
                    chance,
                },
                // Never listed as random; a window no step is in.
                Schedule::At { .. } => RandomEvent {
                    event,
                    from: u32::MAX,
                    until: 0,
                    once: true,
                    chance: 0.0,
                },
            });
        }
        let mut drift = vec![None; model.slot_count()];
        for ind in model.indicators() {
            for slot in ind.slots() {
                drift[slot.index()] = Some(SlotDrift {
                    drift: ind.drift,
                    noise: ind.noise,
                    min: ind.min,
                    max: ind.max,
                });
            }
        }
        // Every slot belongs to one indicator; an unowned one would be left as it is.
        plan.drift = (drift.into_iter())
            .map(|d| {
                d.unwrap_or(SlotDrift {
                    drift: 0.0,
                    noise: 0.0,
                    min: f64::NEG_INFINITY,
                    max: f64::INFINITY,
                })
            })
            .collect();
        plan.random_in = ByStep::build(steps, |step, into| {
            let step = step as u32;
            into.extend((random.iter()).filter(|r| r.from <= step && step <= r.until));
        });
        plan.aid = vec![Vec::new(); model.actors().len()];
        for (p, prop) in model.proposal_ids().zip(model.proposals()) {
            if let Some(b) = prop.beneficiary {
                plan.aid[b.index()].push(Aid {
                    proposal: p,
                    instrument: prop.instrument,
                    decider: statecraft_model::model::Decider::of(prop.decided_by),
                    amount: prop.amount_eur,
                });
            }
        }
        plan.expects = ByStep::build(steps, |step, into| {
            let dated =
                (model.expects().iter().enumerate()).filter(|(_, e)| e.step as usize == step);
            into.extend(dated.map(|(i, _)| i));
        });
        plan
    }
}

/// A planned vote's count: the tally, and whether a polled member left the count. (Each polled
/// member's vote, in [`VotePlan::polled`]'s order, is kept in the vote scratch buffer for the
/// rare rule that needs them one by one.)
#[derive(Clone, Copy, Debug)]
pub(crate) struct Counted {
    pub tally: Tally,
    pub left_out: bool,
}

/// The populations of a planned vote's participants who take part: the members not polled
/// (all of them, since the default vote is never left out in a usable plan) and the polled
/// ones whose vote is not left out. Only a qualified majority of some members needs them.
pub(crate) fn taking_part(
    model: &Model,
    participants: &[ActorId],
    vote: &VotePlan,
    votes: &[Vote],
    into: &mut Vec<u64>,
) {
    into.clear();
    for &member in participants {
        let polled = vote.polled.iter().position(|&(m, ..)| m == member);
        if polled.is_some_and(|i| votes[i].is_left_out()) {
            continue;
        }
        into.push(model.actor(member).population);
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use statecraft_model::log::Entry;
    use statecraft_model::state::State;

    use super::super::{Observer, Runner, Silent};
    use crate::rng::RunRng;
    use statecraft_model::model::Model;

    /// Logs every line: the engine then polls every member, never the plan.
    struct Logging(usize);

    impl Observer for Logging {
        const LOGS: bool = true;
        fn entry(&mut self, _: Entry) {
            self.0 += 1;
        }
        fn step_end(&mut self, _: &Model, _: &State) {}
    }

    fn scenarios(dir: &Path, into: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                scenarios(&path, into);
            } else if path.extension().is_some_and(|e| e == "toml") {
                into.push(path);
            }
        }
    }

    /// What a run leaves that any vote could have changed.
    fn outcome(state: &State) -> String {
        let proposals: Vec<_> = (state.proposals.iter())
            .map(|p| (p.outcome, p.decided, p.attempts, p.stage, p.next))
            .collect();
        let reviews: Vec<_> = state
            .reviews
            .iter()
            .map(|r| (r.failures, r.taken))
            .collect();
        let values: Vec<u64> = state.values.iter().map(|v| v.to_bits()).collect();
        format!(
            "{proposals:?} {reviews:?} {values:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            state.states,
            state.flags,
            state.policy_active,
            state.latched,
            state.ratified,
            state.dry_pass
        )
    }

    /// Every shipped scenario, run by a batch's runner (planned votes) and logged (every member
    /// polled), ends in the same state on many seeds: the plan is a shortcut, not a change.
    #[test]
    fn planned_votes_decide_as_polling_every_member_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        let mut paths = Vec::new();
        scenarios(&root, &mut paths);
        assert!(paths.len() > 20, "scenarios found: {}", paths.len());
        for path in paths {
            let loaded = statecraft_model::load(&path, &[]).expect("scenario loads");
            let model = statecraft_model::compile(&loaded).expect("scenario compiles");
            let last = model.calendar().len() as u32 - 1;
            let mut runner = Runner::new(&model);
            let mut state = State::new(&model);
            for run in 0..40 {
                state.reset(&model);
                runner.run(
                    &mut state,
                    &mut RunRng::for_run(&model, 3, run),
                    last,
                    &mut Silent,
                );
                let planned = outcome(&state);
                state.reset(&model);
                let mut logging = Logging(0);
                let mut rng = RunRng::for_run(&model, 3, run);
                super::super::run(&model, &mut state, &mut rng, last, &mut logging);
                assert_eq!(planned, outcome(&state), "{} run {run}", path.display());
            }
        }
    }
}
