//! The user's imported layers on the map: each source's records at the current date as one mesh of
//! markers in its colour (the shape says the category, the size the deaths), fading after they end as the
//! atlas's own events do; lines and areas drawn while their dates hold.

use egui::epaint::{Mesh, PathStroke};
use egui::{Color32, Painter, Pos2, Shape, Stroke, Vec2};

use crate::import::records::Shape as RecordShape;
use crate::import::sources::DataSources;
use crate::model::GeoPoint;
use crate::theme;

use super::content::{Marker, MarkerItem};
use super::projection::Projector;

/// The most markers a source draws in one frame; past it the frame would stall on a software renderer.
pub const MAX_MARKERS_PER_SOURCE: usize = 50_000;

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

/// Draws every visible source for the date; returns the markers drawn, for hovering and clicking.
pub fn imported_ui(painter: &Painter, p: &Projector, inputs: &ImportedInputs<'_>) -> Vec<Marker> {
    let view = p.screen_rect;
    let mut markers = Vec::new();
    for source in inputs.sources.sources.iter().filter(|s| s.visible) {
        let r = &source.imported.records;
        let color = theme::import_color(source.color);
        let mut active: Vec<(usize, f32)> = source.active_at(inputs.day, inputs.window_days).collect();
        // Weakest first, so the freshest draw on top.
        active.sort_by(|a, b| a.1.total_cmp(&b.1));
        // Lines and areas first, under the markers.
        let mut shapes = Mesh::default();
        for (i, strength) in &active {
            let Ok(k) = r.shapes.binary_search_by_key(&(*i as u32), |(rec, _)| *rec) else { continue };
            let Some((_, shape)) = r.shapes.get(k) else { continue };
            let stroke = PathStroke::new(2.0, color.gamma_multiply(0.4 + 0.6 * strength));
            match shape {
                RecordShape::Line(pts) => {
                    painter.add(Shape::line(screen_points(p, pts), stroke));
                }
                RecordShape::Area(rings) => {
                    for ring in rings {
                        let pts = screen_points(p, ring);
                        fill_ring(&mut shapes, &pts, color.gamma_multiply(0.22 * strength));
                        painter.add(Shape::closed_line(pts, stroke.clone()));
                    }
                }
            }
        }
        painter.add(Shape::mesh(shapes));
        let mut mesh = Mesh::default();
        for (i, strength) in active {
            if !r.has_place(i)
                || r.shapes
                    .binary_search_by_key(&(i as u32), |(rec, _)| *rec)
                    .is_ok_and(|k| matches!(r.shapes.get(k), Some((_, RecordShape::Area(_)))))
            {
                continue;
            }
            let (Some(&lon), Some(&lat)) = (r.lon.get(i), r.lat.get(i)) else { continue };
            let at = p.screen_from_geo(GeoPoint::lon_lat(f64::from(lon), f64::from(lat)));
            if !view.expand(8.0).contains(at) {
                continue;
            }
            if markers.len() >= MAX_MARKERS_PER_SOURCE {
                break;
            }
            let category = r.category.get(i).copied().unwrap_or(0);
            let radius = theme::import_marker_radius(r.fatalities.get(i).copied().unwrap_or(0));
            let fill = color.gamma_multiply(0.3 + 0.7 * strength);
            push_marker(&mut mesh, at, radius, category, fill, inputs.halo.gamma_multiply(0.3 + 0.7 * strength));
            if inputs.selected == Some((source.id, i as u32)) {
                painter.circle_stroke(at, radius + 5.0, Stroke::new(3.0, theme::NOW_LINE));
            }
            markers.push(Marker { item: MarkerItem::Imported { source: source.id, record: i as u32 }, pos: at });
        }
        painter.add(Shape::mesh(mesh));
    }
    markers
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
