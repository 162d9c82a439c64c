//! Reading the rows of CSV text in memory (a file is read in blocks that end at row ends) with
//! `simd-csv`'s zero-copy reader: cells are found with SIMD searches and only the cells a format uses are
//! unquoted, three times faster than the `csv` crate on ACLED's long quoted notes. Rows keep their exact
//! byte and line, CRLF files included. Also: the header mapped by name, and the cell-level conversions
//! every CSV format shares.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use super::error::{ImportError, Place, SkipList};

/// The header of a CSV file: column names (trimmed, lowercase) to their index.
#[derive(Clone, Debug, Default)]
pub struct Header {
    names: Vec<String>,
    by_name: HashMap<String, usize>,
}

impl Header {
    /// From the header cells (a UTF-8 BOM on the first is dropped).
    pub fn new<C: AsRef<[u8]>>(cells: impl IntoIterator<Item = C>) -> Self {
        let names: Vec<String> = cells
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                let s = String::from_utf8_lossy(c.as_ref());
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

/// The lines of some CSV text, counted only as far as a row asks: most rows never need theirs (only an
/// error names a line), and counting line breaks row by row took a tenth of a million-row load.
pub struct Lines<'a> {
    bytes: &'a [u8],
    first_line: u64,
    /// Up to byte `counted` there are `breaks` line breaks.
    counted: std::cell::Cell<(usize, u64)>,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8], first_line: u64) -> Self {
        Self { bytes, first_line, counted: std::cell::Cell::new((0, 0)) }
    }

    /// The line byte `at` is on. Rows ask in order, so the text is read once in all.
    fn line_at(&self, at: usize) -> u64 {
        let (mut counted, mut breaks) = self.counted.get();
        if at < counted {
            (counted, breaks) = (0, 0);
        }
        breaks += memchr::memchr_iter(b'\n', self.bytes.get(counted..at).unwrap_or_default()).count() as u64;
        self.counted.set((at.max(counted), breaks));
        self.first_line + breaks
    }
}

/// One data row: its cells, number and line.
pub struct Row<'a> {
    cells: &'a simd_csv::ZeroCopyByteRecord<'a>,
    /// The whole row as text, when it is all UTF-8: checked once a row rather than once a cell.
    text: Option<&'a str>,
    /// Data row number, from 1.
    pub number: u64,
    lines: Option<&'a Lines<'a>>,
    /// Where the row starts in the text `lines` counts.
    start: usize,
    /// Byte offset of the row in the file (or in what was read, for a block read on its own).
    pub byte: u64,
    pub header: &'a Header,
    /// The file, for messages.
    pub file: &'a Path,
}

impl Row<'_> {
    /// The cell at column `i` as trimmed text ("" when absent); cells that are not UTF-8 are read as Latin-1.
    pub fn text(&self, i: Option<usize>) -> Cow<'_, str> {
        let Some(cell) = i.and_then(|i| self.cells.unescape(i)) else { return "".into() };
        match cell {
            Cow::Borrowed(bytes) if let Some(text) = self.text.and_then(|t| sub_str(t, bytes)) => trim(text).into(),
            Cow::Borrowed(bytes) => match std::str::from_utf8(bytes) {
                Ok(s) => trim(s).into(),
                Err(_) => latin_1(bytes).into(),
            },
            Cow::Owned(bytes) => match String::from_utf8(bytes) {
                Ok(s) => trim(&s).to_owned().into(),
                Err(e) => latin_1(e.as_bytes()).into(),
            },
        }
    }

    /// A problem with column `i` of this row.
    pub fn error(&self, i: Option<usize>, message: impl Into<String>) -> ImportError {
        let column = i.map(|i| self.header.name(i).to_owned());
        let place = Place::Row { row: self.number, line: self.line(), column: column.clone() };
        ImportError::at(self.file, place, column.as_deref(), message)
    }

    /// True when every cell is blank (spreadsheets leave such rows).
    pub fn is_blank(&self) -> bool {
        let blank = |c: &[u8]| c.iter().all(u8::is_ascii_whitespace);
        (0..self.cells.len()).all(|i| self.cells.unquote(i).is_none_or(blank))
    }

    /// A number cell; spreadsheets re-save integers as `2022.0` and may add thousands separators.
    pub fn number(&self, i: Option<usize>) -> Result<Option<f64>, ImportError> {
        let t = self.text(i);
        if t.is_empty() {
            return Ok(None);
        }
        let parsed = if t.bytes().any(|b| b == b',' || b == b'_') {
            t.chars().filter(|c| *c != ',' && *c != '_').collect::<String>().parse::<f64>()
        } else {
            plain_decimal(&t).map_or_else(|| t.parse::<f64>(), Ok)
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

impl Row<'_> {
    /// The line the row starts on, from 1.
    pub fn line(&self) -> u64 {
        self.lines.map_or(1, |l| l.line_at(self.start))
    }
}

/// The part of `text` that `part` is (a slice of `text`'s bytes), as text: no second UTF-8 check.
fn sub_str<'t>(text: &'t str, part: &[u8]) -> Option<&'t str> {
    let start = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(start..start.checked_add(part.len())?)
}

