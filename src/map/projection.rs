//! Geographic ↔ map ↔ screen coordinates.
//!
//! The atlas uses a **Lambert conformal conic** projection with standard parallels 17°N and 37°N (the
//! one-sixth rule for a 12°N–42°N band) and central meridian 47°E. A conic suits a region wider east–west
//! than north–south in the mid-latitudes: it keeps shapes (conformal) so countries look as students know
//! them from wall maps, and its scale error stays under about 2% across 12°N–42°N, where Web Mercator would
//! inflate Turkey against Yemen by over 25%. It is computed on a sphere of radius 6371 km in `f64`.
//!
//! Spaces: *geo* is lon/lat degrees, *map* is projected kilometres (x east, y north), *screen* is egui
//! points (y down).

use crate::model::GeoPoint;

pub use super::conic::{MapPoint, geo_from_map, map_from_geo};

/// An axis-aligned box in map space.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapRect {
    /// South-west corner.
    pub min: MapPoint,
    /// North-east corner.
    pub max: MapPoint,
}

impl Default for MapRect {
    fn default() -> Self {
        Self::NOTHING
    }
}

impl MapRect {
    /// An empty box that any point extends.
    pub const NOTHING: Self = Self {
        min: MapPoint::new(f64::INFINITY, f64::INFINITY),
        max: MapPoint::new(f64::NEG_INFINITY, f64::NEG_INFINITY),
    };

    /// Grows the box to hold `p`.
    pub fn extend(&mut self, p: MapPoint) {
        self.min.x_km = self.min.x_km.min(p.x_km);
        self.min.y_km = self.min.y_km.min(p.y_km);
        self.max.x_km = self.max.x_km.max(p.x_km);
        self.max.y_km = self.max.y_km.max(p.y_km);
    }

    /// Grows the box to hold `other`.
    pub fn union(&mut self, other: &Self) {
        self.extend(other.min);
        self.extend(other.max);
    }

    /// True when the boxes overlap.
    pub fn intersects(&self, other: &Self) -> bool {
        self.min.x_km <= other.max.x_km
            && other.min.x_km <= self.max.x_km
            && self.min.y_km <= other.max.y_km
            && other.min.y_km <= self.max.y_km
    }

    /// True when `p` is inside or on the edge.
    pub fn contains(&self, p: MapPoint) -> bool {
        (self.min.x_km..=self.max.x_km).contains(&p.x_km) && (self.min.y_km..=self.max.y_km).contains(&p.y_km)
    }

    /// The centre.
    pub fn center(&self) -> MapPoint {
        MapPoint::new((self.min.x_km + self.max.x_km) / 2.0, (self.min.y_km + self.max.y_km) / 2.0)
    }

    /// Width in kilometres.
    pub fn width_km(&self) -> f64 {
        self.max.x_km - self.min.x_km
    }

    /// Height in kilometres.
    pub fn height_km(&self) -> f64 {
        self.max.y_km - self.min.y_km
    }

    /// False for [`MapRect::NOTHING`] and other inverted boxes.
    pub fn is_valid(&self) -> bool {
        self.min.x_km <= self.max.x_km && self.min.y_km <= self.max.y_km
    }
}

/// Maps between map space and screen space for one frame: the view's rectangle on screen, the map point
/// at its centre and the scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projector {
    /// The map's rectangle on screen, in points.
    pub screen_rect: egui::Rect,
    /// The map point shown at the centre of `screen_rect`.
    pub center: MapPoint,
    /// Screen points per map kilometre.
    pub points_per_km: f64,
}

impl Projector {
    /// Screen position of a map point.
    pub fn screen_from_map(&self, p: MapPoint) -> egui::Pos2 {
        let c = self.screen_rect.center();
        egui::pos2(
            (f64::from(c.x) + (p.x_km - self.center.x_km) * self.points_per_km) as f32,
            (f64::from(c.y) - (p.y_km - self.center.y_km) * self.points_per_km) as f32,
        )
    }

