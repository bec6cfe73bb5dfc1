//! Exact counting of Council votes: given who takes part and how each votes, is the act
//! adopted, and why.
//!
//! The Treaty's thresholds ("at least 55% of the members ... representing at least 65% of the
//! population") are computed in integers, so a vote one person either side of a line comes out
//! as the Treaty says; no float touches a decision. [`decide`] runs in the Monte Carlo loop: it
//! reads its ballots once and allocates nothing. `power` reuses `Quota` so that voting power
//! is measured under exactly the rule that decides votes.

use std::fmt;

use serde::Serialize;
use statecraft_model::vote::{MAX_POPULATION, Procedure, Vote};

use crate::percent::Percent;

/// Whether every member of the Council takes part in a vote.
///
/// The Treaty has separate rules for a vote of the whole Council (Art. 16(4) TEU, Art. 238(2)
/// TFEU) and for one where some members do not take part (Art. 238(3) TFEU: enhanced
/// cooperation, a member's opt-out). Only the caller knows which it is, so it says;
/// the ballots passed are always those of the participants only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Participation {
    /// Every member of the Council votes.
    #[default]
    Full,
    /// Only some members take part; thresholds are computed over them (Art. 238(3) TFEU).
    Partial,
}

/// The outcome of one vote: whether it passed, the counts, and the rule that settled it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub adopted: bool,
    pub tally: Tally,
    pub reason: Reason,
}

/// Counts and populations of the participants, by vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub participants: u64,
    pub in_favour: u64,
    pub against: u64,
    pub abstain: u64,
    pub constructive: u64,
    /// Participants who left the room: counted in the thresholds, voting for nothing.
    #[serde(skip_serializing_if = "is_zero")]
    pub absent: u64,
    /// Population of all participants.
    pub population: u64,
    pub population_in_favour: u64,
    pub population_constructive: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Tally {
    /// Participants in the room: all but the absent.
    pub fn present(&self) -> u64 {
        self.participants - self.absent
    }

    /// Against, abstaining, abstaining constructively or absent: under a qualified majority
    /// all count alike (only votes in favour make the majority).
    pub fn not_in_favour(&self) -> u64 {
        self.participants - self.in_favour
    }
}

/// A member whose population is outside the range votes are counted in exactly
/// ([`MAX_POPULATION`]): its position in the list given, and the figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PopulationTooLarge {
    pub index: usize,
    pub population: u64,
}

impl fmt::Display for PopulationTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "population {} is larger than the limit of {MAX_POPULATION} (ten billion)",
            self.population
        )
    }
}

impl std::error::Error for PopulationTooLarge {}

/// The total of `populations`, or the first one too large to count exactly.
///
/// Populations from a compiled scenario are already within range; lists read elsewhere (the
/// `vote` and `power` commands' `--members`) pass through here before they are counted, so
/// [`decide`] can sum in plain `u64` without ever wrapping.
pub fn checked_total_population(populations: &[u64]) -> Result<u64, PopulationTooLarge> {
    let mut total: u64 = 0;
    for (index, &population) in populations.iter().enumerate() {
        if population > MAX_POPULATION {
            return Err(PopulationTooLarge { index, population });
        }
        // Cannot overflow: at most MAX_POPULATION per member and far fewer than 1.8e9 members.
        total = total
            .checked_add(population)
            .ok_or(PopulationTooLarge { index, population })?;
    }
    Ok(total)
}

/// The votes of the whole Council, with all members taking part.
pub fn decide(procedure: Procedure, ballots: impl IntoIterator<Item = (Vote, u64)>) -> Decision {
    decide_with(procedure, ballots, Participation::Full)
}

/// Counts the `(vote, population)` ballots of the participating members and applies the rule.
///
/// Populations must be within [`MAX_POPULATION`] (a compiled model's are; check other lists
/// with [`checked_total_population`]), so the sums below cannot overflow.
///
/// With no participant at all nothing is adopted ([`Reason::NoParticipants`]): the Treaty's
/// rules presuppose someone voting, and "adopted by nobody" is never what a scenario means.
///
/// A ballot [`Vote::NotParticipating`] or [`Vote::Suspended`] is left out of the count, and
/// the vote is then one of participants only (Art. 238(3) TFEU; for a suspension, Art. 354
/// TFEU), whatever `participation` says. A ballot [`Vote::Absent`] is a participant who
/// casts no vote; when fewer than a majority of the participants are present the Council
/// cannot vote at all ([`Reason::NoQuorum`], Art. 11(4) of the Council's Rules of
/// Procedure).
pub fn decide_with(
    procedure: Procedure,
    ballots: impl IntoIterator<Item = (Vote, u64)>,
    mut participation: Participation,
) -> Decision {
    // Only Art. 238(3)(a) needs the participants' populations one by one; a ballot left out
    // may turn a full vote into a partial one, so a qualified majority keeps them always
    // (on the stack: no allocation for any realistic Council).
    let keep = procedure == Procedure::Qmv;
    let mut kept = keep.then(Populations::default);
    let mut t = Tally::default();
    for (vote, population) in ballots {
        if vote.is_left_out() {
            participation = Participation::Partial;
            continue;
        }
        t.add(vote, population);
        if let Some(kept) = &mut kept {
            kept.push(population);
        }
    }
    settle(procedure, t, participation, || {
        kept.as_mut()
            .map_or(0, |k| fewest_members_over_35(k.slice(), t.population))
    })
}

