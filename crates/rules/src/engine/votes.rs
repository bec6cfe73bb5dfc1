//! Council votes in a run, decided: each member's ballot from its policies, the count under
//! the procedure, and what follows (adoption effects, re-tabling, dropping). The prose these
//! votes write into the timeline is `vote_text`'s, reached only `if O::LOGS`.

use statecraft_model::id::{ActorId, InstrumentId, PolicyId, ProposalId};
use statecraft_model::log::EffectRecord;
use statecraft_model::model::{Body, Decider, FormalAdoption, Retable, Rule, UNDECIDED_DAY};
use statecraft_model::state::{Due, NextAction, Outcome};
use statecraft_model::vote::{Procedure, Vote};

use super::plan::{Asks, Counted, Packages, Plan, VotePlan, taking_part};
use super::{Cx, Observer, Phase, Turn};
use crate::procedure;

/// What a vote is about, as policies see it: a proposal, or a review's action (which has no
/// proposal of its own but names an instrument and a subject).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Subject {
    pub proposal: Option<ProposalId>,
    pub instrument: InstrumentId,
    pub beneficiary: Option<ActorId>,
    pub amount: f64,
    /// The body voting: which stage's policies apply.
    pub body: Body,
}

/// How a member votes on a subject, the policy that decided it (none: the default vote),
/// and why.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Choice {
    pub vote: Vote,
    pub policy: Option<PolicyId>,
    pub why: Why,
}

/// One member's ballot: who, and its choice.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MemberBallot {
    pub member: ActorId,
    pub choice: Choice,
}

/// Buffers the vote phase reuses across the votes of a run, so a batch run allocates
/// nothing per vote.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    group: Vec<ProposalId>,
    participants: Vec<ActorId>,
    subjects: Vec<Subject>,
    pub ballots: Vec<MemberBallot>,
    /// When logging: by proposal, the reason its step-start dry run gives (see `initiative`).
    pub(crate) dry_reasons: Vec<String>,
    /// The members against in the latest dry run's stage with the most (see `initiative`).
    pub(crate) dry_against: Vec<ActorId>,
    /// The first stage the latest dry run would fail at.
    pub(crate) dry_fails: Option<Body>,
    /// Lines of decisions taken inside another item's effects, logged after its line.
    pub deferred: Vec<statecraft_model::log::Entry>,
    /// A planned vote's polled members' votes, and its participants' populations when the
    /// rule needs them one by one (see `plan`).
    votes: Vec<Vote>,
    populations: Vec<u64>,
    /// The package votes met so far in the batch, prepared (see `plan`).
    packages: Packages,
}

/// Which prepared vote (see `plan`): a proposal's Council vote or European Council stage, or
/// a review action's Council vote (review, action).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Planned {
    Council(ProposalId),
    EuropeanCouncil(ProposalId),
    Review(usize, usize),
}

impl Planned {
    /// This vote's plan in `plan`.
    #[inline]
    fn of(self, plan: &Plan) -> &VotePlan {
        match self {
            Planned::Council(p) => &plan.council[p.index()],
            Planned::EuropeanCouncil(p) => &plan.european_council[p.index()],
            Planned::Review(r, a) => &plan.reviews[r][a],
        }
    }
}

/// Why a member voted as it did; formatted only when a log wants it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Why {
    Default,
    Fixed,
    Balanced {
        have: f64,
        need: f64,
        counterpart: ActorId,
    },
    Condition {
        held: bool,
    },
    /// The member's voting rights are suspended (Art. 7(3) TEU): not polled at all.
    Suspended,
    /// A `persist` policy keeps the vote it first cast on `since` (a day number).
    Persisted {
        since: i32,
    },
}

