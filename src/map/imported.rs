//! The user's imported layers on the map: each source's records at the current date as one mesh of
//! markers in its colour (the shape says the category, the size the deaths), fading after they end as the
//! atlas's own events do; lines and areas drawn while their dates hold. When more records are visible than
//! a reader can tell apart, they are drawn as density discs instead ([`super::density`]), cross-fading as
//! the user zooms in or narrows the timeline.

use egui::epaint::{Mesh, PathStroke};
use egui::{Color32, Painter, Pos2, Shape, Stroke, Vec2};

const _: () = assert!(crate::theme::IMPORT_COLOR_COUNT == crate::import::sources::COLOR_SLOTS, "one colour a slot");

use crate::import::records::Shape as RecordShape;
use crate::import::sources::{DataSource, DataSources};
use crate::model::GeoPoint;
use crate::theme;

use super::content::{Marker, MarkerItem};
use super::density::{self, Cluster, Grid};
use super::projection::{MapPoint, Projector};

/// Up to this many records in view, each is a marker.
pub const MARKERS_UP_TO: usize = 2_000;
/// From this many, only density discs; in the short range between, both, cross-faded (a long overlap
/// looked like a smear on a small projector map).
pub const DISCS_FROM: usize = 2_600;

/// What the imported layers draw this frame.
pub struct ImportedInputs<'a> {
    /// The sources.
    pub sources: &'a DataSources,
    /// The current day number.
    pub day: f64,
    /// How long records stay highlighted after they end.
    pub window_days: f64,
    /// The open record (source id, record index), ringed.
    pub selected: Option<(u64, u32)>,
    /// Outline colour of markers.
    pub halo: Color32,
}

/// What was drawn, for hovering and clicking.
#[derive(Default)]
pub struct ImportedDrawn {
    /// Individual markers.
    pub markers: Vec<Marker>,
    /// Density discs.
    pub clusters: Vec<Cluster>,
}

/// Marker shapes by category number: circle, square, diamond, triangle, and round again.
fn push_marker(mesh: &mut Mesh, at: Pos2, r: f32, category: u16, fill: Color32, outline: Color32) {
    let corners: &[(f32, f32)] = match category % 4 {
        0 => &[(1.0, 0.0), (0.7, 0.7), (0.0, 1.0), (-0.7, 0.7), (-1.0, 0.0), (-0.7, -0.7), (0.0, -1.0), (0.7, -0.7)],
        1 => &[(0.85, -0.85), (0.85, 0.85), (-0.85, 0.85), (-0.85, -0.85)],
        2 => &[(0.0, -1.25), (1.25, 0.0), (0.0, 1.25), (-1.25, 0.0)],
        _ => &[(0.0, -1.3), (1.15, 0.75), (-1.15, 0.75)],
    };
    for (scale, color) in [(r + 1.2, outline), (r, fill)] {
        let base = mesh.vertices.len() as u32;
        mesh.colored_vertex(at, color);
        for (x, y) in corners {
            mesh.colored_vertex(at + Vec2::new(*x, *y) * scale, color);
        }
        let n = corners.len() as u32;
        for k in 0..n {
            mesh.add_triangle(base, base + 1 + k, base + 1 + (k + 1) % n);
        }
    }
}

fn screen_points(p: &Projector, pts: &[[f32; 2]]) -> Vec<Pos2> {
    pts.iter().map(|q| p.screen_from_geo(GeoPoint::lon_lat(f64::from(q[0]), f64::from(q[1])))).collect()
}

fn is_area(source: &DataSource, i: usize) -> bool {
    let shapes = &source.imported.records.shapes;
    shapes
        .binary_search_by_key(&(i as u32), |(rec, _)| *rec)
        .is_ok_and(|k| matches!(shapes.get(k), Some((_, RecordShape::Area(_)))))
}

/// Screen position of a point of the map's plane given in f32 km (the sources' index), without the
/// projection: a frame over a hundred thousand records only scales and shifts.
fn screen_from_plane(p: &Projector, at: [f32; 2]) -> Pos2 {
    p.screen_from_map(MapPoint::new(f64::from(at[0]), f64::from(at[1])))
}

