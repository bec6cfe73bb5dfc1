//! Name tables: the ids of one section, in file order, and lookups that report unknown or
//! duplicate ids with a suggestion. Items with a readable name (actors: `west`, "Western partner")
//! are suggested by name too, since people write either (`counterpart = "western partner"`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::diag::Diagnostic;
use crate::id::Id;

/// The ids of one kind of item and their dense indices, typed as `I`.
#[derive(Debug)]
pub struct Names<I> {
    /// What the items are called in messages ("actor", "proposal", ...).
    pub kind: &'static str,
    pub ids: Vec<String>,
    /// The readable name of each id, where the item has one.
    labels: Vec<Option<String>>,
    index: BTreeMap<String, I>,
    /// Where each id is defined (the span of its `id = "..."` value), for the editor's index.
    pub(super) defined_at: Vec<Range<usize>>,
    /// Every reference resolved so far: the dense index and where it was written. Recorded
    /// where the compiler resolves a name, so the editor's index needs no second parser.
    pub(super) referenced: RefCell<Vec<(usize, Range<usize>)>>,
}

impl<I: Id> Names<I> {
    pub fn new(kind: &'static str) -> Self {
        Names {
            kind,
            ids: Vec::new(),
            labels: Vec::new(),
            index: BTreeMap::new(),
            defined_at: Vec::new(),
            referenced: RefCell::new(Vec::new()),
        }
    }

    /// Registers an id; a duplicate is reported and gets no index.
    pub fn add(&mut self, id: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<I> {
        self.add_named(id, None, diags)
    }

    /// Registers an id with its readable name, which suggestions also match.
    pub fn add_named(
        &mut self,
        id: &Spanned<String>,
        label: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<I> {
        let name = id.get_ref();
        if let Some(problem) = id_problem(name) {
            diags.push(
                Diagnostic::error(
                    format!("invalid {} id `{name}`: {problem}", self.kind),
                    Some(id.span()),
                )
                .with_hint("ids are letters, digits, `-` and `_`, starting with a letter"),
            );
            return None;
        }
        if self.index.contains_key(name) {
            diags.push(
                Diagnostic::error(
                    format!("duplicate {} id `{name}`", self.kind),
                    Some(id.span()),
                )
                .with_label("already defined above")
                .with_hint("ids must be unique within a section; rename one of them"),
            );
            return None;
        }
        let index = I::from_index(self.ids.len());
        self.ids.push(name.clone());
        self.labels.push(label.map(str::to_owned));
        self.defined_at.push(id.span());
        self.index.insert(name.clone(), index);
        Some(index)
    }

    pub fn get(&self, name: &str) -> Option<I> {
        self.index.get(name).copied()
    }

    /// [`Names::get`] for a name written in a file, recording the reference.
    pub fn find(&self, name: &Spanned<String>) -> Option<I> {
        let found = self.get(name.get_ref());
        if let Some(i) = found {
            self.record(i, name.span());
        }
        found
    }

    /// [`Names::get`] for a name at `span` (inside a condition), recording the reference.
    pub fn find_at(&self, name: &str, span: Range<usize>) -> Option<I> {
        let found = self.get(name);
        if let Some(i) = found {
            self.record(i, span);
        }
        found
    }

    fn record(&self, index: I, span: Range<usize>) {
        self.referenced.borrow_mut().push((index.index(), span));
    }

    /// Looks up a reference; an unknown one is reported with "did you mean".
    pub fn resolve(&self, name: &Spanned<String>, diags: &mut Vec<Diagnostic>) -> Option<I> {
        self.resolve_at(name.get_ref(), name.span(), diags)
    }

    pub fn resolve_at(
        &self,
        name: &str,
        span: Range<usize>,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<I> {
        match self.get(name) {
            Some(i) => {
                self.record(i, span);
                Some(i)
            }
            None => {
                diags.push(self.unknown(name, Some(span)));
                None
            }
        }
    }

    /// The diagnostic for an unknown id.
    pub fn unknown(&self, name: &str, span: Option<Range<usize>>) -> Diagnostic {
        let d = Diagnostic::error(format!("unknown {} `{name}`", self.kind), span);
        let d = match self.closest(name) {
            Some(i) => match &self.labels[i] {
                Some(label) => d.with_hint(format!("did you mean `{}` ({label})?", self.ids[i])),
                None => d.with_hint(format!("did you mean `{}`?", self.ids[i])),
            },
            None => d,
        };
        if d.hints.is_empty() && !self.ids.is_empty() && self.ids.len() <= 12 {
            let known = self.ids.join(", ");
            d.with_hint(format!("known {}s: {known}", self.kind))
        } else if self.ids.is_empty() {
            d.with_hint(format!("the scenario defines no [[{}]]", self.kind))
        } else {
            d
        }
    }
}

impl<I> Names<I> {
    /// The index of the id or readable name closest to `wrong` (names compared without
    /// case), if one is close enough.
    fn closest(&self, wrong: &str) -> Option<usize> {
        let lowered: Vec<Option<String>> = self
            .labels
            .iter()
            .map(|l| l.as_ref().map(|l| l.to_lowercase()))
            .collect();
        let candidates: Vec<(&str, usize)> = (self.ids.iter().enumerate())
            .map(|(i, id)| (id.as_str(), i))
            .chain((lowered.iter().enumerate()).filter_map(|(i, l)| Some((l.as_deref()?, i))))
            .collect();
        let wrong = wrong.to_lowercase();
        let best = crate::diag::did_you_mean(&wrong, candidates.iter().map(|(c, _)| *c))?;
        candidates
            .iter()
            .find(|(c, _)| std::ptr::eq(*c, best))
            .map(|&(_, i)| i)
    }
}

/// Why an id is not acceptable, if it is not.
pub(super) fn id_problem(id: &str) -> Option<&'static str> {
    let mut chars = id.chars();
    match chars.next() {
        None => return Some("it is empty"),
        Some(c) if !c.is_ascii_alphabetic() => return Some("it must start with a letter"),
        _ => {}
    }
    if id.len() > 128 {
        return Some("it is longer than 128 characters");
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Some("it may only hold ASCII letters, digits, `-` and `_`");
    }
    None
}
