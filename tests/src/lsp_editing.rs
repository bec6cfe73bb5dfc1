//! `statecraft lsp` while a scenario is being edited (issue 13's editor, second round): the
//! last good analysis answers while a buffer has a TOML syntax error; persons, offices and
//! the states of a status are indexed; every id-taking key completes; a condition's hover
//! shows what each of its calls reads at the start; the outline and the workspace search.
//! Each test drives the real binary with LSP messages (the harness of `lsp.rs`).

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::lsp::{SEED, Server, at, complete_at_end, position, uri};

const PEOPLE: &str = r#"[scenario]
id = "people"
title = "People and states"
start = 2025-01-01
end = 2025-12-31
members = "members.csv"
seeds = ["facts.toml"]

[[actor]]
id = "partner"
name = "A partner country"
kind = "partner"

[[person]]
id = "incumbent"
name = "The incumbent"
style = { confrontation = 1.5 }

[[person]]
id = "rival"
name = "The rival"

[[office]]
id = "chair"
name = "The chair"
holder = "incumbent"

[[indicator]]
id = "trust"
actors = ["partner"]
initial = 50.5

[[status]]
id = "visa_free"
name = "Visa-free travel"
actors = ["partner"]
states = ["active", "suspended"]
initial = "active"

[[flag]]
id = "talks"

[[instrument]]
id = "measure"
procedure = "unanimity"
source = "letter"

[[proposal]]
id = "aid"
title = "Aid for the partner"
instrument = "measure"
beneficiary = "partner"
tabled = 2025-02-01
package = "deal"
on_adopt = [{ status = "partner.visa_free", to = "suspended" }]

[[proposal]]
id = "loan"
title = "A loan"
instrument = "measure"
beneficiary = "partner"
tabled = 2025-02-01
package = "deal"

[[trigger]]
id = "watch"
when = "trust(partner) >= 40 && status(partner.visa_free) == \"active\" && holder(chair) == \"incumbent\" && outcome(aid) == \"pending\" && !flag(talks) && date() >= 2025-01-01"
effects = [{ appoint = "rival", office = "chair" }]
"#;

/// A project folder with `people.toml`, its seed and members, and a server that has it open.
fn open_people() -> (tempfile::TempDir, PathBuf, Server) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("statecraft.toml"), "").unwrap();
    std::fs::copy(
        "../seeds/eu27-council-population-2025.csv",
        root.join("members.csv"),
    )
    .unwrap();
    std::fs::write(root.join("facts.toml"), SEED).unwrap();
    let path = root.join("people.toml");
    std::fs::write(&path, PEOPLE).unwrap();
    let mut server = Server::start();
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}}),
    );
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&path), "languageId": "toml", "version": 1, "text": PEOPLE}}),
    );
    assert_eq!(server.diagnostics(&uri(&path)), Vec::<Value>::new());
    (dir, path, server)
}

fn change(server: &mut Server, path: &Path, text: &str, version: i64) {
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": version},
               "contentChanges": [{"text": text}]}),
    );
}

/// The start of every location, as (line, character).
fn starts(locations: &Value) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = (locations.as_array().unwrap().iter())
        .map(|l| {
            let s = &l["range"]["start"];
            (
                s["line"].as_u64().unwrap(),
                s["character"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn line_char(text: &str, needle: &str, nth: usize) -> (u64, u64) {
    let p = position(text, needle, nth);
    (
        p["line"].as_u64().unwrap(),
        p["character"].as_u64().unwrap(),
    )
}

#[test]
fn a_syntax_error_keeps_the_last_analysis_answering() {
    let (_dir, path, mut server) = open_people();
    // Half-way through typing a new item above the trigger: the file no longer parses.
    let broken = PEOPLE.replace(
        "[[trigger]]",
        "[[flag]]\nid = \"new\ninitial = [\n\n[[trigger]]",
    );
    change(&mut server, &path, &broken, 2);
    let published = server.diagnostics(&uri(&path));
    assert!(!published.is_empty(), "the syntax error is published");
    assert_eq!(published[0]["severity"], json!(1), "{published:?}");

    // Definition from below the edit (moved down by it) to above it.
    let def = server.request("textDocument/definition", at(&path, &broken, "talks", 1));
    assert_eq!(def["uri"], uri(&path));
    assert_eq!(def["range"]["start"], position(&broken, "talks", 0));
    // From above the edit to below it: the reference in the trigger is where it is now.
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&path)}, "position": position(&broken, "talks", 0),
               "context": {"includeDeclaration": false}}),
    );
    assert_eq!(starts(&refs), [line_char(&broken, "talks", 1)]);
    // Hover and completion too.
    let hover = server.request("textDocument/hover", at(&path, &broken, "chair", 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("office `chair`: The chair"), "{text}");
    let typing = broken.replace("initial = [\n", "initial = [\n]\nsource = \"");
    let labels = complete_at_end(
        &mut server,
        &path,
        &typing[..typing.find("source = \"").unwrap() + 10],
        3,
    );
    assert_eq!(labels, ["letter"]);
    assert_eq!(server.exit(), Some(0));
}

