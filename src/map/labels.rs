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
    /// A capital: never dropped, as a focus country's name is not. It moves aside for a marker where it
    /// can and stays where it has nowhere to go, and labels moving aside never push it off.
    pub keep: bool,
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
    /// Where it belongs on screen (its candidate's anchor), to place it again beside a marker.
    pub anchor: Pos2,
    /// Its style, which says where else it may go.
    pub style: LabelStyle,
    /// For an area's name: the area its centre must stay in when it moves.
    pub inside_area: Option<usize>,
    /// A capital (see [`Candidate::keep`]).
    pub keep: bool,
}

impl PlacedLabel {
    /// The text's box on screen.
    pub fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos + self.galley.rect.min.to_vec2(), self.galley.size())
    }
}

/// Where a label of `style` may go around its anchor, best first: beside a city's dot, or around an area's
/// label point.
fn options_for(style: LabelStyle, text_size: Vec2) -> Vec<(Align2, Vec2)> {
    match style {
        LabelStyle::City { .. } => {
            let d = size::CITY_DOT + 3.0;
            vec![
                (Align2::LEFT_CENTER, Vec2::new(d, 0.0)),
                (Align2::RIGHT_CENTER, Vec2::new(-d, 0.0)),
                (Align2::CENTER_BOTTOM, Vec2::new(0.0, -d)),
                (Align2::CENTER_TOP, Vec2::new(0.0, d)),
            ]
        }
        LabelStyle::Focus | LabelStyle::Context => {
            let (w, h) = (text_size.x / 2.0, text_size.y * 0.75);
            [
                Vec2::ZERO,
                Vec2::new(0.0, -h),
                Vec2::new(0.0, h),
                Vec2::new(-w, 0.0),
                Vec2::new(w, 0.0),
                Vec2::new(0.0, -2.0 * h),
                Vec2::new(0.0, 2.0 * h),
                Vec2::new(-w, -h),
                Vec2::new(w, h),
            ]
            .into_iter()
            .map(|o| (Align2::CENTER_CENTER, o))
            .collect()
        }
        _ => vec![(Align2::CENTER_CENTER, Vec2::ZERO)],
    }
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
/// No label goes over `obstacles` (the scale bar's corner). `area_contains(area, pos)` tells whether a screen position lies in an area; labels with `inside_area`
/// only take positions whose centre it accepts.
pub fn place_labels(
    painter: &Painter,
    screen: Rect,
    candidates: &[Candidate],
    palette: &MapPalette,
    area_contains: &dyn Fn(usize, Pos2) -> bool,
    obstacles: &[Rect],
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
        let options = options_for(c.style, text_size);
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
                && !obstacles.iter().any(|o| o.intersects(rect))
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
        placed.push(PlacedLabel {
            galley,
            pos,
            dot,
            anchor: c.anchor,
            style: c.style,
            inside_area: c.inside_area,
            keep: c.keep,
        });
    }
    placed
}

/// The labels with none under `obstacles` (this frame's markers, which move with the date while the placed
/// labels are cached with the view): a covered label takes another of its positions, or one a marker's
/// width further out, free of markers, of more important labels, of the focus countries' names and of the
/// edge of `screen`; less important labels in the way give up their place (labels come most important
/// first). A label with no
/// such spot is dropped, but a focus country's name stays where it is (the map must say which is Iraq);
/// an area's name keeps its centre inside the area, as when it was placed (`area_contains`).
pub fn clear_of(
    labels: &[PlacedLabel],
    obstacles: &[Rect],
    screen: Rect,
    area_contains: &dyn Fn(usize, Pos2) -> bool,
) -> Vec<PlacedLabel> {
    let hits = |r: Rect| obstacles.iter().any(|o| o.intersects(r));
    let mut rects: Vec<Option<Rect>> = labels.iter().map(|l| Some(l.rect())).collect();
    let mut out: Vec<PlacedLabel> = labels.to_vec();
    let gap = Vec2::splat(size::LABEL_GAP);
    for (i, label) in labels.iter().enumerate() {
        let Some(rect) = rects.get(i).copied().flatten() else { continue };
        if !hits(rect) {
            continue;
        }
        // Labels placed before this one, and the focus countries' names, are not pushed aside.
        let free_of_more_important = |r: Rect, rects: &[Option<Rect>]| {
            rects.iter().zip(labels).enumerate().all(|(j, (o, other))| {
                (j > i && other.style != LabelStyle::Focus && !other.keep)
                    || j == i
                    || o.is_none_or(|o| !o.intersects(r.expand2(gap)))
            })
        };
        let dot_rect = label.dot.map(|d| Rect::from_center_size(d, Vec2::splat(size::CITY_DOT * 2.0)));
        let moved = moves_for(label.style, rect.size())
            .into_iter()
            .map(|(align, offset)| align.anchor_size(label.anchor + offset, rect.size()))
            .find(|&r| {
                screen.contains_rect(r)
                    && !hits(r)
                    && free_of_more_important(r, &rects)
                    && dot_rect.is_none_or(|d| !d.intersects(r))
                    && label.inside_area.is_none_or(|a| area_contains(a, r.center()))
            });
        match (moved, label.style) {
            (Some(r), _) => {
                rects[i] = Some(r);
                if let Some(l) = out.get_mut(i) {
                    l.pos = r.min - l.galley.rect.min.to_vec2();
                }
                for (later, l) in rects.iter_mut().zip(labels).skip(i + 1) {
                    if !l.keep && later.is_some_and(|o| o.intersects(r.expand2(gap))) {
                        *later = None;
                    }
                }
            }
            (None, LabelStyle::Focus) => {}
            (None, _) if label.keep => {}
            (None, _) => rects[i] = None,
        }
    }
    out.into_iter().zip(rects).filter_map(|(l, r)| r.map(|_| l)).collect()
}

