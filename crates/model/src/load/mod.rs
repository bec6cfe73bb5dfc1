//! Loading a scenario: read the file and every file it `extends`, merge them on the untyped
//! tree, apply `--set` overrides, then type each item on its own so that every problem is
//! reported, not just the first.
//!
//! Loading runs in two passes because the merged tree borrows the file texts: the first pass
//! reads the `extends` chain into [`Sources`], the second parses every text (now immutable)
//! and merges. Seeds are read after the scenario is typed, since the header names them.
//!
//! **Invariant:** loading never panics and never reads without bound: files are capped at
//! [`MAX_FILE_BYTES`], `extends` chains at [`MAX_EXTENDS_DEPTH`], sections at
//! [`MAX_ITEMS_PER_SECTION`] items.

pub mod files;
mod members;
mod merge;
mod set;
pub mod tree;
mod typed;
mod uncertain;

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, Sources};
use crate::raw::{Calendar, Fact, Group, ScenarioFile};
use tree::Table;

pub use files::MAX_FILE_BYTES;
/// Longest chain of `extends`.
pub const MAX_EXTENDS_DEPTH: usize = 16;
/// Most items in one section (`[[proposal]]`, ...) or one fact base.
pub const MAX_ITEMS_PER_SECTION: usize = 10_000;

/// The item sections of a scenario file, in the order the format documents them.
pub const SECTIONS: [&str; 17] = [
    "actor",
    "person",
    "office",
    "indicator",
    "status",
    "flag",
    "calendar",
    "group",
    "instrument",
    "proposal",
    "policy",
    "event",
    "review",
    "trigger",
    "expect",
    "observed",
    "uncertain",
];

/// A scenario read from disk: the merged raw items, the facts its seeds hold, and every file
/// involved (for rendering diagnostics later, e.g. from `compile`).
#[derive(Debug)]
pub struct Loaded {
    pub sources: Sources,
    pub file: ScenarioFile,
    pub facts: Vec<Fact>,
    /// The scenario file that was asked for.
    pub path: PathBuf,
}

