//! The arithmetic of a chart, apart from its markup: linear scales, "nice" value ticks
//! (1, 2 or 5 times a power of ten), calendar ticks on month or year boundaries, and SVG path
//! data. Kept free of HTML so each piece is unit-tested on numbers; `chart.rs` draws with it.
//! A small module beats a plotting crate here: the page must stay one self-contained file
//! with text that scales with the page, and the charts need only lines, bands and ticks.

use std::fmt::Write as _;

use statecraft_model::calendar::{CivilDate, date, date_of_day, day_number};

/// Maps `[d0, d1]` linearly onto `[r0, r1]`; an empty domain maps everything to `r0`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Linear {
    pub fn at(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span == 0.0 || !span.is_finite() {
            return self.r0;
        }
        self.r0 + (self.r1 - self.r0) * (v - self.d0) / span
    }

    /// Like [`Linear::at`], with the value held inside the domain first.
    pub fn clamped(&self, v: f64) -> f64 {
        let (lo, hi) = (self.d0.min(self.d1), self.d0.max(self.d1));
        self.at(v.clamp(lo, hi))
    }
}

/// Ticks at multiples of 1, 2 or 5 × 10^k covering `[lo, hi]` with at most about `target`
/// intervals, each tick inside the range. A degenerate range gives its one value.
pub fn nice_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return if lo.is_finite() { vec![lo] } else { Vec::new() };
    }
    let step = nice_step(hi - lo, target.max(1));
    // A hair of slack: 0.3 / 0.1 is 2.9999999999999996 in floating point.
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    // Rounded through the step's own decimals so 0.1 × 3 reads 0.3, not 0.30000000000000004.
    let decimals = decimals_of(step);
    let scale = 10f64.powi(decimals as i32);
    (first..=last)
        .map(|k| ((k as f64 * step) * scale).round() / scale)
        .collect()
}

/// The step of 1, 2, 5 or 10 × 10^k that cuts `span` into the number of intervals nearest
/// to `target` (the fewer on a tie).
fn nice_step(span: f64, target: usize) -> f64 {
    let raw = span / target as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let off = |step: f64| ((span / step) - target as f64).abs();
    [10.0, 5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * magnitude)
        .fold(10.0 * magnitude, |best, s| {
            if off(s) < off(best) - 1e-9 { s } else { best }
        })
}

/// The decimals a tick step needs (0 for whole steps).
pub fn decimals_of(step: f64) -> usize {
    if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    }
}

/// A value tick's label: as many decimals as the step between ticks needs.
pub fn tick_label(v: f64, ticks: &[f64]) -> String {
    let step = match ticks {
        [a, b, ..] => b - a,
        _ => 1.0,
    };
    format!("{v:.*}", decimals_of(step))
}

/// A tick on the time axis: its day number and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct DateTick {
    pub day: i32,
    pub label: String,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Ticks on the first day of months between `start` and `end` (both included), every 1, 2,
/// 3, 6 or 12 months or a whole number of years, the finest that gives at most `target`
/// ticks. Labelled `Mon YYYY`, or `YYYY` when the ticks are whole years.
pub fn date_ticks(start: CivilDate, end: CivilDate, target: usize) -> Vec<DateTick> {
    if end < start {
        return Vec::new();
    }
    let index = |d: CivilDate| i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
    // The first month boundary on or after the start.
    let first = index(start) + i32::from(start.day() != 1);
    let last = index(end);
    let months = (last - first + 1).max(0) as u32;
    let target = target.max(1) as u32;
    let every = [1, 2, 3, 6, 12]
        .into_iter()
        .find(|e| months.div_ceil(*e) <= target)
        .unwrap_or_else(|| 12 * months.div_ceil(12 * target).max(1)) as i32;
    let yearly = every % 12 == 0;
    let mut ticks = Vec::new();
    let mut m = first;
    // Ticks sit on multiples of the interval (January for yearly ticks, quarters for three
    // months), so adjacent charts line up whatever their first day.
    while m <= last {
        if m % every == 0 {
            let (year, month) = (m.div_euclid(12), m.rem_euclid(12));
            if let Some(d) = date(year, month as u32 + 1, 1) {
                let label = if yearly {
                    year.to_string()
                } else {
                    format!("{} {year}", MONTHS[month as usize])
                };
                ticks.push(DateTick {
                    day: day_number(d),
                    label,
                });
            }
        }
        m += 1;
    }
    ticks
}

/// `date_of_day` as text, for tooltips.
pub fn day_text(day: i32) -> String {
    date_of_day(day).to_string()
}

