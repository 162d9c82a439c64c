//! Label placement: candidates in priority order, placed greedily so no label overlaps another.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Shape, Vec2};

use crate::theme::{MapPalette, size};

/// How a label looks, which also says how it may be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelStyle {
    /// A focus country: large, centred on its anchor.
    Focus,
    /// A neighbouring country: centred.
    Context,
    /// A sea: centred, blue.
    Sea,
    /// A province: small, centred.
    Province,
    /// A city: a dot at the anchor and the name beside it.
    City {
        /// Million-plus cities get a slightly larger font.
        big: bool,
    },
}

/// A label that would like to be drawn.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The text.
    pub text: String,
    /// Where it belongs on screen.
    pub anchor: Pos2,
    /// Its style.
    pub style: LabelStyle,
    /// For cities: keep the dot free from the start, so labels placed earlier (a country name at its
    /// centroid) step aside for a capital rather than hide it.
    pub reserve_dot: bool,
    /// For area names: the index of the area (in the countries layer) the label's centre must stay in.
    pub inside_area: Option<usize>,
}

/// A label that found room.
#[derive(Clone, Debug)]
pub struct PlacedLabel {
    /// The laid-out text.
    pub galley: Arc<Galley>,
    /// Top-left corner of the text on screen.
    pub pos: Pos2,
    /// The city dot, if any.
    pub dot: Option<Pos2>,
}

fn font_and_color(style: LabelStyle, palette: &MapPalette) -> (FontId, Color32) {
    match style {
        LabelStyle::Focus => (FontId::proportional(size::LABEL_FOCUS), palette.label_focus),
        LabelStyle::Context => (FontId::proportional(size::LABEL_CONTEXT), palette.label_context),
        LabelStyle::Sea => (FontId::proportional(size::LABEL_SEA), palette.label_sea),
        LabelStyle::Province => (FontId::proportional(size::LABEL_PROVINCE), palette.label_province),
        LabelStyle::City { big: true } => (FontId::proportional(size::LABEL_BIG_CITY), palette.label_city),
        LabelStyle::City { big: false } => (FontId::proportional(size::LABEL_CITY), palette.label_city),
    }
}

/// A label's text in display order (right-to-left names reordered, see [`crate::text::bidi`]); the two lines
/// of a "both names" label are centred on each other, or, for a city, aligned on the side of its dot.
fn label_job(c: &Candidate, palette: &MapPalette) -> LayoutJob {
    let (font_id, color) = font_and_color(c.style, palette);
    let mut job = crate::text::bidi::layout_job(&c.text, &TextFormat::simple(font_id, color));
    job.wrap.max_width = f32::INFINITY;
    let centred = c.text.contains('\n') && !matches!(c.style, LabelStyle::City { .. });
    job.halign = if centred { Align::Center } else { Align::LEFT };
    job
}

