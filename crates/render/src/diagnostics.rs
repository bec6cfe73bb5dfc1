//! Rendering diagnostics the way cargo does, with annotate-snippets: `file:line:column`, the
//! source line, a caret under the problem, and hints. Plain (no colour) for pipes and
//! snapshot tests; coloured for terminals.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use statecraft_model::diag::{Diagnostic, Severity, Sources};

/// At most this many diagnostics are rendered; the rest are counted (as cargo does).
pub const MAX_SHOWN: usize = 50;

/// Renders the first [`MAX_SHOWN`] diagnostics, then how many more there are, then a summary.
pub fn diagnostics(sources: &Sources, diagnostics: &[Diagnostic], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics.iter().take(MAX_SHOWN) {
        out.push_str(&one(sources, d, &renderer));
        out.push_str("\n\n");
    }
    if let Some(more) = diagnostics.len().checked_sub(MAX_SHOWN).filter(|&n| n > 0) {
        out.push_str(&format!(
            "... and {more} more problem{} not shown\n",
            if more == 1 { "" } else { "s" }
        ));
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

fn one(sources: &Sources, d: &Diagnostic, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let located = d.span.as_ref().and_then(|span| {
        let file = sources.file_at(span.start)?;
        let start = (span.start - file.base).min(file.text.len());
        let end = span
            .end
            .saturating_sub(file.base)
            .clamp(start, file.text.len());
        Some((file, start..end))
    });
    // Everything quoted from a file, or built from its values, is made inert: a scenario may
    // carry control characters or escape sequences meant for the reader's terminal.
    let message = crate::text::inert(&d.message);
    let mut group = Group::with_title(level.primary_title(message.as_ref()));
    let label = d.label.as_deref().map(crate::text::inert);
    if let Some((file, span)) = &located {
        // Only the lines the span touches: handing the renderer the whole file made every
        // diagnostic cost the file's length.
        let (first, last) = (file.line_of(span.start), file.line_of(span.end));
        let lines = file.line_range(first).start..file.line_range(last).end;
        let (quoted, offsets) = crate::text::inert_source(&file.text[lines.clone()]);
        let local = span.start - lines.start..span.end.min(lines.end) - lines.start;
        let local = offsets.map(local.start)..offsets.map(local.end);
        let mut annotation = AnnotationKind::Primary.span(local);
        if let Some(label) = &label {
            annotation = annotation.label(label.as_ref());
        }
        let path = crate::text::inert(&file.name);
        group = group.element(
            Snippet::source(quoted)
                .line_start(first + 1)
                .path(path)
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
