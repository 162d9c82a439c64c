//! Polygon layers projected and triangulated once at load, ready to be turned into screen meshes.

use std::ops::Range;

use crate::model::{Area, GeoPolygon};

use super::projection::{MapPoint, MapRect, map_from_geo};

/// One area's prepared geometry: ranges into its layer's shared buffers.
#[derive(Clone, Debug)]
pub struct PreparedArea {
    /// Bounding box in map space, for culling and hit tests.
    pub bbox: MapRect,
    /// Its triangles, as a range into [`PreparedLayer::indices`].
    pub triangles: Range<usize>,
    /// Its rings (exterior and holes of every polygon), as ranges into [`PreparedLayer::vertices`].
    pub rings: Vec<Range<usize>>,
    /// How many rings each polygon has (its exterior, then its holes), in `rings` order.
    pub polygon_ring_counts: Vec<usize>,
    /// Area in square kilometres (sum of its triangles).
    pub area_km2: f64,
    /// Where its label goes: the area-weighted centroid of its largest polygon, or that polygon's
    /// largest triangle's centroid when the centroid falls outside (a crescent-shaped country).
    pub label_at: MapPoint,
    /// Its triangles by place, for point tests.
    pub grid: super::tri_grid::TriangleGrid,
}

/// A polygon layer in map space: all vertices in one buffer, triangles as indices into it.
#[derive(Clone, Debug, Default)]
pub struct PreparedLayer {
    /// Projected vertices of every ring of every area.
    pub vertices: Vec<MapPoint>,
    /// Triangle corners, three per triangle, indexing `vertices`.
    pub indices: Vec<u32>,
    /// One entry per area, in the order of the source areas.
    pub areas: Vec<PreparedArea>,
    /// Triangulation failures (area name and reason); the area is then drawn as outline only.
    pub problems: Vec<String>,
}

fn triangle_area(a: MapPoint, b: MapPoint, c: MapPoint) -> f64 {
    ((b.x_km - a.x_km) * (c.y_km - a.y_km) - (c.x_km - a.x_km) * (b.y_km - a.y_km)) / 2.0
}

/// Signed shoelace area of a ring in map space.
pub fn ring_area_km2(ring: &[MapPoint]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a.x_km * b.y_km - b.x_km * a.y_km
        })
        .sum::<f64>()
        / 2.0
}

impl PreparedLayer {
    /// Projects and triangulates every area.
    pub fn build(areas: &[Area]) -> Self {
        use rayon::prelude::*;
        // The bundled polygons' triangles come from the build script (`baked`); the others' triangulations
        // are independent and most of the work: they run on every core, then the layer is assembled in order.
        let projected: Vec<Vec<ProjectedPolygon>> = areas
            .par_iter()
            .map(|area| {
                area.polygons
                    .par_iter()
                    .map(|polygon| {
                        let (flat, holes) = flat_rings(polygon);
                        let triangles = match super::baked::triangles(&flat, &holes) {
                            Some(t) => Ok(t),
                            None => super::triangulate::triangulate(&flat, &holes),
                        };
                        ProjectedPolygon { flat, holes, triangles }
                    })
                    .collect()
            })
            .collect();
        let mut layer = Self::default();
        for (area, polygons) in areas.iter().zip(projected) {
            let prepared = layer.add_area(area, polygons);
            layer.areas.push(prepared);
        }
        layer
    }

