//! The right of initiative (Art. 17(2) TEU; Art. 293 TFEU): a proposer tables a proposal when
//! its `table_when` holds (from `earliest`), then with `table_chance` per step, and the dry
//! runs that `objectors(p)` and `would_pass(p)` read.
//!
//! A dry run polls the members exactly as a real vote does (the same `poll`/`ballot` code)
//! but with [`Cx::dry`] set: it draws no random number (a policy with `probability = p`
//! applies when p >= 0.5), latches no kept vote, and changes nothing else.

use statecraft_model::id::ProposalId;
use statecraft_model::log::Origin;
use statecraft_model::model::{Body, Proposer, fnv1a};
use statecraft_model::state::{Due, NextAction};
use statecraft_model::vote::Vote;

use super::votes::Subject;
use super::{Cx, Observer};

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

    /// The latest dry run (its ballots in the scratch buffer), in words.
    fn dry_reason(&self, objectors: u16, adopted: bool) -> String {
        let model = self.model;
        let against: Vec<&str> = self
            .scratch
            .ballots
            .iter()
            .filter(|b| b.choice.vote == Vote::Against)
            .map(|b| model.actor(b.member).id.as_str())
            .collect();
        match objectors {
            0 if adopted => "the vote would pass".to_owned(),
            0 => "no member would object, but the vote would fail".to_owned(),
            1 => format!("1 member would object ({})", against.join(", ")),
            n => format!("{n} members would object ({})", against.join(", ")),
        }
    }

    /// A dry run of `p`'s vote under current policies, alone (not with its package): how
    /// many members would vote against, and whether it would be adopted. The ballots stay
    /// in the scratch buffer for the caller to read.
    pub(crate) fn dry_run(&mut self, p: ProposalId) -> (u16, bool) {
        let model = self.model;
        let prop = model.proposal(p);
        let subject = [Subject {
            proposal: Some(p),
            instrument: prop.instrument,
            beneficiary: prop.beneficiary,
            amount: prop.amount_eur,
            // The Council stage only, for now: a proposal with other stages (Parliament,
            // European Council, ratification) is dry-run as the Council would vote it.
            body: Body::Council,
        }];
        let mut ballots = std::mem::take(&mut self.scratch.ballots);
        self.dry = true;
        self.poll(&prop.participants, &subject, &[p], &mut ballots);
        self.dry = false;
        let objectors = ballots
            .iter()
            .filter(|b| b.choice.vote == Vote::Against)
            .count();
        let decision = self.decide(prop.procedure, &prop.participants, &ballots);
        self.scratch.ballots = ballots;
        (
            u16::try_from(objectors).unwrap_or(u16::MAX),
            decision.adopted,
        )
    }

    /// The proposer of `p` (pending, never tabled, with an initiative) considers tabling it
    /// on `day`: when its condition holds (and its chance is drawn), the proposal is put to
    /// the vote that day; otherwise it is considered again on the next step's first day. A
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
            // Past the calendar (a model cut by `--at`), the day after the last step: never
            // reached.
            let len = model.calendar().len() as u32;
            let next = model.calendar().step_start_day((step + 1).min(len));
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
