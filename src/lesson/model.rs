//! Lesson types and the edits the slide sorter makes. No egui here.

use serde::{Deserialize, Serialize};

use crate::annotate::Annotation;
use crate::model::filters::Filters;
use crate::model::geo::GeoBox;
use crate::model::search::Hit;

/// A lesson: a titled sequence of slides.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// Shown on the title slide and in the lesson list.
    pub title: String,
    /// A sentence or two for the teacher: what the lesson covers, for whom.
    #[serde(default)]
    pub description: String,
    /// The slides, in presentation order.
    #[serde(default)]
    pub slides: Vec<Slide>,
    /// The teacher's own data files the slides show (ACLED, TimelineJS, ...), relative to the lesson's
    /// folder, read again when the lesson opens.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<String>,
}

/// A web page a slide's caption comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Its address (http or https).
    pub url: String,
    /// What the page is.
    pub title: String,
}

impl From<&crate::model::dataset::Source> for Source {
    fn from(s: &crate::model::dataset::Source) -> Self {
        Self { url: s.url.clone(), title: s.title.clone() }
    }
}

/// What kind of record a slide selects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// An event.
    Event,
    /// An armed group.
    Group,
    /// A US position.
    Position,
    /// A protecting-power relation.
    Relation,
}

impl ItemKind {
    /// The word used in files and messages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Event => "event",
            Self::Group => "group",
            Self::Position => "position",
            Self::Relation => "relation",
        }
    }
}

/// The record a slide selects (shown in the details panel and highlighted on the map).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlideItem {
    pub kind: ItemKind,
    /// Its id in the dataset.
    pub id: String,
}

impl SlideItem {
    /// The search hit that selects the same record.
    pub fn to_hit(&self) -> Hit {
        let id = self.id.clone();
        match self.kind {
            ItemKind::Event => Hit::Event(id),
            ItemKind::Group => Hit::Group(id),
            ItemKind::Position => Hit::Position(id),
            ItemKind::Relation => Hit::Relation(id),
        }
    }

    /// The item a selected search hit stands for.
    pub fn from_hit(hit: &Hit) -> Self {
        let (kind, id) = match hit {
            Hit::Event(id) => (ItemKind::Event, id),
            Hit::Group(id) => (ItemKind::Group, id),
            Hit::Position(id) => (ItemKind::Position, id),
            Hit::Relation(id) => (ItemKind::Relation, id),
        };
        Self { kind, id: id.clone() }
    }
}

/// Autoplay time of a slide when the file does not say.
pub const DEFAULT_DURATION_S: f32 = 10.0;

fn yes() -> bool {
    true
}

fn default_duration() -> f32 {
    DEFAULT_DURATION_S
}

fn is_default_filters(f: &Filters) -> bool {
    f.is_default()
}

/// One slide: a moment (or a span) of the atlas, framed and explained.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slide {
    /// At most [`super::limits::MAX_TITLE_CHARS`] characters (checked when the file is read).
    pub title: String,
    /// A few lines of plain text shown under the map.
    #[serde(default)]
    pub caption: String,
    /// The map's date: `1953`, `1979-11` or `1979-11-04`, as in the dataset.
    pub date: String,
    /// A later date: the slide plays the timeline from `date` to this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub play_to: Option<String>,
    /// The part of the map shown; `None` is the default view fitted to Iran, Iraq, Syria and Yemen.
    #[serde(default)]
    pub view: Option<GeoBox>,
    /// Province borders shown; `true` when the file does not say.
    #[serde(default = "yes")]
    pub show_provinces: bool,
    /// City dots and names shown; `true` when the file does not say.
    #[serde(default = "yes")]
    pub show_cities: bool,
    /// What the slide filters and which content layers it shows; left out of the file when it is the default.
    #[serde(default, skip_serializing_if = "is_default_filters")]
    pub filters: Filters,
    /// The record shown in the details panel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<SlideItem>,
    /// Drawings on the map for this slide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// Seconds the slide stays (and its range plays) during autoplay.
    #[serde(default = "default_duration")]
    pub duration_s: f32,
    /// Pages the caption comes from; at most [`super::limits::MAX_SOURCES`] (checked when the file is read).
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A slide's date as a day number; a year outside the atlas's (`0000`) is an error, not a clamped 1953.
fn atlas_day(text: &str) -> Result<f64, String> {
    let date = crate::model::date::FuzzyDate::parse(text.trim()).and_then(crate::model::date::check_atlas_year)?;
    Ok(crate::time::day_from_date(date.first_day()))
}

