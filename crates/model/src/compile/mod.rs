//! Validation and compilation: raw items → a [`Model`] with dense ids.
//!
//! Every check runs, and every problem is collected, before `compile` returns: an analyst
//! fixes a file in one round, not one error per run. Names are registered for all sections
//! first, so items may refer to items defined later in the file.

mod conditions;
pub(crate) mod effects;
mod items;
mod names;
mod values;

use std::ops::Range;

use toml::Spanned;
use toml::value::Datetime;

use crate::calendar::{Calendar, LAST_DAY, StepUnit};
use crate::diag::{Diagnostic, Sources};
use crate::load::Loaded;
use crate::model::{self, Model};
use crate::raw::{ActorKind, FactKind, NumOrMap, ScenarioFile, StrOrMap};
use crate::vote::{MAX_POPULATION, Vote};
use names::Names;

/// Most steps a scenario may have (about 400 years of months).
pub const MAX_STEPS: usize = 5_000;
/// The largest magnitude of an indicator's range (values are clamped to the range). Monte Carlo
/// bins sum values in millionths as integers: at most 1e18 per value, so an `i128` sum stays
/// exact for any `u64` number of runs (1.8e19 × 1e18 < 1.7e38).
pub const MAX_INDICATOR_MAGNITUDE: f64 = 1e12;
/// The largest `amount_eur` of a proposal. Balanced-aid rules add amounts as `f64`, which
/// holds whole euros exactly up to 2^53 (about 9.007e15): 10,000 proposals (the most a section
/// holds) of at most this much stay below it, so the sums are exact.
pub const MAX_AMOUNT_EUR: i64 = 900_000_000_000;
/// The largest balanced-aid `ratio`: with amounts up to [`MAX_AMOUNT_EUR`], the amount it asks
/// for stays a whole number of euros that `f64` and the timeline's `i64` hold exactly.
pub const MAX_RATIO: f64 = 1000.0;
/// The most states a status may have.
pub const MAX_STATES: usize = 64;
/// Stands in for the states of a status whose list was refused, so that its slots exist.
const PLACEHOLDER_STATE: &str = "(refused)";
/// The most actions one review may have: the run state records which it has taken as the bits
/// of one `u64` (`state::ReviewState::taken`).
pub const MAX_REVIEW_ACTIONS: usize = 64;

/// Validates a loaded scenario and compiles it.
pub fn compile(loaded: &Loaded) -> Result<Model, Vec<Diagnostic>> {
    let mut ctx = Ctx::new(&loaded.sources);
    let model = ctx.compile(&loaded.file, &loaded.facts);
    match model {
        Some(model) if ctx.diags.is_empty() => Ok(model),
        _ => {
            if ctx.diags.is_empty() {
                ctx.diags.push(Diagnostic::error(
                    "the scenario could not be compiled",
                    None,
                ));
            }
            Err(ctx.diags)
        }
    }
}

/// Everything compilation needs while it walks the sections.
pub(crate) struct Ctx<'a> {
    pub sources: &'a Sources,
    pub diags: Vec<Diagnostic>,
    pub calendar: Option<Calendar>,
    pub actors: Names,
    pub actor_kinds: Vec<ActorKind>,
    pub persons: Names,
    pub offices: Names,
    pub indicators: Names,
    pub statuses: Names,
    pub flags: Names,
    pub instruments: Names,
    pub proposals: Names,
    pub policies: Names,
    pub events: Names,
    pub reviews: Names,
    pub triggers: Names,
    pub facts: Names,
    pub packages: Names,
    pub style_keys: Vec<String>,
    /// Compiled indicators and statuses, for resolving slots in conditions and effects.
    pub indicator_defs: Vec<model::Indicator>,
    pub status_defs: Vec<model::Status>,
    pub effects: Vec<model::Effect>,
}

