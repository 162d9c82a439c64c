//! Text held in columns: appended texts read back by index, and interned names read back by number. A
//! million rows cost one `String` a column, not one a cell.

/// Texts appended one after another, read back by index. A column whose texts are all empty (an ACLED
/// file has no display dates or links) holds no offsets at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextColumn {
    text: String,
    ends: Vec<u32>,
    len: usize,
}

/// Cuts `s` to at most `max` bytes on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

impl TextColumn {
    /// Appends one text (truncated at [`TextColumn::MAX_CELL_BYTES`], on a character boundary).
    pub fn push(&mut self, s: &str) {
        self.len += 1;
        if s.is_empty() && self.ends.is_empty() {
            return;
        }
        let s = cut(s, Self::MAX_CELL_BYTES);
        if self.ends.is_empty() {
            self.ends.resize(self.len - 1, 0);
        }
        // u32 offsets: a column stops growing at 4 GB (the file size limit is far below).
        if self.text.len() + s.len() < u32::MAX as usize {
            self.text.push_str(s);
        }
        self.ends.push(self.text.len() as u32);
    }

    /// The text at `i`, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Heap bytes allocated (capacities, not lengths).
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4
    }

    /// The texts in the order `order` gives (indices into this column).
    pub(super) fn permuted(&self, order: &[u32]) -> Self {
        if self.ends.is_empty() {
            return Self { len: order.len(), ..Self::default() };
        }
        let mut out = Self::default();
        for &i in order {
            out.push(self.get(i as usize));
        }
        out
    }

    /// Appends every text of `other`.
    pub(super) fn append(&mut self, other: &Self) {
        if self.ends.is_empty() && other.ends.is_empty() {
            self.len += other.len;
            return;
        }
        for i in 0..other.len() {
            self.push(other.get(i));
        }
    }

    /// Longer cells are cut: a card shows a few paragraphs, not a book.
    pub const MAX_CELL_BYTES: usize = 64 * 1024;
}

/// Strings stored once and named by number: categories, lanes, actors, repeated titles.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    names: Vec<String>,
    /// Only while loading: [`Interner::freeze`] drops it, and `intern` builds it again if ever needed.
    /// Fx hashing: a million lookups a file, of short trusted-enough keys (a hostile file can only slow
    /// its own load, never reach memory it should not).
    index: rustc_hash::FxHashMap<String, u32>,
}

impl PartialEq for Interner {
    fn eq(&self, other: &Self) -> bool {
        self.names == other.names
    }
}

impl Interner {
    /// The number of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if self.index.len() != self.names.len() {
            self.index = self.names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        }
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }

    /// True when `name` has a number.
    pub fn contains(&self, name: &str) -> bool {
        if self.index.len() == self.names.len() {
            self.index.contains_key(name)
        } else {
            self.names.iter().any(|n| n == name)
        }
    }

    /// Drops the lookup table once loading is over: a million unique titles would otherwise be held twice.
    pub fn freeze(&mut self) {
        self.index = rustc_hash::FxHashMap::default();
        self.names.shrink_to_fit();
    }

    /// Bytes held (names, and the table while loading).
    pub fn heap_bytes(&self) -> usize {
        let names: usize = self.names.iter().map(|n| n.capacity() + 24).sum();
        names * if self.index.is_empty() { 1 } else { 2 }
    }

    /// The name of number `i`, or "" for a number never given out.
    pub fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", String::as_str)
    }

    /// All names, by number.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A text column whose values repeat (ACLED's "Armed clash in Aleppo" a thousand times): a number a row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InternedText {
    pub(super) ids: Vec<u32>,
    /// The distinct texts.
    pub names: Interner,
}

impl InternedText {
    /// Appends one text (cut as [`TextColumn`] cuts).
    pub fn push(&mut self, s: &str) {
        let id = self.names.intern(cut(s, TextColumn::MAX_CELL_BYTES));
        self.ids.push(id);
    }

    /// The text at `i`, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        self.ids.get(i).map_or("", |&id| self.names.name(id))
    }

    /// The number in `names` of the text at `i`, or `None` past the end.
    pub fn id(&self, i: usize) -> Option<u32> {
        self.ids.get(i).copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Heap bytes allocated, the names included.
    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() * 4 + self.names.heap_bytes()
    }
}
