//! Evaluation: a compiled [`Condition`] run against an [`Env`], with no allocation and no
//! string lookups.
//!
//! The commonest conditions (`trust(partner) >= 60`, `flag(x)`, `!flag(x)`) are a single
//! instruction and are evaluated without the stack machine. The rest run on a stack that is a
//! fixed array on the native stack; its size is chosen per condition from the height computed
//! at compile time, because zeroing a large array costs more than evaluating a short
//! condition.

use std::ops::Range;

use super::code::{self, Cmp, Op, truth};
use super::{Env, ExprError, MAX_OPS, NamedState, Type};

/// Stack sizes: most conditions fit the small one; the large one fits any program the limits
/// allow (each value on the stack waits for an operator, and there are at most `MAX_OPS`).
const SMALL: usize = 8;
const MEDIUM: usize = 32;
const LARGE: usize = MAX_OPS + 1;

/// How a condition is evaluated.
#[derive(Clone, Copy, Debug)]
enum Shape<A> {
    Const(f64),
    Read(A),
    NotRead(A),
    Compare(A, Cmp, f64),
    /// `l1 && l2 && ...` and `l1 || l2 || ...` over single-instruction leaves (the program
    /// alternates leaves and jumps of one kind): evaluated leaf by leaf, without the stack.
    All,
    Any,
    /// The stack machine, with a stack of this many slots.
    Small,
    Medium,
    Large,
}

/// A compiled condition: what to read and how to combine it, plus its text for messages.
#[derive(Clone, Debug)]
pub struct Condition<A> {
    shape: Shape<A>,
    ops: Box<[Op<A>]>,
    ty: Type,
    text: Box<str>,
    reads: Box<[(A, Range<usize>)]>,
    /// The strings that name a state, for the editor; the evaluation never reads them.
    named: Box<[NamedState]>,
}

impl<A: Copy> Condition<A> {
    pub(super) fn new(
        text: &str,
        ops: Vec<Op<A>>,
        ty: Type,
        reads: Vec<(A, Range<usize>)>,
        named: Vec<NamedState>,
    ) -> Result<Self, ExprError> {
        let height = code::stack_height(&ops);
        let shape = match *ops.as_slice() {
            [Op::Const(c)] => Shape::Const(c),
            [Op::Load(a)] => Shape::Read(a),
            [Op::NotLoad(a)] => Shape::NotRead(a),
            [Op::CmpConst(a, cmp, c)] => Shape::Compare(a, cmp, c),
            _ if chain(&ops, |op| matches!(op, Op::AndJump(_))) => Shape::All,
            _ if chain(&ops, |op| matches!(op, Op::OrJump(_))) => Shape::Any,
            _ if height <= SMALL => Shape::Small,
            _ if height <= MEDIUM => Shape::Medium,
            _ if height <= LARGE => Shape::Large,
            // The limits make this unreachable; refuse rather than index out of bounds.
            _ => {
                return Err(
                    ExprError::new(0..text.len(), "the condition is too complex")
                        .hint("simplify it, or split it into several conditions"),
                );
            }
        };
        Ok(Condition {
            shape,
            ops: ops.into_boxed_slice(),
            ty,
            text: text.into(),
            reads: reads.into_boxed_slice(),
            named: named.into_boxed_slice(),
        })
    }

    /// The value of the condition in `env`: 1 or 0 for true/false, a day number for a date,
    /// a state's index for a named value.
    #[inline]
    pub fn eval<E: Env<A> + ?Sized>(&self, env: &E) -> f64 {
        match self.shape {
            Shape::Compare(a, cmp, c) => cmp.apply(env.read(a), c),
            Shape::Read(a) => env.read(a),
            Shape::NotRead(a) => truth(env.read(a) == 0.0),
            Shape::Const(c) => c,
            Shape::All => chain_value::<A, E, false>(&self.ops, env),
            Shape::Any => chain_value::<A, E, true>(&self.ops, env),
            Shape::Small => run::<A, E, SMALL>(&self.ops, env),
            Shape::Medium => run::<A, E, MEDIUM>(&self.ops, env),
            Shape::Large => run::<A, E, LARGE>(&self.ops, env),
        }
    }

    /// Whether the condition holds in `env` (a value other than 0).
    #[inline]
    pub fn eval_bool<E: Env<A> + ?Sized>(&self, env: &E) -> bool {
        self.eval(env) != 0.0
    }

