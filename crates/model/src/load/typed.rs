//! From the merged tree to raw typed items, one item at a time.
//!
//! serde stops at the first error of a value, so each `[[item]]` is deserialized on its own:
//! a scenario with three broken items gets three diagnostics. toml's messages are reworded
//! here into ours (an unknown key gets "did you mean" instead of a list of thirty keys).

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeValue, Deserializer};

use super::tree::{Table, Value};
use super::{MAX_ITEMS_PER_SECTION, SECTIONS};
use crate::diag::Diagnostic;
use crate::raw::{Calendar, Fact, Group, Header, Observed, ScenarioFile, SeedHeader};

/// Types the merged scenario tree.
/// `file_start` locates problems that belong to no key (a missing `[scenario]`).
pub fn scenario(tree: Table<'_>, file_start: usize, diags: &mut Vec<Diagnostic>) -> ScenarioFile {
    let mut file = ScenarioFile::default();
    let mut saw_header = false;
    for (key, value) in tree {
        match key.get_ref().as_ref() {
            "scenario" => {
                saw_header = true;
                file.scenario = table::<Header>(value, "[scenario]", diags);
            }
            "actor" => file.actor = items(value, "actor", diags),
            "person" => file.person = items(value, "person", diags),
            "office" => file.office = items(value, "office", diags),
            "indicator" => file.indicator = items(value, "indicator", diags),
            "status" => file.status = items(value, "status", diags),
            "flag" => file.flag = items(value, "flag", diags),
            "calendar" => file.calendar = items(value, "calendar", diags),
            "group" => file.group = items(value, "group", diags),
            "instrument" => file.instrument = items(value, "instrument", diags),
            "proposal" => file.proposal = items(value, "proposal", diags),
            "policy" => file.policy = items(value, "policy", diags),
            "event" => file.event = items(value, "event", diags),
            "review" => file.review = items(value, "review", diags),
            "trigger" => file.trigger = items(value, "trigger", diags),
            "expect" => file.expect = items(value, "expect", diags),
            "observed" => file.observed = items(value, "observed", diags),
            "uncertain" => file.uncertain = items(value, "uncertain", diags),
            other => {
                let name = other.to_owned();
                diags.push(
                    Diagnostic::error(format!("unknown section `{name}`"), Some(key.span()))
                        .suggest(&name, SECTIONS.iter().copied().chain(["scenario", "remove"]))
                        .with_hint("sections are [scenario], [remove] and arrays of tables such as [[actor]], [[proposal]], [[policy]]"),
                );
            }
        }
    }
    if !saw_header {
        diags.push(
            Diagnostic::error("missing the [scenario] table", Some(file_start..file_start))
                .with_hint("every scenario starts with [scenario] giving id, start and end"),
        );
    }
    file
}

/// The items of one fact base that scenarios naming it receive.
#[derive(Default)]
pub struct SeedItems {
    pub facts: Vec<Fact>,
    pub observed: Vec<Observed>,
    pub groups: Vec<Group>,
    pub calendars: Vec<Calendar>,
}

/// Types a fact base: `[seed]`, `[[fact]]`, `[[observed]]` (whose `source` is required
/// here: an outcome in a fact base is a fact, and says where it comes from), `[[group]]` and
/// `[[calendar]]` (meeting dates, whose `source` is required for the same reason).
pub fn seed(tree: Table<'_>, diags: &mut Vec<Diagnostic>) -> SeedItems {
    let mut seed = SeedItems::default();
    for (key, value) in tree {
        match key.get_ref().as_ref() {
            "seed" => {
                table::<SeedHeader>(value, "[seed]", diags);
            }
            "fact" => seed.facts = items(value, "fact", diags),
            "observed" => {
                seed.observed = items::<Observed>(value, "observed", diags);
                for o in &seed.observed {
                    if o.source.is_none() {
                        diags.push(
                            Diagnostic::error(
                                format!(
                                    "observed outcome `{}` in a fact base has no `source`",
                                    o.id.get_ref()
                                ),
                                Some(o.id.span()),
                            )
                            .with_hint("cite the fact that documents it: `source = \"fact-id\"`"),
                        );
                    }
                }
            }
            // Parliament's groups are standing composition, shared by scenarios like facts.
            "group" => seed.groups = items(value, "group", diags),
            // A body's meeting dates are public record, shared by scenarios like facts.
            "calendar" => {
                seed.calendars = items::<Calendar>(value, "calendar", diags);
                for c in &seed.calendars {
                    if c.source.is_none() {
                        diags.push(
                            Diagnostic::error(
                                format!(
                                    "calendar `{}` in a fact base has no `source`",
                                    c.id.get_ref()
                                ),
                                Some(c.id.span()),
                            )
                            .with_hint(
                                "cite the fact that publishes the dates: `source = \"fact-id\"`",
                            ),
                        );
                    }
                    if c.override_ {
                        diags.push(
                            Diagnostic::error(
                                format!(
                                    "calendar `{}` in a fact base has `override`",
                                    c.id.get_ref()
                                ),
                                Some(c.id.span()),
                            )
                            .with_hint(
                                "`override` changes a base scenario's item in a variant; a fact \
                                 base has no base: remove it",
                            ),
                        );
                    }
                }
            }
            other => {
                let name = other.to_owned();
                diags.push(
                    Diagnostic::error(
                        format!("unknown section `{name}` in a fact base"),
                        Some(key.span()),
                    )
                    .suggest(&name, ["seed", "fact", "observed", "group", "calendar"]),
                );
            }
        }
    }
    seed
}

