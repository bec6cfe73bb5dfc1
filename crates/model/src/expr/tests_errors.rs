//! Error tests: every error a condition can get, where it points, and the limits.

use super::tests::{Mock, World};
use super::*;

/// All errors of `text`, compiled as a true/false condition.
fn errors(text: &str) -> Vec<ExprError> {
    match compile(text, &Mock, Type::Bool) {
        Ok(_) => panic!("`{text}` compiled"),
        Err(errors) => errors,
    }
}

/// One-line cases: the text, the text its first error points at, a piece of the message,
/// and a piece of the hint ("" for any).
fn expect(cases: &[(&str, &str, &str, &str)]) {
    for &(text, at, message, hint) in cases {
        let e = errors(text).remove(0);
        let shown = text.get(e.range.clone()).unwrap_or("<not a char boundary>");
        assert_eq!(shown, at, "{text}: {e:?}");
        assert!(e.message.contains(message), "{text}: {}", e.message);
        let got = e.hint.as_deref().unwrap_or("");
        assert!(got.contains(hint), "{text}: hint {got:?}");
    }
}

#[test]
#[rustfmt::skip]
fn lexical_errors() {
    expect(&[
        ("trust(armenia) = 5", "=", "unexpected `=`", "`==`"),
        ("trust(armenia) => 5", "=", "unexpected `=`", "`>=`"),
        ("flag(peace) & true", "&", "unexpected `&`", "`&&`"),
        ("flag(peace) | true", "|", "unexpected `|`", "`||`"),
        ("holder(hrvp) == 'kallas'", "'", "unexpected `'`", "double quotes"),
        ("trust(armenia) ≥ 5", "≥", "unexpected `≥`", "`>=`"),
        ("trust(armenia) > .5", ".", "unexpected `.`", "`0.5`"),
        ("trust(armenia) > 1.2.3", "1.2.3", "not a number", "`0.5`"),
        ("trust(armenia) > 5km", "5km", "not a number", ""),
        ("trust(armenia) > 1e5", "1e5", "not a number", ""),
        ("trust(armenia) > 1.", "1.", "not a number", ""),
        ("2025-02-30 < date()", "2025-02-30", "not a real day", ""),
        ("2025-13-01 < date()", "2025-13-01", "not a real day", ""),
        ("2025-06-01T10 < date()", "2025-06-01T10", "not a date", "YYYY-MM-DD"),
        ("holder(hrvp) == \"kallas", "\"kallas", "not closed", "double quote"),
        ("holder(hrvp) == \"ka\\llas\"", "\\", "unknown escape", ""),
        ("trust(armenia > 5", ">", "expected `,` or `)`", "close the call"),
        ("trust(arm enia) > 5", "e", "expected `,` or `)`", "separate"),
        ("flag(\"peace\")", "\"", "expected `,` or `)`", "no quotes"),
        ("trust(armenia", "trust(armenia", "is not closed", "`)`"),
        ("trust(,) > 1", ",", "empty argument", ""),
        ("trust(armenia,) > 1", ")", "empty argument", ""),
        ("trust(armenia) > 1, 2", ",", "unexpected `,`", "arguments"),
    ]);
}

#[test]
#[rustfmt::skip]
fn syntax_errors() {
    expect(&[
        ("trust(armenia) >= ", "", "ends where a value is expected", ""),
        ("1 < 2 < 3", "<", "cannot be chained", "&&"),
        ("1 < 2 >= 3", ">=", "cannot be chained", ""),
        ("flag(peace) == true != false", "!=", "cannot be chained", ""),
        ("(trust(armenia) > 1", "(", "not closed", "`)`"),
        ("trust(armenia) > 1)", ")", "without a matching `(`", ""),
        ("()", ")", "empty parentheses", ""),
        ("&& flag(peace)", "&&", "expected a value, found `&&`", ""),
        ("trust(armenia) > 1 flag(peace)", "flag(peace)", "expected an operator", "&&"),
        ("(1 2)", "2", "expected an operator", ""),
        ("flag(peace) and true", "and", "`and` is written `&&`", ""),
        ("flag(peace) or true", "or", "`or` is written `||`", ""),
        ("not flag(peace)", "not", "`not` is written `!`", ""),
        ("", "", "empty", "for example"),
        ("  \t ", "  \t ", "empty", ""),
    ]);
}

