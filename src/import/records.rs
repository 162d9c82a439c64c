//! The records of one imported file, in columns: the hot fields (days, place, category, size) as flat
//! vectors that a frame can scan, the text in arenas (one `String` a field, not one a cell), so a million
//! ACLED rows cost tens of bytes each plus their text.

use super::dates::{DatePrecision, ImportDate};

/// Texts appended one after another, read back by index.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextColumn {
    text: String,
    ends: Vec<u32>,
}

impl TextColumn {
    /// Appends one text (truncated at [`TextColumn::MAX_CELL_BYTES`], on a character boundary).
    pub fn push(&mut self, s: &str) {
        let mut end = s.len().min(Self::MAX_CELL_BYTES);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        // u32 offsets: a column stops growing at 4 GB (the file size limit is far below).
        if self.text.len() + end < u32::MAX as usize {
            self.text.push_str(s.get(..end).unwrap_or_default());
        }
        self.ends.push(self.text.len() as u32);
    }

    /// The text at `i`, or "" past the end.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.text.get(start..end).unwrap_or_default()
    }

    /// How many texts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No texts.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4
    }

    /// Longer cells are cut: a card shows a few paragraphs, not a book.
    pub const MAX_CELL_BYTES: usize = 64 * 1024;
}

/// Strings stored once and named by number: categories, lanes, actors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Interner {
    names: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl Interner {
    /// The number of `name`, adding it if new.
    pub fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.index.insert(name.to_owned(), i);
        i
    }

    /// The name of number `i`.
    pub fn name(&self, i: u32) -> &str {
        self.names.get(i as usize).map_or("", String::as_str)
    }

    /// All names, by number.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// None yet.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// How precisely an imported record is placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlacePrecision {
    /// The place itself (ACLED geo_precision 1, UCDP where_prec 1).
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
    /// When it began.
    pub start: Option<ImportDate>,
    /// When it ended, if it lasted.
    pub end: Option<ImportDate>,
    /// The date as the file shows it to people (TimelineJS display_date), if it says.
    pub display_date: String,
    /// Where: lon, lat in degrees.
    pub at: Option<[f32; 2]>,
    /// How precisely.
    pub place_precision: Option<PlacePrecision>,
    /// Headline.
    pub title: String,
    /// Category (event type, group): a lane on the timeline and a facet.
    pub category: String,
    /// Deaths, where the format counts them.
    pub fatalities: Option<u32>,
    /// Actors (ACLED actor1/2, UCDP side_a/b).
    pub actors: Vec<String>,
    /// Other fields for the card, in the order of [`Records::field_names`].
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
    /// Last day, inclusive.
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
    /// Headlines.
    pub title: TextColumn,
    /// Display dates.
    pub display_date: TextColumn,
    /// Links.
    pub link: TextColumn,
    /// The card's other fields: name and column.
    pub fields: Vec<(String, TextColumn)>,
    /// Actor numbers of record `i`: `actor_ids[actor_ends[i-1]..actor_ends[i]]`.
    actor_ids: Vec<u32>,
    actor_ends: Vec<u32>,
    /// Category names.
    pub categories: Interner,
    /// Actor names.
    pub actors: Interner,
    /// Lines and areas, by record number (few files have them; points need none).
    pub shapes: Vec<(u32, Shape)>,
}

/// Categories past this many share the last one ("other"): lanes and legends stay readable.
pub const MAX_CATEGORIES: usize = 64;

impl Records {
    /// Empty columns for a format whose card shows these extra fields.
    pub fn with_fields(names: &[&str]) -> Self {
        Self { fields: names.iter().map(|n| ((*n).to_owned(), TextColumn::default())).collect(), ..Self::default() }
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.start_day.len()
    }

    /// None.
    pub fn is_empty(&self) -> bool {
        self.start_day.is_empty()
    }

