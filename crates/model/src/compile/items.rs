//! The items that act: proposals, policies, events, reviews, triggers, and expectations.

use super::Ctx;
use crate::expr::Type;
use crate::model::{self, Retable, Rule, Schedule, Selector};
use crate::raw::{ActorKind, RuleKind, ScenarioFile};
use crate::vote::Vote;
use std::ops::Range;

impl Ctx<'_> {
    pub(super) fn proposals_of(
        &mut self,
        file: &ScenarioFile,
        instruments: &[model::Instrument],
        members: &[u32],
    ) -> Vec<model::Proposal> {
        let last_step = self
            .calendar
            .as_ref()
            .map_or(0, |c| c.len().saturating_sub(1) as u32);
        let mut out = Vec::new();
        for p in &file.proposal {
            let instrument = self
                .instruments
                .resolve(&p.instrument, &mut self.diags)
                .unwrap_or(0);
            let beneficiary = p
                .beneficiary
                .as_ref()
                .and_then(|b| self.actors.resolve(b, &mut self.diags));
            let amount = match &p.amount_eur {
                Some(a) if *a.get_ref() < 0 => {
                    self.error("`amount_eur` cannot be negative", a.span());
                    0.0
                }
                Some(a) if *a.get_ref() > super::MAX_AMOUNT_EUR => {
                    self.error(
                        format!(
                            "`amount_eur` {} is larger than the limit of {} (900 billion)",
                            a.get_ref(),
                            super::MAX_AMOUNT_EUR
                        ),
                        a.span(),
                    )
                    .hints
                    .push("balanced-aid sums of amounts are exact only up to 2^53 euros".into());
                    0.0
                }
                Some(a) => *a.get_ref() as f64,
                None => 0.0,
            };
            let procedure = p
                .procedure
                .as_ref()
                .map(|x| *x.get_ref())
                .or_else(|| instruments.get(instrument as usize).map(|i| i.procedure));
            let tabled_at = p.tabled.as_ref().and_then(|t| self.step_of(t));
            let mut participants: Vec<u32> = match &p.participants {
                Some(list) => {
                    let list = self.actor_list(list.get_ref());
                    for (a, span) in list.iter().zip(
                        p.participants
                            .as_ref()
                            .map(|l| l.get_ref().as_slice())
                            .unwrap_or(&[]),
                    ) {
                        if self.actor_kinds.get(*a as usize) != Some(&ActorKind::MemberState) {
                            self.error(
                                format!(
                                    "`{}` is not a member state: only member states vote",
                                    span.get_ref()
                                ),
                                span.span(),
                            );
                        }
                    }
                    list
                }
                None => members.to_vec(),
            };
            for np in &p.not_participating {
                if let Some(a) = self.actors.resolve(np, &mut self.diags) {
                    if !participants.contains(&a) {
                        self.error(
                            format!("`{}` does not take part anyway", np.get_ref()),
                            np.span(),
                        );
                    }
                    participants.retain(|x| *x != a);
                }
            }
            participants.sort_unstable();
            if participants.is_empty() {
                self.error("no member state takes part in this vote", p.id.span())
                    .hints
                    .push("declare member states with [[actor]] kind = \"member_state\"".into());
            }
            let package = p
                .package
                .as_ref()
                .map(|name| match self.packages.get(name.get_ref()) {
                    Some(i) => i,
                    None => self.packages.add(name, &mut self.diags).unwrap_or(0),
                });
            let retable = p.retable.as_ref().map(|r| Retable {
                every_steps: r
                    .every_months
                    .as_ref()
                    .and_then(|m| self.months(m, "every_months"))
                    .unwrap_or(1),
                until_step: r
                    .until
                    .as_ref()
                    .and_then(|u| self.step_of(u))
                    .map_or(last_step, |(s, _)| s),
                max_attempts: r
                    .max_attempts
                    .as_ref()
                    .and_then(|m| self.count(m, "max_attempts", 1))
                    .unwrap_or(u32::MAX),
            });
            if let (Some(r), Some(t)) = (&retable, tabled_at)
                && r.until_step < t.0
                && let Some(until) = p.retable.as_ref().and_then(|r| r.until.as_ref())
            {
                self.error(
                    "the re-tabling `until` is before the proposal is tabled",
                    until.span(),
                );
            }
            let on_adopt = self.effects(&p.on_adopt, p.id.span());
            let on_fail = self.effects(&p.on_fail, p.id.span());
            let source = self.cite(&p.source);
            out.push(model::Proposal {
                id: p.id.get_ref().clone(),
                title: p.title.clone().unwrap_or_else(|| p.id.get_ref().clone()),
                instrument,
                beneficiary,
                amount_eur: amount,
                procedure: procedure.unwrap_or(crate::vote::Procedure::Unanimity),
                tabled: tabled_at.map(|(s, _)| s),
                tabled_day: tabled_at.map(|(_, d)| d),
                participants,
                package,
                retable,
                on_adopt,
                on_fail,
                source,
            });
        }
        out
    }

    pub(super) fn policies_of(
        &mut self,
        file: &ScenarioFile,
        proposals: &[model::Proposal],
    ) -> Vec<model::Policy> {
        let _ = proposals;
        let mut out = Vec::new();
        for p in &file.policy {
            let member = self.actors.resolve(&p.member, &mut self.diags).unwrap_or(0);
            if self
                .actor_kinds
                .get(member as usize)
                .is_some_and(|k| *k != ActorKind::MemberState)
            {
                self.error(
                    format!(
                        "`{}` is not a member state: only member states have voting policies",
                        p.member.get_ref()
                    ),
                    p.member.span(),
                );
            }
            let selector = Selector {
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
            let specific: [(&str, Option<std::ops::Range<usize>>, bool); 7] = [
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
                RuleKind::BalancedAid => {
                    let counterpart = match &p.counterpart {
                        Some(c) => {
                            let a = self.actors.resolve(c, &mut self.diags).unwrap_or(0);
                            if self
                                .actor_kinds
                                .get(a as usize)
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
                            0
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
            let source = self.cite(&p.source);
            out.push(model::Policy {
                id: p.id.get_ref().clone(),
                member,
                selector,
                rule,
                when,
                probability,
                active: p.active,
                source,
            });
        }
        out
    }

    pub(super) fn events_of(&mut self, file: &ScenarioFile) -> Vec<model::Event> {
        let last_step = self
            .calendar
            .as_ref()
            .map_or(0, |c| c.len().saturating_sub(1) as u32);
        let mut out = Vec::new();
        for e in &file.event {
            let schedule = match (&e.at, &e.chance) {
                (Some(at), None) => {
                    for (key, span) in [
                        ("from", e.from.as_ref().map(|v| v.span())),
                        ("until", e.until.as_ref().map(|v| v.span())),
                    ] {
                        if let Some(span) = span {
                            self.error(format!("`{key}` applies to random events (with `chance`), not to a scheduled one"), span);
                        }
                    }
                    let Some((step, day)) = self.step_of(at) else {
                        continue;
                    };
                    Schedule::At { step, day }
                }
                (None, Some(chance)) => {
                    let Some(chance) = self.unit_interval(chance, "chance") else {
                        continue;
                    };
                    let from = e
                        .from
                        .as_ref()
                        .and_then(|d| self.step_of(d))
                        .map_or(0, |(s, _)| s);
                    let until = e
                        .until
                        .as_ref()
                        .and_then(|d| self.step_of(d))
                        .map_or(last_step, |(s, _)| s);
                    if until < from {
                        self.error(
                            "`until` is before `from`",
                            e.until.as_ref().map(|u| u.span()).unwrap_or(e.id.span()),
                        );
                    }
                    Schedule::Random {
                        chance,
                        from,
                        until,
                        once: e.once.unwrap_or(true),
                    }
                }
                (Some(at), Some(chance)) => {
                    self.both_at_and_chance(at.span(), chance.span());
                    continue;
                }
                (None, None) => {
                    self.error(
                        "an event needs `at = DATE` (scheduled) or `chance = P` (random, per step)",
                        e.id.span(),
                    );
                    continue;
                }
            };
            let when = e.when.as_ref().and_then(|w| self.condition(w, Type::Bool));
            let effects = self.effects(&e.effects, e.id.span());
            let source = self.cite(&e.source);
            out.push(model::Event {
                id: e.id.get_ref().clone(),
                text: e.text.clone().unwrap_or_else(|| e.id.get_ref().clone()),
                schedule,
                when,
                effects,
                source,
            });
        }
        out
    }

    pub(super) fn reviews_of(&mut self, file: &ScenarioFile) -> Vec<model::Review> {
        let mut out = Vec::new();
        for r in &file.review {
            let subject = self
                .actors
                .resolve(&r.subject, &mut self.diags)
                .unwrap_or(0);
            let requires = self.condition(&r.requires, Type::Bool);
            let first = r
                .first
                .as_ref()
                .and_then(|d| self.step_of(d))
                .map(|(s, _)| s);
            let every = r
                .every_months
                .as_ref()
                .and_then(|m| self.months(m, "every_months"));
            if every.is_some() && first.is_none() && r.first.is_none() {
                self.error(
                    "a periodic review needs `first` (the date of the first review)",
                    r.id.span(),
                );
            }
            let threshold = r
                .failures_before_action
                .as_ref()
                .and_then(|f| self.count(f, "failures_before_action", 1))
                .unwrap_or(1);
            if let Some(extra) = r.action.get(super::MAX_REVIEW_ACTIONS) {
                // The run state keeps which actions a review has taken as bits of one `u64`.
                self.error(
                    format!(
                        "review `{}` has {} actions; the limit is {}",
                        r.id.get_ref(),
                        r.action.len(),
                        super::MAX_REVIEW_ACTIONS
                    ),
                    extra.kind.span(),
                )
                .hints
                .push("split the review into several reviews of the same subject".into());
            }
            let mut actions = Vec::new();
            for a in r.action.iter().take(super::MAX_REVIEW_ACTIONS) {
                let status = match &a.status {
                    Some(s) => {
                        let subject_id = self
                            .actors
                            .ids
                            .get(subject as usize)
                            .cloned()
                            .unwrap_or_default();
                        match self.status_slot(&format!("{subject_id}.{}", s.get_ref())) {
                            Ok((slot, status)) => {
                                let states = self.status_defs[status as usize].states.clone();
                                let state = |this: &mut Self,
                                             v: &Option<toml::Spanned<String>>,
                                             key: &str|
                                 -> Option<u16> {
                                    let v = v.as_ref()?;
                                    match states.iter().position(|x| x == v.get_ref()) {
                                        Some(i) => Some(i as u16),
                                        None => {
                                            let d = crate::diag::Diagnostic::error(
                                                format!(
                                                    "unknown state `{}` for `{key}`",
                                                    v.get_ref()
                                                ),
                                                Some(v.span()),
                                            )
                                            .suggest(v.get_ref(), states.iter().map(String::as_str))
                                            .with_hint(format!("states: {}", states.join(", ")));
                                            this.diags.push(d);
                                            None
                                        }
                                    }
                                };
                                let to = state(self, &a.to, "to");
                                let restore = state(self, &a.restore_to, "restore_to");
                                if a.to.is_none() {
                                    self.error(
                                        "an action that moves a status needs `to`",
                                        s.span(),
                                    );
                                }
                                to.map(|to| (slot, to, restore))
                            }
                            Err(mut d) => {
                                d.span = Some(s.span());
                                self.diags.push(d);
                                None
                            }
                        }
                    }
                    None => {
                        for (key, v) in [("to", &a.to), ("restore_to", &a.restore_to)] {
                            if let Some(v) = v {
                                self.error(
                                    format!(
                                        "`{key}` needs `status` (the subject's status to move)"
                                    ),
                                    v.span(),
                                );
                            }
                        }
                        None
                    }
                };
                let instrument = a
                    .instrument
                    .as_ref()
                    .and_then(|i| self.instruments.resolve(i, &mut self.diags));
                let after_failures = a
                    .after_failures
                    .as_ref()
                    .and_then(|f| self.count(f, "after_failures", 1))
                    .unwrap_or(threshold);
                let effects = self.effects(&a.effects, a.kind.span());
                actions.push(model::ReviewAction {
                    kind: *a.kind.get_ref(),
                    after_failures,
                    status,
                    instrument,
                    effects,
                });
            }
            actions.sort_by_key(|a| a.after_failures);
            let source = self.cite(&r.source);
            let Some(requires) = requires else { continue };
            out.push(model::Review {
                id: r.id.get_ref().clone(),
                title: r.title.clone().unwrap_or_else(|| r.id.get_ref().clone()),
                subject,
                requires,
                first,
                every_steps: every,
                actions,
                source,
            });
        }
        out
    }

    pub(super) fn triggers_of(&mut self, file: &ScenarioFile) -> Vec<model::Trigger> {
        let mut out = Vec::new();
        for t in &file.trigger {
            let when = self.condition(&t.when, Type::Bool);
            let once = t.once.unwrap_or(true);
            let cooldown = match &t.cooldown_months {
                Some(c) if once => {
                    self.error(
                        "`cooldown_months` applies to repeatable triggers: add `once = false`",
                        c.span(),
                    );
                    0
                }
                Some(c) => self.months(c, "cooldown_months").unwrap_or(1),
                None => 1,
            };
            let effects = self.effects(&t.effects, t.id.span());
            let source = self.cite(&t.source);
            let Some(when) = when else { continue };
            out.push(model::Trigger {
                id: t.id.get_ref().clone(),
                text: t.text.clone().unwrap_or_else(|| t.id.get_ref().clone()),
                when,
                once,
                cooldown_steps: cooldown,
                effects,
                source,
            });
        }
        out
    }

    pub(super) fn expects_of(&mut self, file: &ScenarioFile) -> Vec<model::Expect> {
        let mut out = Vec::new();
        for (i, x) in file.expect.iter().enumerate() {
            let at = self.step_of(&x.at);
            let that = self.condition(&x.that, Type::Bool);
            let (mut at_least, mut at_most) = (None, None);
            if let Some(p) = &x.probability {
                at_least = p
                    .at_least
                    .as_ref()
                    .and_then(|v| self.unit_interval(v, "at_least"));
                at_most = p
                    .at_most
                    .as_ref()
                    .and_then(|v| self.unit_interval(v, "at_most"));
                if let (Some(lo), Some(hi)) = (at_least, at_most)
                    && lo > hi
                {
                    self.error(
                        format!("`at_least` ({lo}) is above `at_most` ({hi})"),
                        x.that.span(),
                    );
                }
            }
            self.cite(&x.source);
            let (Some((step, day)), Some(that)) = (at, that) else {
                continue;
            };
            let label =
                x.id.as_ref()
                    .map_or_else(|| format!("expect #{}", i + 1), |id| id.get_ref().clone());
            out.push(model::Expect {
                label,
                step,
                day,
                that,
                at_least,
                at_most,
                position: self.sources.position(&x.that.span()),
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
        RuleKind::BalancedAid => "balanced_aid",
        RuleKind::Conditional => "conditional",
    }
}

impl Ctx<'_> {
    /// `at` and `chance` on one event. When one of them is inherited from a base file (a
    /// variant overriding a base event), the error points at the variant's key and says where
    /// the other comes from and how to drop it.
    fn both_at_and_chance(&mut self, at: Range<usize>, chance: Range<usize>) {
        let file_of = |span: &Range<usize>| self.sources.file_at(span.start).map(|f| f.base);
        let message = "an event is scheduled (`at`) or random (`chance`), not both";
        if file_of(&at) == file_of(&chance) {
            self.error(message, at);
            return;
        }
        // Files are added variant first, so the lower offset is the variant's key.
        let ((here, _), (there, there_key)) = if at.start < chance.start {
            ((at, "at"), (chance, "chance"))
        } else {
            ((chance, "chance"), (at, "at"))
        };
        let position = self.sources.position(&there);
        self.error(message, here)
            .hints
            .push(format!(
                "`{there_key}` comes from the base scenario, at {position}; to drop it, add `unset = [\"{there_key}\"]` to this override item"
            ));
    }
}
