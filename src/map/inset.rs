//! A small world map (plate carrée) for relations that reach far beyond the region: Switzerland for the
//! United States in Iran, Sweden for the United States in North Korea... Built once from the bundled world
//! boundaries, simplified to about half a degree.

use std::collections::HashMap;

use egui::epaint::QuadraticBezierShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2};

use crate::model::{Atlas, GeoPoint};
use crate::theme;

/// Degrees between kept outline points.
const SIMPLIFY_DEG: f64 = 0.6;
/// Latitudes shown (Antarctica and the far north are left out).
const LAT_TOP: f64 = 78.0;
const LAT_BOTTOM: f64 = -58.0;

/// Simplified world outlines and an anchor point per country.
#[derive(Clone, Debug, Default)]
pub struct WorldInset {
    /// Outlines, each closed unless it was cut where it crossed the 180th meridian (then `false`).
    rings: Vec<(Vec<GeoPoint>, bool)>,
    anchors: HashMap<String, GeoPoint>,
}

impl WorldInset {
    /// Simplifies the world and region countries' outlines once.
    pub fn build(atlas: &Atlas) -> Self {
        let mut rings = Vec::new();
        let mut anchors = HashMap::new();
        for area in atlas.world.iter().chain(atlas.countries.iter()) {
            let mut biggest: Option<(f64, GeoPoint)> = None;
            for polygon in &area.polygons {
                let mut kept: Vec<GeoPoint> = Vec::new();
                for &p in &polygon.exterior {
                    if kept.last().is_none_or(|l| (l.lon - p.lon).abs() + (l.lat - p.lat).abs() >= SIMPLIFY_DEG) {
                        kept.push(p);
                    }
                }
                if let Some(b) = crate::model::geo::GeoBox::around(polygon.exterior.iter().copied()) {
                    let size = (b.max.lon - b.min.lon) * (b.max.lat - b.min.lat);
                    let centre = GeoPoint::lon_lat((b.min.lon + b.max.lon) / 2.0, (b.min.lat + b.max.lat) / 2.0);
                    if b.max.lon - b.min.lon < 180.0 && biggest.is_none_or(|(s, _)| size > s) {
                        biggest = Some((size, centre));
                    }
                }
                let runs = split_at_antimeridian(&kept)
                    .into_iter()
                    .map(|(run, closed)| (without_spikes(&run, closed), closed));
                rings.extend(runs.filter(|(run, _)| run.len() >= 2));
            }
            if let Some((_, centre)) = biggest {
                anchors.entry(area.id.clone()).or_insert(centre);
            }
        }
        Self { rings, anchors }
    }

    /// Where a country's marker goes.
    pub fn anchor(&self, a3: &str) -> Option<GeoPoint> {
        self.anchors.get(a3).copied()
    }
}

/// A ring as the paths to draw: itself, closed, or, when it crosses the 180th meridian (Russia, Fiji),
/// the open runs between the crossings, so no line runs across the whole world.
fn split_at_antimeridian(ring: &[GeoPoint]) -> Vec<(Vec<GeoPoint>, bool)> {
    if ring.len() < 3 || ring.iter().all(|p| p.lat < LAT_BOTTOM || p.lat > LAT_TOP) {
        return Vec::new();
    }
    let jumps = |a: &GeoPoint, b: &GeoPoint| (a.lon - b.lon).abs() > 180.0;
    let closing = ring.first().zip(ring.last()).is_some_and(|(f, l)| jumps(l, f));
    if !closing && !ring.windows(2).any(|w| jumps(&w[0], &w[1])) {
        return vec![(ring.to_vec(), true)];
    }
    let mut runs = vec![Vec::new()];
    for (i, p) in ring.iter().enumerate() {
        if i > 0 && jumps(&ring[i - 1], p) {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push(*p);
        }
    }
    runs.into_iter().filter(|r| r.len() >= 2).map(|r| (r, false)).collect()
}

/// The outline without the points where it turns back on itself (a fjord half a degree wide): epaint
/// mitres a thin line's corner by 1/cos of half its angle, so such a point draws a spike across the inset.
fn without_spikes(run: &[GeoPoint], closed: bool) -> Vec<GeoPoint> {
    let mut out: Vec<GeoPoint> = Vec::with_capacity(run.len());
    for &p in run {
        while let [.., a, b] = out[..] {
            if !turns_back(a, b, p) {
                break;
            }
            out.pop();
        }
        out.push(p);
    }
    // A closed ring also turns at its first and last points.
    while closed && out.len() > 3 {
        let n = out.len();
        if turns_back(out[n - 2], out[n - 1], out[0]) {
            out.pop();
        } else if turns_back(out[n - 1], out[0], out[1]) {
            out.remove(0);
        } else {
            break;
        }
    }
    out
}

/// Whether the path a → b → c turns by more than 120° at b.
fn turns_back(a: GeoPoint, b: GeoPoint, c: GeoPoint) -> bool {
    let (ux, uy) = (b.lon - a.lon, b.lat - a.lat);
    let (vx, vy) = (c.lon - b.lon, c.lat - b.lat);
    let lengths = (ux.hypot(uy) * vx.hypot(vy)).max(f64::MIN_POSITIVE);
    (ux * vx + uy * vy) / lengths < -0.5
}

/// The control point of the arc from `a` to `b`: lifted above the middle, but not so far that its
/// caption leaves the inset (Switzerland for the United States spans half the world).
fn arc_control(a: Pos2, b: Pos2, rect: Rect) -> Pos2 {
    let mid = a + (b - a) / 2.0;
    let lift = ((b - a).length() * 0.35).max(14.0);
    Pos2::new(mid.x, (mid.y - lift).max(rect.top() + ARC_CAPTION_ROOM))
}

