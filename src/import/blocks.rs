//! Big ACLED and UCDP files read on every core. The file is cut into blocks at row ends (a newline outside
//! quotes, so a quoted note with line breaks stays whole); workers parse the blocks into columns of their
//! own, and the reading thread appends them in file order, making row numbers and lines whole-file again.
//! Blocks in flight are bounded, so memory stays at the columns plus a few blocks.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::acled::{self, AcledColumns, UcdpColumns};
use super::block_cut::{Block, Cutter};
use super::csv_table::{self, Header};
use super::error::{ImportError, Place, SkipList};
use super::records::Records;

/// How a file is read; tests shrink the sizes to run every path on small fixtures.
#[derive(Clone, Debug)]
pub struct Reading {
    /// ACLED and UCDP files at least this big are read in parallel blocks.
    pub parallel_from_bytes: u64,
    /// About how many bytes a block holds.
    pub block_bytes: usize,
    /// ACLED and UCDP files at least this big keep their card fields (notes, sources, ...) in the file and
    /// read them back when a card opens, rather than holding them.
    pub fields_in_file_from_bytes: u64,
    /// Parsing threads (0 counts as 1); by default one per available core, or 2 when that is unknown.
    pub workers: usize,
}

impl Default for Reading {
    fn default() -> Self {
        Self {
            parallel_from_bytes: 8 << 20,
            block_bytes: 4 << 20,
            fields_in_file_from_bytes: 32 << 20,
            workers: std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
        }
    }
}

/// Which converter a block's rows go through.
pub enum RowKind {
    /// ACLED.
    Acled(AcledColumns),
    /// UCDP GED.
    Ucdp(UcdpColumns),
}

impl RowKind {
    /// The converter for a header, if it is ACLED's or UCDP's.
    pub fn for_header(h: &Header) -> Option<Result<Self, String>> {
        if h.has_all(&acled::ACLED_SIGNATURE) {
            Some(AcledColumns::find(h).map(Self::Acled))
        } else if h.has_all(&acled::UCDP_SIGNATURE) {
            Some(UcdpColumns::find(h).map(Self::Ucdp))
        } else {
            None
        }
    }

    /// Whether rows keep the card's fields: `false` when the fields stay in the file and are read back.
    pub fn set_with_fields(&mut self, on: bool) {
        match self {
            Self::Acled(c) => c.with_fields = on,
            Self::Ucdp(c) => c.with_fields = on,
        }
    }

    /// Empty columns for this format: with the card's field names, or none when they stay in the file.
    pub fn records(&self, with_fields: bool) -> Records {
        match (self, with_fields) {
            (_, false) => Records::default(),
            (Self::Acled(_), true) => acled::acled_records(),
            (Self::Ucdp(_), true) => acled::ucdp_records(),
        }
    }

    /// One row as a record.
    pub fn row(&self, row: &super::csv_table::Row<'_>) -> Result<super::records::RecordIn, ImportError> {
        let mut r = super::records::RecordIn::default();
        self.row_into(row, &mut r)?;
        Ok(r)
    }

    /// One row into `out`, reusing its strings where the format allows.
    pub fn row_into(
        &self,
        row: &super::csv_table::Row<'_>,
        out: &mut super::records::RecordIn,
    ) -> Result<(), ImportError> {
        match self {
            Self::Acled(c) => acled::acled_row_into(c, row, out),
            Self::Ucdp(c) => acled::ucdp_row(c, row).map(|r| *out = r),
        }
    }
}

/// What one block gave, and its bytes back for the reader to fill again.
struct BlockRead {
    records: Records,
    skipped: SkipList,
    rows: u64,
    newlines: u64,
    bytes: Vec<u8>,
}

fn parse_block(path: &Path, header: &Header, kind: &RowKind, block: &Block, with_fields: bool) -> BlockRead {
    let (bytes, offset) = (&block.bytes, block.offset);
    let mut records = kind.records(with_fields);
    // At most a row per 64 bytes: a hostile block of blank lines must not reserve millions of rows.
    let rows = usize::try_from(block.line_breaks).unwrap_or(0).saturating_add(1).min(bytes.len() / 64 + 1);
    records.reserve(rows, !with_fields);
    let mut skipped = SkipList::default();
    let mut record = super::records::RecordIn::default();
    let read = csv_table::for_each_row(
        path,
        header,
        bytes,
        csv_table::At::START,
        &mut skipped,
        |row| {
            kind.row_into(row, &mut record)?;
            if with_fields {
                records.push_ref(&record);
            } else {
                records.push_at(&record, offset + row.byte);
            }
            Ok(())
        },
        |_| {},
    );
    // Sorted here, on a worker and within the cache: the whole file's sort then reads each block's rows in
    // turn, a few hundred streams instead of a million scattered reads a column (it took 130 ms, a sixth of
    // a million-row load). The order stays the file's within a day, as blocks are sorted stably.
    records.sort_by_start();
    BlockRead { records, skipped, rows: read.rows, newlines: block.line_breaks, bytes: Vec::new() }
}

