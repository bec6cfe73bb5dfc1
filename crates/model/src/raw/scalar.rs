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
