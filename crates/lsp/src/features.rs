//! What the server answers about a position: the definition and references of the id under
//! it, and a hover (an item's kind, id and name; a state's status; a fact's date, summary and
//! document; inside a condition, the condition's value at the scenario's start and the value
//! of everything it reads).
//!
//! Everything is read from an [`Analysis`]: the compiler's index and model, never a second
//! parse of the scenario.

use lsp_types::{Hover, HoverContents, Location, MarkupContent, MarkupKind};
use statecraft_model::compile::index::Symbol;
use statecraft_model::expr::{Env, Type};
use statecraft_model::model::{Accessor, Cond};
use statecraft_model::state::State;

use crate::analysis::Analysis;

fn symbol_at(analysis: &Analysis, at: usize) -> Option<&Symbol> {
    analysis.index.as_ref()?.symbol_at(at)
}

/// Where the id at global offset `at` is defined.
pub fn definition(analysis: &Analysis, at: usize) -> Option<Location> {
    let symbol = symbol_at(analysis, at)?;
    let index = analysis.index.as_ref()?;
    let def = index.definition(symbol.kind, &symbol.id)?;
    analysis.location(&def.span)
}

/// Every place the id at global offset `at` is written; its definition too when asked.
pub fn references(analysis: &Analysis, at: usize, with_definition: bool) -> Vec<Location> {
    let (Some(symbol), Some(index)) = (symbol_at(analysis, at), analysis.index.as_ref()) else {
        return Vec::new();
    };
    index
        .occurrences(symbol.kind, &symbol.id)
        .filter(|s| with_definition || !s.definition)
        .filter_map(|s| analysis.location(&s.span))
        .collect()
}

/// The hover at global offset `at`: the id under it, else the condition string holding it;
/// an id inside a condition shows the condition's values too.
pub fn hover(analysis: &Analysis, at: usize) -> Option<Hover> {
    let index = analysis.index.as_ref()?;
    let condition = index.condition_at(at);
    let (text, span) = match (index.symbol_at(at), condition) {
        (Some(symbol), None) => (describe(analysis, symbol), symbol.span.clone()),
        (Some(symbol), Some((_, cond))) => (
            format!(
                "{}\n\n---\n\n{}",
                describe(analysis, symbol),
                values(analysis, cond)
            ),
            symbol.span.clone(),
        ),
        (None, Some((span, cond))) => (values(analysis, cond), span.clone()),
        (None, None) => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: analysis.location(&span).map(|l| l.range),
    })
}

/// A condition and its value at the scenario's start, then the value of each call it
/// reads: a number, true/false, a date or a state's name, as the file would write it.
fn values(analysis: &Analysis, cond: &Cond) -> String {
    let Some(model) = &analysis.model else {
        return format!(
            "condition `{}`\n\nno value: the scenario does not compile",
            cond.text()
        );
    };
    let state = State::new(model);
    let env = &state as &dyn Env<_>;
    let v = cond.eval(&state);
    let shown = match cond.ty() {
        Type::Bool => (v != 0.0).to_string(),
        Type::Number => number(v),
        Type::Date => statecraft_model::calendar::date_of_day(v as i32).to_string(),
        Type::Enum(_) => format!("state {v}"),
    };
    let mut out = format!(
        "condition `{}`\n\nat the scenario's start: **{shown}**",
        cond.text()
    );
    let mut seen = Vec::new();
    for (accessor, range) in cond.reads() {
        let Some(call) = cond.text().get(range) else {
            continue;
        };
        if seen.contains(&call) {
            continue;
        }
        seen.push(call);
        let v = env.read(accessor);
        // A named value is quoted as the condition compares it; "vacant" is no person.
        let named = match accessor {
            Accessor::Status(_) | Accessor::Outcome(_) => true,
            Accessor::Holder(_) => v >= 0.0,
            _ => false,
        };
        let shown = match model.read_text(accessor, v) {
            Some(text) if named => format!("\"{text}\""),
            Some(text) => text,
            None => number(v),
        };
        out.push_str(&format!("\n- `{call}` = {shown}"));
    }
    out
}

/// A number as a scenario writes one: no trailing `.0`, at most four decimals.
fn number(v: f64) -> String {
    let rounded = (v * 10_000.0).round() / 10_000.0;
    format!("{rounded}")
}

/// An item's kind, id and name; a state's status; for a fact, its date, summary and
/// document.
fn describe(analysis: &Analysis, symbol: &Symbol) -> String {
    let index = analysis.index.as_ref();
    let mut out = match symbol.kind {
        "state" => {
            let (status, state) = symbol.id.split_once('.').unwrap_or(("", &symbol.id));
            let mut out = format!("state `{state}` of status `{status}`");
            if let Some(name) = index.and_then(|i| i.names.get(&("status", status.to_owned()))) {
                out.push_str(&format!(" ({name})"));
            }
            return out;
        }
        kind => format!("{kind} `{}`", symbol.id),
    };
    if let Some(name) = index.and_then(|i| i.names.get(&(symbol.kind, symbol.id.clone()))) {
        out.push_str(&format!(": {name}"));
    }
    if symbol.kind == "fact"
        && let Some(fact) = analysis
            .loaded
            .as_ref()
            .and_then(|l| l.facts.iter().find(|f| *f.id.get_ref() == symbol.id))
    {
        if let Some(date) = &fact.date {
            out.push_str(&format!("\n\n{}", date.get_ref()));
        }
        out.push_str(&format!(
            "\n\n{}\n\ndocument: {}",
            fact.summary, fact.document
        ));
        if let Some(p) = &fact.paragraph {
            out.push_str(&format!(", {p}"));
        }
        if let Some(url) = &fact.url {
            out.push_str(&format!("\n\n<{url}>"));
        }
    }
    out
}
