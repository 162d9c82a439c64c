//! The map legend: what the markers and areas mean. Drawn on the map so exports carry it too.

use egui::{Align2, FontId, Painter, Pos2, Rect, Stroke, Vec2};

use super::content::{Backing, EventGroup, event_marker, position_marker};
use crate::model::dataset::{EventKind, PositionRole};
use crate::model::date::Presence;
use crate::model::filters::Filters;
use crate::theme::{MapPalette, size};

pub(super) const ROW: f32 = 19.0;
pub(super) const PAD: f32 = 8.0;
const WIDTH: f32 = 275.0;

/// Draws the legend in the bottom-right corner of `map_rect`, listing only what the filters let through;
/// returns its box (labels keep out of it).
pub fn legend_ui(painter: &Painter, map_rect: Rect, palette: &MapPalette, filters: &Filters) -> Option<Rect> {
    let groups: Vec<EventGroup> = EventGroup::ALL
        .into_iter()
        .filter(|g| {
            filters.show_events
                && EventKind::ALL.iter().any(|k| EventGroup::of(*k) == *g && !filters.hidden_kinds.contains(k))
        })
        .collect();
    let backings: &[Backing] = if filters.show_groups { &Backing::ALL } else { &[] };
    let position_rows = if filters.show_positions { POSITION_ROWS.len() } else { 0 };
    let rows = groups.len() + backings.len() + position_rows;
    if rows == 0 {
        return None;
    }
    let height = rows as f32 * ROW + 2.0 * PAD;
    // On a small map (a projector at UI scale 2) the full legend would hide half of it: one row a kind.
    if height * COMPACT_BELOW_SHARE > map_rect.height() {
        return compact_legend_ui(painter, map_rect, palette, &groups, backings, position_rows > 0);
    }
    let top = map_rect.bottom() - height - 12.0;
    let rect = legend_box(painter, map_rect, palette, top, Vec2::new(WIDTH, height))?;
    let font = FontId::proportional(size::UI_SMALL + 0.5);
    let mut y = rect.top() + PAD + ROW / 2.0;
    let icon_x = rect.left() + PAD + 10.0;
    let text_x = rect.left() + PAD + 31.0;
    let row = |painter: &Painter, text: &str, y: f32| {
        painter.text(Pos2::new(text_x, y), Align2::LEFT_CENTER, text, font.clone(), palette.label_city);
    };
    for g in groups {
        event_marker(painter, Pos2::new(icon_x, y), 5.5, g, g.color(), palette.label_halo);
        row(painter, g.label(), y);
        y += ROW;
    }
    for &b in backings {
        let (fill, edge) = b.colors();
        let r = Rect::from_center_size(Pos2::new(icon_x, y), Vec2::new(16.0, 11.0));
        painter.rect(r, 2.0, fill, Stroke::new(1.5, edge), egui::StrokeKind::Inside);
        row(painter, b.label(), y);
        y += ROW;
    }
    if position_rows == 0 {
        return Some(rect);
    }
    for (role, presence, text) in POSITION_ROWS {
        if presence == Presence::Present {
            position_marker(painter, Pos2::new(icon_x, y), role, presence, palette.label_halo);
        } else {
            // The faded and closed rows show both symbols side by side: they apply to each.
            let other = if role == PositionRole::Military { PositionRole::Diplomatic } else { PositionRole::Military };
            let half_gap = size::POSITION_MARKER * 0.65;
            position_marker(painter, Pos2::new(icon_x - half_gap, y), role, presence, palette.label_halo);
            position_marker(painter, Pos2::new(icon_x + half_gap, y), other, presence, palette.label_halo);
        }
        row(painter, text, y);
        y += ROW;
    }
    Some(rect)
}

/// The full legend is drawn only when the map is at least this many times its height.
const COMPACT_BELOW_SHARE: f32 = 2.2;
/// Room for the symbols before the text in the one-row-a-kind legend.
const COMPACT_ICONS: f32 = 64.0;
const COMPACT_EVENTS: &str = "Events by kind";
const COMPACT_GROUPS: &str = "Armed groups by backer";
const COMPACT_POSITIONS: &str = "US base, embassy, closed";

