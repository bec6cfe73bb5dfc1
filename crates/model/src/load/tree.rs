//! The untyped TOML tree every file is parsed into before it is typed, and the operations on
//! it: shifting spans into the shared address space, and reading ids.
//!
//! Merging `extends` chains and applying `--set` happen on this tree, not on typed items, so
//! a variant can change one key of a base item and every value still carries the span of the
//! file that wrote it.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

pub type Value<'a> = Spanned<DeValue<'a>>;
pub type Table<'a> = DeTable<'a>;
pub type Key<'a> = Spanned<Cow<'a, str>>;

/// Moves every span in `value` by `base`, so it points into the shared address space.
pub fn shift<'a>(value: Value<'a>, base: usize) -> Value<'a> {
    let span = value.span();
    let span = span.start + base..span.end + base;
    let inner = match value.into_inner() {
        DeValue::Array(items) => {
            let mut shifted = DeArray::new();
            for item in items.iter() {
                shifted.push(shift(item.clone(), base));
            }
            DeValue::Array(shifted)
        }
        DeValue::Table(table) => DeValue::Table(shift_table(table, base)),
        other => other,
    };
    Spanned::new(span, inner)
}

pub fn shift_table<'a>(table: Table<'a>, base: usize) -> Table<'a> {
    let mut shifted = Table::new();
    for (key, value) in table {
        let span = key.span();
        let key = Spanned::new(span.start + base..span.end + base, key.into_inner());
        shifted.insert(key, shift(value, base));
    }
    shifted
}

/// The value under `name` in a table.
pub fn get<'t, 'a>(table: &'t Table<'a>, name: &str) -> Option<&'t Value<'a>> {
    table
        .iter()
        .find(|(k, _)| k.get_ref() == name)
        .map(|(_, v)| v)
}

pub fn get_mut<'t, 'a>(table: &'t mut Table<'a>, name: &str) -> Option<&'t mut Value<'a>> {
    table
        .iter_mut()
        .find(|(k, _)| k.get_ref() == name)
        .map(|(_, v)| v)
}

/// Removes `name` from a table, keeping the order of the other keys.
pub fn remove<'a>(table: &mut Table<'a>, name: &str) -> Option<(Key<'a>, Value<'a>)> {
    let key = table.keys().find(|k| k.get_ref() == name)?.clone();
    table.remove_entry(&key)
}

/// Inserts or replaces `name`, keeping the position of a replaced key.
pub fn set<'a>(table: &mut Table<'a>, key: Key<'a>, value: Value<'a>) {
    match get_mut(table, key.get_ref()) {
        Some(slot) => *slot = value,
        None => {
            table.insert(key, value);
        }
    }
}

/// The `id` string of an item table, with its span.
pub fn item_id(item: &Value<'_>) -> Option<(String, std::ops::Range<usize>)> {
    let DeValue::Table(table) = item.get_ref() else {
        return None;
    };
    let id = get(table, "id")?;
    match id.get_ref() {
        DeValue::String(s) => Some((s.to_string(), id.span())),
        _ => None,
    }
}

/// Whether an item says `override = true`.
pub fn is_override(item: &Value<'_>) -> bool {
    match item.get_ref() {
        DeValue::Table(table) => {
            matches!(
                get(table, "override").map(|v| v.get_ref()),
                Some(DeValue::Boolean(true))
            )
        }
        _ => false,
    }
}

/// A word for the kind of a value, for messages.
pub fn kind_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
