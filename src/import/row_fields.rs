//! The card fields of a big file's records (ACLED's notes, sources, admin areas...), read back from the
//! file when a card opens instead of being held: for a million rows that is hundreds of megabytes saved,
//! for one seek and one row read per card.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::SystemTime;

use super::Format;
use super::block_cut::last_row_end;
use super::blocks::RowKind;
use super::csv_table::{Header, first_row};
use super::error::ImportError;

/// The longest row a card reads back (cells are cut at 64 KB; a row has a few dozen).
const MAX_ROW_BYTES: u64 = 4 << 20;

/// What is needed to read a row back, and what the file was like when it was loaded.
#[derive(Debug)]
pub struct FieldsInFile {
    header: Header,
    format: Format,
    len: u64,
    modified: Option<SystemTime>,
}

impl FieldsInFile {
    /// For a file just read, `len` bytes long.
    pub fn new(path: &Path, header: Header, format: Format, len: u64) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Self { header, format, len, modified }
    }

    /// The fields of the row starting at byte `offset`, as (name, text).
    pub fn read(&self, path: &Path, offset: u64) -> Result<Vec<(String, String)>, ImportError> {
        let changed = || {
            ImportError::file(
                path,
                "the file has changed since it was loaded: load it again to read this record's notes",
            )
        };
        let meta = std::fs::metadata(path).map_err(|e| ImportError::file(path, format!("cannot open: {e}")))?;
        if !meta.is_file() || meta.len() != self.len || meta.modified().ok() != self.modified || offset >= self.len {
            return Err(changed());
        }
        let mut file = std::fs::File::open(path).map_err(|e| ImportError::file(path, format!("cannot open: {e}")))?;
        file.seek(SeekFrom::Start(offset)).map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
        let Some(Ok(mut kind)) = RowKind::for_header(&self.header) else { return Err(changed()) };
        kind.set_with_fields(true);
        let names: Vec<String> = kind.records(true).fields.into_iter().map(|(n, _)| n).collect();
        // A row is a few hundred bytes; read more only while no whole row is in.
        let (mut bytes, mut want) = (Vec::new(), 64 * 1024);
        loop {
            let have = bytes.len() as u64;
            let n = (&mut file)
                .take(want - have)
                .read_to_end(&mut bytes)
                .map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
            if n == 0 || last_row_end(&bytes).is_some() || want >= MAX_ROW_BYTES {
                break;
            }
            want = (want * 2).min(MAX_ROW_BYTES);
        }
        let record = first_row(path, &self.header, &bytes, |row| kind.row(row)).ok_or_else(changed)??;
        debug_assert!(matches!(self.format, Format::Acled | Format::Ucdp));
        Ok(names.into_iter().zip(record.fields).collect())
    }
}
