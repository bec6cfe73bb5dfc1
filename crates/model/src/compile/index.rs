//! The editor's index: where each id is defined and where it is referenced (the states of a
//! status too, as kind `state` with id `status.state`), and every condition compiled, all as
//! spans in the load's [`Sources`](crate::diag::Sources).
//!
//! It exists for `statecraft lsp` (go to definition, references, hover). It is not a second
//! parser: the spans are recorded by the compiler where it registers and resolves names
//! ([`Names`](super::names::Names)), so the index knows exactly the references `check`
//! checks, across `extends` and seed files. A compilation that fails still yields the index
//! of what did resolve.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Ctx;
use super::names::Names;
use crate::diag::{Diagnostic, Sources};
use crate::load::Loaded;
use crate::model::{Cond, Model};
use crate::raw::ScenarioFile;

/// One occurrence of an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The kind of item, as messages say it: "actor", "fact", ...
    pub kind: &'static str,
    pub id: String,
    /// The id's text in the file (inside the quotes of a definition or a key's value).
    pub span: Range<usize>,
    /// `true` for the `id = "..."` that defines the item.
    pub definition: bool,
}

/// A state of a status written in a file: in the status's `states` (its definition), or
/// where a status is set or compared (`initial`, `to`, `status(a.s) == "state"`).
#[derive(Clone, Debug)]
pub(crate) struct StateMention {
    pub status: String,
    pub state: String,
    pub span: Range<usize>,
    pub definition: bool,
}

impl super::Ctx<'_> {
    /// Records `state` of status `status` written at `span`.
    pub(super) fn record_state(
        &self,
        status: &str,
        state: &str,
        span: Range<usize>,
        definition: bool,
    ) {
        self.states_written.borrow_mut().push(StateMention {
            status: status.to_owned(),
            state: state.to_owned(),
            span,
            definition,
        });
    }
}

/// Every id occurrence and condition of one scenario.
#[derive(Clone, Debug, Default)]
pub struct Index {
    /// Definitions and references, sorted by span.
    pub symbols: Vec<Symbol>,
    /// The readable name of items that have one (a proposal's `title`, an event's `text`),
    /// by (kind, id).
    pub names: BTreeMap<(&'static str, String), String>,
    /// Every condition that compiled, with the span of its string.
    pub conditions: Vec<(Range<usize>, Cond)>,
}

impl Index {
    /// The symbol whose span holds global offset `at`.
    pub fn symbol_at(&self, at: usize) -> Option<&Symbol> {
        self.symbols
            .iter()
            .find(|s| s.span.start <= at && at <= s.span.end)
    }

    /// The definition of `kind` `id`.
    pub fn definition(&self, kind: &str, id: &str) -> Option<&Symbol> {
        self.symbols
            .iter()
            .find(|s| s.definition && s.kind == kind && s.id == id)
    }

    /// Every occurrence of `kind` `id`, the definition included.
    pub fn occurrences<'a>(
        &'a self,
        kind: &'a str,
        id: &'a str,
    ) -> impl Iterator<Item = &'a Symbol> {
        self.symbols
            .iter()
            .filter(move |s| s.kind == kind && s.id == id)
    }

    /// The ids defined for `kind`, in file order.
    pub fn ids_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a str> {
        self.symbols
            .iter()
            .filter(move |s| s.definition && s.kind == kind)
            .map(|s| s.id.as_str())
    }

    /// The compiled condition whose string holds global offset `at`.
    pub fn condition_at(&self, at: usize) -> Option<&(Range<usize>, Cond)> {
        self.conditions
            .iter()
            .find(|(span, _)| span.start <= at && at < span.end)
    }

    fn add<I>(&mut self, names: &Names<I>, sources: &Sources) {
        for (id, span) in names.ids.iter().zip(&names.defined_at) {
            self.symbols.push(Symbol {
                kind: names.kind,
                id: id.clone(),
                span: inside_quotes(sources, span),
                definition: true,
            });
        }
        for (index, span) in names.referenced.borrow().iter() {
            if let Some(id) = names.ids.get(*index) {
                self.symbols.push(Symbol {
                    kind: names.kind,
                    id: id.clone(),
                    span: inside_quotes(sources, span),
                    definition: false,
                });
            }
        }
    }
}

