//! The dated content on the map: events near the current date (fading with age), armed groups' areas
//! while active, US positions open or closed. Indexed by time once, so a frame touches only what is
//! visible at the current date.

use egui::epaint::{Mesh, PathStroke};
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use crate::model::dataset::{Dataset, EventKind};
use crate::model::{Area, AreaRole};
use crate::theme::{self, MapPalette};
use crate::time::{SpanIndex, span_days};

use super::geometry::PreparedLayer;
use super::projection::{Projector, map_from_geo};
use super::scene::{push_area_fill, push_area_outline};

/// How events are grouped for markers, lanes and the legend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventGroup {
    /// Wars, battles, strikes, attacks, hostage takings.
    Violence,
    /// Coups, revolutions, protests, domestic politics.
    Politics,
    /// Diplomacy, agreements, sanctions, nuclear programme.
    Diplomacy,
    /// Disasters, shoot-downs, stampedes.
    Disaster,
}

impl EventGroup {
    /// Every group, in legend order.
    pub const ALL: [Self; 4] = [Self::Violence, Self::Politics, Self::Diplomacy, Self::Disaster];

    /// The group of an event kind.
    pub fn of(kind: EventKind) -> Self {
        match kind {
            EventKind::War | EventKind::Battle | EventKind::Strike | EventKind::Attack | EventKind::Hostage => {
                Self::Violence
            }
            EventKind::Coup | EventKind::Revolution | EventKind::Protest | EventKind::Politics => Self::Politics,
            EventKind::Diplomacy | EventKind::Agreement | EventKind::Sanctions | EventKind::Nuclear => Self::Diplomacy,
            EventKind::Disaster => Self::Disaster,
        }
    }

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Violence => "War, strikes and attacks",
            Self::Politics => "Revolution, coups and protest",
            Self::Diplomacy => "Diplomacy, deals and sanctions",
            Self::Disaster => "Disasters",
        }
    }
}

/// How a group is styled: by who backs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backing {
    /// Backed by Iran.
    Iran,
    /// Backed by the United States.
    UnitedStates,
    /// Other state backing.
    Other,
    /// No state backer (ISIS).
    None,
}

impl Backing {
    /// Every style, in legend order.
    pub const ALL: [Self; 4] = [Self::Iran, Self::UnitedStates, Self::Other, Self::None];

    /// The style of a backer list.
    pub fn of(backing: &[String]) -> Self {
        if backing.iter().any(|b| b == "IRN") {
            Self::Iran
        } else if backing.iter().any(|b| b == "USA") {
            Self::UnitedStates
        } else if backing.is_empty() {
            Self::None
        } else {
            Self::Other
        }
    }

    /// Legend text.
    pub fn label(self) -> &'static str {
        match self {
            Self::Iran => "Armed group backed by Iran",
            Self::UnitedStates => "Armed group backed by the US",
            Self::Other => "Armed group, other backing",
            Self::None => "Armed group, no state backer",
        }
    }
}

/// Time index and geometry of the dataset, built once per dataset.
#[derive(Clone, Debug, Default)]
pub struct ContentIndex {
    /// Events by span (index = position in `Dataset::events`).
    pub events: SpanIndex,
    /// Each event's (start, end exclusive) day numbers.
    pub event_days: Vec<(f64, f64)>,
    /// Start days of all events, sorted (for stepping).
    pub event_starts: Vec<f64>,
    /// Each group's active spans in day numbers.
    pub group_days: Vec<Vec<(f64, f64)>>,
    /// Each position's open spans in day numbers.
    pub position_days: Vec<Vec<(f64, f64)>>,
    /// Each relation's span in day numbers.
    pub relation_days: Vec<(f64, f64)>,
    /// Groups' areas, triangulated (aligned with `Dataset::groups`).
    pub group_areas: PreparedLayer,
}

impl ContentIndex {
    /// Indexes a dataset; `today` closes open spans.
    pub fn build(d: &Dataset, today: f64) -> Self {
        let event_days: Vec<(f64, f64)> = d.events.iter().map(|e| span_days(e.span(), today)).collect();
        let events = SpanIndex::new(event_days.iter().copied());
        let event_starts = events.starts();
        let group_days = d.groups.iter().map(|g| g.active.iter().map(|s| span_days(*s, today)).collect()).collect();
        let position_days =
            d.positions.iter().map(|p| p.spans.iter().map(|s| span_days(*s, today)).collect()).collect();
        let relation_days = d.relations.iter().map(|r| span_days(r.span, today)).collect();
        let areas: Vec<Area> = d
            .groups
            .iter()
            .map(|g| Area {
                id: g.id.clone(),
                name: g.name.clone(),
                local_name: None,
                role: AreaRole::Context,
                country: None,
                polygons: g.area.clone(),
            })
            .collect();
        Self {
            events,
            event_days,
            event_starts,
            group_days,
            position_days,
            relation_days,
            group_areas: PreparedLayer::build(&areas),
        }
    }

    /// How long an event stays highlighted after it ends, for a timeline showing `visible_span_days`:
    /// a fiftieth of what the timeline shows, between one day and two years.
    pub fn fade_window_days(visible_span_days: f64) -> f64 {
        (visible_span_days / 50.0).clamp(1.0, 730.0)
    }

