//! The scenario format as it is written: serde types that mirror the TOML file one to one.
//!
//! These types keep spans (`toml::Spanned`) on every value that validation may need to point
//! at, and they accept anything the TOML grammar can express for a field; the checks that
//! relate items to each other (ids, dates inside the scenario, conditions that type-check)
//! happen in `compile`. `deny_unknown_fields` everywhere, so a misspelt key is an error at that
//! key rather than a silent default.
//!
//! The JSON Schema editors use (`statecraft schema`) is generated from these types, so a doc
//! comment here is also the hover text an analyst sees in their editor.

mod scalar;
mod schema;
mod seed;

pub use scalar::{Body, NumOrMap, NumOrStr, StageSpec, StrOrMap};
pub use schema::{IsoDate, number_bounds, scenario_schema};
pub use seed::{Fact, FactKind, SeedHeader};

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::calendar::StepUnit;
use crate::vote::{Procedure, Vote};

/// A value with its byte range in the (virtual, all-files) source text.
pub type S<T> = Spanned<T>;

/// A whole scenario file. Every section is optional except `[scenario]`; a variant that
/// `extends` another file only writes what it changes.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "statecraft scenario",
    description = "A statecraft scenario file (format v1)."
)]
pub struct ScenarioFile {
    /// What the scenario is; required in every file (a variant names its base here).
    #[schemars(required)]
    pub scenario: Option<Header>,
    #[serde(default)]
    pub actor: Vec<Actor>,
    #[serde(default)]
    pub person: Vec<Person>,
    #[serde(default)]
    pub office: Vec<Office>,
    #[serde(default)]
    pub indicator: Vec<Indicator>,
    #[serde(default)]
    pub status: Vec<Status>,
    #[serde(default)]
    pub flag: Vec<Flag>,
    #[serde(default)]
    pub calendar: Vec<Calendar>,
    #[serde(default)]
    pub group: Vec<Group>,
    #[serde(default)]
    pub instrument: Vec<Instrument>,
    #[serde(default)]
    pub proposal: Vec<Proposal>,
    #[serde(default)]
    pub policy: Vec<Policy>,
    #[serde(default)]
    pub event: Vec<Event>,
    #[serde(default)]
    pub review: Vec<Review>,
    #[serde(default)]
    pub trigger: Vec<Trigger>,
    #[serde(default)]
    pub expect: Vec<Expect>,
    /// What really happened, to score forecasts against (`statecraft score`); never drives
    /// the simulation. Usually kept in a seed file, beside the facts that document it.
    #[serde(default)]
    pub observed: Vec<Observed>,
    /// Settings whose values are judgements, with the range they could take
    /// (`statecraft calibrate`, `statecraft sensitivity`); never change a run by themselves.
    #[serde(default)]
    pub uncertain: Vec<Uncertain>,
    /// In a variant: ids of items of the base scenario to delete, by section,
    /// e.g. `policy = ["balance-2025"]`.
    #[serde(default)]
    pub remove: Option<Remove>,
}

/// `[scenario]`: what the scenario is and the period it covers.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// A short unique name, used in outputs (`region-baseline`).
    #[schemars(with = "String")]
    pub id: S<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    /// First day of the simulation (inclusive), e.g. `2024-01-01`.
    #[schemars(with = "Option<IsoDate>")]
    pub start: Option<S<Datetime>>,
    /// Last day of the simulation (inclusive), e.g. `2026-12-31`.
    #[schemars(with = "Option<IsoDate>")]
    pub end: Option<S<Datetime>>,
    /// Length of one step: `month` (default) or `week`.
    #[schemars(with = "Option<StepUnit>")]
    pub step: Option<S<StepUnit>>,
    /// Another scenario file this one modifies, relative to this file.
    #[schemars(with = "Option<String>")]
    pub extends: Option<S<String>>,
    /// Fact bases (`seeds/*.toml`) that `source = "..."` citations resolve against,
    /// relative to this file.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub seeds: Vec<S<String>>,
    /// A CSV of member states (`id,population`, other columns ignored), relative to this
    /// file: each row becomes an `[[actor]]` of kind `member_state` before the file's own.
    #[schemars(with = "Option<String>")]
    pub members: Option<S<String>>,
    /// The information cut-off: scheduled events and proposals' `tabled` dates after it are
    /// left out unless marked `planned = true`; `statecraft score` scores only observed
    /// outcomes after it. `--as-of` on the command line wins over it.
    #[schemars(with = "Option<IsoDate>")]
    pub as_of: Option<S<Datetime>>,
    /// How a member votes when none of its policies applies: `for` (default).
    #[schemars(with = "Option<Vote>")]
    pub default_vote: Option<S<Vote>>,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// What kind of actor an `[[actor]]` is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A member state of the Union: it votes in the Council.
    MemberState,
    /// An EU institution or body (Council, Commission, EEAS, Parliament).
    Institution,
    /// A third country the Union deals with.
    Partner,
    /// Any other body (an international organisation, a third power).
    Other,
}

