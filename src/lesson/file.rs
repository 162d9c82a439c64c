//! The lesson file: `{"format": "timeatlas-lesson", "version": 1, "lesson": {...}}` (see `docs/LESSONS.md`).
//!
//! Reading never panics: every problem is a [`LoadError`] naming the file, the line and column, the field
//! (as a path like `lesson.slides[3].date`) and what was expected. [`validate`] then checks a lesson that
//! parsed against the dataset it will be shown with.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{ItemKind, Lesson, Slide};
use crate::model::atomic::write_atomic;
use crate::model::dataset::Dataset;
use crate::model::error::{LoadError, Place};
use crate::model::json_locate::{self, Seg};
use crate::model::load::{parse_json, type_name};

/// The value of the file's `format` field.
pub const FORMAT: &str = "timeatlas-lesson";

/// The file version this build writes and reads.
pub const VERSION: u64 = 1;

/// Most bytes read from a lesson file.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// The bundled sample lesson's name, as used in error messages.
pub const SAMPLE_LABEL: &str = "bundled:data/lessons/us-iran-1953-2020.json";

/// The bundled sample lesson's text.
pub const SAMPLE_TEXT: &str = include_str!("../../data/lessons/us-iran-1953-2020.json");

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    lesson: &'a Lesson,
}

/// The whole file, read after `format` and `version` were checked on the untyped JSON.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[serde(rename = "format")]
    _format: serde::de::IgnoredAny,
    #[serde(rename = "version")]
    _version: serde::de::IgnoredAny,
    lesson: Lesson,
}

/// The lesson as file text: pretty-printed JSON with a trailing newline. Serialising these types cannot
/// fail in practice; the `Result` is serde's.
pub fn to_json(lesson: &Lesson) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&FileOut { format: FORMAT, version: VERSION, lesson })?;
    text.push('\n');
    Ok(text)
}

/// Reads a lesson from file text. `label` names the file in errors.
pub fn from_json(label: &str, text: &str) -> Result<Lesson, LoadError> {
    let root = parse_json(label, text)?;
    let Value::Object(obj) = &root else {
        return Err(LoadError::file(
            label,
            format!(
                "not a TimeAtlas lesson: expected a JSON object with \"format\": \"{FORMAT}\", found {}",
                type_name(&root)
            ),
        )
        .at(1, 1));
    };
    check_format(label, text, obj)?;
    check_version(label, text, obj)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let file: FileIn = serde_path_to_error::deserialize(&mut de).map_err(|e| typed_error(label, text, &e))?;
    super::limits::check(label, text, &root, &file.lesson)?;
    Ok(file.lesson)
}

fn top_field_error(label: &str, text: &str, key: &str, message: String) -> LoadError {
    let (line, column) = json_locate::locate(text, &[Seg::Key(key)]).map_or((1, 1), |lc| (lc.line, lc.column));
    let mut e = LoadError::file(label, message).at(line, column);
    e.field = Some(key.to_owned());
    e
}

fn check_format(label: &str, text: &str, obj: &Map<String, Value>) -> Result<(), LoadError> {
    match obj.get("format") {
        Some(Value::String(f)) if f == FORMAT => Ok(()),
        Some(other) => Err(top_field_error(
            label,
            text,
            "format",
            format!("not a TimeAtlas lesson: expected \"{FORMAT}\", found {other}"),
        )),
        None => Err(top_field_error(
            label,
            text,
            "format",
            format!("not a TimeAtlas lesson: missing \"format\": \"{FORMAT}\""),
        )),
    }
}

fn check_version(label: &str, text: &str, obj: &Map<String, Value>) -> Result<(), LoadError> {
    let message = match obj.get("version") {
        None => format!("missing; expected \"version\": {VERSION}"),
        Some(v) => match (v.as_u64(), v.as_i64()) {
            (Some(VERSION), _) => return Ok(()),
            (Some(n), _) if n > VERSION => {
                format!("written by a newer TimeAtlas (version {n}); this version reads version {VERSION}")
            }
            (_, Some(n)) => {
                format!("unknown version {n}: lesson files start at version 1; this version reads version {VERSION}")
            }
            _ => format!("expected a whole number like {VERSION}, found {}", type_name(v)),
        },
    };
    Err(top_field_error(label, text, "version", message))
}