/// Room kept above an arc's top for its caption, points.
const ARC_CAPTION_ROOM: f32 = 18.0;

fn to_screen(rect: Rect, g: GeoPoint) -> Pos2 {
    let x = (g.lon + 180.0) / 360.0;
    let y = (LAT_TOP - g.lat) / (LAT_TOP - LAT_BOTTOM);
    Pos2::new(rect.left() + x as f32 * rect.width(), rect.top() + y as f32 * rect.height())
}

/// One country marked on the inset.
pub struct InsetMark<'a> {
    /// ISO alpha-3.
    pub a3: &'a str,
    /// Its label.
    pub label: &'a str,
}

/// Draws the inset with arcs `from → to` (indices into `marks`), each with a caption.
pub fn inset_ui(ui: &mut Ui, inset: &WorldInset, marks: &[InsetMark<'_>], arcs: &[(usize, usize, &str)]) {
    let width = ui.available_width().min(380.0);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, width * 0.5), Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(rect, 4.0, theme::map_palette(theme::ThemeChoice::Light).sea.gamma_multiply(0.5));
    let coast = Stroke::new(0.8, visuals.weak_text_color());
    for (ring, closed) in &inset.rings {
        let points: Vec<Pos2> = ring.iter().map(|&g| to_screen(rect, g)).collect();
        painter.add(if *closed { Shape::closed_line(points, coast) } else { Shape::line(points, coast) });
    }
    let at: Vec<Option<Pos2>> = marks.iter().map(|m| inset.anchor(m.a3).map(|g| to_screen(rect, g))).collect();
    let ink = visuals.strong_text_color();
    for &(from, to, caption) in arcs {
        let (Some(&Some(a)), Some(&Some(b))) = (at.get(from), at.get(to)) else { continue };
        let ctrl = arc_control(a, b, rect);
        let stroke = Stroke::new(2.5, theme::RELATION);
        painter.add(QuadraticBezierShape::from_points_stroke([a, ctrl, b], false, Color32::TRANSPARENT, stroke));
        // The arrowhead on the last part of the curve, pointing along it.
        let near_end = ctrl + (b - ctrl) * 0.8;
        painter.arrow(near_end, b - near_end, stroke);
        painter.text(
            ctrl + Vec2::new(0.0, -2.0),
            Align2::CENTER_BOTTOM,
            caption,
            FontId::proportional(theme::size::UI_SMALL),
            ink,
        );
    }
    for (m, p) in marks.iter().zip(&at) {
        if let Some(p) = p {
            painter.circle(*p, 4.5, theme::NOW_LINE, Stroke::new(1.5, Color32::WHITE));
            painter.text(
                *p + Vec2::new(0.0, 7.0),
                Align2::CENTER_TOP,
                m.label,
                FontId::proportional(theme::size::UI_SMALL),
                ink,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_where_the_coast_turns_back_is_left_out() {
        let at = |lon, lat| GeoPoint::lon_lat(lon, lat);
        let fjord = [at(0.0, 0.0), at(10.0, 0.0), at(20.0, 0.2), at(10.0, 0.4), at(10.0, 10.0), at(0.0, 10.0)];
        let kept = without_spikes(&fjord, true);
        assert_eq!(kept.len(), 5, "{kept:?}");
        assert!(!kept.contains(&at(20.0, 0.2)));
        let square = [at(0.0, 0.0), at(10.0, 0.0), at(10.0, 10.0), at(0.0, 10.0)];
        assert_eq!(without_spikes(&square, true), square.to_vec(), "right angles stay");
    }

    #[test]
    fn anchors_fall_inside_their_countries_bounding_area() {
        let atlas = crate::model::bundled::atlas().unwrap();
        let inset = WorldInset::build(&atlas);
        let che = inset.anchor("CHE").unwrap();
        assert!((che.lon - 8.2).abs() < 2.0 && (che.lat - 46.8).abs() < 2.0, "{che:?}");
        let usa = inset.anchor("USA").unwrap();
        assert!(usa.lon < -60.0 && usa.lon > -130.0, "the contiguous US, not Alaska: {usa:?}");
        assert!(inset.anchor("PRK").is_some() && inset.anchor("IRN").is_some());
        assert!(inset.rings.len() > 200);
        // No outline drawn crosses the world from one edge to the other (the relation card's stray lines).
        for (ring, closed) in &inset.rings {
            let mut steps: Vec<(GeoPoint, GeoPoint)> = ring.windows(2).map(|w| (w[0], w[1])).collect();
            if *closed && let (Some(&f), Some(&l)) = (ring.first(), ring.last()) {
                steps.push((l, f));
            }
            assert!(steps.iter().all(|(a, b)| (a.lon - b.lon).abs() <= 180.0), "a line across the world");
        }
        assert!(inset.rings.iter().any(|(_, closed)| !closed), "Russia is cut at the 180th meridian");
        // Nor turns back on itself, which epaint would draw as a long spike.
        for (ring, _) in &inset.rings {
            assert!(ring.windows(3).all(|w| !turns_back(w[0], w[1], w[2])), "a spike in {ring:?}");
        }
    }

    #[test]
    fn a_long_arc_keeps_its_caption_inside_the_inset() {
        let rect = Rect::from_min_size(Pos2::ZERO, Vec2::new(380.0, 190.0));
        let usa = to_screen(rect, GeoPoint::lat_lon(39.0, -98.0));
        let che = to_screen(rect, GeoPoint::lat_lon(46.8, 8.2));
        assert!(arc_control(usa, che, rect).y >= ARC_CAPTION_ROOM);
        let near = arc_control(Pos2::new(100.0, 100.0), Pos2::new(120.0, 100.0), rect);
        assert_eq!(near.y, 86.0, "a short arc is lifted as before");
    }
}
