//! Finds where a value sits in JSON text, so that errors found after parsing (a bad date in feature 12)
//! can still point at a line and column in the file.
//!
//! A file with thousands of errors is located in one pass: a [`TextIndex`] remembers the line starts and
//! the children of every object and array it has walked through, so each error costs a few lookups instead
//! of a scan of the file from the start (which made 20,000 errors in a 1 MB file take minutes).

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// One step of a path into a JSON document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A key of an object.
    Key(&'a str),
    /// An index into an array.
    Index(usize),
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// The line and column where the value at `path` starts, or `None` when the path is not in the text
/// (or the text is not well-formed JSON along the way). Scans the text: for many lookups in one text use
/// a [`TextIndex`].
pub fn locate(text: &str, path: &[Seg<'_>]) -> Option<LineCol> {
    TextIndex::default().locate(text, path)
}

/// The 1-based line and column of a byte offset.
pub fn line_col_at(text: &str, offset: usize) -> LineCol {
    TextIndex::default().line_col_at(text, offset)
}

/// Lookups into one JSON text, each after the first cheap. It does not hold the text (so it can live beside
/// it): pass the same text to every call; a text of another length resets it.
#[derive(Debug, Default)]
pub struct TextIndex {
    // A mutex, not a cell: records of one file are read on several threads (`load::for_each_feature_par`).
    cache: Mutex<Cache>,
}

impl Clone for TextIndex {
    fn clone(&self) -> Self {
        Self { cache: Mutex::new(self.cache.lock().unwrap_or_else(PoisonError::into_inner).clone()) }
    }
}

#[derive(Clone, Debug, Default)]
struct Cache {
    text_len: usize,
    /// Byte offset of every line start.
    line_starts: Option<Vec<usize>>,
    /// Characters before each [`BLOCK`]-byte block (for columns in long lines).
    chars_before_block: Option<Vec<usize>>,
    /// The children of each container walked through, by the byte offset of its opening bracket.
    containers: HashMap<usize, Children>,
}

#[derive(Clone, Debug)]
enum Children {
    /// Each key's first occurrence and its value's offset.
    Object(HashMap<String, usize>),
    /// Each element's offset.
    Array(Vec<usize>),
    /// Not a container, or not well-formed.
    None,
}

/// Bytes per block of the column table.
const BLOCK: usize = 4096;

impl TextIndex {
    /// The line and column where the value at `path` starts (see [`locate`]).
    pub fn locate(&self, text: &str, path: &[Seg<'_>]) -> Option<LineCol> {
        let offset = self.offset(text, path)?;
        Some(self.line_col_at(text, offset))
    }

    /// The byte offset where the value at `path` starts.
    pub fn offset(&self, text: &str, path: &[Seg<'_>]) -> Option<usize> {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.reset_for(text);
        let bytes = text.as_bytes();
        let mut s = Scanner { bytes, pos: 0 };
        s.ws();
        let mut pos = s.pos;
        for seg in path {
            let children = cache.containers.entry(pos).or_insert_with(|| Scanner { bytes, pos }.children());
            pos = match (seg, children) {
                (Seg::Key(key), Children::Object(keys)) => *keys.get(*key)?,
                (Seg::Index(i), Children::Array(items)) => *items.get(*i)?,
                _ => return None,
            };
        }
        Some(pos)
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col_at(&self, text: &str, offset: usize) -> LineCol {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        cache.reset_for(text);
        let bytes = text.as_bytes();
        let offset = offset.min(bytes.len());
        let starts = cache.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1))
                .collect()
        });
        let line = starts.partition_point(|&s| s <= offset).max(1);
        let line_start = starts.get(line - 1).copied().unwrap_or(0);
        if offset - line_start < BLOCK {
            let column = bytes.get(line_start..offset).map_or(0, char_starts) + 1;
            return LineCol { line, column };
        }
        // A long line (minified JSON): count through the table of characters per block.
        let blocks = cache.chars_before_block.get_or_insert_with(|| {
            let mut total = 0;
            let mut out = vec![0];
            for chunk in bytes.chunks(BLOCK) {
                total += char_starts(chunk);
                out.push(total);
            }
            out
        });
        let chars_before = |b: usize| {
            let block = b / BLOCK;
            blocks.get(block).copied().unwrap_or(0) + bytes.get(block * BLOCK..b).map_or(0, char_starts)
        };
        LineCol { line, column: chars_before(offset) - chars_before(line_start) + 1 }
    }
}

/// The number of characters that start in `bytes` (every byte that is not a UTF-8 continuation byte).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl Cache {
    fn reset_for(&mut self, text: &str) {
        if self.text_len != text.len() {
            *self = Self { text_len: text.len(), ..Self::default() };
        }
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.ws();
        (self.peek()? == b).then(|| self.pos += 1)
    }

    /// Reads a string token and returns its decoded text.
    fn string(&mut self) -> Option<String> {
        self.ws();
        let start = self.pos;
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let raw = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        serde_json::from_str(raw).ok()
    }

    fn skip_value(&mut self) -> Option<()> {
        self.ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => {
                self.pos += 1;
                self.ws();
                if self.peek()? == b'}' {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.string()?;
                    self.eat(b':')?;
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b'}' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b'[' => {
                self.pos += 1;
                self.ws();
                if self.peek()? == b']' {
                    self.pos += 1;
                    return Some(());
                }
                loop {
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.pos += 1,
                        b']' => {
                            self.pos += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            _ => {
                // number, true, false, null
                while matches!(self.peek(), Some(c) if !matches!(c, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
                {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }

    /// At the start of a value: the offsets of its children (each container is read once).
    fn children(&mut self) -> Children {
        self.ws();
        match self.peek() {
            Some(b'{') => self.object_children().map_or(Children::None, Children::Object),
            Some(b'[') => self.array_children().map_or(Children::None, Children::Array),
            _ => Children::None,
        }
    }

    fn object_children(&mut self) -> Option<HashMap<String, usize>> {
        let mut keys = HashMap::new();
        self.members(b'}', |s| {
            let key = s.string()?;
            s.eat(b':')?;
            s.ws();
            keys.entry(key).or_insert(s.pos);
            Some(())
        })?;
        Some(keys)
    }

    fn array_children(&mut self) -> Option<Vec<usize>> {
        let mut items = Vec::new();
        self.members(b']', |s| {
            items.push(s.pos);
            Some(())
        })?;
        Some(items)
    }

    /// At an opening bracket: for each member, runs `start` (which reads up to the member's value), then
    /// skips the value. A value that does not end keeps the members found so far.
    fn members(&mut self, close: u8, mut start: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.pos += 1;
        self.ws();
        if self.peek()? == close {
            return Some(());
        }
        loop {
            self.ws();
            start(self)?;
            if self.skip_value().is_none() {
                return Some(());
            }
            self.ws();
            if self.peek() != Some(b',') {
                return Some(());
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": 1,\n  \"features\": [\n    {\"id\": \"x\", \"p\": {\"date\": \"19x\"}},\n    {\"id\": \"é\", \"p\": {\"date\": \"2020\"}}\n  ]\n}";

    #[test]
    fn finds_nested_keys_and_indices() {
        let at = locate(DOC, &[Seg::Key("features"), Seg::Index(1), Seg::Key("p"), Seg::Key("date")]);
        // Columns count characters: the two-byte é counts once.
        assert_eq!(at, Some(LineCol { line: 5, column: 31 }));
        let first = locate(DOC, &[Seg::Key("features"), Seg::Index(0)]);
        assert_eq!(first, Some(LineCol { line: 4, column: 5 }));
    }

    #[test]
    fn missing_path_is_none() {
        assert_eq!(locate(DOC, &[Seg::Key("nope")]), None);
        assert_eq!(locate(DOC, &[Seg::Key("features"), Seg::Index(7)]), None);
        assert_eq!(locate("{\"a\": [1, 2", &[Seg::Key("a"), Seg::Index(5)]), None);
    }

    #[test]
    fn escaped_quotes_in_strings_do_not_confuse_it() {
        let doc = r#"{"k\"ey": "va\"l", "b": [true, null, {"c": 2}]}"#;
        assert_eq!(locate(doc, &[Seg::Key("b"), Seg::Index(2), Seg::Key("c")]), Some(LineCol { line: 1, column: 44 }));
    }

    #[test]
    fn an_index_gives_the_same_answers_as_a_fresh_scan() {
        let index = TextIndex::default();
        let paths: [&[Seg<'_>]; 4] = [
            &[Seg::Key("features"), Seg::Index(1), Seg::Key("p"), Seg::Key("date")],
            &[Seg::Key("features"), Seg::Index(0)],
            &[Seg::Key("a")],
            &[Seg::Key("features"), Seg::Index(9)],
        ];
        for _ in 0..2 {
            for path in paths {
                assert_eq!(index.locate(DOC, path), locate(DOC, path), "{path:?}");
            }
        }
        // Another text resets it.
        assert_eq!(
            index.locate("[0, {\"a\": 1}]", &[Seg::Index(1), Seg::Key("a")]),
            Some(LineCol { line: 1, column: 11 })
        );
    }

    #[test]
    fn columns_count_characters_in_long_lines() {
        // One line longer than a block, with two-byte characters before the value.
        let text = format!("{{\"pad\": \"{}\", \"v\": 1}}", "é".repeat(5000));
        let at = TextIndex::default().locate(&text, &[Seg::Key("v")]).unwrap();
        assert_eq!(at, LineCol { line: 1, column: 9 + 5000 + 3 + 5 + 1 });
        assert_eq!(line_col_at("a\nbc", 4), LineCol { line: 2, column: 3 });
        assert_eq!(line_col_at("a\nbc", 99), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn twenty_thousand_lookups_in_a_megabyte_take_well_under_a_second() {
        let features: Vec<String> =
            (0..20_000).map(|i| format!("{{\"type\": \"Feature\", \"properties\": {{\"date\": \"x{i}\"}}}}")).collect();
        let text = format!("{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}", features.join(",\n"));
        assert!(text.len() > 1_000_000);
        let index = TextIndex::default();
        let started = std::time::Instant::now();
        for i in (0..20_000).rev() {
            let at =
                index.locate(&text, &[Seg::Key("features"), Seg::Index(i), Seg::Key("properties"), Seg::Key("date")]);
            assert_eq!(at.map(|lc| lc.line), Some(i + 2));
        }
        // A scan per lookup took minutes; this takes about a second in a debug build, well below the bound
        // even on a loaded machine.
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    }
}
