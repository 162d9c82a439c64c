//! Reading a CSV file row by row with the `csv` crate (byte records: no string per cell), the header
//! mapped by name, and the cell-level conversions every CSV format shares.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use super::error::{ImportError, Place, SkipList};

/// The header of a CSV file: column names (trimmed, lowercase) to their index.
#[derive(Clone, Debug, Default)]
pub struct Header {
    names: Vec<String>,
    by_name: HashMap<String, usize>,
}

impl Header {
    /// From the raw header cells (a UTF-8 BOM on the first is dropped).
    pub fn new(cells: &csv::ByteRecord) -> Self {
        let names: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let s = String::from_utf8_lossy(c);
                let s = if i == 0 { s.trim_start_matches('\u{feff}').to_owned() } else { s.into_owned() };
                s.trim().to_ascii_lowercase()
            })
            .collect();
        let mut by_name = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            by_name.entry(n.clone()).or_insert(i);
        }
        Self { names, by_name }
    }

    /// The index of the first of these names present.
    pub fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.by_name.get(*n).copied())
    }

    /// True when every name is present.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.by_name.contains_key(*n))
    }

    /// The column name at `i` (trimmed, lowercase), or "" past the end.
    pub fn name(&self, i: usize) -> &str {
        self.names.get(i).map_or("", String::as_str)
    }

    /// All names, in file order.
    pub fn names(&self) -> &[String] {
        &self.names
    }
}

/// One data row: its cells, number and line.
pub struct Row<'a> {
    pub cells: &'a csv::ByteRecord,
    /// The same cells as text when the whole row is UTF-8: checked once a row, not once a cell.
    pub text_cells: Option<&'a csv::StringRecord>,
    /// Data row number, from 1.
    pub number: u64,
    /// Line the row starts on, from 1.
    pub line: u64,
    /// Byte offset of the row in what was read (the file, or the block of it).
    pub byte: u64,
    pub header: &'a Header,
    /// The file, for messages.
    pub file: &'a Path,
}

impl Row<'_> {
    /// The cell at column `i` as trimmed text ("" when absent); cells that are not UTF-8 are read as Latin-1.
    pub fn text(&self, i: Option<usize>) -> std::borrow::Cow<'_, str> {
        let Some(i) = i else { return "".into() };
        if let Some(text) = self.text_cells {
            return text.get(i).map_or("", trim).into();
        }
        let Some(bytes) = self.cells.get(i) else { return "".into() };
        match std::str::from_utf8(bytes) {
            Ok(s) => trim(s).into(),
            Err(_) => bytes.iter().map(|&b| char::from(b)).collect::<String>().trim().to_owned().into(),
        }
    }

    /// A problem with column `i` of this row.
    pub fn error(&self, i: Option<usize>, message: impl Into<String>) -> ImportError {
        let column = i.map(|i| self.header.name(i).to_owned());
        let place = Place::Row { row: self.number, line: self.line, column: column.clone() };
        ImportError::at(self.file, place, column.as_deref(), message)
    }

    /// True when every cell is blank (spreadsheets leave such rows).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.iter().all(u8::is_ascii_whitespace))
    }

    /// A number cell; spreadsheets re-save integers as `2022.0` and may add thousands separators.
    pub fn number(&self, i: Option<usize>) -> Result<Option<f64>, ImportError> {
        let t = self.text(i);
        if t.is_empty() {
            return Ok(None);
        }
        let parsed = if t.contains([',', '_']) {
            t.chars().filter(|c| *c != ',' && *c != '_').collect::<String>().parse::<f64>()
        } else {
            t.parse::<f64>()
        };
        parsed
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| self.error(i, format!("expected a number, found {t:?}")))
    }

    /// A whole number cell (`3`, `3.0`), at least 0.
    pub fn count(&self, i: Option<usize>) -> Result<Option<u32>, ImportError> {
        match self.number(i)? {
            None => Ok(None),
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= f64::from(u32::MAX) => Ok(Some(v as u32)),
            Some(v) => Err(self.error(i, format!("expected a whole number of 0 or more, found {v}"))),
        }
    }

    /// A place from latitude and longitude columns: `None` when both are blank, an error when out of range.
    pub fn lon_lat(&self, lat: Option<usize>, lon: Option<usize>) -> Result<Option<[f32; 2]>, ImportError> {
        let (y, x) = (self.number(lat)?, self.number(lon)?);
        match (x, y) {
            (None, None) => Ok(None),
            (Some(x), Some(y)) => {
                if !(-90.0..=90.0).contains(&y) {
                    return Err(self.error(lat, format!("expected a latitude from -90 to 90, found {y}")));
                }
                if !(-180.0..=180.0).contains(&x) {
                    return Err(self.error(lon, format!("expected a longitude from -180 to 180, found {x}")));
                }
                Ok(Some([x as f32, y as f32]))
            }
            (None, Some(_)) => Err(self.error(lon, "expected a longitude next to the latitude, found an empty cell")),
            (Some(_), None) => Err(self.error(lat, "expected a latitude next to the longitude, found an empty cell")),
        }
    }
}

