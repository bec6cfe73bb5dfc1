//! From results to charts: an indicator slot's seed-0 run and its Monte Carlo quantiles, a
//! proposal's share of runs adopted by each date with its Wilson interval, and the timeline
//! lines that changed either, as markers. One scenario or two laid over each other (a
//! baseline and a variant): the same builders, so both pages read alike.

use statecraft_model::calendar::day_number;
use statecraft_model::id::SlotId;
use statecraft_model::log::ItemRef;
use statecraft_model::model::Model;
use statecraft_model::state::Outcome;
use statecraft_rules::run::RunReport;
use statecraft_rules::summary::{McSummary, ProposalOutcomes, QuantilePoint};

use crate::chart::{Band, Hue, Line, Marker, TimeChart};
use crate::names::{proposal_title, slot_name};

/// One scenario's results, as far as charts need them.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    pub model: &'a Model,
    pub run: &'a RunReport,
    pub mc: Option<&'a McSummary>,
    /// How the legend names this side on a page of two (`None` on a page of one).
    pub tag: Option<&'a str>,
}

impl Side<'_> {
    /// The day each step ends, the x of every series.
    fn step_days(&self) -> Vec<i32> {
        let calendar = self.model.calendar();
        (0..calendar.len())
            .map(|s| day_number(calendar.step_end(s as u32)))
            .collect()
    }

    fn days(&self) -> (i32, i32) {
        let c = self.model.calendar();
        (day_number(c.start), day_number(c.end))
    }

    fn named(&self, what: &str) -> String {
        match self.tag {
            Some(tag) => format!("{tag}: {what}"),
            None => what.to_owned(),
        }
    }
}

/// The chart of indicator slot `slot` of `sides[0]` (the same slot label in the others).
pub fn indicator_chart(sides: &[Side], slot: SlotId) -> TimeChart {
    let first = sides[0];
    let model = first.model;
    let label = model.slot_label(slot);
    let indicator = model.indicator(model.slot_owner(slot).indicator);
    let mut chart = TimeChart {
        title: slot_name(model, slot),
        y_label: match &indicator.unit {
            Some(unit) => format!("{} ({unit})", indicator.name),
            None => indicator.name.clone(),
        },
        y_range: (indicator.min, indicator.max),
        percent: false,
        days: first.days(),
        bands: Vec::new(),
        lines: Vec::new(),
        markers: Vec::new(),
    };
    for (i, side) in sides.iter().enumerate() {
        let Some(slot) = side
            .model
            .slot_ids()
            .find(|s| side.model.slot_label(*s) == label)
        else {
            continue;
        };
        let days = side.step_days();
        let (run_hue, band_hue) = if i == 0 {
            (Hue::Run, Hue::Band)
        } else {
            (Hue::Variant, Hue::Variant)
        };
        if let Some(q) = side.mc.and_then(|m| m.indicators.get(&label)) {
            add_quantiles(&mut chart, side, &days, q, band_hue, i);
        }
        let values = side.run.series(slot);
        chart.lines.push(Line {
            label: side.named(&format!("seed-{} run", side.run.seed)),
            side: i,
            hue: run_hue,
            dashed: i > 0 && sides.len() > 1 && side.mc.is_some(),
            points: days.iter().copied().zip(values).collect(),
        });
        chart.markers.extend(markers(
            side,
            |r| matches!(r, ItemRef::Indicator(s) | ItemRef::Baseline(s) if *s == slot),
        ));
    }
    chart
}

fn add_quantiles(
    chart: &mut TimeChart,
    side: &Side,
    days: &[i32],
    q: &[QuantilePoint],
    hue: Hue,
    index: usize,
) {
    let variant = index > 0;
    let runs = side.mc.map_or(0, |m| m.runs);
    let band = |label: &str,
                opacity: f64,
                lo: fn(&QuantilePoint) -> f64,
                hi: fn(&QuantilePoint) -> f64| Band {
        label: side.named(label),
        side: index,
        hue,
        opacity,
        points: days
            .iter()
            .zip(q)
            .map(|(d, p)| (*d, lo(p), hi(p)))
            .collect(),
    };
    // A variant's bands are lighter: where both overlap, the baseline's stays readable.
    let scale = if variant { 0.7 } else { 1.0 };
    chart.bands.push(band(
        &format!("90% of {runs} runs (5th–95th percentile)"),
        0.14 * scale,
        |p| p.q05,
        |p| p.q95,
    ));
    chart.bands.push(band(
        "50% of runs (25th–75th percentile)",
        0.28 * scale,
        |p| p.q25,
        |p| p.q75,
    ));
    chart.lines.push(Line {
        label: side.named("median of runs"),
        side: index,
        hue: if variant { Hue::Variant } else { Hue::Median },
        dashed: true,
        points: days.iter().copied().zip(q.iter().map(|p| p.q50)).collect(),
    });
}

