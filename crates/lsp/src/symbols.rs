//! The outline of a file (`textDocument/documentSymbol`: its sections, their items by id, an
//! item's sub-tables under it) and the search over every id (`workspace/symbol`).
//!
//! The outline follows the buffer's headers, so it is there while the file is half-written
//! and does not load; the names shown beside ids, and the workspace search, come from the
//! compiler's index.

use lsp_types::{DocumentSymbol, OneOf, SymbolKind, WorkspaceSymbol};

use crate::analysis::Analysis;
use crate::position::{position_in, range_in};
use crate::scan::value_on_line;

/// The symbol kind an editor shows for an item of section (or index kind) `kind`.
fn kind_of(kind: &str) -> SymbolKind {
    match kind {
        "scenario" | "seed" => SymbolKind::MODULE,
        "actor" | "person" | "office" | "group" => SymbolKind::OBJECT,
        "indicator" | "uncertain" => SymbolKind::NUMBER,
        "status" => SymbolKind::ENUM,
        "state" => SymbolKind::ENUM_MEMBER,
        "flag" | "expect" | "observed" => SymbolKind::BOOLEAN,
        "calendar" => SymbolKind::ARRAY,
        "instrument" | "package" => SymbolKind::STRUCT,
        "proposal" => SymbolKind::CLASS,
        "policy" | "review" => SymbolKind::FUNCTION,
        "event" | "trigger" => SymbolKind::EVENT,
        "fact" => SymbolKind::STRING,
        _ => SymbolKind::FIELD,
    }
}

/// One header of the buffer and the item under it.
struct Item<'a> {
    section: &'a str,
    /// A `[[...]]` item, one of many, rather than a `[...]` table.
    many: bool,
    id: Option<(&'a str, usize)>,
    start: usize,
    end: usize,
}

/// The items of `text` in order, each from its header to the end of its last line.
fn items(text: &str) -> Vec<Item<'_>> {
    let mut out: Vec<Item> = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(inner) = trimmed.strip_prefix('[') {
            let many = inner.starts_with('[');
            let name = inner
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("");
            let name = name.trim();
            if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
            {
                out.push(Item {
                    section: name,
                    many,
                    id: None,
                    start: at,
                    end: at + line.trim_end().len(),
                });
                at += line.len();
                continue;
            }
        }
        if let Some(item) = out.last_mut() {
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                item.end = at + line.trim_end().len();
            }
            if item.id.is_none()
                && trimmed.starts_with("id")
                && let Some(id) = value_on_line(line, "id")
            {
                // The id inside its quotes (`id = "id"` holds the word twice).
                let offset = (line.find(&format!("\"{id}\"")))
                    .or_else(|| line.find(&format!("'{id}'")))
                    .map_or(0, |q| q + 1);
                item.id = Some((id, at + offset));
            }
        }
        at += line.len();
    }
    out
}

/// The outline of `text`: a symbol per section (`actor`) holding its items by id, and a
/// `[scenario]` or `[seed]` table as one symbol; sub-tables (`[[review.action]]`) sit under
/// the item before them. `analysis`, when there is one, names the items.
pub fn outline(text: &str, analysis: Option<&Analysis>) -> Vec<DocumentSymbol> {
    let names = analysis.and_then(|a| a.index.as_ref()).map(|i| &i.names);
    let mut sections: Vec<DocumentSymbol> = Vec::new();
    for item in items(text) {
        let (top, sub) = item.section.split_once('.').unwrap_or((item.section, ""));
        let range = range_in(text, item.start, item.end);
        let selection = match item.id {
            Some((id, at)) => range_in(text, at, at + id.len()),
            None => range_in(text, item.start, item.start),
        };
        let id = item.id.map(|(id, _)| id.to_owned());
        let (label, detail) = if !sub.is_empty() {
            (sub.to_owned(), id)
        } else if !item.many {
            (item.section.to_owned(), id)
        } else {
            let name = (item.id)
                .and_then(|(id, _)| names?.get(&(kind_static(top)?, id.to_owned())))
                .cloned();
            let count = (sections.last())
                .filter(|s| s.name == item.section)
                .and_then(|s| s.children.as_ref())
                .map_or(0, Vec::len);
            (
                id.unwrap_or_else(|| format!("{} {}", item.section, count + 1)),
                name,
            )
        };
        let symbol = new_symbol(
            label,
            detail,
            kind_of(if sub.is_empty() { top } else { sub }),
            range,
            selection,
        );
        // A sub-table belongs to the last item of its parent section.
        if !sub.is_empty()
            && let Some(parent) = sections.last_mut().filter(|s| s.name == top)
            && let Some(owner) = parent.children.as_mut().and_then(|c| c.last_mut())
        {
            owner.children.get_or_insert_with(Vec::new).push(symbol);
            owner.range.end = range.end;
            parent.range.end = range.end;
            continue;
        }
        if !item.many {
            sections.push(symbol);
            continue;
        }
        match sections
            .last_mut()
            .filter(|s| s.name == item.section && s.children.is_some())
        {
            Some(section) => {
                section.range.end = range.end;
                section.children.get_or_insert_with(Vec::new).push(symbol);
            }
            None => {
                let header = range_in(text, item.start, item.start);
                let mut section = new_symbol(
                    item.section.to_owned(),
                    None,
                    SymbolKind::NAMESPACE,
                    range,
                    header,
                );
                section.range.start = position_in(text, item.start);
                section.children = Some(vec![symbol]);
                sections.push(section);
            }
        }
    }
    sections
}

