//! Keyboard focus on the map: the markers as focusable widgets (Tab and Shift+Tab move through them, Enter
//! opens one), a list node that names them for screen readers, and the focus rings that show where the
//! keyboard is. The widgets sense focus only, never the pointer: clicks and drags still reach the map below.

use egui::accesskit::{Action, Role};
use egui::{Color32, EventFilter, Id, Key, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, UiBuilder, Vec2};

use crate::theme::{MapPalette, size};

use super::content::MarkerItem;

/// The accessible name of the list of markers on the map.
pub const MARKER_LIST_NAME: &str = "Markers on the map";

/// One marker the keyboard can reach.
#[derive(Clone, Debug, PartialEq)]
pub struct FocusTarget {
    /// Its widget id (the same every frame, so focus stays on it while the map moves).
    pub id: Id,
    /// Where it is drawn.
    pub pos: Pos2,
}

/// What the keyboard did to the markers this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FocusOutput {
    /// Index of the target Enter (or a screen reader's click) opened.
    pub activated: Option<usize>,
    /// Index of the target with the keyboard focus.
    pub focused: Option<usize>,
    /// The ring drawn around the focused target, in screen points.
    pub ring: Option<Rect>,
}

/// The widget id of a marker: stable across frames, whatever the marker's place in the list.
pub fn marker_widget_id(item: &MarkerItem) -> Id {
    match *item {
        MarkerItem::Event(i) => Id::unique(("timeatlas-marker-event", i)),
        MarkerItem::Position(i) => Id::unique(("timeatlas-marker-position", i)),
        MarkerItem::Imported { source, record } => Id::unique(("timeatlas-marker-record", source, record)),
        MarkerItem::ImportedCluster(i) => Id::unique(("timeatlas-marker-cluster", i)),
    }
}

/// Registers the targets, in Tab order, inside a list node over `map_rect`; draws the ring around the
/// focused one and keeps the arrow keys for the map while it has focus. `label(i)` is what a screen reader
/// says of target `i`.
pub fn marker_focus_ui(
    ui: &mut Ui,
    map_rect: Rect,
    targets: &[FocusTarget],
    label: &dyn Fn(usize) -> String,
    palette: &MapPalette,
) -> FocusOutput {
    let mut out = FocusOutput::default();
    let list = ui.new_child(UiBuilder::new().id_salt("map-marker-list").max_rect(map_rect));
    let list_id = list.unique_id();
    list.ctx().accesskit_node_builder(list_id, |node| {
        node.set_role(Role::List);
        node.set_label(MARKER_LIST_NAME);
    });
    let painter = list.painter_at(map_rect);
    for (i, target) in targets.iter().enumerate() {
        let rect = Rect::from_center_size(target.pos, Vec2::splat(size::MARKER_FOCUS_BOX));
        let response = list.interact(rect, target.id, Sense::FOCUSABLE);
        response.widget_info(|| egui::WidgetInfo::labeled(Role::ListItem, true, label(i)));
        list.ctx().accesskit_node_builder(target.id, |node| node.add_action(Action::Click));
        let clicked_by_reader = list.input(|inp| inp.has_accesskit_action_request(target.id, Action::Click));
        if response.has_focus() {
            keep_arrows(&list, target.id);
            focus_ring(&painter, rect, palette);
            out.focused = Some(i);
            out.ring = Some(rect);
            if list.input(|inp| inp.key_pressed(Key::Enter)) {
                out.activated = Some(i);
            }
        }
        if clicked_by_reader {
            out.activated = Some(i);
        }
    }
    out
}

/// While `id` has focus the arrow keys are the map's (they pan it), not egui's (which would move the focus).
pub fn keep_arrows(ui: &Ui, id: Id) {
    let filter = EventFilter { horizontal_arrows: true, vertical_arrows: true, ..Default::default() };
    ui.memory_mut(|m| m.set_focus_lock_filter(id, filter));
}

/// A ring that shows on any map colour: the selection colour over a halo.
pub fn focus_ring(painter: &egui::Painter, rect: Rect, palette: &MapPalette) {
    let halo = Stroke::new(size::FOCUS_RING + 2.0, palette.label_halo);
    let ink = Stroke::new(size::FOCUS_RING, focus_colour(palette));
    for stroke in [halo, ink] {
        painter.rect_stroke(rect, 3.0, stroke, StrokeKind::Middle);
    }
}

/// The ring's ink.
fn focus_colour(palette: &MapPalette) -> Color32 {
    palette.selected_stroke
}

/// The ring around the whole map while the map itself has the keyboard.
pub fn map_focus_ring(painter: &egui::Painter, map_rect: Rect, palette: &MapPalette) -> Rect {
    let rect = map_rect.shrink(size::FOCUS_RING + 1.0);
    focus_ring(painter, rect, palette);
    rect
}