/// How strongly a vote opposes: a member's vote on a package is its strongest objection to
/// any part of it.
///
/// Staying out of one part and voting for the rest is staying out (weight 1): a member is
/// either in the room for the package or not, and any vote short of `for` is stronger.
fn weight(vote: Vote) -> u8 {
    match vote {
        Vote::For => 0,
        Vote::NotParticipating => 1,
        Vote::Abstain => 2,
        Vote::Absent => 3,
        Vote::ConstructiveAbstain => 4,
        Vote::Against => 5,
        // Set after the poll, never chosen by a policy.
        Vote::Suspended => 6,
    }
}

/// What follows a failed vote (or a re-vote its `retable.when` puts off).
enum Revote {
    /// A vote again on this day.
    On(i32),
    /// No re-vote: the proposal fails (no `retable`, its attempts spent, or past the
    /// author's `until`).
    Dropped,
    /// The next vote would come after the scenario's end: the proposal is still pending.
    AfterTheEnd,
}

impl<O: Observer> Cx<'_, O> {
    /// The pending proposal whose next action comes first in the step ending on `last`
    /// (earliest day, then file order), as an agenda turn.
    pub(crate) fn proposal_due(&self, first: i32, last: i32) -> Option<Turn> {
        // By position, making an id only for the proposal chosen: this runs over every
        // proposal at every turn of the agenda.
        let mut due: Option<Turn> = None;
        for (p, ps) in self.state.proposals.iter().enumerate() {
            let Some(next) = ps.next else { continue };
            if ps.outcome != Outcome::Pending || next.day > last {
                continue;
            }
            let day = next.day.max(first);
            if due.is_none_or(|d| day < d.day) {
                due = Some(Turn {
                    day,
                    phase: Phase::Proposal,
                    index: p,
                });
            }
        }
        due
    }

    /// Proposal `p`'s next action on `day`, with the rest of its package due in the step.
    pub(crate) fn proposal_action(&mut self, p: usize, day: i32, step: u32) {
        let last = self.model.calendar().step_start_day(step + 1) - 1;
        let ps = self.state.proposals[p];
        let Some(lead) = ps.next else { return };
        let id = ProposalId::from_index(p);
        if lead.action == NextAction::Table {
            // A proposer's look at the agenda: no vote yet, so no package to gather.
            self.clock = self.clock.max(day);
            self.initiative(id, day, step);
            return;
        }
        let mut group = std::mem::take(&mut self.scratch.group);
        group.clear();
        for (q, qs) in self.state.proposals.iter().enumerate() {
            let with = q == p
                || (ps.package.is_some()
                    && qs.package == ps.package
                    && qs.outcome == Outcome::Pending
                    && qs
                        .next
                        .is_some_and(|n| n.day <= last && n.action == lead.action));
            if with {
                group.push(ProposalId::from_index(q));
            }
        }
        self.clock = self.clock.max(day);
        // A re-vote whose `retable.when` does not hold is put off (or dropped) instead.
        let put_off =
            lead.action == NextAction::Vote && ps.attempts > 0 && !self.retable_now(id, step);
        let prop = self.model.proposal(id);
        match lead.action {
            // Taken above, before a package is gathered.
            NextAction::Table => {}
            NextAction::Vote if put_off => {}
            NextAction::Vote if prop.decided_by.is_some() => {
                self.decide_alone(ProposalId::from_index(p), false)
            }
            NextAction::Vote if prop.stages.len() != 1 || prop.stages[0].body != Body::Council => {
                self.vote_stages(ProposalId::from_index(p), step)
            }
            NextAction::Vote => self.vote_on(&group, step),
            NextAction::FormalAdoption => self.formal_adoption(&group, step),
        }
        self.scratch.group = group;
    }

    /// A re-vote is due: whether its `retable.when` (if any) lets it happen. If not, it
    /// waits for the next re-vote date, or is dropped when there is none.
    fn retable_now(&mut self, p: ProposalId, step: u32) -> bool {
        let model = self.model;
        let Some(r) = &model.proposal(p).retable else {
            return true;
        };
        let Some(when) = &r.when else {
            return true;
        };
        if when.eval_bool(&*self.state) {
            return true;
        }
        let again = self.revote_day(r, step);
        let ps = &mut self.state.proposals[p.index()];
        match again {
            Revote::On(day) => ps.next = Some(Due::vote(day)),
            Revote::Dropped => {
                ps.outcome = Outcome::Failed;
                ps.decided = Some(step);
                ps.decided_day = self.clock;
                ps.next = None;
            }
            Revote::AfterTheEnd => ps.next = None,
        }
        false
    }

    /// The re-vote after one in `step` (or one put off by `retable.when`): the calendar's next
    /// meeting after today, or the first day of the step `every_months` later, up to `until`.
    /// With none left, the proposal is dropped when `until` is the author's deadline, and still
    /// pending when it is the scenario's end (the next vote would come after it).
    fn revote_day(&self, r: &Retable, step: u32) -> Revote {
        let model = self.model;
        let day = match r.at {
            Some(c) => model
                .meeting_calendar(c)
                .next_after(self.clock)
                .filter(|&d| d <= r.until_day),
            // A re-vote past the calendar (a model cut by `--at`) stays pending: it is
            // dated the day after the last step, never reached.
            None => (step + r.every_steps <= r.until_step).then(|| {
                let len = model.calendar().len() as u32;
                model
                    .calendar()
                    .step_start_day((step + r.every_steps).min(len))
            }),
        };
        match day {
            Some(day) => Revote::On(day),
            None if r.until_is_horizon => Revote::AfterTheEnd,
            None => Revote::Dropped,
        }
    }

    /// Counts `ballots` of `participants` under `procedure`.
    pub(crate) fn decide(
        &self,
        procedure: Procedure,
        participants: &[ActorId],
        ballots: &[MemberBallot],
    ) -> procedure::Decision {
        let model = self.model;
        let participation = if participants.len() == model.members().len() {
            procedure::Participation::Full
        } else {
            procedure::Participation::Partial
        };
        procedure::decide_with(
            procedure,
            ballots
                .iter()
                .map(|b| (b.choice.vote, model.actor(b.member).population)),
            participation,
        )
    }

    /// Whether a batch run may count prepared votes: not when every member must be polled (a
    /// logged run, whose timeline shows every ballot; a member suspended; a model whose plan
    /// cannot be used).
    fn plans_usable(&self) -> bool {
        !O::LOGS && self.plan.usable && self.state.suspended_count == 0
    }

    /// A batch run's count of a prepared vote: only the members with a policy that can apply
    /// are polled, the others' default votes were counted before the run. `None` when every
    /// member must be polled (see [`Self::plans_usable`]).
    pub(crate) fn count_planned(
        &mut self,
        which: Planned,
        subject: &Subject,
        group: &[ProposalId],
    ) -> Option<Counted> {
        if !self.plans_usable() {
            return None;
        }
        let plan = self.plan;
        Some(self.count(
            which.of(plan),
            &plan.asks,
            std::slice::from_ref(subject),
            group,
        ))
    }

    /// The count of prepared vote `vote` (its asks in `asks`) on `subjects`: each polled
    /// member casts its strongest objection to any of them, as [`Self::poll`] has it.
    fn count(
        &mut self,
        vote: &VotePlan,
        asks: &Asks,
        subjects: &[Subject],
        group: &[ProposalId],
    ) -> Counted {
        let default = self.model.default_vote();
        self.scratch.votes.clear();
        let mut counted = Counted {
            tally: vote.rest,
            left_out: false,
        };
        for (_, population, range) in &vote.polled {
            let v = match asks.asks(range) {
                // One subject: its first policy that applies decides.
                [ask] => self
                    .ballot_from_matching(asks.policies(ask), &subjects[0], group)
                    .map_or(default, |c| c.vote),
                member_asks => {
                    let mut worst: Option<Vote> = None;
                    for (ask, subject) in member_asks.iter().zip(subjects) {
                        let v = self
                            .ballot_from_matching(asks.policies(ask), subject, group)
                            .map_or(default, |c| c.vote);
                        if worst.is_none_or(|w| weight(v) > weight(w)) {
                            worst = Some(v);
                        }
                    }
                    worst.unwrap_or(default)
                }
            };
            if v.is_left_out() {
                counted.left_out = true;
            } else {
                counted.tally.add(v, *population);
            }
            self.scratch.votes.push(v);
        }
        counted
    }

    /// [`Self::count_planned`], decided under `procedure` as [`Self::decide`] decides a poll
    /// of every participant.
    pub(crate) fn decide_planned(
        &mut self,
        which: Planned,
        procedure: Procedure,
        participants: &[ActorId],
        subject: &Subject,
        group: &[ProposalId],
    ) -> Option<procedure::Decision> {
        let counted = self.count_planned(which, subject, group)?;
        Some(self.settle(which.of(self.plan), counted, procedure, participants))
    }

    /// A batch run's decision on package `group` (two proposals or more, with `subjects`),
    /// from its plan (made when the package is first voted on); `None` when every member must
    /// be polled, or too many packages have been met to keep another plan.
    fn decide_package(
        &mut self,
        group: &[ProposalId],
        subjects: &[Subject],
        procedure: Procedure,
    ) -> Option<procedure::Decision> {
        if !self.plans_usable() {
            return None;
        }
        // Taken out while it is read: counting needs the whole context.
        let mut packages = std::mem::take(&mut self.scratch.packages);
        let decision = packages.find_or_prepare(self.model, group).map(|i| {
            let (participants, vote) = packages.get(i);
            let counted = self.count(vote, &packages.asks, subjects, group);
            self.settle(vote, counted, procedure, participants)
        });
        self.scratch.packages = packages;
        decision
    }

    /// Decides counted vote `vote` under `procedure`.
    fn settle(
        &mut self,
        vote: &VotePlan,
        counted: Counted,
        procedure: Procedure,
        participants: &[ActorId],
    ) -> procedure::Decision {
        let participation = if vote.full && !counted.left_out {
            procedure::Participation::Full
        } else {
            procedure::Participation::Partial
        };
        let model = self.model;
        let scratch = &mut *self.scratch;
        procedure::settle(procedure, counted.tally, participation, || {
            let populations = &mut scratch.populations;
            taking_part(model, participants, vote, &scratch.votes, populations);
            procedure::fewest_members_over_35(populations, counted.tally.population)
        })
    }

    /// An actor adopts a proposal on its own (`decided_by`): no vote, no attempt counted;
    /// its adoption effects apply now. With `defer`, its line waits for the line of the
    /// item whose effect tabled it.
    pub(crate) fn decide_alone(&mut self, p: ProposalId, defer: bool) {
        let model = self.model;
        let prop = model.proposal(p);
        let ps = &mut self.state.proposals[p.index()];
        ps.outcome = Outcome::Adopted;
        ps.decided = Some(self.state.step);
        ps.decided_day = self.clock;
        ps.next = None;
        let mut effects = Vec::new();
        if O::LOGS {
            effects.push(self.adopted_record(p));
        }
        self.apply_into(prop.on_adopt, &mut effects);
        if O::LOGS {
            let entry = self.decision_entry(p, effects);
            if defer {
                self.scratch.deferred.push(entry);
            } else {
                self.emit(entry);
            }
        }
    }

    /// Policies with memory, before the step's votes: a concession first seen to hold ends
    /// its policy's objection, and a kept vote whose `lift_when` holds is lifted. Only the
    /// policies that have either are looked at (the model lists them).
    #[inline]
    pub(crate) fn memory(&mut self) {
        if self.model.remembering_policies().is_empty() {
            return;
        }
        self.remember();
    }

    /// [`Self::memory`] when some policy remembers.
    #[inline(never)]
    fn remember(&mut self) {
        let model = self.model;
        for &pol in model.remembering_policies() {
            let policy = model.policy(pol);
            let i = pol.index();
            if let Some(c) = &policy.concession
                && !self.state.concession_met[i]
                && c.eval_bool(&*self.state)
            {
                self.state.concession_met[i] = true;
                self.state.latched[i] = None;
                if O::LOGS {
                    let text = format!(
                        "concession met: {} ({}'s {} lifted)",
                        self.condition_text(c),
                        policy.holder.id(model),
                        policy.id
                    );
                    self.memory_line(statecraft_model::log::Origin::Concession(pol), text);
                }
            }
            if let (Some(latch), Some(c)) = (self.state.latched[i], &policy.lift_when)
                && c.eval_bool(&*self.state)
            {
                self.state.latched[i] = None;
                if O::LOGS {
                    let text = format!(
                        "{}'s {} ({}, kept since {}) lifted: {}",
                        policy.holder.id(model),
                        policy.id,
                        latch.vote,
                        statecraft_model::calendar::date_of_day(latch.day),
                        self.condition_text(c),
                    );
                    self.memory_line(statecraft_model::log::Origin::Lifted(pol), text);
                }
            }
        }
    }

    fn memory_line(&mut self, origin: statecraft_model::log::Origin, text: String) {
        let model = self.model;
        let (id, kind, sources) = match origin {
            statecraft_model::log::Origin::Concession(p)
            | statecraft_model::log::Origin::Lifted(p) => (
                model.policy(p).id.clone(),
                origin.kind(),
                model
                    .fact_id(model.policy(p).source)
                    .map(str::to_owned)
                    .into_iter()
                    .collect(),
            ),
            _ => return,
        };
        self.observer.entry(statecraft_model::log::Entry {
            step: self.state.step,
            day: self.clock,
            kind,
            id,
            origin,
            text,
            effects: Vec::new(),
            sources,
            vote: None,
            stage: None,
        });
    }

    /// One vote on a proposal or a package of proposals.
    fn vote_on(&mut self, group: &[ProposalId], step: u32) {
        let model = self.model;
        let procedure = group
            .iter()
            .map(|&p| model.proposal(p).procedure)
            .max_by_key(|p| p.strictness())
            .unwrap_or(Procedure::Unanimity);
        let mut subjects = std::mem::take(&mut self.scratch.subjects);
        subjects.clear();
        // The vote's day first (a kept vote, `persist`, records it), and each proposal as a
        // subject.
        for &p in group {
            let prop = model.proposal(p);
            subjects.push(Subject {
                proposal: Some(p),
                instrument: prop.instrument,
                beneficiary: prop.beneficiary,
                amount: prop.amount_eur,
                body: Body::Council,
            });
            if self.state.proposals[p.index()].attempts == 0 && prop.tabled == Some(step) {
                self.clock = self.clock.max(prop.tabled_day.unwrap_or(self.clock));
            }
        }
        let mut ballots = std::mem::take(&mut self.scratch.ballots);
        // A proposal voted alone, by participants listed once each, and a package have a
        // prepared count.
        let planned = match group {
            [p] if self.plan.listed_once[p.index()] => self.decide_planned(
                Planned::Council(*p),
                procedure,
                &model.proposal(*p).participants,
                &subjects[0],
                group,
            ),
            [_, _, ..] => self.decide_package(group, &subjects, procedure),
            _ => None,
        };
        let decision = match planned {
            Some(decision) => decision,
            None => {
                let mut participants = std::mem::take(&mut self.scratch.participants);
                participants.clear();
                // Everyone taking part in any of them, once each, in id order.
                for &p in group {
                    participants.extend_from_slice(&model.proposal(p).participants);
                }
                participants.sort_unstable();
                participants.dedup();
                self.poll(&participants, &subjects, group, &mut ballots);
                let decision = self.decide(procedure, &participants, &ballots);
                self.scratch.participants = participants;
                decision
            }
        };
        for &p in group {
            self.state.proposals[p.index()].attempts += 1;
        }
        // The reasons are written now, before adoption effects change what they read.
        let records = if O::LOGS {
            Some(self.ballot_records(&ballots))
        } else {
            None
        };
        let effects = if decision.adopted {
            self.adopt(group)
        } else {
            self.fail(group, step)
        };
        if let Some(records) = records {
            self.log_vote(group, procedure, &decision, records, effects);
        }
        self.scratch.subjects = subjects;
        self.scratch.ballots = ballots;
    }

    /// Adopts the proposals of `group` (after their last vote) and applies their adoption
    /// effects, or, with a formal adoption to come, records the political agreement and
    /// schedules it; the records when logging.
    pub(crate) fn adopt(&mut self, group: &[ProposalId]) -> Vec<EffectRecord> {
        let step = self.state.step;
        let mut effects = Vec::new();
        if let Some(day) = self.formal_adoption_day(group) {
            // A political agreement: the acts stay pending until their formal adoption,
            // which takes the package's parts together on the latest of their days.
            for &p in group {
                self.state.proposals[p.index()].next = Some(Due {
                    day,
                    action: NextAction::FormalAdoption,
                });
                if O::LOGS {
                    effects.push(self.agreed_record(p, day));
                }
            }
            return effects;
        }
        self.adopt_now(group, step)
    }

    /// Marks the proposals of `group` adopted today (at a vote, or at their formal adoption)
    /// and applies their adoption effects; the records when logging.
    pub(crate) fn adopt_now(&mut self, group: &[ProposalId], step: u32) -> Vec<EffectRecord> {
        let model = self.model;
        let mut effects = Vec::new();
        for &p in group {
            let ps = &mut self.state.proposals[p.index()];
            ps.outcome = Outcome::Adopted;
            ps.decided = Some(step);
            ps.decided_day = self.clock;
            ps.next = None;
            if O::LOGS {
                effects.push(self.adopted_record(p));
            }
        }
        for &p in group {
            self.apply_into(model.proposal(p).on_adopt, &mut effects);
        }
        effects
    }

    /// After a failed vote: each proposal of `group` is re-tabled (at the step `every_months`
    /// later, or at a calendar's next meeting) or dropped, then the failure effects apply;
    /// the records when logging.
    pub(crate) fn fail(&mut self, group: &[ProposalId], step: u32) -> Vec<EffectRecord> {
        let model = self.model;
        let mut effects = Vec::new();
        for &p in group {
            let prop = model.proposal(p);
            let attempts = self.state.proposals[p.index()].attempts;
            let again = match &prop.retable {
                Some(r) if r.max_attempts.is_none_or(|max| attempts < max) => {
                    self.revote_day(r, step)
                }
                _ => Revote::Dropped,
            };
            let ps = &mut self.state.proposals[p.index()];
            match again {
                Revote::On(day) => {
                    ps.next = Some(Due::vote(day));
                    if O::LOGS {
                        let at_meeting = prop.retable.as_ref().is_some_and(|r| r.at.is_some());
                        effects.push(self.retabled_record(p, day, at_meeting));
                    }
                }
                Revote::Dropped => {
                    ps.outcome = Outcome::Failed;
                    ps.decided = Some(step);
                    ps.decided_day = self.clock;
                    ps.next = None;
                    if O::LOGS {
                        effects.push(self.dropped_record(p));
                    }
                }
                Revote::AfterTheEnd => {
                    ps.next = None;
                    if O::LOGS {
                        effects.push(self.unfinished_record(p));
                    }
                }
            }
        }
        for &p in group {
            self.apply_into(model.proposal(p).on_fail, &mut effects);
        }
        effects
    }

    /// Every member's ballot on a set of subjects voted as one: each member's strongest
    /// objection to any of them.
    pub(crate) fn poll(
        &mut self,
        members: &[ActorId],
        subjects: &[Subject],
        group: &[ProposalId],
        ballots: &mut Vec<MemberBallot>,
    ) {
        let default = Choice {
            vote: self.model.default_vote(),
            policy: None,
            why: Why::Default,
        };
        ballots.clear();
        for &member in members {
            // Art. 354 TFEU: a suspended member does not take part in the vote.
            if self.state.suspended[member.index()] {
                ballots.push(MemberBallot {
                    member,
                    choice: Choice {
                        vote: Vote::Suspended,
                        policy: None,
                        why: Why::Suspended,
                    },
                });
                continue;
            }
            // Most members have no policy at all: no need to ask them about each subject.
            if self.model.policies_of(member).is_empty() {
                ballots.push(MemberBallot {
                    member,
                    choice: default,
                });
                continue;
            }
            let mut worst: Option<Choice> = None;
            for subject in subjects {
                let choice = self.ballot(member, subject, group);
                if worst.is_none_or(|w| weight(choice.vote) > weight(w.vote)) {
                    worst = Some(choice);
                }
            }
            ballots.push(MemberBallot {
                member,
                choice: worst.unwrap_or(default),
            });
        }
    }

    /// A member's vote on one subject, given the package it is voted in.
    pub(crate) fn ballot(
        &mut self,
        member: ActorId,
        subject: &Subject,
        group: &[ProposalId],
    ) -> Choice {
        let model = self.model;
        self.ballot_from(model.policies_of(member), subject, group)
            .unwrap_or(Choice {
                vote: model.default_vote(),
                policy: None,
                why: Why::Default,
            })
    }

    /// The vote the first of `policies` that applies to `subject` decides, if any does.
    pub(crate) fn ballot_from(
        &mut self,
        policies: &[PolicyId],
        subject: &Subject,
        group: &[ProposalId],
    ) -> Option<Choice> {
        let model = self.model;
        for &pol in policies {
            if !self.state.policy_active[pol.index()]
                || !model.policy(pol).selector.matches(
                    subject.instrument,
                    subject.beneficiary,
                    subject.proposal,
                    subject.body,
                )
            {
                continue;
            }
            if let Some(choice) = self.policy_choice(pol, subject, group) {
                return Some(choice);
            }
        }
        None
    }

    /// [`Self::ballot_from`] over policies already known to match `subject` (a vote plan's).
    pub(crate) fn ballot_from_matching(
        &mut self,
        policies: &[PolicyId],
        subject: &Subject,
        group: &[ProposalId],
    ) -> Option<Choice> {
        for &pol in policies {
            if !self.state.policy_active[pol.index()] {
                continue;
            }
            if let Some(choice) = self.policy_choice(pol, subject, group) {
                return Some(choice);
            }
        }
        None
    }

    /// The vote active policy `pol`, whose selector matches `subject`, decides: `None` when
    /// it does not apply (a concession met, its `when` false, its probability not drawn).
    #[inline]
    fn policy_choice(
        &mut self,
        pol: PolicyId,
        subject: &Subject,
        group: &[ProposalId],
    ) -> Option<Choice> {
        let model = self.model;
        let policy = model.policy(pol);
        // A concession met ends the objection for good; a kept vote stays whatever
        // `when` and `probability` say now.
        if self.state.concession_met[pol.index()] {
            return None;
        }
        if let Some(latch) = self.state.latched[pol.index()] {
            return Some(Choice {
                vote: latch.vote,
                policy: Some(pol),
                why: Why::Persisted { since: latch.day },
            });
        }
        if let Some(when) = &policy.when
            && !when.eval_bool(&*self.state)
        {
            return None;
        }
        // A dry run draws nothing: a probable policy (p >= 0.5) counts as applying.
        if let Some(p) = policy.probability
            && !(if self.dry {
                p >= 0.5
            } else {
                self.rng.policies[pol.index()].chance(p)
            })
        {
            return None;
        }
        let (vote, why) = match &policy.rule {
            Rule::Fixed(v) => (*v, Why::Fixed),
            Rule::Conditional {
                condition,
                then,
                otherwise,
            } => {
                let held = condition.eval_bool(&*self.state);
                (
                    if held { *then } else { *otherwise },
                    Why::Condition { held },
                )
            }
            Rule::BalancedAid {
                counterpart,
                ratio,
                window_steps,
                accepts,
                deciders,
                otherwise,
            } => {
                // Regional balance is a matter of totals: everything the beneficiary gets
                // in the window (this measure included) against everything the
                // counterpart gets, so one offer to the counterpart cannot balance two
                // measures.
                let own = match subject.beneficiary {
                    Some(b) => self.aid_to(
                        b,
                        subject.instrument,
                        accepts,
                        deciders,
                        *window_steps,
                        group,
                    ),
                    None => 0.0,
                } + if subject.proposal.is_none() {
                    subject.amount
                } else {
                    0.0
                };
                let need = ratio * own;
                let have = self.aid_to(
                    *counterpart,
                    subject.instrument,
                    accepts,
                    deciders,
                    *window_steps,
                    group,
                );
                let why = Why::Balanced {
                    have,
                    need,
                    counterpart: *counterpart,
                };
                (if have >= need { Vote::For } else { *otherwise }, why)
            }
        };
        if policy.persist && !self.dry {
            self.state.latched[pol.index()] = Some(statecraft_model::state::Latch {
                vote,
                step: self.state.step,
                day: self.clock,
            });
        }
        Some(Choice {
            vote,
            policy: Some(pol),
            why,
        })
    }

    /// Aid to `counterpart` that counts in a balance: in the package being voted, or adopted
    /// within the window, under the accepted instruments (default: the subject's own) and
    /// by the accepted deciders (default: any).
    fn aid_to(
        &self,
        counterpart: ActorId,
        instrument: InstrumentId,
        accepts: &[InstrumentId],
        deciders: &[Decider],
        window: u32,
        group: &[ProposalId],
    ) -> f64 {
        let step = self.state.step;
        let mut have = 0.0;
        for aid in self.plan.aid_to(counterpart) {
            let accepted = if accepts.is_empty() {
                aid.instrument == instrument
            } else {
                accepts.contains(&aid.instrument)
            };
            if !accepted || !(deciders.is_empty() || deciders.contains(&aid.decider)) {
                continue;
            }
            let qs = &self.state.proposals[aid.proposal.index()];
            let in_package = group.contains(&aid.proposal);
            let recent = qs.outcome == Outcome::Adopted
                && qs.decided.is_some_and(|d| step.saturating_sub(d) <= window);
            if in_package || recent {
                have += aid.amount;
            }
        }
        have
    }

    /// The day the acts in `group` are adopted formally after agreeing now: the latest of
    /// their days (a package is formalised as one), or `None` when none needs a formal
    /// adoption. A calendar with no meeting left gives [`UNDECIDED_DAY`]: agreed, never
    /// formalised within the scenario.
    fn formal_adoption_day(&self, group: &[ProposalId]) -> Option<i32> {
        let model = self.model;
        let mut latest: Option<i32> = None;
        for &p in group {
            let day = match model.proposal(p).formal_adoption {
                None => continue,
                Some(FormalAdoption::AfterDays(n)) => self.clock.saturating_add(n as i32),
                Some(FormalAdoption::At(c)) => model
                    .meeting_calendar(c)
                    .next_after(self.clock)
                    .unwrap_or(UNDECIDED_DAY),
            };
            latest = Some(latest.map_or(day, |l| l.max(day)));
        }
        latest
    }
}
