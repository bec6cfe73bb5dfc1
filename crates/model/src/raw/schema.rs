//! The JSON Schema of the scenario format, as editors (Taplo / Even Better TOML) use it.
//!
//! The derive on the raw types describes one item as a base file writes it: every required
//! key present. A variant (a file whose `[scenario]` has `extends`) writes less: an item with
//! `override = true` only names its `id` and the keys it changes, `[scenario]` needs no dates,
//! and `[remove]` lists base items to delete. A schema derived from the types alone would
//! paint every variant red, so this module adjusts the derived schema to the file-level rules
//! the loader applies, without loosening what a base file must contain:
//!
//! - an item whose `override` is `true` needs only `id`; any other item needs every key, and
//!   a member state its population;
//! - an effect has exactly one leading key (what it does);
//! - `[scenario]` needs `start` and `end` unless it `extends` another file;
//! - a file that extends nothing may not use `override = true` or `[remove]`;
//! - `[remove]` takes id lists under the names of the sections only.
//!
//! Rules that relate items to each other (ids that must exist, conditions that type-check)
//! are beyond a schema and stay with `compile`.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value, json};

use super::ScenarioFile;

/// A calendar date as TOML writes it (`2024-06-30`) and editors show it: a string in the
/// schema, since JSON has no date type. A time of day is refused, as the loader refuses it.
#[derive(Debug)]
pub struct IsoDate;

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date, e.g. `2024-06-30` (no time of day).",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// The schema of a scenario file, base or variant, as pretty-printable JSON (draft-07).
pub fn scenario_schema() -> Schema {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<ScenarioFile>();
    if let Some(root) = schema.as_object_mut() {
        one_verb_per_effect(root);
        relax_overrides(root);
        member_states_need_a_population(root);
        relax_variant_header(root);
        restrict_remove(root);
        forbid_variant_keys_in_bases(root);
        ids_follow_the_id_rule(root);
        indicator_ranges_within_the_limit(root);
    }
    schema
}

/// The bounds the schema gives the number at `path` (`SECTION.ID.KEY[.KEY]` or
/// `scenario.KEY`): `(minimum, maximum)`, each `None` when unbounded; `None` when the schema
/// describes no number there. `[[uncertain]]` ranges are checked against it.
pub fn number_bounds(path: &str) -> Option<(Option<f64>, Option<f64>)> {
    // Generated once per process: a calibration compiles the scenario once per draw.
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    let root = SCHEMA.get_or_init(scenario_schema).as_value();
    let segments: Vec<&str> = path.split('.').collect();
    let (node, keys) = match segments.as_slice() {
        ["scenario", keys @ ..] => (root.pointer("/properties/scenario")?, keys),
        [section, _id, keys @ ..] => (root.pointer(&format!("/properties/{section}/items"))?, keys),
        _ => return None,
    };
    bounds_in(root, node, keys, 0)
}

/// [`number_bounds`] below `node`, following `$ref`s and trying each branch of a choice.
fn bounds_in(
    root: &Value,
    node: &Value,
    keys: &[&str],
    depth: usize,
) -> Option<(Option<f64>, Option<f64>)> {
    if depth > 32 {
        return None;
    }
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(r) => root.pointer(r.strip_prefix('#')?)?,
        None => node,
    };
    for choice in ["allOf", "anyOf", "oneOf"] {
        for branch in node
            .get(choice)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(found) = bounds_in(root, branch, keys, depth + 1) {
                return Some(found);
            }
        }
    }
    match keys.split_first() {
        None => {
            let numeric = match node.get("type") {
                Some(Value::String(t)) => t == "number" || t == "integer",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "number" || t == "integer"),
                _ => false,
            };
            numeric.then(|| {
                (
                    node.get("minimum").and_then(Value::as_f64),
                    node.get("maximum").and_then(Value::as_f64),
                )
            })
        }
        Some((key, rest)) => {
            let next = match node.pointer(&format!("/properties/{key}")) {
                Some(next) => next,
                None => node.get("additionalProperties").filter(|a| a.is_object())?,
            };
            bounds_in(root, next, rest, depth + 1)
        }
    }
}

/// Every item definition with an `override` key: required keys apply unless `override` is
/// true, in which case only `id` is required (the rest comes from the base item); and every
/// one may name inherited keys to delete (`unset`).
fn relax_overrides(root: &mut Map<String, Value>) {
    let Some(Value::Object(definitions)) = root.get_mut("definitions") else {
        return;
    };
    for definition in definitions.values_mut() {
        let Some(item) = definition.as_object_mut() else {
            continue;
        };
        let overridable = item
            .get("properties")
            .and_then(Value::as_object)
            .is_some_and(|p| p.contains_key("override"));
        if !overridable {
            continue;
        }
        // The merge consumes `unset` in any section's override item, before the item is
        // read; only some raw types declare it, so the schema adds it to every one.
        if let Some(Value::Object(properties)) = item.get_mut("properties") {
            properties.entry("unset").or_insert_with(|| {
                json!({
                    "description": "With `override = true` in a variant: keys of the base item to delete before this item's keys apply, e.g. `unset = [\"tabled\"]`.",
                    "type": "array",
                    "items": { "type": "string" }
                })
            });
        }
        let Some(required) = item.remove("required") else {
            continue;
        };
        let names_id = required
            .as_array()
            .is_some_and(|r| r.iter().any(|k| k == "id"));
        if names_id {
            item.insert("required".into(), json!(["id"]));
        }
        item.insert(
            "if".into(),
            json!({ "properties": { "override": { "const": true } }, "required": ["override"] }),
        );
        // An override names the base item it changes, even where `id` is otherwise optional.
        item.insert("then".into(), json!({ "required": ["id"] }));
        item.insert("else".into(), json!({ "required": required }));
    }
}