/// The small map's legend: the event shapes, the groups' colours and the position symbols, a row each.
fn compact_legend_ui(
    painter: &Painter,
    map_rect: Rect,
    palette: &MapPalette,
    groups: &[EventGroup],
    backings: &[Backing],
    positions: bool,
) -> Option<Rect> {
    let texts = [
        (!groups.is_empty()).then_some(COMPACT_EVENTS),
        (!backings.is_empty()).then_some(COMPACT_GROUPS),
        positions.then_some(COMPACT_POSITIONS),
    ];
    let font = FontId::proportional(size::UI_SMALL);
    let text_width = texts
        .iter()
        .flatten()
        .map(|t| painter.layout_no_wrap((*t).to_owned(), font.clone(), palette.label_city).size().x)
        .fold(0.0, f32::max);
    let rows = texts.iter().flatten().count();
    let height = rows as f32 * ROW + 2.0 * PAD;
    let top = map_rect.bottom() - height - 8.0;
    let width = COMPACT_ICONS + text_width + 2.0 * PAD;
    let rect = legend_box(painter, map_rect, palette, top, Vec2::new(width, height))?;
    let icons_x = rect.left() + PAD + 6.0;
    let text_x = rect.left() + PAD + COMPACT_ICONS;
    let mut y = rect.top() + PAD + ROW / 2.0;
    let row = |text: &str, y: f32| {
        painter.text(Pos2::new(text_x, y), Align2::LEFT_CENTER, text, font.clone(), palette.label_city);
    };
    if !groups.is_empty() {
        for (k, &g) in groups.iter().enumerate() {
            let at = Pos2::new(icons_x + 15.0 * k as f32, y);
            event_marker(painter, at, 4.5, g, g.color(), palette.label_halo);
        }
        row(COMPACT_EVENTS, y);
        y += ROW;
    }
    if !backings.is_empty() {
        for (k, &b) in backings.iter().enumerate() {
            let (fill, edge) = b.colors();
            let r = Rect::from_center_size(Pos2::new(icons_x + 15.0 * k as f32, y), Vec2::new(12.0, 10.0));
            painter.rect(r, 2.0, fill, Stroke::new(1.5, edge), egui::StrokeKind::Inside);
        }
        row(COMPACT_GROUPS, y);
        y += ROW;
    }
    if positions {
        let roles = [(PositionRole::Military, Presence::Present), (PositionRole::Diplomatic, Presence::Present)];
        for (k, (role, presence)) in roles.into_iter().enumerate() {
            position_marker(painter, Pos2::new(icons_x + 15.0 * k as f32, y), role, presence, palette.label_halo);
        }
        position_marker(
            painter,
            Pos2::new(icons_x + 30.0, y),
            PositionRole::Military,
            Presence::Ended,
            palette.label_halo,
        );
        row(COMPACT_POSITIONS, y);
    }
    Some(rect)
}

/// The legend rows for US positions: symbol, state, text.
const POSITION_ROWS: [(PositionRole, Presence, &str); 4] = [
    (PositionRole::Military, Presence::Present, "US base or garrison, open"),
    (PositionRole::Diplomatic, Presence::Present, "US embassy or interests section, open"),
    (PositionRole::Military, Presence::Uncertain, "Faded: date known to month or year"),
    (PositionRole::Military, Presence::Ended, "Hollow: closed"),
];

/// Paints a legend's box at the map's right edge from `top`, `size` points; `None` (and nothing
/// painted) when it does not fit in the map. The atlas's legend and the imported data's share it.
pub(super) fn legend_box(
    painter: &Painter,
    map_rect: Rect,
    palette: &MapPalette,
    top: f32,
    size: Vec2,
) -> Option<Rect> {
    let rect = Rect::from_min_size(Pos2::new(map_rect.right() - size.x - 12.0, top), size);
    if !map_rect.contains_rect(rect) {
        return None;
    }
    painter.rect_filled(rect, 6.0, palette.label_halo.gamma_multiply(0.92));
    painter.rect_stroke(rect, 6.0, Stroke::new(1.0, palette.context_border), egui::StrokeKind::Inside);
    Some(rect)
}
