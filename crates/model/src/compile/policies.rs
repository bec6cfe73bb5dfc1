//! Member states' voting policies: which proposals each one covers (its selector), and the
//! rule that decides the vote (fixed, balanced aid, conditional), with `when` and `probability`.

use super::Ctx;
use crate::expr::Type;
use crate::id::{ActorId, GroupId};
use crate::model::{self, Body, Holder, Rule, Selector};
use crate::raw::{ActorKind, RuleKind, ScenarioFile};
use crate::vote::Vote;

impl Ctx<'_> {
    pub(super) fn policies_of(
        &mut self,
        file: &ScenarioFile,
        proposals: &[model::Proposal],
    ) -> Vec<model::Policy> {
        let _ = proposals;
        let mut out = Vec::new();
        for p in &file.policy {
            let holder = match (&p.member, &p.group) {
                (Some(m), None) => {
                    let member = self
                        .actors
                        .resolve(m, &mut self.diags)
                        .unwrap_or(ActorId::from_index(0));
                    if self
                        .actor_kinds
                        .get(member.index())
                        .is_some_and(|k| *k != ActorKind::MemberState)
                    {
                        self.error(
                            format!(
                                "`{}` is not a member state: only member states have voting policies",
                                m.get_ref()
                            ),
                            m.span(),
                        );
                    }
                    Holder::Member(member)
                }
                (None, Some(g)) => Holder::Group(
                    self.groups
                        .resolve(g, &mut self.diags)
                        .unwrap_or(GroupId::from_index(0)),
                ),
                (Some(_), Some(g)) => {
                    self.error(
                        "a policy is a member's or a group's: write `member` or `group`, not both",
                        g.span(),
                    );
                    Holder::Group(GroupId::from_index(0))
                }
                (None, None) => {
                    self.error(
                        "a policy needs `member` (a member state) or `group` (a Parliament group)",
                        p.id.span(),
                    );
                    Holder::Member(ActorId::from_index(0))
                }
            };
            let is_group = matches!(holder, Holder::Group(_));
            let stages: Vec<Body> = p.on.stages.iter().map(|s| *s.get_ref()).collect();
            for s in &p.on.stages {
                let parliament = matches!(s.get_ref(), Body::Parliament | Body::ParliamentMembers);
                if parliament != is_group {
                    self.error(
                        format!(
                            "a {}'s policy never decides a `{}` vote: {}",
                            if is_group { "group" } else { "member" },
                            s.get_ref().as_str(),
                            if is_group {
                                "groups vote only in Parliament"
                            } else {
                                "member states do not vote in Parliament"
                            }
                        ),
                        s.span(),
                    );
                }
            }
            if is_group && *p.rule.get_ref() == RuleKind::BalancedAid {
                self.error(
                    "a group's policy cannot be `balanced_aid`: groups take a line, not a \
                     balance demand",
                    p.rule.span(),
                );
            }
            let selector = Selector {
                stages,
                instruments: p
                    .on
                    .instruments
                    .iter()
                    .filter_map(|i| self.instruments.resolve(i, &mut self.diags))
                    .collect(),
                beneficiaries: self.actor_list(&p.on.beneficiaries),
                proposals: p
                    .on
                    .proposals
                    .iter()
                    .filter_map(|i| self.proposals.resolve(i, &mut self.diags))
                    .collect(),
            };
            let kind = *p.rule.get_ref();
            // Keys that only one rule reads are errors on the others: a `ratio` on an
            // `oppose` policy means the author expected something that will not happen.
            let specific: [(&str, Option<std::ops::Range<usize>>, bool); 8] = [
                (
                    "counterpart",
                    p.counterpart.as_ref().map(|v| v.span()),
                    kind == RuleKind::BalancedAid,
                ),
                (
                    "ratio",
                    p.ratio.as_ref().map(|v| v.span()),
                    kind == RuleKind::BalancedAid,
                ),
                (
                    "window_months",
                    p.window_months.as_ref().map(|v| v.span()),
                    kind == RuleKind::BalancedAid,
                ),
                (
                    "accepts",
                    p.accepts.first().map(|v| v.span()),
                    kind == RuleKind::BalancedAid,
                ),
                (
                    "deciders",
                    p.deciders.first().map(|v| v.span()),
                    kind == RuleKind::BalancedAid,
                ),
                (
                    "condition",
                    p.condition.as_ref().map(|v| v.span()),
                    kind == RuleKind::Conditional,
                ),
                (
                    "then",
                    p.then.as_ref().map(|v| v.span()),
                    kind == RuleKind::Conditional,
                ),
                (
                    "else",
                    p.else_.as_ref().map(|v| v.span()),
                    matches!(kind, RuleKind::Conditional | RuleKind::BalancedAid),
                ),
            ];
            for (key, span, applies) in specific {
                if let (Some(span), false) = (span, applies) {
                    self.error(
                        format!("`{key}` does not apply to a `{}` policy", rule_name(kind)),
                        span,
                    );
                }
            }
            let rule = match kind {
                RuleKind::Support => Rule::Fixed(Vote::For),
                RuleKind::Oppose => Rule::Fixed(Vote::Against),
                RuleKind::Abstain => Rule::Fixed(Vote::Abstain),
                RuleKind::ConstructiveAbstain => Rule::Fixed(Vote::ConstructiveAbstain),
                RuleKind::Absent => Rule::Fixed(Vote::Absent),
                RuleKind::NotParticipating => Rule::Fixed(Vote::NotParticipating),
                RuleKind::BalancedAid => {
                    let counterpart = match &p.counterpart {
                        Some(c) => {
                            let a = self
                                .actors
                                .resolve(c, &mut self.diags)
                                .unwrap_or(ActorId::from_index(0));
                            if self
                                .actor_kinds
                                .get(a.index())
                                .is_some_and(|k| *k != ActorKind::Partner)
                            {
                                self.error(format!("the counterpart `{}` is not a partner", c.get_ref()), c.span())
                                    .hints
                                    .push("balanced aid weighs aid to two partners (actors of kind \"partner\")".into());
                            }
                            a
                        }
                        None => {
                            self.error(
                                "a `balanced_aid` policy needs `counterpart`",
                                p.rule.span(),
                            );
                            ActorId::from_index(0)
                        }
                    };
                    let ratio = match &p.ratio {
                        Some(r) => match self.finite(r) {
                            Some(v) if v > super::MAX_RATIO => {
                                self.error(
                                    format!(
                                        "`ratio` {} is larger than the limit of {}",
                                        super::values::shown(v),
                                        super::MAX_RATIO
                                    ),
                                    r.span(),
                                );
                                1.0
                            }
                            Some(v) if v > 0.0 => v,
                            Some(v) => {
                                self.error(
                                    format!("`ratio` must be positive, found {v}"),
                                    r.span(),
                                );
                                1.0
                            }
                            None => 1.0,
                        },
                        None => 1.0,
                    };
                    Rule::BalancedAid {
                        counterpart,
                        ratio,
                        window_steps: p
                            .window_months
                            .as_ref()
                            .and_then(|w| self.months(w, "window_months"))
                            .unwrap_or_else(|| {
                                self.calendar
                                    .as_ref()
                                    .map_or(12, |c| c.steps_for_months(12))
                            }),
                        accepts: p
                            .accepts
                            .iter()
                            .filter_map(|i| self.instruments.resolve(i, &mut self.diags))
                            .collect(),
                        deciders: p.deciders.iter().filter_map(|d| self.decider(d)).collect(),
                        otherwise: p.else_.as_ref().map_or(Vote::Against, |v| *v.get_ref()),
                    }
                }
                RuleKind::Conditional => {
                    let condition = match &p.condition {
                        Some(c) => self.condition(c, Type::Bool),
                        None => {
                            self.error("a `conditional` policy needs `condition`", p.rule.span());
                            None
                        }
                    };
                    let Some(then) = &p.then else {
                        self.error("a `conditional` policy needs `then` (the vote while the condition holds)", p.rule.span());
                        continue;
                    };
                    match condition {
                        Some(condition) => Rule::Conditional {
                            condition,
                            then: *then.get_ref(),
                            otherwise: p.else_.as_ref().map_or(Vote::For, |v| *v.get_ref()),
                        },
                        None => continue,
                    }
                }
            };
            let when = p.when.as_ref().and_then(|w| self.condition(w, Type::Bool));
            let probability = p
                .probability
                .as_ref()
                .and_then(|x| self.unit_interval(x, "probability"));
            if let Some(l) = &p.lift_when
                && !p.persist
            {
                self.error(
                    "`lift_when` applies only to a policy with `persist = true`",
                    l.span(),
                )
                .hints
                .push("add `persist = true`, or write the condition in `when`".into());
            }
            let lift_when = p
                .lift_when
                .as_ref()
                .and_then(|c| self.condition(c, Type::Bool));
            let concession = p
                .concession
                .as_ref()
                .and_then(|c| self.condition(c, Type::Bool));
            let source = self.cite(&p.source);
            out.push(model::Policy {
                id: p.id.get_ref().clone(),
                holder,
                selector,
                rule,
                when,
                probability,
                active: p.active,
                persist: p.persist,
                lift_when,
                concession,
                source,
            });
        }
        out
    }
}

fn rule_name(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Support => "support",
        RuleKind::Oppose => "oppose",
        RuleKind::Abstain => "abstain",
        RuleKind::ConstructiveAbstain => "constructive_abstain",
        RuleKind::Absent => "absent",
        RuleKind::NotParticipating => "not_participating",
        RuleKind::BalancedAid => "balanced_aid",
        RuleKind::Conditional => "conditional",
    }
}
