//! SVG export of one egui frame: `FullOutput.shapes` (and optional semantic paths below them) → an SVG document.
//!
//! Coordinates are written in egui points (the `viewBox`), the `width`/`height` in pixels. Vector shapes map to
//! their SVG counterparts; untextured meshes become one `<path>` per colour; text becomes one `<text>` per galley
//! row, set in the viewer's fonts. Textured meshes (images, the font atlas) and paint callbacks are skipped,
//! except [`RecordTag`] markers: the shapes between a pair are written as `<g id="record-id">` with a
//! `<title>`, so a drawing program lists what the map shows by name.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use egui::emath::TSTransform;
use egui::epaint::{
    BandShape, CircleShape, ClippedShape, EllipseShape, Mesh, PathShape, PathStroke, RectShape, Shape, StrokeKind,
    TextShape, TextureId,
};
use egui::{Color32, FontFamily, Pos2, Rect, Stroke, Vec2};

use crate::map::record_tag::RecordTag;

mod syntax;
#[cfg(test)]
mod tests;
mod text;

use syntax::{Esc, Ids, N, Paint, Pts, Rotate, Xy, finite, ring, solid_stroke};
use text::{RowLines, section_at_char, text_color};

const SANS: &str = "Ubuntu, 'DejaVu Sans', sans-serif";
const MONO: &str = "Hack, 'DejaVu Sans Mono', monospace";
/// Lines with Arabic-script or Hebrew text: the fonts the atlas bundles for them first.
const RTL_SANS: &str = "'Noto Sans Arabic', 'Noto Sans Hebrew', Ubuntu, 'DejaVu Sans', sans-serif";

/// A group of semantic paths written before the egui shapes (e.g. one `<path id="IRN">` per country).
pub struct SvgGroup {
    pub id: String,
    pub paths: Vec<SvgPath>,
}

/// One semantic path: closed rings in points, filled with the even-odd rule.
pub struct SvgPath {
    pub id: Option<String>,
    pub title: Option<String>,
    pub rings: Vec<Vec<Pos2>>,
    pub fill: Option<Color32>,
    pub stroke: Option<Stroke>,
}

/// Everything [`to_svg`] needs: the frame's shapes, the export size and what goes below the shapes.
pub struct SvgDocument<'a> {
    pub size_px: [u32; 2],
    pub pixels_per_point: f32,
    pub background: Color32,
    pub title: Option<&'a str>,
    pub groups_below: &'a [SvgGroup],
    pub shapes: &'a [ClippedShape],
}

/// Writes the document. Shapes with non-finite coordinates are skipped; this never panics.
pub fn to_svg(doc: &SvgDocument<'_>) -> String {
    let mut w = Writer { out: String::new(), view: Rect::ZERO, ids: Ids::default() };
    // Writing into a `String` cannot fail.
    let _ = w.document(doc);
    w.out
}

/// How a shape's clip rect is written.
#[derive(Clone, Copy, PartialEq)]
enum Clip {
    None,
    Id(usize),
    Hidden,
}

struct Writer {
    out: String,
    view: Rect,
    ids: Ids,
}

