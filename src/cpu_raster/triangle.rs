//! Filling one band of rows with a mesh's triangles. A pixel is covered when its centre is inside the
//! triangle; corners are snapped to 1/256 pixel (as GPUs snap them) so that the edge tests are exact and a
//! centre on an edge two triangles share goes to exactly one of them (no seam, no double blend).

use super::texture::Texture;

/// Sub-pixel steps per pixel.
const SUBPIXEL: f64 = 256.0;

/// A corner: position in 1/256 pixels, colour (premultiplied, 0–255) and texture coordinates.
#[derive(Clone, Copy)]
pub struct TriangleVertex {
    x_sub: f64,
    y_sub: f64,
    rgba: [f32; 4],
    uv: [f32; 2],
}

impl TriangleVertex {
    pub fn new(v: &egui::epaint::Vertex, pixels_per_point: f32) -> Self {
        let snap = |p: f32| (f64::from(p * pixels_per_point) * SUBPIXEL).round();
        Self {
            x_sub: snap(v.pos.x),
            y_sub: snap(v.pos.y),
            rgba: v.color.to_array().map(f32::from),
            uv: [v.uv.x, v.uv.y],
        }
    }
}

/// A mesh with its corners in pixels. Every index is below `vertices.len()`.
pub struct PixelMesh<'a> {
    pub vertices: Vec<TriangleVertex>,
    pub indices: &'a [u32],
}

impl PixelMesh<'_> {
    /// The first and last pixel row a triangle (the offset of its first index) can touch.
    pub fn rows_of(&self, first: usize) -> (f64, f64) {
        centres_within([0, 1, 2].map(|k| self.vertices[self.indices[first + k] as usize].y_sub))
    }
}

/// The first and last pixel (column or row) whose centre lies within the span of three sub-pixel
/// coordinates.
fn centres_within(s: [f64; 3]) -> (f64, f64) {
    let to_px = |s: f64| s / SUBPIXEL - 0.5;
    (to_px(s[0].min(s[1]).min(s[2])).ceil(), to_px(s[0].max(s[1]).max(s[2])).floor())
}

/// Rows `y0..` of the image, `width` pixels each.
pub struct Band<'a> {
    pub pixels: &'a mut [[u8; 4]],
    pub width: usize,
    pub y0: usize,
}

/// An edge function `e(x, y) = a·x + b·y + c` over sub-pixel coordinates, positive inside.
#[derive(Clone, Copy)]
struct Edge {
    a: f64,
    b: f64,
    c: f64,
    /// 0 if a centre exactly on this edge is inside, 1 if it is outside (the tie-break).
    bias: f64,
}

impl Edge {
    fn new(from: &TriangleVertex, to: &TriangleVertex) -> Self {
        let (dx, dy) = (to.x_sub - from.x_sub, to.y_sub - from.y_sub);
        let a = -dy;
        let b = dx;
        let c = dy * from.x_sub - dx * from.y_sub;
        // The top-left rule, as GPUs fill: in this winding (y down) a left edge runs up and a top edge runs
        // right. Reversing an edge negates (dx, dy), so of two triangles sharing it exactly one takes the tie.
        let takes_ties = dy < 0.0 || (dy == 0.0 && dx > 0.0);
        Self { a, b, c, bias: if takes_ties { 0.0 } else { 1.0 } }
    }

    fn at(&self, x_sub: f64, y_sub: f64) -> f64 {
        self.a * x_sub + self.b * y_sub + self.c
    }
}

