//! The timeline prose of votes: the line a vote writes (titles, the rule that decided, who
//! dissented and why), each ballot's reason with the values its conditions read, and the records
//! of adoption, re-tabling and dropping. Deciding lives in `votes`; nothing here changes the run, and
//! the engine calls it only `if O::LOGS`, so a batch run builds none of these strings.

use statecraft_model::log::{Ballot, EffectRecord, Entry, EntryKind, Origin, VoteRecord};
use statecraft_model::model::{Review, Rule};
use statecraft_model::state::Outcome;
use statecraft_model::vote::{Procedure, Vote};

use super::effects::proposal_record;
use super::votes::{Choice, MemberBallot, Why};
use super::{Cx, Observer};
use crate::procedure;
use statecraft_model::id::{InstrumentId, PolicyId, ProposalId, ReviewId};

impl<O: Observer> Cx<'_, O> {
    /// The record of a failed proposal tabled again on `day`: a re-vote every few months
    /// names its month, one at a calendar's meeting its date.
    pub(crate) fn retabled_record(
        &self,
        proposal: ProposalId,
        day: i32,
        at_meeting: bool,
    ) -> EffectRecord {
        let model = self.model;
        let date = statecraft_model::calendar::date_of_day(day).to_string();
        let text = if at_meeting {
            format!(
                "{} to be voted again on {date}",
                model.proposal(proposal).id
            )
        } else {
            format!(
                "{} to be voted again in {}",
                model.proposal(proposal).id,
                &date[..7]
            )
        };
        proposal_record(model, proposal, Outcome::Pending, Outcome::Pending, text)
    }

    /// The record of an act agreed politically, to be adopted formally on `day` (never, when
    /// `day` is past every calendar).
    pub(crate) fn agreed_record(&self, proposal: ProposalId, day: i32) -> EffectRecord {
        let model = self.model;
        let when = if day == statecraft_model::model::UNDECIDED_DAY {
            "no date set".to_owned()
        } else {
            statecraft_model::calendar::date_of_day(day).to_string()
        };
        let text = format!(
            "{} agreed politically; formal adoption: {when}",
            model.proposal(proposal).id
        );
        proposal_record(model, proposal, Outcome::Pending, Outcome::Pending, text)
    }

    /// The record of a proposal voted down whose next vote would come after the scenario's end.
    pub(crate) fn unfinished_record(&self, proposal: ProposalId) -> EffectRecord {
        let text = format!(
            "{}: no vote again before the scenario ends; still pending",
            self.model.proposal(proposal).id
        );
        proposal_record(
            self.model,
            proposal,
            Outcome::Pending,
            Outcome::Pending,
            text,
        )
    }

    /// The record of a failed proposal that will not be voted again.
    pub(crate) fn dropped_record(&self, proposal: ProposalId) -> EffectRecord {
        let text = format!("{} dropped", self.model.proposal(proposal).id);
        proposal_record(
            self.model,
            proposal,
            Outcome::Pending,
            Outcome::Failed,
            text,
        )
    }

    /// The line of an act an actor adopted on its own: "<title> — adopted by <actor>".
    pub(crate) fn decision_entry(&self, proposal: ProposalId, effects: Vec<EffectRecord>) -> Entry {
        let model = self.model;
        let prop = model.proposal(proposal);
        let decider = prop
            .decided_by
            .map_or("the Council", |a| model.actor(a).name.as_str());
        let origin = Origin::Decision(proposal);
        Entry {
            step: self.state.step,
            day: self.clock,
            kind: origin.kind(),
            id: prop.id.clone(),
            origin,
            text: format!("{} — adopted by {decider}", prop.title),
            effects,
            sources: model
                .fact_id(prop.source)
                .map(|s| vec![s.to_owned()])
                .unwrap_or_default(),
            vote: None,
            stage: None,
        }
    }

    /// The record of an adopted proposal: no note, the vote line says it.
    pub(crate) fn adopted_record(&self, proposal: ProposalId) -> EffectRecord {
        proposal_record(
            self.model,
            proposal,
            Outcome::Pending,
            Outcome::Adopted,
            None,
        )
    }

    pub(crate) fn log_vote(
        &mut self,
        group: &[ProposalId],
        procedure: Procedure,
        decision: &procedure::Decision,
        (records, dissent): (Vec<Ballot>, String),
        effects: Vec<EffectRecord>,
    ) {
        let model = self.model;
        let names: Vec<String> = group
            .iter()
            .map(|&p| model.proposal(p).id.clone())
            .collect();
        let titles: Vec<String> = group
            .iter()
            .map(|&p| model.proposal(p).title.clone())
            .collect();
        let mut text = format!("{} — {}", titles.join(" + "), decision.reason);
        if !dissent.is_empty() {
            text.push_str(&format!("; {dissent}"));
        }
        let mut sources: Vec<String> = group
            .iter()
            .filter_map(|&p| model.fact_id(model.proposal(p).source))
            .map(str::to_owned)
            .collect();
        sources.dedup();
        let id = names.join("+");
        let record = VoteRecord {
            procedure,
            proposals: names,
            adopted: decision.adopted,
            reason: decision.reason.to_string(),
            ballots: records,
        };
        self.emit(Entry {
            step: self.state.step,
            day: self.clock,
            kind: EntryKind::Vote,
            id,
            origin: Origin::Vote(group.to_vec()),
            text,
            effects,
            sources,
            vote: Some(record),
            stage: None,
        });
    }

    /// The ballots as the log keeps them, and a line naming everyone not in favour.
    pub(crate) fn ballot_records(&self, ballots: &[MemberBallot]) -> (Vec<Ballot>, String) {
        let model = self.model;
        let records: Vec<Ballot> = ballots
            .iter()
            .map(|&MemberBallot { member, choice }| Ballot {
                member: model.actor(member).id.clone(),
                member_index: member,
                vote: choice.vote,
                policy: choice.policy.map(|p| model.policy(p).id.clone()),
                policy_index: choice.policy,
                why: self.why_text(choice),
            })
            .collect();
        let dissent: Vec<String> = records
            .iter()
            .filter(|b| b.vote != Vote::For)
            .map(|b| match (&b.policy, b.why.is_empty()) {
                (Some(p), true) => format!("{} {} ({p})", b.member, b.vote),
                (Some(p), false) => format!("{} {} ({p}: {})", b.member, b.vote, b.why),
                (None, _) => format!("{} {}", b.member, b.vote),
            })
            .collect();
        (records, dissent.join("; "))
    }

    pub(crate) fn why_text(&self, choice: Choice) -> String {
        let model = self.model;
        let policy = choice.policy;
        let mut text = self.rule_text(policy, choice.why);
        let kept = matches!(choice.why, Why::Persisted { .. });
        if let Some(when) = policy.and_then(|p| model.policy(p).when.as_ref())
            && !kept
        {
            let sep = if text.is_empty() { "" } else { "; " };
            text = format!("{text}{sep}while {}", self.condition_text(when));
        }
        if let Some(p) = policy.and_then(|p| model.policy(p).probability)
            && !kept
        {
            let sep = if text.is_empty() { "" } else { "; " };
            text = format!("{text}{sep}applied with probability {p}");
        }
        text
    }

    /// A condition with the values it read: "`trust(partner) < 40` (trust(partner) = 35.2)".
    pub(crate) fn condition_text(&self, condition: &statecraft_model::model::Cond) -> String {
        use statecraft_model::expr::Env;
        let values: Vec<String> = condition
            .reads()
            .map(|(accessor, range)| {
                let label = condition.text().get(range).unwrap_or("?");
                let v = self.state.read(accessor);
                let shown =
                    (self.model.read_text(accessor, v)).unwrap_or_else(|| super::effects::short(v));
                format!("{label} = {shown}")
            })
            .collect();
        if values.is_empty() {
            format!("`{}`", condition.text())
        } else {
            format!("`{}` ({})", condition.text(), values.join(", "))
        }
    }

    fn rule_text(&self, policy: Option<PolicyId>, why: Why) -> String {
        let model = self.model;
        match why {
            Why::Default => format!("no policy applies; default vote {}", model.default_vote()),
            Why::Fixed => String::new(),
            Why::Suspended => String::new(),
            Why::Persisted { since } => {
                let date = statecraft_model::calendar::date_of_day(since);
                let lift = model
                    .policy(policy.expect("a kept vote has its policy"))
                    .lift_when
                    .as_ref()
                    .map(|c| format!(" until {}", self.condition_text(c)))
                    .unwrap_or_default();
                format!("kept since {date}{lift}")
            }
            Why::Condition { held } => {
                let cond = policy.and_then(|p| match &model.policy(p).rule {
                    Rule::Conditional { condition, .. } => Some(self.condition_text(condition)),
                    _ => None,
                });
                format!("{} is {held}", cond.unwrap_or_default())
            }
            Why::Balanced {
                have,
                need,
                counterpart,
            } => {
                let who = &model.actor(counterpart).id;
                if have >= need {
                    format!(
                        "balanced: EUR {} for {who} against EUR {} needed",
                        money(have),
                        money(need)
                    )
                } else {
                    format!(
                        "unbalanced: EUR {} for {who}, EUR {} needed to balance",
                        money(have),
                        money(need)
                    )
                }
            }
        }
    }

    /// The line of a review action's Council decision.
    pub(crate) fn log_council_vote(
        &mut self,
        (index, review): (ReviewId, &Review),
        instrument: InstrumentId,
        what: &str,
        procedure: Procedure,
        decision: &procedure::Decision,
        ballots: &[MemberBallot],
    ) {
        let model = self.model;
        let (records, dissent) = self.ballot_records(ballots);
        let mut text = format!("Council decision to {what} — {}", decision.reason);
        if !dissent.is_empty() {
            text.push_str(&format!("; {dissent}"));
        }
        let id = model.instrument(instrument).id.clone();
        let record = VoteRecord {
            procedure,
            proposals: Vec::new(),
            adopted: decision.adopted,
            reason: decision.reason.to_string(),
            ballots: records,
        };
        self.emit(Entry {
            step: self.state.step,
            day: self.clock,
            kind: EntryKind::Vote,
            origin: Origin::CouncilVote {
                review: index,
                instrument,
            },
            id,
            text,
            effects: Vec::new(),
            sources: model
                .fact_id(review.source)
                .map(|s| vec![s.to_owned()])
                .unwrap_or_default(),
            vote: Some(record),
            stage: None,
        });
    }
}

/// Euros with thousands separators.
pub(crate) fn money(v: f64) -> String {
    let whole = v.round() as i64;
    let digits = whole.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if whole < 0 { format!("-{out}") } else { out }
}
