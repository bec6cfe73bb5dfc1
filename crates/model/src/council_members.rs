//! The Council members that `statecraft vote` and `statecraft power` count: ids and the
//! populations behind a qualified majority. (A scenario's own `[scenario] members` file is
//! read by `load/members.rs`; both go through [`crate::members_csv`].)
//!
//! They come from a CSV file, from the member states of a scenario file, or, by default, from
//! the Council's 2025 figures in `seeds/` built into the binary, so the commands work with no
//! file at hand. Reading is loose on purpose (extra columns and keys are ignored) but every
//! problem names the file and line. A scenario is read by the scenario loader itself, so a
//! variant's `extends` is followed, its `members` CSV read and every check applied, exactly as
//! `run` would.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Sources, did_you_mean};

/// Why members cannot be read.
#[derive(Debug)]
pub enum MembersError {
    /// A file that cannot be read or is malformed; the message names the file and line.
    Invalid(String),
    /// A scenario given as the members file does not load or compile.
    Scenario {
        path: PathBuf,
        sources: Sources,
        diagnostics: Vec<Diagnostic>,
    },
}

type Result<T> = std::result::Result<T, MembersError>;

/// The Council's population figures for 2025 (see `seeds/eu27-council-population-2025.md`).
const EU27_2025: &str = include_str!("../../../seeds/eu27-council-population-2025.csv");
const EU27_2025_NAME: &str = "eu27-council-population-2025.csv";

/// Members in file order.
#[derive(Clone, Debug, Default)]
pub struct Members {
    pub ids: Vec<String>,
    /// The readable name, where the file gives one.
    pub names: Vec<Option<String>>,
    pub populations: Vec<u64>,
}

