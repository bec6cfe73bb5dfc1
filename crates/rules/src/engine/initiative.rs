//! The right of initiative (Art. 17(2) TEU; Art. 293 TFEU): a proposer tables a proposal when
//! its `table_when` holds (from `earliest`), then with `table_chance` per step, and the dry
//! runs that `objectors(p)` and `would_pass(p)` read.
//!
//! A dry run polls the members exactly as a real vote does (the same `poll`/`ballot` code)
//! but with [`Cx::dry`] set: it draws no random number (a policy with `probability = p`
//! applies when p >= 0.5), latches no kept vote, and changes nothing else.

use statecraft_model::id::{GroupId, ProposalId};
use statecraft_model::log::Origin;
use statecraft_model::model::{Body, Proposer, fnv1a};
use statecraft_model::state::{Due, NextAction};
use statecraft_model::vote::Vote;

use super::votes::{MemberBallot, Planned, Subject};
use super::{Cx, Observer};
use crate::assembly::{self, ParliamentMajority, SeatCount};

impl<O: Observer> Cx<'_, O> {
    /// Refreshes the dry runs some condition reads: once per step, before tabling checks.
    pub(crate) fn dry_runs(&mut self) {
        let model = self.model;
        for &p in model.dry_run_proposals() {
            let (objectors, adopted) = self.dry_run(p);
            self.state.dry_objectors[p.index()] = objectors;
            self.state.dry_pass[p.index()] = adopted;
            if O::LOGS {
                // The reason a held-back line gives is the dry run the condition read.
                let reason = self.dry_reason(objectors, adopted);
                let reasons = &mut self.scratch.dry_reasons;
                if reasons.len() < model.proposals().len() {
                    reasons.resize(model.proposals().len(), String::new());
                }
                reasons[p.index()] = reason;
            }
        }
    }

    /// The latest dry run (its objectors and failing stage in the scratch buffer), in words.
    fn dry_reason(&self, objectors: u16, adopted: bool) -> String {
        let model = self.model;
        let against: Vec<&str> = (self.scratch.dry_against.iter())
            .map(|&m| model.actor(m).id.as_str())
            .collect();
        let against = against.join(", ");
        let members = if objectors == 1 { "member" } else { "members" };
        let fails = match self.scratch.dry_fails {
            Some(Body::Council) | None => "in the Council",
            Some(Body::Parliament | Body::ParliamentMembers) => "in Parliament",
            Some(Body::EuropeanCouncil) => "in the European Council",
            Some(Body::Ratification) => "at ratification",
        };
        match (objectors, adopted) {
            (0, true) => "the vote would pass".to_owned(),
            (0, false) => format!("no member would object, but the vote would fail {fails}"),
            (n, true) => format!("the vote would pass, with {n} {members} against ({against})"),
            (n, false) => {
                format!("{n} {members} would object ({against}); the vote would fail {fails}")
            }
        }
    }

    /// A dry run of `p`'s remaining stages under current policies, alone (not with its
    /// package): the most members against at any stage where member states decide (the
    /// Council, the European Council, ratification by those yet to ratify), and whether
    /// every stage would pass (the first that would not stays in the scratch buffer). Parliament's groups vote their line when their cohesion is at
    /// least one half, else split, as a policy with `probability` >= 0.5 applies. An act
    /// an actor adopts alone (`decided_by`) has no vote: nobody objects and it passes. The
    /// objectors of the stage with the most stay in the scratch buffer for the reason line.
    pub(crate) fn dry_run(&mut self, p: ProposalId) -> (u16, bool) {
        let model = self.model;
        let prop = model.proposal(p);
        self.scratch.dry_against.clear();
        self.scratch.dry_fails = None;
        if prop.decided_by.is_some() {
            return (0, true);
        }
        let from = usize::from(self.state.proposals[p.index()].stage);
        let mut ballots = std::mem::take(&mut self.scratch.ballots);
        let (mut objectors, mut adopted) = (0usize, true);
        self.dry = true;
        for stage in prop.stages.iter().skip(from) {
            let subject = Subject {
                proposal: Some(p),
                instrument: prop.instrument,
                beneficiary: prop.beneficiary,
                amount: prop.amount_eur,
                body: stage.body,
            };
            // A batch run counts the members against from its prepared tally (see `plan`).
            let mut planned_against = None;
            let passed = match stage.body {
                Body::Council => {
                    let planned = self.decide_planned(
                        Planned::Council(p),
                        prop.procedure,
                        &prop.participants,
                        &subject,
                        &[p],
                    );
                    match planned {
                        Some(decision) => {
                            planned_against = Some(decision.tally.against);
                            decision.adopted
                        }
                        None => {
                            self.poll(&prop.participants, &[subject], &[p], &mut ballots);
                            self.decide(prop.procedure, &prop.participants, &ballots)
                                .adopted
                        }
                    }
                }
                Body::EuropeanCouncil => {
                    match self.count_planned(Planned::EuropeanCouncil(p), &subject, &[p]) {
                        Some(counted) => {
                            planned_against = Some(counted.tally.against);
                            counted.tally.against == 0
                        }
                        None => {
                            self.poll(&prop.participants, &[subject], &[p], &mut ballots);
                            assembly::european_council_consensus(
                                ballots.iter().map(|b| b.choice.vote),
                            )
                        }
                    }
                }
                Body::Ratification => {
                    let base = prop.ratification.unwrap_or(0) as usize * model.actors().len();
                    ballots.clear();
                    for &member in &prop.participants {
                        if !self.state.ratified[base + member.index()] {
                            let choice = self.ballot(member, &subject, &[p]);
                            ballots.push(MemberBallot { member, choice });
                        }
                    }
                    ballots.iter().all(|b| b.choice.vote == Vote::For)
                }
                Body::Parliament => {
                    ballots.clear();
                    self.dry_parliament(p, &subject, ParliamentMajority::VotesCast)
                }
                Body::ParliamentMembers => {
                    ballots.clear();
                    self.dry_parliament(p, &subject, ParliamentMajority::ComponentMembers)
                }
            };
            if adopted && !passed {
                self.scratch.dry_fails = Some(stage.body);
            }
            adopted &= passed;
            let against = match planned_against {
                Some(n) => n as usize,
                None => ballots
                    .iter()
                    .filter(|b| b.choice.vote == Vote::Against)
                    .count(),
            };
            if against > objectors {
                objectors = against;
                // Only a logged run reads the names, and it never takes the planned count.
                self.scratch.dry_against.clear();
                if planned_against.is_none() {
                    let names = ballots
                        .iter()
                        .filter(|b| b.choice.vote == Vote::Against)
                        .map(|b| b.member);
                    self.scratch.dry_against.extend(names);
                }
            }
        }
        self.dry = false;
        self.scratch.ballots = ballots;
        (u16::try_from(objectors).unwrap_or(u16::MAX), adopted)
    }

    /// Whether Parliament would pass `p` in a dry run: no draw (see [`Self::dry_run`]).
    fn dry_parliament(
        &mut self,
        p: ProposalId,
        subject: &Subject,
        majority: ParliamentMajority,
    ) -> bool {
        let model = self.model;
        let mut count = SeatCount::default();
        for (g, group) in model.groups().iter().enumerate() {
            let line = self.group_line(GroupId::from_index(g), subject, p);
            if group.cohesion >= 0.5 {
                count.add(line, group.seats);
            } else {
                count.add_split(group.seats);
            }
        }
        assembly::parliament_passes(count, majority, model.parliament_seats())
    }

    /// The proposer of `p` (pending, never tabled, with an initiative) considers tabling it
    /// on `day`: when its condition holds (and its chance is drawn), the proposal is put to
    /// the vote that day; otherwise it is considered again on the next step's first day, or
    /// at the next date of its `table_at` calendar. A
    /// proposal held back is logged once per change of reason.
    pub(crate) fn initiative(&mut self, p: ProposalId, day: i32, step: u32) {
        let model = self.model;
        let prop = model.proposal(p);
        let Some(init) = &prop.initiative else {
            return;
        };
        let holds = init.when.as_ref().is_none_or(|c| c.eval_bool(&*self.state));
        // Drawn only once the condition holds, from the proposal's own stream.
        let tabled = holds
            && init
                .chance
                .is_none_or(|chance| self.rng.proposals[p.index()].chance(chance));
        if !tabled {
            if O::LOGS && !holds {
                self.held_back(p);
            }
            // The calendar's next meeting (`table_at`), or the next step's first day. Past the
            // calendar (a model cut by `--at`), a day no step reaches.
            let len = model.calendar().len() as u32;
            let next = match init.at {
                Some(c) => model
                    .meeting_calendar(c)
                    .next_after(day)
                    .unwrap_or(i32::MAX),
                None => model.calendar().step_start_day((step + 1).min(len)),
            };
            self.state.proposals[p.index()].next = Some(Due {
                day: next,
                action: NextAction::Table,
            });
            return;
        }
        self.state.proposals[p.index()].next = Some(Due::vote(day));
        if O::LOGS {
            let text = format!("{} tabled by {}", prop.title, self.proposer_name(p));
            self.log(Origin::Tabled(p), text, Vec::new(), prop.source);
        }
    }

    /// Who tables `p`: the actor, or the office's current holder (the office while vacant).
    pub(crate) fn proposer_name(&self, p: ProposalId) -> String {
        let model = self.model;
        match model.proposal(p).proposer {
            Some(Proposer::Actor(a)) => model.actor(a).name.clone(),
            Some(Proposer::Office(o)) => match self.state.holders[o.index()] {
                Some(person) => format!("{} ({})", model.person(person).name, model.office(o).name),
                None => model.office(o).name.clone(),
            },
            None => "its proposer".to_owned(),
        }
    }

    /// Logs why `p` is held back, unless the reason is the one last logged.
    fn held_back(&mut self, p: ProposalId) {
        let model = self.model;
        let prop = model.proposal(p);
        // A proposal whose dry run a condition reads gives that run (as the step opened);
        // another, a dry run now.
        let dry = match self.scratch.dry_reasons.get(p.index()) {
            Some(reason) if model.dry_run_proposals().contains(&p) => reason.clone(),
            _ => {
                let (objectors, adopted) = self.dry_run(p);
                self.dry_reason(objectors, adopted)
            }
        };
        let key = fnv1a([dry.as_str()], 0x1f) | 1;
        if self.state.held_reason[p.index()] == key {
            return;
        }
        self.state.held_reason[p.index()] = key;
        let cond = prop
            .initiative
            .as_ref()
            .and_then(|i| i.when.as_ref())
            .map(|c| self.condition_text(c))
            .unwrap_or_default();
        let text = format!(
            "{} held back by {}: {dry}; waits for {cond}",
            prop.title,
            self.proposer_name(p)
        );
        self.log(Origin::HeldBack(p), text, Vec::new(), prop.source);
    }
}