impl Band<'_> {
    fn rows(&self) -> usize {
        self.pixels.len() / self.width.max(1)
    }

    /// Draws a mesh's triangles `triangles` (offsets of their first index), in order, inside `clip_px`
    /// (`[x0, y0, x1, y1]`, whole image pixels).
    pub fn draw_mesh(&mut self, mesh: &PixelMesh<'_>, triangles: &[u32], texture: &Texture, clip_px: [usize; 4]) {
        let y_end = self.y0 + self.rows();
        let clip = [clip_px[0], clip_px[1].max(self.y0), clip_px[2], clip_px[3].min(y_end)];
        if clip[1] >= clip[3] {
            return;
        }
        for &first in triangles {
            let first = first as usize;
            let [a, b, c] = [0, 1, 2].map(|k| mesh.vertices[mesh.indices[first + k] as usize]);
            self.draw_triangle(a, b, c, texture, clip);
        }
    }

    fn draw_triangle(
        &mut self,
        v0: TriangleVertex,
        mut v1: TriangleVertex,
        mut v2: TriangleVertex,
        texture: &Texture,
        clip: [usize; 4],
    ) {
        let mut area = Edge::new(&v0, &v1).at(v2.x_sub, v2.y_sub);
        if area == 0.0 || !area.is_finite() {
            return;
        }
        if area < 0.0 {
            std::mem::swap(&mut v1, &mut v2);
            area = -area;
        }
        // Pixel rows and columns whose centres can be inside, within the clip rect.
        let (min_x, max_x) = centres_within([v0.x_sub, v1.x_sub, v2.x_sub]);
        let (min_y, max_y) = centres_within([v0.y_sub, v1.y_sub, v2.y_sub]);
        let (min_x, max_x) = (min_x.max(clip[0] as f64), max_x.min(clip[2] as f64 - 1.0));
        let (min_y, max_y) = (min_y.max(clip[1] as f64), max_y.min(clip[3] as f64 - 1.0));
        if min_x > max_x || min_y > max_y {
            return;
        }
        // e0 weighs v0 (the edge facing it), e1 weighs v1, e2 weighs v2.
        let edges: [Edge; 3] = [Edge::new(&v1, &v2), Edge::new(&v2, &v0), Edge::new(&v0, &v1)];
        let shade = Shade::new([&v0, &v1, &v2], area, texture);
        let (x_lo, x_hi) = (min_x as usize, max_x as usize);
        let (first_row, last_row) = (min_y as usize, max_y as usize);
        // Corners within 2^24 sub-pixels (65,536 pixels) keep every product of the edge setup exact.
        let near = [&v0, &v1, &v2].iter().all(|v| v.x_sub.abs() < EXACT_CORNER && v.y_sub.abs() < EXACT_CORNER);
        let spans = match near.then(|| ExactRows::new(&edges, first_row, last_row)).flatten() {
            Some(exact) => Spans::Exact(exact),
            None => Spans::Float(Rows::new(edges, first_row)),
        };
        for y in first_row..=last_row {
            let span = match &spans {
                Spans::Exact(exact) => exact.span(y - first_row, x_lo, x_hi),
                Spans::Float(rows) => rows.span(y, x_lo, x_hi),
            };
            let Some((xa, xb)) = span else { continue };
            let row = (y - self.y0) * self.width;
            let pixels = &mut self.pixels[row + xa..=row + xb];
            shade.fill(pixels, &edges, xa, (y as f64 + 0.5) * SUBPIXEL);
        }
    }
}

enum Spans {
    Exact(ExactRows),
    Float(Rows),
}

/// Where each row of a triangle starts and ends, in integers: every edge value is a whole number of
/// 1/256-pixel units squared, so `A·x + B ≥ 0` is solved exactly per row (no per-pixel tests).
struct ExactRows {
    /// Per edge: `A` (change per column), `B` in the first row and its change per row.
    per_column: [i64; 3],
    at_first_row: [i64; 3],
    per_row: [i64; 3],
}

/// Corners (in sub-pixels) whose edge functions are computed exactly.
const EXACT_CORNER: f64 = (1u64 << 24) as f64;

/// Edge values stay exact in `f64` and `i64` below this.
const EXACT_LIMIT: f64 = (1u64 << 52) as f64;

impl ExactRows {
    /// `None` when a value could leave the exact range (corners far outside the image): the float path
    /// then takes the triangle.
    fn new(edges: &[Edge; 3], first_row: usize, last_row: usize) -> Option<Self> {
        let y_sub = |row: usize| (row as f64 + 0.5) * SUBPIXEL;
        let mut out = Self { per_column: [0; 3], at_first_row: [0; 3], per_row: [0; 3] };
        for (i, e) in edges.iter().enumerate() {
            // e(x, y) − bias with x_sub = 256·x + 128: A = 256·a, B = 128·a + b·y_sub + c − bias.
            let a = e.a * SUBPIXEL;
            let b_first = e.a * SUBPIXEL / 2.0 + e.b * y_sub(first_row) + e.c - e.bias;
            let b_last = e.a * SUBPIXEL / 2.0 + e.b * y_sub(last_row) + e.c - e.bias;
            let per_row = e.b * SUBPIXEL;
            // B is linear in the row, so between its first and last values: in range there, in range
            // throughout (and `k · per_row`, their difference, too).
            if [a, b_first, b_last, per_row].iter().any(|v| v.is_nan() || v.abs() >= EXACT_LIMIT) {
                return None;
            }
            out.per_column[i] = a as i64;
            out.at_first_row[i] = b_first as i64;
            out.per_row[i] = per_row as i64;
        }
        Some(out)
    }

