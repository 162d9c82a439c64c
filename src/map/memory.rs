//! The only map state kept between frames: where the view is centred and how far it is zoomed.

use serde::{Deserialize, Serialize};

use super::projection::{MapPoint, MapRect, Projector};

/// Least zoom: the whole Middle East and more on a small window.
pub const MIN_POINTS_PER_KM: f64 = 0.02;
/// Most zoom: a city quarter fills the screen.
pub const MAX_POINTS_PER_KM: f64 = 60.0;
/// How much one `+` or `-` press zooms.
pub const KEY_ZOOM_FACTOR: f64 = 1.5;
/// Map space beyond which the centre may not be dragged (kilometres from the origin).
const MAX_CENTER_OFFSET_KM: f64 = 9000.0;

/// Centre and zoom of the map view. `None` zoom means "fit to the focus countries" on the next frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MapMemory {
    /// The map point at the centre of the view.
    pub center: MapPoint,
    /// Screen points per map kilometre; `None` until the view is first fitted.
    pub points_per_km: Option<f64>,
}

impl MapMemory {
    /// A memory that fits the given box on the next frame.
    pub fn fit_pending() -> Self {
        Self::default()
    }

    /// The projector for this frame: this view, or `home` fitted into `screen_rect` if none is set.
    pub fn projector(&self, screen_rect: egui::Rect, home: &MapRect) -> Projector {
        let view = if self.points_per_km.is_some() { *self } else { Self::fitted(screen_rect, home) };
        Projector { screen_rect, center: view.center, points_per_km: view.points_per_km.unwrap_or(1.0) }
    }

    /// A memory showing all of `home` inside `screen_rect`, with a small margin.
    pub fn fitted(screen_rect: egui::Rect, home: &MapRect) -> Self {
        Self::fitted_in(screen_rect, screen_rect, home)
    }

    /// A memory showing all of `home` inside `free_rect`, the part of the map `screen_rect` nothing covers
    /// (a side panel laid over the map on a small screen covers the rest).
    pub fn fitted_in(screen_rect: egui::Rect, free_rect: egui::Rect, home: &MapRect) -> Self {
        let free = free_rect.intersect(screen_rect);
        let free = if free.width() >= 1.0 && free.height() >= 1.0 { free } else { screen_rect };
        if !home.is_valid() || free.width() < 1.0 || free.height() < 1.0 {
            return Self { center: MapPoint::default(), points_per_km: Some(0.3) };
        }
        let sx = f64::from(free.width()) / home.width_km().max(1.0);
        let sy = f64::from(free.height()) / home.height_km().max(1.0);
        let scale = (sx.min(sy) * 0.94).clamp(MIN_POINTS_PER_KM, MAX_POINTS_PER_KM);
        // The view's centre is the screen's: shift it so home's centre lands on the free part's centre.
        let shift = screen_rect.center() - free.center();
        let center = home.center();
        let center = MapPoint::new(center.x_km + f64::from(shift.x) / scale, center.y_km - f64::from(shift.y) / scale);
        Self { center, points_per_km: Some(scale) }
    }

    /// Moves the view by a screen drag delta, so the map follows the pointer.
    pub fn pan_by_screen(&mut self, delta: egui::Vec2) {
        let Some(scale) = self.points_per_km else { return };
        self.center.x_km -= f64::from(delta.x) / scale;
        self.center.y_km += f64::from(delta.y) / scale;
        self.center.x_km = self.center.x_km.clamp(-MAX_CENTER_OFFSET_KM, MAX_CENTER_OFFSET_KM);
        self.center.y_km = self.center.y_km.clamp(-MAX_CENTER_OFFSET_KM, MAX_CENTER_OFFSET_KM);
    }

    /// Zooms by `factor` keeping the map point under `anchor` (a screen position) where it is.
    pub fn zoom_about(&mut self, projector: &Projector, factor: f64, anchor: egui::Pos2) {
        let Some(scale) = self.points_per_km else { return };
        let new_scale = (scale * factor).clamp(MIN_POINTS_PER_KM, MAX_POINTS_PER_KM);
        let before = projector.map_from_screen(anchor);
        let c = projector.screen_rect.center();
        // Solve for the centre that puts `before` back under `anchor` at the new scale.
        self.center.x_km = before.x_km - f64::from(anchor.x - c.x) / new_scale;
        self.center.y_km = before.y_km + f64::from(anchor.y - c.y) / new_scale;
        self.points_per_km = Some(new_scale);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen() -> egui::Rect {
        egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1000.0, 500.0))
    }

    fn home() -> MapRect {
        MapRect { min: MapPoint::new(-1000.0, -1000.0), max: MapPoint::new(1000.0, 1000.0) }
    }

    #[test]
    fn fits_home_inside_the_screen() {
        let m = MapMemory::fit_pending();
        let p = m.projector(screen(), &home());
        let visible = p.visible_map_rect();
        assert!(visible.height_km() >= 2000.0 && visible.height_km() < 2200.0, "{visible:?}");
        assert_eq!(p.center, MapPoint::new(0.0, 0.0));
    }

    #[test]
    fn fits_home_inside_the_free_part_of_the_screen() {
        let free = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(400.0, 500.0));
        let m = MapMemory::fitted_in(screen(), free, &home());
        let p = m.projector(screen(), &home());
        for corner in [MapPoint::new(-1000.0, -1000.0), MapPoint::new(1000.0, 1000.0)] {
            let at = p.screen_from_map(corner);
            assert!(free.contains(at), "{corner:?} drawn at {at:?}, outside {free:?}");
        }
        let middle = p.screen_from_map(MapPoint::new(0.0, 0.0));
        assert!((middle.x - 200.0).abs() < 1e-3 && (middle.y - 250.0).abs() < 1e-3, "{middle:?}");
    }

    #[test]
    fn zoom_about_keeps_the_anchor_still() {
        let mut m = MapMemory::fitted(screen(), &home());
        let anchor = egui::pos2(800.0, 100.0);
        let p = m.projector(screen(), &home());
        let under = p.map_from_screen(anchor);
        for factor in [1.5, 1.5, 1.0 / 3.0, 7.0] {
            let p = m.projector(screen(), &home());
            m.zoom_about(&p, factor, anchor);
            let after = m.projector(screen(), &home()).map_from_screen(anchor);
            assert!((after.x_km - under.x_km).abs() < 1e-6 && (after.y_km - under.y_km).abs() < 1e-6);
        }
    }

    #[test]
    fn zoom_is_clamped_and_pan_follows_the_pointer() {
        let mut m = MapMemory::fitted(screen(), &home());
        let p = m.projector(screen(), &home());
        m.zoom_about(&p, 1e9, egui::pos2(500.0, 250.0));
        assert_eq!(m.points_per_km, Some(MAX_POINTS_PER_KM));
        let before = m.center;
        m.pan_by_screen(egui::vec2(60.0, -30.0));
        assert!((before.x_km - m.center.x_km - 1.0).abs() < 1e-9, "dragging right moves the view west");
        assert!((m.center.y_km - before.y_km + 0.5).abs() < 1e-9, "dragging up moves the view south");
    }
}
