//! The JSON Schema editors use (`schema/scenario.schema.json`) against the project's own files:
//! every shipped scenario, base or variant, must pass it (an editor must not paint them red),
//! and every bad-input fixture whose fault a schema can see must fail it.
//!
//! Editors validate the TOML document as JSON, so the files are converted the way Taplo does:
//! dates become strings. JSON has no `nan` or `inf`, so those become strings too, which the
//! schema refuses where it expects a number (the loader refuses them as well).

use std::path::{Path, PathBuf};

use statecraft_tests::toml_files;

/// Fixtures whose fault is about what the file contains, and which a schema catches.
const SCHEMA_ERRORS: &[&str] = &[
    "table-chance-out-of-range",      // a chance is in [0, 1]
    "effect-two-verbs",               // exactly one leading key per effect
    "infinite-number",                // `inf` is no JSON number
    "missing-key",                    // a required key of a base item
    "missing-population",             // a member state without its QMV weight
    "nan-number",                     // `nan` is no JSON number
    "negative-amount",                // `amount_eur` has minimum 0
    "override-in-base",               // `override = true` in a file without `extends`
    "probability-out-of-range",       // `chance` has maximum 1
    "time-in-date",                   // a date with a time of day
    "unknown-key",                    // additionalProperties: false
    "unknown-rule",                   // an enum value
    "unknown-section",                // additionalProperties: false at the top
    "wrong-type",                     // a string where a number goes
    "amount-too-large",               // `amount_eur` has the documented maximum
    "indicator-range-too-large",      // range items within ±1e12
    "indicator-values-outside-range", // range items within ±1e12
    "population-too-large",           // `population` has the documented maximum
    "ratio-too-large",                // `ratio` has the documented maximum
    "review-too-many-actions",        // at most 64 `[[review.action]]`s
    "scenario-id-empty",              // ids follow the id pattern
    "scenario-id-invalid",            // ids follow the id pattern
    "observed-missing-outcome",       // `outcome` is required in `[[observed]]`
    "group-misuse",                   // `seats` and `cohesion` have documented ranges
    "uncertain-unknown-prior",        // `prior` is an enum
];

/// Fixtures that are not TOML at all: editors report them before any schema applies.
const NOT_TOML: &[&str] = &["not-utf8", "syntax-error"];

/// Fixtures whose fault relates one value to another, to another file or to the condition
/// language: a JSON Schema cannot express these, so the schema accepts them (the test checks
/// that it does, so that a schema growing stricter moves them to `SCHEMA_ERRORS`).
const SEMANTIC_ERRORS: &[(&str, &str)] = &[
    (
        "calendar-dates-unsorted",
        "a list's order and uniqueness of dates are beyond the schema",
    ),
    (
        "retable-at-and-every",
        "two keys that exclude each other are a relation between values",
    ),
    (
        "formal-adoption-unknown-calendar",
        "a calendar id refers to another item",
    ),
    (
        "formal-adoption-both",
        "two keys that exclude each other are a relation between values",
    ),
    (
        "condition-syntax-error",
        "conditions are strings; their grammar is the loader's",
    ),
    (
        "condition-type-error",
        "conditions are type-checked against the scenario's items",
    ),
    ("counterpart-not-partner", "needs the kind of another item"),
    ("decided-by-unknown-actor", "needs the scenario's actors"),
    (
        "decided-by-with-vote-keys",
        "relates `decided_by` to the vote keys, also across instrument and proposal",
    ),
    (
        "stages-misuse",
        "relates stages to each other, to [[group]]s and to `procedure`",
    ),
    (
        "instrument-without-procedure",
        "`procedure` is required unless `decided_by` names an actor",
    ),
    ("date-outside", "needs the scenario's start and end"),
    ("duplicate-id", "uniqueness across items"),
    ("observed-duplicate-id", "uniqueness across items"),
    (
        "observed-date-outside",
        "needs the scenario's start and end",
    ),
    ("observed-unknown-id", "a reference to another item"),
    (
        "uncertain-path-misuse",
        "a path is a string naming another item's key",
    ),
    (
        "uncertain-range-misuse",
        "relates the range to the setting its path names, and items to each other",
    ),
    (
        "uncertain-prior-misuse",
        "relates `mode` to `prior` and to `range`",
    ),
    ("observed-without-source", "the fault is in a seed file"),
    (
        "calendar-seed-without-source",
        "the fault is in a seed file",
    ),
    (
        "calendar-seed-duplicate",
        "the calendar is defined again in a seed file the scenario names",
    ),
    ("empty-range", "min below max compares two values"),
    ("end-before-start", "compares two dates"),
    ("extends-cycle-a", "follows `extends` to other files"),
    ("extends-cycle-b", "follows `extends` to other files"),
    ("extends-missing-file", "needs the file system"),
    (
        "global-indicator-with-actor",
        "needs the indicator's definition",
    ),
    ("override-unknown-id", "needs the base file"),
    (
        "per-actor-without-actor",
        "needs the indicator's definition",
    ),
    ("remove-unknown-id", "needs the base file"),
    ("too-many-steps", "depends on start, end and step together"),
    (
        "times-misuse",
        "`times` is a string naming another item, read by the loader",
    ),
    ("unknown-actor", "a reference to another item"),
    ("unknown-member-by-name", "a reference to another item"),
    ("unknown-fact", "a reference into the seed files"),
    ("unknown-indicator", "a reference to another item"),
    ("unknown-proposal", "a reference to another item"),
    ("unknown-state", "a reference to another item's states"),
    ("unknown-status", "a reference to another item"),
    ("variant-duplicate-id", "needs the base file"),
    (
        "division-by-zero",
        "conditions are strings; their constants are folded by the loader",
    ),
    (
        "policy-without-actors",
        "a reference to a member that no actor defines",
    ),
    (
        "table-when-with-tabled",
        "two keys that exclude each other (the schema lists keys, not exclusions)",
    ),
    (
        "unknown-proposer",
        "a reference to an actor or office that no item defines",
    ),
    (
        "lift-when-without-persist",
        "one key's meaning depends on another's value",
    ),
    (
        "suspend-voting-not-member",
        "needs the kind of another item",
    ),
    (
        "default-vote-not-participating",
        "the vote is valid in a policy's `then`, not as everyone's default",
    ),
    (
        "year-out-of-calendar",
        "the calendar's last usable day is the loader's",
    ),
];

fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("../schema/scenario.schema.json")
        .expect("schema/scenario.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft7::new(&schema).expect("the schema is a valid draft-07 schema")
}

/// A TOML document as an editor hands it to a JSON Schema validator.
fn as_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f)
            .map(J::Number)
            .unwrap_or_else(|| J::String(f.to_string())),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(as_json).collect()),
        toml::Value::Table(table) => {
            J::Object(table.into_iter().map(|(k, v)| (k, as_json(v))).collect())
        }
    }
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| e.to_string())?;
    Ok(as_json(toml::Value::Table(table)))
}

/// The schema's complaints about a file, one line each (empty when it passes).
fn complaints(validator: &jsonschema::Validator, path: &Path) -> Vec<String> {
    let json = read_json(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    validator
        .iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn fixture_name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

fn bad_fixtures() -> Vec<PathBuf> {
    toml_files("fixtures/bad")
        .into_iter()
        .filter(|p| p.parent() == Some(Path::new("fixtures/bad")))
        .collect()
}

#[test]
fn every_shipped_scenario_passes_the_schema() {
    let validator = validator();
    let mut files = toml_files("../scenarios");
    assert!(files.len() >= 16, "only {} scenarios", files.len());
    let variants = files
        .iter()
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("extends ="))
        .count();
    assert!(
        variants >= 7,
        "only {variants} variants among the scenarios"
    );
    // The base the variant fixtures extend is a valid scenario too.
    files.push(PathBuf::from("fixtures/bad/extends/base.toml"));
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let c = complaints(&validator, f);
            (!c.is_empty()).then(|| format!("{}:\n  {}", f.display(), c.join("\n  ")))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_bad_fixture_is_classified() {
    let names: Vec<String> = bad_fixtures().iter().map(|p| fixture_name(p)).collect();
    assert!(names.len() >= 30, "only {} fixtures", names.len());
    for name in &names {
        let lists = [
            SCHEMA_ERRORS.contains(&name.as_str()),
            NOT_TOML.contains(&name.as_str()),
            SEMANTIC_ERRORS.iter().any(|(n, _)| n == name),
        ];
        assert_eq!(
            lists.iter().filter(|&&x| x).count(),
            1,
            "fixtures/bad/{name}.toml must be in exactly one list of tests/src/schema.rs"
        );
    }
    let listed = SCHEMA_ERRORS.len() + NOT_TOML.len() + SEMANTIC_ERRORS.len();
    assert_eq!(listed, names.len(), "a listed fixture no longer exists");
}

#[test]
fn fixtures_with_schema_level_errors_fail_the_schema() {
    let validator = validator();
    for name in SCHEMA_ERRORS {
        let path = PathBuf::from(format!("fixtures/bad/{name}.toml"));
        assert!(
            !complaints(&validator, &path).is_empty(),
            "{} passes the schema",
            path.display()
        );
    }
}

#[test]
fn fixtures_with_semantic_errors_pass_the_schema() {
    let validator = validator();
    for (name, why) in SEMANTIC_ERRORS {
        let path = PathBuf::from(format!("fixtures/bad/{name}.toml"));
        let c = complaints(&validator, &path);
        assert!(
            c.is_empty(),
            "{} is listed as beyond the schema ({why}) but fails it: move it to SCHEMA_ERRORS\n  {}",
            path.display(),
            c.join("\n  ")
        );
    }
}

#[test]
fn fixtures_that_are_not_toml_do_not_parse() {
    for name in NOT_TOML {
        let path = PathBuf::from(format!("fixtures/bad/{name}.toml"));
        assert!(read_json(&path).is_err(), "{} parses", path.display());
    }
}

/// Variant shapes the schema must accept and base shapes it must refuse, written inline so
/// each rule of the schema's variant handling is pinned by one small case.
#[test]
fn variant_items_may_be_partial_but_base_items_may_not() {
    let validator = validator();
    let check = |toml_text: &str| -> bool {
        let table: toml::Table = toml::from_str(toml_text).unwrap();
        validator.is_valid(&as_json(toml::Value::Table(table)))
    };
    let variant = "[scenario]\nid = \"v\"\nextends = \"base.toml\"\n";
    let base = "[scenario]\nid = \"b\"\nstart = 2024-01-01\nend = 2024-12-31\n";
    let partial_policy = "[[policy]]\nid = \"p\"\noverride = true\nactive = false\n";

    assert!(check(variant), "a variant needs no dates");
    assert!(check(&format!("{variant}{partial_policy}")));
    assert!(check(&format!("{variant}[remove]\npolicy = [\"p\"]\n")));
    assert!(!check(&format!("{variant}[remove]\npolicys = [\"p\"]\n")));
    // An override still checks the keys it writes.
    assert!(!check(&format!(
        "{variant}{partial_policy}rule = \"suport\"\n"
    )));
    assert!(!check(&format!("{variant}{partial_policy}colour = 1\n")));
    // An override names what it overrides, even in a section where `id` is optional.
    assert!(!check(&format!(
        "{variant}[[expect]]\noverride = true\nthat = \"true\"\n"
    )));
    // Without `override`, a variant's new item is complete.
    assert!(!check(&format!(
        "{variant}[[policy]]\nid = \"p\"\nactive = false\n"
    )));

    assert!(check(base));
    let actor = |body: &str| format!("{base}[[actor]]\nid = \"a\"\n{body}");
    assert!(check(&actor("kind = \"partner\"\npopulation = 0\n")));
    assert!(check(&actor("kind = \"member_state\"\npopulation = 5\n")));
    assert!(
        !check(&actor("kind = \"member_state\"\n")),
        "a member state's population"
    );
    assert!(!check(&actor("kind = \"member_state\"\npopulation = 0\n")));
    assert!(check(&format!(
        "{variant}[[actor]]\nid = \"a\"\noverride = true\nname = \"A\"\n"
    )));
    let event = |effect: &str| {
        format!("{base}[[event]]\nid = \"e\"\nat = 2024-02-01\neffects = [{effect}]\n")
    };
    assert!(check(&event("{ flag = \"f\" }")));
    assert!(
        !check(&event("{ set = false }")),
        "an effect without a verb"
    );
    assert!(
        !check(&event("{ flag = \"f\", review = \"r\" }")),
        "two verbs"
    );
    assert!(
        !check("[scenario]\nid = \"b\"\nstart = 2024-01-01\n"),
        "a base needs `end`"
    );
    assert!(
        !check(&format!("{base}{partial_policy}")),
        "override in a base"
    );
    assert!(
        !check(&format!("{base}[remove]\npolicy = [\"p\"]\n")),
        "[remove] in a base"
    );
}
