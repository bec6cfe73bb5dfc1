//! Acts that more than one body must approve (`stages`): the Council, the European
//! Parliament by groups, the European Council by consensus, and ratification by every
//! participating member state. The stages are voted in order; a stage passed stays passed,
//! and a re-vote after a failure resumes at the stage that failed. A stage `after_days`
//! after the previous one votes that day if it falls in the same step, else at the start of
//! the step that contains it (dated that day).
//!
//! Proposals with the default single Council stage never come here (`votes.rs` keeps its
//! path unchanged), so a scenario without stages runs exactly as before.

use statecraft_model::calendar::date_of_day;
use statecraft_model::id::{GroupId, ProposalId};
use statecraft_model::log::{EffectRecord, Entry, Origin, StageRecord};
use statecraft_model::model::Body;
use statecraft_model::state::Due;
use statecraft_model::vote::{Procedure, Vote};

use super::votes::{MemberBallot, Planned, Subject};
use super::{Cx, Observer};
use crate::assembly::{self, ParliamentMajority, SeatCount};
use crate::procedure;

/// A stage's result: whether it passed, its line's text (when logging), and for a Council
/// stage the ballots, decision and rule its vote line records.
type StageVote = (bool, String, Option<CouncilRecord>);
type CouncilRecord = (Vec<MemberBallot>, procedure::Decision, Procedure);

