//! The requests the server answers, each from the analyses of the open scenarios: which
//! analysis covers a file, where a position falls in it, and the protocol's types in and out.
//!
//! Apart from the message loop because this is where new requests are added; each answers
//! `null` when there is nothing to say (a position on no id), as the protocol allows.

use std::path::PathBuf;

use lsp_server::{Request, RequestId, Response};
use lsp_types::request::{
    Completion, DocumentSymbolRequest, GotoDefinition, HoverRequest, References, Request as _,
    WorkspaceSymbolRequest,
};
use lsp_types::{
    CompletionParams, CompletionResponse, DocumentSymbolParams, DocumentSymbolResponse,
    GotoDefinitionParams, GotoDefinitionResponse, HoverParams, Position, ReferenceParams, Uri,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::analysis::Analysis;
use crate::position::{offset_of, path_of, same_file};
use crate::{Server, completion, features, symbols};

/// A request's parameters, or `None` when they are not what the method takes.
fn params<P: DeserializeOwned>(request: Request) -> Option<P> {
    serde_json::from_value(request.params).ok()
}

impl Server<'_> {
    /// The analysis that covers the file at `path` (its own, or one that reads it as a base
    /// or a seed), the one to answer from (its last good one while it does not load).
    fn analysis_of(&self, path: &std::path::Path) -> Option<&Analysis> {
        (self.analyses.iter())
            .find(|a| same_file(&a.root, path))
            .or_else(|| (self.analyses.iter()).find(|a| a.usable().file(path).is_some()))
            .map(Analysis::usable)
    }

    /// [`Server::analysis_of`] the file of `uri`, and the global offset of `position` in it.
    fn locate(&self, uri: &Uri, position: Position) -> Option<(&Analysis, usize)> {
        let path = path_of(uri)?;
        let analysis = self.analysis_of(&path)?;
        Some((analysis, analysis.offset(&path, position)?))
    }

    /// Every analysis that reads `uri`, with the global offset of `position` in each.
    fn covering(&self, uri: &Uri, position: Position) -> Vec<(&Analysis, usize)> {
        let Some(path) = path_of(uri) else {
            return Vec::new();
        };
        (self.analyses.iter().map(Analysis::usable))
            .filter_map(|a| Some((a, a.offset(&path, position)?)))
            .collect()
    }

    pub(crate) fn answer(&self, request: Request) -> Response {
        let id: RequestId = request.id.clone();
        let result = match request.method.as_str() {
            GotoDefinition::METHOD => params::<GotoDefinitionParams>(request)
                .and_then(|p| {
                    let d = p.text_document_position_params;
                    let (a, at) = self.locate(&d.text_document.uri, d.position)?;
                    features::definition(a, at).map(GotoDefinitionResponse::Scalar)
                })
                .map(serde_json::to_value),
            References::METHOD => params::<ReferenceParams>(request)
                .map(|p| {
                    let d = p.text_document_position;
                    let mut found = Vec::new();
                    // Every analysis that reads the file: a base's ids are also referenced
                    // by the variants open beside it.
                    for (a, at) in self.covering(&d.text_document.uri, d.position) {
                        for l in features::references(a, at, p.context.include_declaration) {
                            if !found.contains(&l) {
                                found.push(l);
                            }
                        }
                    }
                    found
                })
                .map(serde_json::to_value),
            HoverRequest::METHOD => params::<HoverParams>(request)
                .and_then(|p| {
                    let d = p.text_document_position_params;
                    let (a, at) = self.locate(&d.text_document.uri, d.position)?;
                    features::hover(a, at)
                })
                .map(serde_json::to_value),
            Completion::METHOD => params::<CompletionParams>(request)
                .map(|p| {
                    let d = p.text_document_position;
                    CompletionResponse::Array(self.complete(&d.text_document.uri, d.position))
                })
                .map(serde_json::to_value),
            DocumentSymbolRequest::METHOD => params::<DocumentSymbolParams>(request)
                .and_then(|p| {
                    let uri = p.text_document.uri;
                    let text = self.text_of(&uri)?;
                    let analysis = path_of(&uri).and_then(|path| self.analysis_of(&path));
                    Some(DocumentSymbolResponse::Nested(symbols::outline(
                        &text, analysis,
                    )))
                })
                .map(serde_json::to_value),
            WorkspaceSymbolRequest::METHOD => params::<WorkspaceSymbolParams>(request)
                .map(|p| {
                    let found =
                        symbols::search(self.analyses.iter().map(Analysis::usable), &p.query);
                    WorkspaceSymbolResponse::Nested(found)
                })
                .map(serde_json::to_value),
            method => {
                return Response::new_err(
                    id,
                    lsp_server::ErrorCode::MethodNotFound as i32,
                    format!("statecraft lsp does not answer {method}"),
                );
            }
        };
        match result {
            Some(Ok(value)) => Response::new_ok(id, value),
            _ => Response::new_ok(id, Value::Null),
        }
    }

    /// The text of `uri`: its open buffer, else the file on disk.
    fn text_of(&self, uri: &Uri) -> Option<String> {
        if let Some((_, text)) = self.documents.get(uri.as_str()) {
            return Some(text.clone());
        }
        let path: PathBuf = path_of(uri)?;
        std::fs::read_to_string(path).ok()
    }

    fn complete(&self, uri: &Uri, position: Position) -> Vec<lsp_types::CompletionItem> {
        let Some((path, text)) = self.documents.get(uri.as_str()) else {
            return Vec::new();
        };
        let at = offset_of(text, position);
        let analysis = self.analysis_of(path);
        completion::completion(analysis, text, at, path, &self.schema)
    }
}
