//! Drawing annotations on the map and finding them under the pointer. Positions come from geographic
//! anchors through the frame's projector; sizes are screen points, so text keeps its size at any zoom.

use egui::epaint::{Mesh, PathStroke};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2};

use crate::annotate::validate::drawable_style;
use crate::annotate::{Annotation, AnnotationColor, Shape as AShape, Style};
use crate::model::Atlas;
use crate::theme;

use super::area_mesh::{push_area_fill, push_area_outline};
use super::projection::Projector;
use super::scene::PreparedAtlas;

/// Padding around annotation text, in points.
const TEXT_PAD: f32 = 5.0;
/// How far (points) from a line the pointer may be and still hit it.
const HIT_SLOP: f32 = 7.0;
/// Side of a resize handle, in points.
pub const HANDLE_SIZE: f32 = 11.0;

/// What annotations need from the map to be drawn.
pub struct AnnotationContext<'a> {
    /// Projector of this frame.
    pub projector: &'a Projector,
    /// Countries, for the "highlight a country" annotation.
    pub atlas: &'a Atlas,
    /// Their triangulated shapes.
    pub prepared: &'a PreparedAtlas,
}

/// Draws every annotation, in list order (later ones on top), and the selection outline.
pub fn paint_annotations(painter: &Painter, cx: &AnnotationContext<'_>, items: &[Annotation], selected: Option<u64>) {
    // Country fills go under everything else so they never hide arrows or text.
    for a in items.iter().filter(|a| matches!(a.shape, AShape::Country { .. })) {
        paint_annotation(painter, cx, a);
    }
    for a in items.iter().filter(|a| !matches!(a.shape, AShape::Country { .. })) {
        paint_annotation(painter, cx, a);
    }
    if let Some(a) = selected.and_then(|id| items.iter().find(|a| a.id == id)) {
        paint_selection(painter, cx, a);
    }
}

/// The ink of an annotation colour.
pub fn annotation_color(c: AnnotationColor) -> egui::Color32 {
    theme::ANNOTATION_COLORS.get(c as usize).copied().unwrap_or(egui::Color32::BLACK)
}

/// Draws one annotation.
pub fn paint_annotation(painter: &Painter, cx: &AnnotationContext<'_>, a: &Annotation) {
    let p = cx.projector;
    let style = drawable_style(&a.style);
    let color = annotation_color(style.color);
    let halo = theme::annotation_halo(color);
    let w = style.stroke_width;
    let ink = Stroke::new(w, color);
    let under = Stroke::new(w + 3.0, halo);
    match &a.shape {
        AShape::Text { at, text } => {
            let rect = text_rect(painter, p.screen_from_geo(*at), text, &style);
            painter.rect_filled(rect, 4.0, halo);
            painter.text(
                rect.min + Vec2::splat(TEXT_PAD),
                Align2::LEFT_TOP,
                text,
                FontId::proportional(style.font_size),
                color,
            );
        }
        AShape::Arrow { from, to } => {
            let (s, e) = (p.screen_from_geo(*from), p.screen_from_geo(*to));
            for stroke in [under, ink] {
                let head = arrow_head(s, e, w);
                let shaft_end = if head.len() == 3 { e - (e - s).normalized() * head_length(w) * 0.8 } else { e };
                painter.line_segment([s, shaft_end], stroke);
                if head.len() == 3 {
                    let fill = stroke.color;
                    painter.add(Shape::convex_polygon(head, fill, Stroke::new(stroke.width - w, fill)));
                }
            }
        }
        AShape::Ellipse { a: c1, b: c2 } => {
            let r = Rect::from_two_pos(p.screen_from_geo(*c1), p.screen_from_geo(*c2));
            for stroke in [under, ink] {
                painter.add(Shape::ellipse_stroke(r.center(), r.size() / 2.0, stroke));
            }
        }
        AShape::Rect { a: c1, b: c2 } => {
            let r = Rect::from_two_pos(p.screen_from_geo(*c1), p.screen_from_geo(*c2));
            for stroke in [under, ink] {
                painter.rect_stroke(r, 2.0, stroke, egui::StrokeKind::Middle);
            }
        }
        AShape::Pen { points } => {
            let pts: Vec<Pos2> = points.iter().map(|&g| p.screen_from_geo(g)).collect();
            for stroke in [under, ink] {
                painter.add(Shape::line(pts.clone(), stroke));
            }
        }
        AShape::Marker { at, number } => {
            let c = p.screen_from_geo(*at);
            let radius = marker_radius(&style);
            painter.circle(c, radius, color, Stroke::new(2.5, halo));
            let text_color = marker_text_color(style.color);
            let font = FontId::proportional(style.font_size * 0.85);
            painter.text(c, Align2::CENTER_CENTER, number.to_string(), font, text_color);
        }
        AShape::Country { iso_a3 } => {
            let Some(i) = cx.atlas.countries.iter().position(|c| &c.id == iso_a3) else { return };
            let mut mesh = Mesh::default();
            let fill = color.gamma_multiply(theme::ANNOTATION_COUNTRY_ALPHA);
            push_area_fill(&mut mesh, &cx.prepared.countries, i, p, fill, p.screen_rect);
            let stroke = PathStroke::new(w.min(6.0), color);
            let feather = 1.0 / painter.pixels_per_point().max(0.1);
            push_area_outline(&mut mesh, &cx.prepared.countries, i, p, &stroke, feather, p.screen_rect);
            painter.add(Shape::mesh(mesh));
        }
    }
}

