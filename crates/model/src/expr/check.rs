//! Checking: every call resolved through the [`Resolver`], every string turned into a
//! variant index, every operator's operands type-checked, and every problem reported at once.
//!
//! An operator with a fixed result type (`&&` gives true/false, `+` a number) reports bad
//! operands but still has its type, so one mistake yields one error, not a cascade. A failed
//! leaf (an unknown name) has no type, and nothing above it reports again.

use std::ops::Range;

use super::code::arith;
use super::parse::{Ast, Kind, NodeId, UnOp};
use super::token::BinOp;
use super::{ExprError, NamedState, Resolver, Type};

/// What a leaf compiles to, beyond its syntax.
#[derive(Clone, Copy, Debug)]
pub(super) enum Info<A> {
    None,
    /// A call, read through this accessor.
    Load(A),
    /// A string compared with a named value: the index of the state it names.
    Variant(u32),
}

/// A tree that passed the checker, with what code generation needs.
pub(super) struct Checked<A> {
    /// One entry per node of the tree.
    pub info: Vec<Info<A>>,
    /// Every call, in text order, with the range of the call.
    pub reads: Vec<(A, Range<usize>)>,
    /// Every string that named a state, in text order.
    pub named: Vec<NamedState>,
    pub ty: Type,
}

/// A node's text for a message, shortened when long.
pub(super) fn snippet(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The hint for a value that should be true/false.
fn compare_hint(written: &str, ty: Type) -> Option<String> {
    match ty {
        Type::Number => Some(format!("compare it, e.g. `{written} >= 50`")),
        Type::Enum(_) => Some(format!("compare it, e.g. `{written} == \"...\"`")),
        Type::Date => Some(format!("compare it, e.g. `{written} >= 2025-06-01`")),
        Type::Bool => None,
    }
}

/// Resolves and type-checks `ast`, whose value must have type `expected`.
pub(super) fn check<A: Copy>(
    text: &str,
    ast: &Ast,
    resolver: &dyn Resolver<A>,
    expected: Type,
) -> Result<Checked<A>, Vec<ExprError>> {
    let mut checker = Checker {
        text,
        ast,
        resolver,
        info: vec![Info::None; ast.nodes.len()],
        reads: Vec::new(),
        named: Vec::new(),
        errors: Vec::new(),
    };
    let ty = checker.ty(ast.root);
    if let Some(ty) = ty
        && ty != expected
    {
        let range = ast.nodes[ast.root].range.clone();
        let mut error = ExprError::new(
            range,
            match (ty, expected) {
                (Type::Enum(_), Type::Enum(_)) => "expected a different kind of named value".into(),
                _ => format!(
                    "expected {}, but this is {}",
                    expected.describe(),
                    ty.describe()
                ),
            },
        );
        if expected == Type::Bool {
            error.hint = compare_hint(&snippet(text), ty);
        }
        checker.errors.push(error);
    }
    match ty {
        Some(ty) if checker.errors.is_empty() => Ok(Checked {
            info: checker.info,
            reads: checker.reads,
            named: checker.named,
            ty,
        }),
        _ => Err(checker.errors),
    }
}

/// The walk over one tree; `compare.rs` adds the comparison rules to it.
pub(super) struct Checker<'a, A> {
    pub text: &'a str,
    pub ast: &'a Ast,
    pub resolver: &'a dyn Resolver<A>,
    pub info: Vec<Info<A>>,
    pub reads: Vec<(A, Range<usize>)>,
    pub named: Vec<NamedState>,
    pub errors: Vec<ExprError>,
}

