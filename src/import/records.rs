//! The records of one imported file, in columns: the hot fields (days, place, category, size) as flat
//! vectors that a frame can scan, the text in arenas (one `String` a field, not one a cell), so a million
//! ACLED rows cost tens of bytes each plus their text.

use super::dates::{DatePrecision, ImportDate};
pub use super::text_columns::{InternedText, Interner, TextColumn};

/// The actor numbers of record `i` in `ids`, cut at `ends` (a free function: the sort borrows the columns
/// one by one).
fn actors_in<'a>(ids: &'a [u32], ends: &[u32], i: usize) -> &'a [u32] {
    let start = if i == 0 { 0 } else { ends.get(i - 1).copied().unwrap_or(0) as usize };
    let end = ends.get(i).copied().unwrap_or(0) as usize;
    ids.get(start..end).unwrap_or_default()
}

/// Files with at least this many records permute their columns on two threads when sorted.
const PARALLEL_SORT_FROM: usize = 100_000;

/// Row numbers in start-day order, file order within a day. Days span a few thousand values in any real
/// file (ACLED's thirty years are 11,000 days), so a counting sort does it in two passes; a comparison sort
/// of a million rows was the largest part of a big load's single-threaded end.
fn day_order(days: &[i32]) -> Vec<u32> {
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else { return Vec::new() };
    let span = usize::try_from(i64::from(last) - i64::from(first) + 1).unwrap_or(usize::MAX);
    if span > days.len().max(1 << 16) * 4 {
        // (day, row) pairs are unique, so an unstable sort of them keeps file order within a day.
        let mut keyed: Vec<(i32, u32)> = days.iter().enumerate().map(|(i, &d)| (d, i as u32)).collect();
        keyed.sort_unstable();
        return keyed.into_iter().map(|(_, i)| i).collect();
    }
    let slot = |d: i32| (i64::from(d) - i64::from(first)) as usize;
    // `next[k]`: where the next row of day `first + k` goes.
    let mut next = vec![0u32; span + 1];
    for &d in days {
        if let Some(n) = next.get_mut(slot(d) + 1) {
            *n += 1;
        }
    }
    let mut total = 0;
    for n in &mut next {
        total += *n;
        *n = total;
    }
    let mut order = vec![0u32; days.len()];
    for (row, &d) in days.iter().enumerate() {
        if let Some(n) = next.get_mut(slot(d))
            && let Some(o) = order.get_mut(*n as usize)
        {
            *o = row as u32;
            *n += 1;
        }
    }
    order
}

/// How precisely an imported record is placed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlacePrecision {
    /// The place itself (ACLED geo_precision 1, UCDP where_prec 1).
    #[default]
    Exact,
    /// Near it, or a part of a region (ACLED 2, UCDP 2–3).
    Near,
    /// A province or larger region (ACLED 3, UCDP 4–5).
    Region,
    /// The country only (UCDP 6–7).
    Country,
}

impl PlacePrecision {
    /// For cards.
    pub fn label(self) -> &'static str {
        match self {
            Self::Exact => "exact place",
            Self::Near => "near the place",
            Self::Region => "somewhere in the region",
            Self::Country => "somewhere in the country",
        }
    }
}

/// A line or an area a record draws, in lon/lat degrees.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A path.
    Line(Vec<[f32; 2]>),
    /// Rings: the first outer, the rest holes (GeoJSON order).
    Area(Vec<Vec<[f32; 2]>>),
}

/// Everything read from one row or feature, before it goes into the columns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecordIn {
    /// `None` for a row with no readable date: [`Records::push`] drops such a record.
    pub start: Option<ImportDate>,
    /// `None` for a single date: the record then ends on the last day its start can mean.
    pub end: Option<ImportDate>,
    /// The date as the file shows it to people (TimelineJS display_date), if it says.
    pub display_date: String,
    /// Where: lon, lat in degrees.
    pub at: Option<[f32; 2]>,
    /// `None` when the format does not say; [`Records`] then stores `Exact`.
    pub place_precision: Option<PlacePrecision>,
    pub title: String,
    /// Category (event type, group): a lane on the timeline and a facet.
    pub category: String,
    /// Deaths, where the format counts them (`None` is stored as 0).
    pub fatalities: Option<u32>,
    /// Actors (ACLED actor1/2, UCDP side_a/b).
    pub actors: Vec<String>,
    /// Other fields for the card, in the order of the names in [`Records::fields`].
    pub fields: Vec<String>,
    /// A link to the record's media or source page (opened only on click).
    pub link: String,
    /// A line or area, when it is more than a point.
    pub shape: Option<Shape>,
}

