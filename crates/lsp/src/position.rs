//! Positions and file names as LSP counts them: lines from 0 and columns in UTF-16 code
//! units (statecraft counts bytes), and `file://` URIs (statecraft reads paths).
//!
//! They are apart from the analysis because every feature converts both ways: a request's
//! position into a byte offset, and a found span into a range in the editor's buffer.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};
use statecraft_model::diag::floor_char_boundary;

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

/// The LSP position of byte offset `at` of `text`: its 0-based line, and its column in UTF-16
/// code units, as the protocol counts them.
pub fn position_in(text: &str, at: usize) -> Position {
    let at = floor_char_boundary(text, at.min(text.len()));
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = text[..line_start].matches('\n').count();
    let column = text[line_start..at].encode_utf16().count();
    Position::new(line as u32, column as u32)
}

/// The LSP range of bytes `start..end` of `text`.
pub fn range_in(text: &str, start: usize, end: usize) -> Range {
    Range::new(position_in(text, start), position_in(text, end.max(start)))
}

/// The byte offset of an LSP position in `text` (clamped to its line and the text).
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
        let text = "a = \"é😀x\"\nb";
        let x = text.find('x').unwrap();
        // `a = "` is 5 units, é is 1, 😀 is 2.
        assert_eq!(position_in(text, x), Position::new(0, 8));
        assert_eq!(offset_of(text, Position::new(0, 8)), x);
        assert_eq!(offset_of(text, Position::new(1, 0)), text.len() - 1);
        assert_eq!(position_in(text, text.len()), Position::new(1, 1));
    }

    #[test]
    fn uris_round_trip() {
        let path = Path::new("/tmp/a b/é.toml");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9.toml");
        assert_eq!(path_of(&uri).unwrap(), path);
    }
}
