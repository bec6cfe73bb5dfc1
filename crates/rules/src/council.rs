//! A Council vote and a table of voting power asked about member by member, without a
//! scenario (the `vote` and `power` commands): who takes part, the decision or the indices,
//! and the result as a type whose serialisation is the commands' documented JSON.

use serde::{Serialize, Serializer};
use statecraft_model::vote::{Procedure, Vote};

use crate::power::{PowerError, voting_power};
use crate::procedure::{Participation, Reason, Tally, decide_with};

/// A counted vote: `vote --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct CountedVote {
    pub procedure: Procedure,
    pub participation: Participation,
    pub adopted: bool,
    #[serde(serialize_with = "as_text")]
    pub reason: Reason,
    pub tally: Tally,
    /// Every member, in the members' order.
    pub votes: Vec<MemberVote>,
}

/// One member's vote; `None` (`not_participating`) when not taking part.
#[derive(Clone, Debug, Serialize)]
pub struct MemberVote {
    pub id: String,
    #[serde(serialize_with = "vote_name")]
    pub vote: Option<Vote>,
}

fn as_text<S: Serializer>(reason: &Reason, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(reason)
}

fn vote_name<S: Serializer>(vote: &Option<Vote>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(vote.map_or("not_participating", Vote::as_str))
}

/// Counts a vote under `procedure`: member `i` (id `ids[i]`, `populations[i]` people) casts
/// `votes[i]`, or takes no part when it is `None`; thresholds are then over the others.
pub fn count_vote(
    procedure: Procedure,
    ids: &[String],
    populations: &[u64],
    votes: &[Option<Vote>],
) -> CountedVote {
    let participation = participation(votes.iter().all(Option::is_some));
    let ballots = (votes.iter().zip(populations)).filter_map(|(v, &p)| v.map(|v| (v, p)));
    let decision = decide_with(procedure, ballots, participation);
    CountedVote {
        procedure,
        participation,
        adopted: decision.adopted,
        reason: decision.reason,
        tally: decision.tally,
        votes: (ids.iter().zip(votes))
            .map(|(id, &vote)| MemberVote {
                id: id.clone(),
                vote,
            })
            .collect(),
    }
}

/// Voting power of the members taking part: `power --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct PowerTable {
    pub procedure: Procedure,
    pub participation: Participation,
    /// The participants, in the members' order.
    pub members: Vec<MemberPowerRow>,
}

/// One participant's power.
#[derive(Clone, Debug, Serialize)]
pub struct MemberPowerRow {
    pub id: String,
    /// The readable name, where the members file gives one (not in the JSON).
    #[serde(skip)]
    pub name: Option<String>,
    pub population: u64,
    /// Coalitions of the others this member turns from losing to winning (exact).
    pub swings: u64,
    pub banzhaf: f64,
    pub banzhaf_raw: f64,
    pub shapley_shubik: f64,
}

/// Why a power table cannot be made.
#[derive(Clone, Debug, PartialEq)]
pub enum PowerTableError {
    /// Every member stays out: nobody votes.
    NobodyVotes,
    /// The indices cannot be computed exactly for these members.
    Power(PowerError),
}

impl std::fmt::Display for PowerTableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PowerTableError::NobodyVotes => write!(f, "no member takes part: nobody votes"),
            PowerTableError::Power(e) => e.fmt(f),
        }
    }
}

/// The power of each member `i` with `taking_part[i]` under `procedure` (ids, names and
/// populations by member, in order).
pub fn power_table(
    procedure: Procedure,
    ids: &[String],
    names: &[Option<String>],
    populations: &[u64],
    taking_part: &[bool],
) -> Result<PowerTable, PowerTableError> {
    let participants: Vec<usize> = (0..ids.len()).filter(|&i| taking_part[i]).collect();
    if participants.is_empty() {
        return Err(PowerTableError::NobodyVotes);
    }
    let participation = participation(participants.len() == ids.len());
    let weights: Vec<u64> = participants.iter().map(|&i| populations[i]).collect();
    let power = voting_power(procedure, &weights, participation).map_err(PowerTableError::Power)?;
    let members = (power.iter())
        .map(|p| {
            let i = participants[p.index];
            MemberPowerRow {
                id: ids[i].clone(),
                name: names[i].clone(),
                population: populations[i],
                swings: p.swings,
                banzhaf: p.banzhaf,
                banzhaf_raw: p.banzhaf_raw,
                shapley_shubik: p.shapley_shubik,
            }
        })
        .collect();
    Ok(PowerTable {
        procedure,
        participation,
        members,
    })
}

fn participation(everyone: bool) -> Participation {
    if everyone {
        Participation::Full
    } else {
        Participation::Partial
    }
}
