//! A priori voting power of each member under a procedure: normalized and raw Banzhaf, and
//! Shapley–Shubik, computed exactly.
//!
//! Power indices answer "how often does this member decide the outcome?", which weights alone
//! do not (the 4-member blocking clause, for one, shifts power to small members). The game is
//! the one [`crate::procedure::decide`] plays when every member votes for or against: a
//! coalition of members for wins when `Quota::met` says it passes.
//!
//! Counting swings over 2^26 coalitions per member is too slow, so for each member the others
//! are split into two halves (meet in the middle): each half's subset sums are grouped by size
//! and sorted, and pairs whose sum falls in the member's pivotal interval are counted with two
//! pointers. Counts stay exact integers; floats appear only in the final ratios.

use std::fmt;

use serde::Serialize;
use statecraft_model::vote::Procedure;

use crate::procedure::{
    Participation, PopulationTooLarge, Quota, checked_total_population, fewest_members_over_35,
};

/// One member's power, by its index in the populations given.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MemberPower {
    pub index: usize,
    /// Coalitions of the other members that lose without this member and win with it.
    pub swings: u64,
    /// Share of all members' swings; the shares sum to 1.
    pub banzhaf: f64,
    /// Probability of being decisive when every coalition of the others is equally likely:
    /// `swings / 2^(n-1)`.
    pub banzhaf_raw: f64,
    /// Probability of being pivotal when members join in a random order; sums to 1.
    pub shapley_shubik: f64,
}

/// Beyond this the two halves of the others (2^20 subsets each) outgrow a quick computation.
pub const MAX_MEMBERS: usize = 40;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PowerError {
    TooManyMembers {
        members: usize,
    },
    /// A population outside the exactly counted range.
    Population(PopulationTooLarge),
}

