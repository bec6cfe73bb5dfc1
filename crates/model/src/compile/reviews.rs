//! Reviews: what a subject must keep satisfying, when it is reviewed, and the actions taken
//! after repeated failures (moving one of its statuses, suspending an instrument, effects).

use super::Ctx;
use crate::expr::Type;
use crate::id::ActorId;
use crate::model::{self, StatusMove};
use crate::raw::ScenarioFile;

impl Ctx<'_> {
    pub(super) fn reviews_of(
        &mut self,
        file: &ScenarioFile,
        instruments: &[model::Instrument],
    ) -> Vec<model::Review> {
        let mut out = Vec::new();
        for r in &file.review {
            let subject = self
                .actors
                .resolve(&r.subject, &mut self.diags)
                .unwrap_or(ActorId::from_index(0));
            let requires = self.condition(&r.requires, Type::Bool);
            let first_at = r.first.as_ref().and_then(|d| self.step_of(d));
            let first = first_at.map(|(s, _)| s);
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
                            .get(subject.index())
                            .cloned()
                            .unwrap_or_default();
                        match self.status_slot(&format!("{subject_id}.{}", s.get_ref())) {
                            Ok((slot, status)) => {
                                self.statuses.find(s);
                                let states = self.status_defs[status.index()].states.clone();
                                let status_id = self.status_defs[status.index()].id.clone();
                                let state = |this: &mut Self,
                                             v: &Option<toml::Spanned<String>>,
                                             key: &str|
                                 -> Option<u16> {
                                    let v = v.as_ref()?;
                                    match states.iter().position(|x| x == v.get_ref()) {
                                        Some(i) => {
                                            this.record_state(
                                                &status_id,
                                                v.get_ref(),
                                                v.span(),
                                                false,
                                            );
                                            Some(i as u16)
                                        }
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
                                to.map(|to| StatusMove {
                                    slot,
                                    to,
                                    restore_to: restore,
                                })
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
                let instrument = a.instrument.as_ref().and_then(|i| {
                    let id = self.instruments.resolve(i, &mut self.diags)?;
                    if instruments
                        .get(id.index())
                        .is_some_and(|x| x.decided_by.is_some())
                    {
                        self.error(
                            format!(
                                "a review's action needs a Council decision, but an actor \
                                 decides `{}` on its own (`decided_by`)",
                                i.get_ref()
                            ),
                            i.span(),
                        );
                    }
                    Some(id)
                });
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
                first_day: first_at.map(|(_, d)| d),
                every_steps: every,
                actions,
                source,
            });
        }
        out
    }
}
