//! The timeline of one run: what happened, when, why, and what each line changed.
//!
//! Only single runs keep a log; Monte Carlo batches run with logging off, so building these
//! lines and records never costs anything in a batch (the engine asks the observer before it
//! builds them).
//!
//! A line's changes are records ([`EffectRecord`]): which item changed (typed, for code that
//! reads the log, such as `explain`), its readable id, its value before and after, and the
//! readable note the text outputs print. Code matches on the typed item, never on the note,
//! so rewording a note cannot change what reads the log.

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::id::*;
use crate::model::Model;
use crate::vote::{Procedure, Vote};

/// What kind of thing a timeline line reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Event,
    Appointment,
    Tabled,
    Vote,
    /// The formal adoption of an act agreed at an earlier vote.
    Adoption,
    /// An act adopted by an actor on its own, with no vote (`decided_by`).
    Decision,
    Review,
    Action,
    Trigger,
    /// A policy's concession was met: its objection is lifted.
    Concession,
    /// A `persist` policy's kept vote was lifted (`lift_when` held).
    Lifted,
    /// A proposer holds a proposal back (its `table_when` does not hold); logged once per
    /// change of reason.
    HeldBack,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Event => "event",
            EntryKind::Appointment => "appointment",
            EntryKind::Tabled => "tabled",
            EntryKind::Vote => "vote",
            EntryKind::Adoption => "adoption",
            EntryKind::Decision => "decision",
            EntryKind::Review => "review",
            EntryKind::Action => "action",
            EntryKind::Trigger => "trigger",
            EntryKind::Concession => "concession",
            EntryKind::Lifted => "lifted",
            EntryKind::HeldBack => "held_back",
        }
    }
}

/// The model item a line is about: the typed form of [`Entry::id`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// An event fired (index into `Model::events`).
    Event(EventId),
    /// An office changed hands (index into `Model::offices`).
    Appointment(OfficeId),
    /// A Council vote on these proposals (one, or a package), in the order voted.
    Vote(Vec<ProposalId>),
    /// The formal adoption of these proposals (one, or a package) agreed at an earlier vote.
    FormalAdoption(Vec<ProposalId>),
    /// An actor adopted this proposal on its own, with no vote (`decided_by`).
    Decision(ProposalId),
    /// The Council decision a review's action needs, under an instrument's procedure.
    CouncilVote {
        review: ReviewId,
        instrument: InstrumentId,
    },
    /// A review was held.
    Review(ReviewId),
    /// A review's action was taken.
    Action(ReviewId),
    /// A trigger fired.
    Trigger(TriggerId),
    /// A policy's concession was met.
    Concession(PolicyId),
    /// A policy's kept vote was lifted.
    Lifted(PolicyId),
    /// A proposer tabled a proposal of its own initiative.
    Tabled(ProposalId),
    /// A proposer held a proposal back.
    HeldBack(ProposalId),
}

impl Origin {
    /// The kind of line this origin writes.
    pub fn kind(&self) -> EntryKind {
        match self {
            Origin::Event(_) => EntryKind::Event,
            Origin::Appointment(_) => EntryKind::Appointment,
            Origin::Vote(_) | Origin::CouncilVote { .. } => EntryKind::Vote,
            Origin::FormalAdoption(_) => EntryKind::Adoption,
            Origin::Decision(_) => EntryKind::Decision,
            Origin::Review(_) => EntryKind::Review,
            Origin::Action(_) => EntryKind::Action,
            Origin::Trigger(_) => EntryKind::Trigger,
            Origin::Concession(_) => EntryKind::Concession,
            Origin::Lifted(_) => EntryKind::Lifted,
            Origin::Tabled(_) => EntryKind::Tabled,
            Origin::HeldBack(_) => EntryKind::HeldBack,
        }
    }

    /// The line's readable id: the item's id; a vote's proposal ids joined with `+`; a
    /// review action's Council decision, its instrument's id.
    pub fn id(&self, model: &Model) -> String {
        match self {
            Origin::Event(e) => model.event(*e).id.clone(),
            Origin::Appointment(o) => model.office(*o).id.clone(),
            Origin::Vote(proposals) | Origin::FormalAdoption(proposals) => proposals
                .iter()
                .map(|&p| model.proposal(p).id.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            Origin::Decision(p) => model.proposal(*p).id.clone(),
            Origin::CouncilVote { instrument, .. } => model.instrument(*instrument).id.clone(),
            Origin::Review(r) | Origin::Action(r) => model.review(*r).id.clone(),
            Origin::Trigger(t) => model.trigger(*t).id.clone(),
            Origin::Concession(p) | Origin::Lifted(p) => model.policy(*p).id.clone(),
            Origin::Tabled(p) | Origin::HeldBack(p) => model.proposal(*p).id.clone(),
        }
    }
}

/// The item an effect changed, by index into the model; what code matches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemRef {
    /// An indicator slot's value.
    Indicator(SlotId),
    /// An indicator slot's drift target (its baseline).
    Baseline(SlotId),
    Flag(FlagId),
    /// A status slot.
    Status(StatusSlotId),
    Office(OfficeId),
    Proposal(ProposalId),
    /// Whether a policy is in force.
    Policy(PolicyId),
    /// Whether a review has been requested.
    Review(ReviewId),
    /// Whether a member's voting rights are suspended (Art. 7(3) TEU).
    VotingRights(ActorId),
}

