//! Labels moved clear of this frame's markers.

use egui::{Align2, Rect, Vec2};

use super::country::{self, Spot};
use super::{Areas, LabelStyle, PlacedLabel, options_for, spots};
use crate::theme::size;

/// The labels with none under `obstacles` (this frame's markers, which move with the date while the placed
/// labels are cached with the view): a covered label takes another of its positions, or one a marker's
/// width further out, free of markers, of more important labels, of the focus countries' names and of the
/// edge of `screen`; less important labels in the way give up their place (labels come most important
/// first). A country's name may also take any free spot in its country, then shrink, and never covers a
/// neighbour (see [`country::fits_country`]). A label with no such spot is dropped, but a focus country's
/// name or a capital stays where it is (the map must say which is Iraq).
pub fn clear_of(labels: &[PlacedLabel], obstacles: &[Rect], screen: Rect, areas: &dyn Areas) -> Vec<PlacedLabel> {
    let hits = |r: Rect| obstacles.iter().any(|o| o.intersects(r));
    let mut rects: Vec<Option<Rect>> = labels.iter().map(|l| Some(l.rect())).collect();
    let mut out: Vec<PlacedLabel> = labels.to_vec();
    let gap = Vec2::splat(size::LABEL_GAP);
    for (i, label) in labels.iter().enumerate() {
        let Some(rect) = rects.get(i).copied().flatten() else { continue };
        if !hits(rect) {
            continue;
        }
        // Labels placed before this one, and the focus countries' names, are not pushed aside.
        let free_of_more_important = |r: Rect, rects: &[Option<Rect>]| {
            rects.iter().zip(labels).enumerate().all(|(j, (o, other))| {
                (j > i && other.style != LabelStyle::Focus && !other.keep)
                    || j == i
                    || o.is_none_or(|o| !o.intersects(r.expand2(gap)))
            })
        };
        let dot_rect = label.dot.map(|d| Rect::from_center_size(d, Vec2::splat(size::CITY_DOT * 2.0)));
        let sizes: Vec<Vec2> = std::iter::once(&label.galley).chain(&label.smaller).map(|g| g.size()).collect();
        let allowed = |r: Rect, spot: Spot| {
            screen.contains_rect(r)
                && free_of_more_important(r, &rects)
                && dot_rect.is_none_or(|d| !d.intersects(r))
                && label.inside_area.is_none_or(|a| country::fits_country(areas, a, label.style, r, spot))
                && label.dot.is_none_or(|d| country::fits_city(areas, d, r))
        };
        let spots = || spots(label.anchor, label.style, label.inside_area, &sizes, areas, screen, moves_for);
        let mut moved = spots().find(|&(_, r, spot)| !hits(r) && allowed(r, spot));
        if moved.is_none() && label.style == LabelStyle::Focus {
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
            Some((k, r, _)) => {
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
                }
                for (later, l) in rects.iter_mut().zip(labels).skip(i + 1) {
                    if !l.keep && later.is_some_and(|o| o.intersects(r.expand2(gap))) {
                        *later = None;
                    }
                }
            }
            None if label.style == LabelStyle::Focus || label.keep => {}
            None => rects[i] = None,
        }
    }
    out.into_iter().zip(rects).filter_map(|(l, r)| r.map(|_| l)).collect()
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