/// Draws every visible source for the date; returns what was drawn, for hovering and clicking.
pub fn imported_ui(painter: &Painter, p: &Projector, inputs: &ImportedInputs<'_>) -> ImportedDrawn {
    let view = p.screen_rect.expand(8.0);
    let mut drawn = ImportedDrawn::default();
    for source in inputs.sources.sources.iter().filter(|s| s.visible) {
        let color = theme::import_color(source.color);
        draw_shapes(painter, p, source, inputs, color);
        let plane = &source.index.plane_km;
        let in_view = |&(i, _): &(usize, f32)| {
            plane.get(i).is_some_and(|&at| at[0].is_finite() && view.contains(screen_from_plane(p, at)))
        };
        let active = || source.active_at(inputs.day, inputs.window_days);
        let visible = active().filter(in_view).take(DISCS_FROM).count();
        // 0 below MARKERS_UP_TO, 1 from DISCS_FROM: how far the view has gone over to discs.
        let discs = ((visible as f32 - MARKERS_UP_TO as f32) / (DISCS_FROM - MARKERS_UP_TO) as f32).clamp(0.0, 1.0);
        if discs > 0.0 {
            let r = &source.imported.records;
            let mut grid = Grid::new(p);
            for (i, strength) in active() {
                let (Some(&at), Some(&c)) = (plane.get(i), r.category.get(i)) else { continue };
                if at[0].is_finite() {
                    grid.add(at, strength, c, r.fatalities.get(i).copied().unwrap_or(0));
                }
            }
            let clusters = grid.clusters(p, source.id);
            density::draw(painter, &clusters, color, inputs.halo, discs);
            drawn.clusters.extend(clusters.into_iter().map(|(c, _)| c));
        }
        if discs < 1.0 {
            draw_markers(painter, p, source, inputs, 1.0 - discs, &mut drawn.markers);
        } else if let Some((id, i)) = inputs.selected
            && id == source.id
            && let Some(&at) = plane.get(i as usize)
        {
            // The open record stays ringed among the discs.
            let at = screen_from_plane(p, at);
            painter.circle_stroke(at, 9.0, Stroke::new(3.0, theme::NOW_LINE));
        }
    }
    drawn
}

/// Lines and areas, under the markers.
fn draw_shapes(painter: &Painter, p: &Projector, source: &DataSource, inputs: &ImportedInputs<'_>, color: Color32) {
    let r = &source.imported.records;
    if r.shapes.is_empty() {
        return;
    }
    let mut fills = Mesh::default();
    for (i, strength) in source.active_at(inputs.day, inputs.window_days) {
        let Ok(k) = r.shapes.binary_search_by_key(&(i as u32), |(rec, _)| *rec) else { continue };
        let Some((_, shape)) = r.shapes.get(k) else { continue };
        let stroke = PathStroke::new(2.0, color.gamma_multiply(0.4 + 0.6 * strength));
        match shape {
            RecordShape::Line(pts) => {
                painter.add(Shape::line(screen_points(p, pts), stroke));
            }
            RecordShape::Area(rings) => {
                for ring in rings {
                    let pts = screen_points(p, ring);
                    fill_ring(&mut fills, &pts, color.gamma_multiply(0.22 * strength));
                    painter.add(Shape::closed_line(pts, stroke.clone()));
                }
            }
        }
    }
    painter.add(Shape::mesh(fills));
}

/// Individual markers, weakest first so the freshest draw on top.
fn draw_markers(
    painter: &Painter,
    p: &Projector,
    source: &DataSource,
    inputs: &ImportedInputs<'_>,
    opacity: f32,
    markers: &mut Vec<Marker>,
) {
    let r = &source.imported.records;
    let color = theme::import_color(source.color);
    let view = p.screen_rect.expand(8.0);
    let mut shown: Vec<(usize, f32, Pos2)> = source
        .active_at(inputs.day, inputs.window_days)
        .filter_map(|(i, strength)| {
            let at = screen_from_plane(p, *source.index.plane_km.get(i)?);
            (at.x.is_finite() && view.contains(at) && !is_area(source, i)).then_some((i, strength, at))
        })
        .take(DISCS_FROM)
        .collect();
    shown.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut mesh = Mesh::default();
    for (i, strength, at) in shown {
        let category = r.category.get(i).copied().unwrap_or(0);
        let radius = theme::import_marker_radius(r.fatalities.get(i).copied().unwrap_or(0));
        let fade = opacity * (0.3 + 0.7 * strength);
        push_marker(&mut mesh, at, radius, category, color.gamma_multiply(fade), inputs.halo.gamma_multiply(fade));
        if inputs.selected == Some((source.id, i as u32)) {
            painter.circle_stroke(at, radius + 5.0, Stroke::new(3.0, theme::NOW_LINE));
        }
        markers.push(Marker { item: MarkerItem::Imported { source: source.id, record: i as u32 }, pos: at });
    }
    painter.add(Shape::mesh(mesh));
}

/// A translucent fill of a ring (ear clipping; imported areas are few and small).
fn fill_ring(mesh: &mut Mesh, pts: &[Pos2], color: Color32) {
    let flat: Vec<f64> = pts.iter().flat_map(|q| [f64::from(q.x), f64::from(q.y)]).collect();
    let Ok(triangles) = earcutr::earcut(&flat, &[], 2) else { return };
    let base = mesh.vertices.len() as u32;
    for q in pts {
        mesh.colored_vertex(*q, color);
    }
    for t in triangles.chunks_exact(3) {
        if let [a, b, c] = t {
            mesh.add_triangle(base + *a as u32, base + *b as u32, base + *c as u32);
        }
    }
}