fn head_length(width: f32) -> f32 {
    width * 3.0 + 10.0
}

/// The arrow head's three corners (empty when the arrow is too short to have one).
fn arrow_head(s: Pos2, e: Pos2, width: f32) -> Vec<Pos2> {
    let d = e - s;
    let len = d.length();
    let head = head_length(width).min(len * 0.6);
    if len < 4.0 || !len.is_finite() {
        return Vec::new();
    }
    let dir = d / len;
    let normal = Vec2::new(-dir.y, dir.x);
    let base = e - dir * head;
    vec![e, base + normal * head * 0.5, base - normal * head * 0.5]
}

fn marker_radius(style: &Style) -> f32 {
    (style.font_size * 0.85).max(10.0)
}

/// Black or white, whichever reads better on the marker's colour.
fn marker_text_color(c: AnnotationColor) -> Color32 {
    match c {
        AnnotationColor::Orange | AnnotationColor::SkyBlue | AnnotationColor::White => Color32::BLACK,
        _ => Color32::WHITE,
    }
}

fn text_rect(painter: &Painter, at: Pos2, text: &str, style: &Style) -> Rect {
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(style.font_size), Color32::PLACEHOLDER);
    Rect::from_min_size(at, galley.size() + Vec2::splat(2.0 * TEXT_PAD))
}

/// The screen box an annotation covers (its bounds; a country's is its visible part).
pub fn screen_bounds(painter: &Painter, cx: &AnnotationContext<'_>, a: &Annotation) -> Rect {
    let p = cx.projector;
    let style = drawable_style(&a.style);
    let pad = style.stroke_width / 2.0 + 2.0;
    match &a.shape {
        AShape::Text { at, text } => text_rect(painter, p.screen_from_geo(*at), text, &style),
        AShape::Arrow { from: c1, to: c2 } | AShape::Ellipse { a: c1, b: c2 } | AShape::Rect { a: c1, b: c2 } => {
            Rect::from_two_pos(p.screen_from_geo(*c1), p.screen_from_geo(*c2)).expand(pad)
        }
        AShape::Pen { points } => {
            Rect::from_points(&points.iter().map(|&g| p.screen_from_geo(g)).collect::<Vec<_>>()).expand(pad)
        }
        AShape::Marker { at, .. } => {
            Rect::from_center_size(p.screen_from_geo(*at), Vec2::splat(2.0 * marker_radius(&style)))
        }
        AShape::Country { iso_a3 } => cx
            .atlas
            .countries
            .iter()
            .position(|c| &c.id == iso_a3)
            .and_then(|i| cx.prepared.countries.areas.get(i))
            .map_or(Rect::NOTHING, |area| {
                Rect::from_two_pos(p.screen_from_map(area.bbox.min), p.screen_from_map(area.bbox.max))
            }),
    }
}

