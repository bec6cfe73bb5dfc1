//! Lexing: condition text → tokens with byte ranges.
//!
//! The one context-sensitive part of the language lives here: after a call's `(` the lexer
//! reads raw arguments up to `,` or `)`, so ids with hyphens (`aid-2024`) stay whole
//! while `-` elsewhere is minus. Every lexical error is collected, not just the first.

use std::ops::Range;

use super::ExprError;
use super::token::{BinOp, Tok, Token, is_id, is_space, is_word};

struct Lexer<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    toks: Vec<Token>,
    errors: Vec<ExprError>,
}

pub(super) fn lex(text: &str) -> Result<Vec<Token>, Vec<ExprError>> {
    let mut lx = Lexer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        toks: Vec::new(),
        errors: Vec::new(),
    };
    while let Some(&b) = lx.bytes.get(lx.pos) {
        let start = lx.pos;
        match b {
            _ if is_space(b) => lx.pos += 1,
            b'0'..=b'9' => lx.number(),
            b'"' => lx.string(),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => lx.word(),
            _ => match lx.operator() {
                Some(tok) => lx.push(tok, start),
                None => lx.unexpected(),
            },
        }
    }
    if lx.errors.is_empty() {
        Ok(lx.toks)
    } else {
        Err(lx.errors)
    }
}

