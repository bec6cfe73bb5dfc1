//! Standard normal draws by the ziggurat method (Marsaglia and Tsang, 2000), for indicator
//! noise: one 64-bit draw, a table lookup and a comparison in about 99% of cases, where
//! Box–Muller needs a logarithm, a square root and a sine per value.
//!
//! The 257-entry tables are computed once from their defining recurrence with `libm`, whose
//! results are the same on every platform, so the draws are too.

use std::sync::OnceLock;

/// The right edge of the base layer, for 256 layers.
const R: f64 = 3.654_152_885_361_009;
/// The area of each layer.
const V: f64 = 0.004_928_673_233_99;

/// The ziggurat's layer edges and their densities.
pub(crate) struct Tables {
    x: [f64; 257],
    f: [f64; 257],
}

fn density(x: f64) -> f64 {
    libm::exp(-0.5 * x * x)
}

/// The tables, built on first use.
pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut x = [0.0; 257];
        x[0] = V / density(R);
        x[1] = R;
        for i in 2..256 {
            x[i] = libm::sqrt(-2.0 * libm::log(V / x[i - 1] + density(x[i - 1])));
        }
        x[256] = 0.0;
        let mut f = [0.0; 257];
        for i in 0..257 {
            f[i] = density(x[i]);
        }
        Tables { x, f }
    })
}

/// A value in [0, 1) from the top 53 bits of a draw.
#[inline(always)]
fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// `2 * unit(bits) - 1`, a value in [-1, 1), in one scaling: scaling by a power of two is
/// exact, so the value is the same, bit for bit.
#[inline(always)]
fn signed_unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * (1.0 / (1u64 << 52) as f64) - 1.0
}

/// A standard normal value from the 64-bit draws `next` gives (and `uniform`, in [0, 1), for
/// the rare slow paths).
///
/// The first layer test, which settles about 99% of draws, is inlined into the caller; the
/// rest of the method is out of line. `t` is [`tables`], which a loop of draws looks up once.
#[inline(always)]
pub(crate) fn sample(t: &Tables, mut next: impl FnMut() -> u64) -> f64 {
    let bits = next();
    let i = (bits & 0xff) as usize;
    // The top 53 bits, disjoint from the layer index: a value in [-1, 1).
    let u = signed_unit(bits);
    let x = u * t.x[i];
    if x.abs() < t.x[i + 1] {
        return x;
    }
    rejected(t, i, u, x, &mut next)
}

/// The rest of [`sample`] after its first layer test failed for layer `i`, value `x`: the
/// tail or the wedge test, then the method again from the start with fresh draws.
#[cold]
#[inline(never)]
fn rejected(
    t: &Tables,
    mut i: usize,
    mut u: f64,
    mut x: f64,
    next: &mut dyn FnMut() -> u64,
) -> f64 {
    loop {
        if i == 0 {
            // The tail beyond R (Marsaglia's method).
            loop {
                let a = libm::log(1.0 - unit(next())) / R;
                let b = libm::log(1.0 - unit(next()));
                if -2.0 * b >= a * a {
                    return if u < 0.0 { a - R } else { R - a };
                }
            }
        }
        if t.f[i + 1] + (t.f[i] - t.f[i + 1]) * unit(next()) < density(x) {
            return x;
        }
        let bits = next();
        i = (bits & 0xff) as usize;
        u = signed_unit(bits);
        x = u * t.x[i];
        if x.abs() < t.x[i + 1] {
            return x;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-scaling form gives `2 * unit - 1` exactly (the draws must not change).
    #[test]
    fn signed_unit_is_twice_unit_less_one() {
        let mut state = 7u64;
        let edges = [0, u64::MAX, 1 << 11, (1 << 63) - 1, 1 << 63, 0x7ff];
        let draws = (0..100_000).map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            state
        });
        for bits in edges.into_iter().chain(draws) {
            assert_eq!(
                signed_unit(bits).to_bits(),
                (2.0 * unit(bits) - 1.0).to_bits(),
                "{bits:#x}"
            );
        }
    }

    #[test]
    fn tables_close_at_zero() {
        let t = tables();
        // The recurrence must land on the top of the density: the last layer's edge is small
        // and its density near 1.
        assert!(t.x[255] > 0.0 && t.x[255] < 0.3, "{}", t.x[255]);
        assert!(t.f[255] > 0.95);
        assert!(t.x.windows(2).all(|w| w[0] > w[1]));
    }

    #[test]
    fn quantiles_match_the_normal() {
        let mut state = 12345u64;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let n = 200_000;
        let mut xs: Vec<f64> = (0..n).map(|_| sample(tables(), &mut next)).collect();
        xs.sort_by(f64::total_cmp);
        for (q, z) in [
            (0.025, -1.959_964),
            (0.16, -0.994_458),
            (0.5, 0.0),
            (0.84, 0.994_458),
            (0.975, 1.959_964),
            (0.999, 3.090_232),
        ] {
            let got = xs[(q * n as f64) as usize];
            assert!((got - z).abs() < 0.03, "quantile {q}: {got} vs {z}");
        }
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| x * x).sum::<f64>() / n as f64 - mean * mean;
        assert!(
            mean.abs() < 0.01 && (var - 1.0).abs() < 0.02,
            "mean {mean} var {var}"
        );
    }
}
