//! Users' own data: TimelineJS (JSON and the Google Sheets CSV), StoryMapJS, ACLED, UCDP GED, GeoJSON and
//! KML with time, and any CSV with places and dates. Each format has a loader here with no egui; all of
//! them fill the same columns ([`records::Records`]), which the map, the timeline, search and export
//! read without knowing the format. A file is recognised by its content, not only its extension.

pub mod acled;
pub mod block_cut;
pub mod blocks;
pub mod csv_table;
pub mod dates;
pub mod error;
pub mod generic_csv;
pub mod geojson_stream;
pub mod geojson_time;
pub mod html;
pub mod index;
pub mod kml;
pub mod records;
pub mod row_fields;
pub mod sources;
pub mod storymap;
pub mod text_columns;
pub mod timelinejs;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use error::{ImportError, Place, SkipList};
pub use generic_csv::ColumnChoice;
pub use records::Records;

use crate::lesson::model::Lesson;
use blocks::RowKind;

/// The file formats the atlas imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// TimelineJS JSON.
    TimelineJson,
    /// The TimelineJS Google Sheets template, as CSV.
    TimelineSheet,
    /// StoryMapJS JSON (becomes a lesson).
    StoryMap,
    /// ACLED export.
    Acled,
    /// UCDP Georeferenced Event Dataset.
    Ucdp,
    /// GeoJSON with time properties.
    GeoJson,
    /// KML (Google Earth).
    Kml,
    /// Any CSV with dates (and places).
    Csv,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Self::TimelineJson => "TimelineJS",
            Self::TimelineSheet => "TimelineJS sheet",
            Self::StoryMap => "StoryMapJS",
            Self::Acled => "ACLED",
            Self::Ucdp => "UCDP GED",
            Self::GeoJson => "GeoJSON",
            Self::Kml => "KML",
            Self::Csv => "CSV",
        }
    }
}

/// An era band from a user's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    pub title: String,
    /// First day, in days since 1950-01-01 (see [`dates`]).
    pub start_day: i32,
    /// Last day, inclusive, in days since 1950-01-01.
    pub end_day: i32,
}

/// What a format's loader returns.
#[derive(Debug, Default)]
pub struct Parsed {
    pub records: Records,
    /// Era bands (TimelineJS only; empty for other formats).
    pub eras: Vec<Era>,
    /// The file's own title, if it gives one.
    pub title: Option<String>,
    /// Rows or items left out, and why.
    pub skipped: SkipList,
    /// How the file was read ("dates read from \"timestamp\" as Unix seconds").
    pub notes: Vec<String>,
}

impl Parsed {
    fn new(records: Records) -> Self {
        Self { records, ..Self::default() }
    }
}

/// One imported file.
#[derive(Debug)]
pub struct Imported {
    /// The file as the user named it; a big file's card fields are read back from it ([`Imported::card_fields`]).
    pub path: PathBuf,
    pub format: Format,
    /// Its name for the panel and legend: the file's own title, or its file name.
    pub name: String,
    /// The records, sorted by start day (empty for a StoryMap).
    pub records: Records,
    /// Era bands (TimelineJS only; empty for other formats).
    pub eras: Vec<Era>,
    pub skipped: SkipList,
    pub notes: Vec<String>,
    /// The lesson a StoryMap becomes; `None` for every other format.
    pub lesson: Option<Lesson>,
    /// For a big file: how to read a record's card fields back from it.
    pub fields_in_file: Option<row_fields::FieldsInFile>,
}

impl Imported {
    /// The card fields of record `i` (name, text): held, or read back from the file.
    pub fn card_fields(&self, i: usize) -> Result<Vec<(String, String)>, ImportError> {
        match (&self.fields_in_file, self.records.row_offsets.get(i)) {
            (Some(f), Some(&offset)) => f.read(&self.path, offset),
            _ => Ok(self.records.fields.iter().map(|(n, c)| (n.clone(), c.get(i).to_owned())).collect()),
        }
    }

    /// `N events (M with a place), K eras, from DATE to DATE` or `N slides`: the `check --stats` line.
    pub fn stats_line(&self) -> String {
        if let Some(l) = &self.lesson {
            return format!("{} slides", l.slides.len());
        }
        let r = &self.records;
        let mut s = format!("{} events ({} with a place), {} eras", r.len(), r.with_place(), self.eras.len());
        if let Some((a, b)) = r.day_range() {
            s.push_str(&format!(
                ", from {} to {}",
                dates::date_of_day(a).format("%Y-%m-%d"),
                dates::date_of_day(b).format("%Y-%m-%d")
            ));
        }
        if !self.skipped.is_empty() {
            s.push_str(&format!(
                ", {} {} skipped",
                self.skipped.count,
                if self.skipped.count == 1 { "row" } else { "rows" }
            ));
        }
        s
    }
}