/// Appends blocks in file order as they come, shifting their rows and lines past the blocks before.
struct Merge {
    records: Records,
    skipped: SkipList,
    rows_before: u64,
    lines_before: u64,
    next: usize,
    waiting: BTreeMap<usize, BlockRead>,
    too_many: bool,
}

impl Merge {
    fn take(&mut self, index: usize, block: BlockRead) {
        self.waiting.insert(index, block);
        while let Some(b) = self.waiting.remove(&self.next) {
            self.next += 1;
            let unlisted = b.skipped.count - b.skipped.first.len() as u64;
            for mut e in b.skipped.first {
                if let Place::Row { row, line, .. } = &mut e.place {
                    *row += self.rows_before;
                    *line += self.lines_before;
                }
                self.skipped.push(e);
            }
            self.skipped.count += unlisted;
            self.rows_before += b.rows;
            self.lines_before += b.newlines;
            if self.records.len() + b.records.len() > super::MAX_RECORDS {
                self.too_many = true;
            } else if !self.too_many {
                self.records.append(b.records);
            }
        }
    }
}

/// The columns of a big ACLED or UCDP file, its skipped rows, and whether it had too many rows.
pub struct BlocksRead {
    /// The records, in file order (not yet sorted by date).
    pub records: Records,
    /// Rows left out, with whole-file row numbers and lines.
    pub skipped: SkipList,
    /// More than [`super::MAX_RECORDS`] rows.
    pub too_many: bool,
}

/// Reads the data rows of a file whose header has been read: `first` holds the bytes already read after
/// the header (from byte `first_offset`, line `first_line`), `rest` the remainder of the file.
#[allow(clippy::too_many_arguments)]
pub fn read(
    path: &Path,
    header: &Header,
    kind: &RowKind,
    first: Vec<u8>,
    start: (u64, u64),
    rest: impl Read,
    reading: &Reading,
    with_fields: bool,
    progress: &super::Progress,
) -> Result<BlocksRead, ImportError> {
    let (first_offset, first_line) = start;
    let workers = reading.workers.max(1);
    let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Block)>(workers);
    let (done_tx, done_rx) = mpsc::channel::<(usize, BlockRead)>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let mut merge = Merge {
        records: kind.records(with_fields),
        skipped: SkipList::default(),
        rows_before: 0,
        lines_before: first_line.saturating_sub(1),
        next: 0,
        waiting: BTreeMap::new(),
        too_many: false,
    };
    std::thread::scope(|scope| -> Result<(), ImportError> {
        for _ in 0..workers {
            let (job_rx, done_tx) = (Arc::clone(&job_rx), done_tx.clone());
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((index, block)) = job else { return };
                    let mut read = parse_block(path, header, kind, &block, with_fields);
                    read.bytes = block.bytes;
                    if done_tx.send((index, read)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let queue = Queue { jobs: &job_tx, done: &done_rx };
        let mut cutter = Cutter::new(rest, first, first_offset, reading.block_bytes);
        let outcome = feed(path, &mut cutter, progress, &queue, &mut merge);
        // Closing the queue lets the workers finish; then the blocks still out are merged.
        drop(job_tx);
        for (index, block) in done_rx.iter() {
            merge.take(index, block);
        }
        outcome
    })?;
    Ok(BlocksRead { records: merge.records, skipped: merge.skipped, too_many: merge.too_many })
}

/// The workers' queue and what they send back.
struct Queue<'a> {
    jobs: &'a mpsc::SyncSender<(usize, Block)>,
    done: &'a mpsc::Receiver<(usize, BlockRead)>,
}

/// Reads the file block by block and queues each, merging what the workers have finished meanwhile.
fn feed(
    path: &Path,
    cutter: &mut Cutter<impl Read>,
    progress: &super::Progress,
    queue: &Queue<'_>,
    merge: &mut Merge,
) -> Result<(), ImportError> {
    let Queue { jobs, done } = queue;
    let mut index = 0;
    while let Some(block) = cutter.next_block(path, &progress.done)? {
        if jobs.send((index, block)).is_err() {
            break;
        }
        index += 1;
        while let Ok((i, mut b)) = done.try_recv() {
            cutter.give_back(std::mem::take(&mut b.bytes));
            merge.take(i, b);
        }
        if merge.too_many {
            break;
        }
    }
    Ok(())
}
