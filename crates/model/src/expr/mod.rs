//! The condition language: the small expressions scenarios write inside strings, such as
//! `trust(azerbaijan) >= 60 && status(georgia.visa_free) == "active"`.
//!
//! Grammar, loosest binding first:
//! ```text
//! expr    := or
//! or      := and ( "||" and )*
//! and     := eq ( "&&" eq )*
//! eq      := cmp ( ("==" | "!=") cmp )?
//! cmp     := sum ( ("<" | "<=" | ">" | ">=") sum )?        -- a < b < c is an error
//! sum     := product ( ("+" | "-") product )*
//! product := unary ( ("*" | "/") unary )*
//! unary   := ("!" | "-") unary | atom
//! atom    := NUMBER | DATE | STRING | "true" | "false" | CALL | "(" expr ")"
//! CALL    := NAME "(" [ ARG ( "," ARG )* ] ")"
//! ```
//! Numbers are decimal (`60`, `0.5`, `1_000`); dates are `YYYY-MM-DD`; strings use double
//! quotes. A call's arguments are raw ids up to the next `,` or `)`, so ids with hyphens
//! (`outcome(epf-armenia-2024)`) and paths (`status(georgia.visa_free)`) need no quoting;
//! everywhere else `-` is minus.
//!
//! Compilation resolves every call through a [`Resolver`] (the scenario knows which names
//! exist), type-checks, and emits a short stack program. Evaluation reads values through an
//! [`Env`] and allocates nothing: the stack is a fixed array, sized by the depth limit.
//! Division by zero gives an infinity or NaN; every comparison with NaN is false.

mod parse;

use std::ops::Range;

pub use parse::MAX_DEPTH;

/// An enum-valued domain (a status's states, proposal outcomes, persons), chosen by the
/// resolver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnumDomain(pub u32);

/// The type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Number,
    Bool,
    Date,
    Enum(EnumDomain),
}

impl Type {
    fn describe(self) -> &'static str {
        match self {
            Type::Number => "a number",
            Type::Bool => "true/false",
            Type::Date => "a date",
            Type::Enum(_) => "a named state",
        }
    }
}

/// What a call resolves to.
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
    /// The offending argument (its span is reported), or `None` for the whole call.
    pub arg: Option<usize>,
}

/// The names a condition may use.
pub trait Resolver<A> {
    /// `name(args...)`; args are the trimmed raw argument texts.
    fn call(&self, name: &str, args: &[&str]) -> Result<Resolved<A>, ResolveError>;
    /// A string literal compared with a value of enum `domain` → its variant index.
    fn variant(&self, domain: EnumDomain, text: &str) -> Result<u32, ResolveError>;
}

/// Where values come from at evaluation: bools as 0/1, dates as day numbers, enums as
/// variant indices.
pub trait Env<A> {
    fn read(&self, accessor: A) -> f64;
}

/// A problem in a condition, at a byte range of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprError {
    pub range: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// One instruction of the stack program.
#[derive(Clone, Copy, Debug)]
enum Op<A> {
    Const(f64),
    Load(A),
    Not,
    Neg,
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `&&`: if the top is false, jump (keeping it); else pop it.
    AndJump(u16),
    /// `||`: if the top is true, jump (keeping it); else pop it.
    OrJump(u16),
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub struct Condition<A> {
    ops: Vec<Op<A>>,
    ty: Type,
    text: String,
    reads: Vec<(A, Range<usize>)>,
}

/// Compiles `text`, expecting a value of type `expected`.
pub fn compile<A: Copy>(
    text: &str,
    resolver: &dyn Resolver<A>,
    expected: Type,
) -> Result<Condition<A>, Vec<ExprError>> {
    let ast = parse::parse(text)?;
    let mut compiler = parse::Compiler::new(resolver);
    let ty = compiler.check(&ast, ast.root());
    let errors = compiler.errors;
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(ty) = ty else {
        return Err(vec![ExprError {
            range: 0..text.len(),
            message: "invalid condition".into(),
            hint: None,
        }]);
    };
    let compatible = match (ty, expected) {
        (Type::Enum(_), Type::Enum(_)) => true,
        (a, b) => a == b,
    };
    if !compatible {
        return Err(vec![ExprError {
            range: 0..text.len(),
            message: format!(
                "expected {}, but this is {}",
                expected.describe(),
                ty.describe()
            ),
            hint: (expected == Type::Bool)
                .then(|| "compare it, e.g. `trust(armenia) >= 50`".to_owned()),
        }]);
    }
    Ok(Condition {
        ops: compiler.ops,
        ty,
        text: text.to_owned(),
        reads: compiler.reads,
    })
}

impl<A: Copy> Condition<A> {
    /// The value of the condition in `env`.
    #[inline]
    pub fn eval(&self, env: &impl Env<A>) -> f64 {
        let mut stack = [0.0f64; MAX_DEPTH + 8];
        let mut top = 0usize;
        let mut pc = 0usize;
        let ops = &self.ops;
        while pc < ops.len() {
            match ops[pc] {
                Op::Const(v) => {
                    stack[top] = v;
                    top += 1;
                }
                Op::Load(a) => {
                    stack[top] = env.read(a);
                    top += 1;
                }
                Op::Not => stack[top - 1] = f64::from(u8::from(stack[top - 1] == 0.0)),
                Op::Neg => stack[top - 1] = -stack[top - 1],
                Op::AndJump(target) => {
                    if stack[top - 1] == 0.0 {
                        pc = target as usize;
                        continue;
                    }
                    top -= 1;
                }
                Op::OrJump(target) => {
                    if stack[top - 1] != 0.0 {
                        stack[top - 1] = 1.0;
                        pc = target as usize;
                        continue;
                    }
                    top -= 1;
                }
                binary => {
                    let (a, b) = (stack[top - 2], stack[top - 1]);
                    top -= 1;
                    stack[top - 1] = match binary {
                        Op::Add => a + b,
                        Op::Sub => a - b,
                        Op::Mul => a * b,
                        Op::Div => a / b,
                        Op::Eq => f64::from(u8::from(a == b)),
                        Op::Ne => f64::from(u8::from(a != b)),
                        Op::Lt => f64::from(u8::from(a < b)),
                        Op::Le => f64::from(u8::from(a <= b)),
                        Op::Gt => f64::from(u8::from(a > b)),
                        Op::Ge => f64::from(u8::from(a >= b)),
                        _ => unreachable!("unary and jump ops are handled above"),
                    };
                }
            }
            pc += 1;
        }
        if top == 0 { 0.0 } else { stack[top - 1] }
    }

    /// The condition as true or false.
    #[inline]
    pub fn eval_bool(&self, env: &impl Env<A>) -> bool {
        self.eval(env) != 0.0
    }

    pub fn ty(&self) -> Type {
        self.ty
    }

    /// The source text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every value the condition reads, with the byte range of its call in the text.
    pub fn reads(&self) -> impl Iterator<Item = (A, Range<usize>)> + '_ {
        self.reads.iter().cloned()
    }
}

#[cfg(test)]
mod tests;
