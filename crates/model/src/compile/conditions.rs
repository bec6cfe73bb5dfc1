//! Conditions in scenario files: the names they may call, resolved against the scenario, and
//! their errors placed at the right column of the file.
//!
//! The functions a condition can call:
//! - `INDICATOR(actor)` for a per-actor indicator, `INDICATOR()` for a global one (a number);
//! - `status(actor.status)` (compare with a state name: `== "suspended"`);
//! - `flag(id)` (true/false);
//! - `outcome(proposal)` (`"pending"`, `"adopted"` or `"failed"`), `attempts(proposal)`;
//! - `objectors(proposal)` (members against in a dry run of its vote) and
//!   `would_pass(proposal)` (whether the dry run adopts it): a dry run draws nothing and a
//!   policy with `probability = p` counts as applying when p >= 0.5;
//! - `holder(office)` (compare with a person id), `active(policy)` (true/false);
//! - `date()`: the first day of the current step (compare with a date `2025-06-01`).

use std::ops::Range;

use toml::Spanned;

use super::Ctx;
use crate::diag::Diagnostic;
use crate::expr::{self, EnumDomain, ResolveError, Resolved, Resolver, Type};
use crate::id::*;
use crate::model::{Accessor, Cond, OUTCOMES};

/// What the strings compared with a value name: a proposal's outcomes, the persons, or the
/// states of one status. The condition language sees only an opaque [`EnumDomain`] tag, and
/// only compares tags; this is the one place that encodes and decodes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Domain {
    Outcome,
    Person,
    States(StatusId),
}

impl Domain {
    fn tag(self) -> EnumDomain {
        EnumDomain(match self {
            Domain::Outcome => 0,
            Domain::Person => 1,
            Domain::States(status) => 2 + status.index() as u32,
        })
    }

    fn of(tag: EnumDomain) -> Self {
        match tag.0 {
            0 => Domain::Outcome,
            1 => Domain::Person,
            n => Domain::States(StatusId::from_index((n - 2) as usize)),
        }
    }
}

/// The functions of the condition language besides the indicators (which take their names).
pub const BUILTINS: [&str; 10] = [
    "status",
    "flag",
    "outcome",
    "attempts",
    "decided",
    "objectors",
    "would_pass",
    "holder",
    "active",
    "date",
];

/// The kind of id built-in `function` takes as its argument (`"proposal"`, `"flag"`, ...;
/// `status` takes `actor.status`, named by its actor), `Some(None)` for `date()`, which takes
/// none, and `None` for a name that is no built-in (an indicator's, which takes an actor).
pub fn builtin_argument(function: &str) -> Option<Option<&'static str>> {
    Some(match function {
        "flag" => Some("flag"),
        "outcome" | "attempts" | "decided" | "objectors" | "would_pass" => Some("proposal"),
        "holder" => Some("office"),
        "active" => Some("policy"),
        "status" => Some("actor"),
        "date" => None,
        _ => return None,
    })
}

struct ScenarioResolver<'c, 'a> {
    ctx: &'c Ctx<'a>,
}

fn fail(message: impl Into<String>, arg: Option<usize>) -> ResolveError {
    ResolveError {
        message: message.into(),
        hint: None,
        arg,
    }
}

fn unknown<I: Id>(names: &super::Names<I>, name: &str, arg: Option<usize>) -> ResolveError {
    let d = names.unknown(name, None);
    ResolveError {
        message: d.message,
        hint: d.hints.into_iter().next(),
        arg,
    }
}

impl ScenarioResolver<'_, '_> {
    fn one_arg<'s>(&self, name: &str, args: &[&'s str]) -> Result<&'s str, ResolveError> {
        match args {
            [one] => Ok(one),
            _ => Err(fail(
                format!("`{name}(...)` takes one argument, found {}", args.len()),
                None,
            )),
        }
    }
}