/// The records of one file, in columns sorted by start day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// First day (days since 1950).
    pub start_day: Vec<i32>,
    /// Last day, inclusive, in the same day numbers; never before the start day.
    pub end_day: Vec<i32>,
    /// Precision of the start.
    pub precision: Vec<DatePrecision>,
    /// Longitude, NaN when the record has no place.
    pub lon: Vec<f32>,
    /// Latitude, NaN when the record has no place.
    pub lat: Vec<f32>,
    /// How precisely placed (`Exact` when the format does not say).
    pub place_precision: Vec<PlacePrecision>,
    /// Category number in [`Records::categories`].
    pub category: Vec<u16>,
    /// Deaths (0 where not counted).
    pub fatalities: Vec<u32>,
    pub title: InternedText,
    /// The date as the file shows it (TimelineJS `display_date`); empty where the file gives none.
    pub display_date: TextColumn,
    /// A link to the record's media or source page; empty where the file gives none.
    pub link: TextColumn,
    /// The card's other fields: name and column.
    pub fields: Vec<(String, TextColumn)>,
    /// Actor numbers of record `i`: `actor_ids[actor_ends[i-1]..actor_ends[i]]`.
    actor_ids: Vec<u32>,
    actor_ends: Vec<u32>,
    /// Category names, numbered as in `category`: at most [`MAX_CATEGORIES`], a blank category named "records".
    pub categories: Interner,
    /// Actor names, trimmed and without blanks, numbered as [`Records::actors_of`] returns them.
    pub actors: Interner,
    /// Lines and areas, by record number (few files have them; points need none).
    pub shapes: Vec<(u32, Shape)>,
    /// Where each record's row starts in its file, when the card's fields are read back from the file
    /// rather than held (big CSV files: ACLED's notes alone are 150 bytes a row); empty otherwise.
    pub row_offsets: Vec<u64>,
}

/// Categories past this many share the last one ("other"): lanes and legends stay readable.
pub const MAX_CATEGORIES: usize = 64;

impl Records {
    /// Empty columns for a format whose card shows these extra fields.
    pub fn with_fields(names: &[&str]) -> Self {
        Self { fields: names.iter().map(|n| ((*n).to_owned(), TextColumn::default())).collect(), ..Self::default() }
    }

    pub fn len(&self) -> usize {
        self.start_day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.start_day.is_empty()
    }

    /// Room for `rows` more records in the fixed-size columns (a block knows its line count, an upper bound on
    /// its rows): growing a dozen columns by doubling copied each of them a dozen times a block.
    pub fn reserve(&mut self, rows: usize, with_offsets: bool) {
        self.start_day.reserve(rows);
        self.end_day.reserve(rows);
        self.precision.reserve(rows);
        self.lon.reserve(rows);
        self.lat.reserve(rows);
        self.place_precision.reserve(rows);
        self.category.reserve(rows);
        self.fatalities.reserve(rows);
        self.title.ids.reserve(rows);
        self.actor_ends.reserve(rows);
        self.actor_ids.reserve(rows * 2);
        if with_offsets {
            self.row_offsets.reserve(rows);
        }
    }

    /// Adds a record; one without a start date is dropped without a word.
    pub fn push(&mut self, mut r: RecordIn) {
        let i = self.len() as u32;
        let shape = r.shape.take();
        self.push_ref(&r);
        if let Some(shape) = shape
            && self.len() as u32 > i
        {
            self.shapes.push((i, shape));
        }
    }

    /// [`Records::push`] for a record with no shape, borrowed: a big file's reader fills one record again
    /// and again instead of allocating a million (its shape, if any, is left out).
    pub fn push_ref(&mut self, r: &RecordIn) {
        let Some(start) = r.start else { return };
        let end = r.end.map_or_else(|| super::dates::last_day(start), super::dates::last_day).max(start.day);
        self.start_day.push(start.day);
        self.end_day.push(end);
        self.precision.push(start.precision);
        let [lon, lat] = r.at.unwrap_or([f32::NAN, f32::NAN]);
        self.lon.push(lon);
        self.lat.push(lat);
        self.place_precision.push(r.place_precision.unwrap_or(PlacePrecision::Exact));
        let category = self.category_number(&r.category);
        self.category.push(category);
        self.fatalities.push(r.fatalities.unwrap_or(0));
        self.title.push(&r.title);
        self.display_date.push(&r.display_date);
        self.link.push(&r.link);
        for (k, (_, col)) in self.fields.iter_mut().enumerate() {
            col.push(r.fields.get(k).map_or("", String::as_str));
        }
        for a in r.actors.iter().map(|a| super::csv_table::trim(a)).filter(|a| !a.is_empty()) {
            let id = self.actors.intern(a);
            self.actor_ids.push(id);
        }
        self.actor_ends.push(self.actor_ids.len() as u32);
    }

