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
    /// Fused `Load, Const, <comparison>`: push `read(a) CMP c` (the comparison as its `Op`).
    CmpConst(A, Cmp, f64),
    /// Fused `Load, Not`.
    NotLoad(A),
}

/// A comparison, for fused instructions.
#[derive(Clone, Copy, Debug)]
enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn of<A>(op: &Op<A>) -> Option<Cmp> {
        Some(match op {
            Op::Eq => Cmp::Eq,
            Op::Ne => Cmp::Ne,
            Op::Lt => Cmp::Lt,
            Op::Le => Cmp::Le,
            Op::Gt => Cmp::Gt,
            Op::Ge => Cmp::Ge,
            _ => return None,
        })
    }

    #[inline]
    fn apply(self, a: f64, b: f64) -> f64 {
        let holds = match self {
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        };
        f64::from(u8::from(holds))
    }
}

/// Peephole pass: fuses the commonest instruction sequences (a value compared with a
/// constant, a negated flag), which halves the instructions of a typical `a && b`.
fn fuse<A: Copy>(ops: Vec<Op<A>>) -> Vec<Op<A>> {
    let is_target = |i: usize| {
        ops.iter()
            .any(|op| matches!(op, Op::AndJump(t) | Op::OrJump(t) if *t as usize == i))
    };
    let mut out: Vec<Op<A>> = Vec::with_capacity(ops.len());
    let mut map = vec![0u16; ops.len() + 1];
    let mut i = 0;
    while i < ops.len() {
        map[i] = out.len() as u16;
        match (ops[i], ops.get(i + 1), ops.get(i + 2).and_then(Cmp::of)) {
            (Op::Load(a), Some(Op::Const(c)), Some(cmp))
                if !is_target(i + 1) && !is_target(i + 2) =>
            {
                out.push(Op::CmpConst(a, cmp, *c));
                map[i + 1] = map[i];
                map[i + 2] = map[i];
                i += 3;
            }
            (Op::Load(a), Some(Op::Not), _) if !is_target(i + 1) => {
                out.push(Op::NotLoad(a));
                map[i + 1] = map[i];
                i += 2;
            }
            (op, _, _) => {
                out.push(op);
                i += 1;
            }
        }
    }
    map[ops.len()] = out.len() as u16;
    for op in &mut out {
        if let Op::AndJump(t) | Op::OrJump(t) = op {
            *t = map[*t as usize];
        }
    }
    out
}

/// The commonest shapes of condition, evaluated without the stack machine.
#[derive(Clone, Copy, Debug)]
enum Fast<A> {
    /// `value OP constant`, e.g. `trust(armenia) >= 60` (also `status(x) == "active"`).
    Compare(A, Cmp, f64),
    /// `flag(x)`.
    Read(A),
    /// `!flag(x)`.
    NotRead(A),
}

/// A compiled condition.
#[derive(Clone, Debug)]
pub struct Condition<A> {
    ops: Vec<Op<A>>,
    /// The deepest the stack gets, so evaluation can use a small array.
    depth: usize,
    fast: Option<Fast<A>>,
    ty: Type,
    text: String,
    reads: Vec<(A, Range<usize>)>,
}

/// How deep the program's stack gets.
fn stack_depth<A>(ops: &[Op<A>]) -> usize {
    let (mut height, mut max) = (0usize, 0usize);
    for op in ops {
        match op {
            Op::Const(_) | Op::Load(_) | Op::CmpConst(..) | Op::NotLoad(_) => height += 1,
            Op::Not | Op::Neg => {}
            // Either branch leaves the height the right side will restore.
            Op::AndJump(_) | Op::OrJump(_) => height = height.saturating_sub(1),
            _ => height = height.saturating_sub(1),
        }
        max = max.max(height);
    }
    max
}

fn fast_shape<A: Copy>(ops: &[Op<A>]) -> Option<Fast<A>> {
    match *ops {
        [Op::Load(a)] => Some(Fast::Read(a)),
        [Op::NotLoad(a)] => Some(Fast::NotRead(a)),
        [Op::CmpConst(a, cmp, c)] => Some(Fast::Compare(a, cmp, c)),
        _ => None,
    }
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
    let ops = fuse(compiler.ops);
    let depth = stack_depth(&ops);
    let fast = fast_shape(&ops);
    Ok(Condition {
        ops,
        depth,
        fast,
        ty,
        text: text.to_owned(),
        reads: compiler.reads,
    })
}

impl<A: Copy> Condition<A> {
    /// The value of the condition in `env`.
    #[inline]
    pub fn eval(&self, env: &impl Env<A>) -> f64 {
        match self.fast {
            Some(Fast::Compare(a, cmp, c)) => cmp.apply(env.read(a), c),
            Some(Fast::Read(a)) => env.read(a),
            Some(Fast::NotRead(a)) => f64::from(u8::from(env.read(a) == 0.0)),
            // A small stack for the usual short conditions: zeroing the large one cost more
            // than the evaluation itself.
            None if self.depth <= 8 => self.run::<8>(env),
            None => self.run::<{ MAX_DEPTH + 8 }>(env),
        }
    }

    /// The stack machine, with a stack of `N` slots (N >= the program's depth).
    fn run<const N: usize>(&self, env: &impl Env<A>) -> f64 {
        let mut stack = [0.0f64; N];
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
                Op::CmpConst(a, cmp, c) => {
                    stack[top] = cmp.apply(env.read(a), c);
                    top += 1;
                }
                Op::NotLoad(a) => {
                    stack[top] = f64::from(u8::from(env.read(a) == 0.0));
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
                        cmp => Cmp::of(&cmp).map_or(f64::NAN, |c| c.apply(a, b)),
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
