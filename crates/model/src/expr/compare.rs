//! The comparisons, where most type errors are: which types `==` and `<` accept, strings
//! that name a state, and bare words, which are explained by what they were compared with.

use super::check::{Checker, Info};
use super::parse::{Kind, NodeId};
use super::{NamedState, Type};

impl<A: Copy> Checker<'_, A> {
    /// `< <= > >=`: two numbers or two dates.
    pub(super) fn ordering(&mut self, node: NodeId, symbol: &str, l: NodeId, r: NodeId) {
        let string = [l, r]
            .into_iter()
            .find(|n| matches!(self.ast.nodes[*n].kind, Kind::Str(_)));
        if let Some(string) = string {
            let message = format!("`{symbol}` cannot compare names of states");
            let hint = "states, outcomes and office holders only compare with `==` or `!=`";
            self.error(self.range(node), message, Some(hint.into()));
            let other = if string == l { r } else { l };
            if !matches!(self.ast.nodes[other].kind, Kind::Str(_)) {
                self.ty(other);
            }
            return;
        }
        let (lt, rt) = (self.ty(l), self.ty(r));
        let (Some(lt), Some(rt)) = (lt, rt) else {
            return;
        };
        if lt != rt || !matches!(lt, Type::Number | Type::Date) {
            self.mismatch(node, symbol, (l, lt), (r, rt));
        }
    }

    /// `==` / `!=`: equal types, or a named value and a string naming one of its states.
    pub(super) fn equality(&mut self, node: NodeId, symbol: &str, l: NodeId, r: NodeId) {
        let nodes = &self.ast.nodes;
        let loose = |n: NodeId| matches!(nodes[n].kind, Kind::Str(_) | Kind::Word);
        match (loose(l), loose(r)) {
            (true, true) => {
                for n in [l, r] {
                    if let Kind::Word = nodes[n].kind {
                        self.word(n, None);
                    }
                }
                if let (Kind::Str(_), Kind::Str(_)) = (&nodes[l].kind, &nodes[r].kind) {
                    self.error(
                        self.range(node),
                        "cannot compare two strings".into(),
                        Some(
                            "compare a value with a string, e.g. `holder(chair) == \"incumbent\"`"
                                .into(),
                        ),
                    );
                }
            }
            (true, false) => self.named(node, r, l, true),
            (false, true) => self.named(node, l, r, false),
            (false, false) => {
                let (lt, rt) = (self.ty(l), self.ty(r));
                if let (Some(lt), Some(rt)) = (lt, rt)
                    && lt != rt
                {
                    self.mismatch(node, symbol, (l, lt), (r, rt));
                }
            }
        }
    }

    /// `value == "state"` (or a bare word where a string was meant); `string_first` says which
    /// side the string is on, for the wording.
    fn named(&mut self, node: NodeId, value: NodeId, string: NodeId, string_first: bool) {
        let Some(ty) = self.ty(value) else {
            if let Kind::Word = self.ast.nodes[string].kind {
                self.word(string, None);
            }
            return;
        };
        let range = self.range(string);
        let Kind::Str(s) = &self.ast.nodes[string].kind else {
            self.word(string, Some(ty));
            return;
        };
        match ty {
            Type::Enum(domain) => match self.resolver.variant(domain, s) {
                Ok(v) => {
                    self.info[string] = Info::Variant(v);
                    // The token's range holds its quotes.
                    let inner = (range.start + 1).min(range.end)..range.end.saturating_sub(1);
                    self.named.push(NamedState {
                        domain,
                        variant: v,
                        range: inner.start..inner.end.max(inner.start),
                    });
                }
                Err(e) => self.error(range, e.message, e.hint),
            },
            _ => {
                let (a, b) = if string_first {
                    ("a string", ty.describe())
                } else {
                    (ty.describe(), "a string")
                };
                let hint = match ty {
                    Type::Number if s.trim().parse::<f64>().is_ok() => {
                        Some(format!("numbers need no quotes: {}", s.trim()))
                    }
                    Type::Bool if matches!(s.as_str(), "true" | "false") => {
                        Some(format!("true and false need no quotes: {s}"))
                    }
                    Type::Date => Some("dates need no quotes: 2025-06-01".into()),
                    _ => None,
                };
                self.error(
                    self.range(node),
                    format!("cannot compare {a} with {b}"),
                    hint,
                );
            }
        }
    }

    /// Two operands of a comparison whose types do not fit together.
    fn mismatch(&mut self, node: NodeId, symbol: &str, l: (NodeId, Type), r: (NodeId, Type)) {
        let ordering = !matches!(symbol, "==" | "!=");
        let (a, b) = (l.1.describe(), r.1.describe());
        let (message, hint) = match (l.1, r.1) {
            (Type::Date, Type::Number) | (Type::Number, Type::Date) => (
                format!("cannot compare {a} with {b}"),
                Some("dates are written YYYY-MM-DD, e.g. 2025-06-01".into()),
            ),
            (Type::Enum(_), Type::Enum(_)) if !ordering => (
                format!(
                    "cannot compare `{}` with `{}`: they are different kinds of named value",
                    self.written(l.0),
                    self.written(r.0)
                ),
                None,
            ),
            _ if ordering => {
                let odd = [l, r]
                    .into_iter()
                    .find(|(_, t)| !matches!(t, Type::Number | Type::Date))
                    .unwrap_or(l);
                let hint = matches!(odd.1, Type::Enum(_) | Type::Bool)
                    .then(|| format!("{} have no order: use `==` or `!=`", plural(odd.1)));
                let message = format!(
                    "`{symbol}` compares two numbers or two dates, but `{}` is {}",
                    self.written(odd.0),
                    odd.1.describe()
                );
                (message, hint)
            }
            _ => (format!("cannot compare {a} with {b}"), None),
        };
        self.error(self.range(node), message, hint);
    }

    /// A bare word: a function written without parentheses, or a string without quotes.
    /// `compared` is the type of the other side when the word is compared with a value.
    pub(super) fn word(&mut self, node: NodeId, compared: Option<Type>) {
        let range = self.range(node);
        let word = &self.text[range.clone()];
        let message = format!("`{word}` alone is not a value");
        let quoted = format!("strings need double quotes: \"{word}\"");
        let hint = if let Some(Type::Enum(_)) = compared {
            quoted
        } else if self.is_function(word) {
            let args = if self.resolver.call(word, &[]).is_ok() {
                ""
            } else {
                "..."
            };
            format!("did you mean `{word}({args})`?")
        } else if let Some(b) = ["true", "false"]
            .into_iter()
            .find(|b| strsim::jaro(word, b) > 0.7)
        {
            format!("did you mean `{b}`?")
        } else {
            format!("{quoted}; calls need parentheses: `{word}(...)`")
        };
        self.error(range, message, Some(hint));
    }

    /// Whether `word` names a function: it resolves with no argument, or the resolver blames
    /// the argument rather than the name when given one.
    fn is_function(&self, word: &str) -> bool {
        self.resolver.call(word, &[]).is_ok()
            || match self.resolver.call(word, &["_"]) {
                Ok(_) => true,
                Err(e) => e.arg.is_some(),
            }
    }
}

/// "named values", "true/false values": the plural for "have no order".
fn plural(ty: Type) -> &'static str {
    match ty {
        Type::Enum(_) => "named values",
        _ => "true/false values",
    }
}
