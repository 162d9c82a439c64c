//! Label placement: candidates in priority order, placed greedily so no label overlaps another.

use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Align, Align2, Color32, FontId, Galley, Painter, Pos2, Rect, Vec2};

use crate::theme::{MapPalette, size};

mod clear;
mod country;
mod leader;
mod paint;

pub use clear::clear_of;
pub use country::Areas;
use country::Spot;
pub use paint::{LabelMeshKey, font_epoch, label_mesh, label_shapes};

/// How a label looks, which also says how it may be placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelStyle {
    /// A focus country: large, centred on its anchor.
    Focus,
    /// A neighbouring country: centred.
    Context,
    /// A sea: centred, blue.
    Sea,
    /// A province: small, centred.
    Province,
    /// A city: a dot at the anchor and the name beside it.
    City {
        /// Million-plus cities get a slightly larger font.
        big: bool,
    },
}

/// A label that would like to be drawn.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The text.
    pub text: String,
    /// Where it belongs on screen.
    pub anchor: Pos2,
    /// Its style.
    pub style: LabelStyle,
    /// For cities: keep the dot free from the start, so labels placed earlier (a country name at its
    /// centroid) step aside for a capital rather than hide it.
    pub reserve_dot: bool,
    /// For area names: the index of the area (in the countries layer) the label's centre must stay in.
    pub inside_area: Option<usize>,
    /// A capital: never dropped, as a focus country's name is not. It moves aside for a marker where it
    /// can and stays where it has nowhere to go, and labels moving aside never push it off.
    pub keep: bool,
}

/// A label that found room.
#[derive(Clone, Debug)]
pub struct PlacedLabel {
    /// The laid-out text.
    pub galley: Arc<Galley>,
    /// A country's name laid out smaller, to shrink to when a marker leaves no room at this size.
    pub smaller: Vec<Arc<Galley>>,
    /// Top-left corner of the text on screen.
    pub pos: Pos2,
    /// The city dot, if any.
    pub dot: Option<Pos2>,
    /// Where it belongs on screen (its candidate's anchor), to place it again beside a marker.
    pub anchor: Pos2,
    /// Its style, which says where else it may go.
    pub style: LabelStyle,
    /// For an area's name: the area its centre must stay in when it moves.
    pub inside_area: Option<usize>,
    /// A capital (see [`Candidate::keep`]).
    pub keep: bool,
    /// The line back to its feature, for a name placed away from it (see [`leader`]).
    pub leader: Option<[Pos2; 2]>,
    /// A focus country's name or a capital that found no spot clear of this frame's markers: drawn over
    /// them, so the map still says which is Iraq.
    pub over_markers: bool,
}

impl PlacedLabel {
    /// The text's box on screen.
    pub fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos + self.galley.rect.min.to_vec2(), self.galley.size())
    }

    /// The label moved by `offset` on screen (its scene panned).
    pub fn translated(mut self, offset: Vec2) -> Self {
        self.pos += offset;
        self.anchor += offset;
        self.dot = self.dot.map(|d| d + offset);
        self.leader = self.leader.map(|ends| ends.map(|p| p + offset));
        self
    }
}

/// Where a label of `style` may go around its anchor, best first: beside a city's dot, or around an area's
/// label point.
fn options_for(style: LabelStyle, text_size: Vec2) -> Vec<(Align2, Vec2)> {
    match style {
        LabelStyle::City { .. } => {
            let d = size::CITY_DOT + 3.0;
            vec![
                (Align2::LEFT_CENTER, Vec2::new(d, 0.0)),
                (Align2::RIGHT_CENTER, Vec2::new(-d, 0.0)),
                (Align2::CENTER_BOTTOM, Vec2::new(0.0, -d)),
                (Align2::CENTER_TOP, Vec2::new(0.0, d)),
            ]
        }
        LabelStyle::Focus | LabelStyle::Context => {
            let (w, h) = (text_size.x / 2.0, text_size.y * 0.75);
            [
                Vec2::ZERO,
                Vec2::new(0.0, -h),
                Vec2::new(0.0, h),
                Vec2::new(-w, 0.0),
                Vec2::new(w, 0.0),
                Vec2::new(0.0, -2.0 * h),
                Vec2::new(0.0, 2.0 * h),
                Vec2::new(-w, -h),
                Vec2::new(w, h),
            ]
            .into_iter()
            .map(|o| (Align2::CENTER_CENTER, o))
            .collect()
        }
        _ => vec![(Align2::CENTER_CENTER, Vec2::ZERO)],
    }
}