impl Tally {
    /// Counts the ballot of one participant (a ballot left out is not counted: the caller
    /// makes the vote a partial one instead).
    #[inline]
    pub(crate) fn add(&mut self, vote: Vote, population: u64) {
        self.participants += 1;
        self.population += population;
        match vote {
            Vote::For => {
                self.in_favour += 1;
                self.population_in_favour += population;
            }
            Vote::Against => self.against += 1,
            Vote::Abstain => self.abstain += 1,
            Vote::ConstructiveAbstain => {
                self.constructive += 1;
                self.population_constructive += population;
            }
            Vote::Absent => self.absent += 1,
            Vote::NotParticipating | Vote::Suspended => {}
        }
    }
}

/// Applies `procedure`'s rule to a finished tally. `fewest_over_35` gives the fewest
/// participants holding more than 35% of their population; it is called only for a qualified
/// majority of some members (Art. 238(3)(a) TFEU).
pub(crate) fn settle(
    procedure: Procedure,
    t: Tally,
    participation: Participation,
    fewest_over_35: impl FnOnce() -> u64,
) -> Decision {
    let reason = if t.participants == 0 {
        Reason::NoParticipants
    } else if 2 * t.present() <= t.participants {
        Reason::NoQuorum {
            present: t.present(),
            members: t.participants,
        }
    } else if procedure == Procedure::Unanimity {
        unanimity(&t)
    } else {
        let quota = Quota::new(
            procedure,
            participation,
            t.participants,
            t.population,
            fewest_over_35,
        );
        majority(procedure, participation, quota, &t)
    };
    Decision {
        adopted: reason.adopted(),
        tally: t,
        reason,
    }
}

/// Unanimity (Art. 31(1) TEU; Art. 238(4) TFEU): one vote against blocks; abstention does not.
///
/// Constructive abstention (Art. 31(1) second subparagraph TEU) is an abstention, but when the
/// members abstaining that way are at least one third of the participants *and* hold at least
/// one third of their population, the decision is not adopted. With non-participants the thirds
/// are of the participants (the Treaty says "of the Union" for the whole Council).
fn unanimity(t: &Tally) -> Reason {
    if t.against > 0 {
        return Reason::Vetoed { against: t.against };
    }
    let third_of_members = 3 * u128::from(t.constructive) >= u128::from(t.participants);
    let third_of_population = 3 * u128::from(t.population_constructive) >= u128::from(t.population);
    if third_of_members && third_of_population {
        return Reason::ConstructiveAbstention {
            abstainers: t.constructive,
            members: t.participants,
            population_abstaining: t.population_constructive,
            population: t.population,
        };
    }
    Reason::Unanimous {
        members: t.participants,
        abstain: t.abstain,
        constructive: t.constructive,
        absent: t.absent,
    }
}

fn majority(procedure: Procedure, participation: Participation, quota: Quota, t: &Tally) -> Reason {
    let members_ok = t.in_favour >= quota.members;
    let population_ok = t.population_in_favour >= quota.population;
    match quota.met(t.participants, t.in_favour, t.population_in_favour) {
        QuotaMet::Deemed { blocking } => Reason::Deemed {
            not_in_favour: t.not_in_favour(),
            blocking_minimum: blocking,
            participation,
        },
        _ if procedure == Procedure::Simple => Reason::Simple {
            reached: members_ok,
            members_for: t.in_favour,
            members: t.participants,
            members_needed: quota.members,
        },
        met => Reason::Qualified {
            procedure,
            reached: met == QuotaMet::Reached,
            members_for: t.in_favour,
            members: t.participants,
            members_ok,
            population_for: t.population_in_favour,
            population: t.population,
            population_ok,
        },
    }
}

/// What a procedure asks of a set of participants who each vote for or not. Both [`decide`]
/// (for every procedure but unanimity, where abstentions need their own rule) and `power` read
/// it, so voting power is measured under the rule that decides votes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Quota {
    /// Members in favour needed.
    pub members: u64,
    /// People in favour needed: the percentage rounded up to a whole person, so that
    /// `population_for >= population` is exactly `100 * population_for >= 65 * total`.
    pub population: u64,
    /// The smallest blocking minority, in members: when fewer members than this are not in
    /// favour, the qualified majority is deemed attained. `None` where no such clause exists.
    pub blocking: Option<u64>,
}