    fn add_area(&mut self, area: &Area, polygons: Vec<ProjectedPolygon>) -> PreparedArea {
        let first_index = self.indices.len();
        let mut bbox = MapRect::NOTHING;
        let mut rings = Vec::new();
        let mut area_km2 = 0.0;
        let mut best: Option<(f64, MapPoint, MapPoint)> = None; // (polygon area, centroid, biggest triangle centroid)
        for polygon in polygons {
            let base = self.vertices.len();
            self.push_polygon(&polygon, &mut bbox, &mut rings);
            let triangles = match polygon.triangles {
                Ok(t) => t,
                Err(e) => {
                    self.problems.push(format!("{}: cannot fill a polygon: {e}", area.name));
                    continue;
                }
            };
            let (mut poly_area, mut cx, mut cy) = (0.0, 0.0, 0.0);
            let mut biggest = (0.0, MapPoint::default());
            for tri in triangles.chunks_exact(3) {
                let [a, b, c] =
                    [tri[0], tri[1], tri[2]].map(|i| self.vertices.get(base + i).copied().unwrap_or_default());
                let t_area = triangle_area(a, b, c).abs();
                let centroid = MapPoint::new((a.x_km + b.x_km + c.x_km) / 3.0, (a.y_km + b.y_km + c.y_km) / 3.0);
                poly_area += t_area;
                cx += centroid.x_km * t_area;
                cy += centroid.y_km * t_area;
                if t_area > biggest.0 {
                    biggest = (t_area, centroid);
                }
                self.indices.extend(tri.iter().map(|&i| (base + i) as u32));
            }
            area_km2 += poly_area;
            if poly_area > 0.0 && best.is_none_or(|(a, _, _)| poly_area > a) {
                best = Some((poly_area, MapPoint::new(cx / poly_area, cy / poly_area), biggest.1));
            }
        }
        let triangles = first_index..self.indices.len();
        let label_at =
            best.map_or(
                bbox.center(),
                |(_, centroid, fallback)| {
                    if self.contains_in(&triangles, centroid) { centroid } else { fallback }
                },
            );
        let polygon_ring_counts = area.polygons.iter().map(|p| 1 + p.holes.len()).collect();
        let grid = super::tri_grid::TriangleGrid::build(bbox, &self.vertices, &self.indices, triangles.clone());
        PreparedArea { bbox, triangles, rings, polygon_ring_counts, area_km2, label_at, grid }
    }

    fn push_polygon(&mut self, polygon: &ProjectedPolygon, bbox: &mut MapRect, rings: &mut Vec<Range<usize>>) {
        let base = self.vertices.len();
        let count = polygon.flat.len() / 2;
        let starts = std::iter::once(0).chain(polygon.holes.iter().copied());
        let ends = polygon.holes.iter().copied().chain(std::iter::once(count));
        for (start, end) in starts.zip(ends) {
            rings.push(base + start..base + end);
        }
        for xy in polygon.flat.chunks_exact(2) {
            let p = MapPoint::new(xy[0], xy[1]);
            bbox.extend(p);
            self.vertices.push(p);
        }
    }

    fn contains_in(&self, triangles: &Range<usize>, p: MapPoint) -> bool {
        let Some(indices) = self.indices.get(triangles.clone()) else { return false };
        indices.chunks_exact(3).any(|tri| {
            let v = |k: usize| tri.get(k).and_then(|&i| self.vertices.get(i as usize)).copied().unwrap_or_default();
            point_in_triangle(p, v(0), v(1), v(2))
        })
    }

    /// True when the area holds the map point: its box, then the triangles of its grid cell.
    fn holds(&self, a: &PreparedArea, p: MapPoint) -> bool {
        a.bbox.contains(p)
            && a.grid.candidates(p).iter().any(|&start| {
                let corner = |k: usize| {
                    self.indices.get(start as usize + k).and_then(|&i| self.vertices.get(i as usize)).copied()
                };
                match (corner(0), corner(1), corner(2)) {
                    (Some(x), Some(y), Some(z)) => point_in_triangle(p, x, y, z),
                    _ => false,
                }
            })
    }

    /// The index of the first area containing the map point, testing only areas whose box holds it.
    pub fn hit(&self, p: MapPoint) -> Option<usize> {
        self.areas.iter().position(|a| self.holds(a, p))
    }

    /// The index of an area other than `skip` containing the map point.
    pub fn hit_other(&self, skip: usize, p: MapPoint) -> Option<usize> {
        self.areas.iter().enumerate().find(|&(i, a)| i != skip && self.holds(a, p)).map(|(i, _)| i)
    }

    /// True when area `index` contains the map point.
    pub fn hit_area(&self, index: usize, p: MapPoint) -> bool {
        self.areas.get(index).is_some_and(|a| self.holds(a, p))
    }

    /// Bounding box of the areas for which `pick` is true.
    pub fn bbox_of(&self, mut pick: impl FnMut(usize) -> bool) -> MapRect {
        let mut r = MapRect::NOTHING;
        for (i, a) in self.areas.iter().enumerate() {
            if pick(i) {
                r.union(&a.bbox);
            }
        }
        r
    }
}

/// A polygon projected (its rings as [`flat_rings`] gives them) and triangulated, in the parallel phase of
/// [`PreparedLayer::build`].
struct ProjectedPolygon {
    flat: Vec<f64>,
    holes: Vec<usize>,
    triangles: Result<Vec<usize>, String>,
}