/// A plain decimal (`33.5131`, `-7`, `12.`) as `str::parse` reads it, without its general machinery (a
/// tenth of a big load went to reading coordinates). Up to 15 digits, the digits and the power of ten are
/// exact in an `f64`, so one division rounds as the full parser does (Clinger's fast path); anything else is
/// `None`, for the full parser.
fn plain_decimal(s: &str) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let (negative, digits) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        all => (false, all),
    };
    let (mut value, mut count, mut decimals) = (0u64, 0usize, None::<usize>);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                value = value * 10 + u64::from(b - b'0');
                count += 1;
                if let Some(d) = &mut decimals {
                    *d += 1;
                }
                if count > 15 {
                    return None;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if count == 0 {
        return None;
    }
    let v = value as f64 / POWERS_OF_TEN.get(decimals.unwrap_or(0))?;
    Some(if negative { -v } else { v })
}

/// `str::trim`, with ASCII space trimmed first: the common cell never reaches the Unicode tables, and one
/// that starts or ends outside ASCII (a no-break space) is trimmed as `str::trim` trims it.
pub fn trim(s: &str) -> &str {
    let s = s.trim_ascii();
    let outside_ascii = |b: Option<&u8>| b.is_some_and(|b| !b.is_ascii());
    if outside_ascii(s.as_bytes().first()) || outside_ascii(s.as_bytes().last()) { s.trim() } else { s }
}

/// Bytes that are not UTF-8 read as Latin-1 (old spreadsheets' exports), trimmed.
fn latin_1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect::<String>().trim().to_owned()
}

/// Where some CSV text sits in its file: its rows are numbered on from here.
#[derive(Clone, Copy, Debug)]
pub struct At {
    /// Data rows before the text.
    pub rows_before: u64,
    /// The line the text's first byte is on, from 1.
    pub line: u64,
    /// The byte offset of the text in the file.
    pub byte: u64,
}

impl At {
    /// The start of a file or of a block read on its own.
    pub const START: Self = Self { rows_before: 0, line: 1, byte: 0 };
}

/// What [`for_each_row`] went through.
#[derive(Debug, Default)]
pub struct RowsRead {
    /// Rows read, blank and broken ones included (row numbers run to this). The text's line breaks, for the
    /// lines of the next text, are counted by whoever cut it ([`super::block_cut::last_row_end`]).
    pub rows: u64,
}

fn reader(bytes: &[u8]) -> simd_csv::ZeroCopyReader<&[u8]> {
    simd_csv::ZeroCopyReaderBuilder::new().flexible(true).has_headers(false).from_reader(bytes)
}

/// Where the record the reader reads next starts: past the line breaks it skips first (blank lines, and
/// the last record's CR LF).
fn record_start(bytes: &[u8], position: u64) -> usize {
    let from = usize::try_from(position).unwrap_or(bytes.len()).min(bytes.len());
    let skipped = bytes.get(from..).unwrap_or_default().iter().take_while(|&&b| b == b'\n' || b == b'\r').count();
    from + skipped
}

/// The header row at the start of `bytes`, and where the data rows begin (the byte after the header row's
/// line break). An empty first line is an error.
pub fn read_header(file: &Path, bytes: &[u8]) -> Result<(Header, usize), ImportError> {
    let mut rows = reader(bytes);
    let header = match rows.read_byte_record() {
        Ok(Some(cells)) => Header::new((0..cells.len()).map(|i| cells.unescape(i).unwrap_or_default())),
        Ok(None) => Header::default(),
        Err(e) => return Err(ImportError::file(file, format!("unreadable CSV: {e}"))),
    };
    if header.names().iter().all(String::is_empty) {
        return Err(ImportError::file(file, "expected a header row naming the columns, found an empty first line"));
    }
    Ok((header, usize::try_from(rows.position()).unwrap_or(bytes.len()).min(bytes.len())))
}