/// A load that found problems: every diagnostic, and the sources they point into.
#[derive(Debug)]
pub struct Failed {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads `path`, its `extends` chain and seeds, with `overrides` (`PATH=VALUE`, as given to
/// `--set`) applied last. Paths named inside the files are confined to the scenario's project
/// tree ([`files::Scope`]).
pub fn load(path: &Path, overrides: &[String]) -> Result<Loaded, Failed> {
    load_allowing(path, overrides, &[])
}

/// [`load`], with reads also allowed below the folders of `allowed` (`--allow-path`).
pub fn load_allowing(
    path: &Path,
    overrides: &[String],
    allowed: &[PathBuf],
) -> Result<Loaded, Failed> {
    load_with_open(path, overrides, allowed, Vec::new())
}

/// [`load_allowing`], with the texts of `open` files read instead of what is on disk: an
/// editor's unsaved buffers, given by absolute path. The scenario itself, the bases it
/// `extends` and its seeds are each taken from `open` when they are there.
pub fn load_with_open(
    path: &Path,
    overrides: &[String],
    allowed: &[PathBuf],
    open: Vec<(PathBuf, String)>,
) -> Result<Loaded, Failed> {
    let mut loader = Loader {
        scope: files::Scope::project_of(path, allowed),
        open,
        ..Loader::default()
    };
    match loader.read(path) {
        Ok(text) => {
            let index = loader.sources.files().len();
            loader
                .sources
                .add(path.display().to_string(), Some(path), text);
            loader.discover_chain(index);
        }
        Err(message) => {
            loader.diagnostics.push(Diagnostic::error(
                format!("{}: {message}", path.display()),
                None,
            ));
        }
    }
    loader.finish(path, overrides)
}

/// Loads a scenario from text (tests, fuzzing). `extends` and `seeds` resolve against the
/// current directory, and are confined to its project tree.
pub fn load_str(name: &str, text: &str, overrides: &[String]) -> Result<Loaded, Failed> {
    let mut loader = Loader {
        scope: files::Scope::project_of(&Path::new(".").join(name), &[]),
        ..Loader::default()
    };
    loader.sources.add(name.to_owned(), None, text.to_owned());
    loader.discover_chain(0);
    loader.finish(Path::new(name), overrides)
}

#[derive(Default)]
struct Loader {
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
    /// Indices into `sources` of the scenario files, the asked-for file first, then the file
    /// it extends, and so on.
    chain: Vec<usize>,
    /// Set when a file of the chain could not be read or parsed: the merge is skipped.
    broken: bool,
    /// Where paths named inside the files may lead.
    scope: files::Scope,
    /// Canonical paths of the seed files read, so a repeated entry is not read again.
    seeds_read: Vec<PathBuf>,
    /// Texts that stand for files on disk (an editor's open buffers), by absolute path.
    open: Vec<(PathBuf, String)>,
}

impl Loader {
    /// An input file's text: an open buffer's if one stands for it, else the file's.
    fn read(&self, path: &Path) -> Result<String, String> {
        if !self.open.is_empty() {
            let wanted = path
                .canonicalize()
                .or_else(|_| std::path::absolute(path))
                .unwrap_or_else(|_| path.to_path_buf());
            let found = self
                .open
                .iter()
                .find(|(p, _)| *p == wanted || p.canonicalize().is_ok_and(|p| p == wanted));
            if let Some((_, text)) = found {
                return Ok(text.clone());
            }
        }
        read_bounded(path)
    }

    /// Pass one: follows `extends` from the file at `index`, adding each base to `sources`.
    fn discover_chain(&mut self, mut index: usize) {
        // Canonical paths find the cycle; the names as written explain it.
        let mut seen: Vec<PathBuf> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        loop {
            self.chain.push(index);
            let file = &self.sources.files()[index];
            let (base, path) = (file.base, file.path.clone());
            names.push(file.name.clone());
            if let Some(p) = &path {
                seen.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
            }
            let Some((target, span)) = extends_of(&file.text) else {
                return;
            };
            let span = span.start + base..span.end + base;
            let Some(target) = target else {
                self.error(Diagnostic::error(
                    "`extends` must be a string: the path of the base scenario",
                    Some(span),
                ));
                return;
            };
            let dir = path
                .as_deref()
                .and_then(Path::parent)
                .unwrap_or(Path::new(""));
            let written = target;
            let target = dir.join(&written);
            let canonical = target.canonicalize().unwrap_or_else(|_| target.clone());
            if seen.contains(&canonical) {
                self.error(
                    Diagnostic::error("`extends` makes a cycle", Some(span))
                        .with_label(format!("{} is already in the chain", target.display()))
                        .with_hint(format!(
                            "the chain: {} → {}",
                            names.join(" → "),
                            target.display()
                        )),
                );
                return;
            }
            // The chain holds the files read so far; one more would pass the limit.
            if self.chain.len() >= MAX_EXTENDS_DEPTH {
                self.error(Diagnostic::error(
                    format!("`extends` chain is longer than {MAX_EXTENDS_DEPTH} files"),
                    Some(span),
                ));
                return;
            }
            if let Err(message) = self.scope.check(&target) {
                self.error(
                    Diagnostic::error(
                        format!("`extends` leads outside the project: {message}"),
                        Some(span),
                    )
                    .with_label(target.display().to_string()),
                );
                return;
            }
            match self.read(&target) {
                Ok(text) => {
                    index = self.sources.files().len();
                    self.sources
                        .add(target.display().to_string(), Some(&target), text);
                }
                Err(message) => {
                    let folder = if dir.as_os_str().is_empty() {
                        "the current folder".to_owned()
                    } else {
                        format!("{}/", dir.display())
                    };
                    self.error(
                        Diagnostic::error(
                            format!(
                                "cannot read the base scenario {}: {message}",
                                target.display()
                            ),
                            Some(span),
                        )
                        .with_label(format!("looked for {}", target.display()))
                        .with_hint(format!(
                            "`extends` is read relative to the file that names it: \"{written}\" in {folder} is {}",
                            target.display()
                        )),
                    );
                    return;
                }
            }
        }
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.broken = true;
        self.diagnostics.push(diagnostic);
    }

    /// Pass two: parse, merge, override, type; then the seeds.
    fn finish(mut self, path: &Path, overrides: &[String]) -> Result<Loaded, Failed> {
        let mut set_bases = Vec::new();
        for assignment in overrides {
            set_bases.push(
                self.sources
                    .add("--set".to_owned(), None, assignment.clone()),
            );
        }
        let mut file = ScenarioFile::default();
        if !self.broken && !self.chain.is_empty() {
            let sources = &self.sources;
            let diagnostics = &mut self.diagnostics;
            let mut merged: Option<Table<'_>> = None;
            // Base-most first, so each variant merges over what it extends.
            for &index in self.chain.iter().rev() {
                let f = &sources.files()[index];
                let Some(table) = parse(&f.text, f.base, diagnostics) else {
                    merged = None;
                    break;
                };
                let mut table = table;
                if let Some(DeValue::Table(header)) =
                    tree::get_mut(&mut table, "scenario").map(|v| v.get_mut())
                {
                    tree::remove(header, "extends");
                }
                merged = Some(match merged {
                    None => {
                        merge::reject_overrides(&table, diagnostics);
                        if let Some((key, _)) = tree::remove(&mut table, "remove") {
                            diagnostics.push(
                                Diagnostic::error("`[remove]` only applies in a variant", Some(key.span()))
                                    .with_hint("a variant names its base with `extends = \"baseline.toml\"` under [scenario]"),
                            );
                        }
                        table
                    }
                    Some(base) => merge::merge(base, table, diagnostics),
                });
            }
            if let Some(mut tree) = merged {
                for (assignment, base) in overrides.iter().zip(&set_bases) {
                    set::apply(&mut tree, assignment, *base, diagnostics);
                }
                let root = self.chain.first().map_or(0, |&i| sources.files()[i].base);
                let found = uncertain::resolve(&tree, diagnostics);
                file = typed::scenario(tree, root, diagnostics);
                uncertain::attach(&mut file, &found);
            }
        }
        if let Some(members) = file.scenario.as_ref().and_then(|h| h.members.as_ref()) {
            let path = self.relative_to_writer(members);
            match self.scope.check(&path) {
                Err(message) => self.diagnostics.push(Diagnostic::error(
                    format!("`members` leads outside the project: {message}"),
                    Some(members.span()),
                )),
                Ok(()) => {
                    let mut actors = members::read(
                        &path,
                        members.span(),
                        &mut self.sources,
                        &mut self.diagnostics,
                    );
                    actors.append(&mut file.actor);
                    file.actor = actors;
                }
            }
        }
        let facts = if self.diagnostics.is_empty() {
            let (facts, mut groups, mut calendars) = self.read_seeds(&mut file);
            // A seed's groups and calendars come first, as if written at the top of the
            // scenario.
            groups.append(&mut file.group);
            file.group = groups;
            self.check_seed_calendars(&calendars, &file.calendar);
            calendars.append(&mut file.calendar);
            file.calendar = calendars;
            facts
        } else {
            Vec::new()
        };
        if self.diagnostics.is_empty() {
            Ok(Loaded {
                sources: self.sources,
                file,
                facts,
                path: path.to_path_buf(),
            })
        } else {
            Err(Failed {
                sources: self.sources,
                diagnostics: self.diagnostics,
            })
        }
    }

    /// A path written in a file, resolved against that file's folder (a variant's paths are
    /// relative to the variant, its base's to the base).
    fn relative_to_writer(&self, path: &toml::Spanned<String>) -> PathBuf {
        let dir = self
            .sources
            .file_at(path.span().start)
            .and_then(|f| f.path.as_deref())
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        dir.join(path.get_ref())
    }

    /// A calendar of a seed may not be defined again by the scenario (nor by another seed):
    /// a located error at the second definition, naming the file of the first.
    fn check_seed_calendars(&mut self, seeds: &[Calendar], scenario: &[Calendar]) {
        for (i, c) in seeds.iter().enumerate() {
            let again = (seeds[i + 1..].iter())
                .chain(scenario)
                .filter(|d| d.id.get_ref() == c.id.get_ref());
            for d in again {
                let first = (self.sources.file_at(c.id.span().start))
                    .map_or_else(|| "a seed file".to_owned(), |f| f.name.clone());
                self.diagnostics.push(
                    Diagnostic::error(
                        format!(
                            "calendar `{}` is already defined in {first}",
                            d.id.get_ref()
                        ),
                        Some(d.id.span()),
                    )
                    .with_hint(
                        "a seed's calendar is used as it is: remove this one, or give it \
                         another id and name that in `retable.at` / `formal_adoption.at`",
                    ),
                );
            }
        }
    }

    /// Reads the fact bases the `[scenario]` header names, each relative to the file that
    /// named it. Their `[[observed]]` outcomes join the scenario's own, after them; their
    /// Parliament groups and meeting calendars are returned beside their facts.
    fn read_seeds(&mut self, file: &mut ScenarioFile) -> (Vec<Fact>, Vec<Group>, Vec<Calendar>) {
        let Some(header) = &file.scenario else {
            return (Vec::new(), Vec::new(), Vec::new());
        };
        let mut added = Vec::new();
        for seed in &header.seeds {
            let path = self.relative_to_writer(seed);
            if let Err(message) = self.scope.check(&path) {
                self.diagnostics.push(Diagnostic::error(
                    format!("`seeds` leads outside the project: {message}"),
                    Some(seed.span()),
                ));
                continue;
            }
            // A file named twice is read once: its facts are the same either way.
            let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
            if self.seeds_read.contains(&canonical) {
                self.diagnostics.push(
                    Diagnostic::error(
                        format!("seed file {} is listed twice", path.display()),
                        Some(seed.span()),
                    )
                    .with_hint("remove the repeated entry from `seeds`"),
                );
                continue;
            }
            self.seeds_read.push(canonical);
            match self.read(&path) {
                Ok(text) => {
                    added.push(self.sources.files().len());
                    self.sources
                        .add(path.display().to_string(), Some(&path), text);
                }
                Err(message) => self.diagnostics.push(Diagnostic::error(
                    format!("seed file {}: {message}", path.display()),
                    Some(seed.span()),
                )),
            }
        }
        let mut facts = Vec::new();
        let mut groups = Vec::new();
        let mut calendars = Vec::new();
        for index in added {
            let f = &self.sources.files()[index];
            if let Some(table) = parse(&f.text, f.base, &mut self.diagnostics) {
                let mut seed = typed::seed(table, &mut self.diagnostics);
                facts.append(&mut seed.facts);
                file.observed.append(&mut seed.observed);
                groups.append(&mut seed.groups);
                calendars.append(&mut seed.calendars);
            }
        }
        (facts, groups, calendars)
    }
}

/// Parses one file's text into a tree whose spans are global; syntax errors are reported.
fn parse<'a>(text: &'a str, base: usize, diagnostics: &mut Vec<Diagnostic>) -> Option<Table<'a>> {
    let (parsed, errors) = DeTable::parse_recoverable(text);
    // Only the first syntax error, on its one line: a file that is not TOML at all (a
    // password file named by `extends`) must not be shown line after line.
    if let Some(first) = errors.first() {
        let span = first.span().map(|s| {
            let end = text[s.start..]
                .find('\n')
                .map_or(s.end, |n| s.end.min(s.start + n));
            s.start + base..end.max(s.start) + base
        });
        let mut diagnostic = Diagnostic::error(syntax_message(first.message()), span);
        if errors.len() > 1 {
            diagnostic = diagnostic.with_hint(format!(
                "{} more syntax errors follow in this file; fix this one first",
                errors.len() - 1
            ));
        }
        diagnostics.push(diagnostic);
        return None;
    }
    Some(tree::shift_table(parsed.into_inner(), base))
}

/// The `extends` value of a file's `[scenario]` table and its local span: `Some((None, _))`
/// when it is not a string. A file that does not parse has none (its syntax errors are
/// reported by pass two).
fn extends_of(text: &str) -> Option<(Option<String>, Range<usize>)> {
    let (parsed, _) = DeTable::parse_recoverable(text);
    let parsed = parsed.into_inner();
    let DeValue::Table(header) = tree::get(&parsed, "scenario")?.get_ref() else {
        return None;
    };
    let extends = tree::get(header, "extends")?;
    match extends.get_ref() {
        DeValue::String(s) => Some((Some(s.to_string()), extends.span())),
        _ => Some((None, extends.span())),
    }
}

/// Reads an input file: regular files only, at most [`MAX_FILE_BYTES`], UTF-8.
fn read_bounded(path: &Path) -> Result<String, String> {
    files::read_text(path)
}

/// toml's syntax messages, prefixed so the reader knows the file is not even TOML.
fn syntax_message(message: &str) -> String {
    let message = message.trim();
    let mut chars = message.chars();
    match chars.next() {
        Some(c) => format!("invalid TOML: {}{}", c.to_lowercase(), chars.as_str()),
        None => "invalid TOML".to_owned(),
    }
}
