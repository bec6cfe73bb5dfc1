//! Indicators: their slots (one per actor, or one for a global indicator), ranges, drift,
//! noise, initial values and baselines.

use std::ops::Range;

use toml::Spanned;

use super::{Ctx, MAX_INDICATOR_MAGNITUDE, values};
use crate::id::*;
use crate::model::{self, SlotOwner};
use crate::raw::{NumOrMap, ScenarioFile};

impl Ctx<'_> {
    /// Indicators: slots, ranges, initial values and baselines.
    pub(super) fn indicators_of(
        &mut self,
        file: &ScenarioFile,
    ) -> (Vec<f64>, Vec<f64>, Vec<SlotOwner>) {
        let (mut initial, mut baseline, mut owner) = (Vec::new(), Vec::new(), Vec::new());
        for (index, ind) in file.indicator.iter().enumerate() {
            let actors = match &ind.actors {
                Some(list) => self.actor_list(list.get_ref()),
                None => Vec::new(),
            };
            if ind.actors.as_ref().is_some_and(|l| l.get_ref().is_empty()) {
                self.error(
                    "`actors` is empty: omit it for a global indicator",
                    ind.actors.as_ref().map(|l| l.span()).unwrap_or_default(),
                );
            }
            // A refused range has been reported: values are not checked against a stand-in
            // range, which would only add errors that are not the user's.
            let range = self.range_of(ind);
            let (min, max) = range.unwrap_or((0.0, 100.0));
            let drift = ind
                .drift
                .as_ref()
                .and_then(|d| self.unit_interval(d, "drift"))
                .unwrap_or(0.0);
            let noise = match &ind.noise {
                Some(n) => match self.finite(n) {
                    Some(v) if v >= 0.0 => v,
                    Some(_) => {
                        self.error(
                            "`noise` is a standard deviation and cannot be negative",
                            n.span(),
                        );
                        0.0
                    }
                    None => 0.0,
                },
                None => 0.0,
            };
            let first_slot = SlotId::from_index(initial.len());
            let slots = actors.len().max(1);
            let starts = self.per_actor(
                ind.initial.as_ref(),
                &actors,
                ind.id.span(),
                "initial",
                min.max(0.0).min(max),
            );
            let bases = match &ind.baseline {
                Some(_) => self.per_actor(
                    ind.baseline.as_ref(),
                    &actors,
                    ind.id.span(),
                    "baseline",
                    0.0,
                ),
                None => starts.clone(),
            };
            for (slot, (s, b)) in starts.iter().zip(&bases).enumerate() {
                for (v, what) in [(s, "initial"), (b, "baseline")] {
                    if range.is_some() && !(min..=max).contains(v) {
                        let written = if what == "baseline" {
                            ind.baseline.as_ref().or(ind.initial.as_ref())
                        } else {
                            ind.initial.as_ref()
                        };
                        let span = written.map(|i| i.span()).unwrap_or(ind.id.span());
                        self.error(
                            format!(
                                "{what} value {} is outside the range [{}, {}]",
                                values::shown(*v),
                                values::shown(min),
                                values::shown(max)
                            ),
                            span,
                        );
                    }
                }
                owner.push(SlotOwner {
                    indicator: IndicatorId::from_index(index),
                    actor: actors.get(slot).copied(),
                });
            }
            debug_assert_eq!(starts.len(), slots);
            initial.extend(starts);
            baseline.extend(bases);
            self.cite(&ind.source);
            self.indicator_defs.push(model::Indicator {
                id: ind.id.get_ref().clone(),
                name: ind.name.clone().unwrap_or_else(|| ind.id.get_ref().clone()),
                unit: ind.unit.clone(),
                actors,
                first_slot,
                min,
                max,
                drift,
                noise,
                source: None,
            });
        }
        (initial, baseline, owner)
    }

    fn range_of(&mut self, ind: &crate::raw::Indicator) -> Option<(f64, f64)> {
        let Some(range) = &ind.range else {
            return Some((0.0, 100.0));
        };
        let values = range.get_ref();
        if values.len() != 2 {
            self.error(
                format!("`range` must be [min, max], found {} numbers", values.len()),
                range.span(),
            );
            return None;
        }
        let (Some(min), Some(max)) = (self.finite(&values[0]), self.finite(&values[1])) else {
            return None;
        };
        if min >= max {
            self.error(
                format!(
                    "empty range: min {} is not below max {}",
                    values::shown(min),
                    values::shown(max)
                ),
                range.span(),
            );
            return None;
        }
        if min < -MAX_INDICATOR_MAGNITUDE || max > MAX_INDICATOR_MAGNITUDE {
            self.error(
                format!(
                    "range [{}, {}] goes past ±{MAX_INDICATOR_MAGNITUDE:e}, the largest indicator \
                     values statistics are kept exactly for",
                    values::shown(min),
                    values::shown(max)
                ),
                range.span(),
            )
            .hints
            .push(
                "measure in larger units (millions, billions) to bring the range within ±1e12"
                    .into(),
            );
            return None;
        }
        Some((min, max))
    }

    /// One value per actor (or one for a global indicator) from `7` or `{ partner = 7 }`.
    fn per_actor(
        &mut self,
        value: Option<&Spanned<NumOrMap>>,
        actors: &[ActorId],
        item: Range<usize>,
        what: &str,
        default: f64,
    ) -> Vec<f64> {
        let slots = actors.len().max(1);
        let Some(value) = value else {
            return vec![default; slots];
        };
        match value.get_ref() {
            NumOrMap::All(v) => {
                if !v.is_finite() {
                    self.error(format!("`{what}` must be a finite number"), value.span());
                }
                vec![*v; slots]
            }
            NumOrMap::ByActor(entries) => {
                if actors.is_empty() {
                    self.error(format!("`{what}` is a table by actor, but this indicator is global (it has no `actors`)"), value.span());
                    return vec![default; 1];
                }
                let mut out = vec![f64::NAN; slots];
                for (actor, v) in entries {
                    let Some(a) = self.actors.resolve(actor, &mut self.diags) else {
                        continue;
                    };
                    let Some(pos) = actors.iter().position(|x| *x == a) else {
                        self.error(
                            format!(
                                "`{}` is not one of this indicator's actors",
                                actor.get_ref()
                            ),
                            actor.span(),
                        );
                        continue;
                    };
                    out[pos] = self.finite(v).unwrap_or(default);
                }
                for (pos, v) in out.iter_mut().enumerate() {
                    if v.is_nan() {
                        let id = self.actors.ids[actors[pos].index()].clone();
                        self.error(format!("`{what}` has no value for `{id}`"), value.span());
                        *v = default;
                    }
                }
                let _ = item;
                out
            }
        }
    }
}
