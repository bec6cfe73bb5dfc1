//! The seed-0 run's timeline (each line with what it changed and links to the facts it cites)
//! and the facts section those links lead to: id, date, summary, and the document, as a link
//! when it is a web address.

use maud::{Markup, html};
use statecraft_model::calendar::date_of_day;
use statecraft_model::log::Entry;
use statecraft_model::model::{Fact, Model};

use crate::names::{fact_anchor, rich, sources};

/// The timeline as a table: date, kind, what happened.
pub fn timeline(entries: &[Entry]) -> Markup {
    html! {
        div.scroll { table.timeline {
            thead { tr { th { "Date" } th { "kind" } th { "what happened" } } }
            tbody { @for e in entries {
                tr {
                    td.k { (date_of_day(e.day).to_string()) }
                    td.k { (e.kind.name()) }
                    td {
                        (rich(&e.text))
                        @for note in e.notes() {
                            br; span.fx { "↳ " (rich(note)) }
                        }
                        (sources(&e.sources))
                    }
                }
            } }
        } }
    }
}

/// Every fact of the scenario and its seeds, in file order, each an anchor.
pub fn facts(model: &Model) -> Markup {
    html! {
        @if model.facts().is_empty() {
            p.fx { "The scenario cites no facts." }
        } @else {
            dl.facts { @for f in model.facts() { (fact(f)) } }
        }
    }
}

fn fact(f: &Fact) -> Markup {
    let date = f.day.map(|d| {
        let d = date_of_day(d);
        // A date known to the month or year is shown no finer than that.
        match f.precision.as_deref() {
            Some("year") => d.year().to_string(),
            Some("month") => format!("{}-{:02}", d.year(), d.month()),
            _ => d.to_string(),
        }
    });
    html! {
        dt id=(fact_anchor(&f.id)) {
            code { (f.id) }
            @if let Some(date) = date { " · " (date) }
            " · " span.fx { (format!("{:?}", f.kind).to_lowercase()) }
        }
        dd {
            (f.summary)
            br;
            span.fx {
                "Document: "
                @if is_web_address(&f.document) {
                    a href=(f.document) rel="noreferrer" { (f.document) }
                } @else {
                    (f.document)
                }
                @if let Some(p) = &f.paragraph { ", " (p) }
            }
        }
    }
}

/// Only `http(s)://` addresses become links: anything else (`javascript:`, `data:`) stays
/// text, so a scenario cannot make a link that runs code.
fn is_web_address(document: &str) -> bool {
    let lower = document.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !document.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert!(is_web_address("https://example.invalid/doc.pdf"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("article"));
        assert!(!is_web_address("https://a b"));
    }
}
