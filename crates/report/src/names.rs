//! What the page calls things: the scenario's names (proposal titles, actor, indicator,
//! status and flag names) instead of ids, states read as words, conditions and other
//! back-quoted text as code elements, and fact ids as links to the facts section. Every
//! piece of scenario text passes through maud, which escapes it.

use maud::{Markup, html};
use statecraft_model::id::{FactId, SlotId, StatusSlotId};
use statecraft_model::model::Model;

/// An indicator slot's name: the indicator's, with the actor's for a per-actor indicator.
pub fn slot_name(model: &Model, slot: SlotId) -> String {
    let owner = model.slot_owner(slot);
    let name = &model.indicator(owner.indicator).name;
    match owner.actor {
        Some(a) => format!("{name} — {}", model.actor(a).name),
        None => name.clone(),
    }
}

/// A status slot's name: the actor's and the status's.
pub fn status_name(model: &Model, slot: StatusSlotId) -> String {
    let owner = model.status_slot_owner(slot);
    format!(
        "{}: {}",
        model.actor(owner.actor).name,
        model.status(owner.status).name
    )
}

/// A state as words (`partly_suspended` → `partly suspended`).
pub fn state_words(state: &str) -> String {
    state.replace('_', " ")
}

/// A proposal's title by its id, or the id when the scenario has no such proposal.
pub fn proposal_title(model: &Model, id: &str) -> String {
    model
        .proposal_by_id(id)
        .map(|p| model.proposal(p).title.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// An actor's name by its id, or the id.
pub fn actor_name(model: &Model, id: &str) -> String {
    model
        .actor_by_id(id)
        .map(|a| model.actor(a).name.clone())
        .unwrap_or_else(|| id.to_owned())
}

/// Text in which back-quoted spans (conditions, ids) become code elements; an unpaired
/// back quote stays as it is.
pub fn rich(text: &str) -> Markup {
    let parts: Vec<&str> = text.split('`').collect();
    // An even number of parts means one back quote is unpaired: the last one stays text.
    let paired = if parts.len().is_multiple_of(2) {
        parts.len() - 1
    } else {
        parts.len()
    };
    html! {
        @for (i, part) in parts.iter().enumerate() {
            @if i % 2 == 1 && i < paired {
                code { (part) }
            } @else if i >= paired {
                "`" (part)
            } @else {
                (part)
            }
        }
    }
}

/// The anchor of a fact in the facts section.
pub fn fact_anchor(id: &str) -> String {
    format!("fact-{id}")
}

/// Links to the facts `ids` cite, in brackets; nothing when there are none.
pub fn sources<S: AsRef<str>>(ids: &[S]) -> Markup {
    html! {
        @if !ids.is_empty() {
            " "
            span.src {
                "["
                @for (i, id) in ids.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href={ "#" (fact_anchor(id.as_ref())) } { (id.as_ref()) }
                }
                "]"
            }
        }
    }
}

/// The link to an item's source fact, if it has one.
pub fn source(model: &Model, fact: Option<FactId>) -> Markup {
    let ids: Vec<&str> = model.fact_id(fact).into_iter().collect();
    sources(&ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_quotes_become_code_and_everything_is_escaped() {
        assert_eq!(
            rich("waits for `a() > 1 && b()` here").into_string(),
            "waits for <code>a() &gt; 1 &amp;&amp; b()</code> here"
        );
        assert_eq!(rich("odd ` quote").into_string(), "odd ` quote");
        assert_eq!(
            rich("`x` and `y` then `z").into_string(),
            "<code>x</code> and <code>y</code> then `z"
        );
        assert_eq!(rich("<script>").into_string(), "&lt;script&gt;");
    }

    #[test]
    fn sources_link_to_the_facts_section() {
        assert_eq!(
            sources(&["f-1", "\"><b>"]).into_string(),
            " <span class=\"src\">[<a href=\"#fact-f-1\">f-1</a>, \
             <a href=\"#fact-&quot;&gt;&lt;b&gt;\">&quot;&gt;&lt;b&gt;</a>]</span>"
        );
        assert_eq!(sources::<&str>(&[]).into_string(), "");
        assert_eq!(state_words("partly_suspended"), "partly suspended");
    }
}
