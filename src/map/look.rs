//! What the map shows, apart from the data and the drawings: the date, the layers switched on, the filters,
//! the open card, the names and the palette. The window builds one from its state each frame it exports, a
//! slide turns into one, and an export or the command line draws one, so all of them show the same picture.

use crate::lesson::Slide;
use crate::model::filters::Filters;
use crate::model::search::Hit;
use crate::text::names::NameMode;
use crate::theme::ThemeChoice;
use crate::time::TimeControl;

/// The map's look at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLook {
    /// The date, as a day number.
    pub day: f64,
    /// Palette.
    pub theme: ThemeChoice,
    /// English, local or both names on labels.
    pub names: NameMode,
    /// Province layer on.
    pub show_provinces: bool,
    /// City layer on.
    pub show_cities: bool,
    /// What content is shown.
    pub filters: Filters,
    /// The open card: its event is marked, a relation's three states are highlighted.
    pub card: Option<Hit>,
    /// The selected country (ISO alpha-3).
    pub selected_country: Option<String>,
    /// The side panel lists only the protecting powers in force.
    pub relations_active_only: bool,
    /// Days the timeline shows: sets how long events stay on the map after they happen.
    pub timeline_span_days: f64,
}

impl Default for MapLook {
    /// What a fresh window shows (before any setting is changed), at day 0.
    fn default() -> Self {
        Self {
            day: 0.0,
            theme: ThemeChoice::default(),
            names: NameMode::default(),
            show_provinces: true,
            show_cities: true,
            filters: Filters::default(),
            card: None,
            selected_country: None,
            relations_active_only: false,
            timeline_span_days: 365.0,
        }
    }
}

impl MapLook {
    /// This look with a slide's date (kept within `time`'s range, as the window keeps it), layers, filters
    /// and open card; the palette, names and the rest stay.
    pub fn with_slide(mut self, slide: &Slide, time: &TimeControl) -> Self {
        if let Ok(day) = slide.day() {
            let mut time = time.clone();
            time.set_day(day);
            self.day = time.current_day;
        }
        self.show_provinces = slide.show_provinces;
        self.show_cities = slide.show_cities;
        self.filters = slide.filters.clone();
        self.card = slide.selected.as_ref().map(crate::lesson::SlideItem::to_hit);
        self
    }

    /// Writes this look's layers, filters and open card into `slide` (its date, view and words are the
    /// slide's own).
    pub fn keep_in_slide(&self, slide: &mut Slide) {
        slide.show_provinces = self.show_provinces;
        slide.show_cities = self.show_cities;
        slide.filters = self.filters.clone();
        slide.selected = self.card.as_ref().map(crate::lesson::SlideItem::from_hit);
    }

    /// The event whose card is open.
    pub fn selected_event(&self) -> Option<&str> {
        match &self.card {
            Some(Hit::Event(id)) => Some(id),
            _ => None,
        }
    }

    /// The relation whose card is open.
    pub fn selected_relation(&self) -> Option<&str> {
        match &self.card {
            Some(Hit::Relation(id)) => Some(id),
            _ => None,
        }
    }
}