#[test]
#[rustfmt::skip]
fn constant_arithmetic_that_cannot_be_finite() {
    // Issue 9: `1/0` in a condition passed `check` and compared as infinity.
    expect(&[
        ("trust(armenia) > 1 / 0", "0", "division by zero: `0` is 0", ""),
        ("trust(armenia) / (2 - 2) > 1", "(2 - 2)", "division by zero", ""),
        ("trust(armenia) / -0 > 1", "-0", "division by zero", ""),
    ]);
    let huge = vec!["1_000_000_000"; 35].join(" * ");
    let text = format!("trust(armenia) > {huge}");
    expect(&[(text.as_str(), huge.as_str(), "not a finite number (inf)", "")]);
    assert!(compile("trust(armenia) / 2 > 1 / 4", &Mock, Type::Bool).is_ok());
}

#[test]
#[rustfmt::skip]
fn type_errors() {
    expect(&[
        ("trust(armenia) && flag(peace)", "trust(armenia)", "`&&` needs true/false on both sides, but `trust(armenia)` is a number", "`trust(armenia) >= 50`"),
        ("flag(peace) || date()", "date()", "`||` needs true/false on both sides, but `date()` is a date", "2025-06-01"),
        ("!trust(armenia)", "trust(armenia)", "`!` needs true/false, but", ""),
        ("-flag(peace) < 1", "flag(peace)", "`-` needs a number, but `flag(peace)` is true/false", ""),
        ("date() + 30 > date()", "date()", "`+` needs numbers, but `date()` is a date", "no date arithmetic"),
        ("trust(armenia) == \"high\"", "trust(armenia) == \"high\"", "cannot compare a number with a string", ""),
        ("\"55\" == trust(armenia)", "\"55\" == trust(armenia)", "cannot compare a string with a number", "no quotes: 55"),
        ("flag(peace) == \"true\"", "flag(peace) == \"true\"", "cannot compare true/false with a string", "no quotes"),
        ("\"a\" == \"b\"", "\"a\" == \"b\"", "cannot compare two strings", ""),
        ("\"active\"", "\"active\"", "only meaningful compared", ""),
        ("status(georgia.visa_free) < \"active\"", "status(georgia.visa_free) < \"active\"", "`<` cannot compare names of states", "`==`"),
        ("date() > 5", "date() > 5", "cannot compare a date with a number", "YYYY-MM-DD"),
        ("date() >= 2025-6-1", "date() >= 2025-6-1", "cannot compare a date with a number", "2025-06-01"),
        ("flag(peace) < true", "flag(peace) < true", "`<` compares two numbers or two dates, but `flag(peace)` is true/false", "no order"),
        ("status(georgia.visa_free) > status(georgia.visa_free)", "status(georgia.visa_free) > status(georgia.visa_free)", "is a named value", "`==`"),
        ("status(georgia.visa_free) == outcome(epf-armenia-2024)", "status(georgia.visa_free) == outcome(epf-armenia-2024)", "different kinds of named value", ""),
        ("flag(peace) == 1", "flag(peace) == 1", "cannot compare true/false with a number", ""),
        ("trust(armenia) + 1", "trust(armenia) + 1", "expected true/false, but this is a number", ">= 50"),
        ("(trust(armenia))", "(trust(armenia))", "expected true/false", ""),
        ("flag(peace) && 2", "2", "but `2` is a number", ""),
    ]);
}

