//! Triangulating the map's polygons for their fills.
//!
//! Constrained Delaunay triangulation (`spade`) gives well-shaped triangles. An ear-clipper (`earcutr`) gives
//! long slivers across a country with a detailed coastline, and a software renderer (Mesa's llvmpipe, on
//! machines without a GPU) pays for every screen tile a triangle crosses: the slivers made a 4K export's land
//! fill cost more than the rest of the map together. `earcutr` stays as the fallback for rings the Delaunay
//! path cannot take (self-crossing rings, overlapping edges).

use std::collections::HashMap;

use spade::{ConstrainedDelaunayTriangulation, HierarchyHintGenerator, Point2, Triangulation};

/// Triangulates one polygon given as flat `x, y` pairs with `holes` (the vertex index where each hole ring
/// starts, as `earcutr` takes them). Returns triangle corners as indices into the input vertices.
pub fn triangulate(flat: &[f64], holes: &[usize]) -> Result<Vec<usize>, String> {
    match delaunay(flat, holes) {
        Some(t) => Ok(t),
        None if flat.len() / 2 > EAR_CLIP_MAX_VERTICES => Err(format!(
            "a ring of {} vertices crosses itself or overlaps; rings that do are filled up to {EAR_CLIP_MAX_VERTICES} \
             vertices, so this one is drawn as an outline only: repair the file (e.g. mapshaper's -clean)",
            flat.len() / 2
        )),
        None => earcutr::earcut(flat, holes, 2).map_err(|e| format!("{e:?}")),
    }
}

/// Identifies a triangulation's input exactly (every coordinate's bits, and where the holes start): the
/// build script keys the bundled polygons' triangles by it, and the app looks them up by it (`baked`).
pub fn input_key(flat: &[f64], holes: &[usize]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mix = |h: u64, word: u64| (h ^ word).wrapping_mul(PRIME).rotate_left(29);
    let h = flat.iter().fold(0xcbf2_9ce4_8422_2325, |h, v| mix(h, v.to_bits()));
    holes.iter().fold(mix(h, flat.len() as u64), |h, &start| mix(h, start as u64))
}

/// The ear clipper untangles a self-crossing ring in time that grows with the square of its size or worse
/// (a 20,000-vertex one took minutes); beyond this the polygon is left unfilled and reported.
pub const EAR_CLIP_MAX_VERTICES: usize = 4_000;

/// The constrained Delaunay triangulation of the polygon's inside, or `None` when the rings cannot be
/// constraints as they are.
fn delaunay(flat: &[f64], holes: &[usize]) -> Option<Vec<usize>> {
    let n = flat.len() / 2;
    if n < 3 || flat.iter().any(|v| !v.is_finite()) {
        return None;
    }
    // spade drops duplicate points; drop them first so the indices stay known.
    let mut unique: Vec<Point2<f64>> = Vec::with_capacity(n);
    let mut original_of: Vec<usize> = Vec::with_capacity(n);
    let mut unique_of: Vec<usize> = Vec::with_capacity(n);
    let mut seen: HashMap<(u64, u64), usize> = HashMap::with_capacity(n);
    for i in 0..n {
        let (x, y) = (flat[2 * i], flat[2 * i + 1]);
        let u = *seen.entry((x.to_bits(), y.to_bits())).or_insert_with(|| {
            unique.push(Point2::new(x, y));
            original_of.push(i);
            unique.len() - 1
        });
        unique_of.push(u);
    }
    let mut starts: Vec<usize> = std::iter::once(0).chain(holes.iter().copied()).collect();
    starts.push(n);
    // Even-odd over edges: an edge drawn twice (a slit, or a hole sharing an edge with its exterior) is
    // crossed twice, so it separates nothing and is no constraint.
    let mut edge_count: HashMap<(usize, usize), (usize, usize)> = HashMap::with_capacity(n);
    for w in starts.windows(2) {
        let (s, e) = (w[0], w[1]);
        for i in s..e {
            let j = if i + 1 == e { s } else { i + 1 };
            let (a, b) = (unique_of[i], unique_of[j]);
            if a != b {
                let order = edge_count.len();
                edge_count.entry((a.min(b), a.max(b))).or_insert((order, 0)).1 += 1;
            }
        }
    }
    let mut odd: Vec<((usize, usize), usize)> =
        edge_count.into_iter().filter(|(_, (_, c))| c % 2 == 1).map(|(k, (order, _))| (k, order)).collect();
    odd.sort_unstable_by_key(|&(_, order)| order);
    let edges: Vec<[usize; 2]> = odd.into_iter().map(|((a, b), _)| [a, b]).collect();
    let count = unique.len();
    let xy: Vec<[f64; 2]> = unique.iter().map(|p| [p.x, p.y]).collect();
    if super::crossing::any_crossing(&xy, &edges, super::crossing::BUDGET) {
        return None;
    }
    // Points are inserted one by one in a shuffled order (a hierarchy finds where each goes): spade's bulk
    // load, fed a ring in order, took 30 s for a 20,000-vertex ellipse and over 5 minutes when it crossed
    // itself (debug build). Shuffled insertion is O(n log n) whatever the shape.
    let mut cdt: Cdt = Cdt::new();
    let mut handle_of: Vec<Option<spade::handles::FixedVertexHandle>> = vec![None; count];
    let mut original_by_vertex: Vec<usize> = vec![0; count];
    for i in shuffled(count) {
        let h = cdt.insert(unique[i]).ok()?;
        handle_of[i] = Some(h);
        *original_by_vertex.get_mut(h.index())? = original_of[i];
    }
    if cdt.num_vertices() != count {
        return None;
    }
    for [a, b] in edges {
        let (from, to) = (handle_of[a]?, handle_of[b]?);
        // A constraint crossing another (a self-crossing ring, overlapping edges): not this path's.
        if !cdt.can_add_constraint(from, to) {
            return None;
        }
        cdt.add_constraint(from, to);
    }
    Some(inside_triangles(&cdt, &original_by_vertex))
}

