//! Shares shown as percentages, one way everywhere: to the nearest tenth, halves up.
//!
//! A share of counts (25 of 27 members) is rounded in integers, exactly: 92.6%, and 2 of 3 is
//! 66.7%. A share already computed as a float (a Monte Carlo probability) is rounded the same
//! way from its value. Where a share is printed beside a threshold it is compared with, it
//! never reads as reaching a threshold it misses: 6,499 of 10,000 beside "< 65%" reads 64.99%,
//! not 65.0%.

use std::fmt;

/// A percentage ready to print: `units / 10^decimals` percent. `Display` gives `92.6%` and
/// honours width and alignment (`{:>7}`); [`Percent::number`] gives `92.6`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent {
    units: u128,
    decimals: u32,
}

/// Most decimals shown to keep a share off a threshold it misses.
const MAX_DECIMALS: u32 = 6;

/// `part / whole` in units of `10^-decimals` percent, rounded to nearest, halves up; 0 when
/// `whole` is 0.
fn rounded(part: u64, whole: u64, decimals: u32) -> u128 {
    if whole == 0 {
        return 0;
    }
    let scale = 100 * 10u128.pow(decimals);
    let (part, whole) = (u128::from(part), u128::from(whole));
    (2 * scale * part + whole) / (2 * whole)
}

impl Percent {
    /// `part` of `whole`, to the nearest tenth of a percent.
    pub fn of(part: u64, whole: u64) -> Percent {
        Percent {
            units: rounded(part, whole, 1),
            decimals: 1,
        }
    }

    /// `part` of `whole` to the nearest tenth, or with more decimals when the tenth would read
    /// as `threshold` percent (or above it) while the share is below it.
    pub fn beside_threshold(part: u64, whole: u64, threshold: u64) -> Percent {
        let below = u128::from(part) * 100 < u128::from(threshold) * u128::from(whole);
        for decimals in 1..=MAX_DECIMALS {
            let units = rounded(part, whole, decimals);
            if !below || units < u128::from(threshold) * 10u128.pow(decimals) {
                return Percent { units, decimals };
            }
        }
        // Within 10^-6 percent of the threshold: rounding down is the only honest reading.
        let scale = 100 * 10u128.pow(MAX_DECIMALS);
        Percent {
            units: scale * u128::from(part) / u128::from(whole.max(1)),
            decimals: MAX_DECIMALS,
        }
    }

    /// A share in [0, 1] computed elsewhere, to the nearest tenth of a percent. Not a number
    /// reads as 0.
    pub fn of_share(share: f64) -> Percent {
        let tenths = (share * 1000.0).round();
        Percent {
            units: if tenths.is_finite() && tenths > 0.0 {
                tenths as u128
            } else {
                0
            },
            decimals: 1,
        }
    }

    /// The number without the sign: `92.6`.
    pub fn number(&self) -> String {
        let scale = 10u128.pow(self.decimals);
        format!(
            "{}.{:0width$}",
            self.units / scale,
            self.units % scale,
            width = self.decimals as usize
        )
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}%", self.number()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_round_to_the_nearest_tenth() {
        assert_eq!(Percent::of(25, 27).to_string(), "92.6%");
        assert_eq!(Percent::of(2, 3).to_string(), "66.7%");
        assert_eq!(Percent::of(1, 3).to_string(), "33.3%");
        assert_eq!(Percent::of(14, 27).to_string(), "51.9%");
        assert_eq!(Percent::of(1, 2000).to_string(), "0.1%"); // 0.05: halves up
        assert_eq!(Percent::of(27, 27).to_string(), "100.0%");
        assert_eq!(Percent::of(0, 0).to_string(), "0.0%");
        assert_eq!(Percent::of(u64::MAX, u64::MAX).to_string(), "100.0%");
    }

    #[test]
    fn a_share_short_of_its_threshold_never_reads_as_the_threshold() {
        assert_eq!(
            Percent::beside_threshold(6_499, 10_000, 65).to_string(),
            "64.99%"
        );
        assert_eq!(
            Percent::beside_threshold(6_500, 10_000, 65).to_string(),
            "65.0%"
        );
        assert_eq!(Percent::beside_threshold(25, 27, 55).to_string(), "92.6%");
        let hair = Percent::beside_threshold(649_999_999_999, 1_000_000_000_000, 65);
        assert_eq!(hair.to_string(), "64.999999%");
    }

    #[test]
    fn shares_round_like_counts() {
        assert_eq!(Percent::of_share(25.0 / 27.0).to_string(), "92.6%");
        assert_eq!(Percent::of_share(0.666_667).number(), "66.7");
        assert_eq!(Percent::of_share(f64::NAN).number(), "0.0");
        assert_eq!(format!("{:>7}", Percent::of_share(0.5)), "  50.0%");
    }
}
