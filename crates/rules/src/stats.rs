//! Statistics for batches of runs: proportions with Wilson score intervals.

/// z for a two-sided 95% interval.
const Z95: f64 = 1.959_963_984_540_054;

/// A share of runs with its 95% interval, unrounded (`summary::Share` is the rounded form
/// that outputs print).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub p: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The share `successes / trials` with its 95% Wilson score interval `(p, lo, hi)`.
/// Wilson rather than the normal approximation because outcomes near 0 or 1 are common here
/// and the normal interval leaves [0, 1] there.
pub fn wilson(successes: u64, trials: u64) -> (f64, f64, f64) {
    if trials == 0 {
        return (0.0, 0.0, 1.0);
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 * ((p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt()) / denom;
    let lo = (centre - half).max(0.0);
    let hi = (centre + half).min(1.0);
    // Guard the contract lo <= p <= hi against rounding at the edges.
    (p, lo.min(p), hi.max(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_published_values() {
        // 8 of 10: Wilson 95% interval (0.4902, 0.9433).
        let (p, lo, hi) = wilson(8, 10);
        assert!((p - 0.8).abs() < 1e-12);
        assert!((lo - 0.4902).abs() < 1e-4, "{lo}");
        assert!((hi - 0.9433).abs() < 1e-4, "{hi}");
    }

    #[test]
    fn wilson_stays_inside_unit_interval() {
        for (s, n) in [(0, 1), (1, 1), (0, 1000), (1000, 1000), (3, 7)] {
            let (p, lo, hi) = wilson(s, n);
            assert!(
                0.0 <= lo && lo <= p && p <= hi && hi <= 1.0,
                "{s}/{n}: {lo} {p} {hi}"
            );
        }
    }
}