#[test]
fn persons_offices_and_states_are_indexed() {
    let (_dir, path, mut server) = open_people();
    // A person named in a condition's string: its definition.
    let def = server.request(
        "textDocument/definition",
        at(&path, PEOPLE, "incumbent\\\"", 0),
    );
    assert_eq!(def["range"]["start"], position(PEOPLE, "incumbent", 0));
    // Every place the person is written: its definition, the office's holder, the condition.
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&path)}, "position": position(PEOPLE, "incumbent", 0),
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        starts(&refs),
        [
            line_char(PEOPLE, "incumbent", 0),
            line_char(PEOPLE, "incumbent", 2),
            line_char(PEOPLE, "incumbent", 3)
        ]
    );
    // An office: the appointment's `office` and the condition's `holder(chair)`.
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&path)}, "position": position(PEOPLE, "chair", 0),
               "context": {"includeDeclaration": false}}),
    );
    // (`chair` 1 is in the office's name.)
    assert_eq!(
        starts(&refs),
        [line_char(PEOPLE, "chair", 2), line_char(PEOPLE, "chair", 3)]
    );
    // A state: defined in `states`, used by `initial`, the condition and the effect.
    let def = server.request(
        "textDocument/definition",
        at(&path, PEOPLE, "suspended\" }", 0),
    );
    assert_eq!(def["range"]["start"], position(PEOPLE, "suspended", 0));
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&path)}, "position": position(PEOPLE, "active", 0),
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(
        starts(&refs),
        [
            line_char(PEOPLE, "active", 0),
            line_char(PEOPLE, "active", 1),
            line_char(PEOPLE, "active", 2)
        ]
    );
    let hover = server.request("textDocument/hover", at(&path, PEOPLE, "suspended", 0));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(
        text,
        "state `suspended` of status `visa_free` (Visa-free travel)"
    );
    let hover = server.request("textDocument/hover", at(&path, PEOPLE, "rival", 2));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(text, "person `rival`: The rival");

    // Completion inside the string compared with a status, a holder, an outcome.
    let when = PEOPLE.find("when = ").unwrap();
    let cut = |needle: &str| {
        let end = when + PEOPLE[when..].find(needle).unwrap() + needle.len();
        PEOPLE[..end].to_owned()
    };
    let states = complete_at_end(
        &mut server,
        &path,
        &cut("status(partner.visa_free) == \\\""),
        2,
    );
    assert_eq!(states, ["active", "suspended"]);
    let persons = complete_at_end(&mut server, &path, &cut("holder(chair) == \\\""), 3);
    assert_eq!(persons, ["incumbent", "rival"]);
    let outcomes = complete_at_end(&mut server, &path, &cut("outcome(aid) == \\\""), 4);
    assert_eq!(outcomes, ["pending", "adopted", "failed"]);
    assert_eq!(server.exit(), Some(0));
}

#[test]
fn every_id_taking_key_completes() {
    let (_dir, path, mut server) = open_people();
    let mut version = 1;
    let mut complete = |server: &mut Server, tail: &str| {
        version += 1;
        let mut got = complete_at_end(server, &path, &format!("{PEOPLE}{tail}"), version);
        got.sort();
        got
    };
    let cases: [(&str, &[&str]); 11] = [
        ("\n[remove]\nproposal = [\"", &["aid", "loan"]),
        (
            "\n[[event]]\nid = \"e\"\nat = 2025-03-01\neffects = [{ indicator = \"trust\", actor = \"partner\", by = -1, scale = \"",
            &["chair.confrontation"],
        ),
        (
            "\n[[office]]\nid = \"deputy\"\nholder = \"",
            &["incumbent", "rival"],
        ),
        (
            "\n[[event]]\nid = \"e\"\nat = 2025-03-01\neffects = [{ appoint = \"",
            &["incumbent", "rival"],
        ),
        (
            "\n[[event]]\nid = \"e\"\nat = 2025-03-01\neffects = [{ appoint = \"rival\", office = \"",
            &["chair"],
        ),
        (
            "\n[[event]]\nid = \"e\"\nat = 2025-03-01\neffects = [{ status = \"",
            &["partner.visa_free"],
        ),
        (
            "\n[[event]]\nid = \"e\"\nat = 2025-03-01\neffects = [{ status = \"partner.visa_free\", to = \"",
            &["active", "suspended"],
        ),
        (
            "\n[[proposal]]\nid = \"grant\"\ninstrument = \"measure\"\npackage = \"",
            &["deal"],
        ),
        (
            "\n[[policy]]\nid = \"p\"\nrule = \"support\"\non = { proposals = [\"",
            &["aid", "loan"],
        ),
        (
            "\n[[policy]]\nid = \"p\"\nrule = \"support\"\non = { proposals = [\n  \"aid\",\n  \"",
            &["aid", "loan"],
        ),
        ("\n[[trigger]]\nid = \"t\"\nwhen = \"flag(", &["talks"]),
    ];
    for (tail, expected) in cases {
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(complete(&mut server, tail), expected, "after {tail:?}");
    }
    // A proposer is an actor or an office.
    let got = complete(
        &mut server,
        "\n[[proposal]]\nid = \"grant\"\ninstrument = \"measure\"\nproposer = \"",
    );
    assert!(
        got.contains(&"chair".to_owned()) && got.contains(&"partner".to_owned()),
        "{got:?}"
    );
    // A status's `initial`: the states of the status being written.
    let text = PEOPLE.replace("initial = \"active\"", "initial = \"");
    let end = text.find("initial = \"").unwrap() + "initial = \"".len();
    let got = complete_at_end(&mut server, &path, &text[..end], 100);
    assert_eq!(got, ["active", "suspended"]);
    assert_eq!(server.exit(), Some(0));
}

