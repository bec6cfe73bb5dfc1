//! Shares are rounded to the nearest tenth, never truncated: 25 of 27 is 92.6%, 2 of 3 is
//! 66.7% (the vote calculator once printed 92.5% and 66.6%), and a share just short of a
//! threshold never reads as the threshold.

use statecraft_tests::statecraft;

#[test]
fn the_vote_calculator_rounds_25_of_27_to_92_6_percent() {
    let out = statecraft(&["vote", "--procedure", "qmv", "--against", "hu,sk"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("25 of 27 members (92.6%, ≥ 55%)"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_vote_calculator_rounds_2_of_3_to_66_7_percent() {
    let dir = tempfile::tempdir().unwrap();
    let members = dir.path().join("three.csv");
    std::fs::write(
        &members,
        "id,name,population\naa,A,1000\nbb,B,1000\ncc,C,1000\n",
    )
    .unwrap();
    let out = statecraft(&[
        "vote",
        "--procedure",
        "qmv",
        "--members",
        members.to_str().unwrap(),
        "--against",
        "cc",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("2 of 3 members (66.7%")
            && out.stdout.contains("66.7% of the population"),
        "{}",
        out.stdout
    );
}

/// The share shown for each flag in `mc` text output is the JSON's `p`, rounded: 17 of 27
/// runs set `settlement`, 62.96%, shown as 63.0% (truncated, it would read 62.9%).
#[test]
fn mc_text_shows_the_json_shares_rounded() {
    let file = "../scenarios/mechanisms/chance-and-noise.toml";
    let json = statecraft(&["mc", file, "--runs", "27", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let text = statecraft(&["mc", file, "--runs", "27"]).stdout;
    let mut truncation_would_differ = false;
    for (id, v) in json["flags"].as_object().unwrap() {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(id.as_str()))
            .unwrap_or_else(|| panic!("no line for {id} in {text}"));
        let share = v["p"].as_f64().unwrap();
        let rounded = format!("{:.1}%", (share * 1000.0).round() / 10.0);
        let truncated = format!("{:.1}%", (share * 1000.0).floor() / 10.0);
        truncation_would_differ |= rounded != truncated;
        assert!(
            line.contains(&format!(" {rounded} [")),
            "{id}: p = {share}, expected {rounded} in `{line}`"
        );
    }
    assert!(
        truncation_would_differ,
        "no share here tells rounding from truncation: {text}"
    );
}
