//! Geographic primitives in WGS84 degrees.

use serde::{Deserialize, Serialize};

/// A WGS84 position in degrees. Build it with [`GeoPoint::lon_lat`] or [`GeoPoint::lat_lon`] so the axis
/// order is always spelled out at the call site (GeoJSON is lon/lat, people say lat/lon).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    /// Longitude in degrees east, -180..=180.
    pub lon: f64,
    /// Latitude in degrees north, -90..=90.
    pub lat: f64,
}

impl GeoPoint {
    /// From longitude then latitude (GeoJSON order).
    pub const fn lon_lat(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// From latitude then longitude (the order people and most sources write).
    pub const fn lat_lon(lat: f64, lon: f64) -> Self {
        Self { lon, lat }
    }

    /// True when both coordinates are finite and inside the valid WGS84 ranges.
    pub fn is_on_earth(self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }
}

/// One polygon: an exterior ring and zero or more holes. Rings are stored open (the closing point that
/// GeoJSON repeats is dropped), so a ring of `n` points has `n` edges.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeoPolygon {
    pub exterior: Vec<GeoPoint>,
    /// Holes (lakes inside a country, enclaves).
    pub holes: Vec<Vec<GeoPoint>>,
}

impl GeoPolygon {
    /// All rings, exterior first.
    pub fn rings(&self) -> impl Iterator<Item = &Vec<GeoPoint>> {
        std::iter::once(&self.exterior).chain(self.holes.iter())
    }

    /// Number of vertices over all rings.
    pub fn vertex_count(&self) -> usize {
        self.rings().map(Vec::len).sum()
    }

    /// True when `p` lies inside (even-odd rule over all rings, in plain degrees: fine for the small,
    /// hand-drawn outlines checks ask about).
    pub fn contains(&self, p: GeoPoint) -> bool {
        let mut inside = false;
        for ring in self.rings() {
            let edges = ring.iter().zip(ring.iter().cycle().skip(1));
            for (a, b) in edges {
                if (a.lat > p.lat) != (b.lat > p.lat) {
                    let lon_at = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
                    if p.lon < lon_at {
                        inside = !inside;
                    }
                }
            }
        }
        inside
    }
}

/// An axis-aligned box in degrees, used to cull and to fit views (and to save a view: lessons, export).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoBox {
    /// South-west corner.
    pub min: GeoPoint,
    /// North-east corner.
    pub max: GeoPoint,
}

impl GeoBox {
    /// The smallest box holding every point, or `None` for no points.
    pub fn around(points: impl IntoIterator<Item = GeoPoint>) -> Option<Self> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let mut b = Self { min: first, max: first };
        for p in it {
            b.min.lon = b.min.lon.min(p.lon);
            b.min.lat = b.min.lat.min(p.lat);
            b.max.lon = b.max.lon.max(p.lon);
            b.max.lat = b.max.lat.max(p.lat);
        }
        Some(b)
    }

    /// True when the boxes overlap.
    pub fn intersects(&self, other: &Self) -> bool {
        self.min.lon <= other.max.lon
            && other.min.lon <= self.max.lon
            && self.min.lat <= other.max.lat
            && other.min.lat <= self.max.lat
    }
}

/// Great-circle distance in kilometres.
pub fn haversine_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_is_inside_a_ring_but_not_its_hole() {
        let square = |min: f64, size: f64| {
            vec![
                GeoPoint::lon_lat(min, min),
                GeoPoint::lon_lat(min + size, min),
                GeoPoint::lon_lat(min + size, min + size),
                GeoPoint::lon_lat(min, min + size),
            ]
        };
        let p = GeoPolygon { exterior: square(0.0, 10.0), holes: vec![square(4.0, 2.0)] };
        assert!(p.contains(GeoPoint::lon_lat(1.0, 1.0)));
        assert!(!p.contains(GeoPoint::lon_lat(5.0, 5.0)), "in the hole");
        assert!(!p.contains(GeoPoint::lon_lat(11.0, 5.0)));
    }

    #[test]
    fn constructors_name_axis_order() {
        assert_eq!(GeoPoint::lat_lon(33.3, 44.4), GeoPoint::lon_lat(44.4, 33.3));
    }

    #[test]
    fn on_earth_rejects_out_of_range_and_nan() {
        assert!(GeoPoint::lon_lat(44.0, 33.0).is_on_earth());
        assert!(!GeoPoint::lon_lat(200.0, 33.0).is_on_earth());
        assert!(!GeoPoint::lon_lat(44.0, -91.0).is_on_earth());
        assert!(!GeoPoint::lon_lat(f64::NAN, 0.0).is_on_earth());
    }

    #[test]
    fn box_around_and_intersects() {
        let b = GeoBox::around([GeoPoint::lon_lat(1.0, 2.0), GeoPoint::lon_lat(-1.0, 5.0)]).unwrap();
        assert_eq!(b.min, GeoPoint::lon_lat(-1.0, 2.0));
        assert_eq!(b.max, GeoPoint::lon_lat(1.0, 5.0));
        let far = GeoBox::around([GeoPoint::lon_lat(10.0, 10.0)]).unwrap();
        assert!(!b.intersects(&far));
        assert!(GeoBox::around(std::iter::empty()).is_none());
    }

    #[test]
    fn haversine_baghdad_tehran() {
        let d = haversine_km(GeoPoint::lat_lon(33.34, 44.40), GeoPoint::lat_lon(35.69, 51.42));
        assert!((d - 690.0).abs() < 15.0, "{d}");
    }
}
