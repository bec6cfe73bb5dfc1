//! The fact-base format (`seeds/*.toml`): dated, sourced facts that scenario items cite with
//! `source = "fact-id"`, and the observed outcomes (`[[observed]]`) those facts document.
//! A seed may also hold Parliament's `[[group]]`s and `[[calendar]]`s of meeting dates (the
//! scenario's own types, `raw::Group` and `raw::Calendar`).

use schemars::JsonSchema;
use serde::Deserialize;
use toml::value::Datetime;

use super::S;

/// Whether a fact is a documented event, an author's opinion, or our own modelling choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Something that happened, from a document.
    Fact,
    /// An author's assessment; a scenario may adopt it as a parameter, never as a truth.
    Judgement,
    /// A modelling assumption of ours (a probability, a weight), with its reasoning.
    Parameter,
}

/// `[seed]`: what the fact base is.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeedHeader {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

/// `[[fact]]`: one dated, sourced statement in our own words.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    #[schemars(with = "String")]
    pub id: S<String>,
    #[schemars(with = "Option<String>")]
    pub date: Option<S<Datetime>>,
    /// `day`, `month` or `year`: how precisely the date is known.
    pub precision: Option<String>,
    #[schemars(with = "Option<FactKind>")]
    pub kind: Option<S<FactKind>>,
    pub summary: String,
    /// Where it comes from: `article` for the seed article, or a public document.
    pub document: String,
    /// For the article: the paragraph, `p1` to `p13`.
    pub paragraph: Option<String>,
    pub url: Option<String>,
}
