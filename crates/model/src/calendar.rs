//! Simulation time: a scenario runs in integer steps, and the calendar labels them with dates.
//!
//! The step loop never sees a date. Loading turns every date in a scenario into the index of the
//! step that contains it, and output turns step indices back into dates. Dates themselves are
//! kept as day numbers (days since 1970-01-01) so that conditions can compare them without a
//! calendar library on the hot path.

use jiff::ToSpan;
use jiff::civil::Date;

/// How long one step of the simulation is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StepUnit {
    Month,
    Week,
}

/// The step boundaries of one scenario: step `k` covers `[starts[k], starts[k + 1])`.
#[derive(Clone, Debug)]
pub struct Calendar {
    pub unit: StepUnit,
    pub start: Date,
    pub end: Date,
    /// The first day of every step, plus one sentinel: the day after `end`.
    starts: Vec<Date>,
    /// The same as day numbers, so the step loop never does calendar arithmetic.
    start_days: Vec<i32>,
}

/// The last day a scenario may end on: one day before the largest date the calendar library
/// represents (9999-12-31), because every calendar keeps the day after its end as a sentinel.
/// A scenario may start on any date TOML can write (year 0 onwards).
pub const LAST_DAY: Date = Date::constant(9999, 12, 30);

/// The Unix epoch as a civil date; day numbers count from it.
const EPOCH: Date = Date::constant(1970, 1, 1);

/// Days since 1970-01-01 (negative before). Exact for every date TOML can write.
pub fn day_number(date: Date) -> i32 {
    date.since((jiff::Unit::Day, EPOCH))
        .map(|span| span.get_days())
        .unwrap_or(0)
}

/// The civil date of a day number produced by [`day_number`].
pub fn date_of_day(day: i32) -> Date {
    EPOCH.checked_add(i64::from(day).days()).unwrap_or(EPOCH)
}

/// A date from its parts, or `None` when the parts name no real day.
/// The civil date type, re-exported so other crates need no calendar dependency.
pub type CivilDate = Date;

