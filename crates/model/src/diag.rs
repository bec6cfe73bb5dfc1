//! Diagnostics as data: what went wrong, where, and what might fix it.
//!
//! Every file a load reads (scenarios, the bases they extend, seeds, `--set` overrides) is
//! placed in one virtual address space by [`Sources`], so a span is a plain byte range and a
//! diagnostic needs no file id: [`Sources::locate`] finds the file, line and column. Nothing
//! here renders or prints; the CLI does that (STYLE.md: a library never prints).

use std::ops::Range;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Where, in the virtual address space of [`Sources`]; `None` for problems with no place
    /// (a file that cannot be read).
    pub span: Option<Range<usize>>,
    /// A short note under the underlined text.
    pub label: Option<String>,
    /// Suggestions: "did you mean `partner`?".
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            hints: Vec::new(),
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds "did you mean `x`?" when one of `candidates` is close to `wrong`.
    pub fn suggest<'a>(self, wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match did_you_mean(wrong, candidates) {
            Some(best) => self.with_hint(format!("did you mean `{best}`?")),
            None => self,
        }
    }
}

/// The closest candidate to `wrong`, if any is close enough (clap's rule: Jaro similarity
/// above 0.7), ties going to the first.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro(wrong, candidate);
        if score > 0.7 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// One file (or pseudo-file, such as a `--set` override) taking part in a load.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name shown in diagnostics: the path as given, or `--set` for overrides.
    pub name: String,
    /// The real path, when there is one (relative paths inside the file resolve against it).
    pub path: Option<PathBuf>,
    pub text: String,
    /// Where the file starts in the virtual address space.
    pub base: usize,
    /// The offset of every line's first byte, so a position is found by binary search rather
    /// than by counting from the start of the file for each diagnostic (which made thousands of
    /// diagnostics quadratic: issue 9).
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// The 0-based line holding local offset `local`.
    pub fn line_of(&self, local: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= local) - 1
    }

    /// The local byte range of 0-based line `line`, without its line break.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end.max(start)
    }
}

/// A file, line and column (1-based, columns in characters).
#[derive(Clone, Copy, Debug)]
pub struct Location<'a> {
    pub file: &'a SourceFile,
    pub line: usize,
    pub column: usize,
}

/// All the text a load read, laid end to end with one byte of gap between files.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
    next_base: usize,
}

impl Sources {
    /// Adds a file and returns its base offset.
    pub fn add(&mut self, name: String, path: Option<&Path>, text: String) -> usize {
        let base = self.next_base;
        self.next_base = base + text.len() + 1;
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        self.files.push(SourceFile {
            name,
            path: path.map(Path::to_path_buf),
            text,
            base,
            line_starts,
        });
        base
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The file that holds global offset `at`.
    pub fn file_at(&self, at: usize) -> Option<&SourceFile> {
        let index = self
            .files
            .partition_point(|f| f.base <= at)
            .checked_sub(1)?;
        let file = &self.files[index];
        (at <= file.base + file.text.len()).then_some(file)
    }

    /// File, line and column of global offset `at`.
    pub fn locate(&self, at: usize) -> Option<Location<'_>> {
        let file = self.file_at(at)?;
        let local = (at - file.base).min(file.text.len());
        let local = floor_char_boundary(&file.text, local);
        let line = file.line_of(local);
        let line_start = file.line_starts[line];
        let column = file.text[line_start..local].chars().count() + 1;
        Some(Location {
            file,
            line: line + 1,
            column,
        })
    }

    /// The text a global span covers (empty when it crosses files).
    pub fn text(&self, span: &Range<usize>) -> &str {
        match self.file_at(span.start) {
            Some(f) if span.end <= f.base + f.text.len() && span.start <= span.end => {
                let start = floor_char_boundary(&f.text, span.start - f.base);
                let end = floor_char_boundary(&f.text, span.end - f.base);
                &f.text[start..end]
            }
            _ => "",
        }
    }

    /// `file:line:column` for a span's start, or the bare file name.
    pub fn position(&self, span: &Range<usize>) -> String {
        match self.locate(span.start) {
            Some(l) => format!("{}:{}:{}", l.file.name, l.line, l.column),
            None => String::from("<unknown>"),
        }
    }
}

/// The largest char boundary at or below `i` (str::floor_char_boundary is unstable).
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_across_files() {
        let mut sources = Sources::default();
        let a = sources.add("a.toml".into(), None, "x = 1\ny = 2\n".into());
        let b = sources.add("b.toml".into(), None, "zé = 3".into());
        let l = sources.locate(a + 8).unwrap();
        assert_eq!((l.file.name.as_str(), l.line, l.column), ("a.toml", 2, 3));
        let l = sources.locate(b + 5).unwrap();
        assert_eq!((l.file.name.as_str(), l.line, l.column), ("b.toml", 1, 5));
        assert_eq!(sources.text(&(b..b + 3)), "zé");
    }

    #[test]
    fn the_line_index_agrees_with_counting_from_the_start() {
        let text = "a\n\nbé c\r\nlast\n";
        let mut sources = Sources::default();
        let base = sources.add("f".into(), None, text.into());
        for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[start..].chars().count() + 1;
            let l = sources.locate(base + at).unwrap();
            assert_eq!((l.line, l.column), (line, column), "offset {at}");
        }
        let file = &sources.files()[0];
        assert_eq!(&text[file.line_range(2)], "bé c\r");
        assert_eq!(&text[file.line_range(4)], "");
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("hungry", ["hungary", "austria"]),
            Some("hungary")
        );
        assert_eq!(did_you_mean("xyz", ["hungary", "austria"]), None);
    }
}
