//! Code generation: a checked tree → a short postfix program for a stack machine.
//!
//! Conditions are evaluated millions of times per Monte Carlo batch, so generation does the
//! work once: constant subexpressions are folded (`-3`, `100 * 0.5`, a date literal), and the
//! commonest shapes become single instructions: a value compared with a constant
//! (`trust(partner) >= 60`, `status(x) == "active"`), two values compared, a negated flag.
//! A typical `a >= 60 && b == "active"` is then three instructions.

use super::check::Info;
use super::parse::{Ast, Kind, NodeId, UnOp};
use super::token::BinOp;

/// A comparison, on its own or fused with its operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    fn of(op: BinOp) -> Option<Cmp> {
        Some(match op {
            BinOp::Eq => Cmp::Eq,
            BinOp::Ne => Cmp::Ne,
            BinOp::Lt => Cmp::Lt,
            BinOp::Le => Cmp::Le,
            BinOp::Gt => Cmp::Gt,
            BinOp::Ge => Cmp::Ge,
            _ => return None,
        })
    }

    /// The same comparison with its operands swapped: `c < x` is `x > c`.
    fn swapped(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            same => same,
        }
    }

    /// 1 or 0; false whenever either side is NaN, except `!=`.
    #[inline(always)]
    pub fn apply(self, a: f64, b: f64) -> f64 {
        truth(match self {
            Cmp::Eq => a == b,
            Cmp::Ne => a != b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
        })
    }
}

/// 1 for true, 0 for false: a condition's boolean value.
#[inline(always)]
pub fn truth(b: bool) -> f64 {
    f64::from(u8::from(b))
}

/// Arithmetic, shared by folding and evaluation so both give the same result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

impl Arith {
    #[inline(always)]
    pub(super) fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            Arith::Add => a + b,
            Arith::Sub => a - b,
            Arith::Mul => a * b,
            Arith::Div => a / b,
        }
    }
}

/// One instruction. Each pushes one value, or replaces the top one or two with one.
#[derive(Clone, Copy, Debug)]
pub(super) enum Op<A> {
    Const(f64),
    Load(A),
    /// `!read(a)`.
    NotLoad(A),
    /// `read(a) CMP c`.
    CmpConst(A, Cmp, f64),
    /// `read(a) CMP read(b)`.
    CmpLoad(A, Cmp, A),
    Not,
    Neg,
    Arith(Arith),
    /// `top ARITH c`.
    ArithConst(Arith, f64),
    /// `top CMP c`.
    CmpTop(Cmp, f64),
    Cmp(Cmp),
    /// `&&` after its left side: when the top is false, leave 0 and jump to the target (the
    /// end of the right side); otherwise pop it and go on with the right side.
    AndJump(u32),
    /// `||` after its left side: when the top is true, leave 1 and jump; otherwise pop it.
    OrJump(u32),
}

/// The program for a checked tree (`info` from the checker, so every leaf resolved).
pub(super) fn generate<A: Copy>(ast: &Ast, info: &[Info<A>]) -> Vec<Op<A>> {
    let mut generator = Generator {
        ast,
        info,
        ops: Vec::with_capacity(ast.nodes.len()),
    };
    generator.node(ast.root);
    generator.ops
}

struct Generator<'a, A> {
    ast: &'a Ast,
    info: &'a [Info<A>],
    ops: Vec<Op<A>>,
}

