//! Statuses and flags: the named states a status moves through (one slot per actor, each with
//! its initial state) and the yes/no flags items set and read.

use std::ops::Range;

use super::{Ctx, MAX_STATES};
use crate::diag::Diagnostic;
use crate::id::*;
use crate::model::{self, StatusSlotOwner};
use crate::raw::{ScenarioFile, StrOrMap};

/// Stands in for the states of a status whose list was refused, so that its slots exist.
const PLACEHOLDER_STATE: &str = "(refused)";

impl Ctx<'_> {
    /// Statuses: slots, states and initial states.
    pub(super) fn statuses_of(&mut self, file: &ScenarioFile) -> (Vec<u16>, Vec<StatusSlotOwner>) {
        let (mut initial, mut owner) = (Vec::new(), Vec::new());
        for (index, st) in file.status.iter().enumerate() {
            let actors = self.actor_list(st.actors.get_ref());
            if actors.is_empty() {
                self.error("a status needs at least one actor", st.actors.span());
            }
            let mut states: Vec<String> = Vec::new();
            let given = st.states.get_ref();
            // The limit before the work: duplicates are found by scanning, which is only cheap
            // for a list this short.
            if given.is_empty() || given.len() > MAX_STATES {
                self.error(
                    format!(
                        "a status needs between 1 and {MAX_STATES} states, found {}",
                        given.len()
                    ),
                    st.states.span(),
                );
                states.push(PLACEHOLDER_STATE.into());
            } else {
                for s in given {
                    if states.contains(s.get_ref()) {
                        self.error(format!("duplicate state `{}`", s.get_ref()), s.span());
                    } else {
                        self.record_state(st.id.get_ref(), s.get_ref(), s.span(), true);
                        states.push(s.get_ref().clone());
                    }
                }
            }
            let first_slot = StatusSlotId::from_index(initial.len());
            let status = StatusId::from_index(index);
            let placeholder = states == [PLACEHOLDER_STATE];
            let lookup = |this: &mut Self, name: &str, span: Range<usize>| -> u16 {
                match states.iter().position(|s| s == name) {
                    Some(i) => {
                        this.record_state(st.id.get_ref(), name, span, false);
                        i as u16
                    }
                    // The states were refused already; a lookup in the stand-in says nothing.
                    None if placeholder => 0,
                    None => {
                        let d = Diagnostic::error(
                            format!("unknown state `{name}` of status `{}`", st.id.get_ref()),
                            Some(span),
                        )
                        .suggest(name, states.iter().map(String::as_str))
                        .with_hint(format!("states: {}", states.join(", ")));
                        this.diags.push(d);
                        0
                    }
                }
            };
            match st.initial.get_ref() {
                StrOrMap::All(name) => {
                    let s = lookup(self, name, st.initial.span());
                    for &a in &actors {
                        initial.push(s);
                        owner.push(StatusSlotOwner { status, actor: a });
                    }
                }
                StrOrMap::ByActor(entries) => {
                    let mut by_actor = vec![None; actors.len()];
                    for (actor, state) in entries {
                        let Some(a) = self.actors.resolve(actor, &mut self.diags) else {
                            continue;
                        };
                        match actors.iter().position(|x| *x == a) {
                            Some(pos) => {
                                by_actor[pos] = Some(lookup(self, state.get_ref(), state.span()))
                            }
                            None => {
                                self.error(
                                    format!(
                                        "`{}` is not one of this status's actors",
                                        actor.get_ref()
                                    ),
                                    actor.span(),
                                );
                            }
                        }
                    }
                    for (pos, &a) in actors.iter().enumerate() {
                        if by_actor[pos].is_none() {
                            let id = self.actors.ids[a.index()].clone();
                            self.error(
                                format!("`initial` has no state for `{id}`"),
                                st.initial.span(),
                            );
                        }
                        initial.push(by_actor[pos].unwrap_or(0));
                        owner.push(StatusSlotOwner { status, actor: a });
                    }
                }
            }
            self.cite(&st.source);
            self.status_defs.push(model::Status {
                id: st.id.get_ref().clone(),
                name: st.name.clone().unwrap_or_else(|| st.id.get_ref().clone()),
                states,
                actors,
                first_slot,
                source: None,
            });
        }
        (initial, owner)
    }

    /// Flags: a name and an initial value each.
    pub(super) fn flags_of(&mut self, file: &ScenarioFile) -> Vec<model::Flag> {
        file.flag
            .iter()
            .map(|f| model::Flag {
                id: f.id.get_ref().clone(),
                name: f.name.clone().unwrap_or_else(|| f.id.get_ref().clone()),
                initial: f.initial,
                source: self.cite(&f.source),
            })
            .collect()
    }
}