/// Turns a typed-deserialisation error into a [`LoadError`] with the field path and the place in the text.
fn typed_error(label: &str, text: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    let mut field = String::new();
    let mut path: Vec<Seg<'_>> = Vec::new();
    for seg in e.path().iter() {
        match seg {
            serde_path_to_error::Segment::Map { key } => {
                if !field.is_empty() {
                    field.push('.');
                }
                field.push_str(key);
                path.push(Seg::Key(key));
            }
            serde_path_to_error::Segment::Seq { index } => {
                field.push_str(&format!("[{index}]"));
                path.push(Seg::Index(*index));
            }
            _ => {}
        }
    }
    let inner = e.inner();
    let line_col = if inner.line() > 0 {
        Some((inner.line(), inner.column().max(1)))
    } else {
        (0..=path.len()).rev().find_map(|n| json_locate::locate(text, path.get(..n)?)).map(|lc| (lc.line, lc.column))
    };
    let message = inner.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
    LoadError {
        file: label.to_owned(),
        place: Place { line_col, ..Place::default() },
        field: (!field.is_empty()).then_some(field),
        message,
    }
}

/// Checks a lesson that parsed against the dataset it is shown with: titles, dates, ranges, views,
/// selected records and sources. Returns every problem found (none for a good lesson).
pub fn validate(lesson: &Lesson, dataset: &Dataset, label: &str) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let error = |field: String, record: Option<&str>, message: String| LoadError {
        file: label.to_owned(),
        place: Place { record: record.filter(|r| !r.trim().is_empty()).map(str::to_owned), ..Place::default() },
        field: Some(field),
        message,
    };
    if lesson.title.trim().is_empty() {
        errors.push(error("lesson.title".into(), None, "expected a non-empty title".into()));
    }
    if lesson.slides.is_empty() {
        errors.push(error("lesson.slides".into(), None, "expected at least one slide".into()));
    }
    for (i, slide) in lesson.slides.iter().enumerate() {
        let base = format!("lesson.slides[{i}]");
        for (field, message) in slide_problems(slide, dataset) {
            errors.push(error(format!("{base}.{field}"), Some(&slide.title), message));
        }
    }
    errors
}

/// The problems of one slide as (field path inside the slide, message).
fn slide_problems(slide: &Slide, dataset: &Dataset) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    if slide.title.trim().is_empty() {
        out.push(("title".into(), "expected a non-empty title".into()));
    }
    let start = slide.day().map_err(|m| out.push(("date".into(), m))).ok();
    match slide.play_to_day() {
        Err(m) => out.push(("play_to".into(), m)),
        Ok(Some(end)) if start.is_some_and(|s| end <= s) => out.push((
            "play_to".into(),
            format!(
                "expected a date after `date` ({:?}), found {:?}",
                slide.date,
                slide.play_to.as_deref().unwrap_or("")
            ),
        )),
        Ok(_) => {}
    }
    if let Some(view) = slide.view {
        let mut corners_ok = true;
        for (name, p) in [("min", view.min), ("max", view.max)] {
            if !p.is_on_earth() {
                corners_ok = false;
                out.push((
                    format!("view.{name}"),
                    format!("expected lon in -180..180 and lat in -90..90, found lon {}, lat {}", p.lon, p.lat),
                ));
            }
        }
        if corners_ok && !(view.min.lon < view.max.lon && view.min.lat < view.max.lat) {
            out.push((
                "view".into(),
                format!(
                    "expected `min` south-west of `max` (min.lon < max.lon and min.lat < max.lat), found min ({}, {}) and max ({}, {})",
                    view.min.lon, view.min.lat, view.max.lon, view.max.lat
                ),
            ));
        }
    }
    if let Some(item) = &slide.selected {
        let id = item.id.as_str();
        let found = match item.kind {
            ItemKind::Event => dataset.event(id).is_some(),
            ItemKind::Group => dataset.groups.iter().any(|g| g.id == id),
            ItemKind::Position => dataset.positions.iter().any(|p| p.id == id),
            ItemKind::Relation => dataset.relation(id).is_some(),
        };
        if !found {
            out.push(("selected.id".into(), format!("no {} with id {id:?} in the dataset", item.kind.label())));
        }
    }
    if !(slide.duration_s.is_finite() && slide.duration_s > 0.0) {
        out.push(("duration_s".into(), format!("expected a number of seconds above 0, found {}", slide.duration_s)));
    }
    let is_web = crate::model::web::is_web_address;
    for (k, s) in slide.sources.iter().enumerate() {
        if let Some(problem) = crate::model::web::web_address_problem(&s.url) {
            out.push((format!("sources[{k}].url"), problem));
        }
        if s.title.trim().is_empty() {
            out.push((format!("sources[{k}].title"), "expected a non-empty title".into()));
        }
    }
    if !slide.sources.iter().any(|s| is_web(&s.url) && !s.title.trim().is_empty()) {
        out.push((
            "sources".into(),
            "expected at least one source {\"url\": \"https://...\", \"title\": \"...\"}".into(),
        ));
    }
    out
}