/// `[[actor]]`: a member state, institution, partner or other body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    #[schemars(with = "ActorKind")]
    pub kind: S<ActorKind>,
    /// Population used for qualified-majority voting (member states only).
    #[schemars(with = "Option<u64>", range(max = crate::vote::MAX_POPULATION))]
    pub population: Option<S<i64>>,
    /// In a variant: set to true to change the base scenario's item of the same id.
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[person]]`: someone who can hold an office, with style parameters that scale effects.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// Named multipliers, e.g. `{ confrontation = 1.5 }`. An effect with
    /// `scale = "chair.confrontation"` is multiplied by the current holder's value (1 if unset).
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, f64>")]
    pub style: std::collections::BTreeMap<String, S<f64>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[office]]`: a post held by one person at a time (e.g. the High Representative).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Office {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// The person holding the office at the start.
    #[schemars(with = "Option<String>")]
    pub holder: Option<S<String>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[indicator]]`: a named number, global or one per actor, with a range and drift.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// What a value is measured in (`%`, `EUR m`, `index`): shown beside the name on charts.
    pub unit: Option<String>,
    /// The actors that have this indicator (read as `trust(partner)`); omit for a global
    /// indicator (read as `energy_prices()`).
    #[schemars(with = "Option<Vec<String>>")]
    pub actors: Option<S<Vec<S<String>>>>,
    /// `[min, max]`; values are clamped to it. Default `[0, 100]`.
    #[schemars(with = "Option<[f64; 2]>")]
    pub range: Option<S<Vec<S<f64>>>>,
    /// Starting value: one number for all, or a table by actor.
    #[schemars(with = "NumOrMap")]
    pub initial: Option<S<NumOrMap>>,
    /// The value drift pulls toward (default: the initial value).
    #[schemars(with = "Option<NumOrMap>")]
    pub baseline: Option<S<NumOrMap>>,
    /// Fraction of the gap to the baseline closed each step, in [0, 1]. Default 0.
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub drift: Option<S<f64>>,
    /// Standard deviation of normal noise added each step (Monte Carlo). Default 0.
    #[schemars(with = "Option<f64>", range(min = 0))]
    pub noise: Option<S<f64>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[status]]`: a named state machine per actor (visa-free travel, candidacy, ...).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Status {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// The actors that have this status; read as `status(partner.visa_free)`.
    #[schemars(with = "Vec<String>")]
    pub actors: S<Vec<S<String>>>,
    /// The possible states, e.g. `["active", "suspended"]`.
    #[schemars(with = "Vec<String>")]
    pub states: S<Vec<S<String>>>,
    /// Starting state: one for all actors, or a table by actor.
    #[schemars(with = "StrOrMap")]
    pub initial: S<StrOrMap>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[flag]]`: a boolean fact (a law adopted, an agreement signed).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    #[serde(default)]
    pub initial: bool,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[calendar]]`: the dates of a body's meetings (e.g. the Foreign Affairs Council), at
/// which re-votes (`retable.at`) and formal adoptions (`formal_adoption.at`) happen.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// The meeting dates, in increasing order, each once.
    #[schemars(with = "Vec<IsoDate>")]
    pub dates: S<Vec<S<Datetime>>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// A `procedure` as written: a Council voting rule, or `olp`, a shorthand for stages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureSpec {
    /// Every participating member not against (Art. 31(1) TEU, Art. 238(4) TFEU).
    Unanimity,
    /// Qualified majority (Art. 16(4) TEU, Art. 238(3) TFEU).
    Qmv,
    /// Reinforced qualified majority (Art. 238(2) TFEU).
    Rqmv,
    /// A majority of the component members (Art. 238(1) TFEU).
    Simple,
    /// The ordinary legislative procedure, first reading (Art. 294 TFEU): Parliament by a
    /// majority of the votes cast, then the Council by qualified majority.
    Olp,
}