/// `str::trim`, with ASCII space trimmed first: the common cell never reaches the Unicode tables, and one
/// that starts or ends outside ASCII (a no-break space) is trimmed as `str::trim` trims it.
fn trim(s: &str) -> &str {
    let s = s.trim_ascii();
    let outside_ascii = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    if outside_ascii(s.as_bytes().first()) || outside_ascii(s.as_bytes().last()) { s.trim() } else { s }
}

/// A CSV stream whose header has been read.
pub struct CsvRows<'f, R: Read> {
    reader: csv::Reader<R>,
    header: Header,
    file: &'f Path,
}

/// What [`CsvRows::for_each`] went through.
#[derive(Debug, Default)]
pub struct RowsRead {
    /// Rows refused or unreadable.
    pub skipped: SkipList,
    /// Rows read, blank and broken ones included (row numbers run to this).
    pub rows: u64,
    /// Line breaks read, as the CSV reader counts them (a block's lines continue the next block's).
    pub line_breaks: u64,
}

impl<'f, R: Read> CsvRows<'f, R> {
    /// Reads the header row; an unreadable or empty first line is an error.
    pub fn open(file: &'f Path, input: R) -> Result<Self, ImportError> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(input);
        let header = match reader.byte_headers() {
            Ok(h) => Header::new(h),
            Err(e) => return Err(csv_error(file, &e)),
        };
        if header.names().iter().all(String::is_empty) {
            return Err(ImportError::file(file, "expected a header row naming the columns, found an empty first line"));
        }
        Ok(Self { reader, header, file })
    }