impl<O: Observer> Cx<'_, O> {
    /// The due stages of one proposal, from the one it stopped at.
    pub(crate) fn vote_stages(&mut self, p: ProposalId, step: u32) {
        let model = self.model;
        let prop = model.proposal(p);
        let i = p.index();
        if self.state.proposals[i].attempts == 0 && prop.tabled == Some(step) {
            self.clock = self.clock.max(prop.tabled_day.unwrap_or(self.clock));
        }
        let mut at = self.state.proposals[i].stage as usize;
        loop {
            let body = prop.stages[at].body;
            self.state.proposals[i].attempts += 1;
            let passed = match body {
                Body::Council => self.council_stage(p),
                Body::Parliament => self.parliament_stage(p, ParliamentMajority::VotesCast),
                Body::ParliamentMembers => {
                    self.parliament_stage(p, ParliamentMajority::ComponentMembers)
                }
                Body::EuropeanCouncil => self.european_council_stage(p),
                Body::Ratification => self.ratification_stage(p),
            };
            let (passed, text, vote) = passed;
            self.state.proposals[i].stage = at as u8;
            if !passed {
                let effects = self.fail(&[p], step);
                self.log_stage(p, text, vote, stage_record(body, false), effects);
                return;
            }
            at += 1;
            if at == prop.stages.len() {
                let effects = self.adopt(&[p]);
                self.log_stage(p, text, vote, stage_record(body, true), effects);
                return;
            }
            self.log_stage(p, text, vote, stage_record(body, true), Vec::new());
            self.state.proposals[i].stage = at as u8;
            let wait = prop.stages[at].after_days;
            if wait > 0 {
                // The next stage is an item of the agenda on its own day, in this step or a
                // later one; after the scenario's end it never comes and the act stays pending.
                let day = self.clock + wait as i32;
                let ps = &mut self.state.proposals[i];
                ps.next = model
                    .calendar()
                    .step_of(date_of_day(day))
                    .map(|_| Due::vote(day));
                return;
            }
        }
    }

    /// Logs a stage's line (only when logging: `text` is empty otherwise).
    fn log_stage(
        &mut self,
        p: ProposalId,
        text: String,
        vote: Option<CouncilRecord>,
        stage: StageRecord,
        effects: Vec<EffectRecord>,
    ) {
        if !O::LOGS {
            return;
        }
        match vote {
            Some((ballots, decision, rule)) => {
                let records = self.ballot_records(&ballots);
                self.log_vote(&[p], rule, &decision, records, effects);
            }
            None => {
                let title = &self.model.proposal(p).title;
                let text = format!("{title} — {text}");
                let origin = Origin::Vote(vec![p]);
                self.emit(Entry {
                    step: self.state.step,
                    day: self.clock,
                    kind: origin.kind(),
                    id: origin.id(self.model),
                    origin,
                    text,
                    effects,
                    sources: Vec::new(),
                    vote: None,
                    stage: Some(stage),
                });
            }
        }
    }

    fn subject(&self, p: ProposalId, body: Body) -> Subject {
        let prop = self.model.proposal(p);
        Subject {
            proposal: Some(p),
            instrument: prop.instrument,
            beneficiary: prop.beneficiary,
            amount: prop.amount_eur,
            body,
        }
    }

    /// The Council under the proposal's procedure, as a single Council vote counts it.
    fn council_stage(&mut self, p: ProposalId) -> StageVote {
        let model = self.model;
        let prop = model.proposal(p);
        let subject = self.subject(p, Body::Council);
        // The scratch buffer, so a batch allocates nothing per vote; a logged run hands it
        // to the line and the next vote grows a new one.
        if let Some(decision) = self.decide_planned(
            Planned::Council(p),
            prop.procedure,
            &prop.participants,
            &subject,
            &[p],
        ) {
            return (decision.adopted, String::new(), None);
        }
        let mut ballots = std::mem::take(&mut self.scratch.ballots);
        self.poll(&prop.participants, &[subject], &[p], &mut ballots);
        let decision = self.decide(prop.procedure, &prop.participants, &ballots);
        if O::LOGS {
            return (
                decision.adopted,
                String::new(),
                Some((ballots, decision, prop.procedure)),
            );
        }
        self.scratch.ballots = ballots;
        (decision.adopted, String::new(), None)
    }

    /// Parliament: each group votes its line (from its policies, else its own) with
    /// probability `cohesion`, drawn once per group per vote; otherwise its seats split.
    fn parliament_stage(&mut self, p: ProposalId, majority: ParliamentMajority) -> StageVote {
        let model = self.model;
        let body = match majority {
            ParliamentMajority::VotesCast => Body::Parliament,
            ParliamentMajority::ComponentMembers => Body::ParliamentMembers,
        };
        let subject = self.subject(p, body);
        let mut count = SeatCount::default();
        let mut parts = Vec::new();
        for (g, group) in model.groups().iter().enumerate() {
            let line = self.group_line(GroupId::from_index(g), &subject, p);
            let cohesive = self.rng.groups[g].chance(group.cohesion);
            if cohesive {
                count.add(line, group.seats);
            } else {
                count.add_split(group.seats);
            }
            if O::LOGS {
                parts.push(if cohesive {
                    format!("{} {} {}", group.id, group.seats, vote_word(line))
                } else {
                    format!(
                        "{} split {}–{}{}",
                        group.id,
                        group.seats / 2,
                        group.seats / 2,
                        if group.seats % 2 == 1 {
                            " (1 abstains)"
                        } else {
                            ""
                        }
                    )
                });
            }
        }
        let seats = model.parliament_seats();
        let passed = assembly::parliament_passes(count, majority, seats);
        let text = if O::LOGS {
            let rule = match majority {
                ParliamentMajority::VotesCast => "a majority of the votes cast".to_owned(),
                ParliamentMajority::ComponentMembers => {
                    format!(
                        "a majority of the {seats} component members ({} needed)",
                        seats / 2 + 1
                    )
                }
            };
            format!(
                "Parliament {}: {} for, {} against, {} abstaining ({}; {})",
                if passed { "approves" } else { "rejects" },
                count.for_,
                count.against,
                count.abstain,
                rule,
                parts.join(", ")
            )
        } else {
            String::new()
        };
        (passed, text, None)
    }

    /// How group `g` votes on `p`: as its first policy that applies decides, else its line.
    pub(crate) fn group_line(&mut self, g: GroupId, subject: &Subject, p: ProposalId) -> Vote {
        let model = self.model;
        let plan = self.plan;
        // The plan keeps only the policies whose selector matches: the first that applies is
        // the one the group's whole list gives.
        let planned = match subject.body {
            Body::Parliament => Some(&plan.parliament[p.index()][0][g.index()]),
            Body::ParliamentMembers => Some(&plan.parliament[p.index()][1][g.index()]),
            _ => None,
        };
        let choice = match planned {
            // Most groups have no policy on a given act: they vote their line.
            Some(range) if range.is_empty() => None,
            Some(range) => self.ballot_from_matching(plan.asks.policies(range), subject, &[p]),
            None => self.ballot_from(model.group_policies(g), subject, &[p]),
        };
        choice.map_or(model.groups()[g.index()].line, |c| c.vote)
    }

    /// The European Council by consensus: no participating member against (Art. 15(4) TEU;
    /// abstention does not prevent it, Art. 235(1) TFEU).
    fn european_council_stage(&mut self, p: ProposalId) -> StageVote {
        let model = self.model;
        let prop = model.proposal(p);
        let subject = self.subject(p, Body::EuropeanCouncil);
        if let Some(counted) = self.count_planned(Planned::EuropeanCouncil(p), &subject, &[p]) {
            return (counted.tally.against == 0, String::new(), None);
        }
        let mut ballots = std::mem::take(&mut self.scratch.ballots);
        self.poll(&prop.participants, &[subject], &[p], &mut ballots);
        let passed = assembly::european_council_consensus(ballots.iter().map(|b| b.choice.vote));
        let text = if O::LOGS {
            let against: Vec<&str> = ballots
                .iter()
                .filter(|b| b.choice.vote == Vote::Against)
                .map(|b| model.actor(b.member).id.as_str())
                .collect();
            let names = |wanted: &[Vote]| -> Vec<&str> {
                ballots
                    .iter()
                    .filter(|b| wanted.contains(&b.choice.vote))
                    .map(|b| model.actor(b.member).id.as_str())
                    .collect()
            };
            let abstaining = names(&[Vote::Abstain, Vote::ConstructiveAbstain]);
            let away = names(&[Vote::Absent, Vote::NotParticipating, Vote::Suspended]);
            let mut text = if passed {
                "European Council: consensus (Art. 15(4) TEU)".to_owned()
            } else {
                format!(
                    "European Council: no consensus; against: {}",
                    against.join(", ")
                )
            };
            if passed && !(abstaining.is_empty() && away.is_empty()) {
                text.push_str("; not blocking it (Art. 235(1) TFEU):");
            }
            if !abstaining.is_empty() {
                text.push_str(&format!(" abstaining {}", abstaining.join(", ")));
            }
            if !away.is_empty() {
                let sep = if abstaining.is_empty() { "" } else { ";" };
                text.push_str(&format!("{sep} not in the room {}", away.join(", ")));
            }
            text
        } else {
            String::new()
        };
        self.scratch.ballots = ballots;
        (passed, text, None)
    }

    /// Ratification: each participating member that has not ratified yet decides by its
    /// policies (`for` ratifies); the stage passes once every one has ratified.
    fn ratification_stage(&mut self, p: ProposalId) -> StageVote {
        let model = self.model;
        let prop = model.proposal(p);
        let base = prop.ratification.unwrap_or(0) as usize * model.actors().len();
        let subject = self.subject(p, Body::Ratification);
        let mut missing = 0;
        for &m in &prop.participants {
            if self.state.ratified[base + m.index()] {
                continue;
            }
            if self.ballot(m, &subject, &[p]).vote == Vote::For {
                self.state.ratified[base + m.index()] = true;
            } else {
                missing += 1;
            }
        }
        let passed = missing == 0;
        let text = if O::LOGS {
            let n = prop.participants.len();
            if passed {
                format!("ratified by all {n} member states")
            } else {
                let not_yet: Vec<&str> = (prop.participants.iter())
                    .filter(|m| !self.state.ratified[base + m.index()])
                    .map(|&m| model.actor(m).id.as_str())
                    .collect();
                format!(
                    "ratified by {} of {n} member states; not yet: {}",
                    n - missing,
                    not_yet.join(", ")
                )
            }
        } else {
            String::new()
        };
        (passed, text, None)
    }
}

fn stage_record(body: Body, passed: bool) -> StageRecord {
    StageRecord {
        body: body.as_str(),
        passed,
    }
}

fn vote_word(vote: Vote) -> &'static str {
    match vote {
        Vote::For => "for",
        Vote::Against => "against",
        Vote::Abstain | Vote::ConstructiveAbstain => "abstaining",
        Vote::Absent => "absent",
        Vote::NotParticipating => "not taking part",
        Vote::Suspended => "suspended",
    }
}