/// A polygon's projected rings as flat `x, y` pairs and the vertex index where each hole starts (what
/// `triangulate` takes), in the order `push_polygon` stores them.
fn flat_rings(polygon: &GeoPolygon) -> (Vec<f64>, Vec<usize>) {
    let mut flat = Vec::with_capacity(polygon.vertex_count() * 2);
    let mut holes = Vec::with_capacity(polygon.holes.len());
    for (r, ring) in polygon.rings().enumerate() {
        if r > 0 {
            holes.push(flat.len() / 2);
        }
        for &g in ring {
            let p = map_from_geo(g);
            flat.push(p.x_km);
            flat.push(p.y_km);
        }
    }
    (flat, holes)
}

fn point_in_triangle(p: MapPoint, a: MapPoint, b: MapPoint, c: MapPoint) -> bool {
    let d1 = triangle_area(p, a, b);
    let d2 = triangle_area(p, b, c);
    let d3 = triangle_area(p, c, a);
    let has_neg = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let has_pos = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(has_neg && has_pos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AreaRole, GeoPoint};

    fn square_with_hole() -> Area {
        let ring = |x0: f64, y0: f64, s: f64| {
            vec![
                GeoPoint::lon_lat(x0, y0),
                GeoPoint::lon_lat(x0 + s, y0),
                GeoPoint::lon_lat(x0 + s, y0 + s),
                GeoPoint::lon_lat(x0, y0 + s),
            ]
        };
        Area {
            id: "T".into(),
            name: "Test".into(),
            local_name: None,
            role: AreaRole::Focus,
            country: None,
            polygons: vec![GeoPolygon { exterior: ring(44.0, 30.0, 4.0), holes: vec![ring(45.0, 31.0, 1.0)] }],
        }
    }

    /// The build script read every bundled polygon as the app does, and triangulated it as the app would:
    /// fails when a change to the loader, the projection or the triangulation is not seen by `build.rs`.
    #[test]
    fn every_bundled_polygon_has_its_triangles_baked_as_the_app_makes_them() {
        let atlas = crate::model::bundled::atlas().unwrap();
        let mut polygons = 0;
        for area in [&atlas.countries, &atlas.world, &atlas.provinces, &atlas.lakes].into_iter().flatten() {
            for polygon in &area.polygons {
                let (flat, holes) = flat_rings(polygon);
                let baked = super::super::baked::triangles(&flat, &holes);
                let computed = super::super::triangulate::triangulate(&flat, &holes).ok();
                assert!(baked.is_some(), "{}: a polygon of {} vertices is not baked", area.name, flat.len() / 2);
                assert_eq!(baked, computed, "{}", area.name);
                polygons += 1;
            }
        }
        assert!(polygons > 1000, "{polygons} polygons");
        assert_eq!(super::super::baked::len(), polygons, "the table holds exactly the bundled polygons");
    }

    #[test]
    fn a_polygon_not_in_the_table_is_triangulated_at_run_time() {
        let mut area = square_with_hole();
        area.polygons[0].exterior[0].lon += 1e-9;
        let (flat, holes) = flat_rings(&area.polygons[0]);
        assert_eq!(super::super::baked::triangles(&flat, &holes), None);
        let layer = PreparedLayer::build(&[area]);
        assert!(layer.problems.is_empty());
        assert_eq!(layer.areas[0].triangles.len() % 3, 0);
        assert!(!layer.areas[0].triangles.is_empty());
    }

    #[test]
    fn triangles_cover_the_polygon_minus_its_hole() {
        let layer = PreparedLayer::build(&[square_with_hole()]);
        let a = &layer.areas[0];
        let outer = ring_area_km2(&layer.vertices[a.rings[0].clone()]).abs();
        let hole = ring_area_km2(&layer.vertices[a.rings[1].clone()]).abs();
        assert!(((outer - hole) / a.area_km2 - 1.0).abs() < 1e-9);
        let inside = map_from_geo(GeoPoint::lon_lat(44.5, 30.5));
        let in_hole = map_from_geo(GeoPoint::lon_lat(45.5, 31.5));
        assert_eq!(layer.hit(inside), Some(0));
        assert_eq!(layer.hit(in_hole), None);
        assert!(layer.contains_in(&a.triangles, a.label_at), "label point lies on the land");
    }
}