fn font_and_color(style: LabelStyle, palette: &MapPalette) -> (FontId, Color32) {
    match style {
        LabelStyle::Focus => (FontId::proportional(size::LABEL_FOCUS), palette.label_focus),
        LabelStyle::Context => (FontId::proportional(size::LABEL_CONTEXT), palette.label_context),
        LabelStyle::Sea => (FontId::proportional(size::LABEL_SEA), palette.label_sea),
        LabelStyle::Province => (FontId::proportional(size::LABEL_PROVINCE), palette.label_province),
        LabelStyle::City { big: true } => (FontId::proportional(size::LABEL_BIG_CITY), palette.label_city),
        LabelStyle::City { big: false } => (FontId::proportional(size::LABEL_CITY), palette.label_city),
    }
}

/// A label's text in display order (right-to-left names reordered, see [`crate::text::bidi`]); the two lines
/// of a "both names" label are centred on each other, or, for a city, aligned on the side of its dot.
fn label_job(c: &Candidate, palette: &MapPalette, scale: f32) -> LayoutJob {
    let (mut font_id, color) = font_and_color(c.style, palette);
    font_id.size *= scale;
    let mut job = crate::text::bidi::layout_job(&c.text, &TextFormat::simple(font_id, color));
    job.wrap.max_width = f32::INFINITY;
    let centred = c.text.contains('\n') && !matches!(c.style, LabelStyle::City { .. });
    job.halign = if centred { Align::Center } else { Align::LEFT };
    job
}

