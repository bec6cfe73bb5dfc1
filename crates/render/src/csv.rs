//! CSV output (`mc --format csv`, `sweep --format csv`), written by the csv crate so that ids,
//! labels and values holding commas, quotes or line breaks are quoted as RFC 4180 says.

/// A number in a cell, as JSON writes it (`null` when not finite), so CSV and JSON agree.
pub fn number(v: f64) -> String {
    serde_json::to_string(&v).unwrap_or_default()
}

/// Rows written into memory; the finished text goes out through the CLI's output module.
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Writer {
    /// A writer whose first row is `header`.
    pub fn new<I, T>(header: I) -> Writer
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let mut w = Writer {
            inner: csv::WriterBuilder::new()
                .flexible(false)
                .from_writer(Vec::new()),
        };
        w.row(header);
        w
    }

    /// Appends one row. Writing into memory cannot fail for I/O; a row of the wrong length is
    /// a bug in the caller, caught by the tests that parse every output back.
    pub fn row<I, T>(&mut self, cells: I)
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let written = self.inner.write_record(cells);
        debug_assert!(written.is_ok(), "{written:?}");
    }

    /// The CSV text.
    pub fn finish(self) -> String {
        let bytes = self
            .inner
            .into_inner()
            .unwrap_or_else(|e| e.into_inner().get_ref().clone());
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}