    /// How the condition may be evaluated another way: a single leaf, a chain of leaves
    /// joined by `&&` or by `||` (valued as [`chain_value`] values them), or a program that
    /// only the stack machine runs.
    pub fn form(&self) -> Form<A> {
        let leaves = || -> Vec<Leaf<A>> {
            (self.ops.iter().step_by(2))
                .map(|op| Leaf::of(op).unwrap_or(Leaf::Const(f64::NAN)))
                .collect()
        };
        match self.shape {
            Shape::Const(c) => Form::Leaf(Leaf::Const(c)),
            Shape::Read(a) => Form::Leaf(Leaf::Load(a)),
            Shape::NotRead(a) => Form::Leaf(Leaf::NotLoad(a)),
            Shape::Compare(a, cmp, c) => Form::Leaf(Leaf::Compare(a, cmp, c)),
            Shape::All => Form::All(leaves()),
            Shape::Any => Form::Any(leaves()),
            // Two values compared: one leaf, though the machine has no shape of its own for it.
            Shape::Small | Shape::Medium | Shape::Large => match *self.ops {
                [Op::CmpLoad(a, cmp, b)] => Form::Leaf(Leaf::CompareLoads(a, cmp, b)),
                _ => Form::Program,
            },
        }
    }

    /// The type of the condition's value.
    pub fn ty(&self) -> Type {
        self.ty
    }

    /// The source text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every value the condition reads, in text order, with the byte range of its call in the
    /// text (a call written twice appears twice).
    pub fn reads(&self) -> impl Iterator<Item = (A, Range<usize>)> + '_ {
        self.reads.iter().cloned()
    }

    /// Every string literal that names a state of a named value (`"suspended"` in
    /// `status(partner.visa_free) == "suspended"`), in text order.
    pub fn named(&self) -> &[NamedState] {
        &self.named
    }
}

/// A condition's [`Condition::form`].
#[derive(Clone, Debug)]
pub enum Form<A> {
    Leaf(Leaf<A>),
    /// `l1 && l2 && ...`: stops at the first leaf equal to 0 (the value 0), else the last
    /// leaf's value.
    All(Vec<Leaf<A>>),
    /// `l1 || l2 || ...`: stops at the first leaf not equal to 0 (the value 1), else the last
    /// leaf's value.
    Any(Vec<Leaf<A>>),
    /// Anything else: evaluated by [`Condition::eval`] only.
    Program,
}

/// A value computed from the state alone, as the stack machine computes it.
#[derive(Clone, Copy, Debug)]
pub enum Leaf<A> {
    Const(f64),
    /// The value read.
    Load(A),
    /// 1 when the value read is 0, else 0.
    NotLoad(A),
    /// The value read compared with a constant.
    Compare(A, Cmp, f64),
    /// Two values read, compared.
    CompareLoads(A, Cmp, A),
}

impl<A: Copy> Leaf<A> {
    fn of(op: &Op<A>) -> Option<Leaf<A>> {
        Some(match *op {
            Op::Const(c) => Leaf::Const(c),
            Op::Load(a) => Leaf::Load(a),
            Op::NotLoad(a) => Leaf::NotLoad(a),
            Op::CmpConst(a, cmp, c) => Leaf::Compare(a, cmp, c),
            Op::CmpLoad(a, cmp, b) => Leaf::CompareLoads(a, cmp, b),
            _ => return None,
        })
    }
}

/// An instruction that pushes one value computed from the state alone.
fn is_leaf<A: Copy>(op: &Op<A>) -> bool {
    Leaf::of(op).is_some()
}

/// Whether `ops` is `leaf jump leaf jump ... leaf` (at least two leaves) with every jump of
/// the kind `jump` accepts.
fn chain<A: Copy>(ops: &[Op<A>], jump: impl Fn(&Op<A>) -> bool) -> bool {
    ops.len() >= 3
        && ops.len() % 2 == 1
        && ops
            .iter()
            .enumerate()
            .all(|(i, op)| if i % 2 == 0 { is_leaf(op) } else { jump(op) })
}

/// The value of a chain (see [`chain`]) of `&&` (`ANY` false) or of `||` (`ANY` true), as the
/// jumps compute it: `&&` stops at a leaf equal to 0 and leaves 0, `||` stops at one that is
/// not and leaves 1; otherwise the value is the last leaf's.
#[inline(always)]
fn chain_value<A: Copy, E: Env<A> + ?Sized, const ANY: bool>(ops: &[Op<A>], env: &E) -> f64 {
    let (last, init) = ops.split_last().unwrap_or((&Op::Const(f64::NAN), &[]));
    for op in init.iter().step_by(2) {
        if (leaf(op, env) != 0.0) == ANY {
            return truth(ANY);
        }
    }
    leaf(last, env)
}

