//! Many imported records at once (a year of ACLED is a hundred thousand) drawn as where they happened:
//! records are counted in square cells of the map's plane — a power-of-two number of km, so cells stay
//! put while the map pans and change only at zoom steps — and each cell is one disc at its records' centre,
//! its area proportional to their number. A teacher sees the fronts, not a smear of markers.

use egui::epaint::Mesh;
use egui::{Align2, Color32, FontId, Painter, Pos2, Vec2};

use super::projection::{MapPoint, Projector};

/// Target cell size on screen, in points.
const CELL_POINTS: f64 = 34.0;
/// Largest disc radius, as a share of the cell.
const MAX_RADIUS_SHARE: f32 = 0.62;
/// Smallest disc radius, in points.
const MIN_RADIUS: f32 = 3.0;
/// Discs this big or more carry their count.
const LABEL_MIN_RADIUS: f32 = 11.0;
/// Counts written on the map at most (the biggest discs).
const MAX_LABELS: usize = 40;

/// A disc of the density layer: what hovering and clicking it need.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The source's id.
    pub source: u64,
    /// Centre on screen.
    pub pos: Pos2,
    /// Radius on screen, in points.
    pub radius: f32,
    /// Records in it.
    pub count: u32,
    /// Their deaths.
    pub fatalities: u64,
    /// Records by category number (the first few categories; the rest under the last).
    pub by_category: [u32; CATEGORY_SLOTS],
    /// Centre on the map's plane.
    pub center: MapPoint,
}

/// Categories counted one by one in a cluster's tooltip.
pub const CATEGORY_SLOTS: usize = 8;

#[derive(Clone, Copy, Default)]
struct Cell {
    weight: f32,
    count: u32,
    fatalities: u64,
    sum: [f64; 2],
    by_category: [u32; CATEGORY_SLOTS],
}

/// Counts records into cells over the visible part of the map.
pub struct Grid {
    cell_km: f64,
    origin: [i64; 2],
    columns: usize,
    rows: usize,
    cells: Vec<Cell>,
}

impl Grid {
    /// A grid covering what `p` shows.
    pub fn new(p: &Projector) -> Self {
        let cell_km = (CELL_POINTS / p.points_per_km.max(1e-9)).log2().round().exp2();
        let r = p.visible_map_rect();
        let origin = [(r.min.x_km / cell_km).floor() as i64, (r.min.y_km / cell_km).floor() as i64];
        let columns = ((r.max.x_km / cell_km).floor() as i64 - origin[0] + 1).clamp(1, 4096) as usize;
        let rows = ((r.max.y_km / cell_km).floor() as i64 - origin[1] + 1).clamp(1, 4096) as usize;
        Self { cell_km, origin, columns, rows, cells: vec![Cell::default(); columns * rows] }
    }

    /// Counts one record at `at_km`, with its fade strength.
    pub fn add(&mut self, at_km: [f32; 2], strength: f32, category: u16, fatalities: u32) {
        let cx = (f64::from(at_km[0]) / self.cell_km).floor() as i64 - self.origin[0];
        let cy = (f64::from(at_km[1]) / self.cell_km).floor() as i64 - self.origin[1];
        if cx < 0 || cy < 0 || cx as usize >= self.columns || cy as usize >= self.rows {
            return;
        }
        let Some(cell) = self.cells.get_mut(cy as usize * self.columns + cx as usize) else { return };
        cell.weight += strength;
        cell.count += 1;
        cell.fatalities += u64::from(fatalities);
        cell.sum[0] += f64::from(at_km[0]);
        cell.sum[1] += f64::from(at_km[1]);
        let slot = (category as usize).min(CATEGORY_SLOTS - 1);
        if let Some(c) = cell.by_category.get_mut(slot) {
            *c += 1;
        }
    }

    /// The discs, largest weight first.
    pub fn clusters(&self, p: &Projector, source: u64) -> Vec<(Cluster, f32)> {
        let max_weight = self.cells.iter().map(|c| c.weight).fold(0.0f32, f32::max).max(1.0);
        let cell_points = (self.cell_km * p.points_per_km) as f32;
        let mut out: Vec<(Cluster, f32)> = self
            .cells
            .iter()
            .filter(|c| c.count > 0 && c.weight > 0.0)
            .map(|c| {
                let center = MapPoint::new(c.sum[0] / f64::from(c.count), c.sum[1] / f64::from(c.count));
                let share = (c.weight / max_weight).sqrt();
                let radius = MIN_RADIUS + (cell_points * MAX_RADIUS_SHARE - MIN_RADIUS).max(0.0) * share;
                let cluster = Cluster {
                    source,
                    pos: p.screen_from_map(center),
                    radius,
                    count: c.count,
                    fatalities: c.fatalities,
                    by_category: c.by_category,
                    center,
                };
                (cluster, c.weight / f64::from(c.count).max(1.0) as f32)
            })
            .collect();
        out.sort_by(|a, b| b.0.radius.total_cmp(&a.0.radius));
        out
    }
}

