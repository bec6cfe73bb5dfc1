//! `--set PATH=VALUE`: one-off overrides from the command line, applied to the merged tree.
//!
//! `PATH` is `scenario.KEY` or `SECTION.ID.KEY[.KEY...]` (`proposal.aid-2025.amount_eur`,
//! `indicator.trust.initial.partner`); `VALUE` is a TOML value (`20_000_000`, `2025-06-01`,
//! `"text"`, `[1, 2]`), and a bare word that is not one is taken as a string
//! (`--set policy.balance.rule=support`). The assignment is itself a pseudo-file in the
//! sources, so a bad value gets the same diagnostics as a bad file, pointing into `--set`.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use super::SECTIONS;
use super::tree::{self, Table, Value};
use crate::diag::Diagnostic;

/// Applies one assignment; `base` is where its text starts in the sources.
pub fn apply<'a>(root: &mut Table<'a>, text: &'a str, base: usize, diags: &mut Vec<Diagnostic>) {
    let whole = base..base + text.len();
    let Some(eq) = text.find('=') else {
        diags.push(
            Diagnostic::error("`--set` needs PATH=VALUE", Some(whole))
                .with_hint("for example: --set proposal.aid-2025.amount_eur=20000000"),
        );
        return;
    };
    let value = match parse_value(&text[eq + 1..], base + eq + 1) {
        Ok(value) => value,
        Err(d) => {
            diags.push(d);
            return;
        }
    };
    // The path's segments with their spans.
    let mut segments: Vec<(&'a str, Range<usize>)> = Vec::new();
    let mut at = 0;
    for part in text[..eq].split('.') {
        segments.push((part.trim(), base + at..base + at + part.len()));
        at += part.len() + 1;
    }
    if segments.iter().any(|(s, _)| s.is_empty()) || segments.len() < 2 {
        diags.push(
            Diagnostic::error(
                "`--set` path must be `scenario.KEY` or `SECTION.ID.KEY`",
                Some(base..base + eq),
            )
            .with_hint("for example: --set policy.balance.ratio=0.5"),
        );
        return;
    }
    let (section, section_span) = segments[0].clone();
    if section == "scenario" && segments.get(1).is_some_and(|(k, _)| *k == "extends") {
        diags.push(
            Diagnostic::error(
                "`extends` cannot be set from the command line",
                Some(base..base + eq),
            )
            .with_hint(
                "run the variant file itself, or write a variant that extends the file you want",
            ),
        );
        return;
    }
    let target: &mut Table<'a> = if section == "scenario" {
        match tree::get_mut(root, "scenario").map(|v| v.get_mut()) {
            Some(DeValue::Table(t)) => t,
            _ => {
                diags.push(Diagnostic::error(
                    "the scenario has no [scenario] table",
                    Some(section_span),
                ));
                return;
            }
        }
    } else if SECTIONS.contains(&section) {
        if segments.len() < 3 {
            diags.push(Diagnostic::error(
                format!("`--set {section}.ID.KEY=VALUE` needs an item id and a key"),
                Some(base..base + eq),
            ));
            return;
        }
        let (id, id_span) = segments[1].clone();
        let items = match tree::get_mut(root, section).map(|v| v.get_mut()) {
            Some(DeValue::Array(items)) => items,
            _ => {
                diags.push(Diagnostic::error(
                    format!("the scenario has no [[{section}]] items"),
                    Some(section_span),
                ));
                return;
            }
        };
        let known: Vec<String> = items
            .iter()
            .filter_map(|i| tree::item_id(i).map(|(i, _)| i))
            .collect();
        let Some(item) = items
            .iter_mut()
            .find(|i| tree::item_id(i).is_some_and(|(i, _)| i == id))
        else {
            diags.push(
                Diagnostic::error(format!("no [[{section}]] with id `{id}`"), Some(id_span))
                    .suggest(id, known.iter().map(String::as_str)),
            );
            return;
        };
        segments.remove(0);
        match item.get_mut() {
            DeValue::Table(t) => t,
            _ => return,
        }
    } else {
        diags.push(
            Diagnostic::error(format!("unknown section `{section}`"), Some(section_span))
                .suggest(section, SECTIONS.iter().copied().chain(["scenario"])),
        );
        return;
    };
    set_path(target, &segments[1..], value, diags);
}

/// Walks (and creates) nested tables along `keys`, then sets the last one.
fn set_path<'a>(
    table: &mut Table<'a>,
    keys: &[(&'a str, Range<usize>)],
    value: Value<'a>,
    diags: &mut Vec<Diagnostic>,
) {
    let [(key, span), rest @ ..] = keys else {
        return;
    };
    if rest.is_empty() {
        tree::set(
            table,
            Spanned::new(span.clone(), Cow::Borrowed(*key)),
            value,
        );
        return;
    }
    if tree::get(table, key).is_none() {
        tree::set(
            table,
            Spanned::new(span.clone(), Cow::Borrowed(*key)),
            Spanned::new(span.clone(), DeValue::Table(Table::new())),
        );
    }
    match tree::get_mut(table, key).map(|v| v.get_mut()) {
        Some(DeValue::Table(inner)) => set_path(inner, rest, value, diags),
        Some(other) => diags.push(Diagnostic::error(
            format!(
                "`{key}` is {}, not a table: cannot set a key inside it",
                tree::kind_name(other)
            ),
            Some(span.clone()),
        )),
        None => {}
    }
}

/// The value part, as TOML, or as a string when it is a bare word.
fn parse_value(text: &str, base: usize) -> Result<Value<'_>, Diagnostic> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let (value, errors) = DeValue::parse_recoverable(trimmed);
    if errors.is_empty() {
        return Ok(tree::shift(value, base + lead));
    }
    let bare_word = !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | ':' | '/'));
    if bare_word {
        let span = base + lead..base + lead + trimmed.len();
        return Ok(Spanned::new(span, DeValue::String(Cow::Borrowed(trimmed))));
    }
    let span = errors[0].span().map_or(base..base + text.len(), |s| {
        s.start + base + lead..s.end + base + lead
    });
    Err(Diagnostic::error(
        format!("invalid value: {}", errors[0].message().trim()),
        Some(span),
    )
    .with_hint("write a TOML value: a number, a date, true/false, or a string in double quotes"))
}