impl Resolver<Accessor> for ScenarioResolver<'_, '_> {
    fn call(&self, name: &str, args: &[&str]) -> Result<Resolved<Accessor>, ResolveError> {
        let ctx = self.ctx;
        let resolved = |accessor, ty| Ok(Resolved { accessor, ty });
        match name {
            "date" => {
                if !args.is_empty() {
                    return Err(fail("`date()` takes no argument", Some(0)));
                }
                resolved(Accessor::Date, Type::Date)
            }
            "flag" => {
                let id = self.one_arg(name, args)?;
                let f = ctx
                    .flags
                    .get(id)
                    .ok_or_else(|| unknown(&ctx.flags, id, Some(0)))?;
                resolved(Accessor::Flag(f), Type::Bool)
            }
            "outcome" | "attempts" | "decided" | "objectors" | "would_pass" => {
                let id = self.one_arg(name, args)?;
                let p = ctx
                    .proposals
                    .get(id)
                    .ok_or_else(|| unknown(&ctx.proposals, id, Some(0)))?;
                match name {
                    "outcome" => resolved(Accessor::Outcome(p), Type::Enum(Domain::Outcome.tag())),
                    "attempts" => resolved(Accessor::Attempts(p), Type::Number),
                    "decided" => resolved(Accessor::Decided(p), Type::Date),
                    "objectors" => resolved(Accessor::Objectors(p), Type::Number),
                    _ => resolved(Accessor::WouldPass(p), Type::Bool),
                }
            }
            "holder" => {
                let id = self.one_arg(name, args)?;
                let o = ctx
                    .offices
                    .get(id)
                    .ok_or_else(|| unknown(&ctx.offices, id, Some(0)))?;
                resolved(Accessor::Holder(o), Type::Enum(Domain::Person.tag()))
            }
            "active" => {
                let id = self.one_arg(name, args)?;
                let p = ctx
                    .policies
                    .get(id)
                    .ok_or_else(|| unknown(&ctx.policies, id, Some(0)))?;
                resolved(Accessor::PolicyActive(p), Type::Bool)
            }
            "status" => {
                let path = self.one_arg(name, args)?;
                let (slot, status) = ctx.status_slot(path).map_err(|d| ResolveError {
                    message: d.message,
                    hint: d.hints.into_iter().next(),
                    arg: Some(0),
                })?;
                resolved(
                    Accessor::Status(slot),
                    Type::Enum(Domain::States(status).tag()),
                )
            }
            _ => {
                let Some(index) = ctx.indicators.get(name) else {
                    let candidates = ctx
                        .indicators
                        .ids
                        .iter()
                        .map(String::as_str)
                        .chain(BUILTINS);
                    let hint = crate::diag::did_you_mean(name, candidates)
                        .map(|b| format!("did you mean `{b}`?"));
                    return Err(ResolveError {
                        message: format!(
                            "unknown function `{name}`: not an indicator or a built-in"
                        ),
                        hint: hint.or_else(|| Some(format!("built-ins: {}", BUILTINS.join(", ")))),
                        arg: None,
                    });
                };
                let ind = &ctx.indicator_defs[index.index()];
                if ind.actors.is_empty() {
                    if !args.is_empty() {
                        return Err(fail(
                            format!("`{name}` is a global indicator: write `{name}()`"),
                            Some(0),
                        ));
                    }
                    return resolved(Accessor::Indicator(ind.first_slot), Type::Number);
                }
                let actor = self.one_arg(name, args).map_err(|mut e| {
                    e.hint = Some(format!(
                        "`{name}` is per actor: write `{name}({})`",
                        ctx.actors.ids[ind.actors[0].index()]
                    ));
                    e
                })?;
                let a = ctx
                    .actors
                    .get(actor)
                    .ok_or_else(|| unknown(&ctx.actors, actor, Some(0)))?;
                let pos =
                    ind.actors.iter().position(|x| *x == a).ok_or_else(|| {
                        fail(format!("`{name}` has no value for `{actor}`"), Some(0))
                    })?;
                resolved(
                    Accessor::Indicator(ind.first_slot.offset(pos)),
                    Type::Number,
                )
            }
        }
    }