    /// Map point under a screen position.
    pub fn map_from_screen(&self, pos: egui::Pos2) -> MapPoint {
        let c = self.screen_rect.center();
        MapPoint::new(
            self.center.x_km + f64::from(pos.x - c.x) / self.points_per_km,
            self.center.y_km - f64::from(pos.y - c.y) / self.points_per_km,
        )
    }

    /// Screen position of a geographic point.
    pub fn screen_from_geo(&self, p: GeoPoint) -> egui::Pos2 {
        self.screen_from_map(map_from_geo(p))
    }

    /// Geographic point under a screen position.
    pub fn geo_from_screen(&self, pos: egui::Pos2) -> GeoPoint {
        geo_from_map(self.map_from_screen(pos))
    }

    /// The part of map space visible on screen.
    pub fn visible_map_rect(&self) -> MapRect {
        let mut r = MapRect::NOTHING;
        r.extend(self.map_from_screen(self.screen_rect.left_top()));
        r.extend(self.map_from_screen(self.screen_rect.right_bottom()));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::conic::{
        CENTRAL_MERIDIAN_DEG, EARTH_RADIUS_KM, ORIGIN_LAT_DEG, STANDARD_PARALLEL_1_DEG, STANDARD_PARALLEL_2_DEG,
    };

    #[test]
    fn round_trips_across_the_region_and_beyond() {
        for lat in (-60..=80).step_by(4) {
            for lon in (-170..=170).step_by(7) {
                let g = GeoPoint::lon_lat(f64::from(lon) + 0.123, f64::from(lat) + 0.456);
                let back = geo_from_map(map_from_geo(g));
                assert!((back.lon - g.lon).abs() < 1e-9, "{g:?} -> {back:?}");
                assert!((back.lat - g.lat).abs() < 1e-9, "{g:?} -> {back:?}");
            }
        }
    }

    #[test]
    fn origin_and_orientation() {
        let o = map_from_geo(GeoPoint::lon_lat(CENTRAL_MERIDIAN_DEG, ORIGIN_LAT_DEG));
        assert!(o.x_km.abs() < 1e-9 && o.y_km.abs() < 1e-9);
        let tehran = map_from_geo(GeoPoint::lat_lon(35.69, 51.42));
        let sanaa = map_from_geo(GeoPoint::lat_lon(15.35, 44.21));
        assert!(tehran.x_km > sanaa.x_km, "Tehran is east of Sanaa");
        assert!(tehran.y_km > sanaa.y_km, "Tehran is north of Sanaa");
    }

    #[test]
    fn distances_are_true_on_standard_parallels() {
        // One degree of longitude along 17°N and 37°N has its true length on a conformal conic.
        for lat in [STANDARD_PARALLEL_1_DEG, STANDARD_PARALLEL_2_DEG] {
            let a = map_from_geo(GeoPoint::lon_lat(46.5, lat));
            let b = map_from_geo(GeoPoint::lon_lat(47.5, lat));
            let chord = ((a.x_km - b.x_km).powi(2) + (a.y_km - b.y_km).powi(2)).sqrt();
            let truth = EARTH_RADIUS_KM * lat.to_radians().cos() * 1.0_f64.to_radians();
            assert!((chord / truth - 1.0).abs() < 1e-4, "{lat}: {chord} vs {truth}");
        }
    }

    #[test]
    fn projector_round_trips_screen_points() {
        let p = Projector {
            screen_rect: egui::Rect::from_min_size(egui::pos2(10.0, 20.0), egui::vec2(800.0, 600.0)),
            center: MapPoint::new(120.0, -340.0),
            points_per_km: 0.37,
        };
        for pos in [egui::pos2(10.0, 20.0), egui::pos2(400.5, 300.25), egui::pos2(810.0, 620.0)] {
            let back = p.screen_from_map(p.map_from_screen(pos));
            assert!((back - pos).length() < 1e-3, "{pos:?} -> {back:?}");
        }
        let baghdad = GeoPoint::lat_lon(33.34, 44.40);
        let back = p.geo_from_screen(p.screen_from_geo(baghdad));
        assert!((back.lat - baghdad.lat).abs() < 1e-2 && (back.lon - baghdad.lon).abs() < 1e-2);
    }
}