    /// Events highlighted at `day`, with their strength (1 while happening, fading to 0 over `window`).
    pub fn events_at(&self, day: f64, window_days: f64) -> Vec<(usize, f32)> {
        self.events
            .overlapping(day - window_days, day + 1.0)
            .filter_map(|i| {
                let &(start, end) = self.event_days.get(i)?;
                if day < start {
                    return None;
                }
                let strength = if day < end { 1.0 } else { 1.0 - (day - end) / window_days };
                (strength > 0.0).then_some((i, strength as f32))
            })
            .collect()
    }

    /// The day spans of an item (an event's or relation's single span, a group's or position's list).
    pub fn spans_of(&self, d: &Dataset, hit: &crate::model::search::Hit) -> Vec<(f64, f64)> {
        use crate::model::search::Hit;
        match hit {
            Hit::Event(id) => d
                .events
                .iter()
                .position(|e| &e.id == id)
                .and_then(|i| self.event_days.get(i).copied())
                .into_iter()
                .collect(),
            Hit::Group(id) => d
                .groups
                .iter()
                .position(|g| &g.id == id)
                .and_then(|i| self.group_days.get(i).cloned())
                .unwrap_or_default(),
            Hit::Position(id) => d
                .positions
                .iter()
                .position(|p| &p.id == id)
                .and_then(|i| self.position_days.get(i).cloned())
                .unwrap_or_default(),
            Hit::Relation(id) => d
                .relations
                .iter()
                .position(|r| &r.id == id)
                .and_then(|i| self.relation_days.get(i).copied())
                .into_iter()
                .collect(),
        }
    }

    /// True when group `i` is active on `day`.
    pub fn group_active(&self, i: usize, day: f64) -> bool {
        self.group_days.get(i).is_some_and(|spans| spans.iter().any(|&(s, e)| s <= day && day < e))
    }

    /// True when position `i` is open on `day`.
    pub fn position_open(&self, i: usize, day: f64) -> bool {
        self.position_days.get(i).is_some_and(|spans| spans.iter().any(|&(s, e)| s <= day && day < e))
    }

    /// True when relation `i` is in force on `day`.
    pub fn relation_active(&self, i: usize, day: f64) -> bool {
        self.relation_days.get(i).is_some_and(|&(s, e)| s <= day && day < e)
    }
}

/// What the content overlay draws this frame.
pub struct ContentInputs<'a> {
    /// The dataset.
    pub dataset: &'a Dataset,
    /// Its index.
    pub index: &'a ContentIndex,
    /// The current day number.
    pub day: f64,
    /// How long events stay highlighted after they end.
    pub window_days: f64,
    /// Selected event id.
    pub selected_event: Option<&'a str>,
    /// What to show.
    pub filters: &'a crate::model::filters::Filters,
    /// Colours.
    pub palette: &'a MapPalette,
}

/// A marker drawn this frame, for hit-testing.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// What it is.
    pub item: MarkerItem,
    /// Where on screen.
    pub pos: Pos2,
}

/// What a marker stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum MarkerItem {
    /// An event (index into `Dataset::events`).
    Event(usize),
    /// A US position (index into `Dataset::positions`).
    Position(usize),
}

/// Draws groups' areas, positions and events for the current day; returns the markers drawn (events last,
/// so they are found first when hit-testing from the end).
pub fn content_ui(painter: &Painter, p: &Projector, inputs: &ContentInputs<'_>) -> Vec<Marker> {
    let ContentInputs { dataset, index, day, window_days, selected_event, filters, palette } = *inputs;
    let view = p.screen_rect;
    let mut markers = Vec::new();

    let mut areas = Mesh::default();
    for (i, g) in dataset.groups.iter().enumerate() {
        if !filters.show_groups
            || !index.group_active(i, day)
            || index.group_areas.areas.get(i).is_none_or(|a| !a.bbox.intersects(&p.visible_map_rect()))
        {
            continue;
        }
        let (fill, edge) = theme::group_colors(Backing::of(&g.backing));
        push_area_fill(&mut areas, &index.group_areas, i, p, fill, view);
        push_area_outline(&mut areas, &index.group_areas, i, p, &PathStroke::new(1.5, edge), 1.0, view);
    }
    painter.add(Shape::mesh(areas));

    for (i, pos) in dataset.positions.iter().enumerate() {
        let at = p.screen_from_map(map_from_geo(pos.at));
        if !filters.show_positions || !view.contains(at) {
            continue;
        }
        let open = index.position_open(i, day);
        let r = Rect::from_center_size(at, Vec2::splat(theme::size::POSITION_MARKER));
        if open {
            painter.rect_filled(r, 1.0, theme::POSITION_OPEN);
            painter.rect_stroke(r, 1.0, Stroke::new(1.5, palette.label_halo), egui::StrokeKind::Outside);
        } else {
            painter.rect_stroke(r, 1.0, Stroke::new(1.5, theme::POSITION_CLOSED), egui::StrokeKind::Inside);
        }
        markers.push(Marker { item: MarkerItem::Position(i), pos: at });
    }

    let mut events = index.events_at(day, window_days);
    // Weakest first, so the freshest draw on top.
    events.sort_by(|a, b| a.1.total_cmp(&b.1));
    for (i, strength) in events {
        let Some(e) = dataset.events.get(i).filter(|e| filters.shows_event(e)) else { continue };
        let Some(g) = e.at else { continue };
        let at = p.screen_from_map(map_from_geo(g));
        if !view.contains(at) {
            continue;
        }
        let group = EventGroup::of(e.kind);
        let radius =
            theme::size::EVENT_MARKER_MIN + (theme::size::EVENT_MARKER_MAX - theme::size::EVENT_MARKER_MIN) * strength;
        let color = theme::event_color(group).gamma_multiply(0.35 + 0.65 * strength);
        event_marker(painter, at, radius, group, color, palette.label_halo);
        if selected_event == Some(e.id.as_str()) {
            painter.circle_stroke(at, radius + 5.0, Stroke::new(3.0, palette.selected_stroke));
        }
        markers.push(Marker { item: MarkerItem::Event(i), pos: at });
    }
    markers
}

