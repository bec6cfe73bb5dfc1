//! `[scenario] members = "eu27.csv"`: member states from a CSV file (`id,population`, with any
//! other columns ignored; read by [`crate::members_csv`], as `vote --members` reads it), so the Council's population figures live once, in `seeds/`, with
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
    let (rows, errors) = crate::members_csv::read(&text);
    for e in errors {
        let span = if e.span.is_empty() {
            cited.clone()
        } else {
            base + e.span.start..base + e.span.end
        };
        diags.push(Diagnostic::error(e.message, Some(span)));
    }
    let shift = |r: std::ops::Range<usize>| base + r.start..base + r.end;
    rows.into_iter()
        .map(|row| Actor {
            id: Spanned::new(shift(row.id_span.clone()), row.id),
            name: row.name,
            kind: Spanned::new(shift(row.id_span), ActorKind::MemberState),
            population: Some(Spanned::new(shift(row.population_span), row.population)),
            override_: false,
            source: None,
        })
        .collect()
}