/// How a file is to be read.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// Columns named by the user (generic CSV).
    pub columns: ColumnChoice,
    /// The date given to undated StoryMap slides (`YYYY-MM-DD`).
    pub default_date: String,
    /// Block sizes and thresholds for big files.
    pub reading: blocks::Reading,
}

/// Bytes read so far and in all, shared with the window for its progress bar.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes read so far; a JSON or KML file counts as half read until it is parsed.
    pub done: AtomicU64,
    /// The file's size in bytes, set when it is opened.
    pub total: AtomicU64,
}

impl Progress {
    /// The share done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed).max(1);
        (self.done.load(Ordering::Relaxed) as f64 / total as f64).clamp(0.0, 1.0) as f32
    }
}

/// The largest file the atlas reads: far above ACLED's whole-region exports (about 500 MB for a
/// million rows), below what would exhaust a school laptop's memory.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// JSON and KML are read whole into memory: they are limited to this.
pub const MAX_DOCUMENT_BYTES: u64 = 512 * 1024 * 1024;
/// The most records one file may hold.
pub const MAX_RECORDS: usize = 5_000_000;

/// Opens a user's file: only a regular file (not a folder, FIFO or device), within the size limit.
fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ImportError> {
    let meta = std::fs::metadata(path).map_err(|e| ImportError::file(path, format!("cannot open: {e}")))?;
    if !meta.is_file() {
        let what = if meta.is_dir() { "a folder" } else { "not a regular file (a pipe or a device)" };
        return Err(ImportError::file(path, format!("expected a data file, found {what}")));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::file(
            path,
            format!(
                "the file is {} MB; the atlas reads files up to {} MB: filter it first (by country or years)",
                meta.len() >> 20,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let f = std::fs::File::open(path).map_err(|e| ImportError::file(path, format!("cannot open: {e}")))?;
    Ok((f, meta.len()))
}

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sniffed {
    Json,
    Xml,
    Text,
}

fn sniff(path: &Path, head: &[u8]) -> Result<Sniffed, ImportError> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::file(
            path,
            "the file is UTF-16 text: save it as UTF-8 (every spreadsheet and editor can)",
        ));
    }
    let body = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    if body.contains(&0) {
        return Err(ImportError::file(path, "expected a text file (CSV, JSON or KML), found binary data"));
    }
    Ok(match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{' | b'[') => Sniffed::Json,
        Some(b'<') => Sniffed::Xml,
        _ => Sniffed::Text,
    })
}

/// Reads a file of any supported format.
pub fn import_file(path: &Path, options: &ImportOptions, progress: &Progress) -> Result<Imported, ImportError> {
    let (mut file, len) = open_regular(path)?;
    progress.total.store(len, Ordering::Relaxed);
    let mut head = vec![0u8; 4096];
    let n = read_up_to(&mut file, &mut head).map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
    head.truncate(n);
    let kind = sniff(path, &head)?;
    let rest = std::io::Read::chain(std::io::Cursor::new(head), file);
    match kind {
        Sniffed::Json | Sniffed::Xml => {
            if len > MAX_DOCUMENT_BYTES {
                return Err(ImportError::file(
                    path,
                    format!(
                        "JSON and KML files are read up to {} MB; this one is {} MB",
                        MAX_DOCUMENT_BYTES >> 20,
                        len >> 20
                    ),
                ));
            }
            let mut bytes = Vec::with_capacity(len as usize);
            rest.take(MAX_DOCUMENT_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
            progress.done.store(len / 2, Ordering::Relaxed);
            let imported = import_document(path, &bytes, kind == Sniffed::Json, options);
            progress.done.store(len, Ordering::Relaxed);
            imported
        }
        Sniffed::Text => import_csv_file(path, rest, len, options, progress),
    }
}

/// A CSV file: big ACLED and UCDP files in parallel blocks, with their card fields left in the file past
/// a size; everything else row by row.
fn import_csv_file(
    path: &Path,
    mut input: impl Read,
    len: u64,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Imported, ImportError> {
    let reading = &options.reading;
    if len < reading.parallel_from_bytes || !options.columns.is_empty() {
        return import_csv(path, input, options, progress);
    }
    let mut first = Vec::with_capacity(reading.block_bytes);
    input
        .by_ref()
        .take(reading.block_bytes.max(64 * 1024) as u64)
        .read_to_end(&mut first)
        .map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
    progress.done.store(first.len() as u64, Ordering::Relaxed);
    let (header, data_start) = csv_table::read_header(path, &first)?;
    let kind = match RowKind::for_header(&header) {
        Some(kind) if data_start < first.len() => kind.map_err(|m| ImportError::file(path, m))?,
        _ => {
            // Read again from the start, and counted again.
            progress.done.store(0, Ordering::Relaxed);
            return import_csv(path, std::io::Cursor::new(first).chain(input), options, progress);
        }
    };
    let mut kind = kind;
    let with_fields = len < reading.fields_in_file_from_bytes;
    kind.set_with_fields(with_fields);
    let format = match kind {
        RowKind::Acled(_) => Format::Acled,
        RowKind::Ucdp(_) => Format::Ucdp,
    };
    let data = first.split_off(data_start);
    let first_line = first.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let start = (data_start as u64, first_line);
    let read = blocks::read(path, &header, &kind, data, start, input, reading, with_fields, progress)?;
    if read.too_many {
        return Err(too_many_rows(path));
    }
    let mut parsed = Parsed::new(read.records);
    parsed.skipped = read.skipped;
    progress.done.store(len, Ordering::Relaxed);
    let mut imported = finish(path, format, parsed)?;
    if !with_fields {
        imported.fields_in_file = Some(row_fields::FieldsInFile::new(path, header, format, len));
    }
    Ok(imported)
}

fn too_many_rows(path: &Path) -> ImportError {
    ImportError::file(
        path,
        format!(
            "the file has more than {MAX_RECORDS} rows; the atlas handles up to {MAX_RECORDS}: filter it first (by country or years)"
        ),
    )
}

/// Reads a file of any supported format held in memory (a browser hands files over this way); `path` names it
/// in messages.
pub fn import_bytes(path: &Path, bytes: &[u8], options: &ImportOptions) -> Result<Imported, ImportError> {
    let head = bytes.get(..4096).unwrap_or(bytes);
    match sniff(path, head)? {
        kind @ (Sniffed::Json | Sniffed::Xml) => import_document(path, bytes, kind == Sniffed::Json, options),
        Sniffed::Text => import_csv(path, bytes, options, &Progress::default()),
    }
}

fn read_up_to(f: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match f.read(buf.get_mut(filled..).unwrap_or_default())? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Reads a JSON or KML document held in memory (the browser hands files over this way).
pub fn import_document(
    path: &Path,
    bytes: &[u8],
    json: bool,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes.get(..e.valid_up_to()).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        ImportError::at(path, Place::LineColumn(line as u64, 1), None, "expected UTF-8 text, found bytes that are not")
    })?;
    if !json {
        return finish(path, Format::Kml, kml::from_text(path, text)?);
    }
    // A FeatureCollection is read feature by feature (memory near the file's size); the rest whole.
    if let Some(parsed) = geojson_stream::features(path, text) {
        return finish(path, Format::GeoJson, parsed);
    }
    let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        ImportError::at(
            path,
            Place::LineColumn(e.line() as u64, e.column() as u64),
            None,
            format!("not valid JSON: {e}"),
        )
    })?;
    if doc.get("storymap").is_some() {
        let (lesson, problems) = storymap::from_json(path, &doc, &options.default_date)?;
        let mut skipped = SkipList::default();
        problems.into_iter().for_each(|p| skipped.push(p));
        let name = lesson.title.clone();
        return Ok(Imported {
            path: path.to_owned(),
            format: Format::StoryMap,
            name,
            records: Records::default(),
            eras: Vec::new(),
            skipped,
            notes: Vec::new(),
            lesson: Some(lesson),
            fields_in_file: None,
        });
    }
    if doc.get("events").is_some() {
        return finish(path, Format::TimelineJson, timelinejs::from_json(path, &doc)?);
    }
    if doc.get("type").is_some() {
        return finish(path, Format::GeoJson, geojson_time::from_json(path, &doc)?);
    }
    Err(ImportError::file(
        path,
        "expected TimelineJS (\"events\"), StoryMapJS (\"storymap\") or GeoJSON (\"type\") JSON",
    ))
}

