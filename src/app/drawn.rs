//! What the last frame drew, kept for the next one: the view as drawn, the cached screen scene, the markers
//! and labels (for picking, tooltips, keyboard focus and screen readers), where the map and the panel were.

use crate::map::MapMemory;
use crate::map::content::Marker;
use crate::map::scene::Scene;

/// The last frame's drawing.
pub struct Drawn {
    /// The cached screen scene of the map.
    pub scene: Option<Scene>,
    /// The view drawn in the last frame (the fitted one while the user has not moved the map).
    pub view: MapMemory,
    /// Markers drawn on the map in the last frame.
    pub markers: Vec<Marker>,
    /// The marker under the pointer.
    pub hovered_marker: Option<Marker>,
    /// Events the timeline drew in the last frame (indices into `dataset.events`).
    pub timeline_events: Vec<usize>,
    /// The map area's size in points in the last frame.
    pub map_size: egui::Vec2,
    /// The map area in the last frame.
    pub map_rect: egui::Rect,
    /// Points of the map's right side the side panel covers (laid over the map on a narrow screen).
    pub side_covers_map: f32,
    /// Imported records drawn on the map in the last frame.
    pub imported_markers: Vec<Marker>,
    /// Density discs of imported records drawn in the last frame.
    pub imported_clusters: Vec<crate::map::density::Cluster>,
    /// The labels drawn in the last frame, clear of its markers.
    pub labels: Vec<crate::map::labels::PlacedLabel>,
    /// The type size of the slide's caption while presenting, in the last frame.
    pub caption_pt: Option<f32>,
}

impl Default for Drawn {
    fn default() -> Self {
        Self {
            scene: None,
            view: MapMemory::fit_pending(),
            markers: Vec::new(),
            hovered_marker: None,
            timeline_events: Vec::new(),
            map_size: egui::Vec2::ZERO,
            map_rect: egui::Rect::ZERO,
            side_covers_map: 0.0,
            imported_markers: Vec::new(),
            imported_clusters: Vec::new(),
            labels: Vec::new(),
            caption_pt: None,
        }
    }
}
