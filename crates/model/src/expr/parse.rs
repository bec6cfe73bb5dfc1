//! Parsing: tokens → a syntax tree in an arena, by a hand-written Pratt parser.
//!
//! The parser owns the structural limits. Nesting (parentheses and unary operators) is
//! counted, and the parser recurses only for those and for a strictly tighter-binding
//! operator, so its recursion stays below `MAX_DEPTH` × the number of precedence levels.
//! Operators are counted too, which bounds the tree that later passes walk recursively.
//! Parsing stops at the first syntax error: after one, the rest rarely means anything.

use std::ops::Range;

use super::lex;
use super::token::{BinOp, Tok, Token};
use super::{ExprError, MAX_DEPTH, MAX_LEN, MAX_OPS};

/// Index of a node in [`Ast::nodes`].
pub(super) type NodeId = usize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnOp {
    Not,
    Neg,
}

#[derive(Clone, Debug)]
pub(super) enum Kind {
    Num(f64),
    Date(i32),
    Str(String),
    Bool(bool),
    /// A bare word: always an error, explained by the checker, which knows the context.
    Word,
    /// `name(args)`; `call` is the range of the call itself, without surrounding parentheses.
    Call {
        name: Range<usize>,
        args: Vec<Range<usize>>,
        call: Range<usize>,
    },
    Unary(UnOp, NodeId),
    Binary(BinOp, NodeId, NodeId),
}

#[derive(Clone, Debug)]
pub(super) struct Node {
    pub kind: Kind,
    /// The node's text, including any parentheses around it.
    pub range: Range<usize>,
}

/// The syntax tree: children before their parents.
#[derive(Debug)]
pub(super) struct Ast {
    pub nodes: Vec<Node>,
    pub root: NodeId,
}

/// Binding powers `(left, right)`: higher binds tighter; right = left + 1 groups to the left.
fn binding(op: BinOp) -> (u8, u8) {
    match op {
        BinOp::Or => (1, 2),
        BinOp::And => (3, 4),
        BinOp::Eq | BinOp::Ne => (5, 6),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => (7, 8),
        BinOp::Add | BinOp::Sub => (9, 10),
        BinOp::Mul | BinOp::Div => (11, 12),
    }
}

/// Comparisons do not chain: `a < b < c` would compare true/false with `c`.
fn non_associative(op: BinOp) -> bool {
    matches!(binding(op).0, 5 | 7)
}

pub(super) fn parse(text: &str) -> Result<Ast, Vec<ExprError>> {
    if text.len() > MAX_LEN {
        let mut over = MAX_LEN;
        while !text.is_char_boundary(over) {
            over -= 1;
        }
        return Err(vec![
            ExprError::new(
                over..text.len(),
                format!("the condition is longer than {MAX_LEN} bytes"),
            )
            .hint("split it, e.g. into several triggers or a flag set by one"),
        ]);
    }
    if text.trim().is_empty() {
        return Err(vec![
            ExprError::new(0..text.len(), "the condition is empty")
                .hint("for example: trust(partner) >= 50"),
        ]);
    }
    let toks = lex::lex(text)?;
    let mut parser = Parser {
        text,
        toks: &toks,
        pos: 0,
        nodes: Vec::new(),
        operators: 0,
    };
    let root = parser.expr(0, 0).map_err(|e| vec![e])?;
    if let Some(extra) = toks.get(parser.pos) {
        return Err(vec![parser.trailing(extra)]);
    }
    Ok(Ast {
        nodes: parser.nodes,
        root,
    })
}

struct Parser<'t> {
    text: &'t str,
    toks: &'t [Token],
    pos: usize,
    nodes: Vec<Node>,
    operators: usize,
}

