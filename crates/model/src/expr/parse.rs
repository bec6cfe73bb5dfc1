//! Lexing, parsing (precedence climbing) and compiling conditions to the stack program.

use std::ops::Range;

use super::{ExprError, Op, Resolver, Type};

/// Deepest nesting of a condition (also bounds the evaluation stack).
pub const MAX_DEPTH: usize = 64;
/// Longest condition text.
pub const MAX_LEN: usize = 4096;
/// Most instructions in a compiled condition.
pub const MAX_OPS: usize = 256;

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Date(i32),
    Str(String),
    Bool(bool),
    Call {
        name: String,
        name_range: Range<usize>,
        args: Vec<(String, Range<usize>)>,
    },
    Ident(String),
    Op(&'static str),
    Open,
    Close,
}

fn err(range: Range<usize>, message: impl Into<String>, hint: Option<&str>) -> ExprError {
    ExprError {
        range,
        message: message.into(),
        hint: hint.map(str::to_owned),
    }
}

const OPERATORS: [&str; 13] = [
    "&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "+", "-", "*", "/",
];

fn lex(text: &str) -> Result<Vec<(Tok, Range<usize>)>, Vec<ExprError>> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            // A date is exactly DDDD-DD-DD.
            let looks_like_date = bytes.len() >= i + 10
                && bytes[i..i + 4].iter().all(u8::is_ascii_digit)
                && bytes[i + 4] == b'-'
                && bytes[i + 5..i + 7].iter().all(u8::is_ascii_digit)
                && bytes[i + 7] == b'-'
                && bytes[i + 8..i + 10].iter().all(u8::is_ascii_digit);
            if looks_like_date {
                let part = |a: usize, b: usize| text[a..b].parse::<u32>().unwrap_or(0);
                let (y, m, d) = (part(i, i + 4), part(i + 5, i + 7), part(i + 8, i + 10));
                i += 10;
                match crate::calendar::date(y as i32, m, d) {
                    Some(date) => {
                        toks.push((Tok::Date(crate::calendar::day_number(date)), start..i))
                    }
                    None => errors.push(err(
                        start..i,
                        format!("`{}` is not a real day", &text[start..i]),
                        None,
                    )),
                }
                continue;
            }
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b'_' || bytes[i] == b'.')
            {
                i += 1;
            }
            let digits: String = text[start..i].chars().filter(|c| *c != '_').collect();
            match digits.parse::<f64>() {
                Ok(v) if v.is_finite() => toks.push((Tok::Num(v), start..i)),
                _ => errors.push(err(
                    start..i,
                    format!("`{}` is not a number", &text[start..i]),
                    None,
                )),
            }
            continue;
        }
        if c == b'"' {
            i += 1;
            let mut value = String::new();
            let mut closed = false;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        closed = true;
                        i += 1;
                        break;
                    }
                    b'\\' if i + 1 < bytes.len() => {
                        let ch = text[i + 1..].chars().next().unwrap_or(' ');
                        value.push(ch);
                        i += 1 + ch.len_utf8();
                    }
                    _ => {
                        let ch = text[i..].chars().next().unwrap_or(' ');
                        value.push(ch);
                        i += ch.len_utf8();
                    }
                }
            }
            if !closed {
                errors.push(err(
                    start..text.len(),
                    "unclosed string",
                    Some("end it with a double quote"),
                ));
            }
            toks.push((Tok::Str(value), start..i));
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'_' | b'.'))
            {
                i += 1;
            }
            let name = &text[start..i];
            let name_range = start..i;
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'(' {
                // A call: its arguments are raw ids up to `,` or `)`.
                let Some(close) = text[j..].find(')').map(|k| j + k) else {
                    errors.push(err(
                        j..text.len(),
                        format!("unclosed `(` after `{name}`"),
                        Some("close the call with `)`"),
                    ));
                    return Err(errors);
                };
                let mut args = Vec::new();
                let inner = &text[j + 1..close];
                if !inner.trim().is_empty() {
                    let mut at = j + 1;
                    for part in inner.split(',') {
                        let lead = part.len() - part.trim_start().len();
                        let arg = part.trim();
                        let range = at + lead..at + lead + arg.len();
                        if arg.is_empty() {
                            errors.push(err(at..at + part.len(), "empty argument", None));
                        } else if let Some(bad) = arg.chars().find(|ch| {
                            !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '.'))
                        }) {
                            errors.push(err(
                                range.clone(),
                                format!("`{bad}` cannot appear in an id"),
                                Some("arguments are ids such as `armenia` or `georgia.visa_free`"),
                            ));
                        }
                        args.push((arg.to_owned(), range));
                        at += part.len() + 1;
                    }
                }
                i = close + 1;
                toks.push((
                    Tok::Call {
                        name: name.to_owned(),
                        name_range: name_range.clone(),
                        args,
                    },
                    start..i,
                ));
                continue;
            }
            let tok = match name {
                "true" => Tok::Bool(true),
                "false" => Tok::Bool(false),
                _ => Tok::Ident(name.to_owned()),
            };
            toks.push((tok, name_range));
            continue;
        }
        match c {
            b'(' => {
                toks.push((Tok::Open, start..start + 1));
                i += 1;
                continue;
            }
            b')' => {
                toks.push((Tok::Close, start..start + 1));
                i += 1;
                continue;
            }
            _ => {}
        }
        if let Some(op) = OPERATORS.iter().find(|op| text[i..].starts_with(**op)) {
            i += op.len();
            toks.push((Tok::Op(op), start..i));
            continue;
        }
        let ch = text[i..].chars().next().unwrap_or(' ');
        let hint = match ch {
            '=' => Some("use `==` to compare"),
            '&' => Some("use `&&` for and"),
            '|' => Some("use `||` for or"),
            '\'' => Some("strings use double quotes"),
            _ => None,
        };
        errors.push(err(
            start..start + ch.len_utf8(),
            format!("unexpected `{ch}`"),
            hint,
        ));
        i += ch.len_utf8();
    }
    if errors.is_empty() {
        Ok(toks)
    } else {
        Err(errors)
    }
}

