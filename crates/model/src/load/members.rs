//! `[scenario] members = "eu27.csv"`: member states from a CSV file (`id,population`, with any
//! other columns ignored), so the Council's population figures live once, in `seeds/`, with
//! their source, instead of being copied into every scenario.

use std::path::Path;

use toml::Spanned;

use crate::diag::{Diagnostic, Sources};
use crate::raw::{Actor, ActorKind};

/// Reads the members file named at `cited` (a span in the scenario) into actors.
pub fn read(
    path: &Path,
    cited: std::ops::Range<usize>,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Actor> {
    let text = match super::read_bounded(path) {
        Ok(text) => text,
        Err(message) => {
            diags.push(Diagnostic::error(
                format!("members file {}: {message}", path.display()),
                Some(cited),
            ));
            return Vec::new();
        }
    };
    let base = sources.add(path.display().to_string(), Some(path), text.clone());
    let mut lines = text.split_inclusive('\n');
    let mut offset = 0;
    let Some(header) = lines.next() else {
        diags.push(Diagnostic::error("the members file is empty", Some(cited)));
        return Vec::new();
    };
    offset += header.len();
    let columns: Vec<&str> = header.trim_end().split(',').map(str::trim).collect();
    let (Some(id_col), Some(pop_col)) = (
        columns.iter().position(|c| *c == "id"),
        columns.iter().position(|c| *c == "population"),
    ) else {
        diags.push(
            Diagnostic::error(
                "the members file needs a header with `id` and `population` columns",
                Some(base..base + header.trim_end().len()),
            )
            .with_hint("for example: id,name,population"),
        );
        return Vec::new();
    };
    let name_col = columns.iter().position(|c| *c == "name");
    let mut actors = Vec::new();
    for line in lines {
        let start = base + offset;
        offset += line.len();
        let row = line.trim_end();
        if row.trim().is_empty() {
            continue;
        }
        if actors.len() >= super::MAX_ITEMS_PER_SECTION {
            diags.push(Diagnostic::error(
                "too many rows in the members file",
                Some(start..start + row.len()),
            ));
            break;
        }
        let cells: Vec<&str> = row.split(',').collect();
        let cell_span = |i: usize| {
            let before: usize = cells[..i].iter().map(|c| c.len() + 1).sum();
            start + before..start + before + cells[i].len()
        };
        if cells.len() != columns.len() {
            diags.push(Diagnostic::error(
                format!("expected {} columns, found {}", columns.len(), cells.len()),
                Some(start..start + row.len()),
            ));
            continue;
        }
        let population = match cells[pop_col].trim().replace('_', "").parse::<i64>() {
            Ok(p) => p,
            Err(_) => {
                diags.push(Diagnostic::error(
                    format!(
                        "population `{}` is not a whole number",
                        cells[pop_col].trim()
                    ),
                    Some(cell_span(pop_col)),
                ));
                continue;
            }
        };
        actors.push(Actor {
            id: Spanned::new(cell_span(id_col), cells[id_col].trim().to_owned()),
            name: name_col.map(|c| cells[c].trim().to_owned()),
            kind: Spanned::new(cell_span(id_col), ActorKind::MemberState),
            population: Some(Spanned::new(cell_span(pop_col), population)),
            override_: false,
            source: None,
        });
    }
    actors
}
