//! Instruments and the proposals tabled under them: procedure, beneficiary, amount, who takes
//! part in the vote, package, re-tabling, and the effects of adoption and failure.

use super::Ctx;
use crate::expr::Type;
use crate::id::*;
use crate::model::{self, Body, Decider, Initiative, Proposer, Retable, Stage};
use crate::raw::{ActorKind, ProcedureSpec, ScenarioFile, StageSpec};
use crate::vote::Procedure;

impl Ctx<'_> {
    /// A `decided_by` or `deciders` entry: `"council"`, or an actor's id (an unknown one is
    /// reported, with the closest known ids).
    pub(super) fn decider(&mut self, name: &toml::Spanned<String>) -> Option<Decider> {
        if name.get_ref() == "council" {
            return Some(Decider::Council);
        }
        let actor = self.actors.resolve(name, &mut self.diags);
        if actor.is_none()
            && let Some(d) = self.diags.last_mut()
        {
            d.hints
                .push("a decider is `council` or the id of an [[actor]]".into());
        }
        actor.map(Decider::Actor)
    }

    /// Instruments: a name, who decides, the stages, and the procedure the Council votes
    /// them by.
    pub(super) fn instruments_of(
        &mut self,
        file: &ScenarioFile,
        groups: &[model::Group],
    ) -> Vec<model::Instrument> {
        let mut out = Vec::new();
        for i in &file.instrument {
            let decider = i.decided_by.as_ref().map(|d| self.decider(d));
            let decided_by = match decider {
                Some(Some(Decider::Actor(a))) => Some(a),
                _ => None,
            };
            let (procedure, stages) = self.procedure_and_stages(
                i.procedure.as_ref(),
                i.stages.as_ref(),
                None,
                decided_by.is_some(),
                groups,
            );
            let needs_procedure = decided_by.is_none()
                && decider != Some(None)
                && stages.iter().any(|s| s.body == Body::Council);
            if needs_procedure && procedure.is_none() {
                self.error(
                    "an instrument the Council decides needs a `procedure`",
                    i.id.span(),
                )
                .hints
                .push(if i.decided_by.is_some() || i.stages.is_some() {
                    "add `procedure = \"unanimity\"` (or qmv, rqmv, simple)".into()
                } else {
                    "add `procedure = \"unanimity\"` (or qmv, rqmv, simple, olp), or \
                     `decided_by = \"actor-id\"` for an act adopted without a vote"
                        .into()
                });
            }
            out.push(model::Instrument {
                id: i.id.get_ref().clone(),
                name: i.name.clone().unwrap_or_else(|| i.id.get_ref().clone()),
                procedure: procedure.unwrap_or(Procedure::Unanimity),
                decided_by,
                stages,
                formal_adoption: i
                    .formal_adoption
                    .as_ref()
                    .and_then(|f| self.formal_adoption(f, i.id.span())),
                source: self.cite(&i.source),
            });
        }
        out
    }

    /// An item's Council rule (if it gives one) and its stages, from `procedure` (where `olp`
    /// stands for stages `["parliament", "council"]` under qmv) and `stages`, falling back on
    /// `inherited` (the instrument's stages, for a proposal).
    fn procedure_and_stages(
        &mut self,
        procedure: Option<&toml::Spanned<ProcedureSpec>>,
        stages: Option<&toml::Spanned<Vec<toml::Spanned<StageSpec>>>>,
        inherited: Option<&[Stage]>,
        decided_by_actor: bool,
        groups: &[model::Group],
    ) -> (Option<Procedure>, Vec<Stage>) {
        if decided_by_actor {
            if let Some(p) = procedure {
                self.error(
                    "an act decided by an actor has no Council vote: remove `procedure`",
                    p.span(),
                )
                .hints
                .push("or write `decided_by = \"council\"`".into());
            }
            if let Some(s) = stages {
                self.error(
                    "an act decided by an actor has no stages: remove `stages`",
                    s.span(),
                )
                .hints
                .push("or write `decided_by = \"council\"`".into());
            }
            return (None, Vec::new());
        }
        let olp = procedure.is_some_and(|p| *p.get_ref() == ProcedureSpec::Olp);
        let listed = stages.map(|s| self.stages_of(s, groups));
        if olp && let Some(s) = stages {
            self.error(
                "`procedure = \"olp\"` already sets the stages (parliament, then council)",
                s.span(),
            )
            .hints
            .push("write `procedure = \"qmv\"` with your own `stages`".into());
        }
        if olp
            && groups.is_empty()
            && let Some(p) = procedure
        {
            self.error(
                "the ordinary legislative procedure needs Parliament's groups, and the \
                 scenario defines no [[group]]",
                p.span(),
            );
        }
        let stages = match listed {
            Some(list) => list,
            None if olp => vec![
                Stage {
                    body: Body::Parliament,
                    after_days: 0,
                },
                Stage::COUNCIL,
            ],
            None => inherited.map_or_else(|| vec![Stage::COUNCIL], <[Stage]>::to_vec),
        };
        (procedure.map(|p| p.get_ref().council_rule()), stages)
    }

    pub(super) fn proposals_of(
        &mut self,
        file: &ScenarioFile,
        instruments: &[model::Instrument],
        members: &[ActorId],
        groups: &[model::Group],
    ) -> Vec<model::Proposal> {
        let mut ratifying = 0u32;
        let last_step = self
            .calendar
            .as_ref()
            .map_or(0, |c| c.len().saturating_sub(1) as u32);
        let mut out = Vec::new();
        for p in &file.proposal {
            let instrument = self
                .instruments
                .resolve(&p.instrument, &mut self.diags)
                // Beside its diagnostic: the model is refused anyway.
                .unwrap_or(InstrumentId::from_index(0));
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
            let own = instruments.get(instrument.index());
            let decided_by = match &p.decided_by {
                Some(d) => match self.decider(d) {
                    Some(Decider::Actor(a)) => Some(a),
                    Some(Decider::Council) => None,
                    None => own.and_then(|i| i.decided_by),
                },
                None => own.and_then(|i| i.decided_by),
            };
            // The instrument's procedure and stages count only if the Council decides its
            // acts; a proposal's own `procedure` or `stages` replace them.
            let council_own = own.filter(|i| i.decided_by.is_none());
            let (own_procedure, stages) = self.procedure_and_stages(
                p.procedure.as_ref(),
                p.stages.as_ref(),
                council_own.map(|i| i.stages.as_slice()),
                decided_by.is_some(),
                groups,
            );
            let procedure = own_procedure.or_else(|| {
                // An instrument without a procedure is reported at the instrument.
                council_own
                    .filter(|i| i.stages.iter().any(|s| s.body == Body::Council))
                    .map(|i| i.procedure)
            });
            if decided_by.is_some() {
                self.no_vote_keys(p);
            } else if procedure.is_none()
                && stages.iter().any(|s| s.body == Body::Council)
                && (p.decided_by.is_some() || p.stages.is_some())
            {
                self.error(
                    "the Council decides this proposal, but neither it nor its instrument \
                     gives a `procedure`",
                    p.decided_by
                        .as_ref()
                        .map_or_else(|| p.id.span(), |d| d.span()),
                )
                .hints
                .push("add `procedure = \"unanimity\"` (or qmv, rqmv, simple)".into());
            }
            if stages.len() > 1
                && let Some(pk) = &p.package
            {
                self.error(
                    "a proposal with more than one stage cannot be voted in a package",
                    pk.span(),
                );
            }
            let ratification = stages
                .iter()
                .any(|s| s.body == Body::Ratification)
                .then(|| {
                    ratifying += 1;
                    ratifying - 1
                });
            let tabled_at = p.tabled.as_ref().and_then(|t| self.step_of(t));
            let mut participants: Vec<ActorId> = match &p.participants {
                Some(list) => {
                    let list = self.actor_list(list.get_ref());
                    for (a, span) in list.iter().zip(
                        p.participants
                            .as_ref()
                            .map(|l| l.get_ref().as_slice())
                            .unwrap_or(&[]),
                    ) {
                        if self.actor_kinds.get(a.index()) != Some(&ActorKind::MemberState) {
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
                    None => self
                        .packages
                        .add(name, &mut self.diags)
                        .unwrap_or(PackageId::from_index(0)),
                });
            let proposer = p.proposer.as_ref().and_then(|id| {
                if let Some(a) = self.actors.find(id) {
                    Some(Proposer::Actor(a))
                } else if let Some(o) = self.offices.find(id) {
                    Some(Proposer::Office(o))
                } else {
                    let mut d = self.actors.unknown(id.get_ref(), Some(id.span()));
                    d.message = format!(
                        "unknown proposer `{}`: not an actor or an office",
                        id.get_ref()
                    );
                    self.diags.push(d);
                    None
                }
            });
            let initiative = self.initiative(p);
            let last_day = self
                .calendar
                .as_ref()
                .map_or(0, |c| crate::calendar::day_number(c.end));
            if let Some(r) = &p.retable
                && let (Some(every), Some(_)) = (&r.every_months, &r.at)
            {
                self.error(
                    "a re-tabling is `every_months` or `at` a calendar, not both",
                    every.span(),
                )
                .hints
                .push("drop `every_months` to re-vote at the calendar's next date".into());
            }
            let until_at = p
                .retable
                .as_ref()
                .and_then(|r| r.until.as_ref())
                .and_then(|u| self.step_of(u));
            let retable = p.retable.as_ref().map(|r| Retable {
                at: r
                    .at
                    .as_ref()
                    .and_then(|a| self.calendars.resolve(a, &mut self.diags)),
                until_day: until_at.map_or(last_day, |(_, d)| d),
                when: r.when.as_ref().and_then(|c| self.condition(c, Type::Bool)),
                every_steps: r
                    .every_months
                    .as_ref()
                    .and_then(|m| self.months(m, "every_months"))
                    .unwrap_or(1),
                until_step: until_at.map_or(last_step, |(s, _)| s),
                until_is_horizon: until_at.is_none_or(|(_, d)| d >= last_day),
                max_attempts: r
                    .max_attempts
                    .as_ref()
                    .and_then(|m| self.count(m, "max_attempts", 1)),
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
            let formal_adoption = match &p.formal_adoption {
                Some(f) => self.formal_adoption(f, p.id.span()),
                None => instruments
                    .get(instrument.index())
                    .and_then(|i| i.formal_adoption),
            };
            let on_adopt = self.effects(&p.on_adopt, p.id.span());
            let on_fail = self.effects(&p.on_fail, p.id.span());
            let source = self.cite(&p.source);
            out.push(model::Proposal {
                id: p.id.get_ref().clone(),
                title: p.title.clone().unwrap_or_else(|| p.id.get_ref().clone()),
                instrument,
                beneficiary,
                amount_eur: amount,
                procedure: procedure.unwrap_or(Procedure::Unanimity),
                decided_by,
                stages,
                ratification,
                tabled: tabled_at.map(|(s, _)| s),
                tabled_day: tabled_at.map(|(_, d)| d),
                participants,
                package,
                retable,
                proposer,
                initiative,
                formal_adoption,
                on_adopt,
                on_fail,
                source,
            });
        }
        out
    }

    /// The proposer's initiative: `table_when`, `table_chance` and `earliest`; none of them
    /// goes with a fixed `tabled` date.
    fn initiative(&mut self, p: &crate::raw::Proposal) -> Option<Initiative> {
        let keys = [
            ("table_when", p.table_when.as_ref().map(|x| x.span())),
            ("table_chance", p.table_chance.as_ref().map(|x| x.span())),
            ("earliest", p.earliest.as_ref().map(|x| x.span())),
            ("table_at", p.table_at.as_ref().map(|x| x.span())),
        ];
        if keys.iter().all(|(_, span)| span.is_none()) {
            return None;
        }
        if p.tabled.is_some() {
            for (key, span) in keys {
                if let Some(span) = span {
                    self.error(
                        format!(
                            "`{key}` cannot go with `tabled`: the proposal is tabled on its date"
                        ),
                        span,
                    )
                    .hints
                    .push("remove `tabled` to let the proposer decide when to table it".into());
                }
            }
            return None;
        }
        let when = p
            .table_when
            .as_ref()
            .and_then(|c| self.condition(c, Type::Bool));
        let chance = p
            .table_chance
            .as_ref()
            .and_then(|c| self.unit_interval(c, "table_chance"));
        let first_day = self
            .calendar
            .as_ref()
            .map_or(0, |c| crate::calendar::day_number(c.start));
        let (earliest, earliest_day) = p
            .earliest
            .as_ref()
            .and_then(|e| self.step_of(e))
            .unwrap_or((0, first_day));
        let at = p
            .table_at
            .as_ref()
            .and_then(|a| self.calendars.resolve(a, &mut self.diags));
        Some(Initiative {
            earliest,
            earliest_day,
            at,
            when,
            chance,
        })
    }
}

impl Ctx<'_> {
    /// Keys that describe a vote are errors on a proposal an actor adopts without one.
    fn no_vote_keys(&mut self, p: &crate::raw::Proposal) {
        let keys = [
            ("participants", p.participants.as_ref().map(|v| v.span())),
            (
                "not_participating",
                p.not_participating.first().map(|v| v.span()),
            ),
            ("retable", p.retable.as_ref().map(|_| p.id.span())),
            ("package", p.package.as_ref().map(|v| v.span())),
        ];
        for (key, span) in keys {
            if let Some(span) = span {
                self.error(
                    format!(
                        "`{key}` describes a Council vote, but an actor adopts this proposal \
                         on its own (`decided_by`)"
                    ),
                    span,
                )
                .hints
                .push("remove the key, or write `decided_by = \"council\"`".into());
            }
        }
    }
}