/// Places candidates in the order given (most important first); a label that would overlap one already
/// placed, or stick out of `screen`, tries its other positions and is dropped if none fits.
///
/// `area_contains(area, pos)` tells whether a screen position lies in an area; labels with `inside_area`
/// only take positions whose centre it accepts.
pub fn place_labels(
    painter: &Painter,
    screen: Rect,
    candidates: &[Candidate],
    palette: &MapPalette,
    area_contains: &dyn Fn(usize, Pos2) -> bool,
) -> Vec<PlacedLabel> {
    let dot_rect_of = |c: &Candidate| Rect::from_center_size(c.anchor, Vec2::splat(size::CITY_DOT * 2.0));
    // Reserved dots come first; each candidate ignores its own reservation.
    let reserved: Vec<(usize, Rect)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.reserve_dot && screen.contains(c.anchor))
        .map(|(i, c)| (i, dot_rect_of(c)))
        .collect();
    let mut taken: Vec<Rect> = Vec::new();
    let mut placed = Vec::new();
    let gap = Vec2::splat(size::LABEL_GAP);
    for (index, c) in candidates.iter().enumerate() {
        if !screen.contains(c.anchor) {
            continue;
        }
        let galley = painter.layout_job(label_job(c, palette));
        let text_size = galley.size();
        let options: &[(Align2, Vec2)] = match c.style {
            LabelStyle::City { .. } => {
                let d = size::CITY_DOT + 3.0;
                &[
                    (Align2::LEFT_CENTER, Vec2::new(d, 0.0)),
                    (Align2::RIGHT_CENTER, Vec2::new(-d, 0.0)),
                    (Align2::CENTER_BOTTOM, Vec2::new(0.0, -d)),
                    (Align2::CENTER_TOP, Vec2::new(0.0, d)),
                ]
            }
            LabelStyle::Focus | LabelStyle::Context => {
                let (w, h) = (text_size.x / 2.0, text_size.y * 0.75);
                &[
                    (Align2::CENTER_CENTER, Vec2::ZERO),
                    (Align2::CENTER_CENTER, Vec2::new(0.0, -h)),
                    (Align2::CENTER_CENTER, Vec2::new(0.0, h)),
                    (Align2::CENTER_CENTER, Vec2::new(-w, 0.0)),
                    (Align2::CENTER_CENTER, Vec2::new(w, 0.0)),
                    (Align2::CENTER_CENTER, Vec2::new(0.0, -2.0 * h)),
                    (Align2::CENTER_CENTER, Vec2::new(0.0, 2.0 * h)),
                    (Align2::CENTER_CENTER, Vec2::new(-w, -h)),
                    (Align2::CENTER_CENTER, Vec2::new(w, h)),
                ]
            }
            _ => &[(Align2::CENTER_CENTER, Vec2::ZERO)],
        };
        let dot = matches!(c.style, LabelStyle::City { .. }).then_some(c.anchor);
        let dot_rect = dot.map(|_| dot_rect_of(c));
        if dot_rect.is_some_and(|d| taken.iter().any(|t| t.intersects(d))) {
            continue;
        }
        let blocked_by_reserved = |rect: Rect| reserved.iter().any(|&(i, r)| i != index && r.intersects(rect));
        let fits = |rect: Rect| {
            screen.contains_rect(rect)
                && !taken.iter().any(|t| t.intersects(rect.expand2(gap)))
                && !blocked_by_reserved(rect)
                && c.inside_area.is_none_or(|a| area_contains(a, rect.center()))
        };
        let Some(rect) =
            options.iter().map(|&(align, offset)| align.anchor_size(c.anchor + offset, text_size)).find(|&r| fits(r))
        else {
            continue;
        };
        taken.push(rect);
        if let Some(d) = dot_rect {
            taken.push(d);
        }
        // Centred rows lie on both sides of the galley's origin.
        let pos = rect.min - galley.rect.min.to_vec2();
        placed.push(PlacedLabel { galley, pos, dot });
    }
    placed
}

/// The shapes that draw placed labels: dots, then a halo, then the text.
pub fn label_shapes(labels: &[PlacedLabel], palette: &MapPalette) -> Vec<Shape> {
    let mut shapes = Vec::with_capacity(labels.len() * 6);
    let h = size::LABEL_HALO;
    for l in labels {
        if let Some(d) = l.dot {
            shapes.push(Shape::circle_filled(d, size::CITY_DOT + 1.0, palette.label_halo));
            shapes.push(Shape::circle_filled(d, size::CITY_DOT, palette.city_dot));
        }
        for offset in [Vec2::new(-h, 0.0), Vec2::new(h, 0.0), Vec2::new(0.0, -h), Vec2::new(0.0, h)] {
            shapes.push(Shape::galley_with_override_text_color(l.pos + offset, l.galley.clone(), palette.label_halo));
        }
        shapes.push(Shape::galley(l.pos, l.galley.clone(), palette.label_city));
    }
    shapes
}