/// Where a label may move to get clear of a marker: its usual positions, then the same one and two
/// marker widths further out, then a city's corners.
fn moves_for(style: LabelStyle, text_size: Vec2) -> Vec<(Align2, Vec2)> {
    let mut moves = options_for(style, text_size);
    let base = moves.clone();
    for widths in [1.0, 2.0] {
        let out = widths * 2.0 * size::EVENT_MARKER_MAX;
        moves.extend(base.iter().map(|&(align, offset)| {
            let dir = if offset == Vec2::ZERO { Vec2::new(0.0, -1.0) } else { offset.normalized() };
            (align, offset + dir * out)
        }));
    }
    if matches!(style, LabelStyle::City { .. }) {
        let d = size::CITY_DOT + 3.0;
        moves.extend([
            (Align2::LEFT_BOTTOM, Vec2::new(d, -d)),
            (Align2::RIGHT_BOTTOM, Vec2::new(-d, -d)),
            (Align2::LEFT_TOP, Vec2::new(d, d)),
            (Align2::RIGHT_TOP, Vec2::new(-d, d)),
        ]);
    }
    moves
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A city label placed to the right of its dot at (100, 100), laid out by a real egui pass.
    fn city_label(text: &str) -> PlacedLabel {
        let ctx = egui::Context::default();
        let mut galley = None;
        ctx.run_ui(egui::RawInput::default(), |ui| {
            galley = Some(ui.painter().layout_no_wrap(text.to_owned(), FontId::proportional(13.0), Color32::BLACK));
        })
        .textures_delta
        .clear();
        let galley = galley.unwrap();
        let anchor = Pos2::new(100.0, 100.0);
        let rect = Align2::LEFT_CENTER.anchor_size(anchor + Vec2::new(size::CITY_DOT + 3.0, 0.0), galley.size());
        let pos = rect.min - galley.rect.min.to_vec2();
        PlacedLabel {
            galley,
            pos,
            dot: Some(anchor),
            anchor,
            style: LabelStyle::City { big: true },
            inside_area: None,
            keep: false,
        }
    }

    #[test]
    fn a_covered_label_moves_aside_and_is_dropped_when_boxed_in() {
        let screen = Rect::from_min_size(Pos2::ZERO, Vec2::splat(400.0));
        let label = city_label("Baghdad");
        let covered = Rect::from_center_size(label.rect().center(), Vec2::splat(18.0));
        let moved = clear_of(std::slice::from_ref(&label), &[covered], screen, &|_, _| true);
        assert_eq!(moved.len(), 1);
        assert!(!moved[0].rect().intersects(covered), "{:?} still under {covered:?}", moved[0].rect());
        assert!(moved[0].rect().right() <= 100.0, "moved to the dot's left side: {:?}", moved[0].rect());
        // A free label stays where it was.
        let far = Rect::from_center_size(Pos2::new(300.0, 300.0), Vec2::splat(18.0));
        assert_eq!(clear_of(std::slice::from_ref(&label), &[far], screen, &|_, _| true)[0].pos, label.pos);
        // Markers all around: no room left, the name is dropped rather than covered.
        let all_round = Rect::from_center_size(Pos2::new(100.0, 100.0), Vec2::new(400.0, 200.0));
        assert!(clear_of(&[label], &[all_round], screen, &|_, _| true).is_empty());
    }
}
