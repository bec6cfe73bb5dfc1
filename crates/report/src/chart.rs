//! One time chart as markup: the same frame for an indicator (seed-0 run, median, 50% and 90%
//! bands) and for a proposal's chance of adoption by each date, and for a baseline laid over
//! a variant. A chart knows nothing of scenarios: the sections hand it titles, series and
//! markers already named. Every chart has a title, both axes labelled, value and date ticks
//! with gridlines, a legend, and markers on the time axis whose `<title>` is their tooltip.

use maud::{Markup, html};

use crate::svg::{DateTick, Linear, band_path, date_ticks, line_path, nice_ticks, tick_label};

/// The drawing area inside the SVG's viewBox (units are CSS pixels at full size).
const WIDTH: f64 = 560.0;
const HEIGHT: f64 = 250.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 52.0;

/// A colour of the palette (Okabe–Ito: told apart with every common colour blindness).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hue {
    Run,
    Median,
    Band,
    Variant,
}

impl Hue {
    fn css(self) -> &'static str {
        match self {
            Hue::Run => "#d55e00",
            Hue::Median => "#0a4f8a",
            Hue::Band => "#0072b2",
            Hue::Variant => "#009e73",
        }
    }
}

/// A line through the values at the end of each step.
#[derive(Clone, Debug)]
pub struct Line {
    pub label: String,
    /// Which scenario it belongs to (0, or 1 for a variant): the legend groups by it.
    pub side: usize,
    pub hue: Hue,
    pub dashed: bool,
    /// `(day, value)`, a value that is not finite leaves a gap.
    pub points: Vec<(i32, f64)>,
}

/// An area between two quantiles (or an interval's ends).
#[derive(Clone, Debug)]
pub struct Band {
    pub label: String,
    pub side: usize,
    pub hue: Hue,
    pub opacity: f64,
    /// `(day, low, high)`.
    pub points: Vec<(i32, f64, f64)>,
}

/// Something dated that changed the series: a tick under the time axis with a tooltip.
#[derive(Clone, Debug)]
pub struct Marker {
    pub day: i32,
    pub text: String,
}

/// Everything a chart shows, named.
#[derive(Clone, Debug)]
pub struct TimeChart {
    pub title: String,
    /// What the values are (and their unit).
    pub y_label: String,
    pub y_range: (f64, f64),
    /// Format values as percentages of 1 (`0.25` → `25%`).
    pub percent: bool,
    pub days: (i32, i32),
    pub bands: Vec<Band>,
    pub lines: Vec<Line>,
    pub markers: Vec<Marker>,
}

impl TimeChart {
    /// The figure: title, SVG, legend.
    pub fn render(&self) -> Markup {
        let x = Linear {
            d0: f64::from(self.days.0),
            d1: f64::from(self.days.1),
            r0: LEFT,
            r1: WIDTH - RIGHT,
        };
        let (lo, hi) = self.y_range;
        let y = Linear {
            d0: lo,
            d1: hi,
            r0: HEIGHT - BOTTOM,
            r1: TOP,
        };
        let value_ticks = nice_ticks(lo, hi, 5);
        let start = statecraft_model::calendar::date_of_day(self.days.0);
        let end = statecraft_model::calendar::date_of_day(self.days.1);
        let time_ticks: Vec<DateTick> = date_ticks(start, end, 6);
        let label = |v: f64| {
            if self.percent {
                format!("{}%", tick_label(v * 100.0, &scaled(&value_ticks)))
            } else {
                tick_label(v, &value_ticks)
            }
        };
        let (bottom, right) = (HEIGHT - BOTTOM, WIDTH - RIGHT);
        html! {
            figure.chart {
                figcaption { (self.title) }
                svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (WIDTH) " " (HEIGHT) }
                    role="img" aria-label=(self.title) {
                    g.grid {
                        @for v in &value_ticks {
                            line x1=(LEFT) x2=(right) y1=(fmt(y.at(*v))) y2=(fmt(y.at(*v))) {}
                        }
                        @for t in &time_ticks {
                            line x1=(fmt(x.at(f64::from(t.day)))) x2=(fmt(x.at(f64::from(t.day))))
                                y1=(TOP) y2=(bottom) {}
                        }
                    }
                    @for b in &self.bands {
                        @let xs: Vec<f64> = b.points.iter().map(|p| x.at(f64::from(p.0))).collect();
                        @let upper: Vec<f64> = b.points.iter().map(|p| y.clamped(p.2)).collect();
                        @let lower: Vec<f64> = b.points.iter().map(|p| y.clamped(p.1)).collect();
                        path.band d=(band_path(&xs, &upper, &lower)) fill=(b.hue.css())
                            fill-opacity=(b.opacity) {}
                    }
                    @for l in &self.lines {
                        @let points: Vec<(f64, f64)> = l.points.iter()
                            .map(|p| (x.at(f64::from(p.0)), if p.1.is_finite() { y.clamped(p.1) } else { f64::NAN }))
                            .collect();
                        path.series d=(line_path(&points)) fill="none" stroke=(l.hue.css())
                            stroke-width="1.8" stroke-dasharray=[l.dashed.then_some("5 3")] {}
                    }
                    g.axis {
                        line x1=(LEFT) x2=(right) y1=(bottom) y2=(bottom) {}
                        line x1=(LEFT) x2=(LEFT) y1=(TOP) y2=(bottom) {}
                        @for v in &value_ticks {
                            text.tick x=(LEFT - 6.0) y=(fmt(y.at(*v) + 4.0)) text-anchor="end" { (label(*v)) }
                        }
                        @for t in &time_ticks {
                            text.tick x=(fmt(x.at(f64::from(t.day)))) y=(bottom + 18.0)
                                text-anchor="middle" { (t.label) }
                        }
                    }
                    text.axis-label.x-label x=(fmt((LEFT + right) / 2.0)) y=(HEIGHT - 6.0)
                        text-anchor="middle" { "Date (end of each step)" }
                    text.axis-label.y-label transform={ "translate(13 " (fmt((TOP + bottom) / 2.0)) ") rotate(-90)" }
                        text-anchor="middle" { title { (self.y_label) } (shortened(&self.y_label, Y_LABEL_CHARS)) }
                    @for m in &self.markers {
                        @let at = fmt(x.at(f64::from(m.day)));
                        g.marker {
                            title { (m.text) }
                            line x1=(at) x2=(at) y1=(TOP) y2=(bottom) {}
                            path d={ "M" (at) "," (fmt(bottom + 1.0)) "l-4,7h8z" } {}
                        }
                    }
                }
                ul.legend {
                    // Side by side, each from its top layer down: the run, the median, the
                    // narrow band, the wide one (they are drawn the other way round).
                    @for side in 0..=self.lines.iter().map(|l| l.side).max().unwrap_or(0) {
                        @for l in self.lines.iter().rev().filter(|l| l.side == side) {
                            li { span.swatch.line style={ "border-top-color:" (l.hue.css()) @if l.dashed { ";border-top-style:dashed" } } {} (l.label) }
                        }
                        @for b in self.bands.iter().rev().filter(|b| b.side == side) {
                            li { span.swatch style={ "background:" (b.hue.css()) ";opacity:" (b.opacity.max(0.2)) } {} (b.label) }
                        }
                    }
                    @if !self.markers.is_empty() {
                        li { span.swatch.mark {} "dated change (hover for what)" }
                    }
                }
            }
        }
    }
}

