//! The scale bar in the map's lower-left corner, true to the distance at the view's centre.

use egui::{Align2, FontId, Pos2, Stroke, Vec2};

use super::Projector;
use crate::theme::{MapPalette, size};

/// The corner the scale bar takes (its longest bar and its text), which labels keep out of.
pub fn scale_bar_rect(screen: egui::Rect) -> egui::Rect {
    let origin = scale_bar_origin(screen);
    egui::Rect::from_min_max(
        Pos2::new(origin.x - 8.0, origin.y - 14.0),
        Pos2::new(origin.x + SCALE_BAR_MAX_POINTS as f32 + 70.0, origin.y + 8.0),
    )
}

/// The longest the scale bar gets, points.
const SCALE_BAR_MAX_POINTS: f64 = 160.0;

fn scale_bar_origin(screen: egui::Rect) -> Pos2 {
    Pos2::new(screen.left() + 16.0, screen.bottom() - 18.0)
}

/// The longest "nice" distance (1, 2 or 5 × 10ⁿ km) whose bar fits in `max_points` at `points_per_true_km`.
pub fn nice_scale_km(points_per_true_km: f64, max_points: f64) -> f64 {
    let max_km = max_points / points_per_true_km.max(1e-9);
    let magnitude = 10f64.powf(max_km.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * magnitude).find(|&d| d <= max_km).unwrap_or(magnitude)
}

pub fn scale_bar(painter: &egui::Painter, p: &Projector, palette: &MapPalette) {
    let rect = p.screen_rect;
    // True scale at the centre of the view (the conic's scale varies slightly with latitude).
    let c = rect.center();
    let g0 = p.geo_from_screen(c);
    let g1 = p.geo_from_screen(c + Vec2::new(0.0, -50.0));
    let km = crate::model::geo::haversine_km(g0, g1);
    if km <= 0.0 || !km.is_finite() {
        return;
    }
    let points_per_true_km = 50.0 / km;
    let d_km = nice_scale_km(points_per_true_km, SCALE_BAR_MAX_POINTS);
    let len = (d_km * points_per_true_km) as f32;
    let origin = scale_bar_origin(rect);
    let ink = Stroke::new(2.5, palette.scale_bar);
    let halo = Stroke::new(5.0, palette.label_halo);
    let bar = [origin, origin + Vec2::new(len, 0.0)];
    let ticks = [[origin, origin + Vec2::new(0.0, -7.0)], [bar[1], bar[1] + Vec2::new(0.0, -7.0)]];
    for stroke in [halo, ink] {
        painter.line_segment(bar, stroke);
        for t in ticks {
            painter.line_segment(t, stroke);
        }
    }
    let text = if d_km >= 1.0 { format!("{d_km:.0} km") } else { format!("{:.0} m", d_km * 1000.0) };
    let pos = Pos2::new(origin.x + len + 8.0, origin.y - 4.0);
    let font = FontId::proportional(size::LABEL_CITY);
    for o in [Vec2::new(-1.0, 0.0), Vec2::new(1.0, 0.0), Vec2::new(0.0, -1.0), Vec2::new(0.0, 1.0)] {
        painter.text(pos + o, Align2::LEFT_CENTER, &text, font.clone(), palette.label_halo);
    }
    painter.text(pos, Align2::LEFT_CENTER, text, font, palette.scale_bar);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scale_rounds_down_to_1_2_5() {
        assert_eq!(nice_scale_km(0.3, 160.0), 500.0);
        assert_eq!(nice_scale_km(1.0, 160.0), 100.0);
        assert_eq!(nice_scale_km(0.1, 160.0), 1000.0);
        assert_eq!(nice_scale_km(0.5, 160.0), 200.0);
    }
}
