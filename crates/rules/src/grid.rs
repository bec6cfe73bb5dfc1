//! The grid of a sweep: each `--vary` is an [`Axis`] (a setting path and its values), and the
//! grid is every combination of them, the first axis outermost. Each point is a set of
//! `PATH=VALUE` overrides under which a batch runs.

use crate::summary::Keyed;

/// Most points a grid may have (and most values an axis may have).
pub const MAX_POINTS: usize = 10_000;

/// One varied setting and its values, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Axis {
    pub path: String,
    pub values: Vec<String>,
}

impl Axis {
    /// `PATH=FROM..TO:STEP` (numbers, TO included) or `PATH=V1,V2,...` (any values). The
    /// error says what is wrong with `spec`.
    pub fn parse(spec: &str) -> Result<Axis, String> {
        let bad = |why: &str| format!("{why}; write PATH=FROM..TO:STEP or PATH=V1,V2,...");
        let (path, rest) = spec.split_once('=').ok_or_else(|| bad("no `=`"))?;
        let path = path.trim().to_owned();
        if let Some((range, step_text)) = rest.split_once(':')
            && let Some((from, to)) = range.split_once("..")
        {
            let num = |s: &str| {
                (s.trim().replace('_', "").parse::<f64>())
                    .map_err(|_| bad(&format!("`{s}` is not a number")))
            };
            let (from, to, step) = (num(from)?, num(to)?, num(step_text)?);
            if step.is_nan() || step <= 0.0 || !from.is_finite() || !to.is_finite() || to < from {
                return Err(bad(
                    "the range must go up from FROM to TO by a positive STEP",
                ));
            }
            let step_text = step_text.trim();
            // Counted in f64 first (never NaN: the bounds are finite and STEP positive), since
            // `(1 - 0) / 1e-20` is past any integer type: converting it once wrapped the count
            // to zero (issue 9).
            let points = ((to - from) / step + 1e-9).floor() + 1.0;
            if points > MAX_POINTS as f64 {
                return Err(bad(&format!(
                    "STEP `{step_text}` makes {points:e} values; the limit is {MAX_POINTS}"
                )));
            }
            let values: Vec<String> = (0..points as usize)
                .map(|i| {
                    let v = from + step * i as f64;
                    let v = (v * 1e9).round() / 1e9;
                    if v.fract() == 0.0 && v.abs() < 1e15 {
                        format!("{}", v as i64)
                    } else {
                        format!("{v}")
                    }
                })
                .collect();
            if values.windows(2).any(|w| w[0] == w[1]) {
                return Err(bad(&format!(
                    "STEP `{step_text}` is too small to tell the values apart (to 9 decimals)"
                )));
            }
            return Ok(Axis { path, values });
        }
        let values: Vec<String> = (rest.split(','))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(bad("no values"));
        }
        Ok(Axis { path, values })
    }
}

/// Every combination of the axes' values: at most [`MAX_POINTS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    axes: Vec<Axis>,
    points: usize,
}

impl Grid {
    /// The grid of `axes`; an error (saying how many points it would have) past
    /// [`MAX_POINTS`].
    pub fn new(axes: Vec<Axis>) -> Result<Grid, String> {
        let points = (axes.iter().map(|a| a.values.len()))
            .try_fold(1usize, |acc, n| acc.checked_mul(n))
            .unwrap_or(usize::MAX);
        if points > MAX_POINTS {
            return Err(format!(
                "the grid has {points} points; the limit is {MAX_POINTS}"
            ));
        }
        Ok(Grid { axes, points })
    }

    pub fn axes(&self) -> &[Axis] {
        &self.axes
    }

    /// How many points the grid has.
    pub fn len(&self) -> usize {
        self.points
    }

    pub fn is_empty(&self) -> bool {
        self.points == 0
    }

    /// Point `index` (below [`Grid::len`]): each axis's path with its value there, the first
    /// axis outermost.
    pub fn point(&self, index: usize) -> Keyed<String> {
        // Mixed-radix digits of `index`.
        let mut rest = index;
        let mut values = vec![""; self.axes.len()];
        for (a, axis) in self.axes.iter().enumerate().rev() {
            values[a] = &axis.values[rest % axis.values.len()];
            rest /= axis.values.len();
        }
        let mut point = Keyed::default();
        for (axis, value) in self.axes.iter().zip(values) {
            point.insert(axis.path.clone(), value.to_owned());
        }
        point
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_and_lists_give_their_values() {
        let axis = Axis::parse("policy.p.ratio=0.25..1:0.25").unwrap();
        assert_eq!(axis.path, "policy.p.ratio");
        assert_eq!(axis.values, ["0.25", "0.5", "0.75", "1"]);
        assert_eq!(Axis::parse("x= a, b ,").unwrap().values, ["a", "b"]);
        assert!(Axis::parse("x").unwrap_err().starts_with("no `=`"));
        assert!(Axis::parse("x=1..0:1").unwrap_err().contains("must go up"));
    }

    #[test]
    fn points_run_the_first_axis_outermost() {
        let axes = ["a=1,2", "b=x,y,z"].map(|s| Axis::parse(s).unwrap());
        let grid = Grid::new(axes.to_vec()).unwrap();
        assert_eq!(grid.len(), 6);
        let point = grid.point(4);
        assert_eq!(
            (point.get("a"), point.get("b")),
            (Some(&"2".to_owned()), Some(&"y".to_owned()))
        );
        let big = Axis::parse("a=0..9999:1").unwrap();
        assert!(
            Grid::new(vec![big.clone(), big])
                .unwrap_err()
                .contains("100000000 points")
        );
    }
}