pub fn date(year: i32, month: u32, day: u32) -> Option<Date> {
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

impl Calendar {
    /// Builds the step boundaries. `end` is inclusive. Returns `None` when `end < start`, when
    /// `end` is after [`LAST_DAY`], or when the number of steps exceeds `max_steps` (the caller
    /// reports each as a diagnostic).
    pub fn new(start: Date, end: Date, unit: StepUnit, max_steps: usize) -> Option<Self> {
        if end < start {
            return None;
        }
        let mut starts = Vec::new();
        let mut k: i64 = 0;
        loop {
            // Offsets from the start, not repeated additions, so a series that begins on the
            // 31st does not drift to the 28th after February.
            let span = match unit {
                StepUnit::Month => k.months(),
                StepUnit::Week => (7 * k).days(),
            };
            // Past the library's last date is past any `end` too: the series is complete.
            let Ok(first) = start.checked_add(span) else {
                break;
            };
            if first > end {
                break;
            }
            if starts.len() >= max_steps {
                return None;
            }
            starts.push(first);
            k += 1;
        }
        starts.push(end.checked_add(1.days()).ok()?);
        let start_days = starts.iter().map(|d| day_number(*d)).collect();
        Some(Calendar {
            unit,
            start,
            end,
            starts,
            start_days,
        })
    }

    /// The calendar up to the end of step `last` (inclusive): the same steps, fewer of them.
    pub fn cut(&self, last: u32) -> Calendar {
        let keep = (last as usize + 2).min(self.starts.len());
        let mut cut = self.clone();
        cut.starts.truncate(keep);
        cut.start_days.truncate(keep);
        cut.end = cut.step_end(keep as u32 - 2);
        cut
    }

    /// How many steps the scenario has.
    #[inline]
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Always false: a valid calendar has at least one step.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The step that contains `date`, or `None` when it lies outside the scenario.
    pub fn step_of(&self, date: Date) -> Option<u32> {
        if date < self.start || date > self.end {
            return None;
        }
        let after = self.starts.partition_point(|s| *s <= date);
        Some((after - 1) as u32)
    }

    /// The first day of step `step`.
    #[inline]
    pub fn step_start(&self, step: u32) -> Date {
        self.starts[step as usize]
    }

    /// The first day of step `step` as a day number.
    #[inline]
    pub fn step_start_day(&self, step: u32) -> i32 {
        self.start_days[step as usize]
    }

    /// The last day of step `step`.
    #[inline]
    pub fn step_end(&self, step: u32) -> Date {
        self.starts[step as usize + 1]
            .checked_sub(1.days())
            .unwrap_or(self.end)
    }

    /// How many steps make up `months` months (at least one), for windows and cooldowns that
    /// scenarios write in months whatever the step unit.
    pub fn steps_for_months(&self, months: u32) -> u32 {
        match self.unit {
            StepUnit::Month => months,
            // 52 weeks a year: 13 weeks a quarter.
            StepUnit::Week => (months * 13).div_ceil(3),
        }
        .max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_steps_from_the_31st_do_not_drift() {
        let cal = Calendar::new(
            date(2024, 1, 31).unwrap(),
            date(2024, 6, 30).unwrap(),
            StepUnit::Month,
            100,
        )
        .unwrap();
        assert_eq!(cal.step_start(1).to_string(), "2024-02-29");
        assert_eq!(cal.step_start(2).to_string(), "2024-03-31");
        assert_eq!(cal.len(), 6);
    }

    #[test]
    fn dates_land_in_the_step_that_contains_them() {
        let cal = Calendar::new(
            date(2024, 1, 1).unwrap(),
            date(2026, 12, 31).unwrap(),
            StepUnit::Month,
            100,
        )
        .unwrap();
        assert_eq!(cal.len(), 36);
        assert_eq!(cal.step_of(date(2024, 1, 1).unwrap()), Some(0));
        assert_eq!(cal.step_of(date(2025, 5, 22).unwrap()), Some(16));
        assert_eq!(cal.step_of(date(2026, 12, 31).unwrap()), Some(35));
        assert_eq!(cal.step_of(date(2027, 1, 1).unwrap()), None);
        assert_eq!(cal.step_end(35).to_string(), "2026-12-31");
    }

    #[test]
    fn day_numbers_round_trip() {
        for d in [
            date(1970, 1, 1),
            date(2024, 2, 29),
            date(1900, 3, 1),
            date(2099, 12, 31),
        ] {
            let d = d.unwrap();
            assert_eq!(date_of_day(day_number(d)), d);
        }
        assert_eq!(day_number(date(1970, 1, 2).unwrap()), 1);
    }

    #[test]
    fn the_last_year_of_the_calendar_has_its_twelve_steps() {
        // Issue 9: the step after the last one lies past 9999-12-31, which once read as "more
        // than 5000 steps".
        let start = date(9999, 1, 1).unwrap();
        let cal = Calendar::new(start, LAST_DAY, StepUnit::Month, 5000).unwrap();
        assert_eq!(cal.len(), 12);
        assert_eq!(cal.step_end(11), LAST_DAY);
        let weeks = Calendar::new(start, LAST_DAY, StepUnit::Week, 5000).unwrap();
        assert_eq!(weeks.len(), 52);
        let past = date(9999, 12, 31).unwrap();
        assert!(Calendar::new(start, past, StepUnit::Month, 5000).is_none());
    }

    #[test]
    fn too_many_steps_or_reversed_range_is_refused() {
        let a = date(2024, 1, 1).unwrap();
        let b = date(2030, 1, 1).unwrap();
        assert!(Calendar::new(b, a, StepUnit::Month, 100).is_none());
        assert!(Calendar::new(a, b, StepUnit::Week, 100).is_none());
    }
}
