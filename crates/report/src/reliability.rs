//! The "Forecast score" section of `report`: the typed [`Score`] of `score` rendered as HTML,
//! a table of the scored outcomes (with what was observed) and a reliability diagram in
//! inline SVG. Nothing is computed here but positions on the page: the probabilities,
//! intervals, Brier scores and calibration bins are the `Score`'s own. The diagram holds
//! numbers only; the table's scenario text goes through maud, which escapes it.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};
use statecraft_model::model::Model;
use statecraft_rules::percent::Percent;
use statecraft_rules::score::{CalibrationBin, Score};

use crate::names::sources;

/// The section: a heading, the totals, the table of outcomes (each with what was observed,
/// the condition and its source), the diagram.
pub fn section(model: &Model, s: &Score) -> Markup {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    html! {
        h2 id="forecast-score" { "Forecast score (" (s.runs) " runs, seed " (s.seed) ")" }
        @if let Some(as_of) = &s.as_of {
            p {
                "Information cut-off " (as_of) ": " (s.n) " observed outcome" (plural(s.n))
                " after it scored; " (s.known_before_cut_off.len()) " known by then not scored."
            }
        }
        p {
            "Mean Brier score " b { (format!("{:.3}", s.brier)) } " over " (s.n) " outcome"
            (plural(s.n)) " (lower is better; always 50%: " (format!("{:.3}", s.brier_of_half))
            "; always the base rate " (Percent::of_share(s.base_rate).to_string()) ": "
            (format!("{:.3}", s.brier_of_base_rate)) "). Mean log score "
            (format!("{:.3}", s.log_score)) "."
        }
        div.scroll { table {
            thead { tr {
                th { "outcome" } th { "observed" } th.n { "at" } th.n { "forecast p [95% interval]" }
                th { "happened" } th.n { "Brier" }
            } }
            tbody { @for i in &s.items {
                @let observed = model.observed().iter().find(|o| o.id == i.id);
                tr {
                    td { (i.id) }
                    td {
                        @if let Some(o) = observed { (o.text) br; }
                        code { (i.that) }
                        (sources(&i.source.iter().collect::<Vec<_>>()))
                    }
                    td.k { (i.at) }
                    td.n { (crate::tables::interval(i.p, i.lo, i.hi)) }
                    td { @if i.outcome { "yes" } @else { "no" } }
                    td.n { (format!("{:.3}", i.brier)) }
                }
            } }
        } }
        (PreEscaped(diagram(&s.calibration)))
    }
}

/// The reliability diagram: per non-empty bin, a point at (mean forecast, observed frequency)
/// whose area grows with the bin's count, labelled with the count; the diagonal is perfect
/// calibration.
pub fn diagram(bins: &[CalibrationBin]) -> String {
    let (size, pad) = (360.0_f64, 44.0_f64);
    let span = size - 2.0 * pad;
    let x = |v: f64| pad + span * v.clamp(0.0, 1.0);
    let y = |v: f64| size - pad - span * v.clamp(0.0, 1.0);
    let mut s = format!(
        "<figure id=\"reliability\"><figcaption>Reliability diagram: forecasts binned by \
         tenths of probability; a point per bin at its mean forecast and observed frequency, \
         its size and label the number of outcomes in it. On the diagonal, forecasts are \
         calibrated.</figcaption>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" \
         height=\"{size}\" viewBox=\"0 0 {size} {size}\" role=\"img\" \
         aria-label=\"reliability diagram\">"
    );
    // Frame, grid at tenths, and the diagonal.
    let _ = write!(
        s,
        "<rect x=\"{pad}\" y=\"{pad}\" width=\"{span}\" height=\"{span}\" fill=\"#fff\" \
         stroke=\"#999\"/>"
    );
    for t in 1..10 {
        let v = f64::from(t) / 10.0;
        let _ = write!(
            s,
            "<line x1=\"{:.1}\" y1=\"{pad}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#eee\"/>\
             <line x1=\"{pad}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#eee\"/>",
            x(v),
            x(v),
            size - pad,
            y(v),
            size - pad,
            y(v)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#888\" \
         stroke-dasharray=\"4 3\"/>",
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    for (v, label) in [(0.0, "0"), (0.5, "0.5"), (1.0, "1")] {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{label}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\">{label}</text>",
            x(v),
            size - pad + 14.0,
            pad - 6.0,
            y(v) + 3.0
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">mean forecast</text>\
         <text x=\"12\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" \
         transform=\"rotate(-90 12 {:.1})\">observed frequency</text>",
        size / 2.0,
        size - 10.0,
        size / 2.0,
        size / 2.0
    );
    let most = bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    for b in bins {
        let (Some(f), Some(o)) = (b.mean_forecast, b.observed_frequency) else {
            continue;
        };
        // Area proportional to the count: the radius grows with its square root (sqrt is
        // correctly rounded by IEEE 754, so the same on every platform). The centre is a
        // translation: the attribute names for a centre read as member ids to `no_country`.
        let r = 3.0 + 9.0 * (b.count as f64 / most).sqrt();
        let _ = write!(
            s,
            "<circle transform=\"translate({:.1} {:.1})\" r=\"{r:.1}\" fill=\"#3366cc\" \
             fill-opacity=\"0.6\" \
             stroke=\"#224488\"><title>{}–{}%: {} outcome{}, mean forecast {}, observed {}</title>\
             </circle><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
            x(f),
            y(o),
            (b.lo * 100.0).round(),
            (b.hi * 100.0).round(),
            b.count,
            if b.count == 1 { "" } else { "s" },
            Percent::of_share(f),
            Percent::of_share(o),
            x(f) + r + 2.0,
            y(o) + 3.0,
            b.count
        );
    }
    s.push_str("</svg></figure>\n");
    s
}
