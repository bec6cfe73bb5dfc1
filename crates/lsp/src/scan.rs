//! What the cursor is in, read from the buffer's lines: the section, the key whose value is
//! being written, and the string typed so far.
//!
//! Completion needs this while the file is half-written and does not parse, so it cannot come
//! from the loader. It reads only the lines around the cursor, as TOML writes them: a header
//! opens a section, `key = value` sets a key (several in an inline table), basic strings
//! decode `\` escapes, literal strings do not, and `#` outside a string starts a comment.

/// The string the cursor is in.
#[derive(Debug, PartialEq)]
pub struct Typed {
    /// Where its text starts in the line (after the quote).
    pub start: usize,
    /// Its text from there to the cursor, escapes decoded.
    pub value: String,
}

/// What the cursor is in on its line.
#[derive(Debug, Default, PartialEq)]
pub struct Scanned<'a> {
    /// The key whose value is being written (the last before the cursor, or the key of an
    /// array opened on an earlier line).
    pub key: Option<&'a str>,
    pub string: Option<Typed>,
    /// The cursor is in a comment.
    pub comment: bool,
}

/// Scans the line starting at byte `line_start` of `text` up to the cursor at `at`.
pub fn scan(text: &str, line_start: usize, at: usize) -> Scanned<'_> {
    let mut scanned = scan_line(&text[line_start..at]);
    if scanned.key.is_none() && !scanned.comment {
        scanned.key = open_array_key(&text[..line_start]);
    }
    scanned
}

/// [`scan`] on one line's text up to the cursor.
fn scan_line(line: &str) -> Scanned<'_> {
    #[derive(Clone, Copy, PartialEq)]
    enum In {
        Code,
        Basic,
        Literal,
    }
    let mut state = In::Code;
    let mut out = Scanned::default();
    let mut value = String::new();
    let mut start = 0;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match (state, c) {
            (In::Code, '#') => {
                out.comment = true;
                return out;
            }
            (In::Code, '=') => out.key = key_before(&line[..i]),
            (In::Code, '"') => (state, start) = (In::Basic, i + 1),
            (In::Code, '\'') => (state, start) = (In::Literal, i + 1),
            (In::Basic, '\\') => {
                if let Some((_, escaped)) = chars.next() {
                    value.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        other => other,
                    });
                }
            }
            (In::Basic, '"') | (In::Literal, '\'') => {
                state = In::Code;
                value.clear();
            }
            (In::Basic | In::Literal, c) => value.push(c),
            (In::Code, _) => {}
        }
    }
    if state != In::Code {
        out.string = Some(Typed { start, value });
    }
    out
}

/// The bare key that ends `before` (`x` in `{ a = 1, x`), if any.
fn key_before(before: &str) -> Option<&str> {
    let key = before
        .trim_end()
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .next()?;
    (!key.is_empty()).then_some(key)
}

/// The key of an array left open on the lines before (`actors = [` then one id a line).
fn open_array_key(before: &str) -> Option<&str> {
    let mut depth = 0i32;
    for line in before.lines().rev() {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') && depth == 0 && !trimmed.starts_with("[\"") {
            return None;
        }
        let code = line.split('#').next().unwrap_or("");
        depth += code.matches('[').count() as i32 - code.matches(']').count() as i32;
        if let Some(eq) = code.rfind('=')
            && depth > 0
        {
            return key_before(&code[..eq]);
        }
        if code.contains('=') {
            return None;
        }
    }
    None
}

/// The section of the line starting at byte `line_start`: `actor` under `[[actor]]`,
/// `review.action` under `[[review.action]]`.
pub fn section_at(text: &str, line_start: usize) -> Option<&str> {
    text[..line_start].lines().rev().find_map(header)
}

/// The section a header line opens: `actor` for `[[actor]]`, `scenario` for `[scenario]`.
fn header(line: &str) -> Option<&str> {
    let line = line.trim();
    let inner = line.strip_prefix('[')?.split(']').next()?;
    let inner = inner.trim_start_matches('[').trim();
    let bare = inner
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
    (!inner.is_empty() && bare).then_some(inner)
}

/// The string value of `key` on `line` (`status = "partner.visa_free"` in an inline table).
pub fn value_on_line<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let mut rest = line;
    while let Some(found) = rest.find(key) {
        let before_ok = rest[..found]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_'));
        let after = rest[found + key.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let body = &value[1..];
            return body.find(quote).map(|end| &body[..end]);
        }
        rest = &rest[found + key.len()..];
    }
    None
}

/// The string value of `key` in the item around byte `at` (from its header to the next).
pub fn item_value<'a>(text: &'a str, at: usize, key: &str) -> Option<&'a str> {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let (mut start, mut pos) = (0, 0);
    for line in text[..line_start].split_inclusive('\n') {
        if header(line).is_some() {
            start = pos;
        }
        pos += line.len();
    }
    let mut lines = text[start..].lines();
    let first = lines.next().unwrap_or("");
    std::iter::once(first)
        .chain(lines.take_while(|l| header(l).is_none()))
        .find_map(|l| {
            let l = l.trim_start();
            l.starts_with(key).then(|| value_on_line(l, key))?
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Scanned<'_> {
        let line_start = text.rfind('\n').map_or(0, |n| n + 1);
        scan(text, line_start, text.len())
    }

    #[test]
    fn a_condition_string_decodes_its_escaped_quotes() {
        let s = at_end(r#"that = "status(partner.visa_free) == \"sus"#);
        assert_eq!(s.key, Some("that"));
        let typed = s.string.unwrap();
        assert_eq!(typed.value, "status(partner.visa_free) == \"sus");
        assert_eq!(typed.start, 8);
    }

    #[test]
    fn the_last_key_of_an_inline_table_and_closed_strings() {
        let s = at_end(r#"on_adopt = [{ status = "partner.visa_free", to = "a"#);
        assert_eq!(s.key, Some("to"));
        assert_eq!(s.string.unwrap().value, "a");
        let s = at_end(r#"source = "letter" # a comment"#);
        assert!(s.comment);
        let s = at_end(r#"source = "letter""#);
        assert_eq!((s.key, s.string), (Some("source"), None));
    }

    #[test]
    fn an_array_opened_on_an_earlier_line_gives_its_key() {
        let text = "[[indicator]]\nactors = [\n  \"a\",\n  \"";
        assert_eq!(at_end(text).key, Some("actors"));
        let text = "[[indicator]]\nactors = [\"a\"]\n\"";
        assert_eq!(at_end(text).key, None);
    }

    #[test]
    fn sections_and_item_values() {
        let text =
            "[[status]]\nid = \"visa\"\nstates = [\"on\"]\ninitial = \"\n[[flag]]\nid = \"f\"\n";
        let at = text.find("initial").unwrap();
        assert_eq!(section_at(text, at), Some("status"));
        assert_eq!(item_value(text, at, "id"), Some("visa"));
        assert_eq!(
            value_on_line("{ status = \"p.visa\", to = \"\" }", "status"),
            Some("p.visa")
        );
    }
}
