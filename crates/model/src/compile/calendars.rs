//! `[[calendar]]` items: a body's meeting dates (the Foreign Affairs Council's, say), which
//! re-votes (`retable.at`) and formal adoptions (`formal_adoption.at`) follow; and the
//! `formal_adoption` key of instruments and proposals, which may name one.

use crate::model;
use crate::raw::{self, ScenarioFile};

use super::Ctx;

impl Ctx<'_> {
    pub(super) fn calendars_of(&mut self, file: &ScenarioFile) -> Vec<model::MeetingCalendar> {
        let mut out = Vec::new();
        for c in &file.calendar {
            let mut days: Vec<i32> = Vec::new();
            if c.dates.get_ref().is_empty() {
                self.error("a calendar needs at least one date", c.dates.span());
            }
            for d in c.dates.get_ref() {
                let Some(date) = self.date(d) else { continue };
                let day = crate::calendar::day_number(date);
                match days.last() {
                    Some(&prev) if prev == day => {
                        self.error(format!("{date} is listed twice"), d.span())
                            .hints
                            .push("list each meeting date once".into());
                    }
                    Some(&prev) if prev > day => {
                        let before = crate::calendar::date_of_day(prev);
                        self.error(format!("{date} comes after {before} in the list"), d.span())
                            .hints
                            .push("list the dates in increasing order".into());
                    }
                    _ => days.push(day),
                }
            }
            out.push(model::MeetingCalendar {
                id: c.id.get_ref().clone(),
                name: c.name.clone().unwrap_or_else(|| c.id.get_ref().clone()),
                days,
                source: self.cite(&c.source),
            });
        }
        out
    }

    /// A `formal_adoption` table: exactly one of `after_days` and `at`.
    pub(super) fn formal_adoption(
        &mut self,
        f: &raw::FormalAdoption,
        span: std::ops::Range<usize>,
    ) -> Option<model::FormalAdoption> {
        match (&f.after_days, &f.at) {
            (Some(days), None) => {
                let v = *days.get_ref();
                if (0..=10_000).contains(&v) {
                    Some(model::FormalAdoption::AfterDays(v as u32))
                } else {
                    self.error(
                        format!("`after_days` must be between 0 and 10000, found {v}"),
                        days.span(),
                    );
                    None
                }
            }
            (None, Some(at)) => self
                .calendars
                .resolve(at, &mut self.diags)
                .map(model::FormalAdoption::At),
            (Some(days), Some(_)) => {
                self.error(
                    "`formal_adoption` takes `after_days` or `at`, not both",
                    days.span(),
                );
                None
            }
            (None, None) => {
                self.error(
                    "`formal_adoption` needs `after_days = N` or `at = \"calendar\"`",
                    span,
                );
                None
            }
        }
    }
}
