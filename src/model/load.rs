//! Loading GeoJSON map layers with errors that point into the file.

use std::path::Path;

use serde_json::{Map, Value};

use super::error::{LoadError, Place};
use super::geo::{GeoPoint, GeoPolygon};
use super::json_locate::{self, Seg};
use super::layers::{Area, AreaRole, City, Layer, LayerKind, NamedPoint};

/// Every problem found in one file; a file with any problem is not used.
pub type LoadResult<T> = Result<T, Vec<LoadError>>;

/// Reads a data file from disk (a regular file of at most [`super::files::MAX_DATA_FILE_BYTES`], UTF-8 with
/// or without a byte-order mark); any other file is an error naming it.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    super::files::read_user_text(path, super::files::MAX_DATA_FILE_BYTES).map_err(LoadError::from)
}

/// Parses JSON text, turning a syntax error into a [`LoadError`] with its line and column.
pub fn parse_json(file: &str, text: &str) -> Result<Value, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        LoadError::file(file, format!("not valid JSON: {}", strip_position(&e))).at(e.line().max(1), e.column().max(1))
    })
}

fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    s.split(" at line ").next().unwrap_or(&s).to_owned()
}

/// A feature of a collection being read, with what is needed to point at it in the file.
pub struct FeatureCx<'a> {
    /// The file, as named to the user.
    pub file: &'a str,
    /// The whole text, to find line and column.
    pub text: &'a str,
    /// Lookups into `text`, shared by every record of the file (so many errors are located in one pass).
    pub located: &'a json_locate::TextIndex,
    /// The index of the feature in `features`.
    pub index: usize,
    /// The feature's id or name, once known.
    pub record: Option<String>,
    /// The key of the array holding the records (`features` for GeoJSON).
    pub array_key: &'a str,
}

impl FeatureCx<'_> {
    /// An error about `field` (a path inside the feature, e.g. `["properties", "date"]`).
    pub fn error(&self, field: &[Seg<'_>], message: impl Into<String>) -> LoadError {
        let mut path = vec![Seg::Key(self.array_key), Seg::Index(self.index)];
        path.extend_from_slice(field);
        // Point at the deepest part of the path that exists (a missing field points at its record).
        let line_col = (0..=field.len())
            .rev()
            .find_map(|n| self.located.locate(self.text, path.get(..n + 2)?))
            .map(|lc| (lc.line, lc.column));
        let field_name = field
            .iter()
            .map(|s| match s {
                Seg::Key(k) => (*k).to_owned(),
                Seg::Index(i) => i.to_string(),
            })
            .collect::<Vec<_>>()
            .join(".");
        LoadError {
            file: self.file.to_owned(),
            place: Place {
                line_col,
                feature: Some(self.index),
                record: self.record.clone(),
                array: (self.array_key != "features").then(|| self.array_key.to_owned()),
            },
            field: (!field_name.is_empty()).then_some(field_name),
            message: message.into(),
        }
    }
}

/// Checks that the text is a GeoJSON FeatureCollection and returns its features as JSON values.
pub fn feature_values(file: &str, text: &str) -> Result<Vec<Value>, LoadError> {
    if let Some(features) = super::load_fast::well_formed_features(text) {
        return Ok(features);
    }
    let root = parse_json(file, text)?;
    let Value::Object(mut obj) = root else {
        return Err(LoadError::file(file, "expected a GeoJSON object at the top level").at(1, 1));
    };
    let kind = obj.get("type").and_then(Value::as_str).unwrap_or("");
    if kind != "FeatureCollection" {
        let at = json_locate::locate(text, &[Seg::Key("type")]).map_or((1, 1), |lc| (lc.line, lc.column));
        let mut e = LoadError::file(file, format!("expected \"type\": \"FeatureCollection\", found {kind:?}"));
        e.field = Some("type".into());
        return Err(e.at(at.0, at.1));
    }
    match obj.remove("features") {
        Some(Value::Array(features)) => Ok(features),
        _ => {
            let mut e = LoadError::file(file, "expected a `features` array");
            e.field = Some("features".into());
            let at = json_locate::locate(text, &[Seg::Key("features")]).map_or((1, 1), |lc| (lc.line, lc.column));
            Err(e.at(at.0, at.1))
        }
    }
}