    fn variant(&self, domain: EnumDomain, text: &str) -> Result<u32, ResolveError> {
        let ctx = self.ctx;
        let names: Vec<&str> = match Domain::of(domain) {
            Domain::Outcome => OUTCOMES.to_vec(),
            Domain::Person => ctx.persons.ids.iter().map(String::as_str).collect(),
            Domain::States(status) => ctx.status_defs[status.index()]
                .states
                .iter()
                .map(String::as_str)
                .collect(),
        };
        match names.iter().position(|n| *n == text) {
            Some(i) => Ok(i as u32),
            None => {
                let hint = crate::diag::did_you_mean(text, names.iter().copied())
                    .map(|b| format!("did you mean `{b}`?"))
                    .or_else(|| Some(format!("one of: {}", names.join(", "))));
                Err(ResolveError {
                    message: format!("`{text}` is not a possible value here"),
                    hint,
                    arg: None,
                })
            }
        }
    }
}

impl Ctx<'_> {
    /// The slot and status index of `actor.status`, or a diagnostic (without a span) saying
    /// what is wrong.
    pub fn status_slot(&self, path: &str) -> Result<(StatusSlotId, StatusId), Diagnostic> {
        let Some((actor, status)) = path.split_once('.') else {
            return Err(Diagnostic::error(
                format!(
                    "a status is written `actor.status`, e.g. `partner.visa_free`, not `{path}`"
                ),
                None,
            ));
        };
        let s = self
            .statuses
            .get(status)
            .ok_or_else(|| self.statuses.unknown(status, None))?;
        let a = self
            .actors
            .get(actor)
            .ok_or_else(|| self.actors.unknown(actor, None))?;
        let def = self
            .status_defs
            .get(s.index())
            .ok_or_else(|| Diagnostic::error("status not compiled", None))?;
        let pos = def.actors.iter().position(|x| *x == a).ok_or_else(|| {
            let list: Vec<&str> = def
                .actors
                .iter()
                .map(|a| self.actors.ids[a.index()].as_str())
                .collect();
            Diagnostic::error(format!("`{actor}` has no status `{status}`"), None)
                .with_hint(format!("`{status}` applies to: {}", list.join(", ")))
        })?;
        Ok((def.first_slot.offset(pos), s))
    }

    /// Compiles a condition string; errors point at the column inside the string.
    pub fn condition(&mut self, text: &Spanned<String>, expected: Type) -> Option<Cond> {
        let resolver = ScenarioResolver { ctx: self };
        match expr::compile(text.get_ref(), &resolver, expected) {
            Ok(program) => {
                let cond = Cond::new(program);
                self.record_calls(text, &cond);
                self.conditions.push((text.span(), cond.clone()));
                // The engine dry-runs only the proposals some condition reads.
                for (accessor, _) in cond.reads() {
                    if let Accessor::Objectors(p) | Accessor::WouldPass(p) = accessor
                        && !self.dry_run.contains(&p)
                    {
                        self.dry_run.push(p);
                    }
                }
                Some(cond)
            }
            Err(errors) => {
                let literal = self.sources.text(&text.span()).to_owned();
                for e in errors {
                    let span = map_span(&literal, text.span().start, e.range.clone());
                    let mut d = Diagnostic::error(e.message, Some(span));
                    if let Some(h) = e.hint {
                        d = d.with_hint(h);
                    }
                    self.diags.push(d);
                }
                None
            }
        }
    }
}

