//! Actors, persons and offices: who exists, which actors are member states (and their
//! populations, for qualified majority), the style of each person and who holds each office.

use toml::Spanned;

use super::Ctx;
use crate::id::*;
use crate::model;
use crate::raw::{ActorKind, ScenarioFile};
use crate::vote::MAX_POPULATION;

impl Ctx<'_> {
    pub(super) fn actors_of(&mut self, file: &ScenarioFile) -> (Vec<model::Actor>, Vec<ActorId>) {
        let mut actors = Vec::new();
        let mut members = Vec::new();
        for (i, a) in file.actor.iter().enumerate() {
            let kind = *a.kind.get_ref();
            let population = match (&a.population, kind) {
                (Some(p), _) if *p.get_ref() > MAX_POPULATION as i64 => {
                    self.error(
                        format!(
                            "population {} is larger than the limit of {MAX_POPULATION} (ten billion)",
                            p.get_ref()
                        ),
                        p.span(),
                    );
                    0
                }
                (Some(p), ActorKind::MemberState) if *p.get_ref() > 0 => *p.get_ref() as u64,
                (Some(p), ActorKind::MemberState) => {
                    self.error(
                        format!("population must be positive, found {}", p.get_ref()),
                        p.span(),
                    );
                    0
                }
                (None, ActorKind::MemberState) => {
                    self.error(
                        format!(
                            "member state `{}` needs a `population` (for qualified-majority votes)",
                            a.id.get_ref()
                        ),
                        a.id.span(),
                    );
                    0
                }
                (Some(p), _) if *p.get_ref() < 0 => {
                    self.error("population must not be negative", p.span());
                    0
                }
                (Some(p), _) => *p.get_ref() as u64,
                (None, _) => 0,
            };
            if kind == ActorKind::MemberState {
                members.push(ActorId::from_index(i));
            }
            actors.push(model::Actor {
                id: a.id.get_ref().clone(),
                name: a.name.clone().unwrap_or_else(|| a.id.get_ref().clone()),
                kind,
                population,
                source: self.cite(&a.source),
            });
        }
        (actors, members)
    }

    pub(super) fn persons_and_offices(
        &mut self,
        file: &ScenarioFile,
    ) -> (Vec<model::Person>, Vec<model::Office>) {
        for p in &file.person {
            for key in p.style.keys() {
                if !self.style_keys.contains(key) {
                    self.style_keys.push(key.clone());
                }
            }
        }
        let mut persons = Vec::new();
        for p in &file.person {
            let mut style = vec![1.0; self.style_keys.len()];
            for (key, value) in &p.style {
                let k = self.style_keys.iter().position(|s| s == key).unwrap_or(0);
                style[k] = self.finite(value).unwrap_or(1.0);
            }
            self.cite(&p.source);
            persons.push(model::Person {
                id: p.id.get_ref().clone(),
                name: p.name.clone().unwrap_or_else(|| p.id.get_ref().clone()),
                style,
            });
        }
        let mut offices = Vec::new();
        for o in &file.office {
            let holder = o
                .holder
                .as_ref()
                .and_then(|h| self.persons.resolve(h, &mut self.diags));
            self.cite(&o.source);
            offices.push(model::Office {
                id: o.id.get_ref().clone(),
                name: o.name.clone().unwrap_or_else(|| o.id.get_ref().clone()),
                initial_holder: holder,
            });
        }
        (persons, offices)
    }

    /// Actor references, resolved; unknown ones are reported and skipped.
    pub fn actor_list(&mut self, list: &[Spanned<String>]) -> Vec<ActorId> {
        let mut out = Vec::new();
        for a in list {
            if let Some(i) = self.actors.resolve(a, &mut self.diags) {
                if out.contains(&i) {
                    self.error(format!("`{}` is listed twice", a.get_ref()), a.span());
                } else {
                    out.push(i);
                }
            }
        }
        out
    }
}