/// The `properties` object of a feature (an empty map when the feature has none).
pub fn properties<'v>(cx: &FeatureCx<'_>, feature: &'v Value) -> Result<&'v Map<String, Value>, LoadError> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    match feature.get("properties") {
        Some(Value::Object(p)) => Ok(p),
        None | Some(Value::Null) => Ok(EMPTY.get_or_init(Map::new)),
        Some(other) => {
            Err(cx.error(&[Seg::Key("properties")], format!("expected an object, found {}", type_name(other))))
        }
    }
}

/// A short name of a JSON value's type for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Most characters in a layer's names and codes (shown on one line; a 10 MB code would be in every message).
pub const MAX_PROPERTY_CHARS: usize = 300;
/// Most positions one feature's geometry may have: the bundled maps have at most about 12,000; a million
/// would take minutes to triangulate and overrun the GPU buffers.
pub const MAX_FEATURE_POSITIONS: usize = 200_000;

/// A required, non-empty string property of at most [`MAX_PROPERTY_CHARS`] characters.
pub fn string_prop(cx: &FeatureCx<'_>, props: &Map<String, Value>, key: &str) -> Result<String, LoadError> {
    match props.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => match super::error::too_long(s, MAX_PROPERTY_CHARS) {
            None => Ok(s.clone()),
            Some(message) => Err(cx.error(&[Seg::Key("properties"), Seg::Key(key)], message)),
        },
        Some(Value::String(_)) => {
            Err(cx.error(&[Seg::Key("properties"), Seg::Key(key)], "expected a non-empty string"))
        }
        Some(v) => {
            Err(cx
                .error(&[Seg::Key("properties"), Seg::Key(key)], format!("expected a string, found {}", type_name(v))))
        }
        None => Err(cx.error(&[Seg::Key("properties"), Seg::Key(key)], "missing; expected a string")),
    }
}

/// An optional string property: absent or `null` is `None`; anything else must be a non-empty string.
pub fn optional_string_prop(
    cx: &FeatureCx<'_>,
    props: &Map<String, Value>,
    key: &str,
) -> Result<Option<String>, LoadError> {
    match props.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => string_prop(cx, props, key).map(Some),
    }
}

/// The geometry of a feature, parsed by the `geojson` crate; `None` for `"geometry": null`.
pub fn geometry(cx: &FeatureCx<'_>, feature: &Value) -> Result<Option<geojson::GeometryValue>, LoadError> {
    geometry_at(cx, &[Seg::Key("geometry")], feature.get("geometry"))
}

/// A geometry found at `path` inside the feature (`value` is what is there, if anything).
pub fn geometry_at(
    cx: &FeatureCx<'_>,
    path: &[Seg<'_>],
    value: Option<&Value>,
) -> Result<Option<geojson::GeometryValue>, LoadError> {
    match value {
        None => Err(cx.error(path, "missing; expected a GeoJSON geometry or null")),
        Some(Value::Null) => Ok(None),
        // Deserialized from the borrowed value: cloning a 10m coastline first cost as much as parsing it.
        Some(g) => <geojson::Geometry as serde::Deserialize>::deserialize(g)
            .map(|g| Some(g.value))
            .map_err(|e| cx.error(path, format!("not a valid GeoJSON geometry: {e}"))),
    }
}

fn position(cx: &FeatureCx<'_>, path: &[Seg<'_>], p: &geojson::Position) -> Result<GeoPoint, LoadError> {
    let (Some(&lon), Some(&lat)) = (p.as_slice().first(), p.as_slice().get(1)) else {
        return Err(cx.error(path, "expected a position [lon, lat]"));
    };
    let point = GeoPoint::lon_lat(lon, lat);
    if !point.is_on_earth() {
        return Err(cx.error(path, format!("expected lon in -180..180 and lat in -90..90, found [{lon}, {lat}]")));
    }
    Ok(point)
}

/// A point geometry's position.
pub fn point(cx: &FeatureCx<'_>, value: &geojson::GeometryValue) -> Result<GeoPoint, LoadError> {
    match value {
        geojson::GeometryValue::Point { coordinates } => {
            position(cx, &[Seg::Key("geometry"), Seg::Key("coordinates")], coordinates)
        }
        other => Err(cx.error(
            &[Seg::Key("geometry"), Seg::Key("type")],
            format!("expected a Point, found {}", other.type_name()),
        )),
    }
}