/// Reads a CSV stream, recognising ACLED, UCDP and the TimelineJS template by their headers.
pub fn import_csv(
    path: &Path,
    input: impl Read,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Imported, ImportError> {
    enum Reader {
        Acled(acled::AcledColumns),
        Ucdp(acled::UcdpColumns),
        Sheet(timelinejs::SheetColumns),
        Generic(generic_csv::GenericColumns),
    }
    let mut cutter = block_cut::Cutter::new(input, Vec::new(), 0, options.reading.block_bytes);
    let first = cutter.next_block(path, &progress.done)?;
    let (first, mut block_breaks) = first.map(|b| (b.bytes, b.line_breaks)).unwrap_or_default();
    let (header, data_start) = csv_table::read_header(path, &first)?;
    let h = &header;
    let err = |m: String| ImportError::file(path, m);
    let plain = options.columns.is_empty();
    let (mut reader, format, records) = if plain && h.has_all(&acled::ACLED_SIGNATURE) {
        (Reader::Acled(acled::AcledColumns::find(h).map_err(err)?), Format::Acled, acled::acled_records())
    } else if plain && h.has_all(&acled::UCDP_SIGNATURE) {
        (Reader::Ucdp(acled::UcdpColumns::find(h).map_err(err)?), Format::Ucdp, acled::ucdp_records())
    } else if plain && h.has_all(&timelinejs::SHEET_SIGNATURE) {
        (Reader::Sheet(timelinejs::SheetColumns::find(h)), Format::TimelineSheet, timelinejs::records())
    } else {
        let g = generic_csv::GenericColumns::find(h, &options.columns).map_err(err)?;
        let names: Vec<&str> = g.rest.iter().map(|(_, n)| n.as_str()).collect();
        let records = Records::with_fields(&names);
        (Reader::Generic(g), Format::Csv, records)
    };
    let mut parsed = Parsed::new(records);
    let mut too_many = false;
    let mut skipped = SkipList::default();
    let header_lines = memchr::memchr_iter(b'\n', first.get(..data_start).unwrap_or_default()).count() as u64;
    block_breaks = block_breaks.saturating_sub(header_lines);
    let mut at = csv_table::At { rows_before: 0, line: 1 + header_lines, byte: data_start as u64 };
    let (mut block, mut from) = (first, data_start);
    loop {
        let rows = block.get(from..).unwrap_or_default();
        let read = csv_table::for_each_row(
            path,
            &header,
            rows,
            at,
            &mut skipped,
            |row| {
                if parsed.records.len() >= MAX_RECORDS {
                    too_many = true;
                    return Ok(());
                }
                match &mut reader {
                    Reader::Acled(c) => acled::acled_row(c, row).map(|r| parsed.records.push(r)),
                    Reader::Ucdp(c) => acled::ucdp_row(c, row).map(|r| parsed.records.push(r)),
                    Reader::Generic(c) => c.row(row).map(|r| parsed.records.push(r)),
                    Reader::Sheet(c) => timelinejs::sheet_row(c, row).map(|r| match r {
                        timelinejs::SheetRow::Event(r) => parsed.records.push(r),
                        timelinejs::SheetRow::Era(e) => parsed.eras.push(e),
                        timelinejs::SheetRow::Title(t) => parsed.title = Some(t).filter(|t| !t.is_empty()),
                    }),
                }
            },
            |_| {},
        );
        if too_many {
            return Err(too_many_rows(path));
        }
        at.rows_before += read.rows;
        at.line += block_breaks;
        cutter.give_back(block);
        match cutter.next_block(path, &progress.done)? {
            Some(next) => (block, from, at.byte, block_breaks) = (next.bytes, 0, next.offset, next.line_breaks),
            None => break,
        }
    }
    parsed.skipped = skipped;
    if let Reader::Generic(g) = &reader {
        // Said after the rows: the first numeric date decided how numbers are read.
        parsed.notes.push(g.describe());
    }
    progress.done.store(progress.total.load(Ordering::Relaxed), Ordering::Relaxed);
    finish(path, format, parsed)
}

/// Sorts the records and names the source; a file with no usable record is an error.
fn finish(path: &Path, format: Format, mut parsed: Parsed) -> Result<Imported, ImportError> {
    if parsed.records.is_empty() {
        let why = parsed.skipped.first.first().map_or_else(String::new, |e| format!("; the first problem: {e}"));
        let skipped =
            if parsed.skipped.is_empty() { String::new() } else { format!(" ({} skipped)", parsed.skipped.count) };
        return Err(ImportError::file(path, format!("no usable {} records{skipped}{why}", format.label())));
    }
    parsed.records.sort_by_start();
    parsed.records.freeze();
    let file_name = path.file_name().map_or_else(|| "data".to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(Imported {
        path: path.to_owned(),
        format,
        name: parsed.title.unwrap_or(file_name),
        records: parsed.records,
        eras: parsed.eras,
        skipped: parsed.skipped,
        notes: parsed.notes,
        lesson: None,
        fields_in_file: None,
    })
}

/// A shared progress counter.
pub fn progress() -> Arc<Progress> {
    Arc::new(Progress::default())
}
