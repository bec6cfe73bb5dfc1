//! The condition language: the small expressions scenarios write inside strings, such as
//! `trust(partner) >= 60 && status(partner.visa_free) == "active"`.
//!
//! It exists so that a scenario can say *when* something happens without the engine looking
//! up a single name while it runs: [`compile`] resolves every name through a [`Resolver`]
//! once, type-checks, and returns a [`Condition`] that evaluates through an [`Env`] with no
//! string lookups and no allocation, millions of times a second in a Monte Carlo batch.
//!
//! The pipeline is `lex` (text → tokens) → `parse` (a Pratt parser → a syntax tree) →
//! `check` (names resolved, types checked, every error reported) → `code` (a short stack
//! program, with constants folded and the commonest shapes fused) → `eval`.
//!
//! # Grammar
//!
//! Loosest binding first:
//! ```text
//! condition := or
//! or        := and ( "||" and )*
//! and       := equality ( "&&" equality )*
//! equality  := ordering [ ( "==" | "!=" ) ordering ]          -- a == b == c is an error
//! ordering  := sum [ ( "<" | "<=" | ">" | ">=" ) sum ]        -- a < b < c is an error
//! sum       := product ( ( "+" | "-" ) product )*
//! product   := unary ( ( "*" | "/" ) unary )*
//! unary     := ( "!" | "-" ) unary | atom
//! atom      := NUMBER | DATE | STRING | "true" | "false" | call | "(" condition ")"
//! call      := NAME "(" [ ARG ( "," ARG )* ] ")"
//! ```
//! `+ - * / && ||` group to the left. Comparisons do not chain: join them with `&&`.
//!
//! Tokens (spaces, tabs and newlines between them are ignored):
//! - NUMBER: decimal digits with an optional fraction, `_` allowed as a separator: `60`,
//!   `0.5`, `1_000`. No sign (`-3` is unary minus applied to `3`) and no exponent.
//! - DATE: `YYYY-MM-DD`, which must be a real day: `2025-06-01`. It is read before numbers,
//!   so `2025-06-01` is a date, never a subtraction (`2025 - 06 - 01` is one).
//! - STRING: double quotes, `"active"`; `\"` and `\\` are its only escapes. A string is only
//!   meaningful compared with `==` or `!=` to a named value (a status, an outcome, an office
//!   holder); it names one of that value's states.
//! - NAME: a letter or `_`, then letters, digits, `_`, `.` and `-`, followed by `(` (spaces
//!   may come between). A word that is not followed by `(` ends before any `-` and must be
//!   `true` or `false`: any other bare word is an error that suggests `word(...)` or quotes.
//! - ARG: the raw text between `(` or `,` and the next `,` or `)`, trimmed: letters, digits,
//!   `_`, `.` and `-`. So ids with hyphens and paths need no quotes:
//!   `outcome(aid-2024)`, `status(partner.visa_free)`.
//!
//! **The rule for `-`:** inside a call's parentheses it is part of the argument; in a call's
//! name it is part of the name (`gas-supply(partner)`); everywhere else it is minus, so
//! `trust(partner)-10` and `trust(partner) - 10` are the same.
//!
//! # Types and meaning
//!
//! Every value is a number, true/false, a date or a named value of one domain (the states of
//! one status, the outcomes of proposals, the persons who can hold an office).
//! - `+ - * /` and unary `-` take numbers. Division by zero gives an infinity or NaN, as IEEE
//!   arithmetic does, and every comparison with NaN is false except `!=`, which is true.
//! - `< <= > >=` compare two numbers or two dates.
//! - `== !=` compare two values of the same type; numbers exactly, as `f64`. A named value
//!   compares with another of the same domain, or with a string naming one of its states
//!   (checked when the scenario loads).
//! - `&& || !` take true/false; `&&` and `||` evaluate their right side only when needed.
//!
//! At evaluation every value is an `f64`: true/false as 1/0, dates as days since 1970-01-01,
//! named values as the index of their state. A value read through [`Env`] counts as false
//! when it is 0 and true otherwise.
//!
//! # Limits
//!
//! A condition has at most [`MAX_LEN`] bytes, [`MAX_DEPTH`] nested parentheses and unary
//! operators, and [`MAX_OPS`] operators. Past a limit compilation fails with an error; no
//! input, however malformed, panics or overflows the stack.

