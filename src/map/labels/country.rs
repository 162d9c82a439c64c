//! Where a country's name may go: spots inside the country, at full size and smaller, and the test that
//! keeps it off its neighbours.

use egui::{Align2, Pos2, Rect, Vec2};

use super::LabelStyle;
use crate::theme::size;

/// What placing a country's name asks of the map's countries, in screen points.
pub trait Areas {
    /// Whether `pos` lies in country `area`.
    fn contains(&self, area: usize, pos: Pos2) -> bool;
    /// A country other than `area` holding `pos`, if any, and whether it is a focus country.
    fn other_at(&self, area: usize, pos: Pos2) -> Option<bool>;
    /// The country's box on screen.
    fn screen_bounds(&self, area: usize) -> Option<Rect>;
    /// The country holding `pos`, if any.
    fn area_at(&self, pos: Pos2) -> Option<usize>;
}

/// The type sizes a country's name tries, as shares of its own: full size anywhere in the country first,
/// then smaller, before it is dropped.
pub const SIZE_STEPS: [f32; 3] = [1.0, 0.85, 0.72];

/// The size a focus country's name takes only where none of [`SIZE_STEPS`] fits.
pub const LAST_RESORT_STEP: f32 = 0.6;

/// At most this many spots a side are tried across a country's box (so a large country costs no more
/// than a small one).
const GRID_SIDE: usize = 6;

/// Where a spot lies: in the country, or beside it (a small neighbour's name, over the sea).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// The name's centre is in the country.
    Inside,
    /// The name is next to the country's box.
    Beside,
    /// The name is away from its feature, with a line back to it (see [`super::leader`]).
    Leader,
}

/// Whether a name of `style` with its box at `rect` belongs to country `area`: its centre lies in the
/// country, and it covers no neighbour it must not (a focus country's name no other country, a
/// neighbour's name no focus country), tested at points spread over the text. A name `Beside` its
/// country covers no other country at all (it lies over the sea, not over a neighbour it would misname).
/// A name with a `Leader` line may lie anywhere but over another focus country (its line says whose it is).
pub fn fits_country(areas: &dyn Areas, area: usize, style: LabelStyle, rect: Rect, spot: Spot) -> bool {
    if spot == Spot::Inside && !areas.contains(area, rect.center()) {
        return false;
    }
    sample_points(rect).all(|pt| match areas.other_at(area, pt) {
        None => true,
        Some(other_is_focus) => match spot {
            Spot::Inside => style != LabelStyle::Focus && !other_is_focus,
            Spot::Beside => false,
            Spot::Leader => !other_is_focus,
        },
    })
}

/// As [`fits_country`] for a focus country too small for its name at every size (Syria at 1280×720 on a
/// projector): the centre in the country, no other focus country covered, and a neighbour that is not one
/// at no more than [`SPILL_POINTS`] of the name's sample points.
pub fn fits_focus_loosely(areas: &dyn Areas, area: usize, rect: Rect) -> bool {
    let mut spilled = 0;
    areas.contains(area, rect.center())
        && sample_points(rect).all(|pt| match areas.other_at(area, pt) {
            None => true,
            Some(true) => false,
            Some(false) => {
                spilled += 1;
                spilled <= SPILL_POINTS
            }
        })
}

/// Of the eight points [`sample_points`] spreads over a name.
const SPILL_POINTS: usize = 2;

/// Whether a leader line from a city's name to its `dot` keeps off the focus countries the dot is not in:
/// "Baghdad" by Damascus's marker, its line across Syria, reads as a Syrian city.
pub fn line_fits(areas: &dyn Areas, dot: Pos2, from: Pos2) -> bool {
    let home = areas.area_at(dot).unwrap_or(usize::MAX);
    (0..=LINE_SAMPLES)
        .map(|k| from + (dot - from) * (k as f32 / LINE_SAMPLES as f32))
        .all(|pt| areas.other_at(home, pt) != Some(true))
}

/// Points tested along a leader line, past its ends.
const LINE_SAMPLES: usize = 10;

/// Whether a city's name at `rect` keeps off the focus countries its dot is not in: beside a dot that a
/// marker hides, a name over the next country reads as that country's city (Baghdad's over Iran).
pub fn fits_city(areas: &dyn Areas, dot: Pos2, rect: Rect) -> bool {
    let home = areas.area_at(dot).unwrap_or(usize::MAX);
    sample_points(rect).all(|pt| areas.other_at(home, pt) != Some(true))
}

