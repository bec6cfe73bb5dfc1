//! The tokens of the condition language and the byte classes that make them up, shared by
//! the lexer, the parser and the checker.

use std::ops::Range;

/// A binary operator (`-` is also unary minus, decided by the parser).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            BinOp::Or => "||",
            BinOp::And => "&&",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Num(f64),
    /// Days since 1970-01-01.
    Date(i32),
    Str(String),
    Bool(bool),
    /// A word not followed by `(`; the checker explains why it is not a value.
    Word,
    /// `name(args)`: the ranges of the name and of each trimmed argument.
    Call {
        name: Range<usize>,
        args: Vec<Range<usize>>,
    },
    Bin(BinOp),
    Not,
    Open,
    Close,
}

#[derive(Clone, Debug)]
pub(super) struct Token {
    pub tok: Tok,
    pub range: Range<usize>,
}

/// Bytes of numbers and words (a number running into one is malformed: `5km`, `1.2.3`).
pub(super) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'.'
}

/// Bytes of ids: call names and arguments.
pub(super) fn is_id(b: u8) -> bool {
    is_word(b) || b == b'-'
}

pub(super) fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}
