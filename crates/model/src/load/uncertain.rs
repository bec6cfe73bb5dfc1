//! `[[uncertain]]` paths, resolved on the merged tree: a path names a setting as `--set` does
//! (`SECTION.ID.KEY[.KEY]`, `scenario.KEY`), so it is checked where `--set` applies, after the
//! `extends` chain is merged and the overrides are laid over it. What the path holds (a number,
//! and whether the file writes a whole number there) is attached to the typed item for
//! `compile`, which checks the range against the setting's own.

use std::ops::Range;

use toml::de::DeValue;

use super::SECTIONS;
use super::tree::{self, Table};
use crate::diag::Diagnostic;
use crate::raw::{Current, ScenarioFile};

/// Per `[[uncertain]]` item of `root` that names a number, the span of its `path` value and
/// what it holds; a diagnostic, at the segment of the path that fails, for every other.
pub fn resolve(root: &Table<'_>, diags: &mut Vec<Diagnostic>) -> Vec<(Range<usize>, Current)> {
    let mut found = Vec::new();
    let Some(DeValue::Array(items)) = tree::get(root, "uncertain").map(|v| v.get_ref()) else {
        return found;
    };
    for item in items.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            continue;
        };
        let Some(path) = tree::get(table, "path") else {
            continue;
        };
        let DeValue::String(text) = path.get_ref() else {
            continue;
        };
        match current(root, text, path.span()) {
            Ok(current) => found.push((path.span(), current)),
            Err(d) => diags.push(d),
        }
    }
    found
}

/// Gives each typed item what its path holds.
pub fn attach(file: &mut ScenarioFile, found: &[(Range<usize>, Current)]) {
    for u in &mut file.uncertain {
        u.current = (found.iter())
            .find(|(span, _)| *span == u.path.span())
            .map(|(_, c)| *c);
    }
}

/// What `path` (written at `span`, quotes included) holds in `root`.
fn current(root: &Table<'_>, path: &str, span: Range<usize>) -> Result<Current, Diagnostic> {
    // Each segment's span inside the quoted string (escapes are not expected in a path).
    let mut segments: Vec<(&str, Range<usize>)> = Vec::new();
    let mut at = span.start + 1;
    for part in path.split('.') {
        segments.push((part, at..at + part.len()));
        at += part.len() + 1;
    }
    let hint = "write the path as --set takes it: SECTION.ID.KEY (e.g. event.shock.chance) or scenario.KEY";
    if segments.len() < 2 || segments.iter().any(|(s, _)| s.is_empty()) {
        return Err(
            Diagnostic::error(format!("`{path}` is not a settings path"), Some(span))
                .with_hint(hint),
        );
    }
    let (section, section_span) = segments[0].clone();
    let (mut table, keys): (&Table<'_>, &[(&str, Range<usize>)]) = if section == "scenario" {
        match tree::get(root, "scenario").map(|v| v.get_ref()) {
            Some(DeValue::Table(t)) => (t, &segments[1..]),
            _ => {
                return Err(Diagnostic::error(
                    "the scenario has no [scenario] table",
                    Some(span),
                ));
            }
        }
    } else if SECTIONS.contains(&section) && section != "uncertain" {
        if segments.len() < 3 {
            return Err(Diagnostic::error(
                format!("`{path}` names an item but no key: write {section}.ID.KEY"),
                Some(span),
            ));
        }
        let (id, id_span) = segments[1].clone();
        let items = match tree::get(root, section).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items,
            _ => {
                return Err(Diagnostic::error(
                    format!("the scenario has no [[{section}]] items"),
                    Some(section_span),
                ));
            }
        };
        let known: Vec<String> = (items.iter())
            .filter_map(|i| tree::item_id(i).map(|(i, _)| i))
            .collect();
        let item = items
            .iter()
            .find(|i| tree::item_id(i).is_some_and(|(i, _)| i == id));
        match item.map(|i| i.get_ref()) {
            Some(DeValue::Table(t)) => (t, &segments[2..]),
            _ => {
                return Err(Diagnostic::error(
                    format!("no [[{section}]] with id `{id}`"),
                    Some(id_span),
                )
                .suggest(id, known.iter().map(String::as_str)));
            }
        }
    } else {
        return Err(Diagnostic::error(
            format!("`{section}` is not a section with settings"),
            Some(section_span),
        )
        .suggest(
            section,
            SECTIONS
                .iter()
                .copied()
                .filter(|s| *s != "uncertain")
                .chain(["scenario"]),
        )
        .with_hint(hint));
    };
    for (i, (key, key_span)) in keys.iter().enumerate() {
        let Some(value) = tree::get(table, key) else {
            let known: Vec<String> = table.keys().map(|k| k.get_ref().to_string()).collect();
            return Err(Diagnostic::error(
                format!("`{path}` names nothing: no key `{key}` here"),
                Some(key_span.clone()),
            )
            .suggest(key, known.iter().map(String::as_str))
            .with_hint("an uncertain setting must be written in the scenario, so that its own value is known"));
        };
        let last = i + 1 == keys.len();
        match (value.get_ref(), last) {
            (DeValue::Table(inner), false) => table = inner,
            (DeValue::Integer(n), true) => {
                let digits = n.as_str().replace('_', "");
                let value = i64::from_str_radix(&digits, n.radix())
                    .ok()
                    .map(|v| v as f64);
                return value
                    .map(|value| Current {
                        value,
                        integer: true,
                    })
                    .ok_or_else(|| {
                        Diagnostic::error(
                            format!("`{path}` is not a number in range"),
                            Some(span.clone()),
                        )
                    });
            }
            (DeValue::Float(x), true) => {
                let value = x
                    .as_str()
                    .replace('_', "")
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite());
                return value
                    .map(|value| Current {
                        value,
                        integer: false,
                    })
                    .ok_or_else(|| {
                        Diagnostic::error(
                            format!("`{path}` is not a finite number"),
                            Some(span.clone()),
                        )
                    });
            }
            (other, _) => {
                return Err(Diagnostic::error(
                    format!(
                        "`{path}` holds {}, not a number: only numeric settings can be uncertain",
                        tree::kind_name(other)
                    ),
                    Some(key_span.clone()),
                ));
            }
        }
    }
    Err(Diagnostic::error(format!("`{path}` names no setting"), Some(span)).with_hint(hint))
}