/// A node of the syntax tree.
#[derive(Clone, Debug)]
pub enum Node {
    Num(f64),
    Date(i32),
    Str(String),
    Bool(bool),
    Call {
        name: String,
        name_range: Range<usize>,
        args: Vec<(String, Range<usize>)>,
    },
    Unary(&'static str, usize),
    Binary(&'static str, usize, usize),
}

/// The syntax tree: nodes in an arena, the root last.
#[derive(Debug)]
pub struct Ast {
    nodes: Vec<(Node, Range<usize>)>,
}

impl Ast {
    pub fn root(&self) -> usize {
        self.nodes.len() - 1
    }
}

struct Parser<'t> {
    toks: &'t [(Tok, Range<usize>)],
    pos: usize,
    nodes: Vec<(Node, Range<usize>)>,
    len: usize,
}

/// Binding power of binary operators (higher binds tighter).
fn binding(op: &str) -> Option<u8> {
    Some(match op {
        "||" => 1,
        "&&" => 2,
        "==" | "!=" => 3,
        "<" | "<=" | ">" | ">=" => 4,
        "+" | "-" => 5,
        "*" | "/" => 6,
        _ => return None,
    })
}

impl Parser<'_> {
    fn push(&mut self, node: Node, range: Range<usize>) -> usize {
        self.nodes.push((node, range));
        self.nodes.len() - 1
    }

    fn range(&self, node: usize) -> Range<usize> {
        self.nodes[node].1.clone()
    }

    fn here(&self) -> Range<usize> {
        self.toks
            .get(self.pos)
            .map_or(self.len..self.len, |t| t.1.clone())
    }

    fn expr(&mut self, min: u8, depth: usize) -> Result<usize, ExprError> {
        if depth > MAX_DEPTH {
            return Err(err(
                self.here(),
                format!("the condition is nested more than {MAX_DEPTH} levels deep"),
                None,
            ));
        }
        let mut left = self.atom(depth)?;
        while let Some((Tok::Op(op), range)) = self.toks.get(self.pos) {
            let Some(power) = binding(op) else {
                return Err(err(
                    range.clone(),
                    format!("`{op}` cannot follow a value here"),
                    None,
                ));
            };
            if power < min {
                break;
            }
            self.pos += 1;
            let right = self.expr(power + 1, depth + 1)?;
            // Comparisons do not chain: `a < b < c` would compare a truth value with c.
            if (power == 3 || power == 4)
                && let Some((Tok::Op(next), next_range)) = self.toks.get(self.pos)
                && binding(next) == Some(power)
            {
                return Err(err(
                    next_range.clone(),
                    format!("comparisons cannot be chained: `{op}` then `{next}`"),
                    Some("join two comparisons with `&&`"),
                ));
            }
            let span = self.range(left).start..self.range(right).end;
            left = self.push(Node::Binary(op, left, right), span);
        }
        Ok(left)
    }