impl ProcedureSpec {
    /// The Council's voting rule it names (`olp`: qualified majority).
    pub fn council_rule(self) -> Procedure {
        match self {
            ProcedureSpec::Unanimity => Procedure::Unanimity,
            ProcedureSpec::Qmv | ProcedureSpec::Olp => Procedure::Qmv,
            ProcedureSpec::Rqmv => Procedure::Rqmv,
            ProcedureSpec::Simple => Procedure::Simple,
        }
    }
}

/// The line a Parliament group votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Line {
    For,
    Against,
    Abstain,
}

/// `[[group]]`: a political group of the European Parliament.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// Its members (seats), 1 to 1000; all groups together at most 10,000.
    #[schemars(with = "u32", range(min = 1, max = 1000))]
    pub seats: S<i64>,
    /// Chance, drawn once per Parliament vote, that all its seats vote its line; otherwise
    /// they split evenly between for and against (an odd seat abstains). Default 1.
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub cohesion: Option<S<f64>>,
    /// Its vote where no policy of the group decides: `for` (default), `against`, `abstain`.
    #[schemars(with = "Option<Line>")]
    pub line: Option<S<Line>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// When an act agreed at a vote is adopted formally: `after_days` days later, or `at` the
/// next date of a `[[calendar]]` after the vote. Exactly one of the two.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormalAdoption {
    /// Days from the political agreement to the formal adoption.
    #[schemars(with = "Option<u32>", range(min = 0, max = 10_000))]
    pub after_days: Option<S<i64>>,
    /// The id of a `[[calendar]]`: formal adoption at its next date after the agreement.
    #[schemars(with = "Option<String>")]
    pub at: Option<S<String>>,
}

/// `[[instrument]]`: a kind of Council act and the procedure that adopts it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub name: Option<String>,
    /// `unanimity`, `qmv`, `rqmv` (reinforced) or `simple`: how the Council votes; or `olp`,
    /// the ordinary legislative procedure (stages `["parliament", "council"]`, the Council by
    /// qmv). Required when a Council stage decides; not allowed when an actor does.
    #[schemars(with = "Option<ProcedureSpec>")]
    pub procedure: Option<S<ProcedureSpec>>,
    /// Who adopts acts under it: `"council"` (default, by a vote under `procedure`) or the
    /// id of an actor that decides on its own (an institution, or a member state acting
    /// bilaterally): such an act is adopted when it is tabled, with no vote.
    #[schemars(with = "Option<String>")]
    pub decided_by: Option<S<String>>,
    /// The bodies that must all approve, in order (default `["council"]`): `council`,
    /// `parliament`, `parliament_members`, `european_council`, `ratification`; each a name or
    /// `{ body = "...", after_days = N }`.
    #[schemars(with = "Option<Vec<StageSpec>>")]
    pub stages: Option<S<Vec<S<StageSpec>>>>,
    /// The treaty article or act it rests on, for the reader.
    pub legal_basis: Option<String>,
    /// Acts under it are agreed at the vote and adopted formally later (default: at the vote).
    pub formal_adoption: Option<FormalAdoption>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// How a failed proposal comes back.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retable {
    /// Months between a failed vote and the next. Default 1.
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub every_months: Option<S<i64>>,
    /// The id of a `[[calendar]]`: the next vote is at its next date after the failure
    /// (instead of `every_months`).
    #[schemars(with = "Option<String>")]
    pub at: Option<S<String>>,
    /// No new vote after this date.
    #[schemars(with = "Option<IsoDate>")]
    pub until: Option<S<Datetime>>,
    /// At most this many votes in all.
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub max_attempts: Option<S<i64>>,
    /// Re-vote only when this condition holds (checked at each re-vote date).
    #[schemars(with = "Option<String>")]
    pub when: Option<S<String>>,
}