/// The characters of a value-axis label that fit along the axis; a longer one is cut with
/// an ellipsis (the whole label is its tooltip and the chart's title says it in full).
const Y_LABEL_CHARS: usize = 34;

/// `text` cut to `max` characters, the last an ellipsis when it was longer.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Ticks scaled to percent, for their labels' decimals.
fn scaled(ticks: &[f64]) -> Vec<f64> {
    ticks.iter().map(|t| t * 100.0).collect()
}

/// A coordinate with one decimal.
fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> TimeChart {
        let d = |y, m, day| {
            statecraft_model::calendar::day_number(
                statecraft_model::calendar::date(y, m, day).unwrap(),
            )
        };
        TimeChart {
            title: "Trust <b>".into(),
            y_label: "Trust \"index\"".into(),
            y_range: (0.0, 100.0),
            percent: false,
            days: (d(2024, 1, 1), d(2025, 12, 31)),
            bands: vec![Band {
                label: "90% of runs".into(),
                side: 0,
                hue: Hue::Band,
                opacity: 0.15,
                points: vec![(d(2024, 1, 31), 10.0, 20.0), (d(2024, 2, 29), 12.0, 25.0)],
            }],
            lines: vec![Line {
                label: "seed-0 run".into(),
                side: 0,
                hue: Hue::Run,
                dashed: false,
                points: vec![(d(2024, 1, 31), 15.0), (d(2024, 2, 29), f64::NAN)],
            }],
            markers: vec![Marker {
                day: d(2024, 6, 1),
                text: "<img src=x onerror=alert(1)>".into(),
            }],
        }
    }

    #[test]
    fn a_chart_has_its_title_axes_ticks_legend_and_escaped_text() {
        let html = chart().render().into_string();
        assert!(html.contains("<figcaption>Trust &lt;b&gt;</figcaption>"));
        assert!(html.contains("aria-label=\"Trust &lt;b&gt;\""));
        assert!(html.contains("Trust &quot;index&quot;"));
        assert!(html.contains("Date (end of each step)"));
        for tick in ["Jan 2024", "Jul 2025", ">100<", ">20<"] {
            assert!(html.contains(tick), "{tick}");
        }
        assert!(html.contains("<title>&lt;img src=x onerror=alert(1)&gt;</title>"));
        assert!(!html.contains("<img"));
        assert_eq!(html.matches("<li>").count(), 3, "run, band, markers");
    }

    #[test]
    fn percentages_read_as_percent() {
        let mut c = chart();
        c.percent = true;
        c.y_range = (0.0, 1.0);
        let html = c.render().into_string();
        assert!(html.contains(">40%<") && html.contains(">100%<"), "{html}");
    }

    #[test]
    fn the_legend_lists_each_side_from_its_top_layer_down() {
        let mut c = chart();
        let line = |label: &str, side| Line {
            label: label.into(),
            side,
            hue: Hue::Run,
            dashed: false,
            points: Vec::new(),
        };
        c.lines = vec![
            line("A median", 0),
            line("A run", 0),
            line("B median", 1),
            line("B run", 1),
        ];
        c.bands[0].label = "A band".into();
        let html = c.render().into_string();
        let at = |s: &str| html.find(&format!("</span>{s}</li>")).unwrap();
        assert!(at("A run") < at("A median") && at("A median") < at("A band"));
        assert!(at("A band") < at("B run") && at("B run") < at("B median"));
    }

    #[test]
    fn a_long_axis_label_is_cut_with_its_whole_text_as_tooltip() {
        let mut c = chart();
        c.y_label = "x".repeat(100);
        let html = c.render().into_string();
        assert!(html.contains(&format!(
            "<title>{}</title>{}…</text>",
            "x".repeat(100),
            "x".repeat(33)
        )));
        assert_eq!(shortened("short", 34), "short");
        assert_eq!(shortened("ééééé", 3), "éé…");
    }
}