    /// The number of a category, "other" once there are [`MAX_CATEGORIES`].
    fn category_number(&mut self, name: &str) -> u16 {
        let name = if name.is_empty() { "records" } else { name };
        let n = if self.categories.len() >= MAX_CATEGORIES && !self.categories.contains(name) {
            self.categories.intern("other")
        } else {
            self.categories.intern(name)
        };
        n as u16
    }

    /// Adds a record read from the row starting at byte `offset` of its file (fields read back later).
    pub fn push_at(&mut self, r: &RecordIn, offset: u64) {
        if r.start.is_some() {
            self.row_offsets.push(offset);
            self.push_ref(r);
        }
    }

    /// Appends the records of `other` (read from a later part of the same file), renumbering its
    /// categories, actors and titles.
    pub fn append(&mut self, other: Self) {
        let base = self.len() as u32;
        let categories: Vec<u16> = other.categories.names().iter().map(|n| self.category_number(n)).collect();
        let actors: Vec<u32> = other.actors.names().iter().map(|n| self.actors.intern(n)).collect();
        let titles: Vec<u32> = other.title.names.names().iter().map(|n| self.title.names.intern(n)).collect();
        self.start_day.extend_from_slice(&other.start_day);
        self.end_day.extend_from_slice(&other.end_day);
        self.precision.extend_from_slice(&other.precision);
        self.lon.extend_from_slice(&other.lon);
        self.lat.extend_from_slice(&other.lat);
        self.place_precision.extend_from_slice(&other.place_precision);
        self.category.extend(other.category.iter().map(|&c| categories.get(c as usize).copied().unwrap_or(0)));
        self.fatalities.extend_from_slice(&other.fatalities);
        self.title.ids.extend(other.title.ids.iter().map(|&t| titles.get(t as usize).copied().unwrap_or(0)));
        self.display_date.append(&other.display_date);
        self.link.append(&other.link);
        for ((_, mine), (_, theirs)) in self.fields.iter_mut().zip(&other.fields) {
            mine.append(theirs);
        }
        let ends_base = self.actor_ids.len() as u32;
        self.actor_ids.extend(other.actor_ids.iter().map(|&a| actors.get(a as usize).copied().unwrap_or(0)));
        self.actor_ends.extend(other.actor_ends.iter().map(|&e| e + ends_base));
        self.shapes.extend(other.shapes.into_iter().map(|(i, s)| (i + base, s)));
        self.row_offsets.extend_from_slice(&other.row_offsets);
    }

    /// Drops what only loading needed.
    pub fn freeze(&mut self) {
        self.categories.freeze();
        self.actors.freeze();
        self.title.names.freeze();
    }

    /// The actor numbers of record `i`.
    pub fn actors_of(&self, i: usize) -> &[u32] {
        actors_in(&self.actor_ids, &self.actor_ends, i)
    }

    /// The record has a place on the map.
    pub fn has_place(&self, i: usize) -> bool {
        self.lon.get(i).is_some_and(|x| x.is_finite())
    }

    /// How many records have a place.
    pub fn with_place(&self) -> usize {
        self.lon.iter().filter(|x| x.is_finite()).count()
    }

    /// First start and last end, if any.
    pub fn day_range(&self) -> Option<(i32, i32)> {
        Some((*self.start_day.iter().min()?, *self.end_day.iter().max()?))
    }