/// Boxes for a name of `text_size` just outside a country's box `bounds`: east, west, south and north of
/// it, then at its corners, then east, west, south and north a marker's width further out (a small
/// country's own marker is often in the way).
pub fn beside(bounds: Rect, text_size: Vec2) -> [Rect; 12] {
    let g = size::LABEL_GAP;
    let far = g + 2.0 * size::EVENT_MARKER_MAX;
    let c = bounds.center();
    let at = |align: Align2, p: Pos2| align.anchor_size(p, text_size);
    let sides = |g: f32| {
        [
            at(Align2::LEFT_CENTER, Pos2::new(bounds.right() + g, c.y)),
            at(Align2::RIGHT_CENTER, Pos2::new(bounds.left() - g, c.y)),
            at(Align2::CENTER_TOP, Pos2::new(c.x, bounds.bottom() + g)),
            at(Align2::CENTER_BOTTOM, Pos2::new(c.x, bounds.top() - g)),
        ]
    };
    let [e, w, s, n] = sides(g);
    let [far_e, far_w, far_s, far_n] = sides(far);
    [
        e,
        w,
        s,
        n,
        at(Align2::LEFT_TOP, bounds.right_bottom() + Vec2::splat(g)),
        at(Align2::RIGHT_TOP, bounds.left_bottom() + Vec2::new(-g, g)),
        at(Align2::LEFT_BOTTOM, bounds.right_top() + Vec2::new(g, -g)),
        at(Align2::RIGHT_BOTTOM, bounds.left_top() - Vec2::splat(g)),
        far_e,
        far_w,
        far_s,
        far_n,
    ]
}

/// Whether a name of `text_size` may sit beside a country of box `bounds`: only when the country is
/// narrower than its name (Kuwait, Qatar: a wider one has room inside, or is hidden by a legend) and the
/// name not much longer than the country is wide, so it still reads as that country's.
pub fn short_enough_to_sit_beside(bounds: Rect, text_size: Vec2) -> bool {
    bounds.width() < text_size.x && text_size.x <= 3.0 * bounds.width().max(16.0)
}

/// Points spread over a label's text (two rows of four, inset from the edges, where the letters are).
fn sample_points(rect: Rect) -> impl Iterator<Item = Pos2> {
    [0.3, 0.7].into_iter().flat_map(move |fy| {
        [0.1, 0.37, 0.63, 0.9]
            .into_iter()
            .map(move |fx| Pos2::new(rect.left() + rect.width() * fx, rect.top() + rect.height() * fy))
    })
}

