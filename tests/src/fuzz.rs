//! The loader against mutated and random input: it must always answer with a model or with
//! diagnostics, never panic.

use proptest::prelude::*;

fn load_and_compile(text: &str) {
    if let Ok(loaded) = statecraft_model::load_str("fuzz.toml", text, &[]) {
        let _ = statecraft_model::compile(&loaded);
    }
}

const SEED_TEXT: &str = include_str!("../fixtures/bad/extends/base.toml");

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        load_and_compile(&text);
    }

    #[test]
    fn mutated_scenarios_never_panic(cuts in proptest::collection::vec((0usize..4000, 0usize..40, "[ -~\n]{0,12}"), 1..6)) {
        let mut text = SEED_TEXT.to_owned();
        for (at, len, insert) in cuts {
            let start = at.min(text.len());
            let end = (start + len).min(text.len());
            if text.is_char_boundary(start) && text.is_char_boundary(end) {
                text.replace_range(start..end, &insert);
            }
        }
        load_and_compile(&text);
    }

    #[test]
    fn mutated_values_never_panic(value in prop_oneof![
        Just("nan".to_owned()), Just("inf".to_owned()), Just("-inf".to_owned()), Just("1e308".to_owned()),
        Just("-1".to_owned()), Just("0".to_owned()), Just("9223372036854775807".to_owned()),
        Just("\"\"".to_owned()), Just("[]".to_owned()), Just("{}".to_owned()), Just("2024-02-30".to_owned()),
        Just("1979-05-27T07:32:00Z".to_owned()), "\"[a-z(). =!&|\\\\\"]{0,30}\"",
    ], key in prop_oneof![
        Just("amount_eur"), Just("initial"), Just("drift"), Just("noise"), Just("range"), Just("tabled"),
        Just("population"), Just("procedure"), Just("states"), Just("actors"), Just("end"), Just("start"),
    ]) {
        let text: Vec<String> = SEED_TEXT
            .lines()
            .map(|line| if line.starts_with(&format!("{key} = ")) { format!("{key} = {value}") } else { line.to_owned() })
            .collect();
        load_and_compile(&text.join("\n"));
    }
}
