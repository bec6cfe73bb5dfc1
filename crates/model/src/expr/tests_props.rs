//! Property tests: no input makes `compile` panic, and compiled arithmetic and logic
//! (folded, fused, short-circuited or run on the stack) give exactly what Rust gives.

use proptest::prelude::*;

use super::tests::{Mock, World, eval};
use super::*;

/// Arithmetic over reads and constants, with the value it must have in `World`.
fn arithmetic() -> impl Strategy<Value = (String, f64)> {
    let leaf = prop_oneof![
        (0u32..1000).prop_map(|n| (n.to_string(), f64::from(n))),
        Just(("trust(armenia)".to_owned(), 55.0)),
        Just(("rhetoric()".to_owned(), 12.5)),
    ];
    leaf.prop_recursive(6, 40, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|(t, v)| (format!("-({t})"), -v)),
            (inner.clone(), 0..4usize, inner).prop_map(|((a, x), op, (b, y))| {
                let (symbol, v) = [("+", x + y), ("-", x - y), ("*", x * y), ("/", x / y)][op];
                (format!("({a}) {symbol} ({b})"), v)
            }),
        ]
    })
}

/// Logic over reads and constants, with the truth it must have in `World`.
fn logic() -> impl Strategy<Value = (String, bool)> {
    let leaf = proptest::sample::select(vec![
        ("flag(peace)", false),
        ("boom()", true),
        ("true", true),
        ("false", false),
        ("trust(armenia) > 50", true),
        ("trust(azerbaijan) >= 50", false),
        ("status(georgia.visa_free) == \"active\"", false),
    ])
    .prop_map(|(t, v)| (t.to_owned(), v));
    leaf.prop_recursive(6, 48, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|(t, v)| (format!("!({t})"), !v)),
            (inner.clone(), 0..4usize, inner).prop_map(|((a, x), op, (b, y))| {
                let (symbol, v) = [
                    ("&&", x && y),
                    ("||", x || y),
                    ("==", x == y),
                    ("!=", x != y),
                ][op];
                (format!("({a}) {symbol} ({b})"), v)
            }),
        ]
    })
}

/// Real tokens in random order, so that random input reaches the checker and the code
/// generator, not only the lexer.
fn token_soup() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "trust(armenia)",
        "rhetoric()",
        "flag(peace)",
        "date()",
        "boom()",
        "holder(hrvp)",
        "status(georgia.visa_free)",
        "\"active\"",
        "\"kallas\"",
        "2025-06-01",
        "0",
        "1",
        "2.5",
        "true",
        "false",
        "word",
        "(",
        ")",
        "!",
        "-",
        "+",
        "*",
        "/",
        "&&",
        "||",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
    ];
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)
        .prop_map(|parts| parts.join(" "))
}

proptest! {
    #[test]
    fn never_panics_on_text(text in "\\PC{0,120}") {
        let _ = compile(&text, &Mock, Type::Bool);
    }

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = compile(&String::from_utf8_lossy(&bytes), &Mock, Type::Bool);
    }

    #[test]
    fn never_panics_on_near_misses(text in "[a-z()!&|<>=\"0-9 .,_-]{0,80}") {
        for ty in [Type::Bool, Type::Number] {
            if let Ok(c) = compile(&text, &Mock, ty) {
                let _ = c.eval(&World::default());
            }
        }
    }

    #[test]
    fn never_panics_on_token_soup(text in token_soup()) {
        for ty in [Type::Bool, Type::Number, Type::Date] {
            if let Ok(c) = compile(&text, &Mock, ty) {
                let _ = c.eval(&World::default());
                prop_assert!(c.reads().all(|(_, r)| text.get(r).is_some()));
            }
        }
    }

    #[test]
    fn arithmetic_matches_f64((text, want) in arithmetic()) {
        // Constants that can only divide by zero or overflow are refused by the checker; any
        // other refusal is a bug.
        if let Err(errors) = compile(&text, &Mock, Type::Number) {
            for e in &errors {
                prop_assert!(
                    e.message.starts_with("division by zero") || e.message.contains("is not a finite number"),
                    "{text}: {errors:?}"
                );
            }
            return Ok(());
        }
        let got = eval(&text, Type::Number);
        prop_assert!(got == want || (got.is_nan() && want.is_nan()), "{text}: {got} != {want}");
        let held = compile(&format!("{text} < 0 || ({text}) >= 0"), &Mock, Type::Bool).unwrap();
        prop_assert_eq!(held.eval_bool(&World::default()), !want.is_nan());
    }

    #[test]
    fn logic_matches_bool((text, want) in logic()) {
        let c = compile(&text, &Mock, Type::Bool).unwrap();
        prop_assert_eq!(c.eval(&World::default()), f64::from(u8::from(want)), "{}", text);
    }
}