fn table<T: DeserializeOwned>(
    value: Value<'_>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Table(t) => deserialize(Spanned::new(span, t), diags),
        other => {
            diags.push(Diagnostic::error(
                format!(
                    "{what} must be a table, found {}",
                    super::tree::kind_name(&other)
                ),
                Some(span),
            ));
            None
        }
    }
}

fn items<T: DeserializeOwned>(
    value: Value<'_>,
    section: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let span = value.span();
    let DeValue::Array(array) = value.into_inner() else {
        diags.push(
            Diagnostic::error(
                format!("`{section}` must be an array of tables"),
                Some(span),
            )
            .with_hint(format!(
                "write each item under its own [[{section}]] header"
            )),
        );
        return Vec::new();
    };
    if array.len() > MAX_ITEMS_PER_SECTION {
        diags.push(Diagnostic::error(
            format!(
                "too many [[{section}]] items: {} (the limit is {MAX_ITEMS_PER_SECTION})",
                array.len()
            ),
            Some(span),
        ));
        return Vec::new();
    }
    let mut out = Vec::with_capacity(array.len());
    for item in array.iter() {
        let item_span = item.span();
        match item.get_ref() {
            DeValue::Table(t) => {
                if let Some(typed) = deserialize(Spanned::new(item_span, t.clone()), diags) {
                    out.push(typed);
                }
            }
            other => diags.push(Diagnostic::error(
                format!(
                    "each [[{section}]] item must be a table, found {}",
                    super::tree::kind_name(other)
                ),
                Some(item_span),
            )),
        }
    }
    out
}

fn deserialize<T: DeserializeOwned>(
    table: Spanned<Table<'_>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let whole = table.span();
    match T::deserialize(Deserializer::from(table)) {
        Ok(v) => Some(v),
        Err(err) => {
            let span = err.span().unwrap_or(whole.clone());
            diags.push(reword(err.message(), span, &whole));
            None
        }
    }
}

/// Our wording for serde's messages.
fn reword(
    message: &str,
    span: std::ops::Range<usize>,
    whole: &std::ops::Range<usize>,
) -> Diagnostic {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let mut d = Diagnostic::error(format!("unknown key `{field}`"), Some(span))
            .suggest(field, known.iter().copied());
        if d.hints.is_empty() && !known.is_empty() {
            d = d.with_hint(format!("known keys here: {}", known.join(", ")));
        }
        return d;
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        // toml points a missing key at the whole table; its first line is the header.
        return Diagnostic::error(
            format!("missing key `{field}`"),
            Some(whole.start..whole.start.max(span.start)),
        )
        .with_label(format!("this item needs `{field}`"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (variant, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return Diagnostic::error(format!("unknown value `{variant}`"), Some(span))
            .suggest(variant, known.iter().copied())
            .with_hint(format!("expected one of: {}", known.join(", ")));
    }
    // serde speaks Rust; an analyst reads TOML.
    let mut message = message.replace("invalid type: ", "wrong type: found ");
    for (rust, toml) in [
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a sequence", "expected an array [...]"),
        ("expected a boolean", "expected true or false"),
        (" as i128", ""),
    ] {
        message = message.replace(rust, toml);
    }
    if message.contains("expected a TOML datetime") && message.contains("string") {
        return Diagnostic::error(message, Some(span))
            .with_hint("write dates without quotes: at = 2025-03-26");
    }
    Diagnostic::error(message, Some(span))
}