type Cdt = ConstrainedDelaunayTriangulation<Point2<f64>, (), (), (), HierarchyHintGenerator<f64>>;

/// 0..n in a fixed pseudo-random order (a Fisher-Yates shuffle with a xorshift generator).
fn shuffled(n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

/// The triangles inside the rings: crossing a ring edge (a constraint) toggles inside and outside, starting
/// from the outside of the convex hull.
fn inside_triangles(cdt: &Cdt, original_of: &[usize]) -> Vec<usize> {
    let mut inside: Vec<Option<bool>> = vec![None; cdt.num_all_faces()];
    let mut queue = std::collections::VecDeque::new();
    for face in cdt.inner_faces() {
        for edge in face.adjacent_edges() {
            if edge.rev().face().is_outer() {
                let crossing = cdt.is_constraint_edge(edge.as_undirected().fix());
                if let Some(slot) = inside.get_mut(face.fix().index())
                    && slot.is_none()
                {
                    *slot = Some(crossing);
                    queue.push_back(face.fix());
                }
            }
        }
    }
    while let Some(fixed) = queue.pop_front() {
        let face = cdt.face(fixed);
        let Some(here) = inside.get(fixed.index()).copied().flatten() else { continue };
        for edge in face.adjacent_edges() {
            let Some(next) = edge.rev().face().as_inner() else { continue };
            let Some(slot) = inside.get_mut(next.fix().index()) else { continue };
            if slot.is_none() {
                *slot = Some(here ^ cdt.is_constraint_edge(edge.as_undirected().fix()));
                queue.push_back(next.fix());
            }
        }
    }
    let mut out = Vec::new();
    for face in cdt.inner_faces() {
        if inside.get(face.fix().index()).copied().flatten() == Some(true) {
            for v in face.vertices() {
                out.push(original_of.get(v.fix().index()).copied().unwrap_or_default());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(flat: &[f64], tris: &[usize]) -> f64 {
        tris.chunks_exact(3)
            .map(|t| {
                let p = |i: usize| (flat[2 * i], flat[2 * i + 1]);
                let (a, b, c) = (p(t[0]), p(t[1]), p(t[2]));
                ((b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1)).abs() / 2.0
            })
            .sum()
    }

    #[test]
    fn a_square_with_a_hole_keeps_its_area_and_leaves_the_hole_empty() {
        let flat = [0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0, 4.0, 4.0, 6.0, 4.0, 6.0, 6.0, 4.0, 6.0];
        let tris = delaunay(&flat, &[4]).unwrap();
        assert!((area(&flat, &tris) - 96.0).abs() < 1e-9, "{}", area(&flat, &tris));
    }

    #[test]
    fn a_concave_comb_is_filled_exactly() {
        // A comb: the concave notches must stay empty.
        let flat = [
            0.0, 0.0, 5.0, 0.0, 5.0, 3.0, 4.0, 3.0, 4.0, 1.0, 3.0, 1.0, 3.0, 3.0, 2.0, 3.0, 2.0, 1.0, 1.0, 1.0, 1.0,
            3.0, 0.0, 3.0,
        ];
        let tris = delaunay(&flat, &[]).unwrap();
        // 5x3 minus two 1x2 notches.
        assert!((area(&flat, &tris) - 11.0).abs() < 1e-9, "{}", area(&flat, &tris));
    }

    #[test]
    fn a_slit_into_the_polygon_does_not_cut_it_in_two() {
        // A square whose ring runs in to the centre and back out along the same line.
        let flat = [0.0, 0.0, 5.0, 0.0, 5.0, 2.0, 2.5, 2.0, 5.0, 2.0, 5.0, 4.0, 0.0, 4.0];
        let tris = delaunay(&flat, &[]).unwrap();
        assert!((area(&flat, &tris) - 20.0).abs() < 1e-9, "{}", area(&flat, &tris));
    }

    #[test]
    fn a_self_crossing_ring_falls_back_to_the_ear_clipper() {
        // A bow tie: its two edges cross.
        let flat = [0.0, 0.0, 2.0, 2.0, 2.0, 0.0, 0.0, 2.0];
        assert!(delaunay(&flat, &[]).is_none());
        assert!(triangulate(&flat, &[]).is_ok());
        assert!(delaunay(&[0.0, f64::NAN, 1.0, 0.0, 1.0, 1.0], &[]).is_none());
    }

    /// A 20,000-vertex country ring that crosses itself (a figure eight, and a ring jumping back and
    /// forth across a circle): refused in well under a second, not after the ear clipper's minute.
    #[test]
    fn a_large_self_crossing_ring_is_refused_quickly_with_a_reason() {
        let n = 20_000;
        let circle = |i: usize| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (a.cos() * 1000.0, a.sin() * 1000.0)
        };
        let mut eight: Vec<(f64, f64)> = (0..n).map(circle).collect();
        eight.swap(10, n / 2);
        let zigzag: Vec<(f64, f64)> = (0..n).map(|i| circle(if i % 2 == 0 { i } else { (i + n / 2) % n })).collect();
        for ring in [eight, zigzag] {
            let flat: Vec<f64> = ring.iter().flat_map(|&(x, y)| [x, y]).collect();
            let t = std::time::Instant::now();
            let e = triangulate(&flat, &[]).unwrap_err();
            // Over 5 minutes before (debug build); well under a second alone, more on a busy machine.
            assert!(t.elapsed().as_secs_f64() < 30.0, "{:?}", t.elapsed());
            assert!(e.contains("20000 vertices crosses itself"), "{e}");
        }
        // A small one is still filled by the ear clipper.
        let small: Vec<f64> = (0..400).flat_map(|i| [(i as f64).cos(), (i as f64 * 0.5).sin()]).collect();
        assert!(triangulate(&small, &[]).is_ok());
    }

    #[test]
    fn triangles_are_better_shaped_than_ear_clipping_on_a_wiggly_coast() {
        // A long strip whose top edge wiggles: ear clipping fans long slivers across it.
        let mut flat = vec![0.0, 0.0, 100.0, 0.0];
        for i in (0..=100).rev() {
            flat.push(f64::from(i));
            flat.push(10.0 + if i % 2 == 0 { 0.5 } else { -0.5 });
        }
        let longest = |tris: &[usize]| {
            tris.chunks_exact(3)
                .map(|t| {
                    let p = |i: usize| (flat[2 * i], flat[2 * i + 1]);
                    let d = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                    let (a, b, c) = (p(t[0]), p(t[1]), p(t[2]));
                    d(a, b) + d(b, c) + d(c, a)
                })
                .sum::<f64>()
        };
        let cdt = delaunay(&flat, &[]).unwrap();
        let ear = earcutr::earcut(&flat, &[], 2).unwrap();
        assert!((area(&flat, &cdt) - area(&flat, &ear)).abs() < 1e-6);
        assert!(longest(&cdt) < longest(&ear) * 0.8, "cdt {} vs ear {}", longest(&cdt), longest(&ear));
    }
}