/// Draws one event marker: shape by group (circle, square, diamond, triangle), so colour is not the only cue.
pub fn event_marker(painter: &Painter, at: Pos2, radius: f32, group: EventGroup, fill: Color32, outline: Color32) {
    let stroke = Stroke::new(1.5, outline);
    match group {
        EventGroup::Violence => {
            painter.circle(at, radius, fill, stroke);
        }
        EventGroup::Politics => {
            painter.rect(
                Rect::from_center_size(at, Vec2::splat(radius * 1.8)),
                1.0,
                fill,
                stroke,
                egui::StrokeKind::Outside,
            );
        }
        EventGroup::Diplomacy => {
            let r = radius * 1.3;
            let pts =
                vec![at + Vec2::new(0.0, -r), at + Vec2::new(r, 0.0), at + Vec2::new(0.0, r), at + Vec2::new(-r, 0.0)];
            painter.add(Shape::convex_polygon(pts, fill, stroke));
        }
        EventGroup::Disaster => {
            let r = radius * 1.35;
            let pts =
                vec![at + Vec2::new(0.0, -r), at + Vec2::new(r * 0.9, r * 0.7), at + Vec2::new(-r * 0.9, r * 0.7)];
            painter.add(Shape::convex_polygon(pts, fill, stroke));
        }
    }
}

/// The marker nearest to `pointer` within `max_distance` points, preferring events.
pub fn marker_at(markers: &[Marker], pointer: Pos2, max_distance: f32) -> Option<&Marker> {
    markers
        .iter()
        .rev()
        .filter(|m| m.pos.distance(pointer) <= max_distance)
        .min_by(|a, b| a.pos.distance(pointer).total_cmp(&b.pos.distance(pointer)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_day;

    #[test]
    fn events_fade_after_they_end_and_are_not_shown_before() {
        let d = crate::model::bundled::dataset(&crate::model::bundled::atlas().unwrap()).unwrap();
        let index = ContentIndex::build(&d, parse_day("2026-11-21").unwrap());
        let soleimani = d.events.iter().position(|e| e.id == "soleimani-killed-2020").unwrap();
        let on = index.events_at(parse_day("2020-01-03").unwrap(), 10.0);
        assert!(on.iter().any(|&(i, s)| i == soleimani && s == 1.0));
        let later = index.events_at(parse_day("2020-01-08").unwrap(), 10.0);
        let s = later.iter().find(|&&(i, _)| i == soleimani).map(|&(_, s)| s).unwrap();
        assert!(s > 0.0 && s < 1.0, "fading: {s}");
        assert!(!index.events_at(parse_day("2019-06-01").unwrap(), 10.0).iter().any(|&(i, _)| i == soleimani));
        assert!(!index.events_at(parse_day("2020-02-01").unwrap(), 10.0).iter().any(|&(i, _)| i == soleimani));
    }

    #[test]
    fn groups_and_positions_follow_their_spans() {
        let d = crate::model::bundled::dataset(&crate::model::bundled::atlas().unwrap()).unwrap();
        let index = ContentIndex::build(&d, parse_day("2026-11-21").unwrap());
        let isis = d.groups.iter().position(|g| g.id == "isis").unwrap();
        assert!(index.group_active(isis, parse_day("2015-06-01").unwrap()));
        assert!(!index.group_active(isis, parse_day("1990-01-01").unwrap()));
        let k1 = d.positions.iter().position(|p| p.name.contains("K-1")).unwrap();
        assert!(index.position_open(k1, parse_day("2019-12-27").unwrap()));
        assert!(!index.position_open(k1, parse_day("2021-01-01").unwrap()));
        assert_eq!(Backing::of(&["IRN".into()]), Backing::Iran);
        assert_eq!(Backing::of(&[]), Backing::None);
    }

    #[test]
    fn fade_window_follows_timeline_zoom() {
        assert_eq!(ContentIndex::fade_window_days(10.0), 1.0);
        assert!(ContentIndex::fade_window_days(27_000.0) > 365.0);
    }
}
