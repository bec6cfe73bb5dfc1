//! Events (scheduled on a date or random with a chance per step) and triggers (effects that
//! fire when a condition becomes true).

use std::ops::Range;

use super::Ctx;
use crate::expr::Type;
use crate::model::{self, Schedule};
use crate::raw::ScenarioFile;

impl Ctx<'_> {
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
