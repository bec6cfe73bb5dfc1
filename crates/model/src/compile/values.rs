//! Checks on single values: numbers must be finite, probabilities in [0, 1], counts positive.
//! TOML accepts `nan` and `inf` as floats, so these checks are what keeps them out of a run.

use toml::Spanned;

use super::Ctx;

impl Ctx<'_> {
    /// A finite number, or an error.
    pub fn finite(&mut self, value: &Spanned<f64>) -> Option<f64> {
        let v = *value.get_ref();
        if v.is_finite() {
            Some(v)
        } else {
            self.error(
                format!("expected a finite number, found `{v}`"),
                value.span(),
            );
            None
        }
    }

    /// A number in [0, 1] (probabilities, chances, drift rates).
    pub fn unit_interval(&mut self, value: &Spanned<f64>, what: &str) -> Option<f64> {
        let v = self.finite(value)?;
        if (0.0..=1.0).contains(&v) {
            Some(v)
        } else {
            self.error(
                format!("`{what}` must be between 0 and 1, found {v}"),
                value.span(),
            )
            .hints
            .push(if v > 1.0 && v <= 100.0 {
                "write a percentage as a fraction: 25% is 0.25".into()
            } else {
                "0 means never, 1 means always".into()
            });
            None
        }
    }

    /// A whole number of at least `min` and at most 10,000.
    pub fn count(&mut self, value: &Spanned<i64>, what: &str, min: i64) -> Option<u32> {
        let v = *value.get_ref();
        if (min..=10_000).contains(&v) {
            Some(v as u32)
        } else {
            self.error(
                format!("`{what}` must be between {min} and 10000, found {v}"),
                value.span(),
            );
            None
        }
    }

    /// Months expressed in steps of the scenario's calendar.
    pub fn months(&mut self, value: &Spanned<i64>, what: &str) -> Option<u32> {
        let months = self.count(value, what, 1)?;
        Some(
            self.calendar
                .as_ref()
                .map_or(months, |c| c.steps_for_months(months)),
        )
    }
}

/// A number for a message: as written for everyday sizes, in scientific notation past them
/// (`1e300`, not three hundred digits).
pub(super) fn shown(v: f64) -> String {
    if v.abs() < 1e15 {
        v.to_string()
    } else {
        format!("{v:e}")
    }
}
