//! Names placed away from their feature, with a thin line back to it: the last resort before a name is
//! dropped or left under a marker (Kuwait and Qatar under the 2020 markers, Tehran beside a two-line IRAN).

use egui::{Pos2, Rect, Vec2};

use super::LabelStyle;
use crate::theme::size;

/// Directions tried around the anchor, evenly spread.
const DIRECTIONS: usize = 16;

/// How far from the anchor a name may go, in steps of a marker's width (the first step just clears
/// a marker over the anchor).
const RINGS: usize = 4;

/// As [`RINGS`], for a neighbour's name.
const NEIGHBOUR_RINGS: usize = 2;

/// Whether a name of `style` may go away from its feature with a line: a capital (it must be on the map),
/// and a neighbour of box `bounds` too small to hold a name but not a speck (Kuwait, Qatar; not Dhekelia).
/// A focus country's name keeps to its country (over the sea beyond Syria, "IRAQ" read as Syria's), and
/// other labels are dropped instead, so the map is not strung with lines.
pub fn allowed(style: LabelStyle, keep: bool, bounds: Option<Rect>) -> bool {
    match style {
        LabelStyle::City { .. } => keep,
        LabelStyle::Context => {
            let side = |b: Rect| b.width().max(b.height()) / size::LABEL_CONTEXT;
            bounds.is_some_and(|b| (SPECK_SIDES..SMALL_COUNTRY_SIDES).contains(&side(b)))
        }
        LabelStyle::Focus | LabelStyle::Sea | LabelStyle::Province => false,
    }
}

/// A neighbour whose box is under this many times a neighbour's type size a side is too small to hold
/// its name (Kuwait and Qatar at Home on a projector; not Jordan or the Emirates).
const SMALL_COUNTRY_SIDES: f32 = 1.6;

/// A neighbour whose box is under this share of a neighbour's type size a side is a speck on the map
/// (Dhekelia, Akrotiri, Bahrain at Home): its name is left out rather than drawn at the end of a line.
const SPECK_SIDES: f32 = 0.5;

/// Boxes for a name of `style` and `text_size` around `anchor`, nearest first: on rings a marker's width
/// apart (a neighbour's name keeps to the nearest two, to read as its own), each box's nearest edge on its
/// ring, and wholly on `screen`.
pub fn spots(anchor: Pos2, style: LabelStyle, text_size: Vec2, screen: Rect) -> Vec<Rect> {
    let rings = if style == LabelStyle::Context { NEIGHBOUR_RINGS } else { RINGS };
    let step = 2.0 * size::EVENT_MARKER_MAX;
    let half = text_size / 2.0;
    let mut out: Vec<Rect> = (0..rings)
        .flat_map(|ring| {
            let gap = size::LABEL_GAP + step * (ring as f32 + 0.5);
            (0..DIRECTIONS).map(move |k| {
                // East first, then alternately above and below it, round to the west.
                let turn = (k as f32 / 2.0).ceil() * if k % 2 == 0 { 1.0 } else { -1.0 };
                let angle = turn * std::f32::consts::TAU / DIRECTIONS as f32;
                let dir = Vec2::angled(angle);
                // How far the box reaches towards the anchor from its centre along `dir`.
                let reach = dir.x.abs() * half.x + dir.y.abs() * half.y;
                Rect::from_center_size(anchor + dir * (gap + reach), text_size)
            })
        })
        .filter(|r| screen.contains_rect(*r))
        .collect();
    // A diagonal box on a ring lies further out than its ring: sort by how far each really is.
    out.sort_by(|a, b| a.distance_sq_to_pos(anchor).total_cmp(&b.distance_sq_to_pos(anchor)));
    out
}

/// The line from a name's box `rect` to what it names at `to`: from the edge of the box nearest `to`,
/// stopping short of a city's dot.
pub fn line(rect: Rect, to: Pos2, dot: bool) -> [Pos2; 2] {
    let from = rect.expand(size::LEADER_GAP).clamp(to);
    let short = if dot { size::CITY_DOT + 1.0 } else { 0.0 };
    let along = from - to;
    let end = if along.length() > short { to + along.normalized() * short } else { to };
    [from, end]
}

/// Whether two segments cross (two leader lines crossing read as each other's).
pub fn lines_cross([a, b]: [Pos2; 2], [c, d]: [Pos2; 2]) -> bool {
    let side = |p: Pos2, q: Pos2, r: Pos2| (q - p).x * (r - p).y - (q - p).y * (r - p).x;
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Whether the segment `a`–`b` passes through `rect` (clipped against the box, Liang–Barsky).
pub fn crosses(rect: Rect, [a, b]: [Pos2; 2]) -> bool {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (p, q) in
        [(-d.x, a.x - rect.left()), (d.x, rect.right() - a.x), (-d.y, a.y - rect.top()), (d.y, rect.bottom() - a.y)]
    {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_go_round_the_anchor_nearest_first_and_stay_on_screen() {
        let screen = Rect::from_min_size(Pos2::ZERO, Vec2::splat(400.0));
        let anchor = Pos2::new(200.0, 200.0);
        let text = Vec2::new(60.0, 14.0);
        let all = spots(anchor, LabelStyle::Focus, text, screen);
        assert_eq!(spots(anchor, LabelStyle::Context, text, screen).len(), NEIGHBOUR_RINGS * DIRECTIONS);
        assert_eq!(all.len(), RINGS * DIRECTIONS);
        assert!(all.iter().all(|r| !r.expand(size::LABEL_GAP - 0.5).contains(anchor)), "none covers the anchor");
        let dist = |r: &Rect| r.distance_to_pos(anchor);
        assert!(all.windows(2).all(|w| dist(&w[0]) <= dist(&w[1])), "nearest first");
        assert!(all[0].left() > anchor.x, "east first");
        // Near the screen's edge, the boxes that would stick out are left out.
        assert!(spots(Pos2::new(5.0, 200.0), LabelStyle::Focus, text, screen).iter().all(|r| screen.contains_rect(*r)));
    }

    #[test]
    fn a_line_runs_from_the_box_edge_to_the_feature_and_crossing_is_exact() {
        let rect = Rect::from_min_max(Pos2::new(100.0, 100.0), Pos2::new(160.0, 114.0));
        let [from, to] = line(rect, Pos2::new(130.0, 60.0), true);
        assert_eq!(from, Pos2::new(130.0, 100.0 - size::LEADER_GAP));
        assert!((to.y - (60.0 + size::CITY_DOT + 1.0)).abs() < 1e-4, "{to:?}");
        let other = Rect::from_min_max(Pos2::new(120.0, 70.0), Pos2::new(140.0, 80.0));
        assert!(crosses(other, [from, to]));
        assert!(!crosses(other.translate(Vec2::new(30.0, 0.0)), [from, to]));
        assert!(!crosses(other, [Pos2::new(0.0, 0.0), Pos2::new(119.0, 90.0)]), "passes beside it");
        assert!(crosses(other, [Pos2::new(125.0, 75.0), Pos2::new(126.0, 76.0)]), "wholly inside");
        let x = [Pos2::new(0.0, 0.0), Pos2::new(10.0, 10.0)];
        assert!(lines_cross(x, [Pos2::new(0.0, 10.0), Pos2::new(10.0, 0.0)]));
        assert!(!lines_cross(x, [Pos2::new(20.0, 10.0), Pos2::new(30.0, 0.0)]));
        assert!(!lines_cross(x, [Pos2::new(0.0, 1.0), Pos2::new(9.0, 10.0)]), "side by side");
    }
}
