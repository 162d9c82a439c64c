//! The annotation file format: versioned JSON.
//!
//! ```json
//! {
//!   "format": "timeatlas-annotations",
//!   "version": 1,
//!   "annotations": [
//!     {
//!       "id": 1,
//!       "shape": { "kind": "arrow", "from": { "lon": 44.4, "lat": 33.3 }, "to": { "lon": 47.8, "lat": 30.5 } },
//!       "style": { "color": "vermilion", "stroke_width": 4.0, "font_size": 22.0 }
//!     }
//!   ]
//! }
//! ```
//!
//! * `format` must be `"timeatlas-annotations"`; `version` is a whole number. This build reads version
//!   [`VERSION`] and refuses a newer one with a message saying so (it never half-reads a newer file).
//! * `annotations` is in drawing order (the last is on top). Each record has a unique `id`, a `shape` whose
//!   `kind` is one of `text`, `arrow`, `ellipse`, `rect`, `pen`, `marker`, `country` (the other keys are
//!   the fields of [`Shape`]'s variant), and an optional `style` (every key optional, see [`Style`]).
//!   Coordinates are `{"lon", "lat"}` in degrees; sizes are screen points.
//! * Unknown keys are errors at every level, so a typo is reported rather than silently dropped.
//! * Limits checked on load (the same for every format that carries drawings, see [`super::validate`]):
//!   coordinates on earth; a pen has 2 to [`MAX_PEN_POINTS`] points; a text is not blank and at most
//!   [`MAX_TEXT_CHARS`] characters; a marker number is from 1 to [`validate::MAX_MARKER`]; a country is an
//!   ISO alpha-3 code (three uppercase letters); stroke width in [`STROKE_WIDTHS`], font size in
//!   [`FONT_SIZES`]; ids are unique; at most [`validate::MAX_ANNOTATIONS`] annotations and
//!   [`validate::MAX_TOTAL_POINTS`] pen points in all.
//!
//! Every error is a [`LoadError`] naming the file, the line and column, the record (`annotations[2]`
//! with its id), the field (`shape.to.lat`) and what was expected. [`save`] writes atomically and refuses
//! to write a list that [`load()`] could not read back.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{Annotation, Shape, Style};
use super::validate;
use crate::model::GeoPoint;
use crate::model::error::LoadError;
use crate::model::json_locate::{self, Seg};
use crate::model::load::{self, FeatureCx};

/// The value of the `format` key.
pub const FORMAT: &str = "timeatlas-annotations";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
pub use super::validate::{FONT_SIZES, MAX_PEN_POINTS, MAX_TEXT_CHARS, STROKE_WIDTHS};
/// Most bytes read from an annotation file (the most drawings a list may hold fit in a few MB).
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// The `kind` of every [`Shape`] variant.
const KINDS: [&str; 7] = ["text", "arrow", "ellipse", "rect", "pen", "marker", "country"];
const TOP_KEYS: [&str; 3] = ["format", "version", "annotations"];

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    annotations: &'a [Annotation],
}

/// The file text for these annotations: pretty JSON (2-space indent) ending with a newline.
pub fn to_json(items: &[Annotation]) -> String {
    try_to_json(items).unwrap_or_else(|e| {
        // Cannot happen: every map key is a string and no Serialize impl fails.
        log::error!("cannot serialise annotations: {e}");
        String::new()
    })
}

fn try_to_json(items: &[Annotation]) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(&FileOut { format: FORMAT, version: VERSION, annotations: items })?;
    text.push('\n');
    Ok(text)
}

/// Writes the annotations to `path` atomically (a failed save keeps the old file). A list that could not
/// be loaded back (a coordinate that is not a number, a blank text, ...) is not written: the error is
/// `InvalidData` with the reason.
pub fn save(path: &Path, items: &[Annotation]) -> std::io::Result<()> {
    let text = try_to_json(items).map_err(std::io::Error::other)?;
    if let Err(mut e) = from_json(&path.display().to_string(), &text) {
        // The line and column would point into text that was never written.
        e.place.line_col = None;
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, format!("not saved: {e}")));
    }
    crate::model::atomic::write_atomic(path, text.as_bytes())
}

/// Reads and checks an annotation file. An unreadable file (or a FIFO, a folder, more than
/// [`MAX_FILE_BYTES`]) is an error naming it.
pub fn load(path: &Path) -> Result<Vec<Annotation>, LoadError> {
    let text = crate::model::files::read_user_text(path, MAX_FILE_BYTES)?;
    from_json(&path.display().to_string(), &text)
}

