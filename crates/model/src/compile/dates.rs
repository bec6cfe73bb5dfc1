//! The scenario's calendar and its dates: `start`, `end` and `step` of `[scenario]` become a
//! [`Calendar`]; every date an item names becomes a step of it, and dates outside it are errors.

use toml::Spanned;
use toml::value::Datetime;

use super::{Ctx, MAX_STEPS};
use crate::calendar::{Calendar, LAST_DAY, StepUnit};

impl Ctx<'_> {
    pub(super) fn calendar_of(&mut self, header: &crate::raw::Header) -> Option<Calendar> {
        let header_span = header.id.span();
        let (Some(start), Some(end)) = (&header.start, &header.end) else {
            let missing = if header.start.is_none() {
                "start"
            } else {
                "end"
            };
            self.error(format!("[scenario] needs `{missing}`"), header_span)
                .hints
                .push(format!("for example: {missing} = 2024-01-01"));
            return None;
        };
        let (start_date, end_date) = (self.date(start)?, self.date(end)?);
        let unit = header
            .step
            .as_ref()
            .map_or(StepUnit::Month, |s| *s.get_ref());
        if end_date < start_date {
            self.error(
                format!("`end` ({end_date}) is before `start` ({start_date})"),
                end.span(),
            )
            .label = Some("the scenario would have no steps".into());
            return None;
        }
        if end_date > LAST_DAY {
            self.error(
                format!("`end` ({end_date}) is after {LAST_DAY}, the last day the calendar holds"),
                end.span(),
            );
            return None;
        }
        let calendar = Calendar::new(start_date, end_date, unit, MAX_STEPS);
        if calendar.is_none() {
            self.error(
                format!("the scenario has more than {MAX_STEPS} steps"),
                end.span(),
            )
            .hints
            .push("shorten the period or use monthly steps".into());
        }
        calendar
    }

    /// A TOML date as a civil date; times and offsets are refused.
    pub fn date(&mut self, value: &Spanned<Datetime>) -> Option<jiff::civil::Date> {
        let dt = value.get_ref();
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                let date =
                    crate::calendar::date(i32::from(d.year), u32::from(d.month), u32::from(d.day));
                if date.is_none() {
                    self.error(format!("`{dt}` is not a real day"), value.span());
                }
                date
            }
            _ => {
                self.error(
                    format!("expected a date like 2025-05-22, found `{dt}`"),
                    value.span(),
                )
                .hints
                .push("times and time zones are not used: write only the day".into());
                None
            }
        }
    }

    /// The step a date falls in, and its day number; dates outside the scenario are errors.
    pub fn step_of(&mut self, value: &Spanned<Datetime>) -> Option<(u32, i32)> {
        let date = self.date(value)?;
        let calendar = self.calendar.as_ref()?;
        match calendar.step_of(date) {
            Some(step) => Some((step, crate::calendar::day_number(date))),
            None => {
                let (s, e) = (calendar.start, calendar.end);
                self.error(
                    format!("{date} is outside the scenario ({s} to {e})"),
                    value.span(),
                );
                None
            }
        }
    }
}