/// The index's id of a state: `status.state` (states are named within their status).
pub fn state_id(status: &str, state: &str) -> String {
    format!("{status}.{state}")
}

/// A string value's span without its quotes, when it has them: the spans `toml` gives a
/// value include the quotes, the index's hold the id alone.
fn inside_quotes(sources: &Sources, span: &Range<usize>) -> Range<usize> {
    let text = sources.text(span);
    let quoted = text.len() >= 2
        && ((text.starts_with('"') && text.ends_with('"'))
            || (text.starts_with('\'') && text.ends_with('\'')));
    if quoted {
        span.start + 1..span.end - 1
    } else {
        span.clone()
    }
}

/// [`compile`](super::compile), and the index of the ids it registered and resolved.
pub fn compile_indexed(loaded: &Loaded) -> (Result<Model, Vec<Diagnostic>>, Index) {
    let mut ctx = Ctx::new(&loaded.sources);
    let model = ctx.compile(&loaded.file, &loaded.facts);
    let mut index = Index::default();
    for names in [
        &ctx.actors as &dyn AnyNames,
        &ctx.persons,
        &ctx.offices,
        &ctx.indicators,
        &ctx.statuses,
        &ctx.flags,
        &ctx.calendars,
        &ctx.groups,
        &ctx.instruments,
        &ctx.proposals,
        &ctx.policies,
        &ctx.events,
        &ctx.reviews,
        &ctx.triggers,
        &ctx.facts,
        &ctx.packages,
    ] {
        names.add_to(&mut index, &loaded.sources);
    }
    for m in ctx.states_written.take() {
        index.symbols.push(Symbol {
            kind: "state",
            id: state_id(&m.status, &m.state),
            span: inside_quotes(&loaded.sources, &m.span),
            definition: m.definition,
        });
    }
    index.symbols.sort_by_key(|s| (s.span.start, s.span.end));
    index.names = item_names(&loaded.file);
    index.conditions = std::mem::take(&mut ctx.conditions);
    (ctx.finish(model), index)
}

/// [`Names`] of any id type, so the index can walk them in one loop.
trait AnyNames {
    fn add_to(&self, index: &mut Index, sources: &Sources);
}

impl<I> AnyNames for Names<I> {
    fn add_to(&self, index: &mut Index, sources: &Sources) {
        index.add(self, sources);
    }
}

fn item_names(file: &ScenarioFile) -> BTreeMap<(&'static str, String), String> {
    let mut out = BTreeMap::new();
    let mut put = |kind: &'static str, id: &toml::Spanned<String>, name: &Option<String>| {
        if let Some(name) = name {
            out.insert((kind, id.get_ref().clone()), name.clone());
        }
    };
    file.actor.iter().for_each(|x| put("actor", &x.id, &x.name));
    file.person
        .iter()
        .for_each(|x| put("person", &x.id, &x.name));
    file.office
        .iter()
        .for_each(|x| put("office", &x.id, &x.name));
    (file.indicator.iter()).for_each(|x| put("indicator", &x.id, &x.name));
    file.status
        .iter()
        .for_each(|x| put("status", &x.id, &x.name));
    file.flag.iter().for_each(|x| put("flag", &x.id, &x.name));
    (file.calendar.iter()).for_each(|x| put("calendar", &x.id, &x.name));
    file.group.iter().for_each(|x| put("group", &x.id, &x.name));
    (file.instrument.iter()).for_each(|x| put("instrument", &x.id, &x.name));
    (file.proposal.iter()).for_each(|x| put("proposal", &x.id, &x.title));
    file.event.iter().for_each(|x| put("event", &x.id, &x.text));
    out
}