/// The polygons of a Polygon or MultiPolygon geometry, with every ring checked.
pub fn polygons(cx: &FeatureCx<'_>, value: &geojson::GeometryValue) -> Result<Vec<GeoPolygon>, LoadError> {
    polygons_at(cx, &[Seg::Key("geometry")], value)
}

/// [`polygons`] of a geometry found at `base` inside the feature (e.g. a dated area in `properties`).
pub fn polygons_at(
    cx: &FeatureCx<'_>,
    base: &[Seg<'_>],
    value: &geojson::GeometryValue,
) -> Result<Vec<GeoPolygon>, LoadError> {
    let at = |key| {
        let mut p = base.to_vec();
        p.push(Seg::Key(key));
        p
    };
    let coordinates = at("coordinates");
    let positions: usize = match value {
        geojson::GeometryValue::Polygon { coordinates } => coordinates.iter().map(Vec::len).sum(),
        geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.iter().flatten().map(Vec::len).sum(),
        _ => 0,
    };
    if positions > MAX_FEATURE_POSITIONS {
        let (n, max) = (super::error::thousands(positions), super::error::thousands(MAX_FEATURE_POSITIONS));
        return Err(cx.error(
            &coordinates,
            format!("the geometry has {n} positions; the atlas draws at most {max} per feature: simplify it first"),
        ));
    }
    match value {
        geojson::GeometryValue::Polygon { coordinates: rings } => Ok(vec![polygon(cx, &coordinates, rings)?]),
        geojson::GeometryValue::MultiPolygon { coordinates: parts } => parts
            .iter()
            .enumerate()
            .map(|(i, rings)| {
                let mut part = coordinates.clone();
                part.push(Seg::Index(i));
                polygon(cx, &part, rings)
            })
            .collect(),
        other => Err(cx.error(&at("type"), format!("expected a Polygon or MultiPolygon, found {}", other.type_name()))),
    }
}

fn polygon(cx: &FeatureCx<'_>, base: &[Seg<'_>], rings: &[Vec<geojson::Position>]) -> Result<GeoPolygon, LoadError> {
    if rings.is_empty() {
        return Err(cx.error(base, "expected at least one ring"));
    }
    let mut out = GeoPolygon::default();
    for (r, ring) in rings.iter().enumerate() {
        let mut ring_path = base.to_vec();
        ring_path.push(Seg::Index(r));
        if ring.len() < 4 {
            return Err(
                cx.error(&ring_path, format!("expected a closed ring of at least 4 positions, found {}", ring.len()))
            );
        }
        let mut points = Vec::with_capacity(ring.len());
        for (k, pos) in ring.iter().enumerate() {
            let mut p = ring_path.clone();
            p.push(Seg::Index(k));
            points.push(position(cx, &p, pos)?);
        }
        if points.first() != points.last() {
            return Err(cx.error(&ring_path, "expected a closed ring (first position repeated at the end)"));
        }
        points.pop();
        if r == 0 {
            out.exterior = points;
        } else {
            out.holes.push(points);
        }
    }
    Ok(out)
}

/// Checks that the text is a JSON object holding an array under `key`, and returns its records.
pub fn record_values(file: &str, text: &str, key: &str) -> Result<Vec<Value>, LoadError> {
    let root = parse_json(file, text)?;
    let Value::Object(mut obj) = root else {
        return Err(LoadError::file(file, format!("expected a JSON object with a `{key}` array")).at(1, 1));
    };
    match obj.remove(key) {
        Some(Value::Array(records)) => Ok(records),
        _ => {
            let mut e = LoadError::file(file, format!("expected a `{key}` array"));
            e.field = Some(key.to_owned());
            let at = json_locate::locate(text, &[Seg::Key(key)]).map_or((1, 1), |lc| (lc.line, lc.column));
            Err(e.at(at.0, at.1))
        }
    }
}

/// A record's id or name as shown in its errors: the first 80 characters (a 10 MB name is an error of its
/// own, not a part of every message).
fn short_label(s: &str) -> String {
    let mut label: String = s.chars().take(80).collect();
    if label.len() < s.len() {
        label.push('…');
    }
    label
}

