//! Keys and enum values from the scenario format's JSON Schema (the one `statecraft schema`
//! prints), for completion: the keys a section's items take and the values an enum key
//! accepts. The schema is the format's one description, so completion cannot offer a key the
//! loader refuses.

use lsp_types::{CompletionItem, CompletionItemKind};
use serde_json::Value;

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

/// The schema of the items of `section` (or of the file's top level); a dotted section
/// (`review.action`, `proposal.retable`) is followed key by key.
fn section_schema<'a>(schema: &'a Value, section: Option<&str>) -> Option<&'a Value> {
    let Some(section) = section else {
        return Some(schema);
    };
    let mut node = schema;
    for key in section.split('.') {
        node = resolve(schema, node.get("properties")?.get(key)?);
        // `Option<T>` comes out as `anyOf: [T, null]`.
        if let Some(first) = node.get("anyOf").and_then(|a| a.get(0)) {
            node = resolve(schema, first);
        }
        if let Some(items) = node.get("items") {
            node = resolve(schema, items);
        }
        if let Some(first) = node.get("anyOf").and_then(|a| a.get(0)) {
            node = resolve(schema, first);
        }
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

pub fn keys(schema: &Value, section: Option<&str>) -> Vec<CompletionItem> {
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

pub fn enum_values(schema: &Value, section: Option<&str>, key: &str) -> Vec<CompletionItem> {
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