impl Parser<'_> {
    fn push(&mut self, kind: Kind, range: Range<usize>) -> NodeId {
        self.nodes.push(Node { kind, range });
        self.nodes.len() - 1
    }

    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn end(&self) -> Range<usize> {
        self.text.len()..self.text.len()
    }

    /// Counts an operator against [`MAX_OPS`].
    fn operator(&mut self, range: &Range<usize>) -> Result<(), ExprError> {
        self.operators += 1;
        if self.operators > MAX_OPS {
            return Err(ExprError::new(
                range.clone(),
                format!("the condition has more than {MAX_OPS} operators"),
            )
            .hint("split it, e.g. into several triggers or a flag set by one"));
        }
        Ok(())
    }

    /// An expression whose operators bind at least as tightly as `min`.
    fn expr(&mut self, min: u8, depth: usize) -> Result<NodeId, ExprError> {
        let mut left = self.prefix(depth)?;
        while let Some(Token {
            tok: Tok::Bin(op),
            range,
        }) = self.peek()
        {
            let (op, range) = (*op, range.clone());
            let (power, right_power) = binding(op);
            if power < min {
                break;
            }
            self.pos += 1;
            self.operator(&range)?;
            let right = self.expr(right_power, depth)?;
            if non_associative(op)
                && let Some(Token {
                    tok: Tok::Bin(next),
                    range: at,
                }) = self.peek()
                && binding(*next).0 == power
            {
                return Err(ExprError::new(
                    at.clone(),
                    format!(
                        "comparisons cannot be chained: `{}` then `{}`",
                        op.symbol(),
                        next.symbol()
                    ),
                )
                .hint("join two comparisons with `&&`, e.g. `a < b && b < c`"));
            }
            let span = self.nodes[left].range.start..self.nodes[right].range.end;
            left = self.push(Kind::Binary(op, left, right), span);
        }
        Ok(left)
    }

    /// A value, a unary operator applied to one, or a parenthesized expression.
    fn prefix(&mut self, depth: usize) -> Result<NodeId, ExprError> {
        let Some(Token { tok, range }) = self.peek().cloned() else {
            return Err(ExprError::new(
                self.end(),
                "the condition ends where a value is expected",
            ));
        };
        let nested = |what: &str| {
            (depth >= MAX_DEPTH).then(|| {
                ExprError::new(
                    range.clone(),
                    format!("the condition is nested more than {MAX_DEPTH} levels deep ({what})"),
                )
                .hint("simplify it, or split it into several conditions")
            })
        };
        self.pos += 1;
        let kind =
            match tok {
                Tok::Num(v) => Kind::Num(v),
                Tok::Date(d) => Kind::Date(d),
                Tok::Str(s) => Kind::Str(s),
                Tok::Bool(b) => Kind::Bool(b),
                Tok::Call { name, args } => Kind::Call {
                    name,
                    args,
                    call: range.clone(),
                },
                Tok::Word => {
                    let starts_value = self.peek().is_some_and(|t| {
                        !matches!(t.tok, Tok::Bin(_) | Tok::Close) || t.tok == Tok::Bin(BinOp::Sub)
                    });
                    if &self.text[range.clone()] == "not" && starts_value {
                        return Err(ExprError::new(range, "`not` is written `!`")
                            .hint("e.g. `!flag(agreement_signed)`"));
                    }
                    Kind::Word
                }
                Tok::Not | Tok::Bin(BinOp::Sub) => {
                    if let Some(e) = nested("unary operators") {
                        return Err(e);
                    }
                    self.operator(&range)?;
                    let inner = self.prefix(depth + 1)?;
                    let op = if tok == Tok::Not {
                        UnOp::Not
                    } else {
                        UnOp::Neg
                    };
                    let span = range.start..self.nodes[inner].range.end;
                    return Ok(self.push(Kind::Unary(op, inner), span));
                }
                Tok::Open => {
                    if let Some(e) = nested("parentheses") {
                        return Err(e);
                    }
                    let inner = self.expr(0, depth + 1)?;
                    return match self.peek() {
                        Some(Token {
                            tok: Tok::Close,
                            range: close,
                        }) => {
                            self.nodes[inner].range = range.start..close.end;
                            self.pos += 1;
                            Ok(inner)
                        }
                        Some(other) => Err(self.trailing(&other.clone())),
                        None => Err(ExprError::new(range, "this `(` is not closed")
                            .hint("close it with `)`")),
                    };
                }
                Tok::Close => {
                    let message = if self.pos >= 2 && self.toks[self.pos - 2].tok == Tok::Open {
                        "empty parentheses"
                    } else {
                        "expected a value, found `)`"
                    };
                    return Err(ExprError::new(range, message));
                }
                Tok::Bin(op) => {
                    return Err(ExprError::new(
                        range,
                        format!("expected a value, found `{}`", op.symbol()),
                    ));
                }
            };
        Ok(self.push(kind, range))
    }

    /// The error for a token after a complete expression, where an operator was expected.
    fn trailing(&self, extra: &Token) -> ExprError {
        let written = &self.text[extra.range.clone()];
        match (&extra.tok, written) {
            (Tok::Close, _) => ExprError::new(extra.range.clone(), "`)` without a matching `(`"),
            (Tok::Word, "and" | "AND") => {
                ExprError::new(extra.range.clone(), "`and` is written `&&`")
            }
            (Tok::Word, "or" | "OR") => ExprError::new(extra.range.clone(), "`or` is written `||`"),
            _ => ExprError::new(
                extra.range.clone(),
                format!(
                    "expected an operator before `{}`",
                    super::check::snippet(written)
                ),
            )
            .hint("join conditions with `&&` or `||`"),
        }
    }
}