impl<'a> Ctx<'a> {
    fn new(sources: &'a Sources) -> Self {
        Ctx {
            sources,
            diags: Vec::new(),
            calendar: None,
            actors: Names::new("actor"),
            actor_kinds: Vec::new(),
            persons: Names::new("person"),
            offices: Names::new("office"),
            indicators: Names::new("indicator"),
            statuses: Names::new("status"),
            flags: Names::new("flag"),
            instruments: Names::new("instrument"),
            proposals: Names::new("proposal"),
            policies: Names::new("policy"),
            events: Names::new("event"),
            reviews: Names::new("review"),
            triggers: Names::new("trigger"),
            facts: Names::new("fact"),
            packages: Names::new("package"),
            style_keys: Vec::new(),
            indicator_defs: Vec::new(),
            status_defs: Vec::new(),
            effects: Vec::new(),
        }
    }

    pub fn error(&mut self, message: impl Into<String>, span: Range<usize>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(message, Some(span)));
        self.diags.last_mut().expect("just pushed")
    }

    fn compile(&mut self, file: &ScenarioFile, facts: &[crate::raw::Fact]) -> Option<Model> {
        let Some(header) = &file.scenario else {
            self.diags
                .push(Diagnostic::error("missing the [scenario] table", None));
            return None;
        };
        if let Some(problem) = names::id_problem(header.id.get_ref()) {
            self.error(
                format!(
                    "invalid scenario id `{}`: {problem}",
                    header.id.get_ref().escape_debug()
                ),
                header.id.span(),
            )
            .hints
            .push("ids are letters, digits, `-` and `_`, starting with a letter".into());
        }
        self.calendar = self.calendar_of(header);
        let facts = self.facts_of(facts);
        self.register(file);
        let (actors, members) = self.actors_of(file);
        let (persons, offices) = self.persons_and_offices(file);
        let (initial_values, baselines, slot_owner) = self.indicators_of(file);
        let (initial_states, status_slot_owner) = self.statuses_of(file);
        let flags = file
            .flag
            .iter()
            .map(|f| model::Flag {
                id: f.id.get_ref().clone(),
                name: f.name.clone().unwrap_or_else(|| f.id.get_ref().clone()),
                initial: f.initial,
                source: self.cite(&f.source),
            })
            .collect();
        let instruments = file
            .instrument
            .iter()
            .map(|i| model::Instrument {
                id: i.id.get_ref().clone(),
                name: i.name.clone().unwrap_or_else(|| i.id.get_ref().clone()),
                procedure: *i.procedure.get_ref(),
                source: self.cite(&i.source),
            })
            .collect::<Vec<_>>();
        let proposals = self.proposals_of(file, &instruments, &members);
        let policies = self.policies_of(file, &proposals);
        let mut policies_of = vec![Vec::new(); actors.len()];
        for (i, p) in policies.iter().enumerate() {
            // A member that did not resolve stands as index 0 beside its diagnostic, and there
            // may be no actor 0 at all: the model is refused anyway, so skip it.
            if let Some(list) = policies_of.get_mut(p.member as usize) {
                list.push(i as u32);
            }
        }
        let events = self.events_of(file);
        let reviews = self.reviews_of(file);
        let triggers = self.triggers_of(file);
        let expects = self.expects_of(file);
        let default_vote = header
            .default_vote
            .as_ref()
            .map_or(Vote::For, |v| *v.get_ref());
        let calendar = self.calendar.clone()?;
        let mut scheduled = vec![Vec::new(); calendar.len()];
        let mut random_events = Vec::new();
        for (i, e) in events.iter().enumerate() {
            match e.schedule {
                model::Schedule::At { step, .. } => scheduled[step as usize].push(i as u32),
                model::Schedule::Random { .. } => random_events.push(i as u32),
            }
        }
        if !self.diags.is_empty() {
            return None;
        }
        let stream_keys = model::StreamKeys {
            events: events
                .iter()
                .map(|e| model::stable_hash(&["event", &e.id]))
                .collect(),
            policies: policies
                .iter()
                .map(|p| model::stable_hash(&["policy", &p.id]))
                .collect(),
            slots: slot_owner
                .iter()
                .map(|&(i, a)| {
                    let actor = a.map_or("", |a| self.actors.ids[a as usize].as_str());
                    model::stable_hash(&["noise", &self.indicators.ids[i as usize], actor])
                })
                .collect(),
        };
        Some(Model {
            id: header.id.get_ref().clone(),
            title: header
                .title
                .clone()
                .unwrap_or_else(|| header.id.get_ref().clone()),
            calendar,
            default_vote,
            actors,
            members,
            persons,
            style_keys: self.style_keys.clone(),
            offices,
            indicators: std::mem::take(&mut self.indicator_defs),
            initial_values,
            baselines,
            slot_owner,
            statuses: std::mem::take(&mut self.status_defs),
            initial_states,
            status_slot_owner,
            flags,
            instruments,
            proposals,
            packages: self.packages.ids.clone(),
            policies,
            policies_of,
            events,
            scheduled,
            random_events,
            reviews,
            triggers,
            expects,
            effects: std::mem::take(&mut self.effects),
            facts,
            source_hash: hash_sources(self.sources),
            stream_keys,
        })
    }

    fn calendar_of(&mut self, header: &crate::raw::Header) -> Option<Calendar> {
        let header_span = header.id.span();
        let (Some(start), Some(end)) = (&header.start, &header.end) else {
            let missing = if header.start.is_none() {
                "start"
            } else {
                "end"
            };
            self.error(format!("[scenario] needs `{missing}`"), header_span)
                .hints
                .push(format!("for example: {missing} = 2024-01-01"));
            return None;
        };
        let (start_date, end_date) = (self.date(start)?, self.date(end)?);
        let unit = header
            .step
            .as_ref()
            .map_or(StepUnit::Month, |s| *s.get_ref());
        if end_date < start_date {
            self.error(
                format!("`end` ({end_date}) is before `start` ({start_date})"),
                end.span(),
            )
            .label = Some("the scenario would have no steps".into());
            return None;
        }
        if end_date > LAST_DAY {
            self.error(
                format!("`end` ({end_date}) is after {LAST_DAY}, the last day the calendar holds"),
                end.span(),
            );
            return None;
        }
        let calendar = Calendar::new(start_date, end_date, unit, MAX_STEPS);
        if calendar.is_none() {
            self.error(
                format!("the scenario has more than {MAX_STEPS} steps"),
                end.span(),
            )
            .hints
            .push("shorten the period or use monthly steps".into());
        }
        calendar
    }

    /// A TOML date as a civil date; times and offsets are refused.
    pub fn date(&mut self, value: &Spanned<Datetime>) -> Option<jiff::civil::Date> {
        let dt = value.get_ref();
        match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                let date =
                    crate::calendar::date(i32::from(d.year), u32::from(d.month), u32::from(d.day));
                if date.is_none() {
                    self.error(format!("`{dt}` is not a real day"), value.span());
                }
                date
            }
            _ => {
                self.error(
                    format!("expected a date like 2025-05-22, found `{dt}`"),
                    value.span(),
                )
                .hints
                .push("times and time zones are not used: write only the day".into());
                None
            }
        }
    }

    /// The step a date falls in, and its day number; dates outside the scenario are errors.
    pub fn step_of(&mut self, value: &Spanned<Datetime>) -> Option<(u32, i32)> {
        let date = self.date(value)?;
        let calendar = self.calendar.as_ref()?;
        match calendar.step_of(date) {
            Some(step) => Some((step, crate::calendar::day_number(date))),
            None => {
                let (s, e) = (calendar.start, calendar.end);
                self.error(
                    format!("{date} is outside the scenario ({s} to {e})"),
                    value.span(),
                );
                None
            }
        }
    }

    /// A fact citation, checked.
    pub fn cite(&mut self, source: &Option<Spanned<String>>) -> Option<u32> {
        let source = source.as_ref()?;
        match self.facts.get(source.get_ref()) {
            Some(f) => Some(f),
            None => {
                let d = self.facts.unknown(source.get_ref(), Some(source.span()));
                let d = if self.facts.ids.is_empty() {
                    d.with_hint("cite facts from a seed file listed in [scenario] `seeds`")
                } else {
                    d
                };
                self.diags.push(d);
                None
            }
        }
    }

    fn facts_of(&mut self, facts: &[crate::raw::Fact]) -> Vec<model::Fact> {
        let mut out = Vec::new();
        for fact in facts {
            if self.facts.add(&fact.id, &mut self.diags).is_none() {
                continue;
            }
            let day = fact
                .date
                .as_ref()
                .and_then(|d| self.date(d))
                .map(crate::calendar::day_number);
            if let Some(p) = &fact.precision
                && !matches!(p.as_str(), "day" | "month" | "year")
            {
                self.error(
                    format!("`precision` must be day, month or year, found `{p}`"),
                    fact.id.span(),
                );
            }
            out.push(model::Fact {
                id: fact.id.get_ref().clone(),
                day,
                precision: fact.precision.clone(),
                kind: fact.kind.as_ref().map_or(FactKind::Fact, |k| *k.get_ref()),
                summary: fact.summary.clone(),
                document: fact.document.clone(),
                paragraph: fact.paragraph.clone(),
            });
        }
        out
    }

    /// Registers the ids of every section, so references may point forward.
    fn register(&mut self, file: &ScenarioFile) {
        let diags = &mut self.diags;
        for a in &file.actor {
            self.actors.add_named(&a.id, a.name.as_deref(), diags);
            self.actor_kinds.push(*a.kind.get_ref());
        }
        for x in &file.person {
            self.persons.add(&x.id, diags);
        }
        for x in &file.office {
            self.offices.add(&x.id, diags);
        }
        for x in &file.indicator {
            self.indicators.add(&x.id, diags);
        }
        for x in &file.status {
            self.statuses.add(&x.id, diags);
        }
        for x in &file.flag {
            self.flags.add(&x.id, diags);
        }
        for x in &file.instrument {
            self.instruments.add(&x.id, diags);
        }
        for x in &file.proposal {
            self.proposals.add(&x.id, diags);
        }
        for x in &file.policy {
            self.policies.add(&x.id, diags);
        }
        for x in &file.event {
            self.events.add(&x.id, diags);
        }
        for x in &file.review {
            self.reviews.add(&x.id, diags);
        }
        for x in &file.trigger {
            self.triggers.add(&x.id, diags);
        }
        if !self.diags.is_empty() {
            // A duplicate shifts every later index; stop before items point at wrong ones.
            self.calendar = None;
        }
    }

    fn actors_of(&mut self, file: &ScenarioFile) -> (Vec<model::Actor>, Vec<u32>) {
        let mut actors = Vec::new();
        let mut members = Vec::new();
        for (i, a) in file.actor.iter().enumerate() {
            let kind = *a.kind.get_ref();
            let population = match (&a.population, kind) {
                (Some(p), _) if *p.get_ref() > MAX_POPULATION as i64 => {
                    self.error(
                        format!(
                            "population {} is larger than the limit of {MAX_POPULATION} (ten billion)",
                            p.get_ref()
                        ),
                        p.span(),
                    );
                    0
                }
                (Some(p), ActorKind::MemberState) if *p.get_ref() > 0 => *p.get_ref() as u64,
                (Some(p), ActorKind::MemberState) => {
                    self.error(
                        format!("population must be positive, found {}", p.get_ref()),
                        p.span(),
                    );
                    0
                }
                (None, ActorKind::MemberState) => {
                    self.error(
                        format!(
                            "member state `{}` needs a `population` (for qualified-majority votes)",
                            a.id.get_ref()
                        ),
                        a.id.span(),
                    );
                    0
                }
                (Some(p), _) if *p.get_ref() < 0 => {
                    self.error("population must not be negative", p.span());
                    0
                }
                (Some(p), _) => *p.get_ref() as u64,
                (None, _) => 0,
            };
            if kind == ActorKind::MemberState {
                members.push(i as u32);
            }
            actors.push(model::Actor {
                id: a.id.get_ref().clone(),
                name: a.name.clone().unwrap_or_else(|| a.id.get_ref().clone()),
                kind,
                population,
                source: self.cite(&a.source),
            });
        }
        (actors, members)
    }

    fn persons_and_offices(
        &mut self,
        file: &ScenarioFile,
    ) -> (Vec<model::Person>, Vec<model::Office>) {
        for p in &file.person {
            for key in p.style.keys() {
                if !self.style_keys.contains(key) {
                    self.style_keys.push(key.clone());
                }
            }
        }
        let mut persons = Vec::new();
        for p in &file.person {
            let mut style = vec![1.0; self.style_keys.len()];
            for (key, value) in &p.style {
                let k = self.style_keys.iter().position(|s| s == key).unwrap_or(0);
                style[k] = self.finite(value).unwrap_or(1.0);
            }
            self.cite(&p.source);
            persons.push(model::Person {
                id: p.id.get_ref().clone(),
                name: p.name.clone().unwrap_or_else(|| p.id.get_ref().clone()),
                style,
            });
        }
        let mut offices = Vec::new();
        for o in &file.office {
            let holder = o
                .holder
                .as_ref()
                .and_then(|h| self.persons.resolve(h, &mut self.diags));
            self.cite(&o.source);
            offices.push(model::Office {
                id: o.id.get_ref().clone(),
                name: o.name.clone().unwrap_or_else(|| o.id.get_ref().clone()),
                initial_holder: holder,
            });
        }
        (persons, offices)
    }

    /// Indicators: slots, ranges, initial values and baselines.
    fn indicators_of(&mut self, file: &ScenarioFile) -> (Vec<f64>, Vec<f64>, Vec<SlotOwner>) {
        let (mut initial, mut baseline, mut owner) = (Vec::new(), Vec::new(), Vec::new());
        for (index, ind) in file.indicator.iter().enumerate() {
            let actors = match &ind.actors {
                Some(list) => self.actor_list(list.get_ref()),
                None => Vec::new(),
            };
            if ind.actors.as_ref().is_some_and(|l| l.get_ref().is_empty()) {
                self.error(
                    "`actors` is empty: omit it for a global indicator",
                    ind.actors.as_ref().map(|l| l.span()).unwrap_or_default(),
                );
            }
            let (min, max) = self.range_of(ind);
            let drift = ind
                .drift
                .as_ref()
                .and_then(|d| self.unit_interval(d, "drift"))
                .unwrap_or(0.0);
            let noise = match &ind.noise {
                Some(n) => match self.finite(n) {
                    Some(v) if v >= 0.0 => v,
                    Some(_) => {
                        self.error(
                            "`noise` is a standard deviation and cannot be negative",
                            n.span(),
                        );
                        0.0
                    }
                    None => 0.0,
                },
                None => 0.0,
            };
            let first_slot = initial.len() as u32;
            let slots = actors.len().max(1);
            let starts = self.per_actor(
                ind.initial.as_ref(),
                &actors,
                ind.id.span(),
                "initial",
                min.max(0.0).min(max),
            );
            let bases = match &ind.baseline {
                Some(_) => self.per_actor(
                    ind.baseline.as_ref(),
                    &actors,
                    ind.id.span(),
                    "baseline",
                    0.0,
                ),
                None => starts.clone(),
            };
            for (slot, (s, b)) in starts.iter().zip(&bases).enumerate() {
                for (v, what) in [(s, "initial"), (b, "baseline")] {
                    if !(min..=max).contains(v) {
                        let span = ind
                            .initial
                            .as_ref()
                            .map(|i| i.span())
                            .unwrap_or(ind.id.span());
                        self.error(
                            format!("{what} value {v} is outside the range [{min}, {max}]"),
                            span,
                        );
                    }
                }
                owner.push((index as u32, actors.get(slot).copied()));
            }
            debug_assert_eq!(starts.len(), slots);
            initial.extend(starts);
            baseline.extend(bases);
            self.cite(&ind.source);
            self.indicator_defs.push(model::Indicator {
                id: ind.id.get_ref().clone(),
                name: ind.name.clone().unwrap_or_else(|| ind.id.get_ref().clone()),
                actors,
                first_slot,
                min,
                max,
                drift,
                noise,
                source: None,
            });
        }
        (initial, baseline, owner)
    }

    fn range_of(&mut self, ind: &crate::raw::Indicator) -> (f64, f64) {
        let Some(range) = &ind.range else {
            return (0.0, 100.0);
        };
        let values = range.get_ref();
        if values.len() != 2 {
            self.error(
                format!("`range` must be [min, max], found {} numbers", values.len()),
                range.span(),
            );
            return (0.0, 100.0);
        }
        let (Some(min), Some(max)) = (self.finite(&values[0]), self.finite(&values[1])) else {
            return (0.0, 100.0);
        };
        if min >= max {
            self.error(
                format!("empty range: min {min} is not below max {max}"),
                range.span(),
            );
            return (0.0, 100.0);
        }
        if min < -MAX_INDICATOR_MAGNITUDE || max > MAX_INDICATOR_MAGNITUDE {
            self.error(
                format!(
                    "range [{}, {}] goes past ±{MAX_INDICATOR_MAGNITUDE:e}, the largest indicator \
                     values statistics are kept exactly for",
                    values::shown(min),
                    values::shown(max)
                ),
                range.span(),
            )
            .hints
            .push(
                "measure in larger units (millions, billions) to bring the range within ±1e12"
                    .into(),
            );
            return (0.0, 100.0);
        }
        (min, max)
    }

    /// One value per actor (or one for a global indicator) from `7` or `{ armenia = 7 }`.
    fn per_actor(
        &mut self,
        value: Option<&Spanned<NumOrMap>>,
        actors: &[u32],
        item: Range<usize>,
        what: &str,
        default: f64,
    ) -> Vec<f64> {
        let slots = actors.len().max(1);
        let Some(value) = value else {
            return vec![default; slots];
        };
        match value.get_ref() {
            NumOrMap::All(v) => {
                if !v.is_finite() {
                    self.error(format!("`{what}` must be a finite number"), value.span());
                }
                vec![*v; slots]
            }
            NumOrMap::ByActor(entries) => {
                if actors.is_empty() {
                    self.error(format!("`{what}` is a table by actor, but this indicator is global (it has no `actors`)"), value.span());
                    return vec![default; 1];
                }
                let mut out = vec![f64::NAN; slots];
                for (actor, v) in entries {
                    let Some(a) = self.actors.resolve(actor, &mut self.diags) else {
                        continue;
                    };
                    let Some(pos) = actors.iter().position(|x| *x == a) else {
                        self.error(
                            format!(
                                "`{}` is not one of this indicator's actors",
                                actor.get_ref()
                            ),
                            actor.span(),
                        );
                        continue;
                    };
                    out[pos] = self.finite(v).unwrap_or(default);
                }
                for (pos, v) in out.iter_mut().enumerate() {
                    if v.is_nan() {
                        let id = self.actors.ids[actors[pos] as usize].clone();
                        self.error(format!("`{what}` has no value for `{id}`"), value.span());
                        *v = default;
                    }
                }
                let _ = item;
                out
            }
        }
    }

    /// Statuses: slots, states and initial states.
    fn statuses_of(&mut self, file: &ScenarioFile) -> (Vec<u16>, Vec<(u32, u32)>) {
        let (mut initial, mut owner) = (Vec::new(), Vec::new());
        for (index, st) in file.status.iter().enumerate() {
            let actors = self.actor_list(st.actors.get_ref());
            if actors.is_empty() {
                self.error("a status needs at least one actor", st.actors.span());
            }
            let mut states: Vec<String> = Vec::new();
            let given = st.states.get_ref();
            // The limit before the work: duplicates are found by scanning, which is only cheap
            // for a list this short.
            if given.is_empty() || given.len() > MAX_STATES {
                self.error(
                    format!(
                        "a status needs between 1 and {MAX_STATES} states, found {}",
                        given.len()
                    ),
                    st.states.span(),
                );
                states.push(PLACEHOLDER_STATE.into());
            } else {
                for s in given {
                    if states.contains(s.get_ref()) {
                        self.error(format!("duplicate state `{}`", s.get_ref()), s.span());
                    } else {
                        states.push(s.get_ref().clone());
                    }
                }
            }
            let first_slot = initial.len() as u32;
            let placeholder = states == [PLACEHOLDER_STATE];
            let lookup = |this: &mut Self, name: &str, span: Range<usize>| -> u16 {
                match states.iter().position(|s| s == name) {
                    Some(i) => i as u16,
                    // The states were refused already; a lookup in the stand-in says nothing.
                    None if placeholder => 0,
                    None => {
                        let d = Diagnostic::error(
                            format!("unknown state `{name}` of status `{}`", st.id.get_ref()),
                            Some(span),
                        )
                        .suggest(name, states.iter().map(String::as_str))
                        .with_hint(format!("states: {}", states.join(", ")));
                        this.diags.push(d);
                        0
                    }
                }
            };
            match st.initial.get_ref() {
                StrOrMap::All(name) => {
                    let s = lookup(self, name, st.initial.span());
                    for &a in &actors {
                        initial.push(s);
                        owner.push((index as u32, a));
                    }
                }
                StrOrMap::ByActor(entries) => {
                    let mut by_actor = vec![None; actors.len()];
                    for (actor, state) in entries {
                        let Some(a) = self.actors.resolve(actor, &mut self.diags) else {
                            continue;
                        };
                        match actors.iter().position(|x| *x == a) {
                            Some(pos) => {
                                by_actor[pos] = Some(lookup(self, state.get_ref(), state.span()))
                            }
                            None => {
                                self.error(
                                    format!(
                                        "`{}` is not one of this status's actors",
                                        actor.get_ref()
                                    ),
                                    actor.span(),
                                );
                            }
                        }
                    }
                    for (pos, &a) in actors.iter().enumerate() {
                        if by_actor[pos].is_none() {
                            let id = self.actors.ids[a as usize].clone();
                            self.error(
                                format!("`initial` has no state for `{id}`"),
                                st.initial.span(),
                            );
                        }
                        initial.push(by_actor[pos].unwrap_or(0));
                        owner.push((index as u32, a));
                    }
                }
            }
            self.cite(&st.source);
            self.status_defs.push(model::Status {
                id: st.id.get_ref().clone(),
                name: st.name.clone().unwrap_or_else(|| st.id.get_ref().clone()),
                states,
                actors,
                first_slot,
                source: None,
            });
        }
        (initial, owner)
    }

    /// Actor references, resolved; unknown ones are reported and skipped.
    pub fn actor_list(&mut self, list: &[Spanned<String>]) -> Vec<u32> {
        let mut out = Vec::new();
        for a in list {
            if let Some(i) = self.actors.resolve(a, &mut self.diags) {
                if out.contains(&i) {
                    self.error(format!("`{}` is listed twice", a.get_ref()), a.span());
                } else {
                    out.push(i);
                }
            }
        }
        out
    }
}

/// An indicator slot's indicator and actor (none for a global indicator).
type SlotOwner = (u32, Option<u32>);

/// FNV-1a over every source text: stable across platforms and versions, unlike `Hash`.
fn hash_sources(sources: &Sources) -> u64 {
    model::fnv1a(sources.files().iter().map(|f| f.text.as_str()), 0xff)
}
