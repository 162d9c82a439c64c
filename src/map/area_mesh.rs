//! Areas (countries, provinces, groups' areas) cut to what the screen shows, appended to a mesh: the fill's
//! visible triangles and the outline's visible runs. The scene, the content layer and the widget share them.

use egui::epaint::{Mesh, PathStroke, tessellator::Path};
use egui::{Color32, Pos2, Rect};

use super::MapRect;
use super::geometry::PreparedLayer;
use super::projection::Projector;

/// A polyline point closer than this to the previous kept point (in screen points) is skipped.
const MIN_SEGMENT_POINTS: f32 = 1.2;

/// Screen position of map vertex `v` under `p`, inlined for the hot loops.
#[inline]
fn to_screen(p: &Projector, v: super::MapPoint) -> Pos2 {
    p.screen_from_map(v)
}

/// Appends an area's triangles that touch `view` (a screen rectangle) to `mesh` in one colour. Only the
/// vertices those triangles use are copied, so a large country seen in part costs only its visible part.
pub fn push_area_fill(mesh: &mut Mesh, layer: &PreparedLayer, index: usize, p: &Projector, color: Color32, view: Rect) {
    let Some(area) = layer.areas.get(index) else { return };
    let (Some(first), Some(last)) = (area.rings.first(), area.rings.last()) else { return };
    let Some(vertices) = layer.vertices.get(first.start..last.end) else { return };
    let Some(indices) = layer.indices.get(area.triangles.clone()) else { return };
    let screen: Vec<Pos2> = vertices.iter().map(|&v| to_screen(p, v)).collect();
    let mut remap = vec![u32::MAX; screen.len()];
    let offset = first.start as u32;
    for tri in indices.chunks_exact(3) {
        let local = [tri[0], tri[1], tri[2]].map(|i| (i - offset) as usize);
        let [a, b, c] = local.map(|i| screen.get(i).copied().unwrap_or(Pos2::ZERO));
        let bounds = Rect::from_min_max(a.min(b).min(c), a.max(b).max(c));
        if !bounds.intersects(view) {
            continue;
        }
        for i in local {
            let Some(slot) = remap.get_mut(i) else { continue };
            if *slot == u32::MAX {
                *slot = mesh.vertices.len() as u32;
                mesh.colored_vertex(screen.get(i).copied().unwrap_or(Pos2::ZERO), color);
            }
            mesh.indices.push(*slot);
        }
    }
}

/// Appends an area's outline strokes to `mesh`: only the parts of rings that cross `view` (a screen
/// rectangle), skipping sub-pixel steps.
pub fn push_area_outline(
    mesh: &mut Mesh,
    layer: &PreparedLayer,
    index: usize,
    p: &Projector,
    stroke: &PathStroke,
    feathering: f32,
    view: Rect,
) {
    let Some(area) = layer.areas.get(index) else { return };
    let mut points: Vec<Pos2> = Vec::new();
    let mut path = Path::default();
    let visible_map = p.visible_map_rect();
    for ring in &area.rings {
        let Some(vertices) = layer.vertices.get(ring.clone()) else { continue };
        let mut ring_box = MapRect::NOTHING;
        vertices.iter().for_each(|&v| ring_box.extend(v));
        if !ring_box.intersects(&visible_map) {
            continue;
        }
        points.clear();
        for &v in vertices {
            let s = to_screen(p, v);
            if points.last().is_none_or(|last| (*last - s).length_sq() >= MIN_SEGMENT_POINTS * MIN_SEGMENT_POINTS) {
                points.push(s);
            }
        }
        if points.len() < 3 {
            continue;
        }
        stroke_visible_ring(&mut path, &points, view.expand(stroke.width + 2.0), stroke, feathering, mesh);
    }
}

/// Strokes the parts of a closed ring whose segments touch `view`: the whole ring if all do, else each
/// visible run as an open line.
fn stroke_visible_ring(
    path: &mut Path,
    points: &[Pos2],
    view: Rect,
    stroke: &PathStroke,
    feathering: f32,
    mesh: &mut Mesh,
) {
    let n = points.len();
    let at = |i: usize| points.get(i % n).copied().unwrap_or(Pos2::ZERO);
    let visible = |i: usize| Rect::from_two_pos(at(i), at(i + 1)).intersects(view);
    let Some(start) = (0..n).find(|&i| !visible(i)) else {
        stroke_ring(path, points, stroke, feathering, mesh);
        return;
    };
    let mut run: Vec<Pos2> = Vec::new();
    for k in 1..=n {
        let i = start + k;
        if visible(i) {
            if run.is_empty() {
                run.push(at(i));
            }
            run.push(at(i + 1));
        } else if !run.is_empty() {
            stroke_open_split(path, &run, stroke, feathering, mesh);
            run.clear();
        }
    }
    if !run.is_empty() {
        stroke_open_split(path, &run, stroke, feathering, mesh);
    }
}

/// Strokes an open line, split at hairpin turns (see [`stroke_ring`]).
fn stroke_open_split(path: &mut Path, points: &[Pos2], stroke: &PathStroke, feathering: f32, mesh: &mut Mesh) {
    let mut from = 0;
    for i in 1..points.len().saturating_sub(1) {
        let (Some(&a), Some(&b), Some(&c)) = (points.get(i - 1), points.get(i), points.get(i + 1)) else { continue };
        if (b - a).normalized().dot((c - b).normalized()) < HAIRPIN_COS {
            if let Some(piece) = points.get(from..=i) {
                path.clear();
                path.add_open_points(piece);
                path.stroke_open(feathering, stroke, mesh);
            }
            from = i;
        }
    }
    if let Some(piece) = points.get(from..).filter(|p| p.len() >= 2) {
        path.clear();
        path.add_open_points(piece);
        path.stroke_open(feathering, stroke, mesh);
    }
}

/// Turns sharper than this (cosine between successive segment directions) split a stroked ring.
const HAIRPIN_COS: f32 = -0.5;

/// Strokes a closed ring. epaint joins segments with unlimited miters, which draw long spikes where a
/// coastline doubles back on itself, so the ring is stroked as open runs split at every hairpin turn
/// (turns over 120°); elsewhere the miter stays under twice the line width.
pub fn stroke_ring(path: &mut Path, points: &[Pos2], stroke: &PathStroke, feathering: f32, mesh: &mut Mesh) {
    let n = points.len();
    let at = |i: usize| points.get(i % n).copied().unwrap_or(Pos2::ZERO);
    let hairpin = |i: usize| {
        let (prev, cur, next) = (at(i + n - 1), at(i), at(i + 1));
        (cur - prev).normalized().dot((next - cur).normalized()) < HAIRPIN_COS
    };
    let cuts: Vec<usize> = (0..n).filter(|&i| hairpin(i)).collect();
    if cuts.is_empty() {
        path.clear();
        path.add_line_loop(points);
        path.stroke_closed(feathering, stroke, mesh);
        return;
    }
    let mut run = Vec::with_capacity(n + 1);
    for (k, &from) in cuts.iter().enumerate() {
        let to = cuts.get(k + 1).copied().unwrap_or(cuts.first().copied().unwrap_or(from) + n);
        let to = if to <= from { to + n } else { to };
        run.clear();
        run.extend((from..=to).map(at));
        path.clear();
        path.add_open_points(&run);
        path.stroke_open(feathering, stroke, mesh);
    }
}