/// Parses and checks the text of an annotation file; `file_label` names it in errors. Checks, in order:
/// valid JSON object, `format`, `version`, no unknown top-level key, then each record (its fields, then
/// its values), then that ids are unique.
pub fn from_json(file_label: &str, text: &str) -> Result<Vec<Annotation>, LoadError> {
    let file = file_label;
    let root = load::parse_json(file, text)?;
    let Value::Object(root) = root else {
        let found = load::type_name(&root);
        return Err(LoadError::file(
            file,
            format!("not a TimeAtlas annotation file: expected a JSON object {{\"format\": \"{FORMAT}\", ...}}, found {found}"),
        )
        .at(1, 1));
    };
    check_format(file, text, &root)?;
    check_version(file, text, &root)?;
    if let Some(key) = root.keys().find(|k| !TOP_KEYS.contains(&k.as_str())) {
        return Err(top_error(
            file,
            text,
            key,
            format!("unknown field `{key}`, expected `format`, `version` or `annotations`"),
        ));
    }
    let records = match root.get("annotations") {
        Some(Value::Array(records)) => records,
        Some(other) => {
            let found = load::type_name(other);
            return Err(top_error(file, text, "annotations", format!("expected an array, found {found}")));
        }
        None => return Err(top_error(file, text, "annotations", "missing; expected an array of annotations")),
    };
    let mut items = Vec::with_capacity(records.len());
    let located = json_locate::TextIndex::default();
    for (index, value) in records.iter().enumerate() {
        let mut cx = FeatureCx { file, text, located: &located, index, record: None, array_key: "annotations" };
        let annotation = record(&mut cx, value)?;
        // Values are checked as each record is read, so the first bad record is the one reported.
        if let Err((field, message)) = validate::check_one(&annotation) {
            return Err(cx.error(&field, message));
        }
        items.push(annotation);
    }
    validate::check_list(&items).map_err(|p| match p.index {
        Some(index) => {
            let record = items.get(index).map(|a| format!("id {}", a.id));
            let cx = FeatureCx { file, text, located: &located, index, record, array_key: "annotations" };
            cx.error(&p.field, p.message)
        }
        None => top_error(file, text, "annotations", p.message),
    })?;
    Ok(items)
}

/// An error about a top-level key, pointing at its value (or at the start of the file when it is missing).
fn top_error(file: &str, text: &str, key: &str, message: impl Into<String>) -> LoadError {
    let mut e = LoadError::file(file, message);
    e.field = Some(key.to_owned());
    let at = json_locate::locate(text, &[Seg::Key(key)]).map_or((1, 1), |lc| (lc.line, lc.column));
    e.at(at.0, at.1)
}

fn check_format(file: &str, text: &str, root: &Map<String, Value>) -> Result<(), LoadError> {
    let expected = format!("expected \"format\": \"{FORMAT}\"");
    match root.get("format") {
        Some(Value::String(s)) if s == FORMAT => Ok(()),
        Some(other) => {
            Err(top_error(file, text, "format", format!("not a TimeAtlas annotation file: {expected}, found {other}")))
        }
        None => {
            Err(top_error(file, text, "format", format!("not a TimeAtlas annotation file: {expected}, found none")))
        }
    }
}

fn check_version(file: &str, text: &str, root: &Map<String, Value>) -> Result<(), LoadError> {
    let error = |message: String| Err(top_error(file, text, "version", message));
    match root.get("version") {
        None => error(format!("missing; expected \"version\": {VERSION}")),
        Some(value) => match value.as_u64() {
            Some(0) => error(format!("version 0 is not a valid version; expected {VERSION}")),
            Some(v) if v > u64::from(VERSION) => {
                error(format!("written by a newer TimeAtlas (version {v}); this version reads version {VERSION}"))
            }
            Some(_) => Ok(()),
            None => error(format!("expected a whole version number like {VERSION}, found {value}")),
        },
    }
}

/// A record's keys (the shape is read on its own, below).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    id: u64,
    shape: Value,
    #[serde(default)]
    style: Style,
}

/// A point that, unlike [`GeoPoint`]'s own Deserialize, refuses unknown keys.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPoint {
    lon: f64,
    lat: f64,
}

impl From<RawPoint> for GeoPoint {
    fn from(p: RawPoint) -> Self {
        Self::lon_lat(p.lon, p.lat)
    }
}