/// The first row of `bytes` (which start at a row), through `f`; `None` when there is none.
pub fn first_row<T>(file: &Path, header: &Header, bytes: &[u8], f: impl FnOnce(&Row<'_>) -> T) -> Option<T> {
    let mut rows = reader(bytes);
    let before = rows.position();
    let cells = rows.read_byte_record().ok()??;
    let byte = record_start(bytes, before) as u64;
    let text = std::str::from_utf8(cells.as_slice()).ok();
    Some(f(&Row { cells: &cells, text, number: 1, lines: None, start: 0, byte, header, file }))
}

/// Calls `each` with every non-blank row of `bytes`, which hold whole rows, numbered on from `at`; a row
/// it refuses is listed in `skipped`. `progress` is told the file's bytes read so far.
pub fn for_each_row(
    file: &Path,
    header: &Header,
    bytes: &[u8],
    at: At,
    skipped: &mut SkipList,
    mut each: impl FnMut(&Row<'_>) -> Result<(), ImportError>,
    mut progress: impl FnMut(u64),
) -> RowsRead {
    let mut rows = reader(bytes);
    let mut number = at.rows_before;
    let lines = Lines::new(bytes, at.line);
    loop {
        let before = rows.position();
        let cells = match rows.read_byte_record() {
            Ok(Some(cells)) => cells,
            Ok(None) => break,
            Err(e) => {
                // In memory there is nothing to fail but a bug: say so at the row, and stop there.
                number += 1;
                skipped.push(ImportError::at(
                    file,
                    Place::Row { row: number, line: lines.line_at(record_start(bytes, before)), column: None },
                    None,
                    format!("unreadable CSV: {e}"),
                ));
                break;
            }
        };
        number += 1;
        let start = record_start(bytes, before);
        let byte = at.byte + start as u64;
        let text = std::str::from_utf8(cells.as_slice()).ok();
        let row = Row { cells: &cells, text, number, lines: Some(&lines), start, byte, header, file };
        if !row.is_blank()
            && let Err(e) = each(&row)
        {
            skipped.push(e);
        }
        if number.is_multiple_of(4096) {
            progress(byte);
        }
    }
    RowsRead { rows: number - at.rows_before }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's number, line, byte and cells.
    type Seen = (u64, u64, u64, Vec<String>);

    /// Each row as `for_each_row` gives it.
    fn rows_of(text: &[u8], at: At) -> (Vec<Seen>, RowsRead) {
        let header = Header::new(["a", "b", "c", "d", "e"]);
        let mut seen = Vec::new();
        let read = for_each_row(
            Path::new("x.csv"),
            &header,
            text,
            at,
            &mut SkipList::default(),
            |row| {
                let cells = (0..5).map(|i| row.text(Some(i)).into_owned()).collect();
                seen.push((row.number, row.line(), row.byte, cells));
                Ok(())
            },
            |_| {},
        );
        (seen, read)
    }

    #[test]
    fn cells_are_trimmed_unquoted_and_latin_1_is_read() {
        let text = b"  Aleppo \t,\xc2\xa0Idlib\xc2\xa0, caf\xe9 ,\"say \"\"hi\"\"\",\"a\nb\"\n";
        let (rows, _) = rows_of(text, At::START);
        assert_eq!(rows[0].3, ["Aleppo", "Idlib", "caf\u{e9}", "say \"hi\"", "a\nb"]);
    }

    #[test]
    fn rows_keep_their_exact_line_and_byte_with_crlf_blank_lines_and_quoted_breaks() {
        let text = b"r1,x\r\n\r\nr2,\"two\nlines\"\r\n  \nr3,y";
        let (rows, read) = rows_of(text, At { rows_before: 10, line: 5, byte: 1000 });
        let places: Vec<(u64, u64, u64)> = rows.iter().map(|r| (r.0, r.1, r.2)).collect();
        // The blank line is no row; the row of spaces is one (row 13), skipped as blank.
        assert_eq!(places, [(11, 5, 1000), (12, 7, 1008), (14, 10, 1027)]);
        assert_eq!(read.rows, 4);
        assert_eq!(&text[8..10], b"r2");
        assert_eq!(rows[1].3[1], "two\nlines");
    }

    #[test]
    fn plain_decimals_read_as_the_full_parser_reads_them() {
        let mut seed = 11u64;
        let mut next = move |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut texts: Vec<String> =
            ["0", "-0", "+3", "1.", ".5", "-.5", "007.250", "999999999999999", "0.1", "33.5131"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
        for _ in 0..20_000 {
            let digits: String = (0..1 + next(17)).map(|_| char::from(b'0' + next(10) as u8)).collect();
            let at = next(digits.len() as u64 + 1) as usize;
            let sign = ["", "-", "+"][next(3) as usize];
            texts.push(format!("{sign}{}.{}", &digits[..at], &digits[at..]));
            texts.push(format!("{sign}{digits}"));
        }
        for t in &texts {
            let full: f64 = t.parse().unwrap();
            match plain_decimal(t) {
                Some(v) => assert_eq!(v.to_bits(), full.to_bits(), "{t}"),
                None => assert!(t.bytes().filter(u8::is_ascii_digit).count() > 15, "{t}"),
            }
        }
        for t in ["", ".", "-", "1.2.3", "1e5", "inf", "NaN", "0x1", "1 2"] {
            assert_eq!(plain_decimal(t), None, "{t}");
        }
    }

    #[test]
    fn the_header_ends_where_the_data_begins() {
        let (h, start) = read_header(Path::new("x.csv"), b"\xef\xbb\xbf Event_Date ,\"B\"\r\n1,2\n").unwrap();
        assert_eq!(h.names(), ["event_date", "b"]);
        assert_eq!(start, 21);
        assert!(read_header(Path::new("x.csv"), b"\n\n").is_err());
        assert!(read_header(Path::new("x.csv"), b"").is_err());
    }
}
