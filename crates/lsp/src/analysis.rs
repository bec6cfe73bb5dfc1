//! One analysis of a scenario as an editor sees it: loaded with the open buffers standing for
//! the files on disk, compiled with the editor's index, and its diagnostics placed in LSP
//! terms (a URI per file, positions in UTF-16 code units).
//!
//! The diagnostics are `check`'s own: the same loader ([`load_with_open`]) and the same
//! compiler, so the messages and ranges cannot drift from the command line's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{Diagnostic as LspDiagnostic, DiagnosticSeverity, Position, Range, Uri};
use statecraft_model::compile::index::{Index, compile_indexed};
use statecraft_model::diag::{Diagnostic, Severity, SourceFile, Sources};
use statecraft_model::load::load_with_open;
use statecraft_model::{Loaded, Model};

/// A scenario loaded and compiled for the editor.
pub struct Analysis {
    pub root: PathBuf,
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the files did not load (a syntax error): nothing was resolved.
    pub index: Option<Index>,
    pub loaded: Option<Loaded>,
    pub model: Option<Model>,
}

impl Analysis {
    /// Loads `root` with `open` buffers (absolute path → text) read instead of the disk.
    pub fn new(root: &Path, open: Vec<(PathBuf, String)>, allowed: &[PathBuf]) -> Analysis {
        match load_with_open(root, &[], allowed, open) {
            Err(failed) => Analysis {
                root: root.to_path_buf(),
                sources: failed.sources,
                diagnostics: failed.diagnostics,
                index: None,
                loaded: None,
                model: None,
            },
            Ok(loaded) => {
                let (result, index) = compile_indexed(&loaded);
                let (model, diagnostics) = match result {
                    Ok(model) => (Some(model), Vec::new()),
                    Err(d) => (None, d),
                };
                Analysis {
                    root: root.to_path_buf(),
                    sources: loaded.sources.clone(),
                    diagnostics,
                    index: Some(index),
                    loaded: Some(loaded),
                    model,
                }
            }
        }
    }

    /// The file of this analysis at `path`, if it took part.
    pub fn file(&self, path: &Path) -> Option<&SourceFile> {
        self.sources
            .files()
            .iter()
            .find(|f| f.path.as_deref().is_some_and(|p| same_file(p, path)))
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
                Some((uri, range_of(file, start, end)))
            });
            let (uri, range) = match located {
                Some(x) => x,
                None => match uri_of(&self.root) {
                    Some(uri) => (uri, Range::default()),
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

/// A statecraft diagnostic in LSP terms: its message, then its label and hints as `check`
/// prints them under the source line.
fn to_lsp(d: &Diagnostic, range: Range) -> LspDiagnostic {
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

/// Whether two paths name the same file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b || canonical(a) == canonical(b)
}

/// The canonical form of a path, or its absolute form when it does not exist.
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The LSP position of local byte offset `at` of `file`: its 0-based line, and its column in
/// UTF-16 code units, as the protocol counts them.
pub fn position_of(file: &SourceFile, at: usize) -> Position {
    let at = statecraft_model::diag::floor_char_boundary(&file.text, at);
    let line = file.line_of(at);
    let start = file.line_range(line).start;
    let column = file.text[start..at].encode_utf16().count();
    Position::new(line as u32, column as u32)
}

/// The LSP range of local bytes `start..end` of `file`.
pub fn range_of(file: &SourceFile, start: usize, end: usize) -> Range {
    Range::new(position_of(file, start), position_of(file, end))
}

/// The local byte offset of an LSP position in `text` (clamped to its line and the text).
pub fn offset_of(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text[line_start..].find('\n') {
            Some(n) => line_start += n + 1,
            None => return text.len(),
        }
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |n| line_start + n);
    let mut units = 0;
    for (i, c) in text[line_start..line_end].char_indices() {
        if units >= position.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_end
}

/// The `file://` URI of a path (canonical, so `base/../seeds/x.toml` and `seeds/x.toml` are
/// one file to the editor; bytes outside the unreserved set and `/` percent-encoded).
pub fn uri_of(path: &Path) -> Option<Uri> {
    let absolute = canonical(path);
    let mut text = String::from("file://");
    for byte in absolute.to_str()?.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            text.push(byte as char);
        } else {
            text.push_str(&format!("%{byte:02X}"));
        }
    }
    text.parse().ok()
}

/// The path a `file://` URI names, percent-decoded.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // A host part (`file://localhost/...`) is skipped up to the path.
    let rest = &rest[rest.find('/')?..];
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_code_units() {
        let mut sources = Sources::default();
        let text = "a = \"é😀x\"\nb";
        sources.add("f".into(), None, text.into());
        let file = &sources.files()[0];
        let x = text.find('x').unwrap();
        // `a = "` is 5 units, é is 1, 😀 is 2.
        assert_eq!(position_of(file, x), Position::new(0, 8));
        assert_eq!(offset_of(text, Position::new(0, 8)), x);
        assert_eq!(offset_of(text, Position::new(1, 0)), text.len() - 1);
    }

    #[test]
    fn uris_round_trip() {
        let path = Path::new("/tmp/a b/é.toml");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9.toml");
        assert_eq!(path_of(&uri).unwrap(), path);
    }
}
