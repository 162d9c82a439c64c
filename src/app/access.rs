//! Keyboard-only use and screen readers on the app's side: which keys a focused widget leaves to the atlas,
//! the map's own keys (arrows pan it while it has focus, `M` gives it focus), its markers in Tab order with
//! Enter opening a card, and what the map shows as a list for the side panel.

use egui::{Id, Key, Vec2};

use crate::command::{CardCommand, Command, MapCommand};
use crate::map::content::{Marker, MarkerItem};
use crate::map::focus::{self, FocusTarget};
use crate::map::projection::Projector;
use crate::model::search::Hit;
use crate::panels::on_map::{ShownItem, ShownKind, ShownTarget};
use crate::theme::MapPalette;

use super::TimeAtlasApp;
use crate::command::DataCommand;

/// One arrow key pans the map by this share of its width (left, right) or height (up, down).
pub const ARROW_PAN_SHARE: f32 = 0.15;
/// At most this many records of the user's data are listed (a file may put thousands on the map).
const MAX_RECORDS_LISTED: usize = 100;

/// What the keyboard and screen-reader parts remember between frames.
#[derive(Debug, Default)]
pub struct AccessState {
    /// The map widget's id.
    pub map_id: Option<Id>,
    /// The markers' widget ids, in Tab order.
    pub target_ids: Vec<Id>,
    /// What the map showed in the last frame, for the side panel's list (empty while that tab is closed).
    pub shown: Vec<ShownItem>,
    /// `shown` was made in the last frame.
    shown_made: bool,
    /// The keyboard focus ring drawn in the last frame (around the map or a marker), in screen points.
    pub focus_ring: Option<egui::Rect>,
    /// The map or one of its markers had the keyboard at the end of the last frame.
    had_map_focus: bool,
}

/// Who the keys go to, from what has the keyboard focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyScope {
    /// Nothing has focus: every shortcut is the atlas's.
    Free,
    /// The map or a marker has focus (not presenting): the arrows pan the map.
    Map,
    /// A button, checkbox or slider has focus: arrows, Space, Enter, Home and End are its own.
    Widget,
    /// A text field has focus: the keys type.
    Text,
}

impl KeyScope {
    /// True when a plain `key` is the atlas's shortcut in this scope rather than the focused widget's.
    pub fn allows(self, key: Key) -> bool {
        let arrow = matches!(key, Key::ArrowLeft | Key::ArrowRight | Key::ArrowUp | Key::ArrowDown);
        match self {
            Self::Free => true,
            Self::Map => !arrow,
            Self::Widget => !arrow && !matches!(key, Key::Space | Key::Enter | Key::Home | Key::End),
            Self::Text => false,
        }
    }
}

/// The screen delta (as a drag would give) that the pressed arrow keys pan the map by: → shows more of
/// the east, so the map moves left.
pub fn arrow_pan_delta(input: &egui::InputState, map_size: Vec2) -> Vec2 {
    let step = map_size * ARROW_PAN_SHARE;
    let mut delta = Vec2::ZERO;
    for (key, d) in [
        (Key::ArrowRight, Vec2::new(-step.x, 0.0)),
        (Key::ArrowLeft, Vec2::new(step.x, 0.0)),
        (Key::ArrowUp, Vec2::new(0.0, step.y)),
        (Key::ArrowDown, Vec2::new(0.0, -step.y)),
    ] {
        let presses = input.num_presses(key);
        delta += d * presses as f32;
    }
    delta
}

impl TimeAtlasApp {
    /// Who this frame's keys go to.
    pub(super) fn key_scope(&self, ctx: &egui::Context) -> KeyScope {
        let Some(focused) = ctx.memory(egui::Memory::focused) else { return KeyScope::Free };
        if ctx.text_edit_focused() {
            return KeyScope::Text;
        }
        let on_map = self.access.map_id == Some(focused) || self.access.target_ids.contains(&focused);
        match (on_map, self.lesson.presenting) {
            (true, false) => KeyScope::Map,
            // Presenting, the arrows are the clicker's: they change slides.
            (true, true) => KeyScope::Free,
            (false, _) => KeyScope::Widget,
        }
    }