/// True when `pointer` touches the annotation: its strokes for lines and outlines, its box for text and
/// markers, its area for a country.
pub fn hits(painter: &Painter, cx: &AnnotationContext<'_>, a: &Annotation, pointer: Pos2) -> bool {
    let p = cx.projector;
    let slop = drawable_style(&a.style).stroke_width / 2.0 + HIT_SLOP;
    match &a.shape {
        AShape::Text { .. } | AShape::Marker { .. } => screen_bounds(painter, cx, a).contains(pointer),
        AShape::Arrow { from, to } => {
            distance_to_segment(pointer, p.screen_from_geo(*from), p.screen_from_geo(*to)) <= slop
        }
        AShape::Pen { points } => points
            .windows(2)
            .any(|w| distance_to_segment(pointer, p.screen_from_geo(w[0]), p.screen_from_geo(w[1])) <= slop),
        AShape::Rect { a: c1, b: c2 } => {
            let r = Rect::from_two_pos(p.screen_from_geo(*c1), p.screen_from_geo(*c2));
            r.expand(slop).contains(pointer) && !r.shrink(slop).contains(pointer)
        }
        AShape::Ellipse { a: c1, b: c2 } => {
            let r = Rect::from_two_pos(p.screen_from_geo(*c1), p.screen_from_geo(*c2));
            let (rx, ry) = ((r.width() / 2.0).max(1.0), (r.height() / 2.0).max(1.0));
            let d = pointer - r.center();
            let k = ((d.x / rx).powi(2) + (d.y / ry).powi(2)).sqrt();
            ((k - 1.0) * rx.min(ry)).abs() <= slop
        }
        AShape::Country { iso_a3 } => {
            let at = p.map_from_screen(pointer);
            cx.atlas
                .countries
                .iter()
                .position(|c| &c.id == iso_a3)
                .is_some_and(|i| cx.prepared.countries.hit_area(i, at))
        }
    }
}

/// The topmost annotation under the pointer (country fills only when `countries` is true).
pub fn annotation_at(
    painter: &Painter,
    cx: &AnnotationContext<'_>,
    items: &[Annotation],
    pointer: Pos2,
    countries: bool,
) -> Option<u64> {
    items
        .iter()
        .rev()
        .filter(|a| countries || !matches!(a.shape, AShape::Country { .. }))
        .find(|a| hits(painter, cx, a, pointer))
        .map(|a| a.id)
}

/// Distance from `q` to the segment `a`–`b`.
pub fn distance_to_segment(q: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    let t = if len_sq > 0.0 { ((q - a).dot(ab) / len_sq).clamp(0.0, 1.0) } else { 0.0 };
    (q - (a + ab * t)).length()
}

/// The two handles of a two-point annotation (arrow ends, box corners), in screen space.
pub fn handles(p: &Projector, a: &Annotation) -> Option<[Pos2; 2]> {
    match &a.shape {
        AShape::Arrow { from: c1, to: c2 } | AShape::Ellipse { a: c1, b: c2 } | AShape::Rect { a: c1, b: c2 } => {
            Some([p.screen_from_geo(*c1), p.screen_from_geo(*c2)])
        }
        _ => None,
    }
}

fn paint_selection(painter: &Painter, cx: &AnnotationContext<'_>, a: &Annotation) {
    let r = screen_bounds(painter, cx, a).expand(4.0);
    let stroke = Stroke::new(1.5, theme::ANNOTATION_SELECTION);
    painter.add(Shape::dashed_line(
        &[r.left_top(), r.right_top(), r.right_bottom(), r.left_bottom(), r.left_top()],
        stroke,
        6.0,
        4.0,
    ));
    if let Some(hs) = handles(cx.projector, a) {
        for h in hs {
            let rect = Rect::from_center_size(h, Vec2::splat(HANDLE_SIZE));
            painter.rect(
                rect,
                2.0,
                Color32::WHITE,
                Stroke::new(2.0, theme::ANNOTATION_SELECTION),
                egui::StrokeKind::Middle,
            );
        }
    }
}
