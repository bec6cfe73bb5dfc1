//! Facts from seed files, and the citations (`source = "..."`) that items make of them: a
//! citation names a fact that exists, or it is an error.

use toml::Spanned;

use super::Ctx;
use crate::id::*;
use crate::model;
use crate::raw::FactKind;

impl Ctx<'_> {
    /// A fact citation, checked.
    pub fn cite(&mut self, source: &Option<Spanned<String>>) -> Option<FactId> {
        let source = source.as_ref()?;
        match self.facts.find(source) {
            Some(f) => Some(f),
            None => {
                let d = self.facts.unknown(source.get_ref(), Some(source.span()));
                let d = if self.facts.ids.is_empty() {
                    d.with_hint("cite facts from a seed file listed in [scenario] `seeds`")
                } else {
                    d
                };
                self.diags.push(d);
                None
            }
        }
    }

    pub(super) fn facts_of(&mut self, facts: &[crate::raw::Fact]) -> Vec<model::Fact> {
        let mut out = Vec::new();
        for fact in facts {
            if self.facts.add(&fact.id, &mut self.diags).is_none() {
                continue;
            }
            let day = fact
                .date
                .as_ref()
                .and_then(|d| self.date(d))
                .map(crate::calendar::day_number);
            if let Some(p) = &fact.precision
                && !matches!(p.as_str(), "day" | "month" | "year")
            {
                self.error(
                    format!("`precision` must be day, month or year, found `{p}`"),
                    fact.id.span(),
                );
            }
            out.push(model::Fact {
                id: fact.id.get_ref().clone(),
                day,
                precision: fact.precision.clone(),
                kind: fact.kind.as_ref().map_or(FactKind::Fact, |k| *k.get_ref()),
                summary: fact.summary.clone(),
                document: fact.document.clone(),
                paragraph: fact.paragraph.clone(),
            });
        }
        out
    }
}