/// The kind of an [`ItemRef`], as the JSON output names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Indicator,
    Baseline,
    Flag,
    Status,
    Office,
    Proposal,
    Policy,
    Review,
    VotingRights,
}

impl ItemRef {
    pub fn kind(self) -> ItemKind {
        match self {
            ItemRef::Indicator(_) => ItemKind::Indicator,
            ItemRef::Baseline(_) => ItemKind::Baseline,
            ItemRef::Flag(_) => ItemKind::Flag,
            ItemRef::Status(_) => ItemKind::Status,
            ItemRef::Office(_) => ItemKind::Office,
            ItemRef::Proposal(_) => ItemKind::Proposal,
            ItemRef::Policy(_) => ItemKind::Policy,
            ItemRef::Review(_) => ItemKind::Review,
            ItemRef::VotingRights(_) => ItemKind::VotingRights,
        }
    }

    /// The item's readable id, as conditions name it: an indicator slot `name(actor)` (or
    /// `name()` for a global indicator, value and baseline alike), a status `actor.status`,
    /// anything else its own id (flag, office, proposal, policy, review).
    pub fn target(self, model: &Model) -> String {
        match self {
            ItemRef::Indicator(slot) | ItemRef::Baseline(slot) => model.slot_label(slot),
            ItemRef::Status(slot) => model.status_label(slot),
            ItemRef::Flag(f) => model.flag(f).id.clone(),
            ItemRef::Office(o) => model.office(o).id.clone(),
            ItemRef::Proposal(p) => model.proposal(p).id.clone(),
            ItemRef::Policy(p) => model.policy(p).id.clone(),
            ItemRef::Review(r) => model.review(r).id.clone(),
            ItemRef::VotingRights(a) => format!("voting_rights({})", model.actor(a).id),
        }
    }
}

/// An item's value before or after a change, in its natural type.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemValue {
    /// An indicator's value or baseline (serialised rounded to 1e-6, like every indicator in
    /// the JSON output).
    Number(f64),
    /// A flag; whether a policy is in force; whether a review is requested.
    Bool(bool),
    /// A status's state, a proposal's outcome, an office holder's person id.
    Name(String),
    /// An office without a holder.
    None,
}

impl Serialize for ItemValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ItemValue::Number(v) => {
                let rounded = (v * 1e6).round() / 1e6;
                if rounded.is_finite() {
                    s.serialize_f64(rounded)
                } else {
                    s.serialize_none()
                }
            }
            ItemValue::Bool(b) => s.serialize_bool(*b),
            ItemValue::Name(n) => s.serialize_str(n),
            ItemValue::None => s.serialize_none(),
        }
    }
}

/// One change a line made: serialised as `{kind, target, before, after, text}`.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectRecord {
    /// The item changed; its kind and readable id are serialised as `kind` and `target`.
    pub item: ItemRef,
    pub target: String,
    pub before: ItemValue,
    pub after: ItemValue,
    /// The readable note (`trust(partner) 40 → 45`), or `None` where the line's own text
    /// says it (an office changing hands, a proposal adopted).
    pub text: Option<String>,
}

impl Serialize for EffectRecord {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut record = s.serialize_struct("EffectRecord", 5)?;
        record.serialize_field("kind", &self.item.kind())?;
        record.serialize_field("target", &self.target)?;
        record.serialize_field("before", &self.before)?;
        record.serialize_field("after", &self.after)?;
        record.serialize_field("text", &self.text)?;
        record.end()
    }
}

/// One member's vote and the reason for it.
#[derive(Clone, Debug, Serialize)]
pub struct Ballot {
    pub member: String,
    /// The member, by index into `Model::actors`.
    #[serde(skip)]
    pub member_index: ActorId,
    pub vote: Vote,
    /// The policy that decided, if any (otherwise the scenario's default vote).
    pub policy: Option<String>,
    /// That policy, by index into `Model::policies`.
    #[serde(skip)]
    pub policy_index: Option<PolicyId>,
    pub why: String,
}

/// A Council vote in full.
#[derive(Clone, Debug, Serialize)]
pub struct VoteRecord {
    pub procedure: Procedure,
    pub proposals: Vec<String>,
    pub adopted: bool,
    pub reason: String,
    pub ballots: Vec<Ballot>,
}

/// One line of the timeline.
#[derive(Clone, Debug, Serialize)]
pub struct Entry {
    #[serde(skip)]
    pub step: u32,
    /// Day number of the date shown.
    #[serde(skip)]
    pub day: i32,
    pub kind: EntryKind,
    /// The item the line is about; [`Entry::id`] is its readable form.
    #[serde(skip)]
    pub origin: Origin,
    pub id: String,
    pub text: String,
    /// What the line changed, one record per change.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<EffectRecord>,
    /// Fact ids cited by the items involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<VoteRecord>,
    /// A stage other than a Council vote (Parliament, the European Council, ratification):
    /// which body, and whether it passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<StageRecord>,
}

/// The result of a stage that is not a Council vote, as `explain` reads it.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct StageRecord {
    /// The body as scenario files name it (`"parliament"`, `"european_council"`, ...).
    pub body: &'static str,
    pub passed: bool,
}

impl Entry {
    /// The readable notes of the line's changes, in order: what text outputs print under the
    /// line (a change the line's own text says has none).
    pub fn notes(&self) -> impl Iterator<Item = &str> {
        self.effects.iter().filter_map(|r| r.text.as_deref())
    }
}