    /// Rows that follow a header read elsewhere: a block of a file split for parallel reading, or the
    /// one row a card reads back. Row numbers and lines count from the block's start.
    pub fn headerless(file: &'f Path, header: Header, input: R) -> Self {
        let reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(input);
        Self { reader, header, file }
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Where the data rows begin: the header's length in bytes.
    pub fn data_start(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The first row, through `f`; `None` at the end of the input.
    pub fn first_row<T>(mut self, f: impl FnOnce(&Row<'_>) -> T) -> Option<Result<T, ImportError>> {
        let mut record = csv::ByteRecord::new();
        match self.reader.read_byte_record(&mut record) {
            Ok(false) => None,
            Err(e) => Some(Err(csv_error(self.file, &e))),
            Ok(true) => {
                let position = record.position();
                let (line, byte) = position.map_or((0, 0), |p| (p.line(), p.byte()));
                let row = Row {
                    cells: &record,
                    text_cells: None,
                    number: 1,
                    line,
                    byte,
                    header: &self.header,
                    file: self.file,
                };
                Some(Ok(f(&row)))
            }
        }
    }

    /// Calls `each` with every non-blank row; a row it refuses is skipped and listed. `progress` is told
    /// the bytes read so far.
    pub fn for_each(
        mut self,
        mut each: impl FnMut(&Row<'_>) -> Result<(), ImportError>,
        mut progress: impl FnMut(u64),
    ) -> RowsRead {
        let mut skipped = SkipList::default();
        // One record, moved into a text record and back each row, so nothing is allocated a row.
        let mut spare = csv::ByteRecord::new();
        let mut number = 0u64;
        loop {
            let mut record = spare;
            match self.reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    // A broken row (bad quoting, bad bytes) is skipped; the reader goes on after it.
                    number += 1;
                    skipped.push(csv_error(self.file, &e));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    spare = record;
                    continue;
                }
            }
            number += 1;
            let position = record.position();
            let line = position.map_or(0, csv::Position::line);
            let byte = position.map_or(0, csv::Position::byte);
            let text = csv::StringRecord::from_byte_record(record).map_err(csv::FromUtf8Error::into_byte_record);
            let (cells, text_cells) = match &text {
                Ok(t) => (t.as_byte_record(), Some(t)),
                Err(b) => (b, None),
            };
            let row = Row { cells, text_cells, number, line, byte, header: &self.header, file: self.file };
            if !row.is_blank()
                && let Err(e) = each(&row)
            {
                skipped.push(e);
            }
            if number.is_multiple_of(4096) {
                progress(byte);
            }
            spare = match text {
                Ok(t) => t.into_byte_record(),
                Err(b) => b,
            };
        }
        RowsRead { skipped, rows: number, line_breaks: self.reader.position().line().saturating_sub(1) }
    }
}

fn csv_error(file: &Path, e: &csv::Error) -> ImportError {
    match e.position() {
        Some(p) => ImportError::at(
            file,
            Place::Row { row: p.record(), line: p.line(), column: None },
            None,
            format!("unreadable CSV: {}", e.kind_message()),
        ),
        None => ImportError::file(file, format!("unreadable CSV: {e}")),
    }
}

trait KindMessage {
    fn kind_message(&self) -> String;
}

impl KindMessage for csv::Error {
    fn kind_message(&self) -> String {
        match self.kind() {
            csv::ErrorKind::Io(e) => e.to_string(),
            csv::ErrorKind::Utf8 { err, .. } => format!("text that is not UTF-8 ({err})"),
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                format!("expected {expected_len} cells, found {len}")
            }
            _ => self.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_of_any_white_space_and_latin_1_is_read() {
        let cells =
            csv::ByteRecord::from(vec![&b"  Aleppo \t"[..], "\u{a0}Idlib\u{a0}".as_bytes(), b" caf\xe9 ", b"", b" "]);
        let header = Header::new(&csv::ByteRecord::from(vec!["a", "b", "c", "d", "e"]));
        let row = Row {
            cells: &cells,
            text_cells: None,
            number: 1,
            line: 2,
            byte: 0,
            header: &header,
            file: Path::new("x.csv"),
        };
        let texts: Vec<String> = (0..6).map(|i| row.text(Some(i)).into_owned()).collect();
        assert_eq!(texts, ["Aleppo", "Idlib", "café", "", "", ""]);
        assert_eq!(row.text(None), "");
        // A row that is all UTF-8 is read through its text record, and reads the same.
        let utf8 = csv::ByteRecord::from(vec![&b"  Aleppo \t"[..], "\u{a0}Idlib\u{a0}".as_bytes(), b" ", b""]);
        let text = csv::StringRecord::from_byte_record(utf8.clone()).unwrap();
        let row = Row { cells: &utf8, text_cells: Some(&text), ..row };
        let texts: Vec<String> = (0..5).map(|i| row.text(Some(i)).into_owned()).collect();
        assert_eq!(texts, ["Aleppo", "Idlib", "", "", ""]);
    }
}
