//! SVG export of one egui frame: `FullOutput.shapes` (and optional semantic paths below them) → an SVG document.
//!
//! Coordinates are written in egui points (the `viewBox`), the `width`/`height` in pixels. Vector shapes map to
//! their SVG counterparts; untextured meshes become one `<path>` per colour; text becomes one `<text>` per galley
//! row, set in the viewer's fonts. Textured meshes (images, the font atlas) and paint callbacks are skipped,
//! except [`RecordTag`] markers: the shapes between a pair are written as `<g id="record-id">` with a
//! `<title>`, so a drawing program lists what the map shows by name.

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Display, Write as _};

use egui::emath::TSTransform;
use egui::epaint::text::{ByteIndex, LayoutJob, LayoutSection, PlacedRow};
use egui::epaint::{
    BandShape, CircleShape, ClippedShape, ColorMode, EllipseShape, Mesh, PathShape, PathStroke, RectShape, Shape,
    StrokeKind, TextShape, TextureId,
};
use egui::{Color32, FontFamily, Pos2, Rect, Stroke, Vec2};

use crate::map::record_tag::RecordTag;

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

/// A number with at most two decimals (non-finite values print as 0; callers skip them beforehand).
struct N(f32);

impl Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = (f64::from(self.0) * 100.0).round() / 100.0;
        if !v.is_finite() || v == 0.0 {
            return f.write_str("0");
        }
        let s = format!("{v:.2}");
        f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// ` a="x" b="y"`: a point or a size as two attributes.
struct Xy(&'static str, &'static str, Pos2);

impl Display for Xy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, r#" {}="{}" {}="{}""#, self.0, N(self.2.x), self.1, N(self.2.y))
    }
}

/// Points as `x,y x,y …`.
struct Pts<'a>(&'a [Pos2]);

impl Display for Pts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            write!(f, "{}{},{}", if i == 0 { "" } else { " " }, N(p.x), N(p.y))?;
        }
        Ok(())
    }
}

/// XML-escaped text; characters XML 1.0 forbids are dropped.
struct Esc<'a>(&'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => f.write_char(c)?,
                c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// ` transform="rotate(..)"` clockwise by the angle in radians about a pivot, or nothing.
struct Rotate(f32, Pos2);

impl Display for Rotate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(angle, p) = *self;
        if angle == 0.0 || !angle.is_finite() {
            return Ok(());
        }
        write!(f, r#" transform="rotate({} {} {})""#, N(angle.to_degrees()), N(p.x), N(p.y))
    }
}

/// Fill and stroke attributes from premultiplied egui colours.
#[derive(Clone, Copy)]
struct Paint {
    fill: Color32,
    stroke: Stroke,
}

impl Paint {
    fn has_stroke(&self) -> bool {
        self.stroke.width.is_finite() && !self.stroke.is_empty()
    }

    fn visible(&self) -> bool {
        self.fill.a() > 0 || self.has_stroke()
    }
}

impl Display for Paint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        color_attr(f, "fill", self.fill)?;
        if self.has_stroke() {
            color_attr(f, "stroke", self.stroke.color)?;
            write!(f, r#" stroke-width="{}""#, N(self.stroke.width))?;
        }
        Ok(())
    }
}

