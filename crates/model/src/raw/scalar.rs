//! Values that TOML lets an author write in two shapes: one number for every actor or a table
//! by actor, a number or a state name.
//!
//! `#[serde(untagged)]` would do this in one line but loses the spans inside the value, so
//! each type has a small visitor that keeps the spans of the table's keys and values.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

/// A number for every actor, or a table of numbers by actor id.
#[derive(Debug, Clone)]
pub enum NumOrMap {
    All(f64),
    ByActor(Vec<(Spanned<String>, Spanned<f64>)>),
}

/// A string for every actor, or a table of strings by actor id.
#[derive(Debug, Clone)]
pub enum StrOrMap {
    All(String),
    ByActor(Vec<(Spanned<String>, Spanned<String>)>),
}

/// A number or a string (an effect's `to`: a value for an indicator, a state for a status).
#[derive(Debug, Clone, PartialEq)]
pub enum NumOrStr {
    Num(f64),
    Str(String),
}

struct NumOrMapVisitor;

impl<'de> Visitor<'de> for NumOrMapVisitor {
    type Value = NumOrMap;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, or a table of numbers by actor id")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumOrMap, E> {
        Ok(NumOrMap::All(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumOrMap, E> {
        Ok(NumOrMap::All(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumOrMap, E> {
        Ok(NumOrMap::All(v))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NumOrMap, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value::<Spanned<f64>>()?));
        }
        Ok(NumOrMap::ByActor(entries))
    }
}

impl<'de> Deserialize<'de> for NumOrMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumOrMapVisitor)
    }
}

struct StrOrMapVisitor;

impl<'de> Visitor<'de> for StrOrMapVisitor {
    type Value = StrOrMap;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a state name, or a table of state names by actor id")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<StrOrMap, E> {
        Ok(StrOrMap::All(v.to_owned()))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrOrMap, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value::<Spanned<String>>()?));
        }
        Ok(StrOrMap::ByActor(entries))
    }
}

impl<'de> Deserialize<'de> for StrOrMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrOrMapVisitor)
    }
}

struct NumOrStrVisitor;

impl<'de> Visitor<'de> for NumOrStrVisitor {
    type Value = NumOrStr;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number or a state name")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumOrStr, E> {
        Ok(NumOrStr::Num(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumOrStr, E> {
        Ok(NumOrStr::Num(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumOrStr, E> {
        Ok(NumOrStr::Num(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<NumOrStr, E> {
        Ok(NumOrStr::Str(v.to_owned()))
    }
}

impl<'de> Deserialize<'de> for NumOrStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumOrStrVisitor)
    }
}

/// The schema of "one value or a table of them", written out because the types deserialize by
/// hand.
fn one_or_table(
    generator: &mut schemars::SchemaGenerator,
    one: schemars::Schema,
) -> schemars::Schema {
    let _ = generator;
    schemars::json_schema!({
        "anyOf": [one, { "type": "object", "additionalProperties": one }]
    })
}

impl JsonSchema for NumOrMap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NumberOrTable".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        one_or_table(generator, schemars::json_schema!({ "type": "number" }))
    }
}

impl JsonSchema for StrOrMap {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StringOrTable".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        one_or_table(generator, schemars::json_schema!({ "type": "string" }))
    }
}

impl JsonSchema for NumOrStr {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NumberOrString".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["number", "string"] })
    }
}

/// A body that must approve an act, as a stage of its adoption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    /// The Council, under the item's `procedure`.
    Council,
    /// The European Parliament by a majority of the votes cast (Art. 231 TFEU).
    Parliament,
    /// The European Parliament by a majority of its component members (e.g. Art. 49 TEU).
    ParliamentMembers,
    /// The European Council by consensus (Art. 15(4) TEU).
    EuropeanCouncil,
    /// Every participating member state, in accordance with its constitutional requirements.
    Ratification,
}

/// One stage: a body's name, or `{ body = "...", after_days = N }`.
#[derive(Debug, Clone)]
pub struct StageSpec {
    pub body: Spanned<Body>,
    /// Days after the previous stage (default 0: the same day).
    pub after_days: Option<Spanned<i64>>,
}

struct StageVisitor;

impl<'de> Visitor<'de> for StageVisitor {
    type Value = StageSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a body name, or a table { body = \"...\", after_days = N }")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StageSpec, A::Error> {
        let mut body = None;
        let mut after_days = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "body" => body = Some(map.next_value::<Spanned<Body>>()?),
                "after_days" => after_days = Some(map.next_value::<Spanned<i64>>()?),
                other => {
                    return Err(de::Error::unknown_field(other, &["body", "after_days"]));
                }
            }
        }
        let body = body.ok_or_else(|| de::Error::missing_field("body"))?;
        Ok(StageSpec { body, after_days })
    }
}

impl<'de> Deserialize<'de> for StageSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A bare name comes as a string; the visitor above reads only tables, so a string is
        // read here, with the span of the whole value.
        d.deserialize_any(StageOrName)
    }
}

struct StageOrName;

impl<'de> Visitor<'de> for StageOrName {
    type Value = StageSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        StageVisitor.expecting(f)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<StageSpec, E> {
        let body = Body::deserialize(de::value::StrDeserializer::<E>::new(v))?;
        Ok(StageSpec {
            body: Spanned::new(0..0, body),
            after_days: None,
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StageSpec, A::Error> {
        StageVisitor.visit_map(map)
    }
}

impl JsonSchema for StageSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Stage".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let body = generator.subschema_for::<Body>();
        schemars::json_schema!({
            "oneOf": [
                body,
                {
                    "type": "object",
                    "properties": {
                        "body": body,
                        "after_days": { "type": "integer", "minimum": 0, "maximum": 3650 }
                    },
                    "required": ["body"],
                    "additionalProperties": false
                }
            ]
        })
    }
}
