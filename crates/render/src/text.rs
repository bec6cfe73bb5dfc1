//! Scenario text made safe for where it is printed.
//!
//! Titles, event texts and ids come from scenario files, which are shared and may be hostile.
//! A terminal obeys control characters and escape sequences (clear the screen, set the window
//! title, write the clipboard through OSC 52), and bidirectional overrides make a line read
//! differently from what it contains. Markdown rendered to HTML runs what looks like HTML and
//! follows what looks like a link. Every text renderer passes its output through [`inert`],
//! and the Markdown renderer escapes each field with [`markdown`] first.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach a terminal as it is: C0 controls other than newline
/// and tab, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069).
fn is_active(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` with every active character written as a visible escape (`\u{1b}`), so that what
/// reaches the terminal is exactly what the file says and nothing the file commands.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_active) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_active(c) {
            let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// A source file's text made inert for quoting in a diagnostic, with a map from byte offsets
/// in the original to offsets in the result, so that spans still point at the same
/// characters. Carriage returns stay: the snippet renderer handles line ends itself.
pub fn inert_source(text: &str) -> (Cow<'_, str>, OffsetMap) {
    let mut grown = Vec::new();
    if !text.chars().any(|c| c != '\r' && is_active(c)) {
        return (Cow::Borrowed(text), OffsetMap { grown });
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for (at, c) in text.char_indices() {
        if c != '\r' && is_active(c) {
            let before = shown.len();
            let _ = write!(shown, "\\u{{{:x}}}", u32::from(c));
            grown.push((at, shown.len() - before - c.len_utf8()));
        } else {
            shown.push(c);
        }
    }
    (Cow::Owned(shown), OffsetMap { grown })
}

/// Where byte offsets of a text land after [`inert_source`] rewrote it.
#[derive(Debug)]
pub struct OffsetMap {
    /// (offset in the original, bytes added there), in order.
    grown: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The offset in the rewritten text of `offset` in the original.
    pub fn map(&self, offset: usize) -> usize {
        offset
            + self
                .grown
                .iter()
                .take_while(|(at, _)| *at < offset)
                .map(|(_, added)| added)
                .sum::<usize>()
    }
}

/// `text` as literal Markdown inline text, safe in a heading, a list item or a table cell:
/// punctuation that makes emphasis, code, links, images, tables or strike-through is
/// backslash-escaped; `<`, `>` and `&` become HTML entities (no raw HTML, no entity tricks);
/// newlines become spaces (a cell is one line); a leading character that could open a block
/// (a list, a heading, a quote) is escaped; active characters are made visible as in
/// [`inert`].
pub fn markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // An underscore inside a word emphasises nothing in CommonMark: `visa_free` stays.
        let inside_word = |i: usize| {
            i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        };
        match c {
            '_' if inside_word(i) => escaped.push(c),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '\n' | '\r' => escaped.push(' '),
            c if is_active(c) || c == '\t' => {
                // Written with an escaped backslash, so that it shows as `\u{1b}`.
                let _ = write!(escaped, "\\\\u{{{:x}}}", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    // An ordered-list marker (`1.` or `1)`) at the start would open a list.
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(escaped.as_bytes().get(digits), Some(b'.' | b')')) {
        escaped.insert(digits, '\\');
    }
    escaped
}

/// `text` as a Markdown code span: a backtick fence longer than any run of backticks inside,
/// so the text cannot close it (renderers escape HTML inside code spans themselves).
pub fn markdown_code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let text = inert(&text);
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The line that says what an information cut-off left out: "as of DATE: N scheduled items
/// after the cut-off left out (ids...)".
pub fn cut_off_line(as_of: &str, left_out: &[String]) -> String {
    let n = left_out.len();
    let ids = if n == 0 {
        String::new()
    } else {
        format!(" ({})", inert(&left_out.join(", ")))
    };
    format!(
        "as of {as_of}: {n} scheduled item{} after the cut-off left out{ids}\n",
        if n == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_left_alone() {
        assert!(matches!(
            inert("Armenia — EPF 2025\n\tok"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            markdown("EPF measure for Armenia 2025"),
            "EPF measure for Armenia 2025"
        );
    }

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        assert_eq!(inert("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(inert("\u{1b}]52;c;aGk=\u{7}"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(inert("x\u{202e}y\u{2066}z"), "x\\u{202e}y\\u{2066}z");
        assert_eq!(inert("\u{9b}\u{7f}\0\r"), "\\u{9b}\\u{7f}\\u{0}\\u{d}");
        assert_eq!(inert("line\nnext\tcell"), "line\nnext\tcell");
    }

    #[test]
    fn markdown_punctuation_is_escaped() {
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(markdown("a | b"), "a \\| b");
        assert_eq!(
            markdown("`code` *em* _em_ ~~s~~"),
            "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~"
        );
        assert_eq!(markdown("![i](x)"), "\\!\\[i\\](x)");
        assert_eq!(markdown("AT&T &lt;"), "AT&amp;T &amp;lt;");
        assert_eq!(markdown("back\\slash"), "back\\\\slash");
        assert_eq!(markdown("one\ntwo\r\nthree"), "one two  three");
        assert_eq!(markdown("# not a heading"), "\\# not a heading");
        assert_eq!(
            markdown("visa_free _em_ a_ _b"),
            "visa_free \\_em\\_ a\\_ \\_b"
        );
    }

    #[test]
    fn markdown_block_openers_at_the_start_are_escaped() {
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("+ item"), "\\+ item");
        assert_eq!(markdown("2024. year"), "2024\\. year");
        assert_eq!(markdown("1) one"), "1\\) one");
        // Inside a line they are plain text.
        assert_eq!(markdown("2024-06-30 a-b 3.5"), "2024-06-30 a-b 3.5");
    }

    #[test]
    fn markdown_shows_controls_as_escapes() {
        assert_eq!(markdown("a\u{1b}b\u{202e}"), "a\\\\u{1b}b\\\\u{202e}");
    }

    #[test]
    fn source_offsets_follow_the_escapes() {
        let text = "a\u{9b}b\u{1b}c\r\nd";
        let (shown, map) = inert_source(text);
        assert_eq!(shown, "a\\u{9b}b\\u{1b}c\r\nd");
        let b = text.find('b').unwrap();
        let c = text.find('c').unwrap();
        assert_eq!(&shown[map.map(b)..map.map(b) + 1], "b");
        assert_eq!(&shown[map.map(c)..map.map(c) + 1], "c");
        assert_eq!(map.map(0), 0);
        assert_eq!(map.map(text.len()), shown.len());
        assert!(matches!(inert_source("plain\r\n").0, Cow::Borrowed(_)));
    }

    #[test]
    fn a_code_span_cannot_be_closed_by_its_text() {
        assert_eq!(markdown_code("south-caucasus"), "`south-caucasus`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x``"), "``` `x`` ```");
        assert_eq!(markdown_code("a\nb\u{1b}"), "`a b\\u{1b}`");
    }
}