impl Lexer<'_> {
    fn push(&mut self, tok: Tok, start: usize) {
        self.toks.push(Token {
            tok,
            range: start..self.pos,
        });
    }

    /// The end of the run of bytes matching `what` from `from`.
    fn scan(&self, from: usize, what: fn(u8) -> bool) -> usize {
        let mut end = from;
        while self.bytes.get(end).is_some_and(|b| what(*b)) {
            end += 1;
        }
        end
    }

    /// The character at byte `at` (a boundary), with its range.
    fn char_at(&self, at: usize) -> (char, Range<usize>) {
        let c = self.text[at..].chars().next().unwrap_or(' ');
        (c, at..at + c.len_utf8())
    }

    fn number(&mut self) {
        let start = self.pos;
        if self.date() {
            return;
        }
        self.pos = self.scan(start, is_word);
        let run = &self.text[start..self.pos];
        let value = well_formed_number(run)
            .then(|| run.replace('_', "").parse::<f64>().ok())
            .flatten();
        match value {
            Some(v) if v.is_finite() => self.push(Tok::Num(v), start),
            Some(_) => self.errors.push(ExprError::new(
                start..self.pos,
                format!("`{run}` is too large"),
            )),
            None => self.errors.push(
                ExprError::new(start..self.pos, format!("`{run}` is not a number"))
                    .hint("numbers are written like `60`, `0.5` or `1_000`"),
            ),
        }
    }

    /// Lexes a `YYYY-MM-DD` date at the current position (or reports a date-shaped text that
    /// names no real day). False, with nothing consumed, when the text is not date-shaped.
    fn date(&mut self) -> bool {
        let start = self.pos;
        let Some(shape) = self.bytes.get(start..start + 10) else {
            return false;
        };
        let digits = |r: Range<usize>| shape[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && shape[4] == b'-' && digits(5..7) && shape[7] == b'-' && digits(8..10))
        {
            return false;
        }
        self.pos = self.scan(start + 10, is_word);
        let written = &self.text[start..self.pos];
        if self.pos > start + 10 {
            self.errors.push(
                ExprError::new(start..self.pos, format!("`{written}` is not a date"))
                    .hint("dates are written YYYY-MM-DD, e.g. 2025-06-01"),
            );
            return true;
        }
        let part = |r: Range<usize>| written[r].parse::<u32>().unwrap_or(0);
        match crate::calendar::date(part(0..4) as i32, part(5..7), part(8..10)) {
            Some(day) => self.push(Tok::Date(crate::calendar::day_number(day)), start),
            None => self.errors.push(ExprError::new(
                start..self.pos,
                format!("`{written}` is not a real day"),
            )),
        }
        true
    }

    fn string(&mut self) {
        let start = self.pos;
        let mut value = String::new();
        self.pos += 1;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                self.errors.push(
                    ExprError::new(start..self.pos, "this string is not closed")
                        .hint("end it with a double quote"),
                );
                return;
            };
            let (c, range) = self.char_at(self.pos);
            self.pos = range.end;
            match b {
                b'"' => break,
                b'\\' => match self.bytes.get(self.pos) {
                    Some(&escaped @ (b'"' | b'\\')) => {
                        value.push(char::from(escaped));
                        self.pos += 1;
                    }
                    _ => self.errors.push(
                        ExprError::new(range, "unknown escape in a string")
                            .hint(r#"the only escapes are \" and \\"#),
                    ),
                },
                _ => value.push(c),
            }
        }
        self.push(Tok::Str(value), start);
    }

    /// A call (name and arguments) or a bare word.
    fn word(&mut self) {
        let start = self.pos;
        let id_end = self.scan(start, is_id);
        let open = self.scan(id_end, is_space);
        if self.bytes.get(open) == Some(&b'(') && self.bytes[id_end - 1] != b'-' {
            self.pos = open + 1;
            if let Some(args) = self.arguments(start..id_end) {
                let name = start..id_end;
                self.push(Tok::Call { name, args }, start);
            }
            return;
        }
        self.pos = self.scan(start, is_word);
        let tok = match &self.text[start..self.pos] {
            "true" => Tok::Bool(true),
            "false" => Tok::Bool(false),
            _ => Tok::Word,
        };
        self.push(tok, start);
    }

    /// The arguments after a call's `(`, up to and past its `)`; `None` after an error
    /// (reported, with the scan resumed at the offending character).
    fn arguments(&mut self, name: Range<usize>) -> Option<Vec<Range<usize>>> {
        let mut args = Vec::new();
        loop {
            let from = self.scan(self.pos, is_space);
            let end = self.scan(from, is_id);
            self.pos = self.scan(end, is_space);
            let next = self.bytes.get(self.pos).copied();
            let last = next == Some(b')');
            if next == Some(b',') || last {
                if from == end && !(last && args.is_empty()) {
                    let error = ExprError::new(from..self.pos + 1, "empty argument");
                    self.errors.push(error);
                }
                if from < end {
                    args.push(from..end);
                }
                self.pos += 1;
                if last {
                    return Some(args);
                }
                continue;
            }
            let called = &self.text[name.clone()];
            let error = match next {
                None => ExprError::new(
                    name.start..self.pos,
                    format!("the call `{called}(` is not closed"),
                )
                .hint("close it with `)`"),
                Some(b) => {
                    let (c, range) = self.char_at(self.pos);
                    let message =
                        format!("expected `,` or `)` in the arguments of `{called}`, found `{c}`");
                    let hint = match b {
                        b'"' => format!("arguments need no quotes: `{called}(id)`"),
                        _ if is_id(b) => "separate arguments with `,`".into(),
                        _ => "arguments are ids such as `partner` or `partner.visa_free`; \
                              close the call with `)`"
                            .into(),
                    };
                    ExprError::new(range, message).hint(hint)
                }
            };
            self.errors.push(error);
            return None;
        }
    }

    fn operator(&mut self) -> Option<Tok> {
        let two = self.bytes.get(self.pos..self.pos + 2).unwrap_or_default();
        let (tok, len) = match two {
            b"||" => (Tok::Bin(BinOp::Or), 2),
            b"&&" => (Tok::Bin(BinOp::And), 2),
            b"==" => (Tok::Bin(BinOp::Eq), 2),
            b"!=" => (Tok::Bin(BinOp::Ne), 2),
            b"<=" => (Tok::Bin(BinOp::Le), 2),
            b">=" => (Tok::Bin(BinOp::Ge), 2),
            _ => match self.bytes[self.pos] {
                b'<' => (Tok::Bin(BinOp::Lt), 1),
                b'>' => (Tok::Bin(BinOp::Gt), 1),
                b'+' => (Tok::Bin(BinOp::Add), 1),
                b'-' => (Tok::Bin(BinOp::Sub), 1),
                b'*' => (Tok::Bin(BinOp::Mul), 1),
                b'/' => (Tok::Bin(BinOp::Div), 1),
                b'!' => (Tok::Not, 1),
                b'(' => (Tok::Open, 1),
                b')' => (Tok::Close, 1),
                _ => return None,
            },
        };
        self.pos += len;
        Some(tok)
    }

    fn unexpected(&mut self) {
        let (c, range) = self.char_at(self.pos);
        let next = self.bytes.get(range.end).copied();
        let hint = match (c, next) {
            ('=', Some(b'>')) => Some("to compare, write `>=`"),
            ('=', Some(b'<')) => Some("to compare, write `<=`"),
            ('=', _) => Some("to compare, write `==`"),
            ('&', _) => Some("write `&&` for and"),
            ('|', _) => Some("write `||` for or"),
            ('\'', _) => Some("strings use double quotes"),
            ('“' | '”', _) => Some("use plain double quotes `\"`"),
            (',', _) => Some("`,` only separates the arguments of a call"),
            ('.', _) => Some("numbers start with a digit: `0.5`"),
            ('≥', _) => Some("write `>=`"),
            ('≤', _) => Some("write `<=`"),
            ('≠', _) => Some("write `!=`"),
            _ => None,
        };
        let mut error = ExprError::new(range.clone(), format!("unexpected `{c}`"));
        error.hint = hint.map(str::to_owned);
        self.errors.push(error);
        self.pos = range.end;
    }
}

/// Digits with `_` separators and an optional `.` fraction: `60`, `0.5`, `1_000`.
fn well_formed_number(run: &str) -> bool {
    let (whole, fraction) = match run.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (run, None),
    };
    let digits = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_digit())
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    };
    digits(whole) && fraction.is_none_or(digits)
}
