//! Completion inside a condition string: the ids a call takes where the cursor is in its
//! parentheses (`trust(` offers the actors that indicator has, `status(partner.` that
//! actor's statuses), and the names a string compared with a call may hold (the states
//! after `status(x.s) == "`, persons after `holder(o) == "`, outcomes after
//! `outcome(p) == "`).
//!
//! Apart from key completion because it reads the condition language, not TOML: `typed` is
//! the condition's text up to the cursor, its TOML escapes already decoded.

use lsp_types::{CompletionItem, CompletionItemKind};
use statecraft_model::model::OUTCOMES;

use crate::analysis::Analysis;
use crate::completion::{ids, item, states};

/// Completions inside a condition whose text so far is `typed`: the arguments of the call
/// being written, or the names a string compared with a call may hold. `None` when the
/// cursor is in neither.
pub(crate) fn in_condition(
    analysis: Option<&Analysis>,
    typed: &str,
) -> Option<Vec<CompletionItem>> {
    let analysis = analysis?;
    // Inside a string of the condition: `status(partner.visa_free) == "`.
    if let Some(open) = open_quote(typed) {
        let before = typed[..open].trim_end();
        let before = (before
            .strip_suffix("==")
            .or_else(|| before.strip_suffix("!=")))?;
        let call = before.trim_end().strip_suffix(')')?;
        let paren = call.rfind('(')?;
        let argument = call[paren + 1..].trim();
        return Some(match function_before(call, paren) {
            "status" => states(Some(analysis), argument.rsplit('.').next().unwrap_or("")),
            "holder" => ids(Some(analysis), "person"),
            "outcome" => (OUTCOMES.iter())
                .map(|o| item(o, CompletionItemKind::ENUM_MEMBER, "outcome"))
                .collect(),
            _ => Vec::new(),
        });
    }
    // Inside a call: `trust(` or `status(partner.`.
    let open = typed.rfind('(')?;
    let after = &typed[open + 1..];
    if after.contains(')') {
        return None;
    }
    let function = function_before(typed, open);
    let kind = argument_kind(analysis, function)?;
    let mut items = if function == "status" && after.contains('.') {
        ids(Some(analysis), "status")
    } else {
        ids(Some(analysis), kind)
    };
    if let Some(keep) = arguments_of(analysis, function, after.trim()) {
        items.retain(|i| keep.contains(&i.label));
    }
    Some(items)
}

/// The byte where an unclosed string of a condition opens (`\"` escapes a quote in it).
fn open_quote(condition: &str) -> Option<usize> {
    let mut open = None;
    let mut escaped = false;
    for (i, c) in condition.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if open.is_some() => escaped = true,
            '"' => open = if open.is_some() { None } else { Some(i) },
            _ => {}
        }
    }
    open
}

/// The name of the function whose `(` is at byte `paren` of `text`.
fn function_before(text: &str, paren: usize) -> &str {
    text[..paren]
        .trim_end()
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c)))
        .next()
        .unwrap_or("")
}

/// The kind of id a condition function takes as its argument.
fn argument_kind(analysis: &Analysis, function: &str) -> Option<&'static str> {
    if let Some(kind) = statecraft_model::compile::builtin_argument(function) {
        return kind;
    }
    let index = analysis.index.as_ref()?;
    index
        .ids_of("indicator")
        .any(|i| i == function)
        .then_some("actor")
}

/// The ids `function(...)` accepts, where the scenario narrows them: an indicator's
/// actors, the actors that have a status, the statuses of `actor.` (`None`: every id of
/// the kind).
fn arguments_of(analysis: &Analysis, function: &str, typed: &str) -> Option<Vec<String>> {
    let file = &analysis.loaded.as_ref()?.file;
    let names = |list: &[toml::Spanned<String>]| -> Vec<String> {
        list.iter().map(|a| a.get_ref().clone()).collect()
    };
    if function == "status" {
        return Some(match typed.split_once('.') {
            Some((actor, _)) => (file.status.iter())
                .filter(|s| s.actors.get_ref().iter().any(|a| a.get_ref() == actor))
                .map(|s| s.id.get_ref().clone())
                .collect(),
            None => file
                .status
                .iter()
                .flat_map(|s| names(s.actors.get_ref()))
                .collect(),
        });
    }
    let indicator = file.indicator.iter().find(|i| i.id.get_ref() == function)?;
    Some(
        indicator
            .actors
            .as_ref()
            .map_or_else(Vec::new, |a| names(a.get_ref())),
    )
}