/// The value of a leaf instruction (see [`is_leaf`]), as the stack machine computes it.
#[inline(always)]
fn leaf<A: Copy, E: Env<A> + ?Sized>(op: &Op<A>, env: &E) -> f64 {
    match *op {
        Op::Const(c) => c,
        Op::Load(a) => env.read(a),
        Op::NotLoad(a) => truth(env.read(a) == 0.0),
        Op::CmpConst(a, cmp, c) => cmp.apply(env.read(a), c),
        Op::CmpLoad(a, cmp, b) => cmp.apply(env.read(a), env.read(b)),
        // Never built: `chain` admits only leaves.
        _ => f64::NAN,
    }
}

/// The stack machine, with `N` slots (at least the program's stack height). Out of line, so
/// that [`Condition::eval`] stays small enough to inline where conditions are read.
#[inline(never)]
fn run<A: Copy, E: Env<A> + ?Sized, const N: usize>(ops: &[Op<A>], env: &E) -> f64 {
    let mut stack = [0.0f64; N];
    let mut top = 0usize;
    let mut pc = 0usize;
    while let Some(op) = ops.get(pc) {
        pc += 1;
        let value = match *op {
            Op::Const(c) => c,
            Op::Load(a) => env.read(a),
            Op::NotLoad(a) => truth(env.read(a) == 0.0),
            Op::CmpConst(a, cmp, c) => cmp.apply(env.read(a), c),
            Op::CmpLoad(a, cmp, b) => cmp.apply(env.read(a), env.read(b)),
            Op::Not => {
                stack[top - 1] = truth(stack[top - 1] == 0.0);
                continue;
            }
            Op::Neg => {
                stack[top - 1] = -stack[top - 1];
                continue;
            }
            Op::Arith(arith) => {
                top -= 1;
                stack[top - 1] = arith.apply(stack[top - 1], stack[top]);
                continue;
            }
            Op::ArithConst(arith, c) => {
                stack[top - 1] = arith.apply(stack[top - 1], c);
                continue;
            }
            Op::CmpTop(cmp, c) => {
                stack[top - 1] = cmp.apply(stack[top - 1], c);
                continue;
            }
            Op::Cmp(cmp) => {
                top -= 1;
                stack[top - 1] = cmp.apply(stack[top - 1], stack[top]);
                continue;
            }
            Op::AndJump(end) => {
                if stack[top - 1] == 0.0 {
                    stack[top - 1] = 0.0;
                    pc = end as usize;
                } else {
                    top -= 1;
                }
                continue;
            }
            Op::OrJump(end) => {
                if stack[top - 1] != 0.0 {
                    stack[top - 1] = 1.0;
                    pc = end as usize;
                } else {
                    top -= 1;
                }
                continue;
            }
        };
        stack[top] = value;
        top += 1;
    }
    if top == 0 { f64::NAN } else { stack[top - 1] }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Acc, Mock};
    use super::super::{Env, Type, compile};
    use super::*;

    /// A world whose reads come from a table, so one condition is tried on many states.
    struct Table([f64; 4]);

    impl Env<Acc> for Table {
        fn read(&self, a: Acc) -> f64 {
            match a {
                Acc::Trust(0) => self.0[0],
                Acc::Trust(_) => self.0[1],
                Acc::Peace => self.0[2],
                _ => self.0[3],
            }
        }
    }

    /// The chain shapes give what the stack machine gives, value for value (NaN and -0
    /// included), and short-circuit as it does.
    #[test]
    fn chains_evaluate_as_the_stack_machine_does() {
        let texts = [
            "trust(armenia) > 50 && flag(peace)",
            "!flag(peace) || trust(azerbaijan) >= 50",
            "flag(peace) && trust(armenia) >= trust(azerbaijan) && !flag(peace)",
            "trust(armenia) < 10 || trust(azerbaijan) != 40 || flag(peace)",
            "status(georgia.visa_free) == \"active\" && trust(armenia) <= 55",
        ];
        let values = [0.0, -0.0, 1.0, 40.0, 55.0, 60.0, f64::NAN];
        for text in texts {
            let c = compile(text, &Mock, Type::Bool).unwrap();
            assert!(
                matches!(c.shape, Shape::All | Shape::Any),
                "{text}: {:?}",
                c.shape
            );
            for a in values {
                for b in values {
                    for f in values {
                        for s in [0.0, 1.0] {
                            let world = Table([a, b, f, s]);
                            let fused = c.eval(&world);
                            let machine = run::<Acc, Table, LARGE>(&c.ops, &world);
                            assert_eq!(
                                fused.to_bits(),
                                machine.to_bits(),
                                "{text} on {a} {b} {f} {s}"
                            );
                        }
                    }
                }
            }
        }
        // A chain with another operator inside stays on the stack machine.
        let mixed = compile(
            "flag(peace) && (trust(armenia) > 1 || flag(peace))",
            &Mock,
            Type::Bool,
        )
        .unwrap();
        assert!(!matches!(mixed.shape, Shape::All | Shape::Any));
    }
}