impl<A: Copy> Generator<'_, A> {
    /// Replaces the instructions from `start` on with `op`.
    fn replace(&mut self, start: usize, op: Op<A>) {
        self.ops.truncate(start);
        self.ops.push(op);
    }

    fn node(&mut self, node: NodeId) {
        let start = self.ops.len();
        match &self.ast.nodes[node].kind {
            Kind::Num(v) => self.ops.push(Op::Const(*v)),
            Kind::Date(d) => self.ops.push(Op::Const(f64::from(*d))),
            Kind::Bool(b) => self.ops.push(Op::Const(truth(*b))),
            Kind::Str(_) | Kind::Word | Kind::Call { .. } => self.ops.push(match self.info[node] {
                Info::Load(a) => Op::Load(a),
                Info::Variant(v) => Op::Const(f64::from(v)),
                // The checker refused every tree where this could happen.
                Info::None => Op::Const(f64::NAN),
            }),
            Kind::Unary(op, inner) => {
                let op = *op;
                self.node(*inner);
                let fused = match (op, &self.ops[start..]) {
                    (UnOp::Not, [Op::Const(c)]) => Op::Const(truth(*c == 0.0)),
                    (UnOp::Not, [Op::Load(a)]) => Op::NotLoad(*a),
                    (UnOp::Not, _) => Op::Not,
                    (UnOp::Neg, [Op::Const(c)]) => Op::Const(-*c),
                    (UnOp::Neg, _) => Op::Neg,
                };
                if matches!(fused, Op::Not | Op::Neg) {
                    self.ops.push(fused);
                } else {
                    self.replace(start, fused);
                }
            }
            Kind::Binary(op @ (BinOp::And | BinOp::Or), l, r) => {
                let (and, r) = (*op == BinOp::And, *r);
                self.node(*l);
                let jump = self.ops.len();
                self.ops.push(Op::Const(0.0));
                self.node(r);
                let end = self.ops.len() as u32;
                self.ops[jump] = if and {
                    Op::AndJump(end)
                } else {
                    Op::OrJump(end)
                };
            }
            Kind::Binary(op, l, r) => {
                let (op, r) = (*op, *r);
                self.node(*l);
                let mid = self.ops.len();
                self.node(r);
                self.binary(op, start, mid);
            }
        }
    }

    /// Emits `op` after its operands at `start..mid` and `mid..`, fused or folded when the
    /// operands are single loads or constants (which contain no jump, so none is disturbed).
    fn binary(&mut self, op: BinOp, start: usize, mid: usize) {
        let (left, right) = (&self.ops[start..mid], &self.ops[mid..]);
        let fused = match (Cmp::of(op), left, right) {
            (Some(cmp), [Op::Const(a)], [Op::Const(b)]) => Some(Op::Const(cmp.apply(*a, *b))),
            (Some(cmp), [Op::Load(a)], [Op::Const(c)]) => Some(Op::CmpConst(*a, cmp, *c)),
            (Some(cmp), [Op::Const(c)], [Op::Load(a)]) => Some(Op::CmpConst(*a, cmp.swapped(), *c)),
            (Some(cmp), [Op::Load(a)], [Op::Load(b)]) => Some(Op::CmpLoad(*a, cmp, *b)),
            (Some(cmp), _, [Op::Const(c)]) => {
                let fused = Op::CmpTop(cmp, *c);
                self.replace(mid, fused);
                return;
            }
            (Some(_), _, _) => None,
            (None, [Op::Const(a)], [Op::Const(b)]) => Some(Op::Const(arith(op).apply(*a, *b))),
            (None, _, [Op::Const(c)]) => {
                let fused = Op::ArithConst(arith(op), *c);
                self.replace(mid, fused);
                return;
            }
            (None, _, _) => None,
        };
        match fused {
            Some(fused) => self.replace(start, fused),
            None => self.ops.push(match Cmp::of(op) {
                Some(cmp) => Op::Cmp(cmp),
                None => Op::Arith(arith(op)),
            }),
        }
    }
}

/// The arithmetic of an arithmetic operator (`+ - * /`).
pub(super) fn arith(op: BinOp) -> Arith {
    match op {
        BinOp::Add => Arith::Add,
        BinOp::Sub => Arith::Sub,
        BinOp::Mul => Arith::Mul,
        _ => Arith::Div,
    }
}

/// The most values the program holds on the stack at once.
pub(super) fn stack_height<A>(ops: &[Op<A>]) -> usize {
    let (mut height, mut most) = (0usize, 0usize);
    for op in ops {
        match op {
            Op::Const(_) | Op::Load(_) | Op::NotLoad(_) | Op::CmpConst(..) | Op::CmpLoad(..) => {
                height += 1;
            }
            Op::Not | Op::Neg | Op::ArithConst(..) | Op::CmpTop(..) => {}
            // A jump leaves the left value where the right side's value would be; going on
            // pops it, and the right side pushes its own.
            Op::Arith(_) | Op::Cmp(_) | Op::AndJump(_) | Op::OrJump(_) => {
                height = height.saturating_sub(1);
            }
        }
        most = most.max(height);
    }
    most
}
