//! `extends`: a variant merged over its base, item by item.
//!
//! - `[scenario]`: the variant's keys replace the base's.
//! - An item whose id the base does not have is added.
//! - An item with `override = true` changes the base item of the same id key by key; the
//!   variant only writes the keys it changes. Without `override`, reusing a base id is an
//!   error, and so is `override` on an id the base lacks: both are usually typos, and a typo
//!   that silently added a second item would make a what-if answer the wrong question.
//! - `unset = ["chance"]` in an `override = true` item deletes those keys from the base item
//!   before the variant's keys are laid over it (a random event made scheduled drops its
//!   inherited `chance`).
//! - `[remove]` deletes base items by section and id.

use toml::Spanned;
use toml::de::{DeArray, DeValue};

use super::SECTIONS;
use super::tree::{self, Table, Value};
use crate::diag::Diagnostic;

/// Merges `variant` over `base`.
pub fn merge<'a>(
    mut base: Table<'a>,
    mut variant: Table<'a>,
    diags: &mut Vec<Diagnostic>,
) -> Table<'a> {
    if let Some((_, remove)) = tree::remove(&mut variant, "remove") {
        apply_removals(&mut base, remove, diags);
    }
    for (key, value) in variant {
        let name = key.get_ref().to_string();
        if name == "scenario" {
            merge_header(&mut base, key, value);
        } else if SECTIONS.contains(&name.as_str()) {
            merge_section(&mut base, key, value, diags);
        } else {
            // Unknown sections are reported when the merged tree is typed.
            tree::set(&mut base, key, value);
        }
    }
    base
}

fn merge_header<'a>(base: &mut Table<'a>, key: tree::Key<'a>, value: Value<'a>) {
    let merged = match (
        tree::get_mut(base, "scenario").map(|v| v.get_mut()),
        value.get_ref(),
    ) {
        (Some(DeValue::Table(base_header)), DeValue::Table(header)) => {
            for (k, v) in header.clone() {
                tree::set(base_header, k, v);
            }
            true
        }
        _ => false,
    };
    if !merged {
        tree::set(base, key, value);
    }
}

fn merge_section<'a>(
    base: &mut Table<'a>,
    key: tree::Key<'a>,
    value: Value<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let section = key.get_ref().to_string();
    let (DeValue::Array(items), Some(DeValue::Array(base_items))) = (
        value.get_ref(),
        tree::get(base, &section).map(|v| v.get_ref()),
    ) else {
        // Nothing to merge with (or wrong shapes, reported when typed): the variant's wins,
        // unless it overrides items the base cannot have.
        for item in array_items(&value) {
            if tree::is_override(item) {
                report_missing(&section, item, &[], diags);
            } else {
                report_stray_unset(item, diags);
            }
        }
        let mut value = value;
        strip_override_keys(&mut value);
        tree::set(base, key, value);
        return;
    };
    let mut merged: Vec<Value<'a>> = base_items.iter().cloned().collect();
    for item in items.iter() {
        let id = tree::item_id(item);
        let existing = id.as_ref().and_then(|(id, _)| {
            merged
                .iter()
                .position(|b| tree::item_id(b).is_some_and(|(b, _)| &b == id))
        });
        match (tree::is_override(item), existing) {
            (true, Some(at)) => merged[at] = patch(merged[at].clone(), item.clone(), diags),
            (true, None) => {
                let ids: Vec<String> = merged
                    .iter()
                    .filter_map(|b| tree::item_id(b).map(|(i, _)| i))
                    .collect();
                report_missing(&section, item, &ids, diags);
            }
            (false, Some(at)) => {
                let (id, span) = id.unwrap_or_default();
                let _ = at;
                diags.push(
                    Diagnostic::error(
                        format!(
                            "duplicate id: the base scenario already has a [[{section}]] `{id}`"
                        ),
                        Some(span),
                    )
                    .with_label("already defined in the base")
                    .with_hint(format!(
                        "to change the base's `{id}`, add `override = true` to this item"
                    )),
                );
            }
            (false, None) => {
                report_stray_unset(item, diags);
                merged.push(item.clone());
            }
        }
    }
    let mut array = DeArray::new();
    for mut item in merged {
        strip_override(&mut item);
        array.push(item);
    }
    let span = value.span();
    tree::set(base, key, Spanned::new(span, DeValue::Array(array)));
}

/// `override = true` in a file that extends nothing has nothing to override.
pub fn reject_overrides(table: &Table<'_>, diags: &mut Vec<Diagnostic>) {
    for section in SECTIONS {
        let Some(value) = tree::get(table, section) else {
            continue;
        };
        for item in array_items(value) {
            report_stray_unset(item, diags);
            if tree::is_override(item) {
                let span = match item.get_ref() {
                    DeValue::Table(t) => tree::get(t, "override").map(|v| v.span()),
                    _ => None,
                };
                diags.push(
                    Diagnostic::error("`override = true` only applies in a variant", span.or(Some(item.span())))
                        .with_hint("a variant names its base with `extends = \"baseline.toml\"` under [scenario]; in a base scenario, delete this key"),
                );
            }
        }
    }
}

fn array_items<'v, 'a>(value: &'v Value<'a>) -> &'v [Value<'a>] {
    match value.get_ref() {
        DeValue::Array(items) => items,
        _ => &[],
    }
}