/// A number as a disc shows it: 950, 1.2k, 12k.
pub fn short_count(n: u32) -> String {
    match n {
        0..1_000 => n.to_string(),
        1_000..10_000 => format!("{:.1}k", f64::from(n) / 1000.0),
        _ => format!("{}k", n / 1000),
    }
}

/// Draws the discs (with `opacity` 0–1 while the layer fades in) and the counts of the biggest.
pub fn draw(painter: &Painter, clusters: &[(Cluster, f32)], color: Color32, halo: Color32, opacity: f32) {
    let mut mesh = Mesh::default();
    // Smallest on top, so a small cluster next to a big one stays visible.
    for (c, strength) in clusters {
        let fade = opacity * (0.45 + 0.55 * strength);
        push_disc(&mut mesh, c.pos, c.radius + 1.5, halo.gamma_multiply(0.8 * fade));
        push_disc(&mut mesh, c.pos, c.radius, color.gamma_multiply(0.72 * fade));
    }
    painter.add(egui::Shape::mesh(mesh));
    if opacity < 0.5 {
        return;
    }
    let text = crate::theme::density_label_color(color);
    for (c, _) in clusters.iter().filter(|(c, _)| c.radius >= LABEL_MIN_RADIUS).take(MAX_LABELS) {
        let size = (c.radius * 0.7).clamp(10.0, 15.0);
        painter.text(c.pos, Align2::CENTER_CENTER, short_count(c.count), FontId::proportional(size), text);
    }
}

fn push_disc(mesh: &mut Mesh, at: Pos2, r: f32, color: Color32) {
    let sides = if r > 12.0 { 28 } else { 14 };
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(at, color);
    for k in 0..sides {
        let a = k as f32 / sides as f32 * std::f32::consts::TAU;
        mesh.colored_vertex(at + Vec2::angled(a) * r, color);
    }
    for k in 0..sides {
        mesh.add_triangle(base, base + 1 + k, base + 1 + (k + 1) % sides);
    }
}

/// The disc under `pointer`, smallest first when discs overlap.
pub fn cluster_at(clusters: &[Cluster], pointer: Pos2) -> Option<usize> {
    clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| c.pos.distance(pointer) <= c.radius.max(6.0))
        .min_by(|a, b| a.1.radius.total_cmp(&b.1.radius))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn projector() -> Projector {
        let rect = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(800.0, 600.0));
        Projector { screen_rect: rect, center: MapPoint::new(0.0, 0.0), points_per_km: 0.1 }
    }

    #[test]
    fn records_in_one_place_make_one_disc_bigger_than_a_lone_one() {
        let p = projector();
        let mut g = Grid::new(&p);
        for _ in 0..100 {
            g.add([100.0, 100.0], 1.0, 0, 2);
        }
        g.add([-1500.0, -1000.0], 1.0, 3, 0);
        // Off the visible map: not counted.
        g.add([90_000.0, 0.0], 1.0, 0, 0);
        let c = g.clusters(&p, 7);
        assert_eq!(c.len(), 2);
        let (big, small) = (&c[0].0, &c[1].0);
        assert_eq!((big.count, big.fatalities, big.by_category[0]), (100, 200, 100));
        assert_eq!((small.count, small.by_category[3]), (1, 1));
        assert!(big.radius > small.radius * 3.0, "{} vs {}", big.radius, small.radius);
        assert!(big.pos.distance(p.screen_from_map(MapPoint::new(100.0, 100.0))) < 0.5);
        let list: Vec<Cluster> = c.into_iter().map(|(c, _)| c).collect();
        assert_eq!(cluster_at(&list, list[1].pos), Some(1));
        assert_eq!(cluster_at(&list, Pos2::new(-500.0, -500.0)), None);
    }

    #[test]
    fn cells_are_fixed_in_map_space_while_panning() {
        let mut p = projector();
        let cell = Grid::new(&p).cell_km;
        p.center = MapPoint::new(37.0, -12.0);
        assert_eq!(Grid::new(&p).cell_km, cell);
        p.points_per_km *= 2.0;
        assert_eq!(Grid::new(&p).cell_km, cell / 2.0);
    }

    #[test]
    fn counts_read_short() {
        assert_eq!(short_count(950), "950");
        assert_eq!(short_count(1234), "1.2k");
        assert_eq!(short_count(45_600), "45k");
    }
}
