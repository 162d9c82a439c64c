//! A CSV file cut into blocks that end at row ends (a newline outside quotes, so a quoted note with line
//! breaks stays whole), read one after another into buffers that are filled again once given back.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::Ordering;

use super::error::ImportError;

/// Where the last row of `bytes` ends: just after the last newline outside quotes, and how many line breaks
/// come before it (`None` if there is no such newline). One pass over both bytes: a doubled quote inside a
/// quoted cell toggles twice, so counting quotes is enough. The count spares the workers a pass of their own
/// (the two passes took a tenth of a big load's CPU).
pub fn last_row_end(bytes: &[u8]) -> Option<(usize, u64)> {
    let mut quoted = false;
    let mut breaks = 0;
    let mut last = None;
    for i in memchr::memchr2_iter(b'"', b'\n', bytes) {
        if bytes.get(i) == Some(&b'"') {
            quoted = !quoted;
        } else {
            breaks += 1;
            if !quoted {
                last = Some((i + 1, breaks));
            }
        }
    }
    last
}

/// A block of whole rows.
pub struct Block {
    pub bytes: Vec<u8>,
    /// The file offset of its first byte.
    pub offset: u64,
    /// Its line breaks, quoted ones included.
    pub line_breaks: u64,
}

/// Reads a stream block by block.
pub struct Cutter<R> {
    rest: R,
    /// Read and not yet given out: the start of the next block.
    carry: Vec<u8>,
    /// The file offset of `carry`'s first byte.
    offset: u64,
    eof: bool,
    block_bytes: usize,
    /// Buffers given back, filled again: a fresh 4 MB buffer a block costs the kernel a page fault every 4 KB.
    spare: Vec<Vec<u8>>,
}

impl<R: Read> Cutter<R> {
    /// Blocks of about `block_bytes` from `rest`, after `carry` (already read, from file offset `offset`).
    pub fn new(rest: R, carry: Vec<u8>, offset: u64, block_bytes: usize) -> Self {
        Self { rest, carry, offset, eof: false, block_bytes: block_bytes.max(1), spare: Vec::new() }
    }

    /// The next block; `None` at the end. A row longer than a block grows the block; the last block may
    /// end without a line break. `read` is told the bytes read from the stream.
    pub fn next_block(
        &mut self,
        path: &Path,
        read: &std::sync::atomic::AtomicU64,
    ) -> Result<Option<Block>, ImportError> {
        if self.eof && self.carry.is_empty() {
            return Ok(None);
        }
        let mut want = self.block_bytes;
        let (cut, line_breaks) = loop {
            if self.carry.len() < want && !self.eof {
                let before = self.carry.len();
                // Into room made beforehand: growing by doubling would copy the block again and again.
                self.carry.reserve_exact(want - before);
                let n = self
                    .rest
                    .by_ref()
                    .take((want - before) as u64)
                    .read_to_end(&mut self.carry)
                    .map_err(|e| ImportError::file(path, format!("cannot read: {e}")))?;
                self.eof = n == 0 || self.carry.len() < want;
                read.fetch_add(n as u64, Ordering::Relaxed);
            }
            if self.eof {
                break (self.carry.len(), memchr::memchr_iter(b'\n', &self.carry).count() as u64);
            }
            match last_row_end(&self.carry) {
                Some(end) => break end,
                None => want = want.saturating_mul(2),
            }
        };
        if cut == 0 {
            return Ok(None);
        }
        let mut next = self.spare.pop().unwrap_or_default();
        next.clear();
        next.extend_from_slice(self.carry.get(cut..).unwrap_or_default());
        self.carry.truncate(cut);
        let bytes = std::mem::replace(&mut self.carry, next);
        let offset = self.offset;
        self.offset += bytes.len() as u64;
        Ok(Some(Block { bytes, offset, line_breaks }))
    }

    /// A block's buffer, done with, to be filled again.
    pub fn give_back(&mut self, buffer: Vec<u8>) {
        if self.spare.len() < 4 {
            self.spare.push(buffer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_end_only_at_newlines_outside_quotes() {
        assert_eq!(last_row_end(b"a,b\nc,d\ne"), Some((8, 2)));
        assert_eq!(last_row_end(b"a,\"line\nbreak\"\nc,\"open\nx"), Some((15, 2)));
        assert_eq!(last_row_end(b"a,\"say \"\"hi\"\"\"\nb"), Some((15, 1)));
        assert_eq!(last_row_end(b"\"never closed\nstill open\n"), None);
        assert_eq!(last_row_end(b"no newline"), None);
    }

    #[test]
    fn blocks_end_at_row_ends_and_cover_the_stream() {
        let text = b"h\n1,\"a\nb\"\n2,x\n3,y";
        let read = std::sync::atomic::AtomicU64::new(0);
        let mut cut = Cutter::new(&text[2..], text[..2].to_vec(), 0, 3);
        let mut blocks = Vec::new();
        while let Some(b) = cut.next_block(Path::new("x.csv"), &read).unwrap() {
            let text = String::from_utf8(b.bytes.clone()).unwrap();
            assert_eq!(b.line_breaks, text.matches('\n').count() as u64, "{text:?}");
            blocks.push((text, b.offset));
            cut.give_back(b.bytes);
        }
        // Together the blocks are the stream; each starts where the last ended, and all but the last end
        // at a row end (never inside the quoted line break).
        let whole: String = blocks.iter().map(|(b, _)| b.as_str()).collect();
        assert_eq!(whole.as_bytes(), text);
        let mut at = 0;
        for (b, offset) in &blocks {
            assert_eq!(*offset, at);
            at += b.len() as u64;
        }
        assert_eq!(blocks[0].0, "h\n");
        assert!(blocks.iter().all(|(b, _)| !b.ends_with("\"a\n")));
        assert!(blocks.len() >= 3, "{blocks:?}");
        assert_eq!(read.into_inner(), text.len() as u64 - 2);
    }
}
