//! Triangulates the bundled polygon layers (`data/*-10m.geojson`, `data/world-50m.geojson`) at build time,
//! with the app's own projection and triangulation (their files are included below), into the table that
//! `src/map/baked.rs` reads: start-up then skips half its work. A polygon this script reads differently
//! from the app is simply not found there and is triangulated at run time; a test checks that none is.

use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

#[allow(dead_code)]
#[path = "src/model"]
mod model {
    pub mod geo;
    pub use geo::GeoPoint;
}

#[allow(dead_code)]
#[path = "src/map"]
mod map {
    pub mod conic;
    pub mod crossing;
    pub mod triangulate;
}

const LAYERS: [&str; 4] =
    ["data/countries-10m.geojson", "data/world-50m.geojson", "data/provinces-10m.geojson", "data/lakes-10m.geojson"];
const SOURCES: [&str; 4] = ["src/model/geo.rs", "src/map/conic.rs", "src/map/crossing.rs", "src/map/triangulate.rs"];

fn main() -> Result<(), Box<dyn Error>> {
    for path in LAYERS.iter().chain(&SOURCES) {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    let mut polygons = Vec::new();
    for path in LAYERS {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let root: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
        for feature in root.get("features").and_then(Value::as_array).into_iter().flatten() {
            polygons.extend(feature_polygons(feature));
        }
    }
    let mut table = b"TATRI1".to_vec();
    let mut count = 0u32;
    let mut body = Vec::new();
    let mut failures = String::new();
    for (flat, holes) in &polygons {
        match map::triangulate::triangulate(flat, holes) {
            Ok(corners) => {
                body.extend(map::triangulate::input_key(flat, holes).to_le_bytes());
                body.extend(u32::try_from(flat.len() / 2)?.to_le_bytes());
                body.extend(u32::try_from(corners.len())?.to_le_bytes());
                for c in corners {
                    body.extend(u32::try_from(c)?.to_le_bytes());
                }
                count += 1;
            }
            // The app meets the same failure at run time and reports it; nothing to store.
            Err(e) => writeln!(failures, "{} vertices: {e}", flat.len() / 2)?,
        }
    }
    table.extend(count.to_le_bytes());
    table.extend(body);
    let out = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out).join("triangles.bin"), table)?;
    if !failures.is_empty() {
        println!("cargo:warning=bundled polygons that cannot be filled: {failures}");
    }
    Ok(())
}

/// A feature's polygons as the app's loader and `PreparedLayer` make them: rings without their closing
/// position, projected, as flat `x, y` pairs with the index where each hole starts.
fn feature_polygons(feature: &Value) -> Vec<(Vec<f64>, Vec<usize>)> {
    let Some(geometry) = feature.get("geometry") else { return Vec::new() };
    let Some(coordinates) = geometry.get("coordinates") else { return Vec::new() };
    let parts: Vec<&Value> = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => vec![coordinates],
        Some("MultiPolygon") => coordinates.as_array().map(|parts| parts.iter().collect()).unwrap_or_default(),
        _ => Vec::new(),
    };
    parts.into_iter().filter_map(flat_polygon).collect()
}

fn flat_polygon(rings: &Value) -> Option<(Vec<f64>, Vec<usize>)> {
    let mut flat = Vec::new();
    let mut holes = Vec::new();
    for (r, ring) in rings.as_array()?.iter().enumerate() {
        let positions = ring.as_array()?;
        if r > 0 {
            holes.push(flat.len() / 2);
        }
        for position in positions.get(..positions.len().saturating_sub(1))? {
            let lon = position.get(0).and_then(Value::as_f64)?;
            let lat = position.get(1).and_then(Value::as_f64)?;
            let p = map::conic::map_from_geo(model::GeoPoint::lon_lat(lon, lat));
            flat.push(p.x_km);
            flat.push(p.y_km);
        }
    }
    Some((flat, holes))
}
