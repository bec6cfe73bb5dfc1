//! Rendering diagnostics the way cargo does, with annotate-snippets: `file:line:column`, the
//! source line, a caret under the problem, and hints. Plain (no colour) for pipes and
//! snapshot tests; coloured for terminals.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use statecraft_model::diag::{Diagnostic, Severity, Sources};

/// Renders every diagnostic, then a summary line.
pub fn diagnostics(sources: &Sources, diagnostics: &[Diagnostic], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&one(sources, d, &renderer));
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
    let mut group = Group::with_title(level.primary_title(d.message.as_str()));
    if let Some((file, span)) = located {
        let mut annotation = AnnotationKind::Primary.span(span);
        if let Some(label) = &d.label {
            annotation = annotation.label(label.as_str());
        }
        group = group.element(
            Snippet::source(file.text.as_str())
                .path(file.name.as_str())
                .annotation(annotation),
        );
    }
    for hint in &d.hints {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}