    fn atom(&mut self, depth: usize) -> Result<usize, ExprError> {
        let Some((tok, range)) = self.toks.get(self.pos).cloned() else {
            return Err(err(
                self.len..self.len,
                "the condition ends where a value is expected",
                None,
            ));
        };
        self.pos += 1;
        let node = match tok {
            Tok::Num(v) => Node::Num(v),
            Tok::Date(d) => Node::Date(d),
            Tok::Str(s) => Node::Str(s),
            Tok::Bool(b) => Node::Bool(b),
            Tok::Call {
                name,
                name_range,
                args,
            } => Node::Call {
                name,
                name_range,
                args,
            },
            Tok::Ident(name) => {
                return Err(err(
                    range,
                    format!("`{name}` alone is not a value"),
                    Some("call it, e.g. `trust(armenia)`, or quote a state name: \"active\""),
                ));
            }
            Tok::Op(op @ ("!" | "-")) => {
                let inner = self.expr(7, depth + 1)?;
                let span = range.start..self.range(inner).end;
                return Ok(self.push(Node::Unary(op, inner), span));
            }
            Tok::Op(op) => {
                return Err(err(
                    range,
                    format!("`{op}` where a value is expected"),
                    None,
                ));
            }
            Tok::Open => {
                let inner = self.expr(0, depth + 1)?;
                match self.toks.get(self.pos) {
                    Some((Tok::Close, _)) => self.pos += 1,
                    _ => return Err(err(range, "unclosed `(`", Some("close it with `)`"))),
                }
                return Ok(inner);
            }
            Tok::Close => return Err(err(range, "unexpected `)`", None)),
        };
        Ok(self.push(node, range))
    }
}

/// Parses a condition's text.
pub fn parse(text: &str) -> Result<Ast, Vec<ExprError>> {
    if text.len() > MAX_LEN {
        return Err(vec![err(
            0..text.len(),
            format!("the condition is longer than {MAX_LEN} bytes"),
            None,
        )]);
    }
    if text.trim().is_empty() {
        return Err(vec![err(
            0..text.len(),
            "the condition is empty",
            Some("for example: trust(armenia) >= 50"),
        )]);
    }
    let toks = lex(text)?;
    let mut parser = Parser {
        toks: &toks,
        pos: 0,
        nodes: Vec::new(),
        len: text.len(),
    };
    let root = parser.expr(0, 0).map_err(|e| vec![e])?;
    if let Some((_, range)) = toks.get(parser.pos) {
        return Err(vec![err(
            range.clone(),
            "unexpected text after the end of the condition",
            Some("join conditions with `&&` or `||`"),
        )]);
    }
    if root != parser.nodes.len() - 1 {
        let root_node = parser.nodes[root].clone();
        parser.nodes.push(root_node);
    }
    Ok(Ast {
        nodes: parser.nodes,
    })
}

/// Type-checks a tree and emits its program.
pub struct Compiler<'r, A> {
    resolver: &'r dyn Resolver<A>,
    pub ops: Vec<Op<A>>,
    pub reads: Vec<(A, Range<usize>)>,
    pub errors: Vec<ExprError>,
}