    /// The columns of row `first_row + k` inside the triangle, within `x_lo..=x_hi`.
    fn span(&self, k: usize, x_lo: usize, x_hi: usize) -> Option<(usize, usize)> {
        let (mut lo, mut hi) = (x_lo as i64, x_hi as i64);
        for i in 0..3 {
            let (a, b) = (self.per_column[i], self.at_first_row[i] + k as i64 * self.per_row[i]);
            match a.signum() {
                // a·x + b ≥ 0  ⇔  x ≥ ⌈−b / a⌉
                1 => lo = lo.max(-(b.div_euclid(a))),
                // a·x + b ≥ 0  ⇔  x ≤ ⌊b / −a⌋
                -1 => hi = hi.min(b.div_euclid(-a)),
                _ if b < 0 => return None,
                _ => {}
            }
        }
        (lo <= hi).then_some((lo as usize, hi as usize))
    }
}

/// Where each row of a triangle starts and ends, from its edges' lines (no division per row): the path
/// for triangles whose edge values are too large to be exact.
struct Rows {
    edges: [Edge; 3],
    /// Per edge: the column where its test turns, in the triangle's first row, and its change per row.
    x_at_first: [f64; 3],
    x_per_row: [f64; 3],
    first_row: f64,
}

/// Margin on the estimated ends of a row: far above the rounding of the estimate, far below a pixel.
const SPAN_MARGIN: f64 = 1.0 / 64.0;

impl Rows {
    fn new(edges: [Edge; 3], first_row: usize) -> Self {
        let first_row = first_row as f64;
        let y_sub = (first_row + 0.5) * SUBPIXEL;
        // e(x) = a·(x + ½)·256 + b·y_sub + c − bias ≥ 0 turns at x = −(b·y_sub + c − bias) / (256·a) − ½.
        let x_at_first =
            edges.map(|e| if e.a == 0.0 { 0.0 } else { -(e.b * y_sub + e.c - e.bias) / (e.a * SUBPIXEL) - 0.5 });
        let x_per_row = edges.map(|e| if e.a == 0.0 { 0.0 } else { -e.b / e.a });
        Self { edges, x_at_first, x_per_row, first_row }
    }

    fn inside(&self, x: usize, y_sub: f64) -> bool {
        let x_sub = (x as f64 + 0.5) * SUBPIXEL;
        self.edges.iter().all(|e| e.at(x_sub, y_sub) - e.bias >= 0.0)
    }

    /// The first and last column of row `y` whose centres pass all three edge tests, within `x_lo..=x_hi`.
    fn span(&self, y: usize, x_lo: usize, x_hi: usize) -> Option<(usize, usize)> {
        let y_sub = (y as f64 + 0.5) * SUBPIXEL;
        let rows = y as f64 - self.first_row;
        let (mut lo, mut hi) = (x_lo as f64, x_hi as f64);
        for (i, e) in self.edges.iter().enumerate() {
            if e.a == 0.0 {
                if e.b * y_sub + e.c - e.bias < 0.0 {
                    return None;
                }
                continue;
            }
            let x = self.x_at_first[i] + rows * self.x_per_row[i];
            if e.a > 0.0 {
                lo = lo.max(x - SPAN_MARGIN);
            } else {
                hi = hi.min(x + SPAN_MARGIN);
            }
        }
        // `max` and `min` drop a NaN estimate; an inverted span (or NaN bounds) draws nothing.
        if lo.partial_cmp(&hi).is_none_or(std::cmp::Ordering::is_gt) {
            return None;
        }
        // The casts truncate: `a` may be one column early and `b` one late; the exact tests decide.
        let (mut a, mut b) = (lo as usize, (hi as usize).min(x_hi));
        while a <= b && !self.inside(a, y_sub) {
            a += 1;
        }
        while b > a && !self.inside(b, y_sub) {
            b -= 1;
        }
        (a <= b && self.inside(a, y_sub)).then_some((a, b))
    }
}

/// How a triangle colours its pixels: one colour for all (solid fills, most of a map), or interpolated.
enum Shade<'t> {
    Flat([u8; 4]),
    /// Colours vary; the texel is one for the whole triangle (anti-aliased edges of solid shapes).
    Shaded {
        corners: [TriangleVertex; 3],
        inv_area: f64,
        texel: [f32; 4],
    },
    Textured {
        corners: [TriangleVertex; 3],
        inv_area: f64,
        texture: &'t Texture,
    },
}

