//! Labels moved clear of this frame's markers.

use egui::{Align2, Rect, Vec2};

use super::country::{self, Spot};
use super::{Areas, Feature, LabelStyle, PlacedLabel, leader, options_for, spots};
use crate::theme::size;

/// The labels with none under `obstacles` (this frame's markers, which move with the date while the placed
/// labels are cached with the view): a covered label takes another of its positions, or one a marker's
/// width further out, free of markers, of more important labels, of the focus countries' names and of the
/// edge of `screen`; less important labels in the way give up their place (labels come most important
/// first). A country's name may also take any free spot in its country, then shrink, and never covers a
/// neighbour (see [`country::fits_country`]). Failing all these, a focus country's name, a capital or a
/// small neighbour goes further away with a line back (see [`leader`]); a label with no such spot is
/// dropped, but a focus country's name or a capital stays where it is (the map must say which is Iraq),
/// drawn over the markers ([`PlacedLabel::over_markers`]).
pub fn clear_of(labels: &[PlacedLabel], obstacles: &[Rect], screen: Rect, areas: &dyn Areas) -> Vec<PlacedLabel> {
    let hits = |r: Rect| obstacles.iter().any(|o| o.intersects(r));
    // A spot moved to keeps a hair's breadth from the markers, not touching them.
    let near_a_marker = |r: Rect| hits(r.expand(1.0));
    let mut rects: Vec<Option<Rect>> = labels.iter().map(|l| Some(l.rect())).collect();
    let mut out: Vec<PlacedLabel> = labels.to_vec();
    let gap = Vec2::splat(size::LABEL_GAP);
    // Labels a more important one moved onto: they look for another spot in their turn.
    let mut displaced = vec![false; labels.len()];
    for (i, label) in labels.iter().enumerate() {
        let pushed = displaced.get(i).copied().unwrap_or(false);
        let Some(rect) = rects.get(i).copied().flatten().or(pushed.then(|| label.rect())) else { continue };
        if !near_a_marker(rect) && !pushed {
            continue;
        }
        // Labels placed before this one, and the focus countries' names and capitals, are not pushed aside.
        let gives_way = |j: usize, other: &PlacedLabel| j > i && other.style != LabelStyle::Focus && !other.keep;
        let free_of_more_important =
            |r: Rect, rects: &[Option<Rect>]| {
                rects.iter().zip(labels).enumerate().all(|(j, (o, other))| {
                    gives_way(j, other) || j == i || o.is_none_or(|o| !o.intersects(r.expand2(gap)))
                })
            };
        let dot_rect = label.dot.map(|d| Rect::from_center_size(d, Vec2::splat(size::CITY_DOT * 2.0)));
        let sizes: Vec<Vec2> = std::iter::once(&label.galley).chain(&label.smaller).map(|g| g.size()).collect();
        let line_to = |r: Rect| leader::line(r, label.anchor, label.dot.is_some());
        // The lines of the other labels still drawn.
        let lines: Vec<[egui::Pos2; 2]> = out
            .iter()
            .zip(&rects)
            .enumerate()
            .filter(|&(j, (l, r))| j != i && r.is_some() && !gives_way(j, l))
            .filter_map(|(_, (l, _))| l.leader)
            .collect();
        let allowed = |r: Rect, spot: Spot| {
            screen.contains_rect(r)
                && free_of_more_important(r, &rects)
                && dot_rect.is_none_or(|d| !d.intersects(r))
                && !lines.iter().any(|&l| leader::crosses(r, l))
                && label.inside_area.is_none_or(|a| country::fits_country(areas, a, label.style, r, spot))
                && label.dot.is_none_or(|d| country::fits_city(areas, d, r))
                && (spot != Spot::Leader || {
                    let line = line_to(r);
                    // Across more important names only: the lesser ones in the way give up their place.
                    rects.iter().zip(labels).enumerate().all(|(j, (o, other))| {
                        gives_way(j, other) || j == i || o.is_none_or(|o| !leader::crosses(o, line))
                    }) && !lines.iter().any(|&l| leader::lines_cross(l, line))
                        && label.dot.is_none_or(|d| country::line_fits(areas, d, line[0]))
                })
        };
        let (anchor, style, area, keep) = (label.anchor, label.style, label.inside_area, label.keep);
        let feature = Feature { anchor, style, area, keep };
        let spots = || spots(feature, &sizes, areas, screen, moves_for);
        // A name only touching a marker moves beside its feature or stays; one under it may go away.
        let covered = pushed || hits(rect);
        let free = |&(_, r, spot): &(usize, Rect, Spot)| !near_a_marker(r) && allowed(r, spot);
        // A city's name keeps to its own country where it can, near or away with a line (Baghdad's in Iraq,
        // not at the Turkish border), before it goes abroad.
        let home = label.dot.and_then(|d| areas.area_at(d));
        let abroad = |r: Rect| home.is_some_and(|h| !areas.contains(h, r.center()));
        let near = || spots().filter(|s| s.2 != Spot::Leader).filter(free);
        // Away with a line: the spot whose line the fewest markers hide, at the largest size, nearest.
        let hidden = |&(k, r, _): &(usize, Rect, Spot)| {
            let line = line_to(r);
            (abroad(r), obstacles.iter().filter(|&&o| leader::crosses(o, line)).count(), k)
        };
        let away = || spots().filter(|s| s.2 == Spot::Leader).filter(free).min_by_key(hidden);
        let mut moved = near().find(|s| !abroad(s.1));
        // The best spot away, searched once: at home if there is one, else abroad.
        let away_best = if moved.is_none() && covered { away() } else { None };
        if moved.is_none() {
            moved = away_best.filter(|s| !abroad(s.1));
        }
        if moved.is_none() {
            moved = near().next();
        }
        if moved.is_none() {
            moved = away_best;
        }
        if moved.is_none() && covered && label.style == LabelStyle::Focus {
            // Boxed in: a focus country's name keeps to the spot in its country the markers cover least.
            let covered = |r: Rect| {
                obstacles.iter().map(|o| o.intersect(r)).filter(Rect::is_positive).map(|i| i.area()).sum::<f32>()
            };
            let mut least: Vec<(f32, (usize, Rect, Spot))> =
                spots().map(|s| (covered(s.1), s)).filter(|&(c, _)| c < covered(rect)).collect();
            least.sort_by(|a, b| a.0.total_cmp(&b.0));
            moved = least.into_iter().map(|(_, s)| s).find(|&(_, r, spot)| allowed(r, spot));
        }
        match moved {
            Some((k, r, spot)) => {
                rects[i] = Some(r);
                if let Some(l) = out.get_mut(i) {
                    if k > 0 {
                        let mut smaller = std::mem::take(&mut l.smaller);
                        let rest = smaller.split_off(k.min(smaller.len()));
                        if let Some(g) = smaller.pop() {
                            l.galley = g;
                        }
                        l.smaller = rest;
                    }
                    l.pos = r.min - l.galley.rect.min.to_vec2();
                    // A city's name moved a marker's width or more from its dot (hidden by the marker)
                    // points back at it.
                    let far = label.dot.is_some_and(|d| r.distance_to_pos(d) > size::CITY_DOT + 3.0 + size::LABEL_GAP);
                    l.leader = (spot == Spot::Leader || far).then(|| line_to(r));
                }
                let line = out.get(i).and_then(|l| l.leader);
                let their_lines: Vec<Option<[egui::Pos2; 2]>> = out.iter().map(|l| l.leader).collect();
                let slots = rects.iter_mut().zip(labels).zip(displaced.iter_mut()).zip(their_lines);
                for (((later, l), pushed), their_line) in slots.skip(i + 1) {
                    let crossed = |o: Rect| {
                        o.intersects(r.expand2(gap))
                            || line.is_some_and(|l| leader::crosses(o, l))
                            || their_line.is_some_and(|t| {
                                leader::crosses(r, t) || line.is_some_and(|l| leader::lines_cross(l, t))
                            })
                    };
                    if !l.keep && later.is_some_and(crossed) {
                        *later = None;
                        *pushed = true;
                    }
                }
            }
            None if label.style == LabelStyle::Focus || label.keep => rects[i] = Some(rect),
            None => rects[i] = None,
        }
    }
    still_drawn(out, &rects, hits)
}