impl<'r, A: Copy> Compiler<'r, A> {
    pub fn new(resolver: &'r dyn Resolver<A>) -> Self {
        Compiler {
            resolver,
            ops: Vec::new(),
            reads: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn emit(&mut self, op: Op<A>, range: &Range<usize>) {
        if self.ops.len() == MAX_OPS {
            self.errors.push(err(
                range.clone(),
                format!("the condition is too long (more than {MAX_OPS} operations)"),
                None,
            ));
        }
        self.ops.push(op);
    }

    /// The type of `node`, with its code emitted; `None` after an error (already reported).
    pub fn check(&mut self, ast: &Ast, node: usize) -> Option<Type> {
        let (kind, range) = &ast.nodes[node];
        match kind {
            Node::Num(v) => {
                self.emit(Op::Const(*v), range);
                Some(Type::Number)
            }
            Node::Date(d) => {
                self.emit(Op::Const(f64::from(*d)), range);
                Some(Type::Date)
            }
            Node::Bool(b) => {
                self.emit(Op::Const(f64::from(u8::from(*b))), range);
                Some(Type::Bool)
            }
            Node::Str(s) => {
                self.errors.push(err(
                    range.clone(),
                    format!("the string \"{s}\" is not compared with anything"),
                    Some("strings name states: compare them, e.g. status(georgia.visa_free) == \"active\""),
                ));
                None
            }
            Node::Call {
                name,
                name_range,
                args,
            } => {
                let texts: Vec<&str> = args.iter().map(|(a, _)| a.as_str()).collect();
                match self.resolver.call(name, &texts) {
                    Ok(resolved) => {
                        self.emit(Op::Load(resolved.accessor), range);
                        self.reads.push((resolved.accessor, range.clone()));
                        Some(resolved.ty)
                    }
                    Err(e) => {
                        let at = e
                            .arg
                            .and_then(|i| args.get(i))
                            .map_or(name_range.clone(), |(_, r)| r.clone());
                        self.errors.push(ExprError {
                            range: at,
                            message: e.message,
                            hint: e.hint,
                        });
                        None
                    }
                }
            }
            Node::Unary(op, inner) => {
                let ty = self.check(ast, *inner)?;
                let (want, code) = if *op == "!" {
                    (Type::Bool, Op::Not)
                } else {
                    (Type::Number, Op::Neg)
                };
                if ty != want {
                    self.errors.push(err(
                        range.clone(),
                        format!(
                            "`{op}` needs {}, but this is {}",
                            want.describe(),
                            ty.describe()
                        ),
                        None,
                    ));
                    return None;
                }
                self.emit(code, range);
                Some(want)
            }
            Node::Binary(op, l, r) => self.binary(ast, op, *l, *r, range),
        }
    }

    fn binary(
        &mut self,
        ast: &Ast,
        op: &'static str,
        l: usize,
        r: usize,
        range: &Range<usize>,
    ) -> Option<Type> {
        let text_of = |n: usize| ast.nodes[n].1.clone();
        if op == "&&" || op == "||" {
            let lt = self.check(ast, l);
            let jump = self.ops.len();
            self.emit(Op::Const(0.0), range); // patched below
            let rt = self.check(ast, r);
            let target = self.ops.len() as u16;
            self.ops[jump] = if op == "&&" {
                Op::AndJump(target)
            } else {
                Op::OrJump(target)
            };
            for (t, n) in [(lt, l), (rt, r)] {
                if let Some(t) = t
                    && t != Type::Bool
                {
                    self.errors.push(err(
                        text_of(n),
                        format!(
                            "`{op}` needs true/false on both sides, but this is {}",
                            t.describe()
                        ),
                        Some("compare it, e.g. `trust(armenia) >= 50`"),
                    ));
                }
            }
            return (lt == Some(Type::Bool) && rt == Some(Type::Bool)).then_some(Type::Bool);
        }
        if op == "==" || op == "!=" {
            let code = if op == "==" { Op::Eq } else { Op::Ne };
            // A string takes its meaning from the other side: compile that side first.
            let (string, other) = match (&ast.nodes[l].0, &ast.nodes[r].0) {
                (Node::Str(s), _) => (Some((s.clone(), text_of(l))), r),
                (_, Node::Str(s)) => (Some((s.clone(), text_of(r))), l),
                _ => (None, l),
            };
            if let Some((s, s_range)) = string {
                let other_ty = self.check(ast, other)?;
                let Type::Enum(domain) = other_ty else {
                    self.errors.push(err(
                        s_range,
                        format!("cannot compare {} with a string", other_ty.describe()),
                        None,
                    ));
                    return None;
                };
                return match self.resolver.variant(domain, &s) {
                    Ok(v) => {
                        self.emit(Op::Const(f64::from(v)), range);
                        self.emit(code, range);
                        Some(Type::Bool)
                    }
                    Err(e) => {
                        self.errors.push(ExprError {
                            range: s_range,
                            message: e.message,
                            hint: e.hint,
                        });
                        None
                    }
                };
            }
            let lt = self.check(ast, l);
            let rt = self.check(ast, r);
            let (lt, rt) = (lt?, rt?);
            if lt != rt {
                self.errors.push(err(
                    range.clone(),
                    format!("cannot compare {} with {}", lt.describe(), rt.describe()),
                    None,
                ));
                return None;
            }
            self.emit(code, range);
            return Some(Type::Bool);
        }
        if let (Node::Str(_), _) | (_, Node::Str(_)) = (&ast.nodes[l].0, &ast.nodes[r].0) {
            self.errors.push(err(
                range.clone(),
                format!("`{op}` cannot compare names of states"),
                Some("states, outcomes and office holders only compare with == or !="),
            ));
            return None;
        }
        let lt = self.check(ast, l);
        let rt = self.check(ast, r);
        let (lt, rt) = (lt?, rt?);
        let ordering = matches!(op, "<" | "<=" | ">" | ">=");
        let ok = if ordering {
            lt == rt && matches!(lt, Type::Number | Type::Date)
        } else {
            lt == Type::Number && rt == Type::Number
        };
        if !ok {
            let need = if ordering {
                "two numbers or two dates"
            } else {
                "numbers"
            };
            self.errors.push(err(
                range.clone(),
                format!(
                    "`{op}` needs {need}, but found {} and {}",
                    lt.describe(),
                    rt.describe()
                ),
                None,
            ));
            return None;
        }
        let code = match op {
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "+" => Op::Add,
            "-" => Op::Sub,
            "*" => Op::Mul,
            _ => Op::Div,
        };
        self.emit(code, range);
        Some(if ordering { Type::Bool } else { Type::Number })
    }
}
