//! The timeline of one run: what happened, when, and why.
//!
//! Only single runs keep a log; Monte Carlo batches run with logging off, so building these
//! strings never costs anything in a batch (the engine asks the observer before it formats).

use serde::Serialize;

use crate::vote::{Procedure, Vote};

/// What kind of thing a timeline line reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Event,
    Appointment,
    Tabled,
    Vote,
    Review,
    Action,
    Trigger,
}

impl EntryKind {
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Event => "event",
            EntryKind::Appointment => "appointment",
            EntryKind::Tabled => "tabled",
            EntryKind::Vote => "vote",
            EntryKind::Review => "review",
            EntryKind::Action => "action",
            EntryKind::Trigger => "trigger",
        }
    }
}

/// One member's vote and the reason for it.
#[derive(Clone, Debug, Serialize)]
pub struct Ballot {
    pub member: String,
    pub vote: Vote,
    /// The policy that decided, if any (otherwise the scenario's default vote).
    pub policy: Option<String>,
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
    pub id: String,
    pub text: String,
    /// What the line changed, one note per effect (`trust(partner) 40 → 45`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<String>,
    /// Fact ids cited by the items involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vote: Option<VoteRecord>,
}