/// `[[proposal]]`: a decision put to the Council.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    #[schemars(with = "String")]
    pub id: S<String>,
    /// Its `tabled` date was known in advance, so it is kept when it falls after the
    /// scenario's cut-off (`as_of`).
    pub planned: Option<bool>,
    pub title: Option<String>,
    #[schemars(with = "String")]
    pub instrument: S<String>,
    /// The actor the decision benefits or concerns.
    #[schemars(with = "Option<String>")]
    pub beneficiary: Option<S<String>>,
    #[schemars(with = "Option<u64>", range(max = crate::compile::MAX_AMOUNT_EUR))]
    pub amount_eur: Option<S<i64>>,
    /// Overrides the instrument's procedure for this proposal.
    #[schemars(with = "Option<ProcedureSpec>")]
    pub procedure: Option<S<ProcedureSpec>>,
    /// Overrides the instrument's decider: `"council"` or an actor id (adopted when tabled,
    /// with no vote).
    #[schemars(with = "Option<String>")]
    pub decided_by: Option<S<String>>,
    /// Overrides the instrument's stages.
    #[schemars(with = "Option<Vec<StageSpec>>")]
    pub stages: Option<S<Vec<S<StageSpec>>>>,
    /// When it is first put to a vote; omit when an effect tables it.
    #[schemars(with = "Option<IsoDate>")]
    pub tabled: Option<S<Datetime>>,
    /// Who tables it: an actor id, or an office id (its holder at the time is named).
    #[schemars(with = "Option<String>")]
    pub proposer: Option<S<String>>,
    /// The first date the proposer may table it (with `table_when`/`table_chance`;
    /// default: the start).
    #[schemars(with = "Option<IsoDate>")]
    pub earliest: Option<S<Datetime>>,
    /// Tabled at the first step (from `earliest`) at which this condition holds.
    #[schemars(with = "Option<String>")]
    pub table_when: Option<S<String>>,
    /// Once `table_when` holds: the chance per step that the proposer tables it.
    #[schemars(with = "Option<f64>", range(min = 0.0, max = 1.0))]
    pub table_chance: Option<S<f64>>,
    /// The proposer considers tabling it only at this calendar's dates (from `earliest`),
    /// not on the first day of every step: e.g. a summit's or a Council's meetings.
    #[schemars(with = "Option<String>")]
    pub table_at: Option<S<String>>,
    /// Member states that take part (default: all). Thresholds are computed over them.
    #[schemars(with = "Option<Vec<String>>")]
    pub participants: Option<S<Vec<S<String>>>>,
    /// Member states that do not take part (e.g. an opt-out).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub not_participating: Vec<S<String>>,
    /// Proposals with the same package id are voted together, as one.
    #[schemars(with = "Option<String>")]
    pub package: Option<S<String>>,
    /// Put it to a vote again after a failure; without it a failed proposal is dropped.
    pub retable: Option<Retable>,
    /// Agreed at the vote, adopted formally later (overrides the instrument's).
    pub formal_adoption: Option<FormalAdoption>,
    /// Effects when adopted.
    #[serde(default)]
    pub on_adopt: Vec<Effect>,
    /// Effects after each failed vote (the proposer's response).
    #[serde(default)]
    pub on_fail: Vec<Effect>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// What a policy does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// Vote for.
    Support,
    /// Vote against (a veto under unanimity).
    Oppose,
    /// Abstain.
    Abstain,
    /// Abstain constructively (Art. 31(1) TEU): not bound by the decision.
    ConstructiveAbstain,
    /// Leave the room: does not block unanimity (Art. 238(4) TFEU), is not in favour under
    /// a qualified or simple majority (Art. 238 TFEU).
    Absent,
    /// Do not take part where the Treaties allow it: left out of the thresholds
    /// (Art. 238(3) TFEU), as `not_participating` on a proposal.
    NotParticipating,
    /// Support aid to the beneficiary only if the counterpart's aid (same package, or adopted
    /// within `window_months`) is at least `ratio` times the beneficiary's over the same span,
    /// this proposal included.
    BalancedAid,
    /// Vote `then` while `condition` holds, `else` otherwise.
    Conditional,
}

/// Which proposals a policy applies to; every list given must match (empty = any).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub instruments: Vec<S<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub beneficiaries: Vec<S<String>>,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub proposals: Vec<S<String>>,
    /// Which stages' votes (default: any stage its holder votes in).
    #[serde(default)]
    #[schemars(with = "Vec<Body>")]
    pub stages: Vec<S<Body>>,
}

