//! GeoJSON with time: the usual property names (`date`, `time`, `start`/`end`, `begin`/`end`,
//! `timestamp`, `year`; ISO text, years, Unix seconds or milliseconds) and GeoJSON-LD's feature-level
//! `when` (an instant, an interval, or Linked Places' `timespans`). Points, lines and areas; an area with
//! dates is drawn only between them.

use std::path::Path;

use serde_json::Value;

use super::Parsed;
use super::dates::{self, ImportDate, NumberMeaning};
use super::error::{ImportError, Place};
use super::records::{RecordIn, Records, Shape};

const START_KEYS: [&str; 10] =
    ["start", "begin", "start_date", "date_start", "date", "time", "timestamp", "datetime", "when", "year"];
const END_KEYS: [&str; 5] = ["end", "end_date", "date_end", "until", "stop"];
const TITLE_KEYS: [&str; 5] = ["title", "name", "headline", "label", "NAME"];
const CATEGORY_KEYS: [&str; 5] = ["category", "kind", "type", "group", "class"];

/// Empty columns for a GeoJSON source: one field with the other properties.
pub fn records() -> Records {
    Records::with_fields(&["properties"])
}

/// How a time value was read, for the import report.
#[derive(Default)]
pub(super) struct Detected {
    keys: std::collections::BTreeSet<String>,
    numbers: std::collections::BTreeSet<&'static str>,
}

fn time_value(v: &Value, d: &mut Detected) -> Result<Option<ImportDate>, String> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => dates::parse_text(s).map(Some),
        Value::Number(n) => {
            // Each number by its size: a file may hold years in one property and milliseconds in another.
            let n = n.as_f64().unwrap_or(f64::NAN);
            let meaning = NumberMeaning::guess(n);
            d.numbers.insert(meaning.label());
            dates::from_number(n, meaning).map(Some)
        }
        Value::Object(o) => {
            // Linked Places / GeoJSON-T: {"in": "1990"} or {"earliest": .., "latest": ..}.
            for k in ["in", "earliest", "datetime", "date"] {
                if let Some(v) = o.get(k) {
                    return time_value(v, d);
                }
            }
            Err(format!("expected a date, found {v}"))
        }
        other => Err(format!("expected a date as text or a number, found {other}")),
    }
}

/// The feature-level `when`: `"2020-01-03"`, `{"datetime": ..}` (an instant), `{"start": .., "end": ..}` (an
/// interval), or `{"timespans": [{"start": {"in": ..}, "end": {"in": ..}}]}`.
fn when_of(v: &Value, d: &mut Detected) -> Result<(Option<ImportDate>, Option<ImportDate>), String> {
    match v {
        Value::Object(o) => {
            if let Some(span) = o.get("timespans").and_then(Value::as_array).and_then(|a| a.first()) {
                return when_of(span, d);
            }
            if let Some(instant) = o.get("datetime").or_else(|| o.get("instant")) {
                return Ok((time_value(instant, d)?, None));
            }
            let start = o.get("start").or_else(|| o.get("begin")).map(|v| time_value(v, d)).transpose()?.flatten();
            let end = o.get("end").map(|v| time_value(v, d)).transpose()?.flatten();
            Ok((start, end))
        }
        other => Ok((time_value(other, d)?, None)),
    }
}

fn position(v: &Value) -> Option<[f32; 2]> {
    let a = v.as_array()?;
    let (x, y) = (a.first()?.as_f64()?, a.get(1)?.as_f64()?);
    ((-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y)).then_some([x as f32, y as f32])
}

fn ring(v: &Value) -> Result<Vec<[f32; 2]>, String> {
    v.as_array()
        .ok_or("expected an array of positions")?
        .iter()
        .map(|p| position(p).ok_or_else(|| format!("expected [longitude, latitude] on the earth, found {p}")))
        .collect()
}

/// A point for the marker, and a line or area to draw, from a GeoJSON geometry.
fn geometry(g: &Value) -> Result<(Option<[f32; 2]>, Option<Shape>), String> {
    if g.is_null() {
        return Ok((None, None));
    }
    let kind = g.get("type").and_then(Value::as_str).unwrap_or_default();
    let coords = g.get("coordinates").unwrap_or(&Value::Null);
    let centre = |pts: &[[f32; 2]]| -> Option<[f32; 2]> {
        let n = pts.len() as f32;
        (n > 0.0).then(|| {
            let s = pts.iter().fold([0.0, 0.0], |a, p| [a[0] + p[0], a[1] + p[1]]);
            [s[0] / n, s[1] / n]
        })
    };
    match kind {
        "Point" => {
            Ok((Some(position(coords).ok_or_else(|| format!("expected [longitude, latitude], found {coords}"))?), None))
        }
        "MultiPoint" => Ok((ring(coords)?.first().copied(), None)),
        "LineString" => {
            let line = ring(coords)?;
            Ok((centre(&line), Some(Shape::Line(line))))
        }
        "MultiLineString" => {
            let line: Vec<[f32; 2]> =
                coords.as_array().into_iter().flatten().map(ring).collect::<Result<Vec<_>, _>>()?.concat();
            Ok((centre(&line), Some(Shape::Line(line))))
        }
        "Polygon" => {
            let rings: Vec<Vec<[f32; 2]>> =
                coords.as_array().ok_or("expected an array of rings")?.iter().map(ring).collect::<Result<_, _>>()?;
            let at = rings.first().and_then(|r| centre(r));
            Ok((at, Some(Shape::Area(rings))))
        }
        "MultiPolygon" => {
            // Outer rings only beyond the first polygon's holes: enough to draw and pick an area.
            let mut rings = Vec::new();
            for poly in coords.as_array().ok_or("expected an array of polygons")? {
                for r in poly.as_array().into_iter().flatten() {
                    rings.push(ring(r)?);
                }
            }
            let at = rings.first().and_then(|r| centre(r));
            Ok((at, Some(Shape::Area(rings))))
        }
        "GeometryCollection" => {
            let first = g.get("geometries").and_then(Value::as_array).and_then(|a| a.first()).unwrap_or(&Value::Null);
            geometry(first)
        }
        other => Err(format!("expected a GeoJSON geometry type, found {other:?}")),
    }
}

