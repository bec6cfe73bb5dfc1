//! Tests of parsing and evaluation against a small mock scenario; the error tables are in
//! `tests_errors.rs`.

use std::cell::Cell;

use super::parse::{self, Kind, NodeId, UnOp};
use super::*;

/// Accessors of the mock scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Acc {
    Trust(u8),
    Rhetoric,
    Visa,
    Candidacy,
    Outcome,
    Holder,
    Peace,
    Today,
    /// Counts its reads, to show what short-circuiting skips.
    Boom,
}

/// trust(armenia|azerbaijan), rhetoric(), status(georgia.visa_free) (active, suspended),
/// status(georgia.candidacy) (none, granted), outcome(epf-armenia-2024) (pending, adopted,
/// failed), holder(hrvp) (borrell, kallas), flag(peace), date(), boom().
pub(super) struct Mock;

fn ok(accessor: Acc, ty: Type) -> Result<Resolved<Acc>, ResolveError> {
    Ok(Resolved { accessor, ty })
}

fn no(message: &str, arg: Option<usize>) -> Result<Resolved<Acc>, ResolveError> {
    Err(ResolveError {
        message: message.into(),
        hint: None,
        arg,
    })
}

impl Resolver<Acc> for Mock {
    fn call(&self, name: &str, args: &[&str]) -> Result<Resolved<Acc>, ResolveError> {
        let enumerated = |d| Type::Enum(EnumDomain(d));
        match (name, args) {
            ("trust", ["armenia"]) => ok(Acc::Trust(0), Type::Number),
            ("trust", ["azerbaijan"]) => ok(Acc::Trust(1), Type::Number),
            ("trust", [_]) => no("unknown actor", Some(0)),
            ("rhetoric", []) => ok(Acc::Rhetoric, Type::Number),
            ("status", ["georgia.visa_free"]) => ok(Acc::Visa, enumerated(0)),
            ("status", ["georgia.candidacy"]) => ok(Acc::Candidacy, enumerated(3)),
            ("status", [_]) => no("unknown status", Some(0)),
            ("outcome", ["epf-armenia-2024"]) => ok(Acc::Outcome, enumerated(1)),
            ("outcome", [_]) => no("unknown proposal", Some(0)),
            ("holder", ["hrvp"]) => ok(Acc::Holder, enumerated(2)),
            ("flag", ["peace"]) => ok(Acc::Peace, Type::Bool),
            ("flag", [_]) => no("unknown flag", Some(0)),
            ("date", []) => ok(Acc::Today, Type::Date),
            ("date", [..]) => no("`date()` takes no argument", Some(0)),
            ("boom", []) => ok(Acc::Boom, Type::Bool),
            ("trust" | "status" | "outcome" | "holder" | "flag", _) => {
                no("takes one argument", None)
            }
            _ => Err(ResolveError {
                message: format!("unknown function `{name}`"),
                hint: Some("did you mean `trust`?".into()),
                arg: None,
            }),
        }
    }

    fn variant(&self, domain: EnumDomain, text: &str) -> Result<u32, ResolveError> {
        let names: &[&str] = match domain.0 {
            0 => &["active", "suspended"],
            1 => &["pending", "adopted", "failed"],
            2 => &["borrell", "kallas"],
            _ => &["none", "granted"],
        };
        match names.iter().position(|n| *n == text) {
            Some(i) => Ok(i as u32),
            None => Err(ResolveError {
                message: format!("`{text}` is not a possible value here"),
                hint: Some(format!("one of: {}", names.join(", "))),
                arg: None,
            }),
        }
    }
}

/// trust 55 / 40, rhetoric 12.5, visa suspended, candidacy granted, outcome adopted, holder
/// kallas, no peace, 2025-06-01; boom() is true and counts its reads.
#[derive(Default)]
pub(super) struct World {
    pub booms: Cell<u32>,
}

