//! Rendering diagnostics the way cargo does, with annotate-snippets: `file:line:column`, the
//! source line, a caret under the problem, and hints. Plain (no colour) for pipes and
//! snapshot tests; coloured for terminals.

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use statecraft_model::diag::{Diagnostic, Severity, SourceFile, Sources};

use crate::text::OffsetMap;

/// Renders every diagnostic, then a summary line.
pub fn diagnostics(sources: &Sources, diagnostics: &[Diagnostic], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Each file's text is made inert once, not once per diagnostic.
    let quoted: Vec<Quoted<'_>> = sources
        .files()
        .iter()
        .map(|file| {
            let (text, offsets) = crate::text::inert_source(&file.text);
            Quoted {
                file,
                text,
                offsets,
            }
        })
        .collect();
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&one(sources, &quoted, d, &renderer));
        out.push_str("\n\n");
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    out.push_str(&format!(
        "{errors} error{}\n",
        if errors == 1 { "" } else { "s" }
    ));
    out
}

/// A source file as diagnostics quote it.
struct Quoted<'a> {
    file: &'a SourceFile,
    text: Cow<'a, str>,
    offsets: OffsetMap,
}

fn one(sources: &Sources, quoted: &[Quoted<'_>], d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    // Everything quoted from a file, or built from its values, is made inert: a scenario may
    // carry control characters or escape sequences meant for the reader's terminal.
    let located = d.span.as_ref().and_then(|span| {
        let file = sources.file_at(span.start)?;
        let start = (span.start - file.base).min(file.text.len());
        let end = span
            .end
            .saturating_sub(file.base)
            .clamp(start, file.text.len());
        let q = quoted.iter().find(|q| std::ptr::eq(q.file, file))?;
        Some((file, &q.text, q.offsets.map(start)..q.offsets.map(end)))
    });
    let message = crate::text::inert(&d.message);
    let mut group = Group::with_title(level.primary_title(message.as_ref()));
    let label = d.label.as_deref().map(crate::text::inert);
    let path = located
        .as_ref()
        .map(|(file, ..)| crate::text::inert(&file.name));
    if let Some((_, text, span)) = &located {
        let mut annotation = AnnotationKind::Primary.span(span.clone());
        if let Some(label) = &label {
            annotation = annotation.label(label.as_ref());
        }
        group = group.element(
            Snippet::source(text.as_ref())
                .path(path.as_deref().unwrap_or_default())
                .annotation(annotation),
        );
    }
    let hints: Vec<_> = d.hints.iter().map(|h| crate::text::inert(h)).collect();
    for hint in &hints {
        group = group.element(Level::HELP.message(hint.as_ref()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}
