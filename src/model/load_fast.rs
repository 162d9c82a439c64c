//! The quick reading of well-formed GeoJSON: features found in one pass and parsed on every core, polygon
//! coordinates parsed straight into numbers (no JSON value per number). Each function answers `None` for
//! anything it does not take as it is; `load` then reads the file the careful way, which says what is wrong
//! and where.

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::geo::{GeoPoint, GeoPolygon};

#[derive(Deserialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow)]
    features: Vec<&'a RawValue>,
}

/// True when the JSON text is an object: serde's derived structs also take an array of their fields in
/// order, which the careful reading (rightly) refuses.
fn is_object(json: &str) -> bool {
    json.trim_start().starts_with('{')
}

/// A collection's features, where each is in the text (not parsed yet).
fn features(text: &str) -> Option<Vec<&RawValue>> {
    if !is_object(text) {
        return None;
    }
    let collection: Collection<'_> = serde_json::from_str(text).ok()?;
    (collection.kind == "FeatureCollection").then_some(collection.features)
}

/// The features of a well-formed collection, read on every core: one pass finds where each feature is
/// (without building it), then the features are parsed in parallel (the bundled 50m world alone took 40 ms
/// in one piece). `None` for anything else: the single-pass reading then says what is wrong, and where.
pub fn well_formed_features(text: &str) -> Option<Vec<Value>> {
    features(text)?.par_iter().map(|f| serde_json::from_str(f.get()).ok()).collect()
}

#[derive(Deserialize)]
struct PolygonFeature<'a> {
    #[serde(default)]
    properties: Option<Map<String, Value>>,
    #[serde(borrow)]
    geometry: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct Geometry<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow)]
    coordinates: &'a RawValue,
    /// Checked by the `geojson` crate in the careful reading: their presence sends the file there.
    #[serde(borrow, default)]
    bbox: Option<&'a RawValue>,
    #[serde(borrow, default)]
    geometries: Option<&'a RawValue>,
}

type Ring = Vec<[f64; 2]>;

/// A feature's properties and its polygons.
pub type PolygonsWithProperties = (Map<String, Value>, Vec<GeoPolygon>);

/// Each feature's properties and polygons, for a collection of Polygon and MultiPolygon features whose rings
/// are closed, of at least four positions, on the earth, with at most `max_positions` a feature.
pub fn polygon_features(text: &str, max_positions: usize) -> Option<Vec<PolygonsWithProperties>> {
    features(text)?
        .par_iter()
        .map(|raw| {
            if !is_object(raw.get()) {
                return None;
            }
            let feature: PolygonFeature<'_> = serde_json::from_str(raw.get()).ok()?;
            let geometry = feature.geometry?;
            if !is_object(geometry.get()) {
                return None;
            }
            let geometry: Geometry<'_> = serde_json::from_str(geometry.get()).ok()?;
            if geometry.bbox.is_some() || geometry.geometries.is_some() {
                return None;
            }
            let parts: Vec<Vec<Ring>> = match geometry.kind.as_str() {
                "Polygon" => vec![serde_json::from_str(geometry.coordinates.get()).ok()?],
                "MultiPolygon" => serde_json::from_str(geometry.coordinates.get()).ok()?,
                _ => return None,
            };
            let positions: usize = parts.iter().flatten().map(Vec::len).sum();
            if positions > max_positions {
                return None;
            }
            let polygons = parts.iter().map(|rings| polygon(rings)).collect::<Option<Vec<_>>>()?;
            Some((feature.properties.unwrap_or_default(), polygons))
        })
        .collect()
}

/// A polygon from its rings as the careful reading takes them: each closed, the closing position dropped.
fn polygon(rings: &[Ring]) -> Option<GeoPolygon> {
    let mut out = GeoPolygon::default();
    for (r, ring) in rings.iter().enumerate() {
        if ring.len() < 4 || ring.first() != ring.last() {
            return None;
        }
        let points: Vec<GeoPoint> =
            ring[..ring.len() - 1].iter().map(|&[lon, lat]| GeoPoint::lon_lat(lon, lat)).collect();
        if !points.iter().all(|p| p.is_on_earth()) {
            return None;
        }
        if r == 0 {
            out.exterior = points;
        } else {
            out.holes.push(points);
        }
    }
    (!rings.is_empty()).then_some(out)
}
