//! The page around the sections: doctype, title, the one inline style sheet (screen and
//! print) and the contents list. No script, no external font or file: the page is read
//! offline, mailed and printed as it is.

use maud::{Markup, PreEscaped, html};

/// Small multiples fill the width in columns of at least 420 px (one column on a phone);
/// tables scroll inside their own box rather than widening the page.
const STYLE: &str = "\
:root{--ink:#1d1d1f;--muted:#5f6368;--rule:#dadce0;--paper:#fff}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--ink);background:var(--paper);max-width:1500px;margin:0 auto;padding:1em 1.5em 3em}
h1{font-size:1.7em;margin:.3em 0}h2{margin-top:2em;border-bottom:2px solid var(--rule);padding-bottom:.2em}h3{margin:1.4em 0 .4em}
.meta{color:var(--muted)}
nav.toc{columns:14em;font-size:.95em;margin:1em 0}nav.toc a{display:block}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border-bottom:1px solid var(--rule);padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600;background:#f6f7f9}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.k{color:var(--muted);white-space:nowrap}
.fx{color:var(--muted);font-size:90%}
.src{font-size:85%;color:var(--muted)}
.pass{color:#1b7f3b;font-weight:600}.fail{color:#b3261e;font-weight:600}
code{font:0.92em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f4;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
td,th,figcaption,li,p,dd{overflow-wrap:break-word}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:1.5em}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,420px),1fr));gap:1.2em 1.5em}
figure.chart{margin:0;break-inside:avoid;page-break-inside:avoid}
figure.chart figcaption{font-weight:600;margin-bottom:.2em}
figure.chart svg{width:100%;height:auto;display:block;background:#fcfcfd;border:1px solid #eceef1}
svg .grid line{stroke:#e6e8eb}svg .axis line{stroke:#80868b}
svg text{font:11px system-ui,sans-serif;fill:#3c4043}svg text.axis-label{font-size:12px;fill:var(--ink)}
svg .marker line{stroke:#7b1fa2;stroke-opacity:.25;stroke-dasharray:2 3}svg .marker path{fill:#7b1fa2}
svg .marker:hover line{stroke-opacity:.9}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.2em 1.2em;padding:0;margin:.3em 0 0;font-size:.85em;color:var(--muted)}
.swatch{display:inline-block;width:1.4em;height:.8em;margin-right:.35em;vertical-align:middle;border-radius:2px}
.swatch.line{height:0;border-top:2.5px solid;border-radius:0}
.swatch.mark{width:0;height:0;border:5px solid transparent;border-bottom:8px solid #7b1fa2;border-top:0}
.up{color:#1b7f3b}.down{color:#b3261e}
.facts dt{font-weight:600;margin-top:.6em}.facts dd{margin-left:1.5em}
:target{background:#fff4c2}
@media (max-width:600px){body{padding:.5em .7em;font-size:14px}td,th{padding:3px 4px}
svg text{font-size:13px}svg text.axis-label{font-size:12px}
td.n{white-space:normal}td.n .fx{display:block}}
@media print{body{max-width:none;padding:0;font-size:11pt}nav.toc{display:none}
.grid{grid-template-columns:repeat(2,1fr)}h2{break-after:avoid}tr{break-inside:avoid}
a{color:inherit;text-decoration:none}.scroll{overflow:visible}:target{background:none}}
";

/// A whole page: `body` inside the document, `toc` the sections as `(anchor, heading)`.
pub fn document(title: &str, toc: &[(&str, &str)], body: Markup) -> Markup {
    html! {
        (PreEscaped("<!doctype html>\n"))
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (title) }
                @if !toc.is_empty() {
                    nav.toc aria-label="contents" {
                        @for (anchor, heading) in toc {
                            a href={ "#" (anchor) } { (heading) }
                        }
                    }
                }
                (body)
            }
        }
    }
}
