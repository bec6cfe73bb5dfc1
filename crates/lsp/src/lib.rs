//! statecraft's language server, which `statecraft lsp` runs over stdin and stdout.
//!
//! It exists because a scenario is mostly references (ids in conditions, `extends`, facts
//! cited by `source`) that a JSON Schema cannot check. It is a library of its own so that the
//! CLI only parses its arguments and calls [`serve_stdio`], and so that the editor's code
//! depends on the model alone, never on the engine. One synchronous loop reads JSON-RPC
//! messages (`lsp-server`, the transport rust-analyzer uses) and keeps the open buffers (full
//! text sync). After every change it re-analyses each open scenario with the buffers standing
//! for the files on disk ([`analysis`]) and publishes `check`'s diagnostics for every file
//! involved; requests (definition, references, hover, completion, symbols) are answered from
//! the last analysis ([`features`]).

mod analysis;
mod completion;
mod features;
mod in_condition;
mod position;
mod requests;
mod scan;
mod schema;
mod symbols;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::PathBuf;

use lsp_server::{Connection, Message, Notification};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::{
    CompletionOptions, HoverProviderCapability, OneOf, PublishDiagnosticsParams,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use serde_json::Value;

use analysis::Analysis;
use position::{canonical, path_of};

/// Why the server stopped other than by the protocol's `shutdown` then `exit`.
#[derive(Debug)]
pub struct LspError(String);

impl fmt::Display for LspError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lsp: {}", self.0)
    }
}

impl std::error::Error for LspError {}

/// The server's capabilities, as `initialize` answers them.
fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["(".into(), "\"".into(), ".".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Serves on the process's stdin and stdout until the client asks the server to exit;
/// scenarios may also read below the `allowed` folders (`--allow-path`). An error when the
/// transport fails, or when the client sends `exit` without `shutdown` before it (the
/// protocol's exit code 1).
pub fn serve_stdio(allowed: &[PathBuf]) -> Result<(), LspError> {
    let (connection, io_threads) = Connection::stdio();
    let shut_down = serve(&connection, allowed)?;
    drop(connection);
    io_threads.join().map_err(|e| LspError(e.to_string()))?;
    if shut_down {
        Ok(())
    } else {
        Err(LspError("exit without a shutdown request".into()))
    }
}

/// Answers on `connection` from `initialize` until the client leaves: true after `shutdown`
/// then `exit`; false after an `exit` alone, or when the client closes its end.
pub fn serve(connection: &Connection, allowed: &[PathBuf]) -> Result<bool, LspError> {
    let protocol = |e: lsp_server::ProtocolError| LspError(e.to_string());
    let capabilities = serde_json::to_value(capabilities()).unwrap_or(Value::Null);
    connection.initialize(capabilities).map_err(protocol)?;
    let mut server = Server {
        connection,
        documents: BTreeMap::new(),
        analyses: Vec::new(),
        published: BTreeSet::new(),
        schema: statecraft_model::raw::scenario_schema().into(),
        allowed: allowed.to_vec(),
    };
    server.main_loop().map_err(protocol)
}

struct Server<'c> {
    connection: &'c Connection,
    /// The open buffers: URI (as text) → (path, text).
    documents: BTreeMap<String, (PathBuf, String)>,
    /// One analysis per open scenario (a file with a `[scenario]` table).
    analyses: Vec<Analysis>,
    /// URIs that were sent diagnostics, so that fixed files are cleared.
    published: BTreeSet<String>,
    schema: Value,
    allowed: Vec<PathBuf>,
}

impl Server<'_> {
    /// Answers until the client leaves: true after `shutdown` then `exit`; false after an
    /// `exit` alone, or when the client closes its end without either.
    fn main_loop(&mut self) -> Result<bool, lsp_server::ProtocolError> {
        while let Ok(message) = self.connection.receiver.recv() {
            match message {
                Message::Request(request) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(true);
                    }
                    let response = self.answer(request);
                    self.send(Message::Response(response));
                }
                Message::Notification(note) if note.method == "exit" => return Ok(false),
                Message::Notification(note) => self.notified(note),
                Message::Response(_) => {}
            }
        }
        Ok(false)
    }

    fn send(&self, message: Message) {
        // The client has gone when this fails; the loop ends when its messages do.
        let _ = self.connection.sender.send(message);
    }

    fn notified(&mut self, note: Notification) {
        let params = note.params;
        match note.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                {
                    self.opened(p.text_document.uri, p.text_document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.opened(p.text_document.uri, change.text);
                }
            }
            DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                {
                    if let Some(text) = p.text {
                        self.opened(p.text_document.uri, text);
                    } else {
                        self.reanalyse();
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                {
                    self.documents.remove(p.text_document.uri.as_str());
                    self.reanalyse();
                }
            }
            _ => {}
        }
    }

    fn opened(&mut self, uri: Uri, text: String) {
        let Some(path) = path_of(&uri) else {
            return;
        };
        self.documents.insert(uri.as_str().to_owned(), (path, text));
        self.reanalyse();
    }

    /// Analyses every open scenario again and publishes the diagnostics of every file that
    /// took part (and clears those of files that no longer have any).
    fn reanalyse(&mut self) {
        let open: Vec<(PathBuf, String)> = self
            .documents
            .values()
            .map(|(p, t)| (canonical(p), t.clone()))
            .collect();
        let mut previous = std::mem::take(&mut self.analyses);
        self.analyses = self
            .documents
            .values()
            .filter(|(_, text)| is_scenario(text))
            .map(|(path, _)| {
                let mut analysis = Analysis::new(path, open.clone(), &self.allowed);
                // A scenario that does not load keeps answering from its last analysis.
                if let Some(at) = previous.iter().position(|a| a.root == analysis.root) {
                    analysis.fall_back_on(previous.swap_remove(at), &open);
                }
                analysis
            })
            .collect();
        let mut by_uri: BTreeMap<String, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
        for a in &self.analyses {
            for (uri, list) in a.diagnostics_by_uri() {
                let entry = by_uri.entry(uri).or_default();
                for d in list {
                    if !entry.contains(&d) {
                        entry.push(d);
                    }
                }
            }
        }
        for uri in std::mem::take(&mut self.published) {
            by_uri.entry(uri).or_default();
        }
        for (uri, diagnostics) in by_uri {
            let Ok(parsed) = uri.parse::<Uri>() else {
                continue;
            };
            if !diagnostics.is_empty() {
                self.published.insert(uri);
            }
            let uri = parsed;
            let params = PublishDiagnosticsParams::new(uri, diagnostics, None);
            self.send(Message::Notification(Notification::new(
                PublishDiagnostics::METHOD.to_owned(),
                params,
            )));
        }
    }
}

/// Whether a buffer is a scenario (it has a `[scenario]` table) rather than a seed file.
fn is_scenario(text: &str) -> bool {
    text.lines().any(|l| l.trim() == "[scenario]")
}