/// The index's kind for a section's name (they are the same words).
pub(crate) fn kind_static(section: &str) -> Option<&'static str> {
    // The model's item sections, less those whose items no other item names by id, plus the
    // two kinds of id that live outside a section of their own (facts in seeds, packages).
    const NOT_NAMED: [&str; 3] = ["expect", "observed", "uncertain"];
    (statecraft_model::load::SECTIONS.into_iter())
        .filter(|s| !NOT_NAMED.contains(s))
        .chain(["fact", "package"])
        .find(|k| *k == section)
}

#[allow(deprecated)] // `deprecated` is a field every literal must name; `tags` replaced it.
fn new_symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection_range: lsp_types::Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name,
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}

/// Every definition whose id or name holds `query` (ignoring case), in every analysis, once
/// each.
pub fn search<'a>(
    analyses: impl Iterator<Item = &'a Analysis>,
    query: &str,
) -> Vec<WorkspaceSymbol> {
    const MOST: usize = 500;
    let query = query.to_lowercase();
    let mut out: Vec<WorkspaceSymbol> = Vec::new();
    for analysis in analyses {
        let Some(index) = &analysis.index else {
            continue;
        };
        for symbol in index.symbols.iter().filter(|s| s.definition) {
            let name = index.names.get(&(symbol.kind, symbol.id.clone()));
            let matches = symbol.id.to_lowercase().contains(&query)
                || name.is_some_and(|n| n.to_lowercase().contains(&query));
            if !matches {
                continue;
            }
            let Some(location) = analysis.location(&symbol.span) else {
                continue;
            };
            let (label, container) = match symbol.kind {
                "state" => {
                    let (status, state) = symbol.id.split_once('.').unwrap_or(("", &symbol.id));
                    (state.to_owned(), format!("state of {status}"))
                }
                kind => (symbol.id.clone(), kind.to_owned()),
            };
            let same = |w: &WorkspaceSymbol| match &w.location {
                OneOf::Left(l) => *l == location,
                OneOf::Right(_) => false,
            };
            if out.iter().any(same) {
                continue;
            }
            out.push(WorkspaceSymbol {
                name: label,
                kind: kind_of(symbol.kind),
                tags: None,
                container_name: Some(container),
                location: OneOf::Left(location),
                data: None,
            });
            if out.len() >= MOST {
                return out;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_hold_their_items_and_sub_tables_their_item() {
        let text = "[scenario]\nid = \"s\"\n\n[[actor]]\nid = \"a\"\n[[actor]]\nid = \"b\"\n\n[[review]]\nid = \"r\"\n[[review.action]]\nkind = \"x\"\n";
        let outline = outline(text, None);
        let names: Vec<&str> = outline.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["scenario", "actor", "review"]);
        let actors: Vec<&str> = (outline[1].children.as_ref().unwrap().iter())
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(actors, ["a", "b"]);
        let review = &outline[2].children.as_ref().unwrap()[0];
        assert_eq!(review.name, "r");
        assert_eq!(review.children.as_ref().unwrap()[0].name, "action");
        assert_eq!(outline[0].detail.as_deref(), Some("s"));
        // The selection is the id itself, on its line.
        let b = &outline[1].children.as_ref().unwrap()[1];
        assert_eq!(b.selection_range.start, lsp_types::Position::new(6, 6));
        // An id that is also the key's name is found inside its quotes.
        let outline = super::outline("[[flag]]\nid = \"id\"\n", None);
        let flag = &outline[0].children.as_ref().unwrap()[0];
        assert_eq!(flag.selection_range.start, lsp_types::Position::new(1, 6));
    }
}