impl Ctx<'_> {
    /// Records the actor and the status of an `actor.status` path written as a plain string.
    pub(super) fn record_status_path(&self, path: &Spanned<String>) {
        if let Some((actor, status)) = path.get_ref().split_once('.') {
            let at = path.span().start + 1;
            self.actors.find_at(actor, at..at + actor.len());
            let at = at + actor.len() + 1;
            self.statuses.find_at(status, at..at + status.len());
        }
    }

    /// Records the ids a compiled condition names, at their place in the file, for the
    /// editor's index. The compiler located every call (`cond.reads()`); a call's text is
    /// `name(arg)`, so its argument is what lies between the parentheses. The strings it
    /// resolved as states (`cond.named()`) name a person or a state of a status.
    fn record_calls(&self, text: &Spanned<String>, cond: &Cond) {
        let literal = self.sources.text(&text.span());
        let start = text.span().start;
        for (_, call) in cond.reads() {
            let Some(call_text) = text.get_ref().get(call.clone()) else {
                continue;
            };
            let Some(open) = call_text.find('(') else {
                continue;
            };
            let name = call_text[..open].trim_end();
            let inner = call_text[open + 1..].trim_end_matches(')');
            let arg = inner.trim();
            let arg_at = call.start + open + 1 + (inner.len() - inner.trim_start().len());
            let at = |from: usize, len: usize| map_span(literal, start, from..from + len);
            let name_span = at(call.start, name.len());
            match name {
                "flag" => {
                    self.flags.find_at(arg, at(arg_at, arg.len()));
                }
                "outcome" | "attempts" | "decided" | "objectors" | "would_pass" => {
                    self.proposals.find_at(arg, at(arg_at, arg.len()));
                }
                "holder" => {
                    self.offices.find_at(arg, at(arg_at, arg.len()));
                }
                "active" => {
                    self.policies.find_at(arg, at(arg_at, arg.len()));
                }
                "status" => {
                    if let Some((actor, status)) = arg.split_once('.') {
                        self.actors.find_at(actor, at(arg_at, actor.len()));
                        let status_at = arg_at + actor.len() + 1;
                        self.statuses.find_at(status, at(status_at, status.len()));
                    }
                }
                "date" => {}
                _ => {
                    self.indicators.find_at(name, name_span);
                    if !arg.is_empty() {
                        self.actors.find_at(arg, at(arg_at, arg.len()));
                    }
                }
            }
        }
        // The strings compared with a holder or a status: a person, a state.
        for named in cond.named() {
            let Some(name) = text.get_ref().get(named.range.clone()) else {
                continue;
            };
            let span = map_span(literal, start, named.range.clone());
            match Domain::of(named.domain) {
                Domain::Outcome => {}
                Domain::Person => {
                    self.persons.find_at(name, span);
                }
                Domain::States(status) => {
                    if let Some(def) = self.status_defs.get(status.index()) {
                        self.record_state(&def.id, name, span, false);
                    }
                }
            }
        }
    }
}

/// Maps a byte range inside a string's value to a range in the file, given the literal as
/// written (quotes and escapes included) and where it starts.
fn map_span(literal: &str, literal_start: usize, range: Range<usize>) -> Range<usize> {
    let start = value_to_literal(literal, range.start);
    let end = value_to_literal(literal, range.end).max(start);
    literal_start + start..literal_start + end
}

/// The offset in the literal of byte `index` of its decoded value.
fn value_to_literal(literal: &str, index: usize) -> usize {
    let (open, escapes) = if literal.starts_with("\"\"\"") {
        (3, true)
    } else if literal.starts_with("'''") {
        (3, false)
    } else if literal.starts_with('"') {
        (1, true)
    } else if literal.starts_with('\'') {
        (1, false)
    } else {
        // Not a string literal (an override from `--set`): offsets are the same.
        return index.min(literal.len());
    };
    let body = &literal[open.min(literal.len())..];
    let mut decoded = 0;
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        if decoded >= index {
            return open + at;
        }
        if escapes && c == '\\' {
            let (width, produced) = match chars.clone().next().map(|(_, n)| n) {
                Some('u') => (6, 1),
                Some('U') => (10, 1),
                _ => (2, 1),
            };
            for _ in 1..width {
                chars.next();
            }
            decoded += produced;
        } else {
            decoded += c.len_utf8();
        }
    }
    literal.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_says_what_it_takes() {
        for name in BUILTINS {
            assert!(builtin_argument(name).is_some(), "{name}");
        }
        assert_eq!(builtin_argument("trust"), None);
        assert_eq!(builtin_argument("date"), Some(None));
    }

    #[test]
    fn maps_offsets_through_quotes_and_escapes() {
        let lit = r#""a == \"x\" && b""#;
        // value: a == "x" && b ; `b` is at value byte 12
        assert_eq!(
            &lit[value_to_literal(lit, 12)..value_to_literal(lit, 13)],
            "b"
        );
        assert_eq!(value_to_literal("'abc'", 1), 2);
        assert_eq!(map_span("\"xy\"", 10, 1..2), 12..13);
    }
}
