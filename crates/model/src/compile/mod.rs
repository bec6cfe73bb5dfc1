//! Validation and compilation: raw items → a [`Model`] with dense ids.
//!
//! Every check runs, and every problem is collected, before `compile` returns: an analyst
//! fixes a file in one round, not one error per run. Names are registered for all sections
//! first, so items may refer to items defined later in the file.
//!
//! This module orchestrates: it registers the names, calls one compiler per section (one
//! module each: `actors`, `indicators`, `statuses`, `proposals`, `policies`, `events`,
//! `reviews`, `expects`, `observed`, `uncertain`, with `facts` and `dates` for citations and the calendar) and
//! assembles the [`Model`]. `conditions`, `effects`, `names` and `values` are shared by all.

mod actors;
mod calendars;
mod conditions;
pub use conditions::{BUILTINS as CONDITION_FUNCTIONS, builtin_argument};
mod cutoff;
mod dates;
pub(crate) mod effects;
mod events;
mod expects;
mod facts;
mod groups;
pub mod index;
mod indicators;
mod names;
mod observed;
mod policies;
mod proposals;
mod reviews;
mod statuses;
mod uncertain;
mod values;

use std::ops::Range;

use crate::calendar::Calendar;
use crate::diag::{Diagnostic, Sources};
use crate::load::Loaded;
use crate::model::{self, Model};
use crate::raw::{ActorKind, ScenarioFile};
use crate::vote::Vote;
use names::Names;

use crate::id::*;

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
/// The most actions one review may have: the run state records which it has taken as the bits
/// of one `u64` (`state::ReviewState::taken`).
pub const MAX_REVIEW_ACTIONS: usize = 64;

/// Validates a loaded scenario and compiles it.
pub fn compile(loaded: &Loaded) -> Result<Model, Vec<Diagnostic>> {
    let mut ctx = Ctx::new(&loaded.sources);
    let model = ctx.compile(&loaded.file, &loaded.facts);
    ctx.finish(model)
}

impl Ctx<'_> {
    fn finish(&mut self, model: Option<Model>) -> Result<Model, Vec<Diagnostic>> {
        let ctx = self;
        match model {
            Some(model) if ctx.diags.is_empty() => Ok(model),
            _ => {
                if ctx.diags.is_empty() {
                    ctx.diags.push(Diagnostic::error(
                        "the scenario could not be compiled",
                        None,
                    ));
                }
                Err(std::mem::take(&mut ctx.diags))
            }
        }
    }
}

