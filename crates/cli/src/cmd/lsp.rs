//! `statecraft lsp`: the language server of `statecraft-lsp` on stdin and stdout. The
//! command only names its arguments; what the server answers is that crate's.

use std::path::PathBuf;

use clap::Args;

use crate::error::{CliError, CliResult};

#[derive(Args, Debug)]
#[command(
    after_help = "Speaks the Language Server Protocol on stdin and stdout; an editor starts it.\nSee docs/editor.md for VS Code, Neovim and Helix.\n\nExamples:\n  statecraft lsp"
)]
pub struct LspArgs {}

/// Serves until the client asks the server to exit; scenarios may also read below the
/// `allowed` folders (`--allow-path`).
pub fn run(_: &LspArgs, allowed: &[PathBuf]) -> CliResult {
    statecraft_lsp::serve_stdio(allowed).map_err(|e| CliError::invalid(e.to_string()))
}