fn color_attr(f: &mut fmt::Formatter<'_>, attr: &str, color: Color32) -> fmt::Result {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    if a == 0 {
        return write!(f, r#" {attr}="none""#);
    }
    write!(f, r##" {attr}="#{r:02x}{g:02x}{b:02x}""##)?;
    if a < 255 {
        write!(f, r#" {attr}-opacity="{}""#, N(f32::from(a) / 255.0))?;
    }
    Ok(())
}

/// Unique, valid XML ids.
#[derive(Default)]
struct Ids(HashSet<String>);

impl Ids {
    fn unique(&mut self, raw: &str) -> String {
        let mut base: String = raw
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            base.insert(0, '_');
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

fn finite(points: &[Pos2]) -> bool {
    points.iter().all(|p| p.is_finite())
}

/// Appends `Mx,y x,y …Z` for one closed ring (the points after the first are implicit line-tos).
fn ring(d: &mut String, points: &[Pos2]) -> fmt::Result {
    write!(d, "M{}Z", Pts(points))
}

/// The stroke of a path in one colour: a UV colour mode is sampled at the middle of the points.
fn solid_stroke(stroke: &PathStroke, points: &[Pos2]) -> Stroke {
    let color = match &stroke.color {
        ColorMode::Solid(c) => *c,
        ColorMode::UV(f) => {
            let bounds = Rect::from_points(points);
            f(bounds, bounds.center())
        }
    };
    Stroke::new(stroke.width, color)
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

/// Finds the logical text of galley rows that are whole lines reordered by [`crate::text::bidi`] (egui's rows
/// of right-to-left text hold extra zero-width glyphs, so rows are matched to lines by their newlines).
struct RowLines<'a> {
    lines: Vec<&'a str>,
    rows_per_line: Vec<usize>,
    line: usize,
}

impl<'a> RowLines<'a> {
    fn new(galley: &'a egui::Galley) -> Self {
        let lines: Vec<&str> = galley.job.text.split('\n').collect();
        let mut rows_per_line = vec![0; lines.len()];
        let mut line = 0;
        for row in &galley.rows {
            if let Some(n) = rows_per_line.get_mut(line) {
                *n += 1;
            }
            line += usize::from(row.ends_with_newline);
        }
        Self { lines, rows_per_line, line: 0 }
    }

    /// The logical line for the next row, if that row is a whole line the bidi module laid out.
    fn next_row(&mut self, ends_with_newline: bool) -> Option<crate::text::bidi::LogicalLine> {
        let line = self.line;
        self.line += usize::from(ends_with_newline);
        if self.rows_per_line.get(line) != Some(&1) {
            return None;
        }
        crate::text::bidi::logical_line(self.lines.get(line)?)
    }
}

/// The layout section holding the `char_index`-th character of the job's text.
fn section_at_char(job: &LayoutJob, char_index: usize) -> Option<&LayoutSection> {
    let byte = job.text.char_indices().nth(char_index).map_or(job.text.len(), |(b, _)| b);
    job.sections.iter().find(|s| s.byte_range.contains(&ByteIndex(byte))).or_else(|| job.sections.last())
}

/// The row's glyph colour as the tessellator paints it: override, else galley colour (placeholder → fallback).
fn text_color(t: &TextShape, placed: &PlacedRow, section: Option<&LayoutSection>) -> Color32 {
    let visuals = &placed.row.visuals;
    let galley = visuals.mesh.vertices.get(visuals.glyph_vertex_range.start).map(|v| v.color);
    let galley = galley.or(section.map(|s| s.format.color)).unwrap_or(t.fallback_color);
    let galley = if galley == Color32::PLACEHOLDER { t.fallback_color } else { galley };
    let color = t.override_text_color.unwrap_or(galley);
    if t.opacity_factor < 1.0 { color.gamma_multiply(t.opacity_factor) } else { color }
}

#[cfg(test)]
mod tests {
    use egui::epaint::{Vertex, WHITE_UV};
    use egui::{Align2, FontId, pos2, vec2};

    use super::*;

    const MESH_COLOR: Color32 = Color32::from_rgb(10, 120, 200);

    /// Two triangles of one colour and a feathering triangle with a transparent vertex.
    fn mesh() -> Mesh {
        let vertex = |x: f32, y: f32, color| Vertex { pos: pos2(x, y), uv: WHITE_UV, color };
        let vertices = vec![
            vertex(20.0, 220.0, MESH_COLOR),
            vertex(80.0, 220.0, MESH_COLOR),
            vertex(80.0, 280.0, MESH_COLOR),
            vertex(20.0, 280.0, MESH_COLOR),
            vertex(90.0, 250.0, Color32::TRANSPARENT),
        ];
        Mesh { indices: vec![0, 1, 2, 0, 2, 3, 1, 2, 4], vertices, texture_id: TextureId::default() }
    }

    fn frame() -> Vec<ClippedShape> {
        let ctx = egui::Context::default();
        let screen = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let input = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
        let mut out = ctx.run_ui(input, |ui| {
            let painter = ui.painter();
            painter.circle_filled(pos2(50.0, 60.0), 20.0, Color32::RED);
            let rect = Rect::from_min_size(pos2(100.0, 20.0), vec2(80.0, 40.0));
            painter.rect(rect, 6, Color32::LIGHT_BLUE, Stroke::new(2.0, Color32::BLACK), StrokeKind::Middle);
            painter.line_segment([pos2(10.0, 200.0), pos2(390.0, 200.0)], Stroke::new(1.5, Color32::DARK_GRAY));
            let concave = vec![pos2(200.0, 150.0), pos2(260.0, 150.0), pos2(230.0, 170.0), pos2(260.0, 190.0)];
            let stroke = PathStroke::new(1.0, Color32::BLACK);
            painter.add(PathShape { points: concave, closed: true, fill: Color32::GREEN, stroke });
            let font = FontId::proportional(14.0);
            painter.text(pos2(200.0, 100.0), Align2::LEFT_TOP, "Baghdad & <Tehran>", font, Color32::BLACK);
            painter.add(Shape::mesh(mesh()));
            let clip = Rect::from_min_size(pos2(300.0, 250.0), vec2(50.0, 30.0));
            painter.with_clip_rect(clip).add(EllipseShape::filled(pos2(320.0, 260.0), vec2(30.0, 15.0), Color32::GOLD));
        });
        out.textures_delta.clear();
        out.shapes
    }

    fn svg(shapes: &[ClippedShape], groups: &[SvgGroup]) -> String {
        let doc = SvgDocument {
            size_px: [800, 600],
            pixels_per_point: 2.0,
            background: Color32::from_rgb(250, 248, 240),
            title: Some("Iran & Iraq, 1980"),
            groups_below: groups,
            shapes,
        };
        to_svg(&doc)
    }

    fn elements<'a>(doc: &'a roxmltree::Document<'_>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
        doc.descendants().filter(|n| n.has_tag_name(name)).collect()
    }

    #[test]
    fn frame_becomes_well_formed_svg_with_the_expected_elements() {
        let text = svg(&frame(), &[]);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert_eq!(root.attribute("width"), Some("800"));
        assert_eq!(root.attribute("height"), Some("600"));
        assert_eq!(root.attribute("viewBox"), Some("0 0 400 300"));
        assert_eq!(elements(&doc, "title")[0].text(), Some("Iran & Iraq, 1980"));

        let circles = elements(&doc, "circle");
        assert_eq!(circles.len(), 1, "{text}");
        let c = circles[0];
        assert_eq!((c.attribute("cx"), c.attribute("cy"), c.attribute("r")), (Some("50"), Some("60"), Some("20")));
        assert_eq!(c.attribute("fill"), Some("#ff0000"));

        // The background and the painted rect.
        let rects: Vec<_> = elements(&doc, "rect")
            .into_iter()
            .filter(|r| r.parent().unwrap().tag_name().name() != "clipPath")
            .collect();
        assert_eq!(rects.len(), 2, "{text}");
        assert_eq!(rects[1].attribute("rx"), Some("6"));
        assert_eq!(rects[1].attribute("stroke-width"), Some("2"));
        assert_eq!(elements(&doc, "line").len(), 1);
        assert_eq!(elements(&doc, "polygon").len(), 1);
        assert_eq!(elements(&doc, "polygon")[0].attribute("points").unwrap().split(' ').count(), 4);

        let texts = elements(&doc, "text");
        assert_eq!(texts.len(), 1);
        assert_eq!(texts[0].text(), Some("Baghdad & <Tehran>"));
        assert_eq!(texts[0].attribute("font-size"), Some("14"));
        assert_eq!(texts[0].attribute("fill"), Some("#000000"));
        assert!(text.contains("Baghdad &amp; &lt;Tehran&gt;"));
        let baseline: f32 = texts[0].attribute("y").unwrap().parse().unwrap();
        assert!(baseline > 100.0 && baseline < 116.0, "baseline {baseline}");

        let paths = elements(&doc, "path");
        assert_eq!(paths.len(), 1, "{text}");
        assert_eq!(paths[0].attribute("fill"), Some("#0a78c8"));
        assert_eq!(paths[0].attribute("d").unwrap().matches('M').count(), 2);

        let ellipse = elements(&doc, "ellipse")[0];
        let url = ellipse.parent().unwrap().attribute("clip-path").unwrap();
        let id = url.trim_start_matches("url(#").trim_end_matches(')');
        let clip = elements(&doc, "clipPath").into_iter().find(|c| c.attribute("id") == Some(id)).unwrap();
        assert_eq!(clip.first_element_child().unwrap().attribute("x"), Some("300"));
        assert_eq!(elements(&doc, "clipPath").len(), 1, "full-view clips are not written");
    }

    #[test]
    fn non_finite_shapes_are_skipped_and_clips_deduplicated() {
        let clip = Rect::from_min_size(pos2(10.0, 10.0), vec2(100.0, 100.0));
        let shapes: Vec<ClippedShape> = [
            Shape::circle_filled(pos2(f32::NAN, 5.0), 3.0, Color32::RED),
            Shape::line_segment([pos2(0.0, 0.0), pos2(f32::INFINITY, 1.0)], Stroke::new(1.0, Color32::RED)),
            Shape::rect_filled(Rect::from_min_size(pos2(0.0, f32::NAN), vec2(5.0, 5.0)), 0, Color32::RED),
            Shape::circle_filled(pos2(30.0, 30.0), 3.0, Color32::from_rgba_unmultiplied(0, 0, 255, 128)),
            Shape::circle_filled(pos2(40.0, 40.0), 3.0, Color32::BLUE),
        ]
        .into_iter()
        .map(|shape| ClippedShape::new(clip, shape))
        .collect();
        let text = svg(&shapes, &[]);
        let doc = roxmltree::Document::parse(&text).unwrap();
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        let circles = elements(&doc, "circle");
        assert_eq!(circles.len(), 2);
        assert_eq!(circles[0].attribute("fill"), Some("#0000ff"));
        assert_eq!(circles[0].attribute("fill-opacity"), Some("0.5"));
        assert_eq!(elements(&doc, "line").len() + elements(&doc, "rect").len(), 2, "background + clip rect");
        assert_eq!(elements(&doc, "clipPath").len(), 1);
        assert_eq!(elements(&doc, "g").len(), 1);
    }

    #[test]
    fn groups_below_are_evenodd_paths_with_valid_ids_and_titles() {
        let square = |min: f32, size: f32| {
            vec![pos2(min, min), pos2(min + size, min), pos2(min + size, min + size), pos2(min, min + size)]
        };
        let path = |id: &str, title: Option<&str>| SvgPath {
            id: Some(id.to_owned()),
            title: title.map(str::to_owned),
            rings: vec![square(10.0, 100.0), square(40.0, 20.0)],
            fill: Some(Color32::from_rgb(200, 180, 120)),
            stroke: Some(Stroke::new(0.5, Color32::BLACK)),
        };
        let groups = [SvgGroup {
            id: "countries".to_owned(),
            paths: vec![path("IRN", Some("Iran <1980>")), path("IRN", None), path("1 bad\"id", None)],
        }];
        let shapes = [ClippedShape::new(Rect::EVERYTHING, Shape::Noop)];
        let text = svg(&shapes, &groups);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let group = elements(&doc, "g")[0];
        assert_eq!(group.attribute("id"), Some("countries"));
        let paths = elements(&doc, "path");
        let ids: Vec<_> = paths.iter().map(|p| p.attribute("id").unwrap()).collect();
        assert_eq!(ids, ["IRN", "IRN-2", "_1_bad_id"]);
        let iran = paths[0];
        assert_eq!(iran.attribute("fill-rule"), Some("evenodd"));
        assert_eq!(iran.attribute("d").unwrap().matches('M').count(), 2);
        assert_eq!(iran.attribute("d").unwrap().matches('Z').count(), 2);
        assert_eq!(iran.first_element_child().unwrap().text(), Some("Iran <1980>"));
        assert!(elements(&doc, "clipPath").is_empty());
    }

    #[test]
    fn each_row_is_a_text_with_its_section_font_and_colour() {
        let ctx = egui::Context::default();
        let mut job = LayoutJob::default();
        let format = |size, color| egui::TextFormat::simple(FontId::proportional(size), color);
        job.append("Iran\n", 0.0, format(12.0, Color32::RED));
        job.append("Iraq", 0.0, format(20.0, Color32::BLUE));
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            let galley = ui.painter().layout_job(job.clone());
            ui.painter().add(TextShape::new(pos2(10.0, 10.0), galley, Color32::BLACK).with_angle(0.5));
        });
        out.textures_delta.clear();
        let text = svg(&out.shapes, &[]);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let texts = elements(&doc, "text");
        let attrs = |i: usize, name| texts[i].attribute(name).unwrap();
        assert_eq!(texts.iter().map(|t| t.text().unwrap()).collect::<Vec<_>>(), ["Iran", "Iraq"]);
        assert_eq!(
            [attrs(0, "font-size"), attrs(0, "fill"), attrs(1, "font-size"), attrs(1, "fill")],
            ["12", "#ff0000", "20", "#0000ff"]
        );
        assert!(attrs(1, "y").parse::<f32>().unwrap() > attrs(0, "y").parse::<f32>().unwrap() + 12.0);
        assert_eq!(texts[0].parent().unwrap().attribute("transform"), Some("rotate(28.65 10 10)"));
    }

    #[test]
    fn tagged_records_become_named_groups_outside_clip_groups() {
        let clip = Rect::from_min_size(pos2(10.0, 10.0), vec2(100.0, 100.0));
        let begin = RecordTag::Begin { id: "camp-taji".into(), title: "Camp Taji <Iraq>".into() };
        let shapes: Vec<ClippedShape> = [
            Shape::circle_filled(pos2(20.0, 20.0), 3.0, Color32::RED),
            begin.shape(),
            Shape::circle_filled(pos2(30.0, 30.0), 3.0, Color32::BLUE),
            RecordTag::End.shape(),
            Shape::circle_filled(pos2(40.0, 40.0), 3.0, Color32::GREEN),
            RecordTag::Begin { id: "unclosed".into(), title: "x".into() }.shape(),
        ]
        .into_iter()
        .map(|shape| ClippedShape::new(clip, shape))
        .collect();
        let text = svg(&shapes, &[]);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let taji = elements(&doc, "g").into_iter().find(|g| g.attribute("id") == Some("camp-taji")).unwrap();
        assert_eq!(taji.first_element_child().unwrap().text(), Some("Camp Taji <Iraq>"));
        let inside: Vec<_> = taji.descendants().filter(|n| n.has_tag_name("circle")).collect();
        assert_eq!(inside.len(), 1, "{text}");
        assert_eq!(inside[0].attribute("fill"), Some("#0000ff"));
        assert!(taji.parent().unwrap().is_root() || taji.parent().unwrap().has_tag_name("svg"), "{text}");
        assert_eq!(elements(&doc, "circle").len(), 3);
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let s = |v: f32| N(v).to_string();
        assert_eq!(
            [s(3.0), s(2.5), s(1.23456), s(-0.001), s(-7.1), s(f32::NAN)],
            ["3", "2.5", "1.23", "0", "-7.1", "0"]
        );
    }
}
