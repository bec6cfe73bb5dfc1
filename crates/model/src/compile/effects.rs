//! Effects: the one-key-leads shape of `effects = [{ indicator = "trust", actor = "partner",
//! by = -5 }, ...]`, checked and compiled into the model's flat effect list.

use std::ops::Range;

use toml::Spanned;

use super::Ctx;
use crate::id::*;
use crate::model::{Change, Effect, EffectRange, Scale};
use crate::raw::{self, NumOrStr};

/// The keys that say what an effect does; exactly one per effect.
pub(crate) const VERBS: [&str; 10] = [
    "indicator",
    "flag",
    "status",
    "appoint",
    "table",
    "enable_policy",
    "drop_policy",
    "review",
    "suspend_voting",
    "restore_voting",
];

impl Ctx<'_> {
    /// Compiles a list of effects, appends them to the model's list, returns their range.
    pub fn effects(&mut self, list: &[raw::Effect], owner: Range<usize>) -> EffectRange {
        let start = self.effects.len() as u32;
        for effect in list {
            if let Some(e) = self.effect(effect, owner.clone()) {
                self.effects.push(e);
            }
        }
        EffectRange {
            start,
            end: self.effects.len() as u32,
        }
    }

    fn effect(&mut self, e: &raw::Effect, owner: Range<usize>) -> Option<Effect> {
        let verbs: Vec<(&str, &Spanned<String>)> = [
            ("indicator", &e.indicator),
            ("flag", &e.flag),
            ("status", &e.status),
            ("appoint", &e.appoint),
            ("table", &e.table),
            ("enable_policy", &e.enable_policy),
            ("drop_policy", &e.drop_policy),
            ("review", &e.review),
            ("suspend_voting", &e.suspend_voting),
            ("restore_voting", &e.restore_voting),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (k, v)))
        .collect();
        let (verb, target) = match verbs.as_slice() {
            [one] => *one,
            [] => {
                self.error(
                    "an effect needs one of: ".to_owned() + &VERBS.join(", "),
                    owner,
                )
                .hints
                .push(
                    "for example: { indicator = \"trust\", actor = \"partner\", by = -5 }".into(),
                );
                return None;
            }
            [_, second, ..] => {
                self.error(
                    format!(
                        "an effect does one thing, but this one also has `{}`",
                        second.0
                    ),
                    second.1.span(),
                )
                .hints
                .push("split it into two effects in the list".into());
                return None;
            }
        };
        // Companion keys that do not belong to the verb are mistakes worth naming.
        let allowed: &[&str] = match verb {
            "indicator" => &[
                "actor",
                "by",
                "to",
                "baseline_by",
                "baseline_to",
                "scale",
                "times",
            ],
            "flag" => &["set"],
            "status" => &["to"],
            "appoint" => &["office"],
            "table" => &["with"],
            _ => &[],
        };
        let companions: [(&str, Option<Range<usize>>); 10] = [
            ("actor", e.actor.as_ref().map(|v| v.span())),
            ("baseline_by", e.baseline_by.as_ref().map(|v| v.span())),
            ("baseline_to", e.baseline_to.as_ref().map(|v| v.span())),
            ("by", e.by.as_ref().map(|v| v.span())),
            ("to", e.to.as_ref().map(|v| v.span())),
            ("scale", e.scale.as_ref().map(|v| v.span())),
            ("times", e.times.as_ref().map(|v| v.span())),
            ("set", e.set.as_ref().map(|v| v.span())),
            ("office", e.office.as_ref().map(|v| v.span())),
            ("with", e.with.as_ref().map(|v| v.span())),
        ];
        let mut ok = true;
        for (key, span) in companions {
            if let Some(span) = span
                && !allowed.contains(&key)
            {
                self.error(format!("`{key}` does not apply to a `{verb}` effect"), span);
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        match verb {
            "indicator" => self.indicator_effect(e, target),
            "flag" => {
                let flag = self.flags.resolve(target, &mut self.diags)?;
                Some(Effect::Flag {
                    flag,
                    value: e.set.as_ref().is_none_or(|s| *s.get_ref()),
                })
            }
            "status" => {
                let (slot, status) = match self.status_slot(target.get_ref()) {
                    Ok(x) => {
                        self.record_status_path(target);
                        x
                    }
                    Err(mut d) => {
                        d.span = Some(target.span());
                        self.diags.push(d);
                        return None;
                    }
                };
                let Some(to) = &e.to else {
                    self.error("a status effect needs `to = \"state\"`", target.span());
                    return None;
                };
                let NumOrStr::Str(state) = to.get_ref() else {
                    self.error("`to` must be a state name here", to.span());
                    return None;
                };
                let def = &self.status_defs[status.index()];
                let states = &def.states;
                match states.iter().position(|s| s == state) {
                    Some(i) => {
                        self.record_state(&def.id, state, to.span(), false);
                        Some(Effect::Status { slot, to: i as u16 })
                    }
                    None => {
                        let d = crate::diag::Diagnostic::error(
                            format!("unknown state `{state}`"),
                            Some(to.span()),
                        )
                        .suggest(state, states.iter().map(String::as_str))
                        .with_hint(format!("states: {}", states.join(", ")));
                        self.diags.push(d);
                        None
                    }
                }
            }
            "appoint" => {
                let person = self.persons.resolve(target, &mut self.diags)?;
                let Some(office) = &e.office else {
                    self.error("an appointment needs `office`", target.span());
                    return None;
                };
                let office = self.offices.resolve(office, &mut self.diags)?;
                Some(Effect::Appoint { office, person })
            }
            "table" => {
                let proposal = self.proposals.resolve(target, &mut self.diags)?;
                let with = match &e.with {
                    Some(w) => Some(self.proposals.resolve(w, &mut self.diags)?),
                    None => None,
                };
                if with == Some(proposal) {
                    self.error(
                        "a proposal cannot be packaged with itself",
                        e.with.as_ref().map_or(target.span(), |w| w.span()),
                    );
                    return None;
                }
                Some(Effect::Table { proposal, with })
            }
            "enable_policy" | "drop_policy" => {
                let policy = self.policies.resolve(target, &mut self.diags)?;
                Some(Effect::SetPolicy {
                    policy,
                    active: verb == "enable_policy",
                })
            }
            "suspend_voting" | "restore_voting" => {
                let member = self.actors.resolve(target, &mut self.diags)?;
                if self
                    .actor_kinds
                    .get(member.index())
                    .is_some_and(|k| *k != crate::raw::ActorKind::MemberState)
                {
                    self.error(
                        format!(
                            "`{}` is not a member state: only a member state's voting rights \
                             can be suspended (Art. 7(3) TEU)",
                            target.get_ref()
                        ),
                        target.span(),
                    );
                    return None;
                }
                Some(Effect::VotingRights {
                    member,
                    suspended: verb == "suspend_voting",
                })
            }
            _ => {
                let review = self.reviews.resolve(target, &mut self.diags)?;
                Some(Effect::Review { review })
            }
        }
    }

    fn indicator_effect(&mut self, e: &raw::Effect, target: &Spanned<String>) -> Option<Effect> {
        let slot = self.indicator_slot(target, e.actor.as_ref())?;
        self.indicator_change(e, target, slot)
    }

    /// The slot of an indicator, for one actor (per-actor indicators) or none (global ones).
    fn indicator_slot(
        &mut self,
        target: &Spanned<String>,
        actor: Option<&Spanned<String>>,
    ) -> Option<SlotId> {
        let index = self.indicators.resolve(target, &mut self.diags)?;
        let def = &self.indicator_defs[index.index()];
        let (first, actors) = (def.first_slot, def.actors.clone());
        Some(match (actor, actors.is_empty()) {
            (None, true) => first,
            (Some(a), true) => {
                self.error(
                    format!("`{}` is a global indicator: drop `actor`", target.get_ref()),
                    a.span(),
                );
                return None;
            }
            (None, false) => {
                self.error(
                    format!("`{}` is per actor: add `actor = \"...\"`", target.get_ref()),
                    target.span(),
                );
                return None;
            }
            (Some(a), false) => {
                let actor = self.actors.resolve(a, &mut self.diags)?;
                match actors.iter().position(|x| *x == actor) {
                    Some(pos) => first.offset(pos),
                    None => {
                        self.error(
                            format!("`{}` has no value for `{}`", target.get_ref(), a.get_ref()),
                            a.span(),
                        );
                        return None;
                    }
                }
            }
        })
    }

    /// `times = "indicator(actor)"`: the slot whose value multiplies the change. The whole
    /// string's span locates every error in it.
    fn times_slot(&mut self, times: &Spanned<String>) -> Option<SlotId> {
        let span = times.span();
        let text = times.get_ref().trim();
        let parsed = text
            .strip_suffix(')')
            .and_then(|t| t.split_once('('))
            .map(|(name, actor)| (name.trim(), actor.trim()));
        let Some((name, actor)) = parsed.filter(|(name, _)| !name.is_empty()) else {
            self.error(
                "`times` names an indicator as a condition reads it: `indicator(actor)`, or \
                 `indicator()` for a global one",
                span,
            )
            .hints
            .push("for example: times = \"receptiveness(partner)\"".into());
            return None;
        };
        if let Some(index) = self.indicators.get(name) {
            let per_actor = !self.indicator_defs[index.index()].actors.is_empty();
            if per_actor == actor.is_empty() {
                let msg = if per_actor {
                    format!("`{name}` is per actor: write `{name}(actor)`")
                } else {
                    format!("`{name}` is a global indicator: write `{name}()`")
                };
                self.error(msg, span);
                return None;
            }
        }
        let name = Spanned::new(span.clone(), name.to_owned());
        let actor = (!actor.is_empty()).then(|| Spanned::new(span.clone(), actor.to_owned()));
        self.indicator_slot(&name, actor.as_ref())
    }

    fn indicator_change(
        &mut self,
        e: &raw::Effect,
        target: &Spanned<String>,
        slot: SlotId,
    ) -> Option<Effect> {
        // Exactly one of the four ways to change an indicator.
        let given: Vec<std::ops::Range<usize>> = [
            e.by.as_ref().map(|v| v.span()),
            e.to.as_ref().map(|v| v.span()),
            e.baseline_by.as_ref().map(|v| v.span()),
            e.baseline_to.as_ref().map(|v| v.span()),
        ]
        .into_iter()
        .flatten()
        .collect();
        if given.len() != 1 {
            let span = given.get(1).cloned().unwrap_or(target.span());
            self.error(
                "an indicator effect needs exactly one of `by`, `to`, `baseline_by`, `baseline_to`",
                span,
            )
            .hints
            .push("`by` and `to` change the value; `baseline_by` and `baseline_to` the target it drifts toward".into());
            return None;
        }
        let baseline = e.baseline_by.is_some() || e.baseline_to.is_some();
        let change = if let Some(by) = e.by.as_ref().or(e.baseline_by.as_ref()) {
            Change::By(self.finite(by)?)
        } else if let Some(to) = &e.baseline_to {
            Change::To(self.finite(to)?)
        } else {
            match e.to.as_ref().map(|t| (t.get_ref(), t.span())) {
                Some((NumOrStr::Num(v), _)) if v.is_finite() => Change::To(*v),
                Some((_, span)) => {
                    self.error("`to` must be a finite number for an indicator", span);
                    return None;
                }
                None => return None,
            }
        };
        let times = match &e.times {
            Some(t) if matches!(change, Change::To(_)) => {
                self.error(
                    "`times` multiplies `by`; it does not apply to `to`",
                    t.span(),
                );
                return None;
            }
            Some(t) => Some(self.times_slot(t)?),
            None => None,
        };
        let scale = match &e.scale {
            Some(s) => {
                if matches!(change, Change::To(_)) {
                    self.error(
                        "`scale` multiplies `by`; it does not apply to `to`",
                        s.span(),
                    );
                    return None;
                }
                let Some((office, key)) = s.get_ref().split_once('.') else {
                    self.error(
                        "`scale` is written `office.style`, e.g. `chair.confrontation`",
                        s.span(),
                    );
                    return None;
                };
                let at = s.span().start + 1;
                let Some(o) = self.offices.find_at(office, at..at + office.len()) else {
                    let d = self.offices.unknown(office, Some(s.span()));
                    self.diags.push(d);
                    return None;
                };
                let Some(k) = self.style_keys.iter().position(|x| x == key) else {
                    let d = crate::diag::Diagnostic::error(
                        format!("no person has the style `{key}`"),
                        Some(s.span()),
                    )
                    .suggest(key, self.style_keys.iter().map(String::as_str));
                    self.diags.push(d);
                    return None;
                };
                Some(Scale {
                    office: o,
                    style_key: StyleKeyId::from_index(k),
                })
            }
            None => None,
        };
        Some(Effect::Indicator {
            slot,
            change,
            scale,
            times,
            baseline,
        })
    }
}
