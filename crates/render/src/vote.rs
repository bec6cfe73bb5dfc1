//! `statecraft vote`: a counted Council vote as text.

use std::io::Write;

use statecraft_model::vote::Vote;
use statecraft_rules::council::CountedVote;

pub fn text(out: &mut dyn Write, counted: &CountedVote) -> std::io::Result<()> {
    let t = &counted.tally;
    let members = counted.votes.len() as u64;
    writeln!(
        out,
        "Vote by {}: {} of {members} members take part",
        counted.procedure, t.participants
    )?;
    let ids_with = |wanted: Option<Vote>| {
        let ids: Vec<&str> = (counted.votes.iter())
            .filter(|v| v.vote == wanted)
            .map(|v| v.id.as_str())
            .collect();
        // Ids come from a members file: shown inert, like all scenario text.
        crate::text::inert(&ids.join(", ")).into_owned()
    };
    let for_people = format!("({} people)", thousands(t.population_in_favour));
    let rows = [
        ("for", t.in_favour, for_people),
        ("against", t.against, ids_with(Some(Vote::Against))),
        ("abstain", t.abstain, ids_with(Some(Vote::Abstain))),
        (
            "constructive abstention",
            t.constructive,
            ids_with(Some(Vote::ConstructiveAbstain)),
        ),
    ];
    for (label, count, detail) in rows {
        let line = format!("  {label:<24}{count:>3}  {detail}");
        writeln!(out, "{}", line.trim_end())?;
    }
    let absent = members - t.participants;
    if absent > 0 {
        writeln!(
            out,
            "  {:<24}{absent:>3}  {}",
            "not taking part",
            ids_with(None)
        )?;
    }
    let verdict = if counted.adopted {
        "ADOPTED"
    } else {
        "NOT ADOPTED"
    };
    let reason = counted.reason.to_string();
    writeln!(out, "{verdict}: {}", crate::text::inert(&reason))?;
    Ok(())
}

/// `451073984` → `451,073,984`, for reading.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(451_073_984), "451,073,984");
    }
}
