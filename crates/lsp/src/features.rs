//! What the server answers about a position: the definition and references of the id under
//! it, a hover (an item's kind, id and name; a fact's date, summary and document; a
//! condition's value at the scenario's start) and completions (ids inside conditions, values
//! of keys that take ids, keys and enum values from the JSON Schema).
//!
//! Everything is read from an [`Analysis`]: the compiler's index and model, never a second
//! parse of the scenario.

use lsp_types::{
    CompletionItem, CompletionItemKind, Hover, HoverContents, Location, MarkupContent, MarkupKind,
};
use serde_json::Value;
use statecraft_model::compile::index::Symbol;
use statecraft_model::expr::{Env, Type};
use statecraft_model::state::State;

use super::analysis::{Analysis, range_of, uri_of};

/// The LSP location of a global span of `analysis`.
fn location(analysis: &Analysis, span: &std::ops::Range<usize>) -> Option<Location> {
    let file = analysis.sources.file_at(span.start)?;
    let uri = uri_of(file.path.as_deref()?)?;
    let start = span.start - file.base;
    let end = span.end.saturating_sub(file.base).max(start);
    Some(Location::new(uri, range_of(file, start, end)))
}

fn symbol_at(analysis: &Analysis, at: usize) -> Option<&Symbol> {
    analysis.index.as_ref()?.symbol_at(at)
}

/// Where the id at global offset `at` is defined.
pub fn definition(analysis: &Analysis, at: usize) -> Option<Location> {
    let symbol = symbol_at(analysis, at)?;
    let index = analysis.index.as_ref()?;
    let def = index.definition(symbol.kind, &symbol.id)?;
    location(analysis, &def.span)
}

/// Every place the id at global offset `at` is written; its definition too when asked.
pub fn references(analysis: &Analysis, at: usize, with_definition: bool) -> Vec<Location> {
    let (Some(symbol), Some(index)) = (symbol_at(analysis, at), analysis.index.as_ref()) else {
        return Vec::new();
    };
    index
        .occurrences(symbol.kind, &symbol.id)
        .filter(|s| with_definition || !s.definition)
        .filter_map(|s| location(analysis, &s.span))
        .collect()
}

/// The hover at global offset `at`: the id under it, else the condition string holding it.
pub fn hover(analysis: &Analysis, at: usize) -> Option<Hover> {
    let index = analysis.index.as_ref()?;
    let (text, span) = if let Some(symbol) = index.symbol_at(at) {
        (describe(analysis, symbol), symbol.span.clone())
    } else {
        let (span, cond) = index.condition_at(at)?;
        let value = match &analysis.model {
            Some(model) => {
                let state = State::new(model);
                let v = cond.eval(&state as &dyn Env<_>);
                let shown = match cond.ty() {
                    Type::Bool => (if v != 0.0 { "true" } else { "false" }).to_owned(),
                    Type::Number => format!("{v}"),
                    Type::Date => statecraft_model::calendar::date_of_day(v as i32).to_string(),
                    Type::Enum(_) => format!("state {v}"),
                };
                format!("at the scenario's start: **{shown}**")
            }
            None => "no value: the scenario does not compile".to_owned(),
        };
        (
            format!("condition `{}`\n\n{value}", cond.text()),
            span.clone(),
        )
    };
    let file = analysis.sources.file_at(span.start)?;
    let start = span.start - file.base;
    let end = span.end.saturating_sub(file.base).max(start);
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(range_of(file, start, end)),
    })
}

/// An item's kind, id and name; for a fact, its date, summary and document.
fn describe(analysis: &Analysis, symbol: &Symbol) -> String {
    let mut out = format!("{} `{}`", symbol.kind, symbol.id);
    let index = analysis.index.as_ref();
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

/// The kind of id a condition function takes as its argument.
fn argument_kind(analysis: &Analysis, function: &str) -> Option<&'static str> {
    if let Some(kind) = statecraft_model::compile::builtin_argument(function) {
        return kind;
    }
    let index = analysis.index.as_ref()?;
    index
        .ids_of("indicator")
        .any(|i| i == function)
        .then_some("actor")
}

/// The ids `function(...)` accepts, where the scenario narrows them: an indicator's
/// actors, the actors that have a status, the statuses of `actor.` (`None`: every id of
/// the kind).
fn arguments_of(analysis: &Analysis, function: &str, typed: &str) -> Option<Vec<String>> {
    let file = &analysis.loaded.as_ref()?.file;
    let names = |list: &[toml::Spanned<String>]| -> Vec<String> {
        list.iter().map(|a| a.get_ref().clone()).collect()
    };
    if function == "status" {
        return Some(match typed.split_once('.') {
            Some((actor, _)) => (file.status.iter())
                .filter(|s| s.actors.get_ref().iter().any(|a| a.get_ref() == actor))
                .map(|s| s.id.get_ref().clone())
                .collect(),
            None => file
                .status
                .iter()
                .flat_map(|s| names(s.actors.get_ref()))
                .collect(),
        });
    }
    let indicator = file.indicator.iter().find(|i| i.id.get_ref() == function)?;
    Some(
        indicator
            .actors
            .as_ref()
            .map_or_else(Vec::new, |a| names(a.get_ref())),
    )
}