    /// The map's keys: `M` gives the map the keyboard; while it has it, the arrows pan it.
    pub(super) fn map_keys(&self, ctx: &egui::Context, scope: KeyScope, out: &mut Vec<Command>) {
        let plain = ctx.input(|i| i.modifiers.is_none());
        if plain
            && scope.allows(Key::M)
            && ctx.input(|i| i.key_pressed(Key::M))
            && let Some(id) = self.access.map_id
        {
            ctx.memory_mut(|m| m.request_focus(id));
        }
        if scope != KeyScope::Map || ctx.input(|i| i.modifiers.command) {
            return;
        }
        let delta = ctx.input(|i| arrow_pan_delta(i, self.drawn.map_size));
        if delta != Vec2::ZERO {
            let mut view = self.drawn.view;
            view.pan_by_screen(delta);
            out.push(Command::Map(MapCommand::SetView(view)));
        }
    }

    /// After the map's content is drawn: the markers as focusable widgets, the focus rings, Enter on a
    /// marker, and the list of what the map shows.
    pub(super) fn map_focus_ui(
        &mut self,
        ui: &mut egui::Ui,
        projector: &Projector,
        palette: &MapPalette,
        map_id: Option<Id>,
        commands: &mut Vec<Command>,
    ) {
        self.access.map_id = map_id;
        // The "On the map" list is made only while its tab is open (it names every marker); the first
        // frame with it open asks for one more, to show this frame's list rather than none.
        let list_open = self.side.tab == crate::panels::side::SideTab::OnMap;
        if list_open && !self.access.shown_made {
            ui.ctx().request_repaint();
        }
        self.access.shown = if list_open { self.shown_on_map(projector) } else { Vec::new() };
        self.access.shown_made = list_open;
        let presenting = self.lesson.presenting;
        // Presenting, the keyboard changes slides: the markers take no focus and no ring shows.
        let targets = if presenting { Vec::new() } else { self.focus_targets() };
        let rect = projector.screen_rect;
        let (items, targets): (Vec<&Marker>, Vec<FocusTarget>) = targets.into_iter().unzip();
        // A marker's words are made only when a screen reader (or an output event) asks for them.
        let label = |i: usize| {
            let text = items.get(i).and_then(|m| self.marker_text(m));
            text.unwrap_or_default().replace('\n', ", ")
        };
        let out = focus::marker_focus_ui(ui, rect, &targets, &label, palette);
        let items: Vec<MarkerItem> = items.into_iter().map(|m| m.item.clone()).collect();
        self.access.target_ids = targets.iter().map(|t| t.id).collect();
        if let Some(command) = out.activated.and_then(|i| items.get(i)).and_then(|item| self.open_marker(item)) {
            commands.push(command);
        }
        let focused = ui.memory(egui::Memory::focused);
        let map_focused = map_id.is_some() && focused == map_id;
        self.access.focus_ring = out.ring;
        if map_focused
            && !presenting
            && let Some(id) = map_id
        {
            focus::keep_arrows(ui, id);
            self.access.focus_ring = Some(focus::map_focus_ring(&ui.painter_at(rect), rect, palette));
        }
        // A focused marker that leaves the view (the map panned, the date moved) hands the keyboard back
        // to the map rather than to nobody, unless the user let go of it (Esc, Tab on, a click).
        let let_go = ui.input(|i| {
            i.key_pressed(Key::Escape) || i.key_pressed(Key::Tab) || i.pointer.any_down() || i.pointer.any_released()
        });
        if focused.is_none()
            && self.access.had_map_focus
            && !let_go
            && !presenting
            && let Some(id) = map_id
        {
            ui.memory_mut(|m| m.request_focus(id));
        }
        self.access.had_map_focus = map_focused || out.focused.is_some();
    }