impl Writer {
    fn document(&mut self, doc: &SvgDocument<'_>) -> fmt::Result {
        let ppp =
            if doc.pixels_per_point.is_finite() && doc.pixels_per_point > 0.0 { doc.pixels_per_point } else { 1.0 };
        let [w, h] = doc.size_px;
        self.view = Rect::from_min_size(Pos2::ZERO, Vec2::new(w as f32, h as f32) / ppp);
        let size = self.view.size();
        writeln!(self.out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1""#;
        writeln!(self.out, r#"{svg} width="{w}" height="{h}" viewBox="0 0 {} {}">"#, N(size.x), N(size.y))?;
        if let Some(title) = doc.title {
            writeln!(self.out, "<title>{}</title>", Esc(title))?;
        }
        let clips = self.clip_defs(doc.shapes)?;
        let background = Paint { fill: doc.background, stroke: Stroke::NONE };
        writeln!(self.out, "<rect{}{background}/>", Xy("width", "height", size.to_pos2()))?;
        for group in doc.groups_below {
            self.group(group)?;
        }
        let mut open = Clip::None;
        let mut records_open = 0usize;
        for (clipped, clip) in doc.shapes.iter().zip(clips) {
            if let Some(tag) = RecordTag::of(&clipped.shape) {
                // A record's group must not straddle a clip group: close the clip first.
                if open != Clip::None {
                    writeln!(self.out, "</g>")?;
                    open = Clip::None;
                }
                match tag {
                    RecordTag::Begin { id, title } => {
                        let id = self.ids.unique(id);
                        writeln!(self.out, r#"<g id="{id}"><title>{}</title>"#, Esc(title))?;
                        records_open += 1;
                    }
                    RecordTag::End if records_open > 0 => {
                        writeln!(self.out, "</g>")?;
                        records_open -= 1;
                    }
                    RecordTag::End => {}
                }
                continue;
            }
            if clip == Clip::Hidden {
                continue;
            }
            if clip != open {
                if open != Clip::None {
                    writeln!(self.out, "</g>")?;
                }
                if let Clip::Id(i) = clip {
                    writeln!(self.out, r##"<g clip-path="url(#egui-clip-{i})">"##)?;
                }
                open = clip;
            }
            self.transformed(clipped)?;
        }
        if open != Clip::None {
            writeln!(self.out, "</g>")?;
        }
        for _ in 0..records_open {
            writeln!(self.out, "</g>")?;
        }
        writeln!(self.out, "</svg>")
    }

    /// The shape, inside a `<g transform>` when it has a transform after tessellation.
    fn transformed(&mut self, clipped: &ClippedShape) -> fmt::Result {
        let t = clipped.transform_after_tessellation;
        if t == TSTransform::IDENTITY {
            return self.shape(&clipped.shape);
        }
        if !(t.scaling.is_finite() && t.translation.is_finite()) {
            return Ok(());
        }
        let (x, y, scale) = (N(t.translation.x), N(t.translation.y), N(t.scaling));
        writeln!(self.out, r#"<g transform="translate({x} {y}) scale({scale})">"#)?;
        self.shape(&clipped.shape)?;
        writeln!(self.out, "</g>")
    }

    /// Writes one deduplicated `<clipPath>` per partial clip rect; returns each shape's clip.
    fn clip_defs(&mut self, shapes: &[ClippedShape]) -> Result<Vec<Clip>, fmt::Error> {
        let mut seen: HashMap<[i64; 4], usize> = HashMap::new();
        let mut defs = String::new();
        let mut clips = Vec::with_capacity(shapes.len());
        for clipped in shapes {
            let c = clipped.clip_rect.intersect(self.view);
            let clip = if !(c.min.is_finite() && c.max.is_finite()) || c.contains_rect(self.view.shrink(0.005)) {
                Clip::None
            } else if c.width() <= 0.0 || c.height() <= 0.0 {
                Clip::Hidden
            } else {
                let key = [c.min.x, c.min.y, c.max.x, c.max.y].map(|v| (f64::from(v) * 100.0).round() as i64);
                let next = seen.len();
                let i = *seen.entry(key).or_insert(next);
                if i == next {
                    self.ids.0.insert(format!("egui-clip-{i}"));
                    let (min, size) = (Xy("x", "y", c.min), Xy("width", "height", c.size().to_pos2()));
                    writeln!(defs, r#"<clipPath id="egui-clip-{i}"><rect{min}{size}/></clipPath>"#)?;
                }
                Clip::Id(i)
            };
            clips.push(clip);
        }
        if !defs.is_empty() {
            writeln!(self.out, "<defs>\n{defs}</defs>")?;
        }
        Ok(clips)
    }

    fn group(&mut self, group: &SvgGroup) -> fmt::Result {
        let id = self.ids.unique(&group.id);
        writeln!(self.out, r#"<g id="{id}">"#)?;
        for path in &group.paths {
            let mut d = String::new();
            for points in path.rings.iter().filter(|r| r.len() >= 2 && finite(r)) {
                if !d.is_empty() {
                    d.push(' ');
                }
                ring(&mut d, points)?;
            }
            if d.is_empty() {
                continue;
            }
            self.out.push_str("<path");
            if let Some(id) = &path.id {
                let id = self.ids.unique(id);
                write!(self.out, r#" id="{id}""#)?;
            }
            let paint = Paint { fill: path.fill.unwrap_or_default(), stroke: path.stroke.unwrap_or_default() };
            write!(self.out, r#" fill-rule="evenodd" d="{d}"{paint}"#)?;
            match &path.title {
                Some(title) => writeln!(self.out, "><title>{}</title></path>", Esc(title))?,
                None => writeln!(self.out, "/>")?,
            }
        }
        writeln!(self.out, "</g>")
    }

    fn shape(&mut self, shape: &Shape) -> fmt::Result {
        match shape {
            Shape::Noop | Shape::Callback(_) => Ok(()),
            Shape::Vec(shapes) => shapes.iter().try_for_each(|s| self.shape(s)),
            Shape::Circle(c) => self.circle(c),
            Shape::Ellipse(e) => self.ellipse(e),
            Shape::LineSegment { points, stroke } => self.line(*points, *stroke),
            Shape::Path(p) => self.path(p),
            Shape::Band(b) => self.band(b),
            Shape::Rect(r) => self.rect(r),
            Shape::Text(t) => self.text(t),
            Shape::Mesh(m) => self.mesh(m),
            Shape::QuadraticBezier(q) => self.bezier(&q.points, q.closed, q.fill, &q.stroke),
            Shape::CubicBezier(c) => self.bezier(&c.points, c.closed, c.fill, &c.stroke),
        }
    }

    fn circle(&mut self, c: &CircleShape) -> fmt::Result {
        let paint = Paint { fill: c.fill, stroke: c.stroke };
        if !(c.center.is_finite() && c.radius.is_finite() && c.radius > 0.0 && paint.visible()) {
            return Ok(());
        }
        writeln!(self.out, r#"<circle{} r="{}"{paint}/>"#, Xy("cx", "cy", c.center), N(c.radius))
    }

    fn line(&mut self, [a, b]: [Pos2; 2], stroke: Stroke) -> fmt::Result {
        let paint = Paint { fill: Color32::TRANSPARENT, stroke };
        if !finite(&[a, b]) || !paint.has_stroke() {
            return Ok(());
        }
        writeln!(self.out, "<line{}{}{paint}/>", Xy("x1", "y1", a), Xy("x2", "y2", b))
    }

    fn ellipse(&mut self, e: &EllipseShape) -> fmt::Result {
        let paint = Paint { fill: e.fill, stroke: e.stroke };
        let (c, r) = (e.center, e.radius);
        if !(c.is_finite() && r.is_finite() && r.x > 0.0 && r.y > 0.0 && paint.visible()) {
            return Ok(());
        }
        let rotate = Rotate(e.angle, c);
        writeln!(self.out, "<ellipse{}{}{paint}{rotate}/>", Xy("cx", "cy", c), Xy("rx", "ry", r.to_pos2()))
    }

    /// A polyline, or a polygon when closed (only closed paths are filled, as in egui).
    fn poly(&mut self, points: &[Pos2], closed: bool, paint: Paint) -> fmt::Result {
        if points.len() < 2 || !finite(points) || !paint.visible() {
            return Ok(());
        }
        let tag = if closed { "polygon" } else { "polyline" };
        writeln!(self.out, r#"<{tag} points="{}"{paint}/>"#, Pts(points))
    }

    fn path(&mut self, p: &PathShape) -> fmt::Result {
        let fill = if p.closed { p.fill } else { Color32::TRANSPARENT };
        self.poly(&p.points, p.closed, Paint { fill, stroke: solid_stroke(&p.stroke, &p.points) })
    }

    /// The band's outline: along the tops, back along the bottoms, rotated about the origin.
    fn band(&mut self, b: &BandShape) -> fmt::Result {
        let rot = egui::emath::Rot2::from_angle(if b.angle.is_finite() { b.angle } else { 0.0 });
        let valid: Vec<_> = b.points.iter().filter(|p| p.is_finite() && p.y.min <= p.y.max).collect();
        let top = valid.iter().map(|p| Pos2::new(p.x, p.y.min));
        let bottom = valid.iter().rev().map(|p| Pos2::new(p.x, p.y.max));
        let outline: Vec<Pos2> = top.chain(bottom).map(|p| (rot * p.to_vec2()).to_pos2()).collect();
        self.poly(&outline, true, Paint { fill: b.fill, stroke: b.stroke })
    }

    fn rect(&mut self, r: &RectShape) -> fmt::Result {
        if !(r.rect.is_finite() && r.angle.is_finite()) {
            return Ok(());
        }
        // A textured rect (an image) tints its texture with `fill`: that fill is not the picture.
        let fill = if r.fill_texture_id() == TextureId::default() { r.fill } else { Color32::TRANSPARENT };
        let paint = Paint { fill, stroke: r.stroke };
        let cr = r.corner_radius;
        let rx = (f32::from(cr.nw) + f32::from(cr.ne) + f32::from(cr.sw) + f32::from(cr.se)) / 4.0;
        let rotate = Rotate(r.angle, r.rect.center());
        let half = if paint.has_stroke() { r.stroke.width / 2.0 } else { 0.0 };
        let offset = match r.stroke_kind {
            StrokeKind::Inside => -half,
            StrokeKind::Middle => 0.0,
            StrokeKind::Outside => half,
        };
        if offset == 0.0 {
            return self.rect_element(r.rect, rx, paint, &rotate);
        }
        self.rect_element(r.rect, rx, Paint { fill, stroke: Stroke::NONE }, &rotate)?;
        let outline = Paint { fill: Color32::TRANSPARENT, stroke: r.stroke };
        self.rect_element(r.rect.expand(offset), rx + offset, outline, &rotate)
    }

    fn rect_element(&mut self, rect: Rect, rx: f32, paint: Paint, rotate: &Rotate) -> fmt::Result {
        if !paint.visible() || rect.width() <= 0.0 || rect.height() <= 0.0 {
            return Ok(());
        }
        write!(self.out, "<rect{}{}", Xy("x", "y", rect.min), Xy("width", "height", rect.size().to_pos2()))?;
        let rx = rx.min(rect.width() / 2.0).min(rect.height() / 2.0);
        if rx > 0.0 {
            write!(self.out, r#" rx="{}""#, N(rx))?;
        }
        writeln!(self.out, "{paint}{rotate}/>")
    }

    fn bezier(&mut self, points: &[Pos2], closed: bool, fill: Color32, stroke: &PathStroke) -> fmt::Result {
        let fill = if closed { fill } else { Color32::TRANSPARENT };
        let paint = Paint { fill, stroke: solid_stroke(stroke, points) };
        let [first, rest @ ..] = points else { return Ok(()) };
        if !finite(points) || !paint.visible() {
            return Ok(());
        }
        let (curve, close) = (if rest.len() == 2 { 'Q' } else { 'C' }, if closed { "Z" } else { "" });
        writeln!(self.out, r#"<path d="M{}{curve}{}{close}"{paint}/>"#, Pts(&[*first]), Pts(rest))
    }

    /// One `<text>` per galley row at its first glyph's baseline, rotated about the text position.
    fn text(&mut self, t: &TextShape) -> fmt::Result {
        if !(t.opacity_factor > 0.0 && t.pos.is_finite() && t.angle.is_finite()) {
            return Ok(());
        }
        let rotated = t.angle != 0.0;
        if rotated {
            writeln!(self.out, "<g{}>", Rotate(t.angle, t.pos))?;
        }
        let job = &t.galley.job;
        let mut next_char = 0;
        let mut lines = RowLines::new(&t.galley);
        for placed in &t.galley.rows {
            let start_char = next_char;
            next_char += placed.row.glyphs.len() + usize::from(placed.ends_with_newline);
            let logical = lines.next_row(placed.ends_with_newline);
            let text: String = match &logical {
                Some(line) => line.text.clone(),
                None => placed.row.glyphs.iter().map(|g| g.chr).collect(),
            };
            let Some(first) = placed.row.glyphs.first() else { continue };
            let origin = t.pos + placed.pos.to_vec2() + first.pos.to_vec2();
            if text.trim().is_empty() || !origin.is_finite() {
                continue;
            }
            let section = section_at_char(job, start_char);
            let (size, family) = section.map_or((first.font_height / 1.2, SANS), |s| {
                let font = &s.format.font_id;
                (font.size, if font.family == FontFamily::Monospace { MONO } else { SANS })
            });
            let fill = Paint { fill: text_color(t, placed, section), stroke: Stroke::NONE };
            // The viewer's font may be wider or narrower than egui's: fit the row to the width egui laid out,
            // so right-aligned and boxed text stays in place.
            let width = placed.row.glyphs.last().map_or(0.0, egui::epaint::text::Glyph::max_x) - first.pos.x;
            let fit = if width.is_finite() && width > 1.0 {
                format!(r#" textLength="{}" lengthAdjust="spacingAndGlyphs""#, N(width))
            } else {
                String::new()
            };
            // Right-to-left lines go out in logical order for the viewer's own bidi, anchored at their left end.
            let (family, direction) = match &logical {
                Some(line) if line.rtl => (RTL_SANS, r#" direction="rtl" unicode-bidi="embed" text-anchor="end""#),
                Some(_) => (RTL_SANS, ""),
                None => (family, ""),
            };
            let font = format!(r#"font-family="{family}" font-size="{}"{fit}{direction}"#, N(size));
            let (at, text) = (Xy("x", "y", origin), Esc(&text));
            writeln!(self.out, r#"<text{at} {font}{fill} xml:space="preserve">{text}</text>"#)?;
            let bounds = placed.row.visuals.mesh_bounds.translate(t.pos.to_vec2() + placed.pos.to_vec2());
            self.line([bounds.left_bottom(), bounds.right_bottom()], t.underline)?;
        }
        if rotated {
            writeln!(self.out, "</g>")?;
        }
        Ok(())
    }

    /// Untextured triangles as one `<path>` per colour (no seams); feathering and textured meshes are skipped.
    fn mesh(&mut self, m: &Mesh) -> fmt::Result {
        if m.texture_id != TextureId::default() {
            return Ok(());
        }
        let mut paths: Vec<(Color32, String)> = Vec::new();
        let mut by_color: HashMap<Color32, usize> = HashMap::new();
        for triangle in m.indices.chunks_exact(3) {
            let &[i, j, k] = triangle else { continue };
            let vertex = |i: u32| m.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (vertex(i), vertex(j), vertex(k)) else { continue };
            if [a, b, c].iter().any(|v| v.color.a() == 0 || !v.pos.is_finite()) {
                continue;
            }
            let color =
                if a.color == b.color && b.color == c.color { a.color } else { mean([a.color, b.color, c.color]) };
            let slot = *by_color.entry(color).or_insert_with(|| {
                paths.push((color, String::new()));
                paths.len() - 1
            });
            if let Some((_, d)) = paths.get_mut(slot) {
                ring(d, &[a.pos, b.pos, c.pos])?;
            }
        }
        for (fill, d) in paths {
            writeln!(self.out, r#"<path d="{d}"{}/>"#, Paint { fill, stroke: Stroke::NONE })?;
        }
        Ok(())
    }
}

/// The mean of premultiplied colours (for gradient triangles).
fn mean(colors: [Color32; 3]) -> Color32 {
    let channel = |f: fn(&Color32) -> u8| (colors.iter().map(|c| u16::from(f(c))).sum::<u16>() / 3) as u8;
    Color32::from_rgba_premultiplied(channel(Color32::r), channel(Color32::g), channel(Color32::b), channel(Color32::a))
}