impl fmt::Display for PowerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PowerError::TooManyMembers { members } => write!(
                f,
                "{members} members are too many for an exact power computation (at most \
                 {MAX_MEMBERS})"
            ),
            PowerError::Population(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PowerError {}

/// The power of each member (in the order of `populations`) under `procedure`.
///
/// When no coalition is decisive (a Council of three or fewer under QMV, where nobody can
/// form the blocking minority of four, so every vote is deemed adopted), every index is 0.
pub fn voting_power(
    procedure: Procedure,
    populations: &[u64],
    participation: Participation,
) -> Result<Vec<MemberPower>, PowerError> {
    let n = populations.len();
    if n > MAX_MEMBERS {
        return Err(PowerError::TooManyMembers { members: n });
    }
    let total = checked_total_population(populations).map_err(PowerError::Population)?;
    let fewest = || fewest_members_over_35(&mut populations.to_vec(), total);
    let quota = Quota::new(procedure, participation, n as u64, total, fewest);
    Ok(power_in(quota, populations))
}

/// Power in the game where a coalition wins when `quota` says it passes.
fn power_in(quota: Quota, populations: &[u64]) -> Vec<MemberPower> {
    let n = populations.len();
    let by_size: Vec<Vec<u64>> = (0..n)
        .map(|i| swings_by_size(quota, populations, i))
        .collect();
    let swings: Vec<u64> = by_size.iter().map(|counts| counts.iter().sum()).collect();
    let all_swings: u128 = swings.iter().map(|&s| u128::from(s)).sum();
    let coalitions_of_others = if n == 0 {
        1.0
    } else {
        (1u64 << (n - 1)) as f64
    };
    (0..n)
        .map(|i| {
            // A coalition of s others joins before member i in s!(n-1-s)! of the n! orders:
            // a share of 1 / (n * C(n-1, s)).
            let shapley_shubik = by_size[i]
                .iter()
                .enumerate()
                .map(|(s, &count)| count as f64 / binomial(n as u64 - 1, s as u64) as f64)
                .sum::<f64>()
                / n as f64;
            MemberPower {
                index: i,
                swings: swings[i],
                banzhaf: if all_swings == 0 {
                    0.0
                } else {
                    swings[i] as f64 / all_swings as f64
                },
                banzhaf_raw: swings[i] as f64 / coalitions_of_others,
                shapley_shubik,
            }
        })
        .collect()
}

/// Whether `size` members holding `weight` people, out of `members`, pass under `quota`:
/// the winning test behind every count here.
fn wins(quota: Quota, members: u64, size: u64, weight: u64) -> bool {
    (size >= quota.members && weight >= quota.population)
        || quota.blocking.is_some_and(|b| members - size < b)
}

/// For member `i`, the number of coalitions of the others, by size, that `i` turns from losing
/// into winning.
fn swings_by_size(quota: Quota, populations: &[u64], i: usize) -> Vec<u64> {
    let n = populations.len() as u64;
    let w = populations[i];
    let others: Vec<u64> = (populations.iter().enumerate())
        .filter_map(|(j, &p)| (j != i).then_some(p))
        .collect();
    let (left, right) = others.split_at(others.len() / 2);
    let (left, right) = (subset_sums_by_size(left), subset_sums_by_size(right));
    // Sizes from which a coalition wins on the blocking clause alone (never, without one).
    let deemed_from = quota
        .blocking
        .map_or(u64::MAX, |b| (n + 1).saturating_sub(b));
    (0..n)
        .map(|s| {
            // Coalitions of s others with weight x where `i` swings form the interval
            // [lo, hi): x + w wins with s + 1 members, x loses with s. `u64::MAX` stands for
            // "no bound", as no coalition weighs that much.
            let lo = if s + 1 >= deemed_from {
                0
            } else if s + 1 >= quota.members {
                quota.population.saturating_sub(w)
            } else {
                u64::MAX
            };
            let hi = if s >= deemed_from {
                0
            } else if s >= quota.members {
                quota.population
            } else {
                u64::MAX
            };
            debug_assert!(lo >= hi || (wins(quota, n, s + 1, lo + w) && !wins(quota, n, s, lo)));
            if lo >= hi {
                0
            } else {
                count_below(&left, &right, s, hi) - count_below(&left, &right, s, lo)
            }
        })
        .collect()
}

/// All subset sums of `weights`, grouped by subset size, each group sorted.
fn subset_sums_by_size(weights: &[u64]) -> Vec<Vec<u64>> {
    let mut groups: Vec<Vec<u64>> = vec![Vec::new(); weights.len() + 1];
    groups[0].push(0);
    for (k, &w) in weights.iter().enumerate() {
        // Largest size first, so a subset is not extended twice by the same weight.
        for size in (0..=k).rev() {
            let extended: Vec<u64> = groups[size].iter().map(|&x| x + w).collect();
            groups[size + 1].extend(extended);
        }
    }
    for group in &mut groups {
        group.sort_unstable();
    }
    groups
}

/// How many coalitions of `size` members, one part from each half, weigh less than `limit`.
fn count_below(left: &[Vec<u64>], right: &[Vec<u64>], size: u64, limit: u64) -> u64 {
    let size = size as usize;
    let from = size.saturating_sub(right.len() - 1);
    let to = size.min(left.len() - 1);
    (from..=to)
        .map(|a| pairs_below(&left[a], &right[size - a], limit))
        .sum()
}

/// Pairs `(x, y)` from two sorted lists with `x + y < limit`.
fn pairs_below(xs: &[u64], ys: &[u64], limit: u64) -> u64 {
    if limit == u64::MAX {
        return (xs.len() * ys.len()) as u64;
    }
    let mut count = 0;
    let mut j = ys.len();
    for &x in xs {
        while j > 0 && x + ys[j - 1] >= limit {
            j -= 1;
        }
        if j == 0 {
            break;
        }
        count += j as u64;
    }
    count
}

fn binomial(n: u64, k: u64) -> u64 {
    let k = k.min(n - k);
    // Exact at every step: the running product is C(n - k + j, j).
    (1..=k).fold(1u64, |acc, j| acc * (n - k + j) / j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::{decide_with, tests::eu27};
    use proptest::prelude::*;
    use statecraft_model::vote::Vote;

    const PARTICIPATIONS: [Participation; 2] = [Participation::Full, Participation::Partial];

    fn weighted(quota: u64, weights: &[u64]) -> Vec<MemberPower> {
        power_in(
            Quota {
                members: 0,
                population: quota,
                blocking: None,
            },
            weights,
        )
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn hand_computed_weighted_games() {
        // [51; 50, 49, 1]: the first member swings in 3 coalitions, the others in 1 each.
        let p = weighted(51, &[50, 49, 1]);
        assert_eq!(p.iter().map(|m| m.swings).collect::<Vec<_>>(), [3, 1, 1]);
        assert!(close(p[0].banzhaf, 0.6) && close(p[1].banzhaf, 0.2));
        assert!(close(p[0].banzhaf_raw, 0.75) && close(p[2].banzhaf_raw, 0.25));
        assert!(close(p[0].shapley_shubik, 2.0 / 3.0) && close(p[2].shapley_shubik, 1.0 / 6.0));

        // The Council of the six in 1958, [12; 4, 4, 4, 2, 2, 1]: Luxembourg never decides.
        let p = weighted(12, &[4, 4, 4, 2, 2, 1]);
        assert_eq!(
            p.iter().map(|m| m.swings).collect::<Vec<_>>(),
            [10, 10, 10, 6, 6, 0]
        );
        assert!(close(p[0].banzhaf, 10.0 / 42.0) && close(p[3].banzhaf, 6.0 / 42.0));
        assert!(close(p[0].shapley_shubik, 7.0 / 30.0) && close(p[3].shapley_shubik, 0.15));
        assert_eq!(p[5].shapley_shubik, 0.0);
    }

    #[test]
    fn unanimity_gives_everyone_one_swing() {
        let p = voting_power(
            Procedure::Unanimity,
            &[5, 1, 100, 7, 3],
            Participation::Full,
        )
        .unwrap();
        for m in &p {
            assert_eq!(m.swings, 1);
            assert!(close(m.banzhaf, 0.2) && close(m.shapley_shubik, 0.2));
            assert!(close(m.banzhaf_raw, 1.0 / 16.0));
        }
    }

    #[test]
    fn indices_sum_to_one_for_the_eu27() {
        let populations: Vec<u64> = eu27().iter().map(|&(_, p)| p).collect();
        for procedure in Procedure::ALL {
            for participation in PARTICIPATIONS {
                let p = voting_power(procedure, &populations, participation).unwrap();
                let banzhaf: f64 = p.iter().map(|m| m.banzhaf).sum();
                let shapley: f64 = p.iter().map(|m| m.shapley_shubik).sum();
                assert!((banzhaf - 1.0).abs() < 1e-9, "{procedure}: {banzhaf}");
                assert!((shapley - 1.0).abs() < 1e-9, "{procedure}: {shapley}");
                // More people never means less power.
                for pair in p.windows(2) {
                    assert!(pair[0].swings >= pair[1].swings, "{procedure}");
                }
            }
        }
    }

    #[test]
    fn no_power_where_nothing_can_be_blocked() {
        // Three members cannot form a blocking minority of four: every vote is deemed adopted.
        let p = voting_power(Procedure::Qmv, &[10, 20, 30], Participation::Full).unwrap();
        assert!(
            p.iter()
                .all(|m| m.swings == 0 && m.banzhaf == 0.0 && m.shapley_shubik == 0.0)
        );
        assert!(
            voting_power(Procedure::Qmv, &[], Participation::Full)
                .unwrap()
                .is_empty()
        );
        let too_many = voting_power(Procedure::Qmv, &[1; MAX_MEMBERS + 1], Participation::Full);
        assert_eq!(
            too_many,
            Err(PowerError::TooManyMembers {
                members: MAX_MEMBERS + 1
            })
        );
    }

    /// Swings by coalition size, from `decide_with` over every coalition: 2^n votes.
    fn brute_force(
        procedure: Procedure,
        populations: &[u64],
        participation: Participation,
    ) -> Vec<Vec<u64>> {
        let n = populations.len();
        let passes = |mask: u32| {
            let ballots = populations.iter().enumerate().map(|(j, &p)| {
                (
                    if mask & (1 << j) != 0 {
                        Vote::For
                    } else {
                        Vote::Against
                    },
                    p,
                )
            });
            decide_with(procedure, ballots, participation).adopted
        };
        let adopted: Vec<bool> = (0..1u32 << n).map(passes).collect();
        (0..n)
            .map(|i| {
                let mut by_size = vec![0; n];
                for mask in (0..1u32 << n).filter(|m| m & (1 << i) == 0) {
                    if !adopted[mask as usize] && adopted[(mask | 1 << i) as usize] {
                        by_size[mask.count_ones() as usize] += 1;
                    }
                }
                by_size
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn meet_in_the_middle_matches_brute_force(
            populations in prop::collection::vec(1u64..50_000_000, 1..=11),
        ) {
            let total = populations.iter().sum();
            for procedure in Procedure::ALL {
                for participation in PARTICIPATIONS {
                    let fewest = || fewest_members_over_35(&mut populations.clone(), total);
                    let n = populations.len();
                    let quota = Quota::new(procedure, participation, n as u64, total, fewest);
                    let expected = brute_force(procedure, &populations, participation);
                    let fast = voting_power(procedure, &populations, participation).unwrap();
                    for i in 0..n {
                        prop_assert_eq!(&swings_by_size(quota, &populations, i), &expected[i]);
                        prop_assert_eq!(fast[i].swings, expected[i].iter().sum::<u64>());
                    }
                }
            }
        }

        #[test]
        fn winning_test_agrees_with_decide(
            coalition in any::<u32>(),
            procedure in prop::sample::select(Procedure::ALL.to_vec()),
            partial in any::<bool>(),
        ) {
            let participation = if partial { Participation::Partial } else { Participation::Full };
            let populations: Vec<u64> = eu27().iter().map(|&(_, p)| p).collect();
            let total = populations.iter().sum();
            let fewest = || fewest_members_over_35(&mut populations.clone(), total);
            let quota = Quota::new(procedure, participation, 27, total, fewest);
            let member = |j: usize| coalition & (1 << j) != 0;
            let ballots = populations
                .iter()
                .enumerate()
                .map(|(j, &p)| (if member(j) { Vote::For } else { Vote::Against }, p));
            let size = (0..27).filter(|&j| member(j)).count() as u64;
            let weight = (0..27).filter(|&j| member(j)).map(|j| populations[j]).sum();
            prop_assert_eq!(
                wins(quota, 27, size, weight),
                decide_with(procedure, ballots, participation).adopted
            );
        }
    }
}