/// Places candidates in the order given (most important first); a label that would overlap one already
/// placed, or stick out of `screen`, tries its other positions and is dropped if none fits.
///
/// No label goes over `obstacles` (the scale bar's corner). A country's name (`inside_area`) keeps to its
/// country (see [`country::fits_country`]): it tries its usual positions, then any free spot in the
/// country, at full size and then smaller, before it is dropped.
pub fn place_labels(
    painter: &Painter,
    screen: Rect,
    candidates: &[Candidate],
    palette: &MapPalette,
    areas: &dyn Areas,
    obstacles: &[Rect],
) -> Vec<PlacedLabel> {
    let dot_rect_of = |c: &Candidate| Rect::from_center_size(c.anchor, Vec2::splat(size::CITY_DOT * 2.0));
    // Reserved dots come first; each candidate ignores its own reservation.
    let on_screen = |c: &&Candidate| screen.contains(c.anchor);
    let reserved: Vec<(usize, Rect)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.reserve_dot && on_screen(c))
        .map(|(i, c)| (i, dot_rect_of(c)))
        .collect();
    // So is a capital's name beside its dot, softly: a name placed before it (its country's) goes
    // elsewhere where it can, and over that spot where it cannot (the capital then takes another).
    let gap = Vec2::splat(size::LABEL_GAP);
    let capitals: Vec<(usize, Rect)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.keep && on_screen(c))
        .filter_map(|(i, c)| {
            let text_size = painter.layout_job(label_job(c, palette, 1.0)).size();
            let (align, offset) = options_for(c.style, text_size).first().copied()?;
            Some((i, align.anchor_size(c.anchor + offset, text_size).expand2(gap)))
        })
        .collect();
    // Each box taken, with the label (an index into `placed`) that gives it up to a capital with no
    // other spot: a neighbour's, a province's or a lesser city's name.
    let mut taken: Vec<(Rect, Option<usize>)> = Vec::new();
    let mut lines: Vec<[Pos2; 2]> = Vec::new();
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let mut given_up: Vec<bool> = Vec::new();
    for (index, c) in candidates.iter().enumerate() {
        if !screen.contains(c.anchor) {
            continue;
        }
        let dot = matches!(c.style, LabelStyle::City { .. }).then_some(c.anchor);
        let dot_rect = dot.map(|_| dot_rect_of(c));
        if dot_rect.is_some_and(|d| taken.iter().any(|t| t.0.intersects(d))) {
            continue;
        }
        let (mut galleys, primary, last_resort) = galleys_for(painter, c, palette);
        let blocked_by =
            |reserved: &[(usize, Rect)], rect: Rect| reserved.iter().any(|&(i, r)| i != index && r.intersects(rect));
        let line_to = |rect: Rect| leader::line(rect, c.anchor, dot.is_some());
        let in_the_way = |t: &(Rect, Option<usize>), yielding: bool| !(yielding && t.1.is_some());
        let fits_taking = |rect: Rect, spot: Spot, yielding: bool, loose: bool| {
            screen.contains_rect(rect)
                && !taken.iter().any(|t| in_the_way(t, yielding) && t.0.intersects(rect.expand2(gap)))
                && !blocked_by(&reserved, rect)
                && !obstacles.iter().any(|o| o.intersects(rect))
                && !lines.iter().any(|&l| leader::crosses(rect, l))
                && c.inside_area.is_none_or(|a| match loose {
                    true => spot == Spot::Inside && country::fits_focus_loosely(areas, a, rect),
                    false => country::fits_country(areas, a, c.style, rect, spot),
                })
                && dot.is_none_or(|d| country::fits_city(areas, d, rect))
                && (spot != Spot::Leader || {
                    let line = line_to(rect);
                    !taken.iter().any(|t| in_the_way(t, yielding) && leader::crosses(t.0, line))
                        && !obstacles.iter().any(|&o| leader::crosses(o, line))
                        && !lines.iter().any(|&l| leader::lines_cross(l, line))
                        && dot.is_none_or(|d| country::line_fits(areas, d, line[0]))
                })
        };
        let sizes: Vec<Vec2> = galleys.iter().map(|g| g.size()).collect();
        let feature = Feature { anchor: c.anchor, style: c.style, area: c.inside_area, keep: c.keep };
        let clear = |r: Rect| !blocked_by(&capitals, r);
        let all_spots = || spots(feature, &sizes, areas, screen, options_for);
        let strictly = |r, s| fits_taking(r, s, false, false);
        let first_sizes = all_spots().filter(|s| s.0 < primary);
        let found = best_spot(first_sizes, strictly, clear).map(|s| (s, false));
        // A capital with no free spot takes one from lesser names rather than go unnamed.
        let found = found.or_else(|| {
            let taking = |r, s| fits_taking(r, s, true, false);
            c.keep.then(|| best_spot(all_spots(), taking, clear)).flatten().map(|s| (s, true))
        });
        let found =
            found.or_else(|| best_spot(all_spots().filter(|s| s.0 >= primary), strictly, clear).map(|s| (s, false)));
        // A capital with still no spot takes one beside its dot that no focus country's name or other capital
        // holds: it is never dropped (its name may then cover a marker, and is drawn over it).
        let beside_dot = || c.keep.then(|| beside_own_dot(c, *sizes.first()?, screen, &taken)).flatten();
        let found = found.or_else(|| beside_dot().map(|r| ((0, r, Spot::Inside), true)));
        // A focus country too small for its name reaches a little over a neighbour rather than go unnamed.
        let found = found.or_else(|| {
            let loosely = |r, s| fits_taking(r, s, false, true);
            (c.style == LabelStyle::Focus).then(|| best_spot(all_spots(), loosely, clear)).flatten().map(|s| (s, false))
        });
        let Some(((k, rect, spot), took)) = found else {
            continue;
        };
        let leader = (spot == Spot::Leader).then(|| line_to(rect));
        if took {
            for t in &mut taken {
                let crossed = t.0.intersects(rect.expand2(gap)) || leader.is_some_and(|l| leader::crosses(t.0, l));
                if let (true, Some(j)) = (crossed, t.1) {
                    if let Some(g) = given_up.get_mut(j) {
                        *g = true;
                    }
                    *t = (Rect::NOTHING, None);
                }
            }
        }
        let yields = matches!(c.style, LabelStyle::Context | LabelStyle::Province)
            || matches!(c.style, LabelStyle::City { .. }) && !c.keep;
        taken.push((rect, yields.then_some(placed.len())));
        if let Some(d) = dot_rect {
            taken.push((d, None));
        }
        lines.extend(leader);
        // A name that found room at a usual size does not shrink to the last resort to clear a marker.
        let keep_smaller =
            |(j, _): &(usize, &Arc<Galley>)| k >= primary || !last_resort.get(*j).copied().unwrap_or(false);
        let smaller: Vec<Arc<Galley>> =
            galleys.iter().enumerate().skip(k + 1).filter(keep_smaller).map(|(_, g)| g.clone()).collect();
        galleys.truncate(k + 1);
        let Some(galley) = galleys.pop() else { continue };
        // Centred rows lie on both sides of the galley's origin.
        let pos = rect.min - galley.rect.min.to_vec2();
        placed.push(PlacedLabel {
            galley,
            smaller,
            pos,
            dot,
            anchor: c.anchor,
            style: c.style,
            inside_area: c.inside_area,
            keep: c.keep,
            leader,
            over_markers: false,
        });
        given_up.push(false);
    }
    placed.into_iter().zip(given_up).filter_map(|(l, gone)| (!gone).then_some(l)).collect()
}

/// A box beside a capital's dot that no focus country's name, other capital or dot holds (the boxes of
/// `taken` no label gives up).
fn beside_own_dot(c: &Candidate, size: Vec2, screen: Rect, taken: &[(Rect, Option<usize>)]) -> Option<Rect> {
    let free = |r: &Rect| screen.contains_rect(*r) && !taken.iter().any(|t| t.1.is_none() && t.0.intersects(*r));
    options_for(c.style, size).into_iter().map(|(a, o)| a.anchor_size(c.anchor + o, size)).find(free)
}

