//! `statecraft lsp` (issue 13, the editor): the real binary driven with JSON-RPC messages
//! over its stdin and stdout (Content-Length framing), as an editor does. Every read has a
//! deadline, so a hung server fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use statecraft_tests::statecraft;

const DEADLINE: Duration = Duration::from_secs(60);

pub(crate) const SEED: &str = r#"[seed]
id = "notes"
title = "Notes for the editor test"
description = "Facts the scenario cites."

[[fact]]
id = "letter"
kind = "fact"
date = 2025-01-10
summary = "The partner asked for assistance."
document = "Letter of the partner"
"#;

const BASE: &str = r#"[scenario]
id = "base"
title = "Base"
start = 2025-01-01
end = 2025-12-31
members = "members.csv"
seeds = ["facts.toml"]

[[actor]]
id = "partner"
name = "A partner country"
kind = "partner"

[[indicator]]
id = "trust"
actors = ["partner"]
initial = 50

[[flag]]
id = "talks"

[[instrument]]
id = "measure"
name = "Assistance measure"
procedure = "unanimity"
source = "letter"

[[proposal]]
id = "aid"
title = "Aid for the partner"
instrument = "measure"
beneficiary = "partner"
amount_eur = 1_000_000
tabled = 2025-02-01
"#;

/// A variant with two errors on a line holding non-ASCII text (`é` is one UTF-16 unit, `😀`
/// two), so columns in characters and in UTF-16 code units differ.
const VARIANT_BAD: &str = r#"[scenario]
id = "variant"
title = "Variant"
extends = "base.toml"

[[expect]]
id = "trusted"
at = 2025-01-31
that = "outcome(aid) != \"é😀\" || trust(partnr) >= 40"
"#;

const VARIANT_GOOD: &str = r#"[scenario]
id = "variant"
title = "Variant"
extends = "base.toml"

[[expect]]
id = "trusted"
at = 2025-01-31
that = "outcome(aid) == \"pending\" && trust(partner) >= 40 && !flag(talks)"
"#;

/// A server process and what it has said.
pub(crate) struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for a response.
    pending: Vec<Value>,
}

impl Server {
    pub(crate) fn start() -> Server {
        let mut child = Command::new(crate::output::binary())
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("a JSON message");
                if send.send(value).is_err() {
                    return;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
            next_id: 0,
            pending: Vec::new(),
        }
    }

    pub(crate) fn write(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    pub(crate) fn next(&mut self) -> Value {
        self.messages
            .recv_timeout(DEADLINE)
            .expect("the server answered within the deadline")
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.write(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.write(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.next();
            if message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method}: {message}");
                return message["result"].clone();
            }
            self.pending.push(message);
        }
    }