    /// Adds a record; it must have a start date.
    pub fn push(&mut self, r: RecordIn) {
        let Some(start) = r.start else { return };
        let i = self.len() as u32;
        let end = r.end.map_or_else(|| super::dates::last_day(start), super::dates::last_day).max(start.day);
        self.start_day.push(start.day);
        self.end_day.push(end);
        self.precision.push(start.precision);
        let [lon, lat] = r.at.unwrap_or([f32::NAN, f32::NAN]);
        self.lon.push(lon);
        self.lat.push(lat);
        self.place_precision.push(r.place_precision.unwrap_or(PlacePrecision::Exact));
        let category = if self.categories.len() >= MAX_CATEGORIES && !self.categories.index.contains_key(&r.category) {
            self.categories.intern("other")
        } else {
            self.categories.intern(if r.category.is_empty() { "records" } else { &r.category })
        };
        self.category.push(category as u16);
        self.fatalities.push(r.fatalities.unwrap_or(0));
        self.title.push(&r.title);
        self.display_date.push(&r.display_date);
        self.link.push(&r.link);
        for (k, (_, col)) in self.fields.iter_mut().enumerate() {
            col.push(r.fields.get(k).map_or("", String::as_str));
        }
        for a in r.actors.iter().filter(|a| !a.trim().is_empty()) {
            let id = self.actors.intern(a.trim());
            self.actor_ids.push(id);
        }
        self.actor_ends.push(self.actor_ids.len() as u32);
        if let Some(shape) = r.shape {
            self.shapes.push((i, shape));
        }
    }

    /// The actor numbers of record `i`.
    pub fn actors_of(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.actor_ends.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.actor_ends.get(i).copied().unwrap_or(0) as usize;
        self.actor_ids.get(start..end).unwrap_or_default()
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
    pub fn sort_by_start(&mut self) {
        if self.start_day.windows(2).all(|w| w[0] <= w[1]) {
            return;
        }
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_by_key(|&i| self.start_day.get(i as usize).copied().unwrap_or(0));
        let pick = |v: &[i32]| order.iter().map(|&i| v.get(i as usize).copied().unwrap_or(0)).collect::<Vec<_>>();
        let pick_f =
            |v: &[f32]| order.iter().map(|&i| v.get(i as usize).copied().unwrap_or(f32::NAN)).collect::<Vec<_>>();
        let pick_t = |c: &TextColumn| {
            let mut out = TextColumn::default();
            for &i in &order {
                out.push(c.get(i as usize));
            }
            out
        };
        let start_day = pick(&self.start_day);
        let end_day = pick(&self.end_day);
        let precision = order.iter().filter_map(|&i| self.precision.get(i as usize).copied()).collect();
        let place_precision = order.iter().filter_map(|&i| self.place_precision.get(i as usize).copied()).collect();
        let category = order.iter().filter_map(|&i| self.category.get(i as usize).copied()).collect();
        let fatalities = order.iter().filter_map(|&i| self.fatalities.get(i as usize).copied()).collect();
        let (lon, lat) = (pick_f(&self.lon), pick_f(&self.lat));
        let (title, display_date, link) = (pick_t(&self.title), pick_t(&self.display_date), pick_t(&self.link));
        let fields = self.fields.iter().map(|(n, c)| (n.clone(), pick_t(c))).collect();
        let mut actor_ids = Vec::with_capacity(self.actor_ids.len());
        let mut actor_ends = Vec::with_capacity(self.actor_ends.len());
        for &i in &order {
            actor_ids.extend_from_slice(self.actors_of(i as usize));
            actor_ends.push(actor_ids.len() as u32);
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
        *self = Self {
            start_day,
            end_day,
            precision,
            lon,
            lat,
            place_precision,
            category,
            fatalities,
            title,
            display_date,
            link,
            fields,
            actor_ids,
            actor_ends,
            categories: std::mem::take(&mut self.categories),
            actors: std::mem::take(&mut self.actors),
            shapes: std::mem::take(&mut self.shapes),
        };
    }

    /// Records whose start falls in `[from_day, to_day]`, as an index range (the columns are sorted).
    pub fn starting_between(&self, from_day: i32, to_day: i32) -> std::ops::Range<usize> {
        let a = self.start_day.partition_point(|&d| d < from_day);
        let b = self.start_day.partition_point(|&d| d <= to_day);
        a..b.max(a)
    }

    /// Approximate bytes held, for the data-sources panel and the benchmark.
    pub fn heap_bytes(&self) -> usize {
        let fixed = self.len() * (4 + 4 + 1 + 4 + 4 + 1 + 2 + 4 + 4);
        let text = self.title.heap_bytes() + self.display_date.heap_bytes() + self.link.heap_bytes();
        fixed + text + self.fields.iter().map(|(_, c)| c.heap_bytes()).sum::<usize>() + self.actor_ids.len() * 4
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
