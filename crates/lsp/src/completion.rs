//! Completion: what may be written at the cursor. The ids every id-taking key accepts (by
//! section: a `holder` takes a person, a `proposer` an actor or an office), the states of a
//! status for `initial` and `to`, `actor.status` paths and `office.style` pairs, the files
//! `extends`, `seeds` and `members` name, inside condition strings what
//! [`in_condition`](crate::in_condition) offers, and keys and enum values from the JSON
//! Schema.
//!
//! The ids come from the compiler's index ([`Analysis`]); what the cursor is in comes from
//! the current line ([`scan`]), which is all an editor has while the file is half-written.

use std::path::Path;

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};
use serde_json::Value;

use crate::analysis::Analysis;
use crate::in_condition::in_condition;
use crate::position::position_in;
use crate::scan::{item_value, scan, section_at, value_on_line};
use crate::schema::{enum_values, keys};

/// What a key's value names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Wants {
    /// Ids of one kind of item.
    Ids(&'static str),
    /// Ids of either kind (a proposer is an actor or an office).
    Either(&'static str, &'static str),
    /// `actor.status` paths, as a status effect targets them.
    StatusPaths,
    /// The states of the status this item names.
    States,
    /// Files, with this extension, relative to the scenario's folder.
    Files(&'static str),
    /// `office.style` pairs, as an effect's `scale` names a holder's style value.
    Scales,
}

/// What the value of `key` in section `section` names.
fn wants(section: Option<&str>, key: &str) -> Option<Wants> {
    let section = section.unwrap_or("");
    if section == "remove" {
        // `[remove]` lists the ids of a section: `policy = ["..."]`.
        return crate::symbols::kind_static(key).map(Wants::Ids);
    }
    let kind = match key {
        "extends" | "seeds" => return Some(Wants::Files("toml")),
        "members" if section == "scenario" => return Some(Wants::Files("csv")),
        "proposer" => return Some(Wants::Either("actor", "office")),
        "status" if section.starts_with("review") => "status",
        "status" => return Some(Wants::StatusPaths),
        "initial" if section == "status" => return Some(Wants::States),
        "to" | "restore_to" => return Some(Wants::States),
        "scale" => return Some(Wants::Scales),
        "beneficiary" | "beneficiaries" | "member" | "counterpart" | "participants"
        | "not_participating" | "subject" | "actor" | "actors" | "suspend_voting"
        | "restore_voting" | "decided_by" | "deciders" => "actor",
        "holder" | "appoint" => "person",
        "office" => "office",
        "instrument" | "instruments" | "accepts" => "instrument",
        "source" | "sources" => "fact",
        "proposal" | "proposals" | "table" | "with" => "proposal",
        "package" => "package",
        "policy" | "policies" | "enable_policy" | "drop_policy" => "policy",
        "calendar" | "table_at" => "calendar",
        "at" if section.ends_with("retable") || section.ends_with("formal_adoption") => "calendar",
        "group" | "groups" => "group",
        "indicator" => "indicator",
        "flag" => "flag",
        "review" => "review",
        _ => return None,
    };
    Some(Wants::Ids(kind))
}

/// The keys whose strings are conditions.
fn is_condition_key(key: &str) -> bool {
    matches!(
        key,
        "when" | "requires" | "that" | "condition" | "concession" | "times"
    ) || key.ends_with("_when")
}

/// Completions at byte `at` of `text`, the buffer of the file at `path`; `analysis` is the
/// scenario's (or a scenario's that reads the file), `schema` the format's JSON Schema.
pub fn completion(
    analysis: Option<&Analysis>,
    text: &str,
    at: usize,
    path: &Path,
    schema: &Value,
) -> Vec<CompletionItem> {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    let section = section_at(text, line_start);
    let scanned = scan(text, line_start, at);
    let ids = |kind: &str| ids(analysis, kind);
    if scanned.comment {
        return Vec::new();
    }
    if let Some(string) = &scanned.string {
        let key = scanned.key.unwrap_or("");
        let wanted = wants(section, key);
        let items = match wanted {
            Some(Wants::Ids(kind)) => ids(kind),
            Some(Wants::Either(a, b)) => [ids(a), ids(b)].concat(),
            Some(Wants::StatusPaths) => status_paths(analysis),
            Some(Wants::Scales) => scales(analysis),
            Some(Wants::States) => {
                // The status is named on the same line (an inline effect) or in the item.
                let full_line = &text[line_start..line_end];
                let status = value_on_line(full_line, "status")
                    .or_else(|| item_value(text, at, "status"))
                    .map(|s| s.rsplit('.').next().unwrap_or_default())
                    .or_else(|| {
                        (section == Some("status"))
                            .then(|| item_value(text, at, "id"))
                            .flatten()
                    });
                status.map_or_else(Vec::new, |s| states(analysis, s))
            }
            Some(Wants::Files(extension)) => {
                let start = position_in(text, line_start + string.start);
                let end = position_in(text, at);
                files(path, &string.value, extension, Range::new(start, end))
            }
            None => Vec::new(),
        };
        if wanted.is_some() {
            return items;
        }
        if let Some(items) = in_condition(analysis, &string.value) {
            return items;
        }
        if is_condition_key(key) {
            let mut items: Vec<CompletionItem> = ids("indicator");
            items.extend(
                statecraft_model::compile::CONDITION_FUNCTIONS
                    .iter()
                    .map(|b| item(b, CompletionItemKind::FUNCTION, "built-in")),
            );
            return items;
        }
        return enum_values(schema, section, key);
    }
    if let Some(key) = scanned.key {
        // Right after `=` or `[`: the ids or enum values the key takes.
        let line = text[line_start..at].trim_end();
        if line.ends_with('=') || line.ends_with('[') || line.ends_with(',') {
            return match wants(section, key) {
                Some(Wants::Ids(kind)) => ids(kind),
                Some(Wants::Either(a, b)) => [ids(a), ids(b)].concat(),
                _ => enum_values(schema, section, key),
            };
        }
        return Vec::new();
    }
    // A key at the start of a line.
    let typed = text[line_start..at].trim_start();
    if typed.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return keys(schema, section);
    }
    Vec::new()
}