    /// The markers the keyboard reaches, in Tab order: events oldest first (as on the timeline), then US
    /// positions.
    fn focus_targets(&self) -> Vec<(&Marker, FocusTarget)> {
        let mut markers: Vec<&Marker> = self.drawn.markers.iter().collect();
        markers.sort_by_key(|m| marker_order(&m.item));
        markers.into_iter().map(|m| (m, FocusTarget { id: focus::marker_widget_id(&m.item), pos: m.pos })).collect()
    }

    /// What Enter on a marker does: what a click on it does.
    fn open_marker(&self, item: &MarkerItem) -> Option<Command> {
        Some(match *item {
            MarkerItem::Event(i) => {
                Command::Card(CardCommand::SelectEvent(Some(self.doc.dataset.events.get(i)?.id.clone())))
            }
            MarkerItem::Position(i) => {
                Command::Card(CardCommand::Open(Some(Hit::Position(self.doc.dataset.positions.get(i)?.id.clone()))))
            }
            MarkerItem::Imported { source, record } => Command::Data(DataCommand::OpenRecord(Some((source, record)))),
            MarkerItem::ImportedCluster(_) => return None,
        })
    }

    /// Everything the map shows in this frame's view at the date: its event and position markers, the
    /// armed groups' areas in view, and (a limited number of) the user's records.
    fn shown_on_map(&self, projector: &Projector) -> Vec<ShownItem> {
        let day = self.settings.time.current_day;
        let mut markers: Vec<&Marker> = self.drawn.markers.iter().collect();
        markers.sort_by_key(|m| marker_order(&m.item));
        let mut items: Vec<ShownItem> = markers
            .into_iter()
            .filter_map(|m| match m.item {
                MarkerItem::Event(i) => self.doc.dataset.events.get(i).map(|e| ShownItem {
                    kind: ShownKind::Event,
                    label: format!("{}  {}", e.date.long(), e.title),
                    target: ShownTarget::Item(Hit::Event(e.id.clone())),
                }),
                MarkerItem::Position(i) => self.doc.dataset.positions.get(i).map(|p| ShownItem {
                    kind: ShownKind::Position,
                    label: format!("{} ({})", p.name, self.doc.content.position_presence(i, day).label("open")),
                    target: ShownTarget::Item(Hit::Position(p.id.clone())),
                }),
                MarkerItem::Imported { .. } | MarkerItem::ImportedCluster(_) => None,
            })
            .collect();
        if self.settings.filters.show_groups {
            let visible = projector.visible_map_rect();
            for (i, g) in self.doc.dataset.groups.iter().enumerate() {
                let in_view = self.doc.content.group_areas_at(i, day).iter().any(|(a, _)| {
                    self.doc.content.group_areas.areas.get(*a).is_some_and(|area| area.bbox.intersects(&visible))
                });
                if in_view {
                    items.push(ShownItem {
                        kind: ShownKind::Group,
                        label: g.name.clone(),
                        target: ShownTarget::Item(Hit::Group(g.id.clone())),
                    });
                }
            }
        }
        for m in self.drawn.imported_markers.iter().take(MAX_RECORDS_LISTED) {
            if let MarkerItem::Imported { source, record } = m.item {
                let label = self.marker_text(m).unwrap_or_default().replace('\n', ", ");
                items.push(ShownItem { kind: ShownKind::Record, label, target: ShownTarget::Record(source, record) });
            }
        }
        items
    }
}

/// Sort key of markers for the keyboard and the list: events in dataset (date) order, then positions.
fn marker_order(item: &MarkerItem) -> (u8, usize) {
    match *item {
        MarkerItem::Event(i) => (0, i),
        MarkerItem::Position(i) => (1, i),
        MarkerItem::Imported { record, .. } => (2, record as usize),
        MarkerItem::ImportedCluster(i) => (3, i),
    }
}