/// A member state needs a positive population (its weight in qualified-majority votes);
/// other actors may leave it out or give 0. Runs after [`relax_overrides`] and adds the rule
/// to its `else`: an override may leave `kind` and `population` to the base item.
fn member_states_need_a_population(root: &mut Map<String, Value>) {
    let Some(complete) = definition(root, "Actor")
        .and_then(|actor| actor.get_mut("else"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    complete.insert(
        "if".into(),
        json!({ "properties": { "kind": { "const": "member_state" } }, "required": ["kind"] }),
    );
    complete.insert(
        "then".into(),
        json!({ "required": ["population"], "properties": { "population": { "minimum": 1 } } }),
    );
}

/// An effect does one thing: exactly one of its leading keys (the loader's rule).
fn one_verb_per_effect(root: &mut Map<String, Value>) {
    let Some(effect) = definition(root, "Effect") else {
        return;
    };
    let verbs: Vec<Value> = crate::compile::effects::VERBS
        .iter()
        .map(|verb| json!({ "required": [verb] }))
        .collect();
    effect.insert("oneOf".into(), Value::Array(verbs));
}

/// Every `id` (the scenario's and every item's) follows the loader's rule: an ASCII letter,
/// then ASCII letters, digits, `-` and `_`, at most 128 characters.
fn ids_follow_the_id_rule(root: &mut Map<String, Value>) {
    let pattern = json!("^[A-Za-z][A-Za-z0-9_-]{0,127}$");
    let header = root
        .get_mut("properties")
        .and_then(|p| p.get_mut("scenario"))
        .and_then(Value::as_object_mut)
        .and_then(|h| h.get_mut("properties"))
        .and_then(|p| p.get_mut("id"))
        .and_then(Value::as_object_mut);
    if let Some(id) = header {
        id.insert("pattern".into(), pattern.clone());
    }
    let Some(Value::Object(definitions)) = root.get_mut("definitions") else {
        return;
    };
    for definition in definitions.values_mut() {
        let id = definition
            .get_mut("properties")
            .and_then(|p| p.get_mut("id"))
            .and_then(Value::as_object_mut);
        if let Some(id) = id {
            id.insert("pattern".into(), pattern.clone());
        }
    }
}

/// An indicator's range lies within ±[`crate::compile::MAX_INDICATOR_MAGNITUDE`], where the
/// Monte Carlo bin sums stay exact.
fn indicator_ranges_within_the_limit(root: &mut Map<String, Value>) {
    let limit = crate::compile::MAX_INDICATOR_MAGNITUDE;
    let Some(range) = definition(root, "Indicator")
        .and_then(|d| d.get_mut("properties"))
        .and_then(|p| p.get_mut("range"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let bounded = json!({ "type": "number", "minimum": -limit, "maximum": limit });
    match range.get_mut("items") {
        Some(Value::Array(items)) => items.iter_mut().for_each(|i| *i = bounded.clone()),
        Some(items) => *items = bounded,
        None => {}
    }
}

fn definition<'a>(
    root: &'a mut Map<String, Value>,
    name: &str,
) -> Option<&'a mut Map<String, Value>> {
    root.get_mut("definitions")?.get_mut(name)?.as_object_mut()
}

/// `[scenario]`: `id` always; `start` and `end` unless the file `extends` a base.
fn relax_variant_header(root: &mut Map<String, Value>) {
    let Some(header) = root
        .get_mut("properties")
        .and_then(|p| p.get_mut("scenario"))
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    header.insert("required".into(), json!(["id"]));
    header.insert("if".into(), json!({ "required": ["extends"] }));
    header.insert("else".into(), json!({ "required": ["start", "end"] }));
}

/// `[remove]` holds id lists under section names, and nothing else.
fn restrict_remove(root: &mut Map<String, Value>) {
    let Some(Value::Object(definitions)) = root.get_mut("definitions") else {
        return;
    };
    let Some(remove) = definitions.get_mut("Remove").and_then(Value::as_object_mut) else {
        return;
    };
    let ids = json!({ "type": "array", "items": { "type": "string" } });
    let properties: Map<String, Value> = crate::load::SECTIONS
        .iter()
        .map(|s| ((*s).to_owned(), ids.clone()))
        .collect();
    remove.remove("additionalProperties");
    remove.insert("properties".into(), Value::Object(properties));
    remove.insert("additionalProperties".into(), Value::Bool(false));
}

/// A file without `extends` is a base: `override = true` and `[remove]` mean nothing there
/// (the loader refuses them), so the schema refuses them too, and base items keep every
/// required key.
fn forbid_variant_keys_in_bases(root: &mut Map<String, Value>) {
    let no_override = json!({ "items": { "properties": { "override": { "const": false } } } });
    let mut properties: Map<String, Value> = crate::load::SECTIONS
        .iter()
        .map(|s| ((*s).to_owned(), no_override.clone()))
        .collect();
    properties.insert("remove".into(), Value::Bool(false));
    root.insert(
        "if".into(),
        json!({
            "properties": { "scenario": { "required": ["extends"] } },
            "required": ["scenario"]
        }),
    );
    root.insert("else".into(), json!({ "properties": properties }));
}