mod check;
mod code;
mod compare;
mod eval;
mod lex;
mod parse;
mod token;

use std::fmt;
use std::ops::Range;

pub use code::{Cmp, truth};
pub use eval::{Condition, Form, Leaf};

/// Longest condition text, in bytes.
pub const MAX_LEN: usize = 4096;
/// Most nested parentheses and unary operators.
pub const MAX_DEPTH: usize = 64;
/// Most operators (unary and binary) in one condition.
pub const MAX_OPS: usize = 256;

/// An enum-valued domain (a status's states, proposal outcomes, persons), chosen by the
/// resolver; two named values compare only within one domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnumDomain(pub u32);

/// The type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Number,
    Bool,
    Date,
    Enum(EnumDomain),
}

impl Type {
    /// The type as messages say it: "`x` is a number".
    fn describe(self) -> &'static str {
        match self {
            Type::Number => "a number",
            Type::Bool => "true/false",
            Type::Date => "a date",
            Type::Enum(_) => "a named value",
        }
    }
}

/// A string literal of a condition that names a state of a named value: `"suspended"` in
/// `status(partner.visa_free) == "suspended"`. Kept for the editor, which indexes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedState {
    pub domain: EnumDomain,
    /// The index of the state, as [`Resolver::variant`] gave it.
    pub variant: u32,
    /// The name's bytes in the condition's text, quotes excluded.
    pub range: Range<usize>,
}

/// What a call resolves to: how to read its value, and its type.
#[derive(Clone, Copy, Debug)]
pub struct Resolved<A> {
    pub accessor: A,
    pub ty: Type,
}

/// Why a call or a string did not resolve.
#[derive(Clone, Debug)]
pub struct ResolveError {
    pub message: String,
    pub hint: Option<String>,
    /// The offending argument (its range is reported), or `None` for the call's name.
    pub arg: Option<usize>,
}

/// The names a condition may use; the scenario compiler implements it.
pub trait Resolver<A> {
    /// `name(args...)`; args are the trimmed raw argument texts.
    ///
    /// An unknown *name* should be reported with `arg: None`, a bad argument with its index:
    /// the checker also probes bare words this way to tell `trust` (a function written
    /// without parentheses) from `active` (a string written without quotes).
    fn call(&self, name: &str, args: &[&str]) -> Result<Resolved<A>, ResolveError>;
    /// A string literal compared with a value of enum `domain` → its variant index.
    fn variant(&self, domain: EnumDomain, text: &str) -> Result<u32, ResolveError>;
}

/// Where values come from at evaluation: bools as 0/1, dates as day numbers, enums as
/// variant indices.
pub trait Env<A> {
    fn read(&self, accessor: A) -> f64;
}

/// A problem in a condition, at a byte range of its text (always on character boundaries).
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl ExprError {
    fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        ExprError {
            range,
            message: message.into(),
            hint: None,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExprError {}

/// Compiles `text`, which must have type `expected` (usually [`Type::Bool`]).
///
/// Every lexical error is reported; parsing stops at the first syntax error; then every
/// unknown name and every type error is reported at once.
pub fn compile<A: Copy>(
    text: &str,
    resolver: &dyn Resolver<A>,
    expected: Type,
) -> Result<Condition<A>, Vec<ExprError>> {
    let ast = parse::parse(text)?;
    let checked = check::check(text, &ast, resolver, expected)?;
    let program = code::generate(&ast, &checked.info);
    Condition::new(text, program, checked.ty, checked.reads, checked.named).map_err(|e| vec![e])
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_props;