impl Slide {
    /// A slide at `date` with everything else at its default: the regional view, provinces and cities on,
    /// no filters, nothing selected, no annotations and no sources yet.
    pub fn new(title: impl Into<String>, date: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            caption: String::new(),
            date: date.into(),
            play_to: None,
            view: None,
            show_provinces: true,
            show_cities: true,
            filters: Filters::default(),
            selected: None,
            annotations: Vec::new(),
            duration_s: DEFAULT_DURATION_S,
            sources: Vec::new(),
        }
    }

    /// The slide's date as a day number (the first day a coarse date means).
    pub fn day(&self) -> Result<f64, String> {
        atlas_day(&self.date)
    }

    /// The end of the range the slide plays, as a day number, if it plays one.
    pub fn play_to_day(&self) -> Result<Option<f64>, String> {
        self.play_to.as_deref().map(atlas_day).transpose()
    }
}

impl Lesson {
    /// An empty lesson with a title.
    pub fn new(title: impl Into<String>) -> Self {
        Self { title: title.into(), description: String::new(), slides: Vec::new(), data: Vec::new() }
    }

    /// Moves the slide at `from` so that it ends up at index `to`. Returns false (and changes nothing) when
    /// either index is out of range.
    pub fn move_slide(&mut self, from: usize, to: usize) -> bool {
        if from >= self.slides.len() || to >= self.slides.len() {
            return false;
        }
        let slide = self.slides.remove(from);
        self.slides.insert(to, slide);
        true
    }

    /// Inserts a copy of slide `i` right after it. Returns false when `i` is out of range.
    pub fn duplicate(&mut self, i: usize) -> bool {
        let Some(copy) = self.slides.get(i).cloned() else {
            return false;
        };
        self.slides.insert(i + 1, copy);
        true
    }

    /// Removes slide `i`. Returns false when `i` is out of range.
    pub fn remove(&mut self, i: usize) -> bool {
        if i >= self.slides.len() {
            return false;
        }
        self.slides.remove(i);
        true
    }

    /// Inserts `slide` at index `i` (`i == len` appends). Returns false, dropping the slide, when `i > len`.
    pub fn insert(&mut self, i: usize, slide: Slide) -> bool {
        if i > self.slides.len() {
            return false;
        }
        self.slides.insert(i, slide);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(titles: &[&str]) -> Lesson {
        Lesson { slides: titles.iter().map(|t| Slide::new(*t, "2000")).collect(), ..Lesson::new("L") }
    }

    fn titles(l: &Lesson) -> Vec<&str> {
        l.slides.iter().map(|s| s.title.as_str()).collect()
    }

    #[test]
    fn hit_round_trip() {
        for hit in
            [Hit::Event("e".into()), Hit::Group("g".into()), Hit::Position("p".into()), Hit::Relation("r".into())]
        {
            assert_eq!(SlideItem::from_hit(&hit).to_hit(), hit);
        }
        assert_eq!(SlideItem::from_hit(&Hit::Relation("x".into())).kind, ItemKind::Relation);
    }

    #[test]
    fn edits_and_out_of_range() {
        let mut l = lesson(&["a", "b", "c"]);
        assert!(l.move_slide(0, 2));
        assert_eq!(titles(&l), ["b", "c", "a"]);
        assert!(l.move_slide(2, 0));
        assert_eq!(titles(&l), ["a", "b", "c"]);
        assert!(!l.move_slide(3, 0));
        assert!(!l.move_slide(0, 3));
        assert!(l.duplicate(1));
        assert_eq!(titles(&l), ["a", "b", "b", "c"]);
        assert!(!l.duplicate(4));
        assert!(l.remove(0));
        assert!(!l.remove(3));
        assert_eq!(titles(&l), ["b", "b", "c"]);
        assert!(l.insert(3, Slide::new("d", "2001")));
        assert!(!l.insert(5, Slide::new("x", "2001")));
        assert_eq!(titles(&l), ["b", "b", "c", "d"]);
    }

    #[test]
    fn days_parse_the_dates() {
        let mut s = Slide::new("s", "1979-11-04");
        assert_eq!(s.day(), crate::time::parse_day("1979-11-04"));
        assert_eq!(s.play_to_day(), Ok(None));
        s.play_to = Some("1981-01-20".into());
        assert!(s.play_to_day().unwrap().unwrap() > s.day().unwrap());
        s.date = "1979-13".into();
        assert!(s.day().is_err());
        s.date = "0000".into();
        assert!(s.day().unwrap_err().contains("found 0000"));
    }

    #[test]
    fn defaults_fill_missing_fields_and_unknown_fields_are_refused() {
        let s: Slide = serde_json::from_str(r#"{"title":"t","date":"2020"}"#).unwrap();
        assert_eq!(s, Slide::new("t", "2020"));
        assert!(serde_json::from_str::<Slide>(r#"{"title":"t","date":"2020","colour":1}"#).is_err());
        let item: SlideItem = serde_json::from_str(r#"{"kind":"relation","id":"x"}"#).unwrap();
        assert_eq!(item.kind, ItemKind::Relation);
    }
}