/// Everything compilation needs while it walks the sections.
pub(crate) struct Ctx<'a> {
    pub sources: &'a Sources,
    pub diags: Vec<Diagnostic>,
    pub calendar: Option<Calendar>,
    pub actors: Names<ActorId>,
    pub actor_kinds: Vec<ActorKind>,
    pub persons: Names<PersonId>,
    pub offices: Names<OfficeId>,
    pub indicators: Names<IndicatorId>,
    pub statuses: Names<StatusId>,
    pub flags: Names<FlagId>,
    pub calendars: Names<CalendarId>,
    pub groups: Names<GroupId>,
    pub instruments: Names<InstrumentId>,
    pub proposals: Names<ProposalId>,
    pub policies: Names<PolicyId>,
    pub events: Names<EventId>,
    pub reviews: Names<ReviewId>,
    pub triggers: Names<TriggerId>,
    pub facts: Names<FactId>,
    pub packages: Names<PackageId>,
    pub style_keys: Vec<String>,
    /// Compiled indicators and statuses, for resolving slots in conditions and effects.
    pub indicator_defs: Vec<model::Indicator>,
    pub status_defs: Vec<model::Status>,
    pub effects: Vec<model::Effect>,
    /// Proposals whose dry run a condition reads, in the order first read.
    pub dry_run: Vec<ProposalId>,
    /// Every condition compiled, with the span of its string (for the editor's index).
    pub conditions: Vec<(Range<usize>, model::Cond)>,
    /// Every state of a status written in the file (for the editor's index): states are
    /// names within one status, not ids of a name table.
    pub states_written: std::cell::RefCell<Vec<index::StateMention>>,
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
            calendars: Names::new("calendar"),
            instruments: Names::new("instrument"),
            proposals: Names::new("proposal"),
            policies: Names::new("policy"),
            events: Names::new("event"),
            reviews: Names::new("review"),
            triggers: Names::new("trigger"),
            groups: Names::new("group"),
            facts: Names::new("fact"),
            packages: Names::new("package"),
            style_keys: Vec::new(),
            indicator_defs: Vec::new(),
            status_defs: Vec::new(),
            effects: Vec::new(),
            dry_run: Vec::new(),
            conditions: Vec::new(),
            states_written: std::cell::RefCell::new(Vec::new()),
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
        let flags = self.flags_of(file);
        let calendars = self.calendars_of(file);
        let groups = self.groups_of(file);
        let instruments = self.instruments_of(file, &groups);
        let mut proposals = self.proposals_of(file, &instruments, &members, &groups);
        let ratifying = proposals
            .iter()
            .filter(|p| p.ratification.is_some())
            .count() as u32;
        let policies = self.policies_of(file, &proposals);
        let mut policies_of = vec![Vec::new(); actors.len()];
        let mut group_policies = vec![Vec::new(); groups.len()];
        for (i, p) in policies.iter().enumerate() {
            // A member that did not resolve stands as index 0 beside its diagnostic, and there
            // may be no actor 0 at all: the model is refused anyway, so skip it.
            let list = match p.holder {
                model::Holder::Member(m) => policies_of.get_mut(m.index()),
                model::Holder::Group(g) => group_policies.get_mut(g.index()),
            };
            if let Some(list) = list {
                list.push(PolicyId::from_index(i));
            }
        }
        let remembering = policies
            .iter()
            .enumerate()
            .filter(|(_, p)| p.lift_when.is_some() || p.concession.is_some())
            .map(|(i, _)| PolicyId::from_index(i))
            .collect();
        let events = self.events_of(file);
        let reviews = self.reviews_of(file, &instruments);
        let triggers = self.triggers_of(file);
        let expects = self.expects_of(file);
        let observed = self.observed_of(file);
        let uncertain = self.uncertain_of(file);
        let cut_off = self.cut_off(file, &events, &mut proposals);
        let default_vote = header
            .default_vote
            .as_ref()
            .map_or(Vote::For, |v| *v.get_ref());
        if let Some(v) = &header.default_vote
            && matches!(v.get_ref(), Vote::Absent | Vote::NotParticipating)
        {
            self.error(
                format!(
                    "`default_vote` cannot be `{}`: it is the vote of every member no policy covers",
                    v.get_ref().as_str()
                ),
                v.span(),
            )
            .hints
            .push("write an `absent` or `not_participating` [[policy]] for the members concerned".into());
        }
        let calendar = self.calendar.clone()?;
        let mut scheduled = vec![Vec::new(); calendar.len()];
        let mut random_events = Vec::new();
        for (i, e) in events.iter().enumerate() {
            match e.schedule {
                model::Schedule::At { .. } if cut_off.events_out[i] => {}
                model::Schedule::At { step, .. } => {
                    scheduled[step as usize].push(EventId::from_index(i));
                }
                model::Schedule::Random { .. } => random_events.push(EventId::from_index(i)),
            }
        }
        // A step's scheduled events run in date order, file order breaking ties.
        for in_step in &mut scheduled {
            in_step.sort_by_key(|&e| match events[e.index()].schedule {
                model::Schedule::At { day, .. } => (day, e.index()),
                model::Schedule::Random { .. } => (i32::MAX, e.index()),
            });
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
            groups: (groups.iter())
                .map(|g| model::stable_hash(&["group", &g.id]))
                .collect(),
            slots: slot_owner
                .iter()
                .map(|owner| {
                    let actor = owner
                        .actor
                        .map_or("", |a| self.actors.ids[a.index()].as_str());
                    let indicator = &self.indicators.ids[owner.indicator.index()];
                    model::stable_hash(&["noise", indicator, actor])
                })
                .collect(),
            proposals: proposals
                .iter()
                .map(|p| model::stable_hash(&["tabling", &p.id]))
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
            calendars,
            instruments,
            proposals,
            packages: self.packages.ids.clone(),
            policies,
            policies_of,
            groups,
            group_policies,
            ratifying,
            remembering,
            dry_run: {
                let mut d = std::mem::take(&mut self.dry_run);
                d.sort_unstable();
                d
            },
            events,
            scheduled,
            random_events,
            reviews,
            triggers,
            expects,
            observed,
            uncertain,
            as_of: cut_off.as_of,
            left_out: cut_off.left_out,
            effects: std::mem::take(&mut self.effects),
            facts,
            source_hash: hash_sources(self.sources),
            stream_keys,
        })
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
        for x in &file.calendar {
            self.calendars.add(&x.id, diags);
        }
        for x in &file.group {
            self.groups.add(&x.id, diags);
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
}

/// FNV-1a over every source text: stable across platforms and versions, unlike `Hash`.
fn hash_sources(sources: &Sources) -> u64 {
    model::fnv1a(sources.files().iter().map(|f| f.text.as_str()), 0xff)
}