fn report_missing(section: &str, item: &Value<'_>, ids: &[String], diags: &mut Vec<Diagnostic>) {
    let Some((id, span)) = tree::item_id(item) else {
        diags.push(Diagnostic::error(
            "an item with `override = true` needs an `id`",
            Some(item.span()),
        ));
        return;
    };
    diags.push(
        Diagnostic::error(
            format!("`override` of [[{section}]] `{id}`, which the base scenario does not have"),
            Some(span),
        )
        .with_label("no such id in the base")
        .suggest(&id, ids.iter().map(String::as_str))
        .with_hint("drop `override = true` to add a new item instead"),
    );
}

/// `unset` outside an override item has no inherited keys to unset.
fn report_stray_unset(item: &Value<'_>, diags: &mut Vec<Diagnostic>) {
    if let DeValue::Table(t) = item.get_ref()
        && let Some(unset) = tree::get(t, "unset")
    {
        diags.push(
            Diagnostic::error(
                "`unset` only applies in an item with `override = true`",
                Some(unset.span()),
            )
            .with_hint(
                "it deletes keys that a variant's item inherits from the base item of the same id",
            ),
        );
    }
}

/// The base item with the variant's keys laid over it, after the keys the variant lists in
/// `unset` are deleted.
fn patch<'a>(base: Value<'a>, variant: Value<'a>, diags: &mut Vec<Diagnostic>) -> Value<'a> {
    let span = base.span();
    match (base.into_inner(), variant.into_inner()) {
        (DeValue::Table(mut b), DeValue::Table(mut v)) => {
            if let Some((_, unset)) = tree::remove(&mut v, "unset") {
                unset_keys(&mut b, &unset, diags);
            }
            for (k, value) in v {
                tree::set(&mut b, k, value);
            }
            Spanned::new(span, DeValue::Table(b))
        }
        (_, v) => Spanned::new(span, v),
    }
}

/// Deletes the keys `unset` names from a base item; each must be a key the item has.
fn unset_keys(base: &mut Table<'_>, unset: &Value<'_>, diags: &mut Vec<Diagnostic>) {
    let DeValue::Array(keys) = unset.get_ref() else {
        diags.push(Diagnostic::error(
            "`unset` must be a list of keys, e.g. `unset = [\"chance\"]`",
            Some(unset.span()),
        ));
        return;
    };
    for key in keys.iter() {
        let DeValue::String(name) = key.get_ref() else {
            diags.push(Diagnostic::error("expected a key name", Some(key.span())));
            continue;
        };
        if name == "id" || name == "override" {
            diags.push(Diagnostic::error(
                format!("`{name}` cannot be unset: it names the item being changed"),
                Some(key.span()),
            ));
            continue;
        }
        if tree::remove(base, name).is_none() {
            let present: Vec<String> = base.iter().map(|(k, _)| k.get_ref().to_string()).collect();
            diags.push(
                Diagnostic::error(
                    format!("cannot unset `{name}`: the base item has no such key"),
                    Some(key.span()),
                )
                .suggest(name, present.iter().map(String::as_str)),
            );
        }
    }
}

fn strip_override(item: &mut Value<'_>) {
    if let DeValue::Table(t) = item.get_mut() {
        tree::remove(t, "override");
    }
}

fn strip_override_keys(value: &mut Value<'_>) {
    if let DeValue::Array(items) = value.get_mut() {
        for item in items.iter_mut() {
            strip_override(item);
        }
    }
}

fn apply_removals<'a>(base: &mut Table<'a>, remove: Value<'a>, diags: &mut Vec<Diagnostic>) {
    let DeValue::Table(sections) = remove.get_ref() else {
        diags.push(Diagnostic::error(
            "`remove` must be a table of id lists by section, e.g. `policy = [\"balance\"]`",
            Some(remove.span()),
        ));
        return;
    };
    for (section, ids) in sections {
        let name = section.get_ref().to_string();
        if !SECTIONS.contains(&name.as_str()) {
            diags.push(
                Diagnostic::error(
                    format!("unknown section `{name}` in [remove]"),
                    Some(section.span()),
                )
                .suggest(&name, SECTIONS),
            );
            continue;
        }
        let DeValue::Array(ids) = ids.get_ref() else {
            diags.push(Diagnostic::error(
                "expected a list of ids",
                Some(ids.span()),
            ));
            continue;
        };
        let Some(DeValue::Array(items)) = tree::get_mut(base, &name).map(|v| v.get_mut()) else {
            for id in ids.iter() {
                diags.push(Diagnostic::error(
                    format!("the base scenario has no [[{name}]] items to remove"),
                    Some(id.span()),
                ));
            }
            continue;
        };
        for id in ids.iter() {
            let DeValue::String(wanted) = id.get_ref() else {
                diags.push(Diagnostic::error("expected an id string", Some(id.span())));
                continue;
            };
            let kept: Vec<Value<'a>> = items
                .iter()
                .filter(|item| tree::item_id(item).is_none_or(|(i, _)| i != wanted.as_ref()))
                .cloned()
                .collect();
            if kept.len() == items.len() {
                let known: Vec<String> = items
                    .iter()
                    .filter_map(|b| tree::item_id(b).map(|(i, _)| i))
                    .collect();
                diags.push(
                    Diagnostic::error(format!("cannot remove [[{name}]] `{wanted}`: the base scenario has no such item"), Some(id.span()))
                        .suggest(wanted, known.iter().map(String::as_str)),
                );
                continue;
            }
            let mut array = DeArray::new();
            for item in kept {
                array.push(item);
            }
            *items = array;
        }
    }
}