impl<A: Copy> Checker<'_, A> {
    pub(super) fn range(&self, node: NodeId) -> Range<usize> {
        self.ast.nodes[node].range.clone()
    }

    pub(super) fn written(&self, node: NodeId) -> String {
        snippet(&self.text[self.range(node)])
    }

    pub(super) fn error(&mut self, range: Range<usize>, message: String, hint: Option<String>) {
        self.errors.push(ExprError {
            range,
            message,
            hint,
        });
    }

    /// The value of `node` when it is a number written with constants only (`-3`, `2 * 5`).
    fn constant(&self, node: NodeId) -> Option<f64> {
        match &self.ast.nodes[node].kind {
            Kind::Num(v) => Some(*v),
            Kind::Unary(UnOp::Neg, inner) => self.constant(*inner).map(|v| -v),
            Kind::Binary(op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div), l, r) => {
                Some(arith(*op).apply(self.constant(*l)?, self.constant(*r)?))
            }
            _ => None,
        }
    }

    /// Reports arithmetic that can only give infinity or NaN, whatever the scenario's state: a
    /// division by a constant zero (`x / 0`, `1 / (2 - 2)`), or constants whose result is not
    /// finite (`1e308 * 10`). A condition reading such a value compares silently wrong.
    fn constant_arithmetic(&mut self, node: NodeId, op: BinOp, r: NodeId) {
        if op == BinOp::Div && self.constant(r) == Some(0.0) {
            let message = format!("division by zero: `{}` is 0", self.written(r));
            self.error(self.range(r), message, None);
        } else if let Some(v) = self.constant(node)
            && !v.is_finite()
        {
            let message = format!("`{}` is not a finite number ({v})", self.written(node));
            self.error(self.range(node), message, None);
        }
    }

    /// The type of `node`, or `None` when it failed (the failure is already reported).
    pub(super) fn ty(&mut self, node: NodeId) -> Option<Type> {
        match &self.ast.nodes[node].kind {
            Kind::Num(_) => Some(Type::Number),
            Kind::Date(_) => Some(Type::Date),
            Kind::Bool(_) => Some(Type::Bool),
            Kind::Str(_) => {
                self.error(
                    self.range(node),
                    "a string is only meaningful compared with a named value".into(),
                    Some("e.g. `status(partner.visa_free) == \"active\"`".into()),
                );
                None
            }
            Kind::Word => {
                self.word(node, None);
                None
            }
            Kind::Call { name, args, call } => self.call(node, name, args, call),
            Kind::Unary(op, inner) => {
                let (op, inner) = (*op, *inner);
                let (want, symbol, needs) = match op {
                    UnOp::Not => (Type::Bool, "!", "true/false"),
                    UnOp::Neg => (Type::Number, "-", "a number"),
                };
                self.operand(symbol, inner, want, needs);
                Some(want)
            }
            Kind::Binary(op, l, r) => {
                let (op, l, r) = (*op, *l, *r);
                self.binary(node, op, l, r)
            }
        }
    }

    fn call(
        &mut self,
        node: NodeId,
        name: &Range<usize>,
        args: &[Range<usize>],
        call: &Range<usize>,
    ) -> Option<Type> {
        let texts: Vec<&str> = args.iter().map(|a| &self.text[a.clone()]).collect();
        match self.resolver.call(&self.text[name.clone()], &texts) {
            Ok(resolved) => {
                self.info[node] = Info::Load(resolved.accessor);
                self.reads.push((resolved.accessor, call.clone()));
                Some(resolved.ty)
            }
            Err(e) => {
                let range = e.arg.and_then(|i| args.get(i)).unwrap_or(name).clone();
                self.error(range, e.message, e.hint);
                None
            }
        }
    }

    /// Checks that `node` has type `want` as the operand of `symbol`, which `needs` it.
    fn operand(&mut self, symbol: &str, node: NodeId, want: Type, needs: &str) {
        let Some(ty) = self.ty(node) else { return };
        if ty == want {
            return;
        }
        let written = self.written(node);
        let literal = matches!(
            self.ast.nodes[node].kind,
            Kind::Num(_) | Kind::Date(_) | Kind::Bool(_)
        );
        let hint = match (want, ty) {
            (Type::Bool, _) if !literal => compare_hint(&written, ty),
            (_, Type::Date) => {
                Some("dates can only be compared: there is no date arithmetic".into())
            }
            _ => None,
        };
        let message = format!(
            "`{symbol}` needs {needs}, but `{written}` is {}",
            ty.describe()
        );
        self.error(self.range(node), message, hint);
    }

    fn binary(&mut self, node: NodeId, op: BinOp, l: NodeId, r: NodeId) -> Option<Type> {
        let symbol = op.symbol();
        match op {
            BinOp::And | BinOp::Or => {
                let needs = "true/false on both sides";
                self.operand(symbol, l, Type::Bool, needs);
                self.operand(symbol, r, Type::Bool, needs);
                Some(Type::Bool)
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div => {
                self.operand(symbol, l, Type::Number, "numbers");
                self.operand(symbol, r, Type::Number, "numbers");
                self.constant_arithmetic(node, op, r);
                Some(Type::Number)
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                self.ordering(node, symbol, l, r);
                Some(Type::Bool)
            }
            BinOp::Eq | BinOp::Ne => {
                self.equality(node, symbol, l, r);
                Some(Type::Bool)
            }
        }
    }
}
