//! `statecraft sweep`: one CSV row per grid point.

use statecraft_rules::grid::Axis;
use statecraft_rules::summary::SweepPoint;

/// One row per point: the point's values, then p, lo, hi of every outcome.
pub fn csv(axes: &[Axis], rows: &[SweepPoint]) -> String {
    /// Where a column's share is in a point.
    enum Column {
        Proposal(String),
        State(String, String),
        Flag(String),
    }
    let mut header: Vec<String> = axes.iter().map(|a| a.path.clone()).collect();
    let mut columns: Vec<(String, Column)> = Vec::new();
    if let Some(first) = rows.first() {
        for (id, _) in first.proposals.iter() {
            columns.push((
                format!("proposal.{id}.adopted"),
                Column::Proposal(id.clone()),
            ));
        }
        for (label, states) in first.statuses.iter() {
            for (state, _) in states.iter() {
                columns.push((
                    format!("status.{label}.{state}"),
                    Column::State(label.clone(), state.clone()),
                ));
            }
        }
        for (id, _) in first.flags.iter() {
            columns.push((format!("flag.{id}"), Column::Flag(id.clone())));
        }
    }
    for (name, _) in &columns {
        header.extend([
            format!("{name}.p"),
            format!("{name}.lo"),
            format!("{name}.hi"),
        ]);
    }
    let mut w = crate::csv::Writer::new(&header);
    for row in rows {
        let mut cells: Vec<String> = axes
            .iter()
            .map(|a| row.point.get(&a.path).cloned().unwrap_or_default())
            .collect();
        for (_, column) in &columns {
            let share = match column {
                Column::Proposal(id) => row.proposals.get(id).map(|a| a.adopted),
                Column::State(label, state) => {
                    row.statuses.get(label).and_then(|s| s.get(state)).copied()
                }
                Column::Flag(id) => row.flags.get(id).copied(),
            };
            // A point without the column's item (a --vary that renames it) shows `null`.
            cells.extend(match share {
                Some(v) => [v.p, v.lo, v.hi].map(crate::csv::number),
                None => ["null", "null", "null"].map(String::from),
            });
        }
        w.row(&cells);
    }
    w.finish()
}