impl<'t> Shade<'t> {
    fn new(v: [&TriangleVertex; 3], area: f64, texture: &'t Texture) -> Self {
        let corners = [*v[0], *v[1], *v[2]];
        let inv_area = 1.0 / area;
        if v[0].uv != v[1].uv || v[0].uv != v[2].uv {
            return Self::Textured { corners, inv_area, texture };
        }
        let texel = texture.sample(v[0].uv[0], v[0].uv[1]);
        if v[0].rgba == v[1].rgba && v[0].rgba == v[2].rgba {
            Self::Flat(std::array::from_fn(|c| to_u8(v[0].rgba[c] * texel[c] / 255.0)))
        } else {
            Self::Shaded { corners, inv_area, texel }
        }
    }

    /// Blends the span starting at column `x0` of row `y_sub` (every pixel of it is inside).
    fn fill(&self, pixels: &mut [[u8; 4]], edges: &[Edge; 3], x0: usize, y_sub: f64) {
        match self {
            Self::Flat(src) if src[3] == 255 => pixels.fill(*src),
            Self::Flat([0, 0, 0, 0]) => {}
            Self::Flat(src) => {
                let keep = 255 - u32::from(src[3]);
                for d in pixels {
                    *d = std::array::from_fn(|c| src[c].saturating_add(div_255(u32::from(d[c]) * keep)));
                }
            }
            Self::Shaded { corners: [v0, v1, v2], inv_area, texel } => {
                let weights = Weights::new(edges, x0, y_sub, *inv_area);
                for (d, [l1, l2]) in pixels.iter_mut().zip(weights) {
                    let lerp = |a: f32, b: f32, c: f32| a + l1 * (b - a) + l2 * (c - a);
                    blend(d, std::array::from_fn(|c| lerp(v0.rgba[c], v1.rgba[c], v2.rgba[c]) * texel[c] / 255.0));
                }
            }
            Self::Textured { corners: [v0, v1, v2], inv_area, texture } => {
                let weights = Weights::new(edges, x0, y_sub, *inv_area);
                let flat_colour = v0.rgba == v1.rgba && v0.rgba == v2.rgba;
                for (d, [l1, l2]) in pixels.iter_mut().zip(weights) {
                    let lerp = |a: f32, b: f32, c: f32| a + l1 * (b - a) + l2 * (c - a);
                    let texel = texture.sample(lerp(v0.uv[0], v1.uv[0], v2.uv[0]), lerp(v0.uv[1], v1.uv[1], v2.uv[1]));
                    let colour =
                        |c: usize| if flat_colour { v0.rgba[c] } else { lerp(v0.rgba[c], v1.rgba[c], v2.rgba[c]) };
                    blend(d, std::array::from_fn(|c| colour(c) * texel[c] / 255.0));
                }
            }
        }
    }
}

/// The weights of the second and third corner at the centres of a row's pixels, from column `x0` on: they
/// change by a constant from one column to the next.
struct Weights {
    l: [f64; 2],
    per_column: [f64; 2],
}

impl Weights {
    fn new(edges: &[Edge; 3], x0: usize, y_sub: f64, inv_area: f64) -> Self {
        let x_sub = (x0 as f64 + 0.5) * SUBPIXEL;
        Self {
            l: [edges[1].at(x_sub, y_sub) * inv_area, edges[2].at(x_sub, y_sub) * inv_area],
            per_column: [edges[1].a * SUBPIXEL * inv_area, edges[2].a * SUBPIXEL * inv_area],
        }
    }
}

impl Iterator for Weights {
    type Item = [f32; 2];

    fn next(&mut self) -> Option<[f32; 2]> {
        let here = [self.l[0] as f32, self.l[1] as f32];
        self.l = [self.l[0] + self.per_column[0], self.l[1] + self.per_column[1]];
        Some(here)
    }
}

/// Premultiplied source-over (`src + dst·(1 − src_alpha)`), rounded to eight bits as the GPU stores it.
fn blend(dst: &mut [u8; 4], src: [f32; 4]) {
    if src[3] <= 0.0 && src[..3].iter().all(|&c| c <= 0.0) {
        return;
    }
    let keep = 1.0 - src[3] / 255.0;
    *dst = std::array::from_fn(|c| to_u8(src[c] + f32::from(dst[c]) * keep));
}

/// Rounds a 0–255 value to eight bits (the cast saturates; `f32::round` is a library call).
fn to_u8(v: f32) -> u8 {
    (v + 0.5) as u8
}

/// `round(x / 255)` for `x ≤ 255²`, without a division.
fn div_255(x: u32) -> u8 {
    let x = x + 128;
    ((x + (x >> 8)) >> 8) as u8
}
