//! One analysis of a scenario as an editor sees it: loaded with the open buffers standing for
//! the files on disk, compiled with the editor's index, and its diagnostics placed in LSP
//! terms (a URI per file, positions in UTF-16 code units).
//!
//! The diagnostics are `check`'s own: the same loader ([`load_with_open`]) and the same
//! compiler, so the messages and ranges cannot drift from the command line's. While a file
//! does not load (a TOML syntax error half-way through an edit), requests are answered from
//! the last analysis of the scenario that did ([`Analysis::usable`]), its positions moved by
//! the edits made since ([`Edit`]), so definition, hover and completion keep working.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic as LspDiagnostic, DiagnosticSeverity, Location, Position};
use statecraft_model::compile::index::{Index, compile_indexed};
use statecraft_model::diag::{Diagnostic, Severity, SourceFile, Sources};
use statecraft_model::load::load_with_open;
use statecraft_model::{Loaded, Model};

use crate::position::{offset_of, range_in, same_file, uri_of};

/// A scenario loaded and compiled for the editor.
pub struct Analysis {
    pub root: PathBuf,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the files did not load (a syntax error): nothing was resolved.
    pub index: Option<Index>,
    pub loaded: Option<Loaded>,
    pub model: Option<Model>,
    /// While this load failed: the last analysis of the same scenario that loaded.
    fallback: Option<Box<Analysis>>,
    /// In a fallback: how the open buffers differ from the texts it was made from.
    edits: Vec<Edit>,
}

/// A file edited since an analysis read it: the bytes before `prefix` and the last `suffix`
/// bytes are the same in both texts, so offsets outside the changed middle translate.
struct Edit {
    path: PathBuf,
    text: String,
    old_len: usize,
    prefix: usize,
    suffix: usize,
}

impl Edit {
    fn new(path: &Path, old: &str, new: &str) -> Edit {
        let prefix = (old.bytes().zip(new.bytes()))
            .take_while(|(a, b)| a == b)
            .count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = (old.bytes().rev().zip(new.bytes().rev()))
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Edit {
            path: path.to_path_buf(),
            text: new.to_owned(),
            old_len: old.len(),
            prefix,
            suffix,
        }
    }

    /// The old offset of new offset `at`; `None` inside the changed middle.
    fn to_old(&self, at: usize) -> Option<usize> {
        if at <= self.prefix {
            Some(at)
        } else if at >= self.text.len() - self.suffix {
            Some(at + self.old_len - self.text.len())
        } else {
            None
        }
    }

    /// The new offset of old offset `at`; `None` inside the changed middle.
    fn to_new(&self, at: usize) -> Option<usize> {
        if at <= self.prefix {
            Some(at)
        } else if at >= self.old_len - self.suffix {
            Some(at + self.text.len() - self.old_len)
        } else {
            None
        }
    }
}

impl Analysis {
    /// Loads `root` with `open` buffers (absolute path → text) read instead of the disk.
    pub fn new(root: &Path, open: Vec<(PathBuf, String)>, allowed: &[PathBuf]) -> Analysis {
        let (sources, diagnostics, index, loaded, model) =
            match load_with_open(root, &[], allowed, open) {
                Err(failed) => (failed.sources, failed.diagnostics, None, None, None),
                Ok(loaded) => {
                    let (result, index) = compile_indexed(&loaded);
                    let (model, diagnostics) = match result {
                        Ok(model) => (Some(model), Vec::new()),
                        Err(d) => (None, d),
                    };
                    (
                        loaded.sources.clone(),
                        diagnostics,
                        Some(index),
                        Some(loaded),
                        model,
                    )
                }
            };
        Analysis {
            root: root.to_path_buf(),
            sources,
            diagnostics,
            index,
            loaded,
            model,
            fallback: None,
            edits: Vec::new(),
        }
    }

    /// The analysis requests are answered from: this one, or, while it did not load, the
    /// last one of the same scenario that did.
    pub fn usable(&self) -> &Analysis {
        self.fallback.as_deref().unwrap_or(self)
    }

    /// Keeps `previous` (an earlier analysis of the same scenario) to answer from when this
    /// one did not load; `open` are the buffers as they are now (canonical path → text).
    pub fn fall_back_on(&mut self, previous: Analysis, open: &[(PathBuf, String)]) {
        if self.index.is_some() {
            return;
        }
        let Some(mut good) = previous.into_usable() else {
            return;
        };
        good.edits = (good.sources.files().iter())
            .filter_map(|f| {
                let path = f.path.as_deref()?;
                let (_, now) = open.iter().find(|(p, _)| same_file(p, path))?;
                (*now != f.text).then(|| Edit::new(path, &f.text, now))
            })
            .collect();
        self.fallback = Some(Box::new(good));
    }

    /// This analysis if it loaded, else its fallback (without edits: they are made again).
    fn into_usable(self) -> Option<Analysis> {
        match (self.index.is_some(), self.fallback) {
            (true, _) => Some(Analysis {
                fallback: None,
                edits: Vec::new(),
                ..self
            }),
            (false, Some(good)) => Some(Analysis {
                edits: Vec::new(),
                ..*good
            }),
            (false, None) => None,
        }
    }