    /// The next diagnostics published for `uri`.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let found = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        };
        if let Some(at) = self.pending.iter().position(found) {
            let m = self.pending.remove(at);
            return m["params"]["diagnostics"].as_array().unwrap().clone();
        }
        loop {
            let m = self.next();
            if found(&m) {
                return m["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    /// Shuts down and exits; the exit code.
    pub(crate) fn exit(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.exit_code()
    }

    /// Sends `exit` (alone, unless a shutdown came before); the exit code.
    pub(crate) fn exit_code(mut self) -> Option<i32> {
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("statecraft lsp did not exit within the deadline");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

pub(crate) fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

pub(crate) fn position(text: &str, needle: &str, nth: usize) -> Value {
    let at = text.match_indices(needle).nth(nth).unwrap().0;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": text[start..at].encode_utf16().count()})
}

pub(crate) fn at(path: &Path, text: &str, needle: &str, nth: usize) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": position(text, needle, nth)})
}

/// A project folder holding the base, the variant, the seed and the members.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("statecraft.toml"), "").unwrap();
    std::fs::copy(
        "../seeds/eu27-council-population-2025.csv",
        root.join("members.csv"),
    )
    .unwrap();
    std::fs::write(root.join("facts.toml"), SEED).unwrap();
    std::fs::write(root.join("base.toml"), BASE).unwrap();
    std::fs::write(root.join("variant.toml"), VARIANT_BAD).unwrap();
    (dir, root)
}

/// `check`'s diagnostics as (message, line, UTF-16 column), 0-based like LSP's.
fn check_diagnostics(path: &Path, text: &str) -> Vec<(String, u64, u64)> {
    let out = statecraft(&["check", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let place = lines[i + 1].trim_start().strip_prefix("--> ").unwrap();
        let mut parts = place.rsplitn(3, ':');
        let column: usize = parts.next().unwrap().parse().unwrap();
        let line: usize = parts.next().unwrap().parse().unwrap();
        // check counts columns in characters from 1; LSP in UTF-16 code units from 0.
        let source = text.lines().nth(line - 1).unwrap();
        let prefix: String = source.chars().take(column - 1).collect();
        let character = prefix.encode_utf16().count();
        found.push((message.to_owned(), line as u64 - 1, character as u64));
    }
    found
}

#[test]
fn the_server_answers_as_an_editor_asks() {
    let (_dir, root) = project();
    let variant = root.join("variant.toml");
    let base = root.join("base.toml");
    let mut server = Server::start();
    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": uri(&root), "capabilities": {}}),
    );
    assert_eq!(init["capabilities"]["textDocumentSync"], json!(1));
    server.notify("initialized", json!({}));

    // An error as you type: the same messages and places as `check`.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&variant), "languageId": "toml", "version": 1, "text": VARIANT_BAD}}),
    );
    let published = server.diagnostics(&uri(&variant));
    let expected = check_diagnostics(&variant, VARIANT_BAD);
    assert_eq!(expected.len(), 2, "{expected:?}");
    let got: Vec<(String, u64, u64)> = published
        .iter()
        .map(|d| {
            let first = d["message"].as_str().unwrap().lines().next().unwrap();
            let start = &d["range"]["start"];
            (
                first.to_owned(),
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(got[1].0, "unknown actor `partnr`");
    assert_eq!(
        published[1]["range"]["end"]["character"].as_u64().unwrap() - got[1].2,
        6,
        "the range covers `partnr` in UTF-16 units"
    );

    // The buffer, not the file on disk, is what is checked: fixing it clears the errors.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&variant), "version": 2},
               "contentChanges": [{"text": VARIANT_GOOD}]}),
    );
    assert_eq!(server.diagnostics(&uri(&variant)), Vec::<Value>::new());

    // Definition of an id inside a condition string, in the base the variant extends.
    let def = server.request(
        "textDocument/definition",
        at(&variant, VARIANT_GOOD, "partner", 0),
    );
    assert_eq!(def["uri"], uri(&base));
    assert_eq!(def["range"]["start"], position(BASE, "partner", 0));
    let def = server.request(
        "textDocument/definition",
        at(&variant, VARIANT_GOOD, "talks", 0),
    );
    assert_eq!(def["range"]["start"], position(BASE, "talks", 0));

    // Definition of a `source`: the fact in the seed file.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&base), "languageId": "toml", "version": 1, "text": BASE}}),
    );
    let def = server.request("textDocument/definition", at(&base, BASE, "letter", 0));
    assert_eq!(def["uri"], uri(&root.join("facts.toml")));
    assert_eq!(def["range"]["start"], position(SEED, "letter", 0));

    // References of an actor: its definition, `actors`, `beneficiary`, and the condition.
    let refs = server.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&base)}, "position": position(BASE, "partner", 0),
               "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().unwrap();
    let in_base = refs.iter().filter(|r| r["uri"] == uri(&base)).count();
    let in_variant = refs.iter().filter(|r| r["uri"] == uri(&variant)).count();
    assert_eq!((in_base, in_variant), (3, 1), "{refs:?}");

    // Hover of a fact and of a condition.
    let hover = server.request("textDocument/hover", at(&base, BASE, "letter", 0));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("fact `letter`"), "{text}");
    assert!(text.contains("2025-01-10"), "{text}");
    assert!(text.contains("The partner asked for assistance."), "{text}");
    assert!(text.contains("Letter of the partner"), "{text}");
    let hover = server.request("textDocument/hover", at(&variant, VARIANT_GOOD, "aid", 0));
    let text = hover["contents"]["value"].as_str().unwrap();
    // The id first; inside a condition, the condition's values follow.
    assert!(
        text.starts_with("proposal `aid`: Aid for the partner\n\n---\n\ncondition `"),
        "{text}"
    );
    let hover = server.request("textDocument/hover", at(&variant, VARIANT_GOOD, ">=", 0));
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("at the scenario's start: **true**"), "{text}");

    // Completion inside `trust(`: the actors.
    let typing = VARIANT_GOOD.replace("trust(partner) >= 40", "trust(");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(&variant), "version": 3},
               "contentChanges": [{"text": typing}]}),
    );
    let cursor = {
        let mut p = position(&typing, "trust(", 0);
        p["character"] = json!(p["character"].as_u64().unwrap() + 6);
        p
    };
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(&variant)}, "position": cursor}),
    );
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["partner"]);

    // Keys of the section, and enum values, from the JSON Schema.
    let typing = format!("{BASE}\n[[instrument]]\nproc");
    let labels = complete_at_end(&mut server, &base, &typing, 2);
    assert!(labels.iter().any(|l| l == "procedure"), "{labels:?}");
    let typing = format!("{BASE}\n[[instrument]]\nprocedure = \"");
    let labels = complete_at_end(&mut server, &base, &typing, 3);
    assert!(labels.iter().any(|l| l == "unanimity"), "{labels:?}");

    assert_eq!(server.exit(), Some(0));
}

/// Replaces the buffer of `path` with `text` and asks for completions at its end.
pub(crate) fn complete_at_end(
    server: &mut Server,
    path: &Path,
    text: &str,
    version: i64,
) -> Vec<String> {
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri(path), "version": version},
               "contentChanges": [{"text": text}]}),
    );
    let line = text.matches('\n').count();
    let last = text.rsplit('\n').next().unwrap();
    let items = server.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri(path)},
               "position": {"line": line, "character": last.encode_utf16().count()}}),
    );
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn an_error_in_the_base_is_published_for_the_base() {
    let (_dir, root) = project();
    let base = root.join("base.toml");
    let variant = root.join("variant.toml");
    let bad = BASE.replace("beneficiary = \"partner\"", "beneficiary = \"partnr\"");
    std::fs::write(&base, &bad).unwrap();
    let mut server = Server::start();
    server.request("initialize", json!({"processId": null, "capabilities": {}}));
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&variant), "languageId": "toml", "version": 1, "text": VARIANT_GOOD}}),
    );
    let in_base = server.diagnostics(&uri(&base));
    assert_eq!(in_base.len(), 1, "{in_base:?}");
    let message = in_base[0]["message"].as_str().unwrap();
    assert!(message.starts_with("unknown actor `partnr`"), "{message}");
    // The span `check` reports: the value, quotes included.
    assert_eq!(
        in_base[0]["range"]["start"],
        position(&bad, "\"partnr\"", 0)
    );
    assert_eq!(server.exit(), Some(0));
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    // The protocol: 0 after a shutdown request, 1 for an exit without one.
    let mut server = Server::start();
    server.request("initialize", json!({"processId": null, "capabilities": {}}));
    server.notify("initialized", json!({}));
    assert_eq!(server.exit_code(), Some(1));
}