/// The ids of `kind` the index knows, once each.
pub(crate) fn ids(analysis: Option<&Analysis>, kind: &str) -> Vec<CompletionItem> {
    let Some(index) = analysis.and_then(|a| a.index.as_ref()) else {
        return Vec::new();
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for id in index.ids_of(kind) {
        if !seen.contains(&id) {
            seen.push(id);
            let detail = index.names.get(&(kind, id.to_owned()));
            let detail = detail.map_or(kind.to_owned(), |n| format!("{kind}: {n}"));
            out.push(item(id, CompletionItemKind::REFERENCE, &detail));
        }
    }
    out
}

/// The states of status `status`.
pub(crate) fn states(analysis: Option<&Analysis>, status: &str) -> Vec<CompletionItem> {
    let Some(index) = analysis.and_then(|a| a.index.as_ref()) else {
        return Vec::new();
    };
    let prefix = format!("{status}.");
    let detail = format!("state of {status}");
    (index.ids_of("state"))
        .filter_map(|id| id.strip_prefix(&prefix))
        .map(|state| item(state, CompletionItemKind::ENUM_MEMBER, &detail))
        .collect()
}

/// Every `actor.status` path the scenario has.
fn status_paths(analysis: Option<&Analysis>) -> Vec<CompletionItem> {
    let Some(loaded) = analysis.and_then(|a| a.loaded.as_ref()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for status in &loaded.file.status {
        for actor in status.actors.get_ref() {
            let path = format!("{}.{}", actor.get_ref(), status.id.get_ref());
            out.push(item(&path, CompletionItemKind::REFERENCE, "status"));
        }
    }
    out
}

/// Every `office.style` pair: the offices, with the style keys persons have values for.
fn scales(analysis: Option<&Analysis>) -> Vec<CompletionItem> {
    let Some(loaded) = analysis.and_then(|a| a.loaded.as_ref()) else {
        return Vec::new();
    };
    let mut styles: Vec<&str> = Vec::new();
    for person in &loaded.file.person {
        for key in person.style.keys() {
            if !styles.contains(&key.as_str()) {
                styles.push(key);
            }
        }
    }
    let mut out = Vec::new();
    for office in &loaded.file.office {
        for style in &styles {
            let pair = format!("{}.{style}", office.id.get_ref());
            out.push(item(&pair, CompletionItemKind::REFERENCE, "office.style"));
        }
    }
    out
}

/// The files with `extension` and the folders in the folder `typed` names (relative to the
/// folder of `path`); each replaces the whole string typed so far (`range`), since editors
/// split words at `/` and `.`.
fn files(path: &Path, typed: &str, extension: &str, range: Range) -> Vec<CompletionItem> {
    const MOST: usize = 200;
    let (folder, _) = typed.rsplit_once('/').unwrap_or(("", typed));
    let prefix = if folder.is_empty() && !typed.starts_with('/') {
        String::new()
    } else {
        format!("{folder}/")
    };
    let Some(base) = path.parent() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(base.join(&prefix)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let is_dir = e.file_type().ok()?.is_dir();
            let wanted = if is_dir {
                !name.starts_with('.') && name != "target"
            } else {
                // Not the file itself, nor the project's marker, which is no scenario.
                Path::new(&name).extension().is_some_and(|x| x == extension)
                    && name != "statecraft.toml"
                    && !crate::position::same_file(&e.path(), path)
            };
            wanted.then_some((name, is_dir))
        })
        .collect();
    found.sort();
    found.truncate(MOST);
    let mut out: Vec<CompletionItem> = found
        .into_iter()
        .map(|(name, is_dir)| {
            let text = format!("{prefix}{name}{}", if is_dir { "/" } else { "" });
            let kind = if is_dir {
                CompletionItemKind::FOLDER
            } else {
                CompletionItemKind::FILE
            };
            CompletionItem {
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, text.clone()))),
                ..item(&text, kind, extension)
            }
        })
        .collect();
    // Up from the scenario's folder (a base is often a sibling folder's).
    if prefix
        .split('/')
        .filter(|p| !p.is_empty())
        .all(|p| p == "..")
    {
        let up = format!("{prefix}../");
        out.push(CompletionItem {
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, up.clone()))),
            ..item(&up, CompletionItemKind::FOLDER, "parent folder")
        });
    }
    out
}

pub(crate) fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        ..CompletionItem::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every cursor position of a file full of odd corners (escapes, literal strings, an
    /// unclosed array, non-ASCII text, a comment) completes without a panic, and the outline
    /// of every prefix of it too: an editor asks at any place, in any half-written state.
    #[test]
    fn any_position_of_a_half_written_file_is_answered() {
        let text = "[scenario]\nid = \"é😀\"\nextends = '../x\n[[status]]\nid = \"s\"\nstates = [\n  \"a\", # c\n  \"\ninitial = \"\n[[trigger]]\nwhen = \"status(p.s) == \\\"a\\\" && holder(o) == \\\"\"\n[[proposal.retable]]\nat = \"";
        let schema: Value = statecraft_model::raw::scenario_schema().into();
        let path = Path::new("/nonexistent/folder/s.toml");
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let _ = completion(None, text, at, path, &schema);
            let _ = crate::symbols::outline(&text[..at], None);
        }
        // And what it answers at the end: the calendar key of a sub-table, which needs ids.
        let last = completion(None, text, text.len(), path, &schema);
        assert!(last.is_empty(), "no analysis, no ids: {last:?}");
    }
}