/// The chart of proposal `id`'s chance of adoption by each date in every side that has it
/// and a batch, with the seed-0 run's adoption as a step from 0 to 100%.
pub fn adoption_chart(sides: &[Side], id: &str) -> Option<TimeChart> {
    let first = sides[0];
    let mut chart = TimeChart {
        title: proposal_title(first.model, id),
        y_label: "Share of runs adopted".to_owned(),
        y_range: (0.0, 1.0),
        percent: true,
        days: first.days(),
        bands: Vec::new(),
        lines: Vec::new(),
        markers: Vec::new(),
    };
    for (i, side) in sides.iter().enumerate() {
        let Some(outcomes) = side.mc.and_then(|m| m.proposals.get(id)) else {
            continue;
        };
        let hue = if i == 0 { Hue::Median } else { Hue::Variant };
        add_adoption(&mut chart, side, outcomes, hue, i);
        let Some(p) = side.model.proposal_by_id(id) else {
            continue;
        };
        // The seed-0 run, whose timeline the page shows: 0 until adopted, then 1.
        let state = &side.run.state.proposals[p.index()];
        let adopted_on = (state.outcome == Outcome::Adopted).then_some(state.decided_day);
        chart.lines.push(Line {
            label: side.named(&format!("seed-{} run", side.run.seed)),
            side: i,
            hue: if i == 0 { Hue::Run } else { Hue::Variant },
            dashed: true,
            points: (side.step_days().into_iter())
                .map(|d| (d, f64::from(u8::from(adopted_on.is_some_and(|a| a <= d)))))
                .collect(),
        });
        chart.markers.extend(markers(
            side,
            |r| matches!(r, ItemRef::Proposal(q) if *q == p),
        ));
    }
    (!chart.lines.is_empty()).then_some(chart)
}

fn add_adoption(
    chart: &mut TimeChart,
    side: &Side,
    outcomes: &ProposalOutcomes,
    hue: Hue,
    index: usize,
) {
    let days = side.step_days();
    let runs = side.mc.map_or(0, |m| m.runs);
    let shares: Vec<_> = outcomes.adopted_by.iter().map(|(_, s)| *s).collect();
    chart.bands.push(Band {
        label: side.named("95% interval (Wilson)"),
        side: index,
        hue,
        opacity: 0.2,
        points: days
            .iter()
            .zip(&shares)
            .map(|(d, s)| (*d, s.lo, s.hi))
            .collect(),
    });
    chart.lines.push(Line {
        label: side.named(&format!("adopted by then, {runs} runs")),
        side: index,
        hue,
        dashed: false,
        points: days
            .iter()
            .copied()
            .zip(shares.iter().map(|s| s.p))
            .collect(),
    });
}

/// The timeline lines of `side`'s seed-0 run that changed an item `changes` accepts: one
/// marker per day, its tooltip every such line of that day.
fn markers(side: &Side, changes: impl Fn(&ItemRef) -> bool) -> Vec<Marker> {
    let mut out: Vec<Marker> = Vec::new();
    for e in &side.run.timeline {
        let notes: Vec<&str> = e
            .effects
            .iter()
            .filter(|r| changes(&r.item))
            .map(|r| r.text.as_deref().unwrap_or(""))
            .collect();
        if notes.is_empty() {
            continue;
        }
        let date = statecraft_model::calendar::date_of_day(e.day);
        let mut text = side.named(&format!("{date}: {}", e.text.replace('`', "")));
        for n in notes.iter().filter(|n| !n.is_empty()) {
            text.push_str(&format!("\n↳ {}", n.replace('`', "")));
        }
        match out.last_mut() {
            Some(last) if last.day == e.day => {
                last.text.push('\n');
                last.text.push_str(&text);
            }
            _ => out.push(Marker { day: e.day, text }),
        }
    }
    out
}
