//! Instruments and the proposals tabled under them: procedure, beneficiary, amount, who takes
//! part in the vote, package, re-tabling, and the effects of adoption and failure.

use super::Ctx;
use crate::expr::Type;
use crate::id::*;
use crate::model::{self, Initiative, Proposer, Retable};
use crate::raw::{ActorKind, ScenarioFile};

impl Ctx<'_> {
    /// Instruments: a name and the procedure their proposals are voted by.
    pub(super) fn instruments_of(&mut self, file: &ScenarioFile) -> Vec<model::Instrument> {
        file.instrument
            .iter()
            .map(|i| model::Instrument {
                id: i.id.get_ref().clone(),
                name: i.name.clone().unwrap_or_else(|| i.id.get_ref().clone()),
                procedure: *i.procedure.get_ref(),
                source: self.cite(&i.source),
            })
            .collect::<Vec<_>>()
    }

    pub(super) fn proposals_of(
        &mut self,
        file: &ScenarioFile,
        instruments: &[model::Instrument],
        members: &[ActorId],
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
            let procedure = p
                .procedure
                .as_ref()
                .map(|x| *x.get_ref())
                .or_else(|| instruments.get(instrument.index()).map(|i| i.procedure));
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
                if let Some(a) = self.actors.get(id.get_ref()) {
                    Some(Proposer::Actor(a))
                } else if let Some(o) = self.offices.get(id.get_ref()) {
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
            let retable = p.retable.as_ref().map(|r| Retable {
                when: r.when.as_ref().and_then(|c| self.condition(c, Type::Bool)),
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
                proposer,
                initiative,
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
        let earliest = p
            .earliest
            .as_ref()
            .and_then(|e| self.step_of(e))
            .map_or(0, |(s, _)| s);
        Some(Initiative {
            earliest,
            when,
            chance,
        })
    }
}
