//! The loader against mutated and random input: it must always answer with a model or with
//! diagnostics, never panic.

use proptest::prelude::*;

fn load_and_compile(text: &str) {
    if let Ok(loaded) = statecraft_model::load_str("fuzz.toml", text, &[]) {
        let _ = statecraft_model::compile(&loaded);
    }
}

const SEED_TEXT: &str = include_str!("../fixtures/bad/extends/base.toml");
const BASELINE: &str = include_str!("../../scenarios/south-caucasus/baseline.toml");

/// The baseline with its seed paths made absolute, so mutations reach the compiler and the
/// engine rather than stopping at a missing file.
fn baseline_text() -> String {
    let seeds = std::path::Path::new("../seeds").canonicalize().unwrap();
    BASELINE.replace("../../seeds", &seeds.to_string_lossy())
}

/// Loads, compiles and, when valid, runs a scenario: nothing may panic.
fn load_compile_run(text: &str) {
    if let Ok(loaded) = statecraft_model::load_str("fuzz.toml", text, &[])
        && let Ok(model) = statecraft_model::compile(&loaded)
    {
        let _ = statecraft_rules::run::run_once(&model, 0, None);
    }
}

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
    fn mutated_baseline_lines_never_panic(line in 0usize..700, replacement in prop_oneof![
        Just(String::new()),
        "[a-z_]{1,12} = [0-9.\\-]{1,6}",
        "[a-z_]{1,12} = \"[a-z( )!&|=<>.\\-]{0,30}\"",
        Just("[[proposal]]".to_owned()),
        Just("[[review.action]]".to_owned()),
        Just("effects = [{ table = \"epf-armenia-2025\", with = \"epf-armenia-2025\" }]".to_owned()),
    ]) {
        let text = baseline_text();
        let mut lines: Vec<&str> = text.lines().collect();
        if line < lines.len() {
            lines[line] = &replacement;
        }
        load_compile_run(&lines.join("\n"));
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