/// The kind of id a key takes as its value.
fn key_kind(key: &str) -> Option<&'static str> {
    Some(match key {
        "beneficiary" | "member" | "members" | "counterpart" | "participants" | "proposer"
        | "holder" | "actor" | "actors" => "actor",
        "instrument" | "instruments" => "instrument",
        "source" | "sources" => "fact",
        "proposal" | "proposals" | "package_of" => "proposal",
        "policy" | "policies" => "policy",
        "calendar" => "calendar",
        "office" => "office",
        "group" | "groups" => "group",
        _ => return None,
    })
}

/// Completions for `line` (the text of the current line up to the cursor), in the section
/// `section` (`actor` under `[[actor]]`), with `schema` the scenario format's JSON Schema.
pub fn completion(
    analysis: Option<&Analysis>,
    line: &str,
    section: Option<&str>,
    schema: &Value,
) -> Vec<CompletionItem> {
    let ids = |kind: &str, detail: &str| -> Vec<CompletionItem> {
        let Some(index) = analysis.and_then(|a| a.index.as_ref()) else {
            return Vec::new();
        };
        let mut seen = Vec::new();
        index
            .ids_of(kind)
            .filter(|id| {
                let new = !seen.contains(id);
                seen.push(*id);
                new
            })
            .map(|id| item(id, CompletionItemKind::REFERENCE, detail))
            .collect()
    };
    let quotes = line.matches('"').count();
    let in_string = quotes % 2 == 1;
    // Inside a call of a condition: `trust(` or `status(partner.`.
    if in_string && let Some(open) = line.rfind('(') {
        let after = &line[open + 1..];
        if !after.contains(')') && !after.contains('"') {
            let function = line[..open]
                .trim_end()
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c)))
                .next()
                .unwrap_or("");
            if let Some(analysis) = analysis
                && let Some(kind) = argument_kind(analysis, function)
            {
                let mut items = if function == "status" && after.contains('.') {
                    ids("status", "status")
                } else {
                    ids(kind, kind)
                };
                if let Some(keep) = arguments_of(analysis, function, after.trim()) {
                    items.retain(|i| keep.contains(&i.label));
                }
                return items;
            }
        }
    }
    let key = line
        .rfind('=')
        .map(|eq| line[..eq].trim_end())
        .and_then(|before| {
            before
                .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
        })
        .filter(|k| !k.is_empty());
    if let Some(key) = key {
        if in_string || line.trim_end().ends_with('[') || line.trim_end().ends_with('=') {
            if let Some(kind) = key_kind(key) {
                return ids(kind, kind);
            }
            if in_string && key == "when" || key.ends_with("_when") || key == "requires" {
                // A condition being written: its functions.
                let mut items: Vec<CompletionItem> = ids("indicator", "indicator");
                items.extend(
                    statecraft_model::compile::CONDITION_FUNCTIONS
                        .iter()
                        .map(|b| item(b, CompletionItemKind::FUNCTION, "built-in")),
                );
                return items;
            }
            return enum_values(schema, section, key);
        }
        return Vec::new();
    }
    // A key at the start of a line.
    if line
        .trim_start()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return keys(schema, section);
    }
    Vec::new()
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

/// The schema of the items of `section` (or of the file's top level).
fn section_schema<'a>(schema: &'a Value, section: Option<&str>) -> Option<&'a Value> {
    let Some(section) = section else {
        return Some(schema);
    };
    let mut node = schema.get("properties")?.get(section)?;
    node = resolve(schema, node);
    if let Some(items) = node.get("items") {
        node = resolve(schema, items);
    }
    // `Option<T>` comes out as `anyOf: [T, null]`.
    if let Some(first) = node.get("anyOf").and_then(|a| a.get(0)) {
        node = resolve(schema, first);
    }
    Some(node)
}

/// Follows a `$ref` within the schema.
fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    let mut node = node;
    for _ in 0..8 {
        let Some(reference) = node.get("$ref").and_then(Value::as_str) else {
            break;
        };
        let Some(pointer) = reference.strip_prefix('#') else {
            break;
        };
        match schema.pointer(pointer) {
            Some(next) => node = next,
            None => break,
        }
    }
    node
}

fn keys(schema: &Value, section: Option<&str>) -> Vec<CompletionItem> {
    let Some(properties) = section_schema(schema, section)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
    else {
        return Vec::new();
    };
    properties
        .iter()
        .map(|(key, value)| {
            let doc = value
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("");
            item(key, CompletionItemKind::PROPERTY, doc)
        })
        .collect()
}

fn enum_values(schema: &Value, section: Option<&str>, key: &str) -> Vec<CompletionItem> {
    let Some(property) = section_schema(schema, section)
        .and_then(|s| s.get("properties"))
        .and_then(|p| p.get(key))
    else {
        return Vec::new();
    };
    let mut values = Vec::new();
    collect_enum(schema, property, &mut values, 0);
    values
        .iter()
        .map(|v| item(v, CompletionItemKind::ENUM_MEMBER, key))
        .collect()
}

fn collect_enum(schema: &Value, node: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    let node = resolve(schema, node);
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        out.extend(values.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    if let Some(c) = node.get("const").and_then(Value::as_str) {
        out.push(c.to_owned());
    }
    for list in ["anyOf", "oneOf"] {
        if let Some(options) = node.get(list).and_then(Value::as_array) {
            for option in options {
                collect_enum(schema, option, out, depth + 1);
            }
        }
    }
}