#[test]
#[rustfmt::skip]
fn names_and_strings() {
    expect(&[
        ("trust(armenai) > 1", "armenai", "unknown actor", ""),
        ("trsut(armenia) > 1", "trsut", "unknown function `trsut`", "did you mean `trust`?"),
        ("gas-supply(armenia) > 1", "gas-supply", "unknown function `gas-supply`", ""),
        ("flag() || true", "flag", "takes one argument", ""),
        ("date(x) > 2025-01-01", "x", "takes no argument", ""),
        ("status(georgia.visa_free) == \"suspend\"", "\"suspend\"", "`suspend` is not a possible value", "active, suspended"),
        ("status(georgia.visa_free) == active", "active", "`active` alone is not a value", "double quotes: \"active\""),
        ("holder(hrvp) != whoever", "whoever", "alone is not a value", "double quotes"),
        ("trust > 5", "trust", "`trust` alone is not a value", "did you mean `trust(...)`?"),
        ("date < 2025-01-01", "date", "alone is not a value", "did you mean `date()`?"),
        ("flag(peace) == ture", "ture", "alone is not a value", "did you mean `true`?"),
        ("armenia", "armenia", "alone is not a value", "`armenia(...)`"),
    ]);
}

#[test]
fn every_name_error_is_reported_at_its_argument() {
    let text = "trust(x) > 1 && flag(y) || outcome(epf-armenia-2042) == \"adopted\" && nope()";
    let got: Vec<(&str, String)> = errors(text)
        .into_iter()
        .map(|e| (&text[e.range], e.message))
        .collect();
    let want = [
        ("x", "unknown actor"),
        ("y", "unknown flag"),
        ("epf-armenia-2042", "unknown proposal"),
        ("nope", "unknown function `nope`"),
    ];
    let got: Vec<(&str, &str)> = got.iter().map(|(a, m)| (*a, m.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn one_mistake_is_one_error() {
    for (text, count) in [
        ("!trust(x) && trust(y) > 1 + flag(z)", 3),
        ("trust(armenia) && (flag(peace) + 1 > 2)", 2),
        ("trust(x) > 1 + 2 * 3 && trust(x) == 4", 2),
    ] {
        let all = errors(text);
        assert_eq!(all.len(), count, "{text}: {all:?}");
    }
}

#[test]
fn every_lexical_error_is_reported() {
    let all = errors("trust(armenia) = 5 & 2025-02-30 > 'x'");
    let messages: Vec<&str> = all.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 5, "{messages:?}");
}

#[test]
fn limits_are_errors_not_crashes() {
    let nested = |n: usize| format!("{}flag(peace){}", "(".repeat(n), ")".repeat(n));
    assert!(compile(&nested(64), &Mock, Type::Bool).is_ok());
    let e = errors(&nested(65)).remove(0);
    assert!(e.message.contains("nested more than 64"), "{e:?}");
    assert_eq!(e.range, 64..65);

    let nots = |n: usize| format!("{}flag(peace)", "!".repeat(n));
    assert!(compile(&nots(64), &Mock, Type::Bool).is_ok());
    assert!(errors(&nots(65))[0].message.contains("nested more than 64"));
    assert!(
        errors(&nots(100_000))[0]
            .message
            .contains("longer than 4096")
    );

    let sum = |n: usize| format!("1{} > 0", " + 1".repeat(n));
    assert!(compile(&sum(255), &Mock, Type::Bool).is_ok());
    assert!(
        errors(&sum(256))[0]
            .message
            .contains("more than 256 operators")
    );

    let long = format!("flag(peace) || {}", "é".repeat(2100));
    let e = errors(&long).remove(0);
    assert!(e.message.contains("longer than 4096 bytes"));
    assert!(long.get(e.range.clone()).is_some(), "{:?}", e.range);
    assert!(compile(&format!("{:>4096}", "flag(peace)"), &Mock, Type::Bool).is_ok());
}

/// A deep right-leaning tree keeps one value waiting per level: the large stack is used.
#[test]
fn the_deepest_stack_still_evaluates() {
    let mut text = "trust(armenia)".to_owned();
    for _ in 0..60 {
        text = format!("trust(armenia) + ({text})");
    }
    let c = compile(&format!("{text} > 3354"), &Mock, Type::Bool).unwrap();
    assert!(c.eval_bool(&World::default()));
    let c = compile(&format!("{text} > 3355"), &Mock, Type::Bool).unwrap();
    assert!(!c.eval_bool(&World::default()));
}
