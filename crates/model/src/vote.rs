//! The vocabulary of Council votes: the procedures and the ways a member can vote.
//!
//! These are the words scenarios, logs and the CLI share, so they live in `model`; the
//! counting rules that give them meaning live in `statecraft_rules::procedure`.

use std::fmt;
use std::str::FromStr;

/// The largest population a member may have: ten billion, above any country's and the world's.
///
/// With every population at most this and at most 10,000 members (the items a section may
/// hold), a Council's total stays below 1e14, so vote counts sum exactly in `u64` and the
/// Treaty's percentage tests (`100 * part >= 65 * total`) fit comfortably in `u128`. Larger figures are
/// refused where they are read, with their location, rather than summed wrongly.
pub const MAX_POPULATION: u64 = 10_000_000_000;

/// How the Council decides.
///
/// The derived `Ord` is declaration order, kept only so the type can key a `BTreeMap`; use
/// [`Procedure::strictness`] to compare how hard procedures are to pass.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    /// Every participating member not against (Art. 31(1) TEU, Art. 238(4) TFEU).
    Unanimity,
    /// Qualified majority: 55% of members, 65% of population (Art. 16(4) TEU, Art. 238(3)
    /// TFEU).
    Qmv,
    /// Reinforced qualified majority, when the Council does not act on a proposal of the
    /// Commission or the High Representative: 72% of members, 65% of population
    /// (Art. 238(2) TFEU).
    Rqmv,
    /// A majority of the component members (Art. 238(1) TFEU).
    Simple,
}

impl Procedure {
    /// Every procedure, in declaration order.
    pub const ALL: [Procedure; 4] = [
        Procedure::Unanimity,
        Procedure::Qmv,
        Procedure::Rqmv,
        Procedure::Simple,
    ];

    /// How hard it is to pass, higher is stricter: a package that mixes procedures is voted
    /// under the strictest of them. Unanimity > reinforced QMV > QMV > simple majority.
    pub fn strictness(self) -> u8 {
        match self {
            Procedure::Unanimity => 3,
            Procedure::Rqmv => 2,
            Procedure::Qmv => 1,
            Procedure::Simple => 0,
        }
    }

    /// The name used in scenario files, JSON and on the command line (`"qmv"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Procedure::Unanimity => "unanimity",
            Procedure::Qmv => "qmv",
            Procedure::Rqmv => "rqmv",
            Procedure::Simple => "simple",
        }
    }
}

/// The readable name (`"qualified majority"`); [`Procedure::as_str`] gives the file name.
impl fmt::Display for Procedure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Procedure::Unanimity => "unanimity",
            Procedure::Qmv => "qualified majority",
            Procedure::Rqmv => "reinforced qualified majority",
            Procedure::Simple => "simple majority",
        })
    }
}

/// A name that is not one of [`Procedure::ALL`]'s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownProcedure(pub String);

impl fmt::Display for UnknownProcedure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown procedure `{}` (expected unanimity, qmv, rqmv or simple)",
            self.0
        )
    }
}

impl std::error::Error for UnknownProcedure {}

/// Accepts the snake-case names of scenario files (`unanimity`, `qmv`, `rqmv`, `simple`).
impl FromStr for Procedure {
    type Err = UnknownProcedure;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Procedure::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownProcedure(s.to_owned()))
    }
}

/// One member's vote.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Vote {
    For,
    Against,
    /// Does not block unanimity (Art. 238(4) TFEU); counts as not in favour under QMV.
    Abstain,
    /// Abstention with a formal declaration (Art. 31(1) second subparagraph TEU): the
    /// member need not apply the decision; enough of them stop it.
    ConstructiveAbstain,
    /// The member leaves the room: it takes part but casts no vote. Under unanimity it does
    /// not prevent adoption (Art. 238(4) TFEU; in the European Council, Art. 235(1) TFEU);
    /// under a qualified or simple majority it is simply not in favour (Art. 238 TFEU). It
    /// still counts towards the thresholds, and against the quorum.
    Absent,
    /// The member does not take part where the Treaties allow it (an opt-out, enhanced
    /// cooperation): it is left out of the thresholds, which are then computed over the
    /// participants only (Art. 238(3) TFEU).
    NotParticipating,
    /// The member's voting rights are suspended (Art. 7(3) TEU): it does not vote and is not
    /// counted for unanimity or a qualified majority (Art. 354 TFEU), which is then computed
    /// as for participants only (Art. 238(3) TFEU). Set by the engine, never written in a
    /// scenario.
    #[serde(skip_deserializing)]
    #[schemars(skip)]
    Suspended,
}

impl Vote {
    /// The name used in scenario files, JSON and on the command line (`"constructive_abstain"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::For => "for",
            Vote::Against => "against",
            Vote::Abstain => "abstain",
            Vote::ConstructiveAbstain => "constructive_abstain",
            Vote::Absent => "absent",
            Vote::NotParticipating => "not_participating",
            Vote::Suspended => "suspended",
        }
    }

    /// Whether the member is left out of the count altogether (not taking part, or
    /// suspended), as opposed to a vote of a participant (absence included).
    pub fn is_left_out(self) -> bool {
        matches!(self, Vote::NotParticipating | Vote::Suspended)
    }
}

/// The readable name (`"constructive abstention"`); [`Vote::as_str`] gives the file name.
impl fmt::Display for Vote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Vote::For => "for",
            Vote::Against => "against",
            Vote::Abstain => "abstain",
            Vote::ConstructiveAbstain => "constructive abstention",
            Vote::Absent => "absent",
            Vote::NotParticipating => "not participating",
            Vote::Suspended => "suspended (Art. 7(3) TEU)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_serde_and_from_str() {
        for p in Procedure::ALL {
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(p.as_str().parse::<Procedure>(), Ok(p));
        }
        assert!("qualified majority".parse::<Procedure>().is_err());
        for vote in [
            Vote::For,
            Vote::Against,
            Vote::Abstain,
            Vote::ConstructiveAbstain,
            Vote::Absent,
            Vote::NotParticipating,
            Vote::Suspended,
        ] {
            let json = serde_json::to_string(&vote).unwrap();
            assert_eq!(json, format!("\"{}\"", vote.as_str()));
        }
        assert_eq!(
            Vote::ConstructiveAbstain.to_string(),
            "constructive abstention"
        );
        // A suspension is the engine's doing: a scenario cannot write it.
        assert!(serde_json::from_str::<Vote>("\"suspended\"").is_err());
        assert_eq!(
            serde_json::from_str::<Vote>("\"not_participating\"").unwrap(),
            Vote::NotParticipating
        );
    }

    #[test]
    fn unanimity_is_strictest_then_rqmv_qmv_simple() {
        let mut all = Procedure::ALL;
        all.sort_by_key(|p| std::cmp::Reverse(p.strictness()));
        let order = [
            Procedure::Unanimity,
            Procedure::Rqmv,
            Procedure::Qmv,
            Procedure::Simple,
        ];
        assert_eq!(all, order);
    }
}