pub(super) fn day(y: i32, m: u32, d: u32) -> f64 {
    f64::from(crate::calendar::day_number(
        crate::calendar::date(y, m, d).unwrap(),
    ))
}

impl Env<Acc> for World {
    fn read(&self, a: Acc) -> f64 {
        match a {
            Acc::Trust(0) => 55.0,
            Acc::Trust(_) => 40.0,
            Acc::Rhetoric => 12.5,
            Acc::Visa | Acc::Candidacy | Acc::Outcome | Acc::Holder => 1.0,
            Acc::Peace => 0.0,
            Acc::Today => day(2025, 6, 1),
            Acc::Boom => {
                self.booms.set(self.booms.get() + 1);
                1.0
            }
        }
    }
}

pub(super) fn eval(text: &str, ty: Type) -> f64 {
    compile(text, &Mock, ty)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .eval(&World::default())
}

/// The tree, fully parenthesized, leaves as written.
fn tree(text: &str) -> String {
    fn show(text: &str, ast: &parse::Ast, n: NodeId) -> String {
        let node = &ast.nodes[n];
        match &node.kind {
            Kind::Unary(op, x) => {
                let op = if *op == UnOp::Not { "!" } else { "-" };
                format!("{op}{}", show(text, ast, *x))
            }
            Kind::Binary(op, l, r) => format!(
                "({} {} {})",
                show(text, ast, *l),
                op.symbol(),
                show(text, ast, *r)
            ),
            Kind::Call { call, .. } => text[call.clone()].to_owned(),
            _ => text[node.range.clone()].trim_matches(['(', ')']).to_owned(),
        }
    }
    let ast = parse::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    show(text, &ast, ast.root)
}