/// `[[policy]]`: how a member state votes on the proposals it selects.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[schemars(with = "String")]
    pub id: S<String>,
    /// The member state whose votes it decides (or `group`).
    #[schemars(with = "Option<String>")]
    pub member: Option<S<String>>,
    /// The Parliament group whose line it decides (instead of `member`).
    #[schemars(with = "Option<String>")]
    pub group: Option<S<String>>,
    #[schemars(with = "RuleKind")]
    pub rule: S<RuleKind>,
    /// Which proposals it applies to (default: all).
    #[serde(default)]
    pub on: Selector,
    /// Balanced aid: who must receive a matching amount.
    #[schemars(with = "Option<String>")]
    pub counterpart: Option<S<String>>,
    /// Balanced aid: the matching amount as a multiple of this proposal's. Default 1.
    #[schemars(with = "Option<f64>", range(min = 0, max = crate::compile::MAX_RATIO))]
    pub ratio: Option<S<f64>>,
    /// Balanced aid: how far back adopted aid to the counterpart counts. Default 12.
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub window_months: Option<S<i64>>,
    /// Balanced aid: instruments whose aid to the counterpart counts (default: the
    /// proposal's own instrument).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub accepts: Vec<S<String>>,
    /// Balanced aid: whose acts count, `"council"` and actor ids (default: any decider's).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub deciders: Vec<S<String>>,
    /// Conditional: the condition.
    #[schemars(with = "Option<String>")]
    pub condition: Option<S<String>>,
    /// Conditional: the vote while the condition holds.
    #[schemars(with = "Option<Vote>")]
    pub then: Option<S<Vote>>,
    /// Conditional: the vote otherwise. Balanced aid: the vote when the balance is missing
    /// (default `against`).
    #[serde(rename = "else")]
    #[schemars(with = "Option<Vote>")]
    pub else_: Option<S<Vote>>,
    /// The policy applies only while this condition holds.
    #[schemars(with = "Option<String>")]
    pub when: Option<S<String>>,
    /// Chance, drawn at each vote, that the policy applies at all.
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub probability: Option<S<f64>>,
    /// Once the policy decides a vote, it keeps that vote after `when` stops holding, until
    /// `lift_when` holds or an effect drops it.
    #[serde(default)]
    pub persist: bool,
    /// With `persist`: the condition that lifts the kept vote.
    #[schemars(with = "Option<String>")]
    pub lift_when: Option<S<String>>,
    /// The concession the member asks for: the policy applies until this condition holds,
    /// then never again (the timeline records the day it was met).
    #[schemars(with = "Option<String>")]
    pub concession: Option<S<String>>,
    /// Whether the policy is in force at the start (effects can enable or drop it).
    #[serde(default = "yes")]
    pub active: bool,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

fn yes() -> bool {
    true
}

/// One change to the state. Write exactly one of the leading keys (`indicator`, `flag`,
/// `status`, `appoint`, `table`, `enable_policy`, `drop_policy`, `review`, `suspend_voting`,
/// `restore_voting`) with its companions.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Effect {
    /// Change an indicator: with `actor` (per-actor indicators) and `by` or `to`.
    #[schemars(with = "Option<String>")]
    pub indicator: Option<S<String>>,
    #[schemars(with = "Option<String>")]
    pub actor: Option<S<String>>,
    #[schemars(with = "Option<f64>")]
    pub by: Option<S<f64>>,
    /// The new value: a number (indicator) or a state name (status).
    #[schemars(with = "Option<NumOrStr>")]
    pub to: Option<S<NumOrStr>>,
    /// Move the indicator's drift target (its baseline) instead of its value: by an amount,
    /// or to a new target.
    #[schemars(with = "Option<f64>")]
    pub baseline_by: Option<S<f64>>,
    #[schemars(with = "Option<f64>")]
    pub baseline_to: Option<S<f64>>,
    /// Multiply `by` (or `baseline_by`) by an office holder's style value: `"office.style"`.
    #[schemars(with = "Option<String>")]
    pub scale: Option<S<String>>,
    /// Multiply `by` (or `baseline_by`) by an indicator's current value, written as in a
    /// condition: `"receptiveness(partner)"`, or `"mood()"` for a global indicator. With
    /// `scale`, both factors apply.
    #[schemars(with = "Option<String>")]
    pub times: Option<S<String>>,
    /// Set a flag (to `set`, default true).
    #[schemars(with = "Option<String>")]
    pub flag: Option<S<String>>,
    #[schemars(with = "Option<bool>")]
    pub set: Option<S<bool>>,
    /// Move a status: `"actor.status"` with `to`.
    #[schemars(with = "Option<String>")]
    pub status: Option<S<String>>,
    /// Appoint this person to `office`.
    #[schemars(with = "Option<String>")]
    pub appoint: Option<S<String>>,
    #[schemars(with = "Option<String>")]
    pub office: Option<S<String>>,
    /// Table this proposal at the next step (with `with`: in the same package as that one).
    #[schemars(with = "Option<String>")]
    pub table: Option<S<String>>,
    #[schemars(with = "Option<String>")]
    pub with: Option<S<String>>,
    /// Put a policy in force.
    #[schemars(with = "Option<String>")]
    pub enable_policy: Option<S<String>>,
    /// Take a policy out of force (a government changes its line).
    #[schemars(with = "Option<String>")]
    pub drop_policy: Option<S<String>>,
    /// Hold this review now.
    #[schemars(with = "Option<String>")]
    pub review: Option<S<String>>,
    /// Suspend this member state's voting rights in the Council (Art. 7(3) TEU).
    #[schemars(with = "Option<String>")]
    pub suspend_voting: Option<S<String>>,
    /// Restore this member state's voting rights.
    #[schemars(with = "Option<String>")]
    pub restore_voting: Option<S<String>>,
}