    /// The file of this analysis at `path`, if it took part.
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.sources
            .files()
            .iter()
            .find(|f| f.path.as_deref().is_some_and(|p| same_file(p, path)))
    }

    fn edit(&self, path: &Path) -> Option<&Edit> {
        self.edits.iter().find(|e| same_file(&e.path, path))
    }

    /// The global offset of `position` in the buffer of `path`, if this analysis read the
    /// file and the position is not in a part edited since.
    pub fn offset(&self, path: &Path, position: Position) -> Option<usize> {
        let file = self.file(path)?;
        let local = match self.edit(path) {
            Some(edit) => edit.to_old(offset_of(&edit.text, position))?,
            None => offset_of(&file.text, position),
        };
        Some(file.base + local)
    }

    /// The LSP location of a global span, in the buffer as it is now.
    pub fn location(&self, span: &Range<usize>) -> Option<Location> {
        let file = self.sources.file_at(span.start)?;
        let path = file.path.as_deref()?;
        let uri = uri_of(path)?;
        let start = span.start - file.base;
        let end = span.end.saturating_sub(file.base).max(start);
        let range = match self.edit(path) {
            Some(edit) => range_in(&edit.text, edit.to_new(start)?, edit.to_new(end)?),
            None => lsp_types::Range::new(position_of(file, start), position_of(file, end)),
        };
        Some(Location::new(uri, range))
    }

    /// The diagnostics by file URI (as text: a `Uri` caches parts of itself, so it makes a
    /// poor map key). A diagnostic with no place goes to the scenario itself, at its start;
    /// every file read gets an entry, so fixed problems are cleared.
    pub fn diagnostics_by_uri(&self) -> BTreeMap<String, Vec<LspDiagnostic>> {
        let mut out: BTreeMap<String, Vec<LspDiagnostic>> = BTreeMap::new();
        for f in self.sources.files() {
            if let Some(uri) = f.path.as_deref().and_then(uri_of) {
                out.entry(uri.as_str().to_owned()).or_default();
            }
        }
        for d in &self.diagnostics {
            let located = d.span.as_ref().and_then(|span| {
                let file = self.sources.file_at(span.start)?;
                let uri = uri_of(file.path.as_deref()?)?;
                let start = span.start - file.base;
                let end = span.end.saturating_sub(file.base).max(start);
                let range = lsp_types::Range::new(position_of(file, start), position_of(file, end));
                Some((uri, range))
            });
            let (uri, range) = match located {
                Some(x) => x,
                None => match uri_of(&self.root) {
                    Some(uri) => (uri, lsp_types::Range::default()),
                    None => continue,
                },
            };
            out.entry(uri.as_str().to_owned())
                .or_default()
                .push(to_lsp(d, range));
        }
        out
    }
}

/// The LSP position of local byte offset `at` of `file` (through its table of line starts,
/// so long files cost no scan per position).
fn position_of(file: &SourceFile, at: usize) -> Position {
    let at = statecraft_model::diag::floor_char_boundary(&file.text, at);
    let line = file.line_of(at);
    let start = file.line_range(line).start;
    let column = file.text[start..at].encode_utf16().count();
    Position::new(line as u32, column as u32)
}

/// A statecraft diagnostic in LSP terms: its message, then its label and hints as `check`
/// prints them under the source line.
fn to_lsp(d: &Diagnostic, range: lsp_types::Range) -> LspDiagnostic {
    let mut message = d.message.clone();
    if let Some(label) = &d.label {
        message.push_str(&format!("\n{label}"));
    }
    for hint in &d.hints {
        message.push_str(&format!("\nhelp: {hint}"));
    }
    LspDiagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        source: Some("statecraft".to_owned()),
        message,
        ..LspDiagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_move_offsets_around_the_changed_middle() {
        let old = "id = \"a\"\nx = [\ny = \"b\"";
        let new = "id = \"a\"\nx = [[[\ny = \"b\"";
        let edit = Edit::new(Path::new("f"), old, new);
        let y_old = old.find('y').unwrap();
        let y_new = new.find('y').unwrap();
        assert_eq!(edit.to_new(y_old), Some(y_new));
        assert_eq!(edit.to_old(y_new), Some(y_old));
        assert_eq!(edit.to_old(1), Some(1));
        assert_eq!(edit.to_old(new.find("[[").unwrap() + 2), None);
    }

    #[test]
    fn an_edit_of_a_repeated_letter_stays_in_bounds() {
        // "aaa" → "aaaa": the common prefix takes all three bytes, so the suffix must not
        // count them again.
        let edit = Edit::new(Path::new("f"), "aaa", "aaaa");
        assert_eq!((edit.prefix, edit.suffix), (3, 0));
        assert_eq!(edit.to_old(4), Some(3));
        assert_eq!(edit.to_new(3), Some(3));
    }
}