/// A GeoJSON FeatureCollection (or a single Feature) with time.
pub fn from_json(file: &Path, doc: &Value) -> Result<Parsed, ImportError> {
    let features: Vec<&Value> = match doc.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => doc
            .get("features")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .ok_or_else(|| ImportError::at(file, Place::File, Some("features"), "expected a \"features\" array"))?,
        Some("Feature") => vec![doc],
        other => {
            return Err(ImportError::at(
                file,
                Place::File,
                Some("type"),
                format!("expected \"FeatureCollection\" or \"Feature\", found {other:?}"),
            ));
        }
    };
    let mut parsed = Parsed::new(records());
    let mut detected = Detected::default();
    for (index, f) in features.into_iter().enumerate() {
        add_feature(file, &mut parsed, &mut detected, index, f);
    }
    add_notes(&mut parsed, &detected);
    Ok(parsed)
}

/// Adds feature `index` as a record, or to the skipped rows with the reason.
pub(super) fn add_feature(file: &Path, parsed: &mut Parsed, detected: &mut Detected, index: usize, f: &Value) {
    match feature(f, detected) {
        Ok(r) => parsed.records.push(r),
        Err((field, m)) => {
            let place = Place::Item { what: "feature", index, line: None };
            parsed.skipped.push(ImportError::at(file, place, Some(&field), m));
        }
    }
}

/// Says which properties the dates were read from, and how numbers were read.
pub(super) fn add_notes(parsed: &mut Parsed, detected: &Detected) {
    if !detected.keys.is_empty() {
        let keys: Vec<String> = detected.keys.iter().map(|k| format!("{k:?}")).collect();
        let mut note = format!("dates read from {}", keys.join(", "));
        if !detected.numbers.is_empty() {
            let kinds: Vec<&str> = detected.numbers.iter().copied().collect();
            note.push_str(&format!("; numbers read as {}", kinds.join(" and ")));
        }
        parsed.notes.push(note);
    }
}

fn feature(f: &Value, d: &mut Detected) -> Result<RecordIn, (String, String)> {
    let props = f.get("properties").and_then(Value::as_object);
    let get = |k: &str| props.and_then(|p| p.get(k));
    let (mut start, mut end) = (None, None);
    if let Some(w) = f.get("when") {
        (start, end) = when_of(w, d).map_err(|m| ("when".to_owned(), m))?;
        d.keys.insert("when".to_owned());
    }
    if start.is_none() {
        for k in START_KEYS {
            if let Some(v) = get(k).filter(|v| !v.is_null()) {
                if k == "when" && v.is_object() {
                    (start, end) = when_of(v, d).map_err(|m| (format!("properties.{k}"), m))?;
                } else {
                    start = time_value(v, d).map_err(|m| (format!("properties.{k}"), m))?;
                }
                d.keys.insert(k.to_owned());
                break;
            }
        }
    }
    if end.is_none() {
        for k in END_KEYS {
            if let Some(v) = get(k).filter(|v| !v.is_null()) {
                end = time_value(v, d).map_err(|m| (format!("properties.{k}"), m))?;
                break;
            }
        }
    }
    let Some(start) = start else {
        return Err((
            "properties".to_owned(),
            format!("expected a date in one of {}, or a feature-level \"when\"", START_KEYS.join(", ")),
        ));
    };
    if let Some(e) = end
        && dates::last_day(e) < start.day
    {
        return Err(("end".to_owned(), "expected the end not to be before the start".to_owned()));
    }
    let (at, shape) = geometry(f.get("geometry").unwrap_or(&Value::Null)).map_err(|m| ("geometry".to_owned(), m))?;
    let text = |keys: &[&str]| keys.iter().find_map(|k| get(k).and_then(Value::as_str)).unwrap_or_default().to_owned();
    let rest: Vec<String> = props
        .into_iter()
        .flatten()
        .filter(|(k, _)| !START_KEYS.contains(&k.as_str()) && !END_KEYS.contains(&k.as_str()))
        .map(|(k, v)| format!("{k}: {}", v.as_str().map_or_else(|| v.to_string(), str::to_owned)))
        .collect();
    Ok(RecordIn {
        start: Some(start),
        end,
        at,
        title: super::html::to_text(&text(&TITLE_KEYS)),
        category: text(&CATEGORY_KEYS),
        link: text(&["url", "link", "source_url"]),
        fields: vec![rest.join("\n")],
        shape,
        ..RecordIn::default()
    })
}