/// The labels that kept a box; a focus country's name or a capital with nowhere free to go is drawn over
/// the markers, not under.
fn still_drawn(out: Vec<PlacedLabel>, rects: &[Option<Rect>], hits: impl Fn(Rect) -> bool) -> Vec<PlacedLabel> {
    out.into_iter()
        .zip(rects)
        .filter_map(|(mut l, r)| {
            let r = (*r)?;
            l.over_markers = (l.style == LabelStyle::Focus || l.keep) && hits(r);
            Some(l)
        })
        .collect()
}

/// Where a label may move to get clear of a marker: its usual positions, then the same one and two
/// marker widths further out, then a city's corners.
fn moves_for(style: LabelStyle, text_size: Vec2) -> Vec<(Align2, Vec2)> {
    let mut moves = options_for(style, text_size);
    let base = moves.clone();
    for widths in [1.0, 2.0] {
        let out = widths * 2.0 * size::EVENT_MARKER_MAX;
        moves.extend(base.iter().map(|&(align, offset)| {
            let dir = if offset == Vec2::ZERO { Vec2::new(0.0, -1.0) } else { offset.normalized() };
            (align, offset + dir * out)
        }));
    }
    if matches!(style, LabelStyle::City { .. }) {
        let d = size::CITY_DOT + 3.0;
        moves.extend([
            (Align2::LEFT_BOTTOM, Vec2::new(d, -d)),
            (Align2::RIGHT_BOTTOM, Vec2::new(-d, -d)),
            (Align2::LEFT_TOP, Vec2::new(d, d)),
            (Align2::RIGHT_TOP, Vec2::new(-d, d)),
        ]);
    }
    moves
}