/// Art. 16(4) TEU: a qualified majority of the whole Council comprises at least 15 members.
/// With 27 members 55% already means 15 (14.85 rounded up), and with more it means more, so the
/// floor never binds in a Union of 27 or more. It is applied only there: in a smaller, modelled
/// Council it would make a qualified majority of fewer than 15 members impossible.
const QMV_MINIMUM_MEMBERS: u64 = 15;
const QMV_MINIMUM_MEMBERS_FROM: u64 = 27;
/// Art. 16(4) TEU: "A blocking minority must include at least four Council members".
const FULL_COUNCIL_BLOCKING_MINORITY: u64 = 4;

impl Quota {
    /// The quota of `procedure` over `members` participants holding `population` people.
    /// `fewest_over_35` gives the fewest participants holding more than 35% of the population;
    /// it is called only for a qualified majority with non-participants.
    pub(crate) fn new(
        procedure: Procedure,
        participation: Participation,
        members: u64,
        population: u64,
        fewest_over_35: impl FnOnce() -> u64,
    ) -> Quota {
        match procedure {
            // With only votes for and against (all `power` sees), unanimity is everyone for.
            Procedure::Unanimity => Quota {
                members,
                population: 0,
                blocking: None,
            },
            // Art. 238(1) TFEU: "a majority of its component members", more than half.
            Procedure::Simple => Quota {
                members: members / 2 + 1,
                population: 0,
                blocking: None,
            },
            // Art. 16(4) TEU for the whole Council; Art. 238(3)(a) TFEU for participants: 55%
            // of them holding 65% of their population, and a blocking minority needs "at least
            // the minimum number of Council members representing more than 35% of the
            // population of the participating Member States, plus one member".
            Procedure::Qmv => {
                let mut needed = percent_of(55, members);
                let blocking = match participation {
                    Participation::Full => {
                        if members >= QMV_MINIMUM_MEMBERS_FROM {
                            needed = needed.max(QMV_MINIMUM_MEMBERS);
                        }
                        FULL_COUNCIL_BLOCKING_MINORITY
                    }
                    Participation::Partial => fewest_over_35() + 1,
                };
                let population = percent_of(65, population);
                Quota {
                    members: needed,
                    population,
                    blocking: Some(blocking),
                }
            }
            // Art. 238(2) TFEU (whole Council) and 238(3)(b) (participants): 72% of the members
            // holding 65% of the population. Neither has a blocking-minority clause: 238(2)
            // replaces the definition of Art. 16(4) TEU "by way of derogation", and 238(3)(b)
            // derogates from 238(3)(a), clause included. So three large members can block.
            Procedure::Rqmv => Quota {
                members: percent_of(72, members),
                population: percent_of(65, population),
                blocking: None,
            },
        }
    }

    /// Whether `members_for` of `members` participants, holding `population_for`, pass.
    pub(crate) fn met(&self, members: u64, members_for: u64, population_for: u64) -> QuotaMet {
        if members_for >= self.members && population_for >= self.population {
            QuotaMet::Reached
        } else if let Some(blocking) = self.blocking.filter(|&b| members - members_for < b) {
            QuotaMet::Deemed { blocking }
        } else {
            QuotaMet::Missed
        }
    }
}

/// Whether a vote met a [`Quota`] (named apart from `expect::Verdict`, an expectation's result).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum QuotaMet {
    Reached,
    /// Not reached on the numbers, but too few members are not in favour to block.
    Deemed {
        blocking: u64,
    },
    Missed,
}

/// `percent`% of `whole`, rounded up: the least integer `x` with `100 x >= percent * whole`.
fn percent_of(percent: u64, whole: u64) -> u64 {
    // In u64 when the product fits (every real Council), else in u128: the same quotient.
    match percent.checked_mul(whole) {
        Some(scaled) => scaled.div_ceil(100),
        None => (u128::from(percent) * u128::from(whole)).div_ceil(100) as u64,
    }
}

/// The fewest members whose populations add up to more than 35% of `total`: the largest first.
/// All of them when no set does (a total of zero), which makes blocking impossible.
pub(crate) fn fewest_members_over_35(populations: &mut [u64], total: u64) -> u64 {
    populations.sort_unstable_by(|a, b| b.cmp(a));
    let mut sum = 0u128;
    for (count, &p) in populations.iter().enumerate() {
        sum += u128::from(p);
        if 100 * sum > 35 * u128::from(total) {
            return count as u64 + 1;
        }
    }
    populations.len() as u64
}

/// Participants' populations, kept on the stack for any realistic Council so that [`decide`]
/// stays allocation-free; a Council of more than `INLINE` participants spills to the heap.
struct Populations {
    inline: [u64; Populations::INLINE],
    len: usize,
    spill: Vec<u64>,
}

impl Populations {
    const INLINE: usize = 64;

    fn push(&mut self, population: u64) {
        if self.len < Self::INLINE {
            self.inline[self.len] = population;
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.inline);
            }
            self.spill.push(population);
        }
        self.len += 1;
    }

    fn slice(&mut self) -> &mut [u64] {
        if self.len <= Self::INLINE {
            &mut self.inline[..self.len]
        } else {
            &mut self.spill
        }
    }
}