/// Centres to try for a name of `text_size` beyond its usual positions: a grid over the part of the
/// country's box `bounds` on `screen` where the text fits, nearest to `anchor` first.
pub fn grid_centres(anchor: Pos2, text_size: Vec2, bounds: Rect, screen: Rect) -> Vec<Pos2> {
    let half = text_size / 2.0;
    let room = bounds.intersect(screen);
    let (min, max) = (room.min + half, room.max - half);
    if !(min.x <= max.x && min.y <= max.y) {
        // The box is smaller than the text: its middle is the one spot left.
        return if room.is_positive() { vec![room.center()] } else { Vec::new() };
    }
    let step = |lo: f32, hi: f32, min_step: f32| {
        let n = (((hi - lo) / min_step).floor() as usize + 1).clamp(1, GRID_SIDE);
        (0..n).map(move |k| if n == 1 { (lo + hi) / 2.0 } else { lo + (hi - lo) * k as f32 / (n - 1) as f32 })
    };
    let mut centres: Vec<Pos2> = step(min.y, max.y, (text_size.y / 2.0).max(4.0))
        .flat_map(|y| step(min.x, max.x, (text_size.x / 4.0).max(4.0)).map(move |x| Pos2::new(x, y)))
        .collect();
    centres.sort_by(|a, b| a.distance_sq(anchor).total_cmp(&b.distance_sq(anchor)));
    centres
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Countries as boxes on screen, the first ones focus countries.
    pub struct BoxAreas {
        pub boxes: Vec<Rect>,
        pub focus: usize,
    }

    impl Areas for BoxAreas {
        fn contains(&self, area: usize, pos: Pos2) -> bool {
            self.boxes.get(area).is_some_and(|b| b.contains(pos))
        }
        fn other_at(&self, area: usize, pos: Pos2) -> Option<bool> {
            let i = self.boxes.iter().enumerate().position(|(i, b)| i != area && b.contains(pos))?;
            Some(i < self.focus)
        }
        fn screen_bounds(&self, area: usize) -> Option<Rect> {
            self.boxes.get(area).copied()
        }
        fn area_at(&self, pos: Pos2) -> Option<usize> {
            self.boxes.iter().position(|b| b.contains(pos))
        }
    }

    /// West and east, focus countries side by side, and a small neighbour south of the west.
    fn two_focus_countries_and_a_neighbour() -> BoxAreas {
        let west = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let east = Rect::from_min_max(Pos2::new(100.0, 0.0), Pos2::new(200.0, 100.0));
        let small = Rect::from_min_max(Pos2::new(0.0, 100.0), Pos2::new(100.0, 200.0));
        BoxAreas { boxes: vec![west, east, small], focus: 2 }
    }

    #[test]
    fn a_citys_name_keeps_off_the_focus_countries_its_dot_is_not_in() {
        let areas = two_focus_countries_and_a_neighbour();
        let dot = Pos2::new(90.0, 50.0);
        let name_at = |x: f32, y: f32| Rect::from_min_size(Pos2::new(x, y), Vec2::new(40.0, 12.0));
        assert!(fits_city(&areas, dot, name_at(45.0, 44.0)), "at home, left of the dot");
        assert!(!fits_city(&areas, dot, name_at(96.0, 44.0)), "over the other focus country");
        assert!(fits_city(&areas, dot, name_at(45.0, 104.0)), "over a neighbour that is not a focus country");
        assert!(fits_city(&areas, Pos2::new(150.0, 150.0), name_at(150.0, 150.0)), "a dot at sea, a name at sea");
        // Its line back to the dot, from a name further away, keeps off the other focus country too.
        assert!(!line_fits(&areas, dot, Pos2::new(190.0, 50.0)), "across the other focus country");
        assert!(!line_fits(&areas, dot, Pos2::new(150.0, 150.0)), "from the sea, through its corner");
        assert!(line_fits(&areas, dot, Pos2::new(50.0, 190.0)), "across a neighbour that is not a focus country");
    }

    #[test]
    fn a_focus_name_too_big_for_its_country_may_reach_a_little_over_a_neighbour() {
        let focus = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(100.0, 100.0));
        let neighbour = Rect::from_min_max(Pos2::new(100.0, 0.0), Pos2::new(200.0, 100.0));
        let areas = BoxAreas { boxes: vec![focus, neighbour], focus: 1 };
        let name_at = |x: f32| Rect::from_center_size(Pos2::new(x, 50.0), Vec2::new(40.0, 12.0));
        assert!(!fits_country(&areas, 0, LabelStyle::Focus, name_at(90.0), Spot::Inside), "strictly, no");
        assert!(fits_focus_loosely(&areas, 0, name_at(90.0)), "one point a row over the neighbour");
        assert!(!fits_focus_loosely(&areas, 0, name_at(95.0)), "two a row is too far");
        assert!(!fits_focus_loosely(&areas, 0, name_at(105.0)), "its centre stays in its country");
        let two_focus = two_focus_countries_and_a_neighbour();
        assert!(!fits_focus_loosely(&two_focus, 0, name_at(90.0)), "never over another focus country");
    }

    #[test]
    fn a_focus_name_keeps_off_every_neighbour_and_a_neighbours_off_focus_countries() {
        let areas = two_focus_countries_and_a_neighbour();
        let small = areas.boxes[2];
        let inside = Rect::from_center_size(Pos2::new(50.0, 50.0), Vec2::new(60.0, 20.0));
        assert!(fits_country(&areas, 0, LabelStyle::Focus, inside, Spot::Inside));
        // Half over the eastern focus country: no, though its centre is in the west.
        let straddling = Rect::from_center_size(Pos2::new(95.0, 50.0), Vec2::new(60.0, 20.0));
        assert!(!fits_country(&areas, 0, LabelStyle::Focus, straddling, Spot::Inside));
        // Over the sea (no country) is fine.
        let coast = Rect::from_center_size(Pos2::new(5.0, 50.0), Vec2::new(60.0, 20.0));
        assert!(fits_country(&areas, 0, LabelStyle::Focus, coast, Spot::Inside));
        // A neighbour's name may not reach into a focus country, but may cross another neighbour.
        let south = Rect::from_center_size(Pos2::new(50.0, 100.0), Vec2::new(60.0, 20.0));
        assert!(!fits_country(&areas, 2, LabelStyle::Context, south, Spot::Inside));
        assert!(fits_country(&areas, 2, LabelStyle::Context, south.translate(Vec2::new(0.0, 10.0)), Spot::Inside));
        assert!(!fits_country(&areas, 2, LabelStyle::Context, inside, Spot::Inside), "its centre in its country");
        // Beside its country, over the sea only.
        let [east, _, _, _, _, _, _, north_west, ..] = beside(small, Vec2::new(60.0, 20.0));
        assert!(east.left() > small.right() && fits_country(&areas, 2, LabelStyle::Context, east, Spot::Beside));
        assert!(north_west.right() < small.left() && north_west.bottom() < small.top());
        assert!(!fits_country(&areas, 2, LabelStyle::Context, south, Spot::Beside));
    }

    #[test]
    fn the_grid_covers_the_box_nearest_first_and_stays_small() {
        let bounds = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(1000.0, 800.0));
        let screen = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(2000.0, 2000.0));
        let anchor = Pos2::new(900.0, 700.0);
        let centres = grid_centres(anchor, Vec2::new(40.0, 10.0), bounds, screen);
        assert!(centres.len() <= GRID_SIDE * GRID_SIDE, "{}", centres.len());
        assert!(centres.windows(2).all(|w| w[0].distance(anchor) <= w[1].distance(anchor)));
        assert!(centres.iter().all(|c| c.x >= 20.0 && c.x <= 980.0 && c.y >= 5.0 && c.y <= 795.0));
        assert!(centres.iter().any(|c| c.x < 100.0) && centres.iter().any(|c| c.y < 100.0), "reaches the far side");
        // Off screen, nothing; a box smaller than the text, its middle.
        assert!(grid_centres(anchor, Vec2::new(40.0, 10.0), bounds.translate(Vec2::splat(3000.0)), screen).is_empty());
        let tiny = Rect::from_center_size(Pos2::new(50.0, 50.0), Vec2::splat(8.0));
        assert_eq!(grid_centres(anchor, Vec2::new(40.0, 10.0), tiny, screen), vec![Pos2::new(50.0, 50.0)]);
    }
}
