//! Exact counting of the votes of the bodies other than the Council: the European
//! Parliament (by groups' seats) and the European Council (by consensus).
//!
//! Like `procedure`, everything is integer arithmetic on counts, so "a majority of the
//! component members" is exactly the Treaty's line and a tie is a tie. Nothing here draws or
//! allocates: the engine counts the seats (with its own draws) and asks whether they pass.

use statecraft_model::vote::Vote;

/// The majority a Parliament vote needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParliamentMajority {
    /// A majority of the votes cast: more for than against; abstentions are not votes cast
    /// (Art. 231 TFEU; e.g. first reading, Art. 294(3) TFEU, and consent, Art. 218(6)(a) TFEU).
    VotesCast,
    /// A majority of the component members: more than half of all seats vote for, however
    /// many abstain or are absent (e.g. consent to an accession, Art. 49 TEU).
    ComponentMembers,
}

/// Seats voting each way in one Parliament vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeatCount {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

impl SeatCount {
    /// Adds `seats` voting `vote` (a constructive abstention is an abstention here).
    pub fn add(&mut self, vote: Vote, seats: u32) {
        match vote {
            Vote::For => self.for_ += seats,
            Vote::Against => self.against += seats,
            // Seats not voting count as abstentions would: outside the votes cast, and not
            // for (what a majority of the component members needs).
            Vote::Abstain
            | Vote::ConstructiveAbstain
            | Vote::Absent
            | Vote::NotParticipating
            | Vote::Suspended => self.abstain += seats,
        }
    }

    /// Adds a group that does not vote as one: its seats split evenly between for and
    /// against, and an odd seat abstains.
    pub fn add_split(&mut self, seats: u32) {
        self.for_ += seats / 2;
        self.against += seats / 2;
        self.abstain += seats % 2;
    }
}

/// Whether a Parliament vote with `count` passes under `majority`, in a Parliament of
/// `seats` component members.
pub fn parliament_passes(count: SeatCount, majority: ParliamentMajority, seats: u32) -> bool {
    match majority {
        ParliamentMajority::VotesCast => count.for_ > count.against,
        // for > seats / 2, exactly: 2 * for > seats (in u64, no overflow).
        ParliamentMajority::ComponentMembers => 2 * u64::from(count.for_) > u64::from(seats),
    }
}

/// Whether the European Council reaches consensus: no member against. Abstention does not
/// prevent it (Art. 235(1) TFEU, third subparagraph), nor does a constructive abstention
/// (Art. 15(4) TEU: "except where the Treaties provide otherwise", by consensus).
pub fn european_council_consensus(votes: impl IntoIterator<Item = Vote>) -> bool {
    votes.into_iter().all(|v| v != Vote::Against)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(for_: u32, against: u32, abstain: u32) -> SeatCount {
        SeatCount {
            for_,
            against,
            abstain,
        }
    }

    #[test]
    fn votes_cast_tie_fails() {
        assert!(!parliament_passes(
            count(300, 300, 120),
            ParliamentMajority::VotesCast,
            720
        ));
        assert!(parliament_passes(
            count(301, 300, 119),
            ParliamentMajority::VotesCast,
            720
        ));
    }

    #[test]
    fn all_abstaining_fails() {
        assert!(!parliament_passes(
            count(0, 0, 720),
            ParliamentMajority::VotesCast,
            720
        ));
        assert!(!parliament_passes(
            count(0, 0, 720),
            ParliamentMajority::ComponentMembers,
            720
        ));
    }

    #[test]
    fn exactly_half_of_component_members_fails() {
        assert!(!parliament_passes(
            count(360, 0, 360),
            ParliamentMajority::ComponentMembers,
            720
        ));
        assert!(parliament_passes(
            count(361, 0, 359),
            ParliamentMajority::ComponentMembers,
            720
        ));
        // An odd Parliament: 361 of 721 is more than half.
        assert!(parliament_passes(
            count(361, 360, 0),
            ParliamentMajority::ComponentMembers,
            721
        ));
        assert!(!parliament_passes(
            count(360, 0, 361),
            ParliamentMajority::ComponentMembers,
            721
        ));
    }

    #[test]
    fn votes_cast_passes_where_component_members_fails() {
        let c = count(335, 235, 150);
        assert!(parliament_passes(c, ParliamentMajority::VotesCast, 720));
        assert!(!parliament_passes(
            c,
            ParliamentMajority::ComponentMembers,
            720
        ));
    }

    #[test]
    fn split_gives_the_odd_seat_to_abstention() {
        let mut c = SeatCount::default();
        c.add_split(71);
        assert_eq!(c, count(35, 35, 1));
        c.add(Vote::ConstructiveAbstain, 2);
        assert_eq!(c.abstain, 3);
    }

    #[test]
    fn consensus_blocked_only_by_a_vote_against() {
        use Vote::*;
        assert!(european_council_consensus([
            For,
            Abstain,
            ConstructiveAbstain
        ]));
        assert!(european_council_consensus([Abstain, Abstain]));
        assert!(european_council_consensus([]));
        assert!(!european_council_consensus([For, Against, For]));
    }
}