/// `[[event]]`: something that happens at a date, or by chance each step.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    #[schemars(with = "String")]
    pub id: S<String>,
    /// The timeline line.
    pub text: Option<String>,
    /// Scheduled: the date it happens.
    #[schemars(with = "Option<IsoDate>")]
    pub at: Option<S<Datetime>>,
    /// Random: the chance per step, in [0, 1].
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub chance: Option<S<f64>>,
    /// Random: not before this date.
    #[schemars(with = "Option<IsoDate>")]
    pub from: Option<S<Datetime>>,
    /// Random: not after this date.
    #[schemars(with = "Option<IsoDate>")]
    pub until: Option<S<Datetime>>,
    /// Scheduled: known in advance (a summit date), so kept when it falls after the
    /// scenario's cut-off (`as_of`).
    pub planned: Option<bool>,
    /// Random: happen at most once (default true).
    pub once: Option<bool>,
    /// Happen only while this condition holds.
    #[schemars(with = "Option<String>")]
    pub when: Option<S<String>>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    /// With `override = true` in a variant: keys of the base event to delete before this
    /// item's keys apply, e.g. `unset = ["chance"]` to make a random event scheduled.
    /// Consumed by the merge (any section's override item may use it).
    #[serde(default)]
    pub unset: Vec<String>,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// What a review does to its subject on failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    Warn,
    Suspend,
    Freeze,
    Revoke,
}

/// `[[review.action]]`: one rung of a review's escalation ladder.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewAction {
    #[schemars(with = "ActionKind")]
    pub kind: S<ActionKind>,
    /// Taken at this many consecutive failures (default: the review's
    /// `failures_before_action`).
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub after_failures: Option<S<i64>>,
    /// The subject's status the action moves, and the state it moves it to.
    #[schemars(with = "Option<String>")]
    pub status: Option<S<String>>,
    #[schemars(with = "Option<String>")]
    pub to: Option<S<String>>,
    /// When the requirement holds again, the status returns to this state.
    #[schemars(with = "Option<String>")]
    pub restore_to: Option<S<String>>,
    /// The Council decision the action needs; its procedure decides (no vote when omitted).
    #[schemars(with = "Option<String>")]
    pub instrument: Option<S<String>>,
    #[serde(default)]
    pub effects: Vec<Effect>,
}

