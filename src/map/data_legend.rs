//! The legend of the user's imported layers, in the map's top-right corner (the atlas's own legend is
//! bottom-right): one row per source in its colour, marked as the user's data.

use egui::{Align2, FontId, Painter, Pos2, Rect, Stroke};

use crate::import::sources::DataSources;
use crate::theme::{self, MapPalette, size};

use super::legend::{PAD, ROW};

const WIDTH: f32 = 250.0;
/// Sources listed at most; the Data sources window lists them all.
const MAX_ROWS: usize = 6;

/// Draws the legend of the visible imported sources, if any; `discs` when records were drawn as density
/// discs, which the legend then explains; returns its box (labels keep out of it).
pub fn data_legend_ui(
    painter: &Painter,
    map_rect: Rect,
    palette: &MapPalette,
    sources: &DataSources,
    discs: bool,
) -> Option<Rect> {
    let shown: Vec<_> =
        sources.sources.iter().filter(|s| s.visible && s.imported.lesson.is_none()).take(MAX_ROWS).collect();
    // On a small map (a projector at UI scale 2) the legend would hide the countries: the Data sources
    // window says the same.
    if shown.is_empty() || map_rect.width() < 2.6 * WIDTH || map_rect.height() < 320.0 {
        return None;
    }
    let height = (shown.len() + 1 + usize::from(discs)) as f32 * ROW + 2.0 * PAD;
    let rect = super::legend::legend_box(painter, map_rect, palette, map_rect.top() + 12.0, egui::vec2(WIDTH, height))?;
    let font = FontId::proportional(size::UI_SMALL + 0.5);
    let mut y = rect.top() + PAD + ROW / 2.0;
    painter.text(
        Pos2::new(rect.left() + PAD, y),
        Align2::LEFT_CENTER,
        "Your data (not checked by the atlas)",
        font.clone(),
        palette.label_city,
    );
    y += ROW;
    for s in shown {
        let at = Pos2::new(rect.left() + PAD + 8.0, y);
        painter.circle(at, 5.5, theme::import_color(s.color), Stroke::new(1.2, palette.label_halo));
        let text = format!("{} ({})", s.imported.name, s.imported.format.label());
        let galley = painter.layout_no_wrap(text, font.clone(), palette.label_city);
        let clip = Rect::from_min_max(
            Pos2::new(rect.left() + PAD + 24.0, y - ROW / 2.0),
            Pos2::new(rect.right() - PAD, y + ROW / 2.0),
        );
        painter.with_clip_rect(clip).galley(
            Pos2::new(clip.left(), y - galley.size().y / 2.0),
            galley,
            palette.label_city,
        );
        y += ROW;
    }
    if discs {
        let at = Pos2::new(rect.left() + PAD + 8.0, y);
        painter.circle_stroke(at, 3.0, Stroke::new(1.2, palette.label_city));
        painter.circle_stroke(at, 7.0, Stroke::new(1.2, palette.label_city));
        let text = "Disc area: records there (zoom in)";
        painter.text(Pos2::new(rect.left() + PAD + 24.0, y), Align2::LEFT_CENTER, text, font, palette.label_city);
    }
    Some(rect)
}