impl Default for Populations {
    fn default() -> Self {
        Populations {
            inline: [0; Self::INLINE],
            len: 0,
            spill: Vec::new(),
        }
    }
}

/// Why a vote came out as it did, with the numbers; `Display` gives one line for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Nobody took part, so nothing is adopted.
    NoParticipants,
    /// Too few participants present for the Council to vote: a majority of the members
    /// entitled to vote must be present (Art. 11(4) of the Council's Rules of Procedure).
    NoQuorum { present: u64, members: u64 },
    /// Unanimity blocked by votes against.
    Vetoed { against: u64 },
    /// Unanimity blocked by constructive abstentions (Art. 31(1) TEU).
    ConstructiveAbstention {
        abstainers: u64,
        members: u64,
        population_abstaining: u64,
        population: u64,
    },
    /// Unanimity reached: no participant against.
    Unanimous {
        members: u64,
        abstain: u64,
        constructive: u64,
        absent: u64,
    },
    /// A (reinforced) qualified majority reached or missed on its two criteria.
    Qualified {
        procedure: Procedure,
        reached: bool,
        members_for: u64,
        members: u64,
        members_ok: bool,
        population_for: u64,
        population: u64,
        population_ok: bool,
    },
    /// Qualified majority deemed attained: too few members not in favour to block.
    Deemed {
        not_in_favour: u64,
        blocking_minimum: u64,
        participation: Participation,
    },
    Simple {
        reached: bool,
        members_for: u64,
        members: u64,
        members_needed: u64,
    },
}

impl Reason {
    pub fn adopted(&self) -> bool {
        match *self {
            Reason::NoParticipants | Reason::NoQuorum { .. } | Reason::Vetoed { .. } => false,
            Reason::ConstructiveAbstention { .. } => false,
            Reason::Unanimous { .. } | Reason::Deemed { .. } => true,
            Reason::Qualified { reached, .. } | Reason::Simple { reached, .. } => reached,
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Reason::NoParticipants => f.write_str("not adopted: no member takes part"),
            Reason::NoQuorum { present, members } => write!(
                f,
                "not adopted: no quorum, {present} of {members} members present (a majority \
                 must be, Art. 11(4) of the Council's Rules of Procedure)"
            ),
            Reason::Vetoed { against } => {
                write!(
                    f,
                    "blocked: {against} {} against under unanimity",
                    plural(against, "vote")
                )
            }
            Reason::ConstructiveAbstention {
                abstainers,
                members,
                population_abstaining,
                population,
            } => write!(
                f,
                "blocked: {abstainers} of {members} members ({}, ≥ 1/3) abstain constructively, \
                 representing {} of the population (≥ 1/3) (Art. 31(1) TEU)",
                Percent::of(abstainers, members),
                Percent::of(population_abstaining, population),
            ),
            Reason::Unanimous {
                members,
                abstain,
                constructive,
                absent,
            } => {
                write!(
                    f,
                    "unanimity reached: no vote against among {members} members"
                )?;
                if abstain > 0 {
                    write!(f, ", {abstain} {}", plural(abstain, "abstention"))?;
                }
                if absent > 0 {
                    write!(
                        f,
                        ", {absent} {} absent (Art. 238(4) TFEU)",
                        plural(absent, "member")
                    )?;
                }
                if constructive > 0 {
                    let what = plural(constructive, "constructive abstention");
                    write!(f, ", {constructive} {what} (short of a blocking third)")?;
                }
                Ok(())
            }
            Reason::Qualified {
                procedure,
                reached,
                members_for,
                members,
                members_ok,
                population_for,
                population,
                population_ok,
            } => {
                let members_percent = if procedure == Procedure::Rqmv { 72 } else { 55 };
                let cmp = |ok: bool| if ok { "≥" } else { "<" };
                if reached {
                    write!(f, "{procedure} reached: ")?;
                } else {
                    write!(f, "no {procedure}: ")?;
                }
                write!(
                    f,
                    "{members_for} of {members} members ({}, {} {members_percent}%) representing \
                     {} of the population ({} 65%)",
                    Percent::beside_threshold(members_for, members, members_percent),
                    cmp(members_ok),
                    Percent::beside_threshold(population_for, population, 65),
                    cmp(population_ok),
                )
            }
            Reason::Deemed {
                not_in_favour,
                blocking_minimum,
                participation,
            } => write!(
                f,
                "deemed reached: only {not_in_favour} {} not in favour, a blocking minority \
                 needs {blocking_minimum} ({})",
                plural(not_in_favour, "member"),
                match participation {
                    Participation::Full => "Art. 16(4) TEU",
                    Participation::Partial => "Art. 238(3)(a) TFEU",
                },
            ),
            Reason::Simple {
                reached: true,
                members_for,
                members,
                ..
            } => write!(
                f,
                "simple majority reached: {members_for} of {members} members for (more than half)"
            ),
            Reason::Simple {
                reached: false,
                members_for,
                members,
                members_needed,
            } => write!(
                f,
                "no simple majority: {members_for} of {members} members for, {members_needed} needed"
            ),
        }
    }
}

fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    const EU27_CSV: &str = include_str!("../../../seeds/eu27-council-population-2025.csv");

    /// The Council's 2025 figures from the seed file, in file order.
    pub(crate) fn eu27() -> Vec<(&'static str, u64)> {
        EU27_CSV
            .lines()
            .skip(1)
            .map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                (fields[0], fields[2].parse().unwrap())
            })
            .collect()
    }

    /// One EU27 vote: members named vote as listed, the rest for; `absent` do not take part.
    struct Case {
        procedure: Procedure,
        against: &'static str,
        abstain: &'static str,
        constructive: &'static str,
        absent: &'static str,
        adopted: bool,
        reason: &'static str,
    }

    fn run(case: &Case) -> Decision {
        let named = |list: &str, id: &str| list.split(',').any(|x| x == id);
        let ballots = eu27()
            .into_iter()
            .filter(|(id, _)| !named(case.absent, id))
            .map(|(id, p)| {
                let vote = if named(case.against, id) {
                    Vote::Against
                } else if named(case.abstain, id) {
                    Vote::Abstain
                } else if named(case.constructive, id) {
                    Vote::ConstructiveAbstain
                } else {
                    Vote::For
                };
                (vote, p)
            });
        let participation = if case.absent.is_empty() {
            Participation::Full
        } else {
            Participation::Partial
        };
        decide_with(case.procedure, ballots, participation)
    }

    const C: Case = Case {
        procedure: Procedure::Qmv,
        against: "",
        abstain: "",
        constructive: "",
        absent: "",
        adopted: true,
        reason: "",
    };
    const U: Procedure = Procedure::Unanimity;
    const Q: Procedure = Procedure::Qmv;
    const R: Procedure = Procedure::Rqmv;
    const S: Procedure = Procedure::Simple;
    /// The 12 smallest members, the 13 smallest, the 14 and 8 largest.
    const SMALLEST_12: &str = "mt,lu,cy,ee,lv,si,lt,hr,ie,sk,fi,dk";
    const SMALLEST_13: &str = "mt,lu,cy,ee,lv,si,lt,hr,ie,sk,fi,dk,bg";
    const LARGEST_8: &str = "de,fr,it,es,pl,ro,nl,be";
    /// Every member but these 14 smallest and Germany stays out.
    const NOT_DE_AND_14_SMALLEST: &str = "fr,it,es,pl,ro,nl,be,cz,pt,se,gr,hu";

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // Unanimity: one vote against blocks, abstentions do not.
        Case { procedure: U, against: "hu", adopted: false, reason: "blocked: 1 vote against under unanimity", ..C },
        Case { procedure: U, against: "hu,sk", adopted: false, reason: "blocked: 2 votes against", ..C },
        Case { procedure: U, abstain: "hu,sk", reason: "unanimity reached: no vote against among 27 members, 2 abstentions", ..C },
        Case { procedure: U, abstain: LARGEST_8, ..C },
        // Constructive abstention: a third of the members (9 of 27) and of the population.
        Case { procedure: U, constructive: LARGEST_8, reason: "8 constructive abstentions", ..C },
        Case { procedure: U, constructive: "de,fr,it,mt,lu,cy,ee,lv,si", adopted: false, reason: "blocked: 9 of 27 members (33.3%, ≥ 1/3) abstain constructively", ..C },
        Case { procedure: U, constructive: "mt,lu,cy,ee,lv,si,lt,hr,ie", ..C },
        // 9 members, 30,067 people short of a third of the population; then 15,032 over it.
        Case { procedure: U, constructive: "de,pl,be,bg,ie,lt,ee,cy,mt", ..C },
        Case { procedure: U, constructive: "de,nl,gr,hu,at,bg,dk,sk,lv", adopted: false, ..C },
        // With Denmark out, 9 of 26 is still a third.
        Case { procedure: U, constructive: "de,fr,it,mt,lu,cy,ee,lv,si", absent: "dk", adopted: false, ..C },
        Case { procedure: U, against: "dk", absent: "dk", ..C },
        // QMV: 55% of members (15 of 27) with 65% of the population.
        Case { procedure: Q, against: "hu,sk", reason: "qualified majority reached: 25 of 27 members (92.6%, ≥ 55%) representing", ..C },
        Case { procedure: Q, against: SMALLEST_12, reason: "qualified majority reached: 15 of 27", ..C },
        Case { procedure: Q, against: SMALLEST_13, adopted: false, reason: "no qualified majority: 14 of 27 members (51.9%, < 55%) representing 90.4% of the population (≥ 65%)", ..C },
        Case { procedure: Q, abstain: SMALLEST_13, adopted: false, ..C },
        Case { procedure: Q, against: "fr,it,es,pl,ro,nl,be,cz,pt,se,gr,hu", adopted: false, reason: "15 of 27 members (55.6%, ≥ 55%) representing 30.1% of the population (< 65%)", ..C },
        // Three members cannot block, whatever their population; four can.
        Case { procedure: Q, against: "de,fr,it", reason: "deemed reached: only 3 members not in favour, a blocking minority needs 4 (Art. 16(4) TEU)", ..C },
        Case { procedure: Q, against: "de,fr", abstain: "it", ..C },
        Case { procedure: Q, against: "de,fr,it,es", adopted: false, ..C },
        Case { procedure: Q, against: "de,fr,it", abstain: "mt", adopted: false, ..C },
        Case { procedure: Q, against: "de,fr,it", constructive: "mt", adopted: false, ..C },
        // Participants only (Art. 238(3)(a) TFEU). Without Denmark the minimum is still 3 + 1.
        Case { procedure: Q, against: "de,fr,it", absent: "dk", reason: "(Art. 238(3)(a) TFEU)", ..C },
        Case { procedure: Q, against: "de,fr,it,es", absent: "dk", adopted: false, ..C },
        // Germany alone holds over 35% of these 15, so two members can block and one cannot.
        Case { procedure: Q, against: "de", absent: NOT_DE_AND_14_SMALLEST, reason: "only 1 member not in favour, a blocking minority needs 2", ..C },
        Case { procedure: Q, against: "de,mt", absent: NOT_DE_AND_14_SMALLEST, adopted: false, ..C },
        // Without the five largest, 35% takes four members, so a blocking minority needs five.
        Case { procedure: Q, against: "ro,nl,be,cz", absent: "de,fr,it,es,pl", reason: "needs 5", ..C },
        Case { procedure: Q, against: "ro,nl,be,cz,mt", absent: "de,fr,it,es,pl", adopted: false, ..C },
        // No 15-member floor among participants: 9 of 15 (55% is 8.25) suffices.
        Case { procedure: Q, against: "mt,lu,cy,ee,lv,si", absent: NOT_DE_AND_14_SMALLEST, ..C },
        Case { procedure: Q, against: "mt,lu,cy,ee,lv,si,lt", absent: NOT_DE_AND_14_SMALLEST, adopted: false, ..C },
        // Reinforced QMV: 72% of 27 is 19.44, so 20 members; no blocking-minority clause.
        Case { procedure: R, against: "mt,lu,cy,ee,lv,si,lt", reason: "reinforced qualified majority reached: 20 of 27 members (74.1%, ≥ 72%)", ..C },
        Case { procedure: R, against: "mt,lu,cy,ee,lv,si,lt,hr", adopted: false, reason: "no reinforced qualified majority: 19 of 27", ..C },
        Case { procedure: R, against: "de,fr,it", adopted: false, reason: "(< 65%)", ..C },
        // 72% of 26 participants is 18.72: 19 of them.
        Case { procedure: R, against: "mt,lu,cy,ee,lv,si,lt", absent: "dk", ..C },
        Case { procedure: R, against: "mt,lu,cy,ee,lv,si,lt,hr", absent: "dk", adopted: false, ..C },
        // Simple majority: more than half, population irrelevant.
        Case { procedure: S, against: SMALLEST_13, reason: "simple majority reached: 14 of 27 members for", ..C },
        Case { procedure: S, against: "mt,lu,cy,ee,lv,si,lt,hr,ie,sk,fi,dk,bg,at", adopted: false, reason: "no simple majority: 13 of 27 members for, 14 needed", ..C },
        Case { procedure: S, abstain: SMALLEST_13, ..C },
        Case { procedure: S, against: "mt,lu,cy,ee,lv,si,lt,hr,ie,sk,fi,dk,bg", absent: "de", adopted: false, ..C },
    ];

    #[test]
    fn eu27_cases() {
        for (i, case) in CASES.iter().enumerate() {
            let decision = run(case);
            let reason = decision.reason.to_string();
            assert_eq!(decision.adopted, case.adopted, "case {i}: {reason}");
            assert_eq!(decision.adopted, decision.reason.adopted(), "case {i}");
            assert!(
                reason.contains(case.reason),
                "case {i}: `{reason}` lacks `{}`",
                case.reason
            );
        }
    }

    /// 27 members: four against holding 3,500 people, 23 for holding 6,500, so 65% exactly.
    fn sixty_five_percent(shift: u64) -> Vec<(Vote, u64)> {
        let mut ballots = vec![
            (Vote::Against, 1000),
            (Vote::Against, 1000),
            (Vote::Against, 1000),
        ];
        ballots.push((Vote::Against, 500 + shift));
        ballots.extend(std::iter::repeat_n((Vote::For, 283), 22));
        ballots.push((Vote::For, 274 - shift));
        ballots
    }

    #[test]
    fn sixty_five_percent_give_or_take_one_person() {
        let exact = decide(Procedure::Qmv, sixty_five_percent(0));
        assert_eq!(
            (exact.tally.population, exact.tally.population_in_favour),
            (10_000, 6_500)
        );
        assert!(exact.adopted, "{}", exact.reason);
        let short = decide(Procedure::Qmv, sixty_five_percent(1));
        assert!(!short.adopted, "{}", short.reason);
        assert!(
            short
                .reason
                .to_string()
                .contains("64.99% of the population (< 65%)")
        );
        // The same line under reinforced QMV (23 of 27 is above 72%).
        assert!(decide(Procedure::Rqmv, sixty_five_percent(0)).adopted);
        assert!(!decide(Procedure::Rqmv, sixty_five_percent(1)).adopted);
    }

    #[test]
    fn thresholds_round_up_to_whole_people_and_members() {
        assert_eq!(percent_of(65, 10_000), 6_500);
        assert_eq!(percent_of(65, 10_001), 6_501); // 6,500.65 people
        assert_eq!(percent_of(55, 27), 15);
        assert_eq!(percent_of(72, 27), 20);
        assert_eq!(
            percent_of(65, u64::MAX),
            (u128::from(u64::MAX) * 65).div_ceil(100) as u64
        );
    }

    #[test]
    fn nobody_taking_part_adopts_nothing() {
        for procedure in Procedure::ALL {
            for participation in [Participation::Full, Participation::Partial] {
                let d = decide_with(procedure, [], participation);
                assert!(!d.adopted);
                assert_eq!(d.reason, Reason::NoParticipants);
            }
        }
    }

    #[test]
    fn every_participant_abstaining_still_adopts_by_unanimity() {
        // Art. 238(4) TFEU read literally: abstentions never prevent unanimity.
        let d = decide(
            Procedure::Unanimity,
            eu27().into_iter().map(|(_, p)| (Vote::Abstain, p)),
        );
        assert!(d.adopted);
        assert!(!decide(Procedure::Qmv, [(Vote::Abstain, 1); 27]).adopted);
    }

    /// The EU27's ballots: members in `away` leave the room, those in `out` vote `out_vote`
    /// (not participating or suspended), `against` vote against, the rest for.
    fn eu27_with(away: &str, out: &str, out_vote: Vote, against: &str) -> Vec<(Vote, u64)> {
        let named = |list: &str, id: &str| list.split(',').any(|x| x == id);
        eu27()
            .into_iter()
            .map(|(id, p)| {
                let vote = if named(away, id) {
                    Vote::Absent
                } else if named(out, id) {
                    out_vote
                } else if named(against, id) {
                    Vote::Against
                } else {
                    Vote::For
                };
                (vote, p)
            })
            .collect()
    }

    #[test]
    fn absence_does_not_block_unanimity_but_is_not_in_favour_under_a_majority() {
        let d = decide(Procedure::Unanimity, eu27_with("hu", "", Vote::For, ""));
        assert!(d.adopted, "{}", d.reason);
        assert_eq!((d.tally.participants, d.tally.absent), (27, 1));
        assert!(
            d.reason
                .to_string()
                .contains("1 member absent (Art. 238(4) TFEU)")
        );
        // Under QMV absence counts like a vote not in favour: four of the largest away block,
        // three cannot (Art. 16(4) TEU), exactly as four or three votes against.
        let four = decide(Procedure::Qmv, eu27_with("de,fr,it,es", "", Vote::For, ""));
        assert!(!four.adopted, "{}", four.reason);
        let against = decide(Procedure::Qmv, eu27_with("", "", Vote::For, "de,fr,it,es"));
        assert_eq!(four.adopted, against.adopted);
        let three = decide(Procedure::Qmv, eu27_with("de,fr,it", "", Vote::For, ""));
        assert!(
            matches!(three.reason, Reason::Deemed { .. }),
            "{}",
            three.reason
        );
        // Simple majority: 13 away of 27 leaves 14 for, more than half.
        let d = decide(Procedure::Simple, eu27_with(SMALLEST_13, "", Vote::For, ""));
        assert!(d.adopted, "{}", d.reason);
    }

    #[test]
    fn absence_at_the_sixty_five_percent_line() {
        // The 65% line of `sixty_five_percent`, with the four not in favour absent instead
        // of against: the same people either side of the line decide the same way.
        for shift in [0, 1] {
            let absent: Vec<(Vote, u64)> = sixty_five_percent(shift)
                .into_iter()
                .map(|(v, p)| (if v == Vote::Against { Vote::Absent } else { v }, p))
                .collect();
            let by_absence = decide(Procedure::Qmv, absent);
            let by_votes = decide(Procedure::Qmv, sixty_five_percent(shift));
            assert_eq!(by_absence.adopted, by_votes.adopted, "shift {shift}");
            assert_eq!(by_absence.adopted, shift == 0, "{}", by_absence.reason);
        }
    }

    #[test]
    fn a_majority_must_be_present_to_vote() {
        // Everyone absent: nothing is adopted, under any procedure.
        for procedure in Procedure::ALL {
            let d = decide(procedure, [(Vote::Absent, 1); 27]);
            assert!(!d.adopted);
            assert_eq!(
                d.reason,
                Reason::NoQuorum {
                    present: 0,
                    members: 27
                }
            );
        }
        // 14 of 27 present is a majority; 13 is not, even for unanimity.
        let mut ballots = vec![(Vote::Absent, 1); 13];
        ballots.extend([(Vote::For, 1); 14]);
        assert!(decide(Procedure::Unanimity, ballots.clone()).adopted);
        ballots[13].0 = Vote::Absent;
        let d = decide(Procedure::Unanimity, ballots);
        assert!(!d.adopted);
        assert!(
            d.reason
                .to_string()
                .contains("no quorum, 13 of 27 members present")
        );
        // Those left out are not entitled to vote, so they do not count for the quorum.
        let mut ballots = vec![(Vote::NotParticipating, 1); 20];
        ballots.extend([(Vote::Absent, 1), (Vote::For, 1), (Vote::For, 1)]);
        assert!(decide(Procedure::Unanimity, ballots).adopted);
    }

    #[test]
    fn left_out_members_are_not_counted_like_participants() {
        for out_vote in [Vote::NotParticipating, Vote::Suspended] {
            // A member left out cannot veto, and the vote is one of participants even when
            // the caller says the whole Council votes (Art. 238(3) TFEU; Art. 354 TFEU).
            let d = decide(Procedure::Unanimity, eu27_with("", "hu", out_vote, "hu"));
            assert!(d.adopted, "{}", d.reason);
            assert_eq!(d.tally.participants, 26);
            // Without Germany, three members hold more than 35% of the participants'
            // population, so a blocking minority needs four: as when Germany does not take
            // part by `participants`.
            let left = decide(Procedure::Qmv, eu27_with("", "de", out_vote, "fr,it,es"));
            let explicit = decide_with(
                Procedure::Qmv,
                eu27_with("", "", Vote::For, "fr,it,es")
                    .into_iter()
                    .zip(eu27())
                    .filter(|(_, (id, _))| *id != "de")
                    .map(|(b, _)| b),
                Participation::Partial,
            );
            assert_eq!(left, explicit);
            assert!(d.reason.to_string().contains("26 members"));
        }
        // Everyone left out: no participant.
        let d = decide(Procedure::Qmv, [(Vote::Suspended, 1); 3]);
        assert_eq!(d.reason, Reason::NoParticipants);
    }

    #[test]
    fn large_councils_spill_without_changing_the_count() {
        // 100 participants of one person each: 36 hold more than 35%, so 37 block.
        let mut ballots = vec![(Vote::Against, 1); 36];
        ballots.extend([(Vote::For, 1); 64]);
        let d = decide_with(Procedure::Qmv, ballots.clone(), Participation::Partial);
        assert!(d.adopted, "{}", d.reason);
        ballots[36].0 = Vote::Against;
        assert!(!decide_with(Procedure::Qmv, ballots, Participation::Partial).adopted);
    }

    fn vote_of(i: u8) -> Vote {
        [
            Vote::For,
            Vote::Against,
            Vote::Abstain,
            Vote::ConstructiveAbstain,
        ][usize::from(i % 4)]
    }

    fn ballots() -> impl Strategy<Value = Vec<(Vote, u64)>> {
        prop::collection::vec(
            (0u8..4, 1u64..100_000_000).prop_map(|(v, p)| (vote_of(v), p)),
            1..40,
        )
    }

    fn procedure_and_participation() -> impl Strategy<Value = (Procedure, Participation)> {
        let participation = prop_oneof![Just(Participation::Full), Just(Participation::Partial)];
        (prop::sample::select(Procedure::ALL.to_vec()), participation)
    }

    proptest! {
        #[test]
        fn one_vote_against_always_blocks_unanimity(
            mut ballots in ballots(),
            at in any::<prop::sample::Index>(),
            partial in any::<bool>(),
        ) {
            let i = at.index(ballots.len());
            ballots[i].0 = Vote::Against;
            let participation = if partial { Participation::Partial } else { Participation::Full };
            prop_assert!(!decide_with(Procedure::Unanimity, ballots, participation).adopted);
        }

        #[test]
        fn a_new_supporter_never_turns_adoption_into_failure(
            mut ballots in ballots(),
            at in any::<prop::sample::Index>(),
            (procedure, participation) in procedure_and_participation(),
        ) {
            let before = decide_with(procedure, ballots.clone(), participation);
            let i = at.index(ballots.len());
            ballots[i].0 = Vote::For;
            let after = decide_with(procedure, ballots, participation);
            prop_assert!(!before.adopted || after.adopted, "{} then {}", before.reason, after.reason);
        }

        #[test]
        fn ballot_order_does_not_matter(
            ballots in ballots(),
            seed in any::<u64>(),
            (procedure, participation) in procedure_and_participation(),
        ) {
            let mut shuffled = ballots.clone();
            // A fixed permutation from the seed, without pulling in an RNG.
            shuffled.sort_by_key(|&(v, p)| (p ^ seed).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ v as u64);
            prop_assert_eq!(
                decide_with(procedure, ballots, participation),
                decide_with(procedure, shuffled, participation),
            );
        }
    }
}
