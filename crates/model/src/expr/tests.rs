//! Table-driven tests of the condition language against a small mock scenario.

use proptest::prelude::*;

use super::*;

/// Accessors of the mock: indicator values by index, a status, a flag.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Acc {
    Trust(u8),
    Visa,
    Peace,
    Today,
}

struct Mock;

impl Resolver<Acc> for Mock {
    fn call(&self, name: &str, args: &[&str]) -> Result<Resolved<Acc>, ResolveError> {
        let unknown = |what: &str, arg| ResolveError {
            message: format!("unknown {what}"),
            hint: None,
            arg,
        };
        match (name, args) {
            ("trust", ["armenia"]) => Ok(Resolved {
                accessor: Acc::Trust(0),
                ty: Type::Number,
            }),
            ("trust", ["azerbaijan"]) => Ok(Resolved {
                accessor: Acc::Trust(1),
                ty: Type::Number,
            }),
            ("trust", [_]) => Err(unknown("actor", Some(0))),
            ("status", ["georgia.visa_free"]) => Ok(Resolved {
                accessor: Acc::Visa,
                ty: Type::Enum(EnumDomain(0)),
            }),
            ("status", [_]) => Err(unknown("status", Some(0))),
            ("flag", ["peace"]) => Ok(Resolved {
                accessor: Acc::Peace,
                ty: Type::Bool,
            }),
            ("date", []) => Ok(Resolved {
                accessor: Acc::Today,
                ty: Type::Date,
            }),
            _ => Err(unknown("function", None)),
        }
    }
    fn variant(&self, _: EnumDomain, text: &str) -> Result<u32, ResolveError> {
        match text {
            "active" => Ok(0),
            "suspended" => Ok(1),
            _ => Err(ResolveError {
                message: format!("`{text}` is not a state"),
                hint: Some("did you mean `active`?".into()),
                arg: None,
            }),
        }
    }
}

/// trust(armenia) = 55, trust(azerbaijan) = 40, visa suspended, peace false, 2025-06-01.
struct World;

impl Env<Acc> for World {
    fn read(&self, a: Acc) -> f64 {
        match a {
            Acc::Trust(0) => 55.0,
            Acc::Trust(_) => 40.0,
            Acc::Visa => 1.0,
            Acc::Peace => 0.0,
            Acc::Today => f64::from(crate::calendar::day_number(
                crate::calendar::date(2025, 6, 1).unwrap(),
            )),
        }
    }
}

fn value(text: &str) -> f64 {
    let ty = if text.contains(['<', '>', '=', '&', '|', '!'])
        || text.contains("true")
        || text.contains("false")
        || text.starts_with("flag")
    {
        Type::Bool
    } else {
        Type::Number
    };
    compile(text, &Mock, ty)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .eval(&World)
}

fn error(text: &str) -> ExprError {
    compile(text, &Mock, Type::Bool).expect_err(text).remove(0)
}

#[test]
fn evaluates() {
    for (text, want) in [
        ("trust(armenia) >= 50", 1.0),
        ("trust(armenia) - 10 > trust(azerbaijan) * 1.5", 0.0),
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("-trust(azerbaijan) + 1_000", 960.0),
        ("10 / 4", 2.5),
        ("status(georgia.visa_free) == \"suspended\"", 1.0),
        ("\"active\" != status(georgia.visa_free)", 1.0),
        ("!flag(peace) && trust(armenia) > 50", 1.0),
        ("flag(peace) || trust(armenia) > 60", 0.0),
        ("date() >= 2025-06-01 && date() < 2025-06-02", 1.0),
        ("true == !false", 1.0),
        ("1 / 0 > 5", 1.0),
        ("0 / 0 == 0 / 0", 0.0),
    ] {
        assert_eq!(value(text), want, "{text}");
    }
}

#[test]
fn short_circuits_leave_the_right_value() {
    // && with a false left must not evaluate to the right side's value.
    assert_eq!(value("flag(peace) && trust(armenia) > 0"), 0.0);
    assert_eq!(value("trust(armenia) > 0 || flag(peace)"), 1.0);
    assert_eq!(
        value("(flag(peace) || trust(armenia) > 0) && !(flag(peace) && true)"),
        1.0
    );
}

#[test]
fn precedence_and_reads() {
    let c = compile(
        "trust(armenia) > 1 && trust(azerbaijan) < 2",
        &Mock,
        Type::Bool,
    )
    .unwrap();
    let reads: Vec<_> = c.reads().collect();
    assert_eq!(reads, vec![(Acc::Trust(0), 0..14), (Acc::Trust(1), 22..39)]);
    assert_eq!(c.text(), "trust(armenia) > 1 && trust(azerbaijan) < 2");
}

#[test]
fn reports_errors_at_their_place() {
    for (text, at, message) in [
        (
            "trust(armenia) && flag(peace)",
            0..14,
            "`&&` needs true/false on both sides",
        ),
        ("trust(armenai) > 1", 6..13, "unknown actor"),
        ("trsut(armenia) > 1", 0..5, "unknown function"),
        (
            "status(georgia.visa_free) == \"suspend\"",
            29..38,
            "`suspend` is not a state",
        ),
        (
            "trust(armenia) == \"high\"",
            18..24,
            "cannot compare a number with a string",
        ),
        (
            "trust(armenia) >= ",
            18..18,
            "ends where a value is expected",
        ),
        ("1 < 2 < 3", 6..7, "comparisons cannot be chained"),
        ("trust(armenia) = 5", 15..16, "unexpected `=`"),
        ("trust > 5", 0..5, "alone is not a value"),
        ("2025-02-30 < date()", 0..10, "not a real day"),
        ("\"active\"", 0..8, "not compared with anything"),
        ("(trust(armenia) > 1", 0..1, "unclosed `(`"),
        (
            "trust(armenia) > 1 flag(peace)",
            19..30,
            "unexpected text after",
        ),
        (
            "trust(armenia) + 1",
            0..18,
            "expected true/false, but this is a number",
        ),
        ("date() > 5", 0..10, "needs two numbers or two dates"),
        ("", 0..0, "empty"),
    ] {
        let e = error(text);
        assert!(e.message.contains(message), "{text}: {}", e.message);
        assert_eq!(e.range, at, "{text}: {}", e.message);
    }
}

#[test]
fn every_unknown_name_is_reported() {
    let errors = compile("trust(x) > 1 && trust(y) > 2", &Mock, Type::Bool).unwrap_err();
    assert_eq!(errors.len(), 2);
}

#[test]
fn limits_are_errors_not_crashes() {
    let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert!(error(&deep).message.contains("nested more than"));
    let long = format!("1 {}> 0", "+ 1 ".repeat(1100));
    assert!(error(&long).message.contains("longer than"));
    let many = format!("1 {}> 0", "+ 1 ".repeat(300));
    assert!(error(&many).message.contains("too long"));
    let nots = format!("{}true", "!".repeat(100));
    assert!(error(&nots).message.contains("nested more than"));
}

proptest! {
    #[test]
    fn never_panics(text in "\\PC{0,80}") {
        let _ = compile(&text, &Mock, Type::Bool);
    }

    #[test]
    fn never_panics_on_near_miss_syntax(text in "[a-z()!&|<>=\"0-9 .,_-]{0,60}") {
        if let Ok(c) = compile(&text, &Mock, Type::Bool) {
            let _ = c.eval(&World);
        }
    }
}
