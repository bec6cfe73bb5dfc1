//! The one reader of members CSV files (`id,name,population`, columns found by name, any
//! others ignored), shared by a scenario's `[scenario] members` and `statecraft vote
//! --members`, so both accept exactly the same files: quoted fields (`"Name, with a
//! comma"`), `""` for a quote, blank lines, `_` digit separators in populations.
//!
//! Rows carry byte spans into the text so the loader can point diagnostics at a cell.

use std::ops::Range;

/// One member row.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberRow {
    /// 1-based line of the row.
    pub line: u64,
    pub id: String,
    pub id_span: Range<usize>,
    /// The `name` column, when there is one and the cell is not empty.
    pub name: Option<String>,
    pub population: i64,
    pub population_span: Range<usize>,
}

/// A problem with one row (or the header): where it is and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    /// 1-based line.
    pub line: u64,
    /// Byte range in the text.
    pub span: Range<usize>,
    pub message: String,
}

/// Most rows read; a members file lists a Council, not a census.
pub const MAX_ROWS: usize = 10_000;

/// Reads `text` as a members CSV: the well-formed rows, and the first problem found. Only the
/// first: a file that is not a members CSV at all (a file named by mistake, or by a
/// hostile scenario) must not be quoted row after row.
pub fn read(text: &str) -> (Vec<MemberRow>, Vec<RowError>) {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let mut header: Option<(Vec<String>, RowSpan)> = None;
    for record in &mut records {
        if !errors.is_empty() {
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte() as usize);
                let line = line_of(text, at);
                errors.push(RowError {
                    line,
                    span: line_span(text, at),
                    message: format!("not a CSV row: {}", csv_message(&e)),
                });
                return (rows, errors);
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        // The csv crate places a record after a blank line at that line: skip to its text.
        let mut at = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        let line = line_of(text, at);
        let span = RowSpan::new(text, at, &record);
        let Some((columns, _)) = &header else {
            header = Some((record.iter().map(str::to_lowercase).collect(), span));
            continue;
        };
        if rows.len() >= MAX_ROWS {
            errors.push(RowError {
                line,
                span: span.whole,
                message: format!("too many rows in the members file (at most {MAX_ROWS})"),
            });
            break;
        }
        let column = |name: &str| columns.iter().position(|c| c == name);
        let (Some(id_col), Some(pop_col)) = (column("id"), column("population")) else {
            break;
        };
        // Missing trailing cells are empty (a spreadsheet drops them); more cells than the
        // header names mean an unquoted comma, most likely in a name.
        if record.len() > columns.len() || record.len() <= id_col.max(pop_col) {
            errors.push(RowError {
                line,
                span: span.whole,
                message: format!("expected {} columns, found {}", columns.len(), record.len()),
            });
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("");
        let population = match cell(pop_col).replace('_', "").parse::<i64>() {
            Ok(p) => p,
            Err(_) => {
                errors.push(RowError {
                    line,
                    span: span.cell(i_span(&span, pop_col)),
                    message: format!(
                        "population must be a positive whole number, found `{}`",
                        cell(pop_col)
                    ),
                });
                continue;
            }
        };
        rows.push(MemberRow {
            line,
            id: cell(id_col).to_owned(),
            id_span: span.cell(i_span(&span, id_col)),
            name: column("name")
                .map(cell)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            population,
            population_span: span.cell(i_span(&span, pop_col)),
        });
    }
    match &header {
        None => errors.push(RowError {
            line: 1,
            span: 0..0,
            message:
                "the members file is empty: it needs a header with `id` and `population` columns"
                    .to_owned(),
        }),
        Some((columns, span)) => {
            if !columns.iter().any(|c| c == "id") || !columns.iter().any(|c| c == "population") {
                errors.push(RowError {
                    line: span.line,
                    span: span.whole.clone(),
                    message: format!(
                        "the header needs `id` and `population` columns, found `{}` (for example: id,name,population)",
                        columns.join(",")
                    ),
                });
            }
        }
    }
    (rows, errors)
}

fn i_span(span: &RowSpan, i: usize) -> usize {
    i.min(span.cells.len().saturating_sub(1))
}

/// Where a record and its cells are in the text. Cells are found by their text in the raw
/// line; a cell whose raw form differs (escaped quotes) is given the whole row.
#[derive(Clone, Debug)]
struct RowSpan {
    line: u64,
    whole: Range<usize>,
    cells: Vec<Option<Range<usize>>>,
}

impl RowSpan {
    fn new(text: &str, at: usize, record: &csv::StringRecord) -> Self {
        let whole = line_span(text, at);
        let raw = &text[whole.clone()];
        let mut cursor = 0;
        let mut cells = Vec::new();
        for field in record.iter() {
            match raw.get(cursor..).and_then(|rest| rest.find(field)) {
                Some(offset) if !field.is_empty() => {
                    let start = cursor + offset;
                    cursor = start + field.len();
                    cells.push(Some(whole.start + start..whole.start + cursor));
                }
                _ => cells.push(None),
            }
        }
        RowSpan {
            line: line_of(text, at),
            whole,
            cells,
        }
    }

    fn cell(&self, i: usize) -> Range<usize> {
        self.cells
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| self.whole.clone())
    }
}

/// The 1-based number of the line holding byte `at` (the csv crate does not count the blank
/// lines it skips).
fn line_of(text: &str, at: usize) -> u64 {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

/// The line of `text` that holds byte `at`, without its line ending.
fn line_span(text: &str, at: usize) -> Range<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| start + i);
    start..end
}

fn csv_message(err: &csv::Error) -> String {
    match err.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text".to_owned(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_their_commas_and_quotes() {
        let text = "name,population,id\n\n\"Germany, Federal Republic\",83_395_240,de\n\"Say \"\"hi\"\"\",1,hi\n";
        let (rows, errors) = read(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].name.as_deref(), Some("Germany, Federal Republic"));
        assert_eq!((rows[0].population, rows[0].line), (83_395_240, 3));
        assert_eq!(&text[rows[0].id_span.clone()], "de");
        assert_eq!(&text[rows[0].population_span.clone()], "83_395_240");
        assert_eq!(rows[1].name.as_deref(), Some("Say \"hi\""));
    }

    #[test]
    fn problems_name_their_line() {
        let (_, errors) = read("id,population\nde,1\nfr,many\nit\n");
        let found: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [(
                3,
                "population must be a positive whole number, found `many`"
            )]
        );
        let (_, errors) = read("id,population\nde,1\nit\nfr,many\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "expected 2 columns, found 1");
        let (rows, errors) = read("id,population,name\nde,1\n\nmt,2,Malta,extra\n");
        assert_eq!((rows.len(), errors[0].line), (1, 4));
        assert_eq!(errors[0].message, "expected 3 columns, found 4");
        let (_, errors) = read("id,pop\nde,1\n");
        assert!(errors[0].message.starts_with("the header needs"));
        let (_, errors) = read("\n\n");
        assert!(errors[0].message.starts_with("the members file is empty"));
    }
}
