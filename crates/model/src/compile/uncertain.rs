//! Uncertain settings (`[[uncertain]]`): a path the loader has resolved to a number, and the
//! range and prior of the values it could take. The range must fit inside the setting's own
//! valid range, which is read from the format's JSON Schema (the bounds the raw types declare,
//! `chance` in [0, 1], `ratio` in [0, 1000], ...), so the rule is the same one editors apply.
//! Never read by the step loop.

use super::Ctx;
use crate::model::{self, Prior};
use crate::raw::{PriorKind, ScenarioFile};

impl Ctx<'_> {
    pub(super) fn uncertain_of(&mut self, file: &ScenarioFile) -> Vec<model::Uncertain> {
        let mut out: Vec<model::Uncertain> = Vec::new();
        let mut seen: Vec<(String, String)> = Vec::new();
        for x in &file.uncertain {
            let id = x.id.get_ref();
            let path = x.path.get_ref();
            if seen.iter().any(|(i, _)| i == id) {
                self.error(
                    format!("a second [[uncertain]] with id `{id}`"),
                    x.id.span(),
                );
                continue;
            }
            if let Some((other, _)) = seen.iter().find(|(_, p)| p == path) {
                self.error(
                    format!("`{path}` is already declared uncertain (by `{other}`)"),
                    x.path.span(),
                )
                .hints
                .push("give one setting one range: remove or merge the two items".into());
                continue;
            }
            seen.push((id.clone(), path.clone()));
            let source = self.cite(&x.source);
            let range = self.uncertain_range(x);
            let prior = self.prior(x, range);
            // Without `current` the loader has reported the path.
            let (Some(current), Some((lo, hi)), Some(prior)) = (x.current, range, prior) else {
                continue;
            };
            if current.integer && (lo.fract() != 0.0 || hi.fract() != 0.0) {
                self.error(
                    format!("`{path}` is a whole number: its range must be whole numbers"),
                    x.range.span(),
                );
                continue;
            }
            if let Some((min, max)) = crate::raw::number_bounds(path) {
                let below = min.is_some_and(|m| lo < m);
                let above = max.is_some_and(|m| hi > m);
                if below || above {
                    let show = |b: Option<f64>, inf: &str| {
                        b.map_or_else(|| inf.to_owned(), super::values::shown)
                    };
                    self.error(
                        format!(
                            "range [{}, {}] goes outside what `{path}` may be: [{}, {}]",
                            super::values::shown(lo),
                            super::values::shown(hi),
                            show(min, "-inf"),
                            show(max, "inf")
                        ),
                        x.range.span(),
                    );
                    continue;
                }
            }
            out.push(model::Uncertain {
                id: id.clone(),
                path: path.clone(),
                lo,
                hi,
                prior,
                value: current.value,
                integer: current.integer,
                note: x.note.clone(),
                source,
                position: self.sources.position(&x.id.span()),
            });
        }
        out
    }

    /// `range = [lo, hi]`: two finite numbers, `lo < hi`.
    fn uncertain_range(&mut self, x: &crate::raw::Uncertain) -> Option<(f64, f64)> {
        let [lo, hi] = x.range.get_ref().as_slice() else {
            self.error(
                format!(
                    "`range` must be [low, high], found {} number{}",
                    x.range.get_ref().len(),
                    if x.range.get_ref().len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ),
                x.range.span(),
            );
            return None;
        };
        let (lo, hi) = (self.finite(lo)?, self.finite(hi)?);
        if lo >= hi {
            self.error(
                format!("`range` must go up: low {lo} is not below high {hi}"),
                x.range.span(),
            )
            .hints
            .push("write [low, high], e.g. range = [0.05, 0.3]".into());
            return None;
        }
        Some((lo, hi))
    }

    /// `prior` and `mode`: a triangular prior needs a mode inside the range; a uniform one has
    /// none.
    fn prior(&mut self, x: &crate::raw::Uncertain, range: Option<(f64, f64)>) -> Option<Prior> {
        let kind = x
            .prior
            .as_ref()
            .map_or(PriorKind::Uniform, |p| *p.get_ref());
        match (kind, &x.mode) {
            (PriorKind::Uniform, None) => Some(Prior::Uniform),
            (PriorKind::Uniform, Some(mode)) => {
                self.error("`mode` is for a triangular prior", mode.span())
                    .hints
                    .push("add prior = \"triangular\", or remove `mode`".into());
                None
            }
            (PriorKind::Triangular, None) => {
                let span = x.prior.as_ref().map_or(x.id.span(), |p| p.span());
                self.error("a triangular prior needs a `mode`", span)
                    .hints
                    .push("mode = the likeliest value, inside `range`".into());
                None
            }
            (PriorKind::Triangular, Some(m)) => {
                let mode = self.finite(m)?;
                let (lo, hi) = range?;
                if !(lo..=hi).contains(&mode) {
                    self.error(
                        format!("`mode` {mode} is outside the range [{lo}, {hi}]"),
                        m.span(),
                    );
                    return None;
                }
                Some(Prior::Triangular { mode })
            }
        }
    }
}
