//! Parliament's political groups: seats, cohesion and default line; and the stages an act
//! passes through (Council, Parliament, European Council, ratification).

use super::Ctx;
use crate::model::{self, Body, Stage};
use crate::raw::{Line, ScenarioFile, StageSpec};
use crate::vote::Vote;

/// The most seats one group may hold, and all groups together.
const MAX_GROUP_SEATS: i64 = 1000;
const MAX_SEATS: u32 = 10_000;
/// The longest wait between two stages: ten years.
const MAX_AFTER_DAYS: i64 = 3650;

impl Ctx<'_> {
    pub(super) fn groups_of(&mut self, file: &ScenarioFile) -> Vec<model::Group> {
        let mut out = Vec::new();
        let mut total = 0u32;
        for g in &file.group {
            let seats = *g.seats.get_ref();
            let seats = if (1..=MAX_GROUP_SEATS).contains(&seats) {
                seats as u32
            } else {
                self.error(
                    format!("`seats` must be between 1 and {MAX_GROUP_SEATS}, found {seats}"),
                    g.seats.span(),
                );
                1
            };
            total += seats;
            if total > MAX_SEATS && total - seats <= MAX_SEATS {
                self.error(
                    format!("Parliament's groups hold more than {MAX_SEATS} seats in all"),
                    g.seats.span(),
                );
            }
            let cohesion = match &g.cohesion {
                Some(c) => match self.finite(c) {
                    Some(v) if (0.0..=1.0).contains(&v) => v,
                    Some(v) => {
                        self.error(
                            format!("`cohesion` is a chance between 0 and 1, found {v}"),
                            c.span(),
                        );
                        1.0
                    }
                    None => 1.0,
                },
                None => 1.0,
            };
            let line = match g.line.as_ref().map(|l| *l.get_ref()) {
                None | Some(Line::For) => Vote::For,
                Some(Line::Against) => Vote::Against,
                Some(Line::Abstain) => Vote::Abstain,
            };
            out.push(model::Group {
                id: g.id.get_ref().clone(),
                name: g.name.clone().unwrap_or_else(|| g.id.get_ref().clone()),
                seats,
                cohesion,
                line,
                source: self.cite(&g.source),
            });
        }
        out
    }

    /// A `stages` list: each body at most once, `after_days` in range and not on the first
    /// stage, Parliament stages only with groups defined.
    pub(super) fn stages_of(
        &mut self,
        list: &toml::Spanned<Vec<toml::Spanned<StageSpec>>>,
        groups: &[model::Group],
    ) -> Vec<Stage> {
        if list.get_ref().is_empty() {
            self.error("`stages` lists no body", list.span())
                .hints
                .push(
                "omit `stages` for a Council decision, or list e.g. [\"parliament\", \"council\"]"
                    .into(),
            );
            return vec![Stage::COUNCIL];
        }
        let mut out: Vec<Stage> = Vec::new();
        for (i, entry) in list.get_ref().iter().enumerate() {
            let spec = entry.get_ref();
            let body = *spec.body.get_ref();
            let span = if spec.body.span().is_empty() {
                entry.span()
            } else {
                spec.body.span()
            };
            if out.iter().any(|s| s.body == body) {
                self.error(
                    format!("`{}` is listed twice in `stages`", body.as_str()),
                    span.clone(),
                );
            }
            if matches!(body, Body::Parliament | Body::ParliamentMembers) && groups.is_empty() {
                self.error(
                    format!(
                        "a `{}` stage needs Parliament's groups, and the scenario defines no [[group]]",
                        body.as_str()
                    ),
                    span.clone(),
                )
                .hints
                .push("add [[group]] items with their seats (e.g. from a seed)".into());
            }
            let after_days = match &spec.after_days {
                Some(d) if i == 0 => {
                    self.error(
                        "the first stage has no previous stage to wait for: remove `after_days`",
                        d.span(),
                    );
                    0
                }
                Some(d) if (0..=MAX_AFTER_DAYS).contains(d.get_ref()) => *d.get_ref() as u32,
                Some(d) => {
                    self.error(
                        format!(
                            "`after_days` must be between 0 and {MAX_AFTER_DAYS}, found {}",
                            d.get_ref()
                        ),
                        d.span(),
                    );
                    0
                }
                None => 0,
            };
            out.push(Stage { body, after_days });
        }
        out
    }
}
