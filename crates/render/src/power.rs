//! `statecraft power`: a voting-power table as aligned text.

use std::io::Write;

use statecraft_rules::council::{MemberPowerRow, PowerTable};

use crate::vote::thousands;

pub fn text(out: &mut dyn Write, table: &PowerTable, members: usize) -> std::io::Result<()> {
    let rows = &table.members;
    let total: u64 = rows.iter().map(|r| r.population).sum();
    writeln!(
        out,
        "Voting power under {}: {} of {members} members take part, {} people",
        table.procedure,
        rows.len(),
        thousands(total)
    )?;
    // Ids and names come from a members file: shown inert, like all scenario text.
    let label = |r: &MemberPowerRow| match &r.name {
        Some(name) => crate::text::inert(&format!("{} {name}", r.id)).into_owned(),
        None => crate::text::inert(&r.id).into_owned(),
    };
    let width = rows
        .iter()
        .map(|r| label(r).chars().count())
        .max()
        .unwrap_or(0)
        .max(6);
    writeln!(
        out,
        "{:<width$}  {:>13}  {:>7}  {:>8}  {:>11}  {:>14}",
        "member", "population", "share", "banzhaf", "banzhaf_raw", "shapley_shubik"
    )?;
    for row in rows {
        let share = 100.0 * row.population as f64 / total as f64;
        writeln!(
            out,
            "{:<width$}  {:>13}  {:>6.2}%  {:>8.4}  {:>11.4}  {:>14.4}",
            label(row),
            thousands(row.population),
            share,
            row.banzhaf,
            row.banzhaf_raw,
            row.shapley_shubik,
        )?;
    }
    Ok(())
}