/// [`Shape`] read as an externally tagged enum (`{"arrow": {...}}`): serde keeps the path into an
/// externally tagged enum, which it loses inside an internally tagged one, so errors can name
/// `shape.to.lat`. It mirrors [`Shape`] field for field; the round-trip test of every kind keeps them equal.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
enum RawShape {
    Text { at: RawPoint, text: String },
    Arrow { from: RawPoint, to: RawPoint },
    Ellipse { a: RawPoint, b: RawPoint },
    Rect { a: RawPoint, b: RawPoint },
    Pen { points: Vec<RawPoint> },
    Marker { at: RawPoint, number: u32 },
    Country { iso_a3: String },
}

impl From<RawShape> for Shape {
    fn from(raw: RawShape) -> Self {
        match raw {
            RawShape::Text { at, text } => Self::Text { at: at.into(), text },
            RawShape::Arrow { from, to } => Self::Arrow { from: from.into(), to: to.into() },
            RawShape::Ellipse { a, b } => Self::Ellipse { a: a.into(), b: b.into() },
            RawShape::Rect { a, b } => Self::Rect { a: a.into(), b: b.into() },
            RawShape::Pen { points } => Self::Pen { points: points.into_iter().map(GeoPoint::from).collect() },
            RawShape::Marker { at, number } => Self::Marker { at: at.into(), number },
            RawShape::Country { iso_a3 } => Self::Country { iso_a3 },
        }
    }
}

/// One step of a path reported by serde.
enum Step {
    Key(String),
    Index(usize),
}

/// Deserialises `value` (found at `base` inside the record); an error names the exact field.
fn typed<'de, T: Deserialize<'de>>(cx: &FeatureCx<'_>, base: &[Seg<'_>], value: &'de Value) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let steps: Vec<Step> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
                serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
                // The variant of `RawShape` is the `kind`, already part of `base`'s meaning.
                _ => None,
            })
            .collect();
        let mut path = base.to_vec();
        path.extend(steps.iter().map(|s| match s {
            Step::Key(k) => Seg::Key(k),
            Step::Index(i) => Seg::Index(*i),
        }));
        cx.error(&path, e.into_inner().to_string())
    })
}

