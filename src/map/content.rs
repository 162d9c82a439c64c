//! The dated content on the map: events near the current date (fading with age), armed groups' areas in
//! the periods sources place them there, US positions from their first opening (open, closed, or faded
//! while a coarse date leaves it uncertain). Indexed by time once, so a frame touches only what is
//! visible at the current date.

use egui::epaint::{Mesh, PathStroke};
use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use crate::model::dataset::{Dataset, EventKind, PositionRole};
use crate::model::date::{Presence, Span, presence_in};
use crate::model::{Area, AreaRole};
use crate::theme::{self, MapPalette};
use crate::time::{SpanIndex, date_from_day, span_days};

use super::area_mesh::{push_area_fill, push_area_outline};
use super::geometry::PreparedLayer;
use super::projection::{Projector, map_from_geo};
use super::record_tag::Tagger;

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

    /// Its colour on the map, the timeline and the legend.
    pub fn color(self) -> egui::Color32 {
        match self {
            Self::Violence => theme::EVENT_VIOLENCE,
            Self::Politics => theme::EVENT_POLITICS,
            Self::Diplomacy => theme::EVENT_DIPLOMACY,
            Self::Disaster => theme::EVENT_DISASTER,
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

    /// Fill and edge of an area of a group with this backing.
    pub fn colors(self) -> (egui::Color32, egui::Color32) {
        theme::group_area_colors(match self {
            Self::Iran => theme::BACKED_BY_IRAN,
            Self::UnitedStates => theme::BACKED_BY_US,
            Self::Other => theme::BACKED_BY_OTHER,
            Self::None => theme::BACKED_BY_NONE,
        })
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
    /// Each position's spans, for its presence on a day.
    pub position_spans: Vec<Vec<Span>>,
    /// Each relation's span in day numbers.
    pub relation_days: Vec<(f64, f64)>,
    /// Each relation's title ([`Dataset::relation_title`]): the timeline and the in-force strip name them
    /// every frame.
    pub relation_titles: Vec<String>,
    /// Every group's dated areas, triangulated, group by group in dataset order.
    pub group_areas: PreparedLayer,
    /// For each entry of `group_areas`: the group's index and the area's period.
    pub group_area_spans: Vec<(usize, Span)>,
    /// The day number that closes open spans.
    pub today: f64,
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
        let mut areas = Vec::new();
        let mut group_area_spans = Vec::new();
        for (i, g) in d.groups.iter().enumerate() {
            for a in &g.areas {
                areas.push(Area {
                    id: g.id.clone(),
                    name: g.name.clone(),
                    local_name: None,
                    role: AreaRole::Context,
                    country: None,
                    polygons: a.polygons.clone(),
                });
                group_area_spans.push((i, a.span));
            }
        }
        Self {
            events,
            event_days,
            event_starts,
            group_days,
            position_days,
            position_spans: d.positions.iter().map(|p| p.spans.clone()).collect(),
            relation_days,
            relation_titles: d.relations.iter().map(|r| d.relation_title(r)).collect(),
            group_areas: PreparedLayer::build(&areas),
            group_area_spans,
            today,
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
            // A group's areas where it has any: going to a group shows it on the ground.
            Hit::Group(id) => d
                .groups
                .iter()
                .position(|g| &g.id == id)
                .map(|i| {
                    let areas: Vec<(f64, f64)> = self
                        .group_area_spans
                        .iter()
                        .filter(|(g, _)| *g == i)
                        .map(|(_, span)| span_days(*span, self.today))
                        .collect();
                    if areas.is_empty() { self.group_days.get(i).cloned().unwrap_or_default() } else { areas }
                })
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

    /// Whether position `i` is open on `day` (not yet, perhaps, open, closed).
    pub fn position_presence(&self, i: usize, day: f64) -> Presence {
        self.position_spans.get(i).map_or(Presence::NotYet, |spans| presence_in(spans, date_from_day(day)))
    }

    /// The dated areas of group `group` shown on `day` (indices into `group_areas`), with their presence.
    pub fn group_areas_at(&self, group: usize, day: f64) -> Vec<(usize, Presence)> {
        let date = date_from_day(day);
        self.group_area_spans
            .iter()
            .enumerate()
            .filter(|(_, (g, _))| *g == group)
            .map(|(a, (_, span))| (a, span.presence(date)))
            .filter(|(_, presence)| presence.is_shown())
            .collect()
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
    /// The armed group whose card is open: its areas are outlined and the others dimmed.
    pub selected_group: Option<&'a str>,
    /// What to show.
    pub filters: &'a crate::model::filters::Filters,
    /// Colours.
    pub palette: &'a MapPalette,
    /// Name each record's shapes (for the SVG export).
    pub tagger: Tagger,
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
    /// A record of the user's imported data.
    Imported {
        /// The source's id.
        source: u64,
        /// The record's index in it.
        record: u32,
    },
    /// A density disc of imported records (index into the frame's clusters).
    ImportedCluster(usize),
}

/// Draws groups' areas, positions and events for the current day; returns the markers drawn (events last,
/// so they are found first when hit-testing from the end).
pub fn content_ui(painter: &Painter, p: &Projector, inputs: &ContentInputs<'_>) -> Vec<Marker> {
    let ContentInputs { dataset, index, day, window_days, selected_event, filters, palette, tagger, .. } = *inputs;
    let view = p.screen_rect;
    let mut markers = Vec::new();

    if filters.show_groups {
        group_areas_ui(painter, p, inputs);
    }

    // Closed posts first, open ones last: where several share a spot (Baghdad's embassy and interests
    // sections) the open one is drawn on top, and is what a click there opens.
    let mut positions: Vec<(usize, Presence)> =
        (0..dataset.positions.len()).map(|i| (i, index.position_presence(i, day))).collect();
    positions.sort_by_key(|&(_, presence)| match presence {
        Presence::NotYet | Presence::Ended => 0,
        Presence::Uncertain => 1,
        Presence::Present => 2,
    });
    for (i, presence) in positions {
        let Some(pos) = dataset.positions.get(i) else { continue };
        let at = p.screen_from_map(map_from_geo(pos.at));
        // Before it first opens a position is not on the map at all.
        if !filters.show_positions || !view.contains(at) || presence == Presence::NotYet {
            continue;
        }
        tagger.record(painter, &pos.id, &pos.name, || {
            position_marker(painter, at, pos.role(), presence, palette.label_halo);
        });
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
        let color = group.color().gamma_multiply(0.35 + 0.65 * strength);
        tagger.record(painter, &e.id, &e.title, || {
            event_marker(painter, at, radius, group, color, palette.label_halo);
            if selected_event == Some(e.id.as_str()) {
                painter.circle_stroke(at, radius + 5.0, Stroke::new(3.0, palette.selected_stroke));
            }
        });
        markers.push(Marker { item: MarkerItem::Event(i), pos: at });
    }
    markers
}

/// The areas of the groups there on the day: one mesh for the window; one per group, named, when tagging.
fn group_areas_ui(painter: &Painter, p: &Projector, inputs: &ContentInputs<'_>) {
    let ContentInputs { dataset, index, day, tagger, selected_group, palette, .. } = *inputs;
    let view = p.screen_rect;
    let visible = p.visible_map_rect();
    let mut mesh = Mesh::default();
    // The open group's outline, drawn over every area.
    let mut outline = Mesh::default();
    for (i, g) in dataset.groups.iter().enumerate() {
        let shown: Vec<(usize, Presence)> = index
            .group_areas_at(i, day)
            .into_iter()
            .filter(|(a, _)| index.group_areas.areas.get(*a).is_some_and(|area| area.bbox.intersects(&visible)))
            .collect();
        if shown.is_empty() {
            continue;
        }
        let (fill, edge) = Backing::of(&g.backing).colors();
        let chosen = selected_group == Some(g.id.as_str());
        let (fill, edge) = match selected_group {
            Some(_) if !chosen => (fill.gamma_multiply(theme::GROUP_DIMMED), edge.gamma_multiply(theme::GROUP_DIMMED)),
            _ => (fill, edge),
        };
        for (a, presence) in shown {
            if chosen {
                let stroke = PathStroke::new(theme::size::GROUP_SELECTED_OUTLINE, palette.selected_stroke);
                push_area_outline(&mut outline, &index.group_areas, a, p, &stroke, 1.0, view);
            }
            // An area whose start or end is known only to the month or year is drawn faded meanwhile.
            let (fill, edge, width) = match presence {
                Presence::Uncertain => (fill.gamma_multiply(0.5), edge.gamma_multiply(0.55), 1.0),
                _ => (fill, edge, 1.5),
            };
            push_area_fill(&mut mesh, &index.group_areas, a, p, fill, view);
            push_area_outline(&mut mesh, &index.group_areas, a, p, &PathStroke::new(width, edge), 1.0, view);
        }
        if tagger.on {
            let one = std::mem::take(&mut mesh);
            tagger.record(painter, &g.id, &g.name, || {
                painter.add(Shape::mesh(one));
            });
        }
    }
    if !tagger.on {
        painter.add(Shape::mesh(mesh));
    }
    if !outline.is_empty() {
        painter.add(Shape::mesh(outline));
    }
}

/// Draws a US position: a square for a military site, a house for an embassy or interests section; filled
/// when open, faded while a coarse date leaves it uncertain, hollow grey once closed.
pub fn position_marker(painter: &Painter, at: Pos2, role: PositionRole, presence: Presence, halo: Color32) {
    let side = theme::size::POSITION_MARKER;
    let color = match role {
        PositionRole::Military => theme::POSITION_MILITARY,
        PositionRole::Diplomatic => theme::POSITION_DIPLOMATIC,
    };
    let (fill, stroke) = match presence {
        Presence::Present => (color, Stroke::new(1.5, halo)),
        Presence::Uncertain => (color.gamma_multiply(0.3), Stroke::new(1.5, color)),
        Presence::NotYet | Presence::Ended => (Color32::TRANSPARENT, Stroke::new(1.5, theme::POSITION_CLOSED)),
    };
    match role {
        PositionRole::Military => {
            let r = Rect::from_center_size(at, Vec2::splat(side));
            painter.rect(r, 1.0, fill, stroke, egui::StrokeKind::Outside);
        }
        PositionRole::Diplomatic => {
            // A house: a square body under a pointed roof, a little taller than the military square.
            let h = side * 0.6;
            let pts = vec![
                at + Vec2::new(0.0, -h * 1.45),
                at + Vec2::new(h, -h * 0.45),
                at + Vec2::new(h, h),
                at + Vec2::new(-h, h),
                at + Vec2::new(-h, -h * 0.45),
            ];
            painter.add(Shape::convex_polygon(pts, fill, stroke));
        }
    }
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

/// The boxes this frame's markers cover on screen (the largest event marker and its outline), which
/// labels keep out of.
pub fn marker_rects(markers: &[Marker]) -> Vec<Rect> {
    let side = 2.0 * (theme::size::EVENT_MARKER_MAX + 1.5);
    markers.iter().map(|m| Rect::from_center_size(m.pos, Vec2::splat(side))).collect()
}

/// The markers labels step aside for: the atlas's, and the user's records while they are few (a large
/// import would cost more than it helps).
pub fn labels_avoid(markers: &[Marker], imported: &[Marker]) -> Vec<Marker> {
    let mut all = markers.to_vec();
    if imported.len() <= MAX_IMPORTED_LABEL_OBSTACLES {
        all.extend_from_slice(imported);
    }
    all
}

/// Above this many imported records on screen, labels do not step aside for them.
const MAX_IMPORTED_LABEL_OBSTACLES: usize = 500;

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
        assert_eq!(index.position_presence(k1, parse_day("2019-12-27").unwrap()), Presence::Present);
        assert_eq!(index.position_presence(k1, parse_day("2021-01-01").unwrap()), Presence::Ended);
        assert_eq!(index.position_presence(k1, parse_day("1985-01-01").unwrap()), Presence::NotYet);
        // Going to ISIS from 2020 lands where it held ground: its first area starts on 29 Jun 2014.
        let isis_spans = index.spans_of(&d, &crate::model::search::Hit::Group("isis".into()));
        assert_eq!(isis_spans.first().map(|s| s.0), Some(parse_day("2014-06-29").unwrap()));
        assert!(isis_spans.iter().all(|&(_, e)| e <= parse_day("2019-03-24").unwrap()), "no area after Baghuz");
        assert_eq!(Backing::of(&["IRN".into()]), Backing::Iran);
        assert_eq!(Backing::of(&[]), Backing::None);
    }

    #[test]
    fn fade_window_follows_timeline_zoom() {
        assert_eq!(ContentIndex::fade_window_days(10.0), 1.0);
        assert!(ContentIndex::fade_window_days(27_000.0) > 365.0);
    }
}