/// The spot to take among `spots` (nearest first, those with a leader line last): the first that `fits`
/// and leaves the capitals' names their place (`clear`), else the first that fits; a spot by its feature
/// over a capital's place is still better than one away from it with a line.
fn best_spot(
    spots: impl Iterator<Item = (usize, Rect, Spot)>,
    fits: impl Fn(Rect, Spot) -> bool,
    clear: impl Fn(Rect) -> bool,
) -> Option<(usize, Rect, Spot)> {
    let mut best: Option<(usize, Rect, Spot)> = None;
    for s in spots {
        let (_, rect, spot) = s;
        if spot == Spot::Leader && best.is_some_and(|b| b.2 != Spot::Leader) {
            break;
        }
        if !fits(rect, spot) {
            continue;
        }
        let clear = clear(rect);
        if clear || best.is_none() {
            best = Some(s);
        }
        if clear {
            break;
        }
    }
    best
}

/// The candidate laid out at each size it may take, and how many of them come first: a country's name at
/// [`country::SIZE_STEPS`], any other label at its own size. Then, tried only where none of those fits
/// (not even over a capital's place), a focus country's name at [`country::LAST_RESORT_STEP`] (Syria at
/// 1280×720 on a projector is narrower than "SYRIA" at 0.72), and a name in both scripts in its first
/// line alone (IRAQ in two lines has no room between the 2020 markers on a projector): a smaller name, or
/// one in one script, is better than none.
fn galleys_for(painter: &Painter, c: &Candidate, palette: &MapPalette) -> (Vec<Arc<Galley>>, usize, Vec<bool>) {
    let steps: &[f32] = if c.inside_area.is_some() { &country::SIZE_STEPS } else { &[1.0] };
    let layout = |c: &Candidate, scale: f32| painter.layout_job(label_job(c, palette, scale));
    let mut out: Vec<Arc<Galley>> = steps.iter().map(|&scale| layout(c, scale)).collect();
    let primary = out.len();
    let mut last_resort = vec![false; primary];
    let focus = c.inside_area.is_some() && c.style == LabelStyle::Focus;
    if focus {
        out.push(layout(c, country::LAST_RESORT_STEP));
        last_resort.push(true);
    }
    if let (Some(_), Some((first, _))) = (c.inside_area, c.text.split_once('\n')) {
        let one_line = Candidate { text: first.to_owned(), ..c.clone() };
        out.extend(steps.iter().map(|&scale| layout(&one_line, scale)));
        last_resort.resize(out.len(), false);
        if focus {
            out.push(layout(&one_line, country::LAST_RESORT_STEP));
            last_resort.push(true);
        }
    }
    (out, primary, last_resort)
}

/// What a label names, as [`spots`] needs it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Feature {
    /// Where the label belongs on screen.
    pub anchor: Pos2,
    /// Its style.
    pub style: LabelStyle,
    /// For an area's name, the area.
    pub area: Option<usize>,
    /// A capital (which may go away from its dot with a line, see [`leader::allowed`]).
    pub keep: bool,
}

/// The boxes a label may take, best first, with the index of the size each is for: at each of `sizes`,
/// the positions `positions` gives around the anchor, then, for a country's name, a grid over its
/// country, then, for a neighbour's, boxes beside it; last, for the labels that may have one, spots
/// further away with a line back (at full size, then smaller).
pub(super) fn spots<'a>(
    feature: Feature,
    sizes: &'a [Vec2],
    areas: &'a dyn Areas,
    screen: Rect,
    positions: fn(LabelStyle, Vec2) -> Vec<(Align2, Vec2)>,
) -> impl Iterator<Item = (usize, Rect, Spot)> + 'a {
    let Feature { anchor, style, area, keep } = feature;
    let bounds = area.and_then(|a| areas.screen_bounds(a));
    // Built only when every nearer spot is taken.
    let away = sizes.iter().copied().enumerate().flat_map(move |(k, text_size)| {
        let spots = if leader::allowed(style, keep, bounds) {
            leader::spots(anchor, style, text_size, screen)
        } else {
            Vec::new()
        };
        spots.into_iter().map(move |r| (k, r, Spot::Leader))
    });
    let near = sizes.iter().enumerate().flat_map(move |(k, &text_size)| {
        let usual = positions(style, text_size)
            .into_iter()
            .map(move |(align, offset)| (k, align.anchor_size(anchor + offset, text_size), Spot::Inside));
        let grid = bounds
            .map(|b| country::grid_centres(anchor, text_size, b, screen))
            .unwrap_or_default()
            .into_iter()
            .map(move |centre| (k, Rect::from_center_size(centre, text_size), Spot::Inside));
        let beside = bounds
            .filter(|b| style == LabelStyle::Context && country::short_enough_to_sit_beside(*b, text_size))
            .map(|b| country::beside(b, text_size))
            .into_iter()
            .flatten()
            .map(move |r| (k, r, Spot::Beside));
        usual.chain(grid).chain(beside)
    });
    near.chain(away)
}

#[cfg(test)]
mod tests;