/// Reads one record's fields (not yet its values' limits).
fn record(cx: &mut FeatureCx<'_>, value: &Value) -> Result<Annotation, LoadError> {
    if !value.is_object() {
        let found = load::type_name(value);
        return Err(cx.error(&[], format!("expected an object {{\"id\", \"shape\", \"style\"}}, found {found}")));
    }
    // Name the record by its id even when another of its fields is wrong.
    cx.record = value.get("id").and_then(Value::as_u64).map(|id| format!("id {id}"));
    let raw: RawRecord = typed(cx, &[], value)?;
    let shape_path = [Seg::Key("shape")];
    let Value::Object(fields) = &raw.shape else {
        let found = load::type_name(&raw.shape);
        return Err(cx.error(&shape_path, format!("expected an object with a `kind`, found {found}")));
    };
    let kinds = KINDS.map(|k| format!("`{k}`")).join(", ");
    let kind_path = [Seg::Key("shape"), Seg::Key("kind")];
    let kind = match fields.get("kind") {
        Some(Value::String(kind)) if KINDS.contains(&kind.as_str()) => kind,
        Some(other) => return Err(cx.error(&kind_path, format!("expected one of {kinds}, found {other}"))),
        None => return Err(cx.error(&kind_path, format!("missing; expected one of {kinds}"))),
    };
    let mut rest = fields.clone();
    rest.remove("kind");
    let tagged = Value::Object(Map::from_iter([(kind.clone(), Value::Object(rest))]));
    let shape: RawShape = typed(cx, &shape_path, &tagged)?;
    Ok(Annotation { id: raw.id, shape: shape.into(), style: raw.style })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::model::AnnotationColor;

    fn p(lon: f64, lat: f64) -> GeoPoint {
        GeoPoint::lon_lat(lon, lat)
    }

    /// One annotation of every kind, each with a different style.
    fn every_kind() -> Vec<Annotation> {
        let shapes = vec![
            Shape::Text { at: p(44.4, 33.3), text: "Baghdad\n1958 \"revolution\" é".into() },
            Shape::Arrow { from: p(44.4, 33.3), to: p(47.8, 30.5) },
            Shape::Ellipse { a: p(-10.0, -5.5), b: p(12.25, 8.0) },
            Shape::Rect { a: p(-180.0, -90.0), b: p(180.0, 90.0) },
            Shape::Pen { points: vec![p(40.0, 30.0), p(40.1, 30.2), p(40.3, 30.1)] },
            Shape::Marker { at: p(36.3, 33.5), number: 12 },
            Shape::Country { iso_a3: "YEM".into() },
        ];
        // Every variant is covered: adding one to `Shape` fails to compile here until it is added above.
        let covered: Vec<usize> = shapes
            .iter()
            .map(|s| match s {
                Shape::Text { .. } => 0,
                Shape::Arrow { .. } => 1,
                Shape::Ellipse { .. } => 2,
                Shape::Rect { .. } => 3,
                Shape::Pen { .. } => 4,
                Shape::Marker { .. } => 5,
                Shape::Country { .. } => 6,
            })
            .collect();
        assert_eq!(covered, (0..KINDS.len()).collect::<Vec<_>>());
        shapes
            .into_iter()
            .zip(AnnotationColor::ALL)
            .enumerate()
            .map(|(i, (shape, color))| Annotation {
                id: 10 * i as u64 + 3,
                shape,
                style: Style { color, stroke_width: 1.0 + i as f32, font_size: 12.0 + i as f32 },
            })
            .collect()
    }

    /// A file whose `annotations` array holds `records` from line 5 on.
    fn doc(records: &str) -> String {
        format!(
            "{{\n  \"format\": \"timeatlas-annotations\",\n  \"version\": 1,\n  \"annotations\": [\n{records}\n  ]\n}}"
        )
    }

    fn err(text: &str) -> (LoadError, String) {
        let e = from_json("class/notes.json", text).unwrap_err();
        let shown = e.to_string();
        (e, shown)
    }

    #[test]
    fn every_shape_kind_round_trips() {
        let items = every_kind();
        let text = to_json(&items);
        assert!(text.starts_with("{\n  \"format\": \"timeatlas-annotations\",\n  \"version\": 1,\n"), "{text}");
        assert!(text.contains("\"kind\": \"rect\""), "{text}");
        assert!(text.contains("\"color\": \"bluish-green\""), "{text}");
        assert_eq!(from_json("x.json", &text).unwrap(), items);
        // An empty list is a valid file too.
        assert_eq!(from_json("x.json", &to_json(&[])).unwrap(), Vec::new());
    }

    #[test]
    fn style_may_be_left_out() {
        let text = doc(r#"{"id": 1, "shape": {"kind": "country", "iso_a3": "IRN"}}"#);
        let items = from_json("x", &text).unwrap();
        assert_eq!(items[0].style, Style::default());
    }

    #[test]
    fn not_json_gives_line_and_column() {
        let (e, shown) = err("{\n  \"format\": \"timeatlas-annotations\",,\n}");
        assert_eq!(e.place.line_col, Some((2, 37)));
        assert!(shown.starts_with("class/notes.json:2:37: error: not valid JSON"), "{shown}");
        let (_, shown) = err("");
        assert!(shown.starts_with("class/notes.json:1:1: error: not valid JSON"), "{shown}");
    }

    #[test]
    fn another_kind_of_file_is_refused() {
        let (e, shown) = err("{\n  \"format\": \"geojson\",\n  \"version\": 1,\n  \"annotations\": []\n}");
        assert_eq!(e.field.as_deref(), Some("format"));
        assert_eq!(
            shown,
            "class/notes.json:2:13: error: field `format`: not a TimeAtlas annotation file: \
             expected \"format\": \"timeatlas-annotations\", found \"geojson\""
        );
        let (_, shown) = err(r#"{"type": "FeatureCollection", "features": []}"#);
        assert!(
            shown.starts_with("class/notes.json:1:1: error: field `format`: not a TimeAtlas annotation file"),
            "{shown}"
        );
        let (_, shown) = err("[1, 2]");
        assert!(shown.starts_with("class/notes.json:1:1: error: not a TimeAtlas annotation file"), "{shown}");
    }

    #[test]
    fn a_newer_version_is_refused_with_its_number() {
        let text =
            "{\n  \"format\": \"timeatlas-annotations\",\n  \"version\": 3,\n  \"annotations\": [{\"new\": 1}]\n}";
        let (e, shown) = err(text);
        assert_eq!(e.field.as_deref(), Some("version"));
        assert_eq!(
            shown,
            "class/notes.json:3:14: error: field `version`: \
             written by a newer TimeAtlas (version 3); this version reads version 1"
        );
    }

    #[test]
    fn a_missing_or_bad_version_is_refused() {
        let (_, shown) = err(r#"{"format": "timeatlas-annotations", "annotations": []}"#);
        assert_eq!(shown, "class/notes.json:1:1: error: field `version`: missing; expected \"version\": 1");
        let (_, shown) = err(r#"{"format": "timeatlas-annotations", "version": 0, "annotations": []}"#);
        assert!(shown.contains(":1:48: error: field `version`: version 0 is not a valid version"), "{shown}");
        let (_, shown) = err(r#"{"format": "timeatlas-annotations", "version": "1", "annotations": []}"#);
        assert!(shown.contains("expected a whole version number like 1, found \"1\""), "{shown}");
    }

    #[test]
    fn unknown_fields_are_named_at_every_level() {
        let (_, shown) = err(r#"{"format": "timeatlas-annotations", "version": 1, "annotations": [], "extra": 1}"#);
        assert!(shown.contains(":1:79: error: field `extra`: unknown field `extra`"), "{shown}");
        let text = doc(r#"    {"id": 4, "shape": {"kind": "country", "iso_a3": "IRQ"}, "colour": "blue"}"#);
        let (e, shown) = err(&text);
        assert_eq!(e.place.feature, Some(0));
        assert_eq!(e.field.as_deref(), Some("colour"));
        assert!(
            shown.starts_with(
                "class/notes.json:5:72: error: annotations[0] (\"id 4\"): field `colour`: unknown field `colour`"
            ),
            "{shown}"
        );
        let text = doc(r#"    {"id": 4, "shape": {"kind": "country", "iso_a3": "IRQ"}},
    {"id": 5, "shape": {"kind": "marker", "number": 2, "at": {"lon": 1, "lat": 2, "alt": 3}}}"#);
        let (_, shown) = err(&text);
        assert!(
            shown.starts_with(
                "class/notes.json:6:90: error: annotations[1] (\"id 5\"): field `shape.at.alt`: unknown field `alt`"
            ),
            "{shown}"
        );
        let text = doc(
            r#"    {"id": 5, "shape": {"kind": "arrow", "from": {"lon": 1, "lat": 2}, "to": {"lon": 1, "lat": 2}, "via": 1}}"#,
        );
        let (e, _) = err(&text);
        assert_eq!(e.field.as_deref(), Some("shape.via"));
        let text = doc(r#"    {"id": 5, "shape": {"kind": "circle"}}"#);
        let (e, shown) = err(&text);
        assert_eq!(e.field.as_deref(), Some("shape.kind"));
        assert!(
            shown.contains(
                "expected one of `text`, `arrow`, `ellipse`, `rect`, `pen`, `marker`, `country`, found \"circle\""
            ),
            "{shown}"
        );
    }

    #[test]
    fn a_coordinate_that_is_not_a_number_is_located() {
        // NaN is written as null by serde_json.
        let text = doc(
            "    {\"id\": 2,\n     \"shape\": {\"kind\": \"arrow\", \"from\": {\"lon\": 1, \"lat\": 2},\n       \"to\": {\"lon\": 1, \"lat\": null}}}",
        );
        let (e, shown) = err(&text);
        assert_eq!(e.field.as_deref(), Some("shape.to.lat"));
        assert_eq!(e.place.line_col, Some((7, 32)));
        assert_eq!(
            shown,
            "class/notes.json:7:32: error: annotations[0] (\"id 2\"): field `shape.to.lat`: invalid type: null, expected f64"
        );
    }

    #[test]
    fn a_coordinate_off_the_earth_is_refused() {
        let text =
            doc(r#"    {"id": 2, "shape": {"kind": "pen", "points": [{"lon": 1, "lat": 2}, {"lon": 1, "lat": 95}]}}"#);
        let (e, shown) = err(&text);
        assert_eq!(e.field.as_deref(), Some("shape.points.1"));
        assert!(
            shown.starts_with("class/notes.json:5:73: error: annotations[0] (\"id 2\"): field `shape.points.1`: expected lon in -180..180 and lat in -90..90, found lon 1, lat 95"),
            "{shown}"
        );
    }

    #[test]
    fn a_pen_needs_two_points() {
        let text = doc(r#"    {"id": 2, "shape": {"kind": "pen", "points": [{"lon": 1, "lat": 2}]}}"#);
        let (e, shown) = err(&text);
        assert_eq!(e.field.as_deref(), Some("shape.points"));
        assert!(shown.starts_with("class/notes.json:5:50: error: annotations[0] (\"id 2\"): field `shape.points`: expected 2 to 100000 points, found 1"), "{shown}");
    }

    #[test]
    fn ids_must_be_unique() {
        let text = doc(r#"    {"id": 7, "shape": {"kind": "country", "iso_a3": "IRQ"}},
    {"id": 8, "shape": {"kind": "country", "iso_a3": "IRN"}},
    {"id": 7, "shape": {"kind": "country", "iso_a3": "SYR"}}"#);
        let (e, shown) = err(&text);
        assert_eq!(e.place.feature, Some(2));
        assert_eq!(
            shown,
            "class/notes.json:7:12: error: annotations[2] (\"id 7\"): field `id`: \
             id 7 is already used by annotations[0]; every annotation needs its own id"
        );
    }

    #[test]
    fn other_limits_are_checked() {
        let long = "x".repeat(MAX_TEXT_CHARS + 1);
        let cases = [
            (r#"{"kind": "text", "at": {"lon": 1, "lat": 2}, "text": "  "}"#.to_owned(), "", "shape.text", "blank"),
            (
                format!(r#"{{"kind": "text", "at": {{"lon": 1, "lat": 2}}, "text": "{long}"}}"#),
                "",
                "shape.text",
                "found 2001",
            ),
            (r#"{"kind": "marker", "at": {"lon": 1, "lat": 2}, "number": 0}"#.to_owned(), "", "shape.number", "from 1"),
            (r#"{"kind": "country", "iso_a3": "irq"}"#.to_owned(), "", "shape.iso_a3", "\"irq\""),
            (r#"{"kind": "country", "iso_a3": "IRAQ"}"#.to_owned(), "", "shape.iso_a3", "alpha-3"),
            (
                r#"{"kind": "country", "iso_a3": "IRQ"}"#.to_owned(),
                r#", "style": {"stroke_width": 0.25}"#,
                "style.stroke_width",
                "from 0.5 to 32",
            ),
            (
                r#"{"kind": "country", "iso_a3": "IRQ"}"#.to_owned(),
                r#", "style": {"font_size": 200}"#,
                "style.font_size",
                "found 200",
            ),
            (
                r#"{"kind": "country", "iso_a3": "IRQ"}"#.to_owned(),
                r#", "style": {"color": "pink"}"#,
                "style.color",
                "unknown variant `pink`",
            ),
            (
                r#"{"kind": "rect", "a": {"lon": 181, "lat": 0}, "b": {"lon": 1, "lat": 2}}"#.to_owned(),
                "",
                "shape.a",
                "found lon 181",
            ),
            (r#"{"kind": "arrow", "from": {"lon": 1, "lat": 2}}"#.to_owned(), "", "shape", "missing field `to`"),
        ];
        for (shape, style, field, message) in cases {
            let text = doc(&format!("    {{\"id\": 1, \"shape\": {shape}{style}}}"));
            let (e, shown) = err(&text);
            assert_eq!(e.field.as_deref(), Some(field), "{shown}");
            assert!(e.message.contains(message), "{shown}");
            assert_eq!(e.place.line_col.map(|lc| lc.0), Some(5), "{shown}");
        }
    }

    #[test]
    fn save_then_load_gives_the_same_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lesson.timeatlas-annotations.json");
        let items = every_kind();
        save(&path, &items).unwrap();
        assert_eq!(load(&path).unwrap(), items);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), to_json(&items));
    }

    #[test]
    fn a_failed_save_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let old = every_kind();
        save(&path, &old).unwrap();
        assert!(save(&dir.path().join("missing").join("a.json"), &[]).is_err());
        // A list that could not be read back is not written over the old file either.
        let mut bad = old.clone();
        bad[1].shape = Shape::Arrow { from: p(1.0, 2.0), to: p(f64::NAN, 3.0) };
        let e = save(&path, &bad).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
        assert!(e.to_string().contains("annotations[1] (\"id 13\"): field `shape.to.lon`"), "{e}");
        assert_eq!(load(&path).unwrap(), old);
    }

    #[test]
    fn an_unreadable_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none.json");
        let e = load(&path).unwrap_err();
        assert_eq!(e.file, path.display().to_string());
        assert!(e.message.starts_with("cannot open: "), "{e}");
    }
}