/// `[[review]]`: a periodic or triggered check of a partner against a requirement.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub title: Option<String>,
    #[schemars(with = "String")]
    pub subject: S<String>,
    /// The condition the subject must meet.
    #[schemars(with = "String")]
    pub requires: S<String>,
    /// First scheduled review.
    #[schemars(with = "Option<IsoDate>")]
    pub first: Option<S<Datetime>>,
    /// Months between scheduled reviews (omit for a single or triggered review).
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub every_months: Option<S<i64>>,
    /// Consecutive failures before the first action. Default 1.
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub failures_before_action: Option<S<i64>>,
    #[serde(default)]
    #[schemars(length(max = crate::compile::MAX_REVIEW_ACTIONS))]
    pub action: Vec<ReviewAction>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[trigger]]`: effects that fire when a condition becomes true.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    #[schemars(with = "String")]
    pub id: S<String>,
    pub text: Option<String>,
    #[schemars(with = "String")]
    pub when: S<String>,
    /// Fire at most once (default true).
    pub once: Option<bool>,
    /// Repeatable triggers: months to wait after firing.
    #[schemars(with = "Option<u32>", range(min = 1, max = 10_000))]
    pub cooldown_months: Option<S<i64>>,
    #[serde(default)]
    pub effects: Vec<Effect>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// Bounds on a probability estimated by Monte Carlo.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProbabilityBounds {
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub at_least: Option<S<f64>>,
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub at_most: Option<S<f64>>,
}

/// `[[expect]]`: what must be true at a date (`statecraft test`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    #[schemars(with = "Option<String>")]
    pub id: Option<S<String>>,
    #[schemars(with = "IsoDate")]
    pub at: S<Datetime>,
    /// The condition that must hold at the end of the step containing `at`.
    #[schemars(with = "String")]
    pub that: S<String>,
    /// Monte Carlo: the share of runs where `that` holds must lie within these bounds
    /// (without it, the seed-0 run must satisfy `that`).
    pub probability: Option<ProbabilityBounds>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
}

/// `[[observed]]`: whether a condition held at a date in reality. Written in a scenario or,
/// better, in a seed (where `source` is required). It never changes a run: `statecraft score`
/// compares the share of runs in which `that` held at `at` with `outcome`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Observed {
    /// A unique name among the scenario's and its seeds' observed outcomes.
    #[schemars(with = "String")]
    pub id: S<String>,
    /// The date it was observed; `that` is evaluated at the end of the step containing it.
    #[schemars(with = "IsoDate")]
    pub at: S<Datetime>,
    /// A condition in the language of `[[expect]]`, e.g. `outcome(x) == "adopted"`.
    #[schemars(with = "String")]
    pub that: S<String>,
    /// Whether `that` held at `at` in reality.
    #[schemars(with = "bool")]
    pub outcome: S<bool>,
    /// The fact that documents the outcome (required in a seed file).
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
    /// A free comment (e.g. "rests on press reports").
    pub note: Option<String>,
    #[serde(default, rename = "override")]
    pub override_: bool,
}

/// The prior of an `[[uncertain]]` setting over its `range`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PriorKind {
    /// Every value of the range equally likely (the default).
    Uniform,
    /// Likeliest at `mode`, falling linearly to zero at both ends of the range.
    Triangular,
}

/// `[[uncertain]]`: a numeric setting whose value is a judgement, and the range it could
/// take. It never changes a run: `statecraft calibrate` fits it to the observed outcomes
/// before the cut-off, `statecraft sensitivity` measures what an outcome owes to it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Uncertain {
    /// A unique name among the scenario's uncertain settings.
    #[schemars(with = "String")]
    pub id: S<String>,
    /// The setting, as `--set` names it: `SECTION.ID.KEY[.KEY]` or `scenario.KEY`, e.g.
    /// `event.shock.chance`; it must hold a number.
    #[schemars(with = "String")]
    pub path: S<String>,
    /// `[low, high]`: the values the setting could take (the prior's support), inside the
    /// setting's own valid range.
    #[schemars(with = "[f64; 2]")]
    pub range: S<Vec<S<f64>>>,
    /// The prior over the range: `uniform` (default) or `triangular` (with `mode`).
    #[schemars(with = "Option<PriorKind>")]
    pub prior: Option<S<PriorKind>>,
    /// A triangular prior's likeliest value, inside the range.
    #[schemars(with = "Option<f64>")]
    pub mode: Option<S<f64>>,
    /// Where the range comes from.
    pub note: Option<String>,
    #[schemars(with = "Option<String>")]
    pub source: Option<S<String>>,
    #[serde(default, rename = "override")]
    pub override_: bool,
    /// The setting's value in the scenario, found by the loader (not written in the file).
    #[serde(skip)]
    #[schemars(skip)]
    pub current: Option<Current>,
}

/// What the loader found at an `[[uncertain]]` item's path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Current {
    pub value: f64,
    /// The file writes a whole number there (an integer key): drawn values are rounded.
    pub integer: bool,
}

/// `[remove]` in a variant: base items to delete, by section name, e.g.
/// `policy = ["balance-2025"]`. Applied while merging files (see `load`), so this type
/// only describes the table for the schema.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct Remove {
    pub sections: std::collections::BTreeMap<String, Vec<String>>,
}
