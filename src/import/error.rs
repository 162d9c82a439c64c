//! What goes wrong reading a user's file, and where: a message a teacher can act on.

use std::fmt;
use std::path::PathBuf;

/// Where in a file a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The file as a whole.
    File,
    /// A line and column (JSON, XML), both from 1.
    LineColumn(u64, u64),
    /// A CSV data row (1 = the first row after the header) on a line of the file, and the column's name.
    Row {
        /// Data row, from 1.
        row: u64,
        /// Line of the file it starts on, from 1.
        line: u64,
        /// Column name, when one column is at fault.
        column: Option<String>,
    },
    /// A feature, placemark, event or slide by its index (from 0, as the array counts) and its line.
    Item {
        /// What the item is called in the format ("feature", "event", "slide", "Placemark").
        what: &'static str,
        index: usize,
        /// The line it starts on, if known.
        line: Option<u64>,
    },
}

/// One problem in one file. Errors stop the file; warnings skip one row or item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: PathBuf,
    pub place: Place,
    /// The field at fault (`event_date`, `start_date.year`, `TimeSpan/begin`), if one is.
    pub field: Option<String>,
    /// What was expected and what was found.
    pub message: String,
}

impl ImportError {
    /// A problem with the file as a whole.
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { file: file.into(), place: Place::File, field: None, message: message.into() }
    }

    /// A problem at a place, naming a field.
    pub fn at(file: impl Into<PathBuf>, place: Place, field: Option<&str>, message: impl Into<String>) -> Self {
        Self { file: file.into(), place, field: field.map(str::to_owned), message: message.into() }
    }

    /// `LINE:COL` for the `FILE:LINE:COL:` prefix (CSV rows give their line; the column is 1 there, the
    /// column's name follows in the message).
    pub fn line_col(&self) -> (u64, u64) {
        match &self.place {
            Place::File => (1, 1),
            Place::LineColumn(l, c) => (*l, *c),
            Place::Row { line, .. } => (*line, 1),
            Place::Item { line, .. } => (line.unwrap_or(1), 1),
        }
    }

    /// The message after the location: the row or item, the field, what was expected.
    pub fn detail(&self) -> String {
        let mut s = String::new();
        match &self.place {
            Place::File | Place::LineColumn(..) => {}
            Place::Row { row, column, .. } => {
                s.push_str(&format!("row {row}"));
                if let Some(c) = column {
                    s.push_str(&format!(", column {c:?}"));
                }
                s.push_str(": ");
            }
            Place::Item { what, index, .. } => s.push_str(&format!("{what} {index}: ")),
        }
        if let Some(field) = &self.field
            && !matches!(&self.place, Place::Row { column: Some(c), .. } if c == field)
        {
            s.push_str(&format!("{field}: "));
        }
        s.push_str(&self.message);
        s
    }

    /// `FILE:LINE:COL: SEVERITY: detail`, as `timeatlas check` prints problems.
    pub fn report(&self, severity: &str) -> String {
        let (line, col) = self.line_col();
        format!("{}:{line}:{col}: {severity}: {}", self.file.display(), self.detail())
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, col) = self.line_col();
        write!(f, "{}:{line}:{col}: {}", self.file.display(), self.detail())
    }
}

impl std::error::Error for ImportError {}

/// The rows left out of one file: the first ones in full, and how many in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SkipList {
    /// The first [`SkipList::KEPT`] skipped rows.
    pub first: Vec<ImportError>,
    /// How many rows were skipped in all.
    pub count: u64,
}

impl SkipList {
    /// How many skipped rows are kept for the list; a million bad rows must not take a gigabyte.
    pub const KEPT: usize = 500;

    /// Records a skipped row.
    pub fn push(&mut self, problem: ImportError) {
        self.count += 1;
        if self.first.len() < Self::KEPT {
            self.first.push(problem);
        }
    }

    /// Nothing was skipped.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_file_place_and_field() {
        let row = Place::Row { row: 4, line: 5, column: Some("event_date".into()) };
        let e =
            ImportError::at("yemen.csv", row, Some("event_date"), "expected a date like 2020-01-03, found \"soon\"");
        assert_eq!(
            e.to_string(),
            "yemen.csv:5:1: row 4, column \"event_date\": expected a date like 2020-01-03, found \"soon\""
        );
        let item = Place::Item { what: "event", index: 2, line: Some(40) };
        let e = ImportError::at("t.json", item, Some("start_date.year"), "expected a number");
        assert_eq!(e.to_string(), "t.json:40:1: event 2: start_date.year: expected a number");
    }

    #[test]
    fn skip_list_counts_all_but_keeps_the_first() {
        let mut s = SkipList::default();
        for _ in 0..(SkipList::KEPT + 10) {
            s.push(ImportError::file("a.csv", "x"));
        }
        assert_eq!(s.count, SkipList::KEPT as u64 + 10);
        assert_eq!(s.first.len(), SkipList::KEPT);
    }
}
