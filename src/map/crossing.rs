//! Whether a polygon's edges cross, found with a uniform grid before triangulating: spade, handed a
//! ring that crosses itself, spent minutes flipping edges for one long constraint before meeting the
//! crossing (a 20,000-vertex figure eight: over 5 minutes in a debug build).

/// Work allowed (cell entries plus edge pairs tested) before a polygon counts as too tangled to fill.
pub const BUDGET: u64 = 20_000_000;

/// True when two of `edges` (pairs of indices into `points`) cross, touch or overlap other than at a
/// shared end, or when finding out would cost more than `budget` steps (see [`BUDGET`]).
pub fn any_crossing(points: &[[f64; 2]], edges: &[[usize; 2]], budget: u64) -> bool {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in points {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    let (w, h) = (hi[0] - lo[0], hi[1] - lo[1]);
    if edges.len() < 2 || !(w.is_finite() && h.is_finite()) {
        return false;
    }
    // About one cell an edge.
    let cell =
        ((w.max(f64::MIN_POSITIVE) * h.max(f64::MIN_POSITIVE)) / edges.len() as f64).sqrt().max(w.max(h) / 4096.0);
    let cols = ((w / cell) as usize + 1).min(4096);
    let rows = ((h / cell) as usize + 1).min(4096);
    let cell_of = |v: f64, origin: f64, n: usize| (((v - origin) / cell) as usize).min(n - 1);
    let mut cells: Vec<Vec<u32>> = vec![Vec::new(); cols * rows];
    let mut spent = 0u64;
    for (e, &[a, b]) in edges.iter().enumerate() {
        let (Some(pa), Some(pb)) = (points.get(a), points.get(b)) else { return true };
        let (c0, c1) = (cell_of(pa[0].min(pb[0]), lo[0], cols), cell_of(pa[0].max(pb[0]), lo[0], cols));
        let (r0, r1) = (cell_of(pa[1].min(pb[1]), lo[1], rows), cell_of(pa[1].max(pb[1]), lo[1], rows));
        spent += ((c1 - c0 + 1) * (r1 - r0 + 1)) as u64;
        if spent > budget {
            return true;
        }
        for r in r0..=r1 {
            for c in c0..=c1 {
                cells[r * cols + c].push(e as u32);
            }
        }
    }
    for list in &cells {
        for (i, &e) in list.iter().enumerate() {
            for &f in &list[i + 1..] {
                spent += 1;
                if spent > budget {
                    return true;
                }
                let ([a, b], [c, d]) = (edges[e as usize], edges[f as usize]);
                if a == c || a == d || b == c || b == d {
                    continue;
                }
                if segments_meet(points[a], points[b], points[c], points[d]) {
                    return true;
                }
            }
        }
    }
    false
}

fn orient(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

fn within(a: [f64; 2], b: [f64; 2], p: [f64; 2]) -> bool {
    p[0] >= a[0].min(b[0]) && p[0] <= a[0].max(b[0]) && p[1] >= a[1].min(b[1]) && p[1] <= a[1].max(b[1])
}

/// True when segments ab and cd have a point in common.
fn segments_meet(a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]) -> bool {
    let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
    if o1 * o2 < 0.0 && o3 * o4 < 0.0 {
        return true;
    }
    (o1 == 0.0 && within(a, b, c))
        || (o2 == 0.0 && within(a, b, d))
        || (o3 == 0.0 && within(c, d, a))
        || (o4 == 0.0 && within(c, d, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(points: &[[f64; 2]]) -> Vec<[usize; 2]> {
        (0..points.len()).map(|i| [i, (i + 1) % points.len()]).collect()
    }

    #[test]
    fn a_bow_tie_crosses_and_a_square_does_not() {
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        assert!(!any_crossing(&square, &ring(&square), BUDGET));
        let bow = [[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0]];
        assert!(any_crossing(&bow, &ring(&bow), BUDGET));
        // A vertex lying on another edge (the ring touches itself) counts too.
        let touch = [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [1.0, 0.0], [0.0, 2.0]];
        assert!(any_crossing(&touch, &ring(&touch), BUDGET));
    }

    #[test]
    fn a_large_circle_is_clean_and_one_swap_makes_it_cross() {
        let n = 20_000;
        let mut pts: Vec<[f64; 2]> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                [a.cos() * 600.0, a.sin() * 500.0]
            })
            .collect();
        let edges = ring(&pts);
        assert!(!any_crossing(&pts, &edges, BUDGET));
        pts.swap(10, n / 2);
        assert!(any_crossing(&pts, &edges, BUDGET));
    }

    #[test]
    fn too_tangled_to_check_counts_as_crossing() {
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        assert!(any_crossing(&square, &ring(&square), 3));
    }
}
