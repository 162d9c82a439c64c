//! The Lambert conformal conic between geographic and map coordinates (see `projection` for why this
//! projection). Apart from `projection` so that the build script can include it: the bundled polygons are
//! triangulated at build time in exactly the coordinates the app computes (`baked`).

use serde::{Deserialize, Serialize};

use crate::model::GeoPoint;

pub const EARTH_RADIUS_KM: f64 = 6371.0;
pub const STANDARD_PARALLEL_1_DEG: f64 = 17.0;
pub const STANDARD_PARALLEL_2_DEG: f64 = 37.0;
pub const ORIGIN_LAT_DEG: f64 = 27.0;
pub const CENTRAL_MERIDIAN_DEG: f64 = 47.0;
/// The conic is singular at the south pole; world geometry is clamped above this latitude.
const MIN_LAT_DEG: f64 = -85.0;

/// A point in projected map space, in kilometres from the projection origin (27°N, 47°E).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// Kilometres east.
    pub x_km: f64,
    /// Kilometres north.
    pub y_km: f64,
}

impl MapPoint {
    /// A point from its coordinates in kilometres.
    pub const fn new(x_km: f64, y_km: f64) -> Self {
        Self { x_km, y_km }
    }
}

/// The constants of the conic, derived once from the standard parallels.
struct Conic {
    n: f64,
    rf: f64,
    rho0: f64,
}

fn conic() -> &'static Conic {
    static CONIC: std::sync::OnceLock<Conic> = std::sync::OnceLock::new();
    CONIC.get_or_init(|| {
        let phi1 = STANDARD_PARALLEL_1_DEG.to_radians();
        let phi2 = STANDARD_PARALLEL_2_DEG.to_radians();
        let phi0 = ORIGIN_LAT_DEG.to_radians();
        let t = |phi: f64| (std::f64::consts::FRAC_PI_4 + phi / 2.0).tan();
        let n = (phi1.cos() / phi2.cos()).ln() / (t(phi2) / t(phi1)).ln();
        let rf = EARTH_RADIUS_KM * phi1.cos() * t(phi1).powf(n) / n;
        let rho0 = rf / t(phi0).powf(n);
        Conic { n, rf, rho0 }
    })
}

/// Projects a geographic point to map kilometres (Snyder, *Map Projections: A Working Manual*, eq. 15-1..15-4).
pub fn map_from_geo(p: GeoPoint) -> MapPoint {
    let c = conic();
    let lat = p.lat.clamp(MIN_LAT_DEG, 89.999).to_radians();
    let mut dlon = p.lon - CENTRAL_MERIDIAN_DEG;
    dlon = (dlon + 540.0).rem_euclid(360.0) - 180.0;
    let rho = c.rf / (std::f64::consts::FRAC_PI_4 + lat / 2.0).tan().powf(c.n);
    let theta = c.n * dlon.to_radians();
    MapPoint::new(rho * theta.sin(), c.rho0 - rho * theta.cos())
}

/// The inverse of [`map_from_geo`] (Snyder eq. 15-7..15-11).
pub fn geo_from_map(p: MapPoint) -> GeoPoint {
    let c = conic();
    let dy = c.rho0 - p.y_km;
    let rho = (p.x_km * p.x_km + dy * dy).sqrt().copysign(c.n);
    let theta = p.x_km.atan2(dy);
    let lat = if rho == 0.0 {
        90.0_f64.copysign(c.n)
    } else {
        (2.0 * (c.rf / rho).powf(1.0 / c.n).atan() - std::f64::consts::FRAC_PI_2).to_degrees()
    };
    let lon = (CENTRAL_MERIDIAN_DEG + (theta / c.n).to_degrees() + 540.0).rem_euclid(360.0) - 180.0;
    GeoPoint::lon_lat(lon, lat)
}