/// Runs `each` on every record of an array, collecting all errors.
pub fn for_each_record<T>(
    file: &str,
    text: &str,
    array_key: &str,
    records: &[Value],
    mut each: impl FnMut(&mut FeatureCx<'_>, &Value) -> Result<Option<T>, LoadError>,
) -> LoadResult<Vec<T>> {
    let located = json_locate::TextIndex::default();
    let at = RecordsAt { file, text, array_key, located: &located };
    collect_records(records.iter().enumerate().map(|(index, record)| at.visit(index, record, &mut each)))
}

/// Runs `each` on every feature of a GeoJSON FeatureCollection, collecting all errors.
pub fn for_each_feature<T>(
    file: &str,
    text: &str,
    each: impl FnMut(&mut FeatureCx<'_>, &Value) -> Result<Option<T>, LoadError>,
) -> LoadResult<Vec<T>> {
    let features = feature_values(file, text).map_err(|e| vec![e])?;
    for_each_record(file, text, "features", &features, each)
}

/// [`for_each_feature`] with the features read on every core (results and errors still in file order),
/// and their JSON values freed on every core too: for the large polygon layers.
pub fn for_each_feature_par<T: Send>(
    file: &str,
    text: &str,
    each: impl Fn(&mut FeatureCx<'_>, &Value) -> Result<Option<T>, LoadError> + Sync,
) -> LoadResult<Vec<T>> {
    use rayon::prelude::*;
    let features = feature_values(file, text).map_err(|e| vec![e])?;
    let located = json_locate::TextIndex::default();
    let at = RecordsAt { file, text, array_key: "features", located: &located };
    let results: Vec<_> =
        features.par_iter().enumerate().map(|(index, record)| at.visit(index, record, &mut &each)).collect();
    features.into_par_iter().for_each(drop);
    collect_records(results.into_iter())
}

/// What every record of one array shares: where it is, to point at it in messages.
struct RecordsAt<'a> {
    file: &'a str,
    text: &'a str,
    array_key: &'a str,
    located: &'a json_locate::TextIndex,
}

impl RecordsAt<'_> {
    fn visit<T>(
        &self,
        index: usize,
        record: &Value,
        each: &mut impl FnMut(&mut FeatureCx<'_>, &Value) -> Result<Option<T>, LoadError>,
    ) -> Result<Option<T>, LoadError> {
        let (file, text, located, array_key) = (self.file, self.text, self.located, self.array_key);
        let mut cx = FeatureCx { file, text, located, index, record: None, array_key };
        if !record.is_object() {
            return Err(
                cx.error(&[], format!("expected an object (a Feature in GeoJSON), found {}", type_name(record)))
            );
        }
        cx.record = record
            .get("properties")
            .and_then(|p| p.get("id").or_else(|| p.get("name")))
            .or_else(|| record.get("id"))
            .and_then(Value::as_str)
            .map(short_label);
        each(&mut cx, record)
    }
}

/// The records read, in order, or every error, in order.
fn collect_records<T>(results: impl Iterator<Item = Result<Option<T>, LoadError>>) -> LoadResult<Vec<T>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(Some(t)) => out.push(t),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// Loads a polygon layer of the given kind.
pub fn load_areas(file: &str, text: &str, kind: LayerKind) -> LoadResult<Vec<Area>> {
    use rayon::prelude::*;
    // A well-formed layer is read with its coordinates parsed straight into numbers, on every core; any
    // problem at all, and the reading below finds it and says where.
    if let Some(features) = super::load_fast::polygon_features(text, MAX_FEATURE_POSITIONS) {
        let located = json_locate::TextIndex::default();
        let areas: Option<Vec<Area>> = features
            .into_par_iter()
            .enumerate()
            .map(|(index, (props, polygons))| {
                let mut cx = FeatureCx { file, text, located: &located, index, record: None, array_key: "features" };
                area_from(&mut cx, &props, kind, |_| Ok(polygons)).ok()
            })
            .collect();
        if let Some(areas) = areas {
            return Ok(areas);
        }
    }
    load_areas_carefully(file, text, kind)
}

/// [`load_areas`] through JSON values, every problem found and located.
fn load_areas_carefully(file: &str, text: &str, kind: LayerKind) -> LoadResult<Vec<Area>> {
    for_each_feature_par(file, text, |cx, feature| {
        let props = properties(cx, feature)?;
        area_from(cx, props, kind, |cx| {
            let Some(geometry) = geometry(cx, feature)? else {
                return Err(cx.error(&[Seg::Key("geometry")], "expected a Polygon or MultiPolygon, found null"));
            };
            polygons(cx, &geometry)
        })
        .map(Some)
    })
}

/// A polygon layer's area from a feature's properties, its polygons read by `polygons` (after the names, so
/// that an error names the feature).
fn area_from(
    cx: &mut FeatureCx<'_>,
    props: &Map<String, Value>,
    kind: LayerKind,
    polygons: impl FnOnce(&mut FeatureCx<'_>) -> Result<Vec<GeoPolygon>, LoadError>,
) -> Result<Area, LoadError> {
    let name = match kind {
        // NE lakes include a few unnamed reservoirs.
        LayerKind::Lakes => props.get("name").and_then(Value::as_str).unwrap_or("").to_owned(),
        _ => string_prop(cx, props, "name")?,
    };
    cx.record = Some(name.clone());
    let (id, role, country) = match kind {
        LayerKind::Countries => {
            let a3 = string_prop(cx, props, "a3")?;
            let role = match string_prop(cx, props, "role")?.as_str() {
                "focus" => AreaRole::Focus,
                "context" => AreaRole::Context,
                other => {
                    return Err(cx.error(
                        &[Seg::Key("properties"), Seg::Key("role")],
                        format!("expected \"focus\" or \"context\", found {other:?}"),
                    ));
                }
            };
            (a3.clone(), role, Some(a3))
        }
        LayerKind::World => {
            let a3 = string_prop(cx, props, "a3")?;
            (a3.clone(), AreaRole::World, Some(a3))
        }
        LayerKind::Provinces => {
            let code = string_prop(cx, props, "iso_3166_2")?;
            let country = string_prop(cx, props, "country")?;
            (code, AreaRole::Province, Some(country))
        }
        LayerKind::Lakes | LayerKind::Cities | LayerKind::Seas => (name.clone(), AreaRole::Lake, None),
    };
    let polygons = polygons(cx)?;
    let local_name = optional_string_prop(cx, props, "name_local")?;
    Ok(Area { id, name, local_name, role, country, polygons })
}

/// Loads the cities layer (points with `name`, `country` and `population`).
pub fn load_cities(file: &str, text: &str) -> LoadResult<Vec<City>> {
    for_each_feature(file, text, |cx, feature| {
        let props = properties(cx, feature)?;
        let name = string_prop(cx, props, "name")?;
        cx.record = Some(name.clone());
        let country = string_prop(cx, props, "country")?;
        let population = props.get("population").and_then(Value::as_u64).ok_or_else(|| {
            cx.error(&[Seg::Key("properties"), Seg::Key("population")], "expected a whole number of people")
        })?;
        let Some(geometry) = geometry(cx, feature)? else {
            return Err(cx.error(&[Seg::Key("geometry")], "expected a Point, found null"));
        };
        let at = point(cx, &geometry)?;
        let local_name = optional_string_prop(cx, props, "name_local")?;
        let capital = match props.get("capital") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(cx.error(&[Seg::Key("properties"), Seg::Key("capital")], "expected true or false")),
        };
        Ok(Some(City { name, local_name, country, population, at, capital }))
    })
}

/// Loads named label points (`name` and a Point).
pub fn load_named_points(file: &str, text: &str) -> LoadResult<Vec<NamedPoint>> {
    for_each_feature(file, text, |cx, feature| {
        let props = properties(cx, feature)?;
        let name = string_prop(cx, props, "name")?;
        cx.record = Some(name.clone());
        let Some(geometry) = geometry(cx, feature)? else {
            return Err(cx.error(&[Seg::Key("geometry")], "expected a Point, found null"));
        };
        let at = point(cx, &geometry)?;
        Ok(Some(NamedPoint { name, at }))
    })
}

/// Loads a layer file of the given kind.
pub fn load_layer(file: &str, text: &str, kind: LayerKind) -> LoadResult<Layer> {
    match kind {
        LayerKind::Cities => load_cities(file, text).map(Layer::Cities),
        LayerKind::Seas => load_named_points(file, text).map(Layer::Seas),
        LayerKind::Countries => {
            let areas = load_areas(file, text, kind)?;
            // The home view is fitted to the focus countries: a region layer without one has nothing to show.
            if !areas.iter().any(|a| a.role == AreaRole::Focus) {
                let message = "no focus country: expected at least one feature with \"role\": \"focus\"";
                return Err(vec![LoadError::file(file, message)]);
            }
            Ok(Layer::Areas(kind, areas))
        }
        other => load_areas(file, text, other).map(|areas| Layer::Areas(other, areas)),
    }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