#[test]
fn precedence() {
    for (text, want) in [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("1 - 2 - 3", "((1 - 2) - 3)"),
        ("8 / 4 / 2", "((8 / 4) / 2)"),
        ("-a() * b()", "(-a() * b())"),
        ("!f() && g() || h()", "((!f() && g()) || h())"),
        ("f() || g() && h()", "(f() || (g() && h()))"),
        ("a() == b() < c()", "(a() == (b() < c()))"),
        ("a() < b() == c() < d()", "((a() < b()) == (c() < d()))"),
        ("a() + 1 >= b() * 2", "((a() + 1) >= (b() * 2))"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("--1", "--1"),
        ("f(x)-1", "(f(x) - 1)"),
        ("gas-supply(a-b, c.d)-1", "(gas-supply(a-b, c.d) - 1)"),
        ("2025-06-01 <= date()", "(2025-06-01 <= date())"),
        ("2025 - 06 - 01", "((2025 - 06) - 01)"),
    ] {
        assert_eq!(tree(text), want, "{text}");
    }
}

#[test]
fn numbers() {
    for (text, want) in [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("-trust(azerbaijan) + 1_000", 960.0),
        ("10 / 4", 2.5),
        ("0.5 * trust(armenia)", 27.5),
        ("--3", 3.0),
        ("trust(armenia)-5", 50.0),
        ("rhetoric() * 2", 25.0),
        ("1 / (trust(armenia) - 55)", f64::INFINITY),
        ("-1 / (trust(armenia) - 55)", f64::NEG_INFINITY),
    ] {
        assert_eq!(eval(text, Type::Number), want, "{text}");
    }
    assert!(eval("0 / (trust(armenia) - 55)", Type::Number).is_nan());
}

#[test]
fn truths() {
    for (text, want) in [
        ("trust(armenia) >= 55", true),
        ("trust(armenia) > 55", false),
        ("55 <= trust(armenia)", true),
        ("50 < trust(armenia)", true),
        ("60 <= trust(armenia)", false),
        ("2025-01-01 < date()", true),
        ("2026-01-01 <= date()", false),
        ("trust(armenia) - 10 > trust(azerbaijan) * 1.5", false),
        ("trust(armenia) > trust(azerbaijan)", true),
        ("trust(armenia) > -3", true),
        ("status(georgia.visa_free) == \"suspended\"", true),
        ("\"active\" != status(georgia.visa_free)", true),
        (
            "status(georgia.visa_free) == status(georgia.visa_free)",
            true,
        ),
        ("outcome(epf-armenia-2024) == \"adopted\"", true),
        ("outcome( epf-armenia-2024 ) != \"adopted\"", false),
        ("holder(hrvp) != \"borrell\"", true),
        ("!flag(peace) && trust(armenia) > 50", true),
        ("flag(peace) || trust(armenia) > 60", false),
        ("!flag(peace) || date() >= 2025-06-01", true),
        ("date() >= 2025-06-01 && date() < 2025-06-02", true),
        ("date() > 2024-02-29", true),
        ("date() == 2025-06-01", true),
        ("true == !false", true),
        ("flag(peace) == false", true),
        ("!(trust(armenia) > 50 && trust(azerbaijan) > 50)", true),
        (
            "(flag(peace) || trust(armenia) > 0) && !(flag(peace) && true)",
            true,
        ),
        // A divisor that is zero only at run time (a constant zero is refused by the checker)
        // divides as IEEE 754 says.
        ("1 / (trust(armenia) - 55) > 5", true),
        // NaN is unequal to everything, itself included, and never ordered.
        (
            "0 / (trust(armenia) - 55) == 0 / (trust(armenia) - 55)",
            false,
        ),
        (
            "0 / (trust(armenia) - 55) != 0 / (trust(armenia) - 55)",
            true,
        ),
        ("trust(armenia) / (trust(armenia) - 55) * 0 < 1", false),
        ("trust(armenia) / (trust(armenia) - 55) * 0 >= 1", false),
        ("true", true),
        ("!true || false", false),
    ] {
        assert_eq!(eval(text, Type::Bool), f64::from(u8::from(want)), "{text}");
    }
}

#[test]
fn short_circuits() {
    for (text, want, booms) in [
        ("flag(peace) && boom()", 0.0, 0),
        ("!flag(peace) && boom()", 1.0, 1),
        ("trust(armenia) > 0 || boom()", 1.0, 0),
        ("trust(armenia) < 0 || boom()", 1.0, 1),
        ("(flag(peace) && boom()) || (boom() && !boom())", 0.0, 2),
        ("flag(peace) && boom() && boom() || boom()", 1.0, 1),
        // A comparison fused after a jump's target must still run.
        ("(flag(peace) && boom()) == false", 1.0, 0),
        ("(!flag(peace) && boom()) != true", 0.0, 1),
        ("(flag(peace) || boom()) == true", 1.0, 1),
    ] {
        let world = World::default();
        let c = compile(text, &Mock, Type::Bool).unwrap();
        assert_eq!(c.eval(&world), want, "{text}");
        assert_eq!(world.booms.get(), booms, "{text}");
    }
}

#[test]
fn reads_are_in_text_order_with_call_ranges() {
    let text = "trust(armenia) > 1 && (trust(azerbaijan) < 2 || trust(armenia) == 3)";
    let c = compile(text, &Mock, Type::Bool).unwrap();
    let reads: Vec<_> = c.reads().map(|(a, r)| (a, &text[r])).collect();
    assert_eq!(
        reads,
        [
            (Acc::Trust(0), "trust(armenia)"),
            (Acc::Trust(1), "trust(azerbaijan)"),
            (Acc::Trust(0), "trust(armenia)"),
        ]
    );
    assert_eq!(c.text(), text);
    assert_eq!(c.ty(), Type::Bool);
}

#[test]
fn other_expected_types() {
    let c = compile("date()", &Mock, Type::Date).unwrap();
    assert_eq!(c.eval(&World::default()), day(2025, 6, 1));
    let c = compile("holder(hrvp)", &Mock, Type::Enum(EnumDomain(2))).unwrap();
    assert_eq!(c.eval(&World::default()), 1.0);
}