    /// Sorts every column by start day (stable: file order within a day), so a time window is a slice.
    /// Column by column, so sorting a million rows holds one extra column at a time, not a second copy.
    pub fn sort_by_start(&mut self) {
        if self.start_day.windows(2).all(|w| w[0] <= w[1]) {
            return;
        }
        let order = day_order(&self.start_day);
        fn permute<T: Copy + Default>(v: &mut Vec<T>, order: &[u32]) {
            let out = order.iter().map(|&i| v.get(i as usize).copied().unwrap_or_default()).collect();
            *v = out;
        }
        // The columns are independent: two halves on two cores for a big file (in a browser, one after the
        // other on the page's thread).
        let big = order.len() >= PARALLEL_SORT_FROM;
        let mut first_half = || {
            permute(&mut self.start_day, &order);
            permute(&mut self.end_day, &order);
            permute(&mut self.precision, &order);
            permute(&mut self.lon, &order);
            permute(&mut self.lat, &order);
            permute(&mut self.place_precision, &order);
            self.display_date = self.display_date.permuted(&order);
            self.link = self.link.permuted(&order);
        };
        let mut second_half = || {
            permute(&mut self.category, &order);
            permute(&mut self.fatalities, &order);
            permute(&mut self.title.ids, &order);
            if !self.row_offsets.is_empty() {
                permute(&mut self.row_offsets, &order);
            }
            for (_, c) in &mut self.fields {
                *c = c.permuted(&order);
            }
            let mut actor_ids = Vec::with_capacity(self.actor_ids.len());
            let mut actor_ends = Vec::with_capacity(self.actor_ends.len());
            for &i in &order {
                actor_ids.extend_from_slice(actors_in(&self.actor_ids, &self.actor_ends, i as usize));
                actor_ends.push(actor_ids.len() as u32);
            }
            (self.actor_ids, self.actor_ends) = (actor_ids, actor_ends);
        };
        if big {
            rayon::join(first_half, second_half);
        } else {
            first_half();
            second_half();
        }
        let mut new_index = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            if let Some(slot) = new_index.get_mut(old as usize) {
                *slot = new as u32;
            }
        }
        for (rec, _) in &mut self.shapes {
            *rec = new_index.get(*rec as usize).copied().unwrap_or(*rec);
        }
        self.shapes.sort_by_key(|(r, _)| *r);
    }

    /// Records whose start falls in `[from_day, to_day]`, as an index range (the columns are sorted).
    pub fn starting_between(&self, from_day: i32, to_day: i32) -> std::ops::Range<usize> {
        let a = self.start_day.partition_point(|&d| d < from_day);
        let b = self.start_day.partition_point(|&d| d <= to_day);
        a..b.max(a)
    }

    /// Approximate bytes held, for the data-sources panel and the benchmark.
    pub fn heap_bytes(&self) -> usize {
        let fixed = self.len() * (4 + 4 + 1 + 4 + 4 + 1 + 2 + 4 + 4) + self.row_offsets.capacity() * 8;
        let text = self.title.heap_bytes() + self.display_date.heap_bytes() + self.link.heap_bytes();
        let names = self.categories.heap_bytes() + self.actors.heap_bytes();
        fixed + text + names + self.fields.iter().map(|(_, c)| c.heap_bytes()).sum::<usize>() + self.actor_ids.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(day: i32, title: &str, actors: &[&str]) -> RecordIn {
        RecordIn {
            start: Some(ImportDate { day, precision: DatePrecision::Day }),
            title: title.into(),
            actors: actors.iter().map(|a| (*a).to_owned()).collect(),
            fields: vec![format!("note of {title}")],
            ..RecordIn::default()
        }
    }

    #[test]
    fn columns_sort_by_day_and_keep_rows_together() {
        let mut r = Records::with_fields(&["notes"]);
        r.push(rec(30, "c", &["Houthis"]));
        r.push(rec(10, "a", &["Saudi coalition", "Houthis"]));
        r.push(RecordIn { shape: Some(Shape::Line(vec![[1.0, 2.0], [3.0, 4.0]])), ..rec(20, "b", &[]) });
        r.sort_by_start();
        assert_eq!(r.start_day, vec![10, 20, 30]);
        assert_eq!((r.title.get(0), r.title.get(1), r.title.get(2)), ("a", "b", "c"));
        assert_eq!(r.fields[0].1.get(2), "note of c");
        let names: Vec<&str> = r.actors_of(0).iter().map(|&a| r.actors.name(a)).collect();
        assert_eq!(names, ["Saudi coalition", "Houthis"]);
        assert!(r.actors_of(1).is_empty());
        assert_eq!(r.shapes[0].0, 1);
        assert_eq!(r.starting_between(15, 30), 1..3);
        assert_eq!(r.starting_between(31, 40), 3..3);
    }

    #[test]
    fn the_day_order_is_a_stable_sort_by_day_for_near_and_far_days() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as i32
        };
        let near: Vec<i32> = (0..5000).map(|_| next() % 300 - 150).collect();
        // Days far apart (year -9999 to 9999) take the comparison sort.
        let far: Vec<i32> = (0..5000).map(|k| if k % 2 == 0 { next() % 40 } else { i32::MAX - next() % 40 }).collect();
        for days in [near, far, vec![], vec![i32::MIN, i32::MAX, i32::MIN]] {
            let mut expected: Vec<u32> = (0..days.len() as u32).collect();
            expected.sort_by_key(|&i| days[i as usize]);
            assert_eq!(day_order(&days), expected);
        }
    }

    #[test]
    fn text_cells_are_cut_on_a_character_boundary() {
        let mut c = TextColumn::default();
        let long = "ب".repeat(TextColumn::MAX_CELL_BYTES);
        c.push(&long);
        c.push("x");
        assert!(c.get(0).len() <= TextColumn::MAX_CELL_BYTES && c.get(0).starts_with('ب'));
        assert_eq!(c.get(1), "x");
        assert_eq!(c.get(9), "");
    }

    #[test]
    fn categories_past_the_limit_become_other() {
        let mut r = Records::default();
        for i in 0..(MAX_CATEGORIES + 5) {
            r.push(RecordIn { category: format!("k{i}"), ..rec(i as i32, "t", &[]) });
        }
        assert_eq!(r.categories.len(), MAX_CATEGORIES + 1);
        assert_eq!(r.categories.name(u32::from(*r.category.last().unwrap())), "other");
    }
}