/// Writes the lesson to `path` atomically (a crash never leaves half a file).
pub fn save(path: &Path, lesson: &Lesson) -> std::io::Result<()> {
    let text = to_json(lesson).map_err(std::io::Error::other)?;
    write_atomic(path, text.as_bytes())
}

/// Reads a lesson file from disk (a regular file of at most [`MAX_FILE_BYTES`]).
pub fn load(path: &Path) -> Result<Lesson, LoadError> {
    let text = crate::model::files::read_user_text(path, MAX_FILE_BYTES)?;
    from_json(&path.display().to_string(), &text)
}

/// The bundled sample lesson, "From 1953 to 2020: the US and Iran in twelve slides".
pub fn sample() -> Result<Lesson, LoadError> {
    from_json(SAMPLE_LABEL, SAMPLE_TEXT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(lesson: &str) -> String {
        format!("{{\n  \"format\": \"timeatlas-lesson\",\n  \"version\": 1,\n  \"lesson\": {lesson}\n}}\n")
    }

    #[test]
    fn field_paths_name_the_slide() {
        let text = file(
            r#"{
    "title": "T",
    "slides": [
      {"title": "a", "date": "2000"},
      {"title": "b", "date": "2000", "duration_s": "ten"}
    ]
  }"#,
        );
        let e = from_json("x.json", &text).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("lesson.slides[1].duration_s"), "{e}");
        assert_eq!(e.place.line_col.map(|(l, _)| l), Some(8), "{e}");
        assert!(e.message.contains("expected f32"), "{e}");
        assert!(e.to_string().starts_with("x.json:8:"), "{e}");
    }

    #[test]
    fn unknown_and_missing_fields() {
        let e = from_json("x.json", &file(r#"{"title": "T", "slides": [{"title": "a"}]}"#)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0]"));
        assert!(e.message.contains("missing field `date`"), "{e}");
        let e = from_json("x.json", &file(r#"{"title": "T", "colour": 3}"#)).unwrap_err();
        assert!(e.message.contains("unknown field `colour`"), "{e}");
        let e = from_json("x.json", "{\"format\": \"timeatlas-lesson\", \"version\": 1, \"extra\": 1}").unwrap_err();
        assert!(e.message.contains("unknown field `extra`"), "{e}");
    }

    #[test]
    fn format_and_version() {
        let e = from_json("x.json", "{\"format\": \"geojson\", \"version\": 1}").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("format"));
        assert!(e.message.contains("not a TimeAtlas lesson"), "{e}");
        assert!(from_json("x.json", "[]").unwrap_err().message.contains("not a TimeAtlas lesson"));
        let v = |n: &str| from_json("x.json", &format!("{{\"format\": \"timeatlas-lesson\", \"version\": {n}}}"));
        assert!(v("0").unwrap_err().message.contains("lesson files start at version 1"));
        assert!(v("-3").unwrap_err().message.contains("unknown version -3"));
        assert!(v("\"1\"").unwrap_err().message.contains("expected a whole number"));
        assert!(v("7").unwrap_err().message.contains("newer TimeAtlas (version 7)"));
        let e = from_json("x.json", "{\"format\": \"timeatlas-lesson\"}").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("version"));
    }

    #[test]
    fn validate_checks_views_sources_and_durations() {
        let d = Dataset::default();
        let mut s = Slide::new("", "2000");
        s.view = Some(crate::model::geo::GeoBox {
            min: crate::model::GeoPoint::lon_lat(50.0, 30.0),
            max: crate::model::GeoPoint::lon_lat(40.0, 35.0),
        });
        s.duration_s = 0.0;
        s.sources.push(super::super::model::Source { url: "ftp://x".into(), title: "X".into() });
        s.play_to = Some("1999".into());
        let l = Lesson { slides: vec![s], ..Lesson::new("L") };
        let fields: Vec<String> = validate(&l, &d, "x").into_iter().filter_map(|e| e.field).collect();
        for f in ["title", "view", "duration_s", "sources[0].url", "sources", "play_to"] {
            assert!(fields.contains(&format!("lesson.slides[0].{f}")), "{f} in {fields:?}");
        }
        assert!(validate(&Lesson::default(), &d, "x").len() == 2, "empty title and no slides");
    }
}