#[test]
fn file_keys_complete_paths() {
    let (dir, path, mut server) = open_people();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir(root.join("variants")).unwrap();
    std::fs::write(root.join("notes.txt"), "").unwrap();
    let header_end = PEOPLE.find("members = ").unwrap();
    let typing = format!("{}members = \"", &PEOPLE[..header_end]);
    let got = complete_at_end(&mut server, &path, &typing, 2);
    assert_eq!(got, ["members.csv", "variants/", "../"]);
    let typing = format!("{}seeds = [\"", &PEOPLE[..header_end]);
    let got = complete_at_end(&mut server, &path, &typing, 3);
    // Not the scenario itself, nor files of another kind.
    assert_eq!(got, ["facts.toml", "variants/", "../"]);
    // In a variant one folder down, `extends` offers the way up, and the edit replaces the
    // whole path typed so far.
    let variant = root.join("variants").join("v.toml");
    let text = "[scenario]\nid = \"v\"\nextends = \"../p";
    std::fs::write(&variant, text).unwrap();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&variant), "languageId": "toml", "version": 1, "text": text}}),
    );
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&variant)}, "position": {"line": 2, "character": 15}}),
    );
    let people = (items.as_array().unwrap().iter())
        .find(|i| i["label"] == "../people.toml")
        .unwrap_or_else(|| panic!("{items}"));
    assert_eq!(people["textEdit"]["newText"], "../people.toml");
    assert_eq!(
        people["textEdit"]["range"]["start"],
        json!({"line": 2, "character": 11})
    );
    assert_eq!(server.exit(), Some(0));
}

#[test]
fn a_condition_hover_shows_every_value_it_reads() {
    let (_dir, path, mut server) = open_people();
    let hover = server.request("textDocument/hover", at(&path, PEOPLE, ">= 40", 0));
    let text = hover["contents"]["value"].as_str().unwrap();
    for line in [
        "at the scenario's start: **true**",
        "- `trust(partner)` = 50.5",
        "- `status(partner.visa_free)` = \"active\"",
        "- `holder(chair)` = \"incumbent\"",
        "- `outcome(aid)` = \"pending\"",
        "- `flag(talks)` = false",
        "- `date()` = 2025-01-01",
    ] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
    // On an id inside the condition: the id, then the same values.
    let hover = server.request("textDocument/hover", at(&path, PEOPLE, "talks)", 0));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("flag `talks`\n\n---\n\ncondition `"),
        "{text}"
    );
    assert!(text.contains("- `flag(talks)` = false"), "{text}");
    assert_eq!(server.exit(), Some(0));
}

#[test]
fn the_outline_and_the_workspace_search() {
    let (_dir, path, mut server) = open_people();
    let outline = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    let sections: Vec<&str> = (outline.as_array().unwrap().iter())
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        sections,
        [
            "scenario",
            "actor",
            "person",
            "office",
            "indicator",
            "status",
            "flag",
            "instrument",
            "proposal",
            "trigger"
        ]
    );
    assert_eq!(outline[0]["detail"], "people");
    let persons = &outline[2]["children"];
    assert_eq!(persons[1]["name"], "rival");
    assert_eq!(persons[1]["detail"], "The rival");
    assert_eq!(
        persons[1]["selectionRange"]["start"],
        position(PEOPLE, "rival", 0)
    );
    let proposals: Vec<&str> = (outline[8]["children"].as_array().unwrap().iter())
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(proposals, ["aid", "loan"]);

    let found = server.request("workspace/symbol", json!({"query": "RIVAL"}));
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["name"], "rival");
    assert_eq!(found[0]["containerName"], "person");
    assert_eq!(
        found[0]["location"]["range"]["start"],
        position(PEOPLE, "rival", 0)
    );
    // By name as well as by id, states included.
    let found = server.request("workspace/symbol", json!({"query": "suspend"}));
    assert_eq!(found[0]["name"], "suspended");
    assert_eq!(found[0]["containerName"], "state of visa_free");
    assert_eq!(server.exit(), Some(0));
}
