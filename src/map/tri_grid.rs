//! An area's triangles bucketed by a uniform grid over its box, so a point test reads one cell's
//! triangles instead of all of them (label placement asks thousands of points per view).

use std::ops::Range;

use super::projection::{MapPoint, MapRect};

/// Triangles per cell aimed at, and the most cells a side.
const TRIANGLES_PER_CELL: usize = 8;
const MAX_SIDE: usize = 64;

/// The grid of one area: for each cell, the triangles (as offsets of their first index) that touch it.
#[derive(Clone, Debug, Default)]
pub struct TriangleGrid {
    bbox: MapRect,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

impl TriangleGrid {
    /// Buckets the triangles `indices[triangles]` (three corners each, indexing `vertices`).
    pub fn build(bbox: MapRect, vertices: &[MapPoint], indices: &[u32], triangles: Range<usize>) -> Self {
        let count = triangles.len() / 3;
        let side = ((count / TRIANGLES_PER_CELL) as f64).sqrt().ceil().clamp(1.0, MAX_SIDE as f64) as usize;
        let mut grid = Self { bbox, cols: side, rows: side, cells: vec![Vec::new(); side * side] };
        let corner = |i: usize| indices.get(i).and_then(|&v| vertices.get(v as usize)).copied();
        for start in triangles.step_by(3) {
            let (Some(a), Some(b), Some(c)) = (corner(start), corner(start + 1), corner(start + 2)) else { continue };
            let (min_x, max_x) = (a.x_km.min(b.x_km).min(c.x_km), a.x_km.max(b.x_km).max(c.x_km));
            let (min_y, max_y) = (a.y_km.min(b.y_km).min(c.y_km), a.y_km.max(b.y_km).max(c.y_km));
            let (c0, r0) = grid.cell_of(min_x, min_y);
            let (c1, r1) = grid.cell_of(max_x, max_y);
            for r in r0..=r1 {
                for col in c0..=c1 {
                    if let Some(cell) = grid.cells.get_mut(r * grid.cols + col) {
                        cell.push(start as u32);
                    }
                }
            }
        }
        grid
    }

    fn cell_of(&self, x_km: f64, y_km: f64) -> (usize, usize) {
        let fx = (x_km - self.bbox.min.x_km) / (self.bbox.max.x_km - self.bbox.min.x_km).max(1e-9);
        let fy = (y_km - self.bbox.min.y_km) / (self.bbox.max.y_km - self.bbox.min.y_km).max(1e-9);
        let at = |f: f64, n: usize| ((f * n as f64).floor().max(0.0) as usize).min(n - 1);
        (at(fx, self.cols), at(fy, self.rows))
    }

    /// The first indices of the triangles that may hold `p` (none outside the box).
    pub fn candidates(&self, p: MapPoint) -> &[u32] {
        if !self.bbox.contains(p) {
            return &[];
        }
        let (col, row) = self.cell_of(p.x_km, p.y_km);
        self.cells.get(row * self.cols + col).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ring of thin triangles around a hole (like a country's outline): the grid finds the triangle
    /// holding each point that a scan over all of them finds, and none where the scan finds none.
    #[test]
    fn the_grid_answers_as_a_scan_of_every_triangle() {
        let n = 400;
        let mut vertices = Vec::new();
        for k in 0..n {
            let t = k as f64 / n as f64 * std::f64::consts::TAU;
            vertices.push(MapPoint::new(100.0 * t.cos(), 100.0 * t.sin()));
            vertices.push(MapPoint::new(60.0 * t.cos(), 60.0 * t.sin()));
        }
        let mut indices = Vec::new();
        for k in 0..n as u32 {
            let (o, i, o2, i2) = (2 * k, 2 * k + 1, (2 * k + 2) % (2 * n as u32), (2 * k + 3) % (2 * n as u32));
            indices.extend([o, i, o2, i, i2, o2]);
        }
        let mut bbox = MapRect::NOTHING;
        vertices.iter().for_each(|&v| bbox.extend(v));
        let grid = TriangleGrid::build(bbox, &vertices, &indices, 0..indices.len());
        let inside = |p: MapPoint, starts: Vec<usize>| {
            starts.into_iter().any(|s| {
                let v = |k: usize| vertices[indices[s + k] as usize];
                let d = |a: MapPoint, b: MapPoint| {
                    (b.x_km - a.x_km) * (p.y_km - a.y_km) - (p.x_km - a.x_km) * (b.y_km - a.y_km)
                };
                let (d1, d2, d3) = (d(v(0), v(1)), d(v(1), v(2)), d(v(2), v(0)));
                !((d1 < 0.0 || d2 < 0.0 || d3 < 0.0) && (d1 > 0.0 || d2 > 0.0 || d3 > 0.0))
            })
        };
        let (mut hits, mut misses) = (0, 0);
        for x in -55..55 {
            for y in -55..55 {
                let p = MapPoint::new(x as f64 * 2.0 + 0.37, y as f64 * 2.0 + 0.11);
                let scan = inside(p, (0..indices.len()).step_by(3).collect());
                let by_grid = inside(p, grid.candidates(p).iter().map(|&s| s as usize).collect());
                assert_eq!(scan, by_grid, "{p:?}");
                if scan { hits += 1 } else { misses += 1 }
            }
        }
        assert!(hits > 1000 && misses > 1000, "{hits} {misses}");
        assert!(grid.cells.iter().map(Vec::len).max().unwrap() < indices.len() / 3 / 4, "cells hold few triangles");
    }
}