/// Path data through `points`, in order; a point that is not finite breaks the line (the
/// next finite point starts a new piece), so an unknown value is a gap, never a zero.
pub fn line_path(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for &(x, y) in points {
        if !(x.is_finite() && y.is_finite()) {
            pen_down = false;
            continue;
        }
        let _ = write!(d, "{}{:.1},{:.1}", if pen_down { "L" } else { "M" }, x, y);
        pen_down = true;
    }
    d
}

/// A closed area between `upper` and `lower` (the same xs), drawn along the upper edge and
/// back along the lower; points where either edge is not finite are left out.
pub fn band_path(xs: &[f64], upper: &[f64], lower: &[f64]) -> String {
    let keep: Vec<usize> = (0..xs.len().min(upper.len()).min(lower.len()))
        .filter(|&i| xs[i].is_finite() && upper[i].is_finite() && lower[i].is_finite())
        .collect();
    if keep.is_empty() {
        return String::new();
    }
    let mut d = String::new();
    for (n, &i) in keep.iter().enumerate() {
        let _ = write!(
            d,
            "{}{:.1},{:.1}",
            if n == 0 { "M" } else { "L" },
            xs[i],
            upper[i]
        );
    }
    for &i in keep.iter().rev() {
        let _ = write!(d, "L{:.1},{:.1}", xs[i], lower[i]);
    }
    d.push('Z');
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_maps_ends_to_ends_and_flips_for_the_y_axis() {
        let y = Linear {
            d0: 0.0,
            d1: 100.0,
            r0: 200.0,
            r1: 20.0,
        };
        assert_eq!(y.at(0.0), 200.0);
        assert_eq!(y.at(100.0), 20.0);
        assert_eq!(y.at(50.0), 110.0);
        assert_eq!(y.clamped(150.0), 20.0);
        let flat = Linear { d1: 0.0, ..y };
        assert_eq!(flat.at(3.0), 200.0);
    }

    #[test]
    fn value_ticks_are_round_numbers_inside_the_range() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(nice_ticks(0.0, 1.0, 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(-3.0, 7.0, 4), vec![-2.0, 0.0, 2.0, 4.0, 6.0]);
        assert_eq!(nice_ticks(0.0, 0.3, 3), vec![0.0, 0.1, 0.2, 0.3]);
        assert_eq!(nice_ticks(5.0, 5.0, 5), vec![5.0]);
        assert!(nice_ticks(f64::NAN, 1.0, 5).is_empty());
        let t = nice_ticks(0.0, 0.3, 3);
        assert_eq!(tick_label(t[1], &t), "0.1");
        let t = nice_ticks(0.0, 100.0, 5);
        assert_eq!(tick_label(t[1], &t), "20");
    }

    #[test]
    fn date_ticks_fall_on_month_or_year_boundaries() {
        let d = |y, m, day| date(y, m, day).unwrap();
        let three_years = date_ticks(d(2024, 1, 1), d(2026, 12, 31), 8);
        let labels: Vec<&str> = three_years.iter().map(|t| t.label.as_str()).collect();
        // 36 months in 8 ticks: every six months, on January and July.
        assert_eq!(
            labels,
            [
                "Jan 2024", "Jul 2024", "Jan 2025", "Jul 2025", "Jan 2026", "Jul 2026"
            ]
        );
        assert_eq!(three_years[0].day, day_number(d(2024, 1, 1)));
        let yearly = date_ticks(d(2020, 3, 15), d(2030, 1, 1), 6);
        let labels: Vec<&str> = yearly.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["2022", "2024", "2026", "2028", "2030"]);
        // A quarter starting mid-month: the ticks are the month boundaries inside it.
        let quarter = date_ticks(d(2025, 1, 10), d(2025, 3, 31), 8);
        let labels: Vec<&str> = quarter.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["Feb 2025", "Mar 2025"]);
        assert!(date_ticks(d(2025, 2, 1), d(2025, 1, 1), 8).is_empty());
    }

    #[test]
    fn paths_break_at_unknown_values() {
        assert_eq!(
            line_path(&[(0.0, 1.0), (1.0, 2.0), (2.0, f64::NAN), (3.0, 4.0)]),
            "M0.0,1.0L1.0,2.0M3.0,4.0"
        );
        assert_eq!(line_path(&[]), "");
        assert_eq!(
            band_path(&[0.0, 1.0, 2.0], &[5.0, 6.0, f64::NAN], &[1.0, 2.0, 3.0]),
            "M0.0,5.0L1.0,6.0L1.0,2.0L0.0,1.0Z"
        );
        assert_eq!(band_path(&[0.0], &[f64::NAN], &[0.0]), "");
    }
}