impl Members {
    /// The members of `path` (`.toml`: a scenario's member states, read with reads also
    /// allowed below `allowed`; anything else: a CSV), or the built-in EU27 figures.
    pub fn load(path: Option<&Path>, allowed: &[PathBuf]) -> Result<Members> {
        let Some(path) = path else {
            return Members::from_csv(EU27_2025, EU27_2025_NAME);
        };
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        {
            return Members::from_scenario(path, allowed);
        }
        let text = crate::load::files::read_text(path)
            .map_err(|e| MembersError::Invalid(format!("{}: {e}", path.display())))?;
        Members::from_csv(&text, &path.display().to_string())
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// A CSV whose header names an `id` and a `population` column (others, such as `name`,
    /// are kept or ignored), read by the scenario loader's reader
    /// ([`crate::members_csv`]), so both accept the same files.
    pub fn from_csv(text: &str, file: &str) -> Result<Members> {
        let (rows, errors) = crate::members_csv::read(text);
        if let Some(e) = errors.first() {
            return Err(MembersError::Invalid(format!(
                "{file}:{}: {}",
                e.line, e.message
            )));
        }
        let mut members = Members::default();
        for row in rows {
            let at =
                |message: String| MembersError::Invalid(format!("{file}:{}: {message}", row.line));
            // A member of no people cannot be weighed.
            let population = u64::try_from(row.population)
                .ok()
                .filter(|&p| p > 0)
                .ok_or_else(|| {
                    at(format!(
                        "population must be positive, found {}",
                        row.population
                    ))
                })?;
            members.push(&row.id, row.name, population, &at)?;
        }
        members.non_empty(file)
    }

    /// A scenario's member states, read by the scenario loader itself (so `extends`,
    /// `[scenario] members` and every check apply), in the order the model has them.
    pub fn from_scenario(path: &Path, allowed: &[PathBuf]) -> Result<Members> {
        let invalid = |sources: Sources, diagnostics: Vec<Diagnostic>| MembersError::Scenario {
            path: path.to_owned(),
            sources,
            diagnostics,
        };
        let loaded = crate::load::load_allowing(path, &[], allowed)
            .map_err(|f| invalid(f.sources, f.diagnostics))?;
        let model = crate::compile(&loaded).map_err(|d| invalid(loaded.sources.clone(), d))?;
        let mut members = Members {
            ids: Vec::new(),
            names: Vec::new(),
            populations: Vec::new(),
        };
        for &m in model.members() {
            let actor = model.actor(m);
            members.ids.push(actor.id.clone());
            members
                .names
                .push((actor.name != actor.id).then(|| actor.name.clone()));
            members.populations.push(actor.population);
        }
        members.non_empty(&path.display().to_string())
    }

    /// The index of `id` (ids match regardless of case); for an unknown id, a message naming
    /// `flag` (where it was given) with a suggestion.
    pub fn index_of(&self, id: &str, flag: &str) -> std::result::Result<usize, String> {
        if let Some(i) = self.ids.iter().position(|m| m.eq_ignore_ascii_case(id)) {
            return Ok(i);
        }
        // Ids and names compete for the closest match, as people type either (`hungry`).
        let candidates: Vec<(usize, String)> = (0..self.len())
            .map(|i| (i, self.ids[i].to_lowercase()))
            .chain(
                (self.names.iter().enumerate())
                    .filter_map(|(i, n)| Some((i, n.as_ref()?.to_lowercase()))),
            )
            .collect();
        let best = did_you_mean(
            &id.to_lowercase(),
            candidates.iter().map(|(_, c)| c.as_str()),
        )
        .and_then(|best| candidates.iter().find(|(_, c)| c == best))
        .map(|&(i, _)| i);
        let hint = match best {
            Some(i) => match &self.names[i] {
                Some(name) => format!("did you mean `{}` ({name})?", self.ids[i]),
                None => format!("did you mean `{}`?", self.ids[i]),
            },
            None => format!("members are: {}", self.ids.join(", ")),
        };
        Err(format!("unknown member `{id}` in {flag}; {hint}"))
    }

    fn push(
        &mut self,
        id: &str,
        name: Option<String>,
        population: u64,
        at: &dyn Fn(String) -> MembersError,
    ) -> Result<()> {
        let id = id.trim();
        if id.is_empty() {
            return Err(at("empty member id".into()));
        }
        if self.ids.iter().any(|m| m.eq_ignore_ascii_case(id)) {
            return Err(at(format!("member `{id}` is listed twice")));
        }
        self.ids.push(id.to_owned());
        self.names.push(name);
        self.populations.push(population);
        Ok(())
    }

    fn non_empty(self, file: &str) -> Result<Members> {
        if self.is_empty() {
            return Err(MembersError::Invalid(format!("{file}: no members listed")));
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(result: Result<Members>) -> (u8, String) {
        match result.unwrap_err() {
            MembersError::Invalid(message) => (1, message),
            MembersError::Scenario { diagnostics, .. } => (1, format!("{diagnostics:?}")),
        }
    }

    #[test]
    fn the_built_in_figures_are_the_eu27() {
        let m = Members::load(None, &[]).unwrap();
        assert_eq!(m.len(), 27);
        assert_eq!(
            (m.ids[0].as_str(), m.names[0].as_deref()),
            ("de", Some("Germany"))
        );
        // The sum of the member figures, 45,103 over the official total (see the seed's notes).
        assert_eq!(m.populations.iter().sum::<u64>(), 451_073_984);
    }

    #[test]
    fn csv_columns_are_found_by_name_and_quotes_protect_commas() {
        let text = "name,population,id,extra\n\n\"Germany, Federal Republic\",83395240,de,x\nMalta,541235,mt\n";
        let m = Members::from_csv(text, "m.csv").unwrap();
        assert_eq!(m.ids, ["de", "mt"]);
        assert_eq!(m.names[0].as_deref(), Some("Germany, Federal Republic"));
        assert_eq!(m.populations, [83_395_240, 541_235]);
    }

    #[test]
    fn csv_errors_name_the_file_and_line() {
        let cases = [
            ("", "m.csv:1: the members file is empty"),
            (
                "id,pop\nde,1\n",
                "m.csv:1: the header needs `id` and `population` columns",
            ),
            (
                "id,population\nde,1\n\nfr,many\n",
                "m.csv:4: population must be a positive whole number, found `many`",
            ),
            (
                "id,population\nde,0\n",
                "m.csv:2: population must be positive",
            ),
            (
                "id,population\nde,1\nDE,2\n",
                "m.csv:3: member `DE` is listed twice",
            ),
            ("id,population\n,1\n", "m.csv:2: empty member id"),
            ("id,population\n", "m.csv: no members listed"),
        ];
        for (text, expected) in cases {
            let (code, message) = error_of(Members::from_csv(text, "m.csv"));
            assert_eq!(code, 1, "{message}");
            assert!(
                message.starts_with(expected),
                "`{message}` should start with `{expected}`"
            );
        }
    }

    #[test]
    fn a_scenario_gives_its_member_states_members_file_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("seeds")).unwrap();
        std::fs::write(
            dir.path().join("seeds/m.csv"),
            "id,population\nde,83395240\n",
        )
        .unwrap();
        let scenario = dir.path().join("s.toml");
        let text = "[scenario]\nid = \"s\"\nstart = 2025-01-01\nend = 2025-12-31\nmembers = \"seeds/m.csv\"\n\n[[actor]]\nid = \"mt\"\nname = \"Malta\"\nkind = \"member_state\"\npopulation = 541_235\n\n[[actor]]\nid = \"commission\"\nkind = \"institution\"\n";
        std::fs::write(&scenario, text).unwrap();
        let m = Members::load(Some(&scenario), &[]).unwrap();
        assert_eq!(m.ids, ["de", "mt"]);
        assert_eq!(m.populations, [83_395_240, 541_235]);
        assert_eq!(m.names, [None, Some("Malta".to_owned())]);
        // A variant works too: the loader follows `extends`.
        let variant = dir.path().join("v.toml");
        std::fs::write(&variant, "[scenario]\nid = \"v\"\nextends = \"s.toml\"\n").unwrap();
        assert_eq!(
            Members::load(Some(&variant), &[]).unwrap().ids,
            ["de", "mt"]
        );
    }

    #[test]
    fn an_invalid_scenario_is_invalid_input_with_located_diagnostics() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = dir.path().join("bad.toml");
        std::fs::write(&scenario, "[scenario]\nid = \"s\"\nstart = 2025-01-01\nend = 2025-12-31\n\n[[actor]]\nid = \"hu\"\nkind = \"member_state\"\n").unwrap();
        let (code, message) = error_of(Members::load(Some(&scenario), &[]));
        assert_eq!(code, 1);
        assert!(message.contains("needs a `population`"), "{message}");
    }

    #[test]
    fn unknown_ids_are_usage_errors_with_a_suggestion() {
        let m = Members::load(None, &[]).unwrap();
        assert_eq!(m.index_of("HU", "--against").unwrap(), 12);
        for (wrong, hint) in [
            ("hungry", "did you mean `hu` (Hungary)?"),
            ("germny", "did you mean `de` (Germany)?"),
            ("xx", "members are: de, fr, it"),
        ] {
            let e = m.index_of(wrong, "--against").unwrap_err();
            assert!(e.starts_with(&format!("unknown member `{wrong}` in --against")));
            assert!(e.contains(hint), "{e}");
        }
    }
}
