//! What a lesson file may hold, checked when it is read (so a file the window or the exporter cannot show is
//! refused with a message, never drawn): text lengths, slide and source counts, the drawings (the same check
//! as annotation files), and no unknown key inside a slide's `view` or `filters`.
//!
//! These are hard limits, unlike [`super::file::validate`]'s warnings about a lesson still being written.

use serde_json::Value;

use super::model::{Lesson, Slide};
use crate::annotate::validate as drawings;
use crate::model::error::too_long;
use crate::model::error::{LoadError, Place};
use crate::model::filters::Filters;
use crate::model::geo::GeoBox;
use crate::model::json_locate::{self, Seg};

/// Most characters in a lesson or slide title.
pub const MAX_TITLE_CHARS: usize = 300;
/// Most characters in a lesson's description or a slide's caption.
pub const MAX_CAPTION_CHARS: usize = 5000;
/// Most characters in a source's address, a date or a selected record's id.
pub const MAX_SHORT_CHARS: usize = 2000;
/// Most slides in a lesson.
pub const MAX_SLIDES: usize = 5000;
/// Most sources on one slide.
pub const MAX_SOURCES: usize = 100;
/// Longest autoplay time of a slide, in seconds (a day).
pub const MAX_DURATION_S: f32 = 86_400.0;

/// Checks the limits of a lesson that parsed; `root` is the same file as untyped JSON (for unknown keys)
/// and `text` its text (for line and column).
pub fn check(label: &str, text: &str, root: &Value, lesson: &Lesson) -> Result<(), LoadError> {
    let error = |path: Vec<Seg<'_>>, message: String| {
        let line_col = (0..=path.len())
            .rev()
            .find_map(|n| json_locate::locate(text, path.get(..n)?))
            .map(|lc| (lc.line, lc.column));
        LoadError {
            file: label.to_owned(),
            place: Place { line_col, ..Place::default() },
            field: Some(dotted(&path)),
            message,
        }
    };
    let lesson_path = |key: &'static str| vec![Seg::Key("lesson"), Seg::Key(key)];
    if let Some(message) = too_long(&lesson.title, MAX_TITLE_CHARS) {
        return Err(error(lesson_path("title"), message));
    }
    if let Some(message) = too_long(&lesson.description, MAX_CAPTION_CHARS) {
        return Err(error(lesson_path("description"), message));
    }
    if lesson.slides.len() > MAX_SLIDES {
        let n = lesson.slides.len();
        return Err(error(lesson_path("slides"), format!("expected at most {MAX_SLIDES} slides, found {n}")));
    }
    for (i, slide) in lesson.slides.iter().enumerate() {
        let raw = root.pointer(&format!("/lesson/slides/{i}"));
        if let Err((mut field, message)) = check_slide(slide, raw) {
            let mut path = vec![Seg::Key("lesson"), Seg::Key("slides"), Seg::Index(i)];
            path.append(&mut field);
            return Err(error(path, message));
        }
    }
    Ok(())
}

type Problem<'a> = (Vec<Seg<'a>>, String);

fn check_slide<'a>(slide: &'a Slide, raw: Option<&'a Value>) -> Result<(), Problem<'a>> {
    let texts: [(&[Seg<'static>], &str, usize); 5] = [
        (&[Seg::Key("title")], &slide.title, MAX_TITLE_CHARS),
        (&[Seg::Key("caption")], &slide.caption, MAX_CAPTION_CHARS),
        (&[Seg::Key("date")], &slide.date, MAX_SHORT_CHARS),
        (&[Seg::Key("play_to")], slide.play_to.as_deref().unwrap_or(""), MAX_SHORT_CHARS),
        (
            &[Seg::Key("selected"), Seg::Key("id")],
            slide.selected.as_ref().map_or("", |s| s.id.as_str()),
            MAX_SHORT_CHARS,
        ),
    ];
    for (path, value, max) in texts {
        if let Some(message) = too_long(value, max) {
            return Err((path.to_vec(), message));
        }
    }
    // A number too large for the type (`1e39`) reads as infinity, which is saved as `null`: the lesson (and
    // its autosave) could not be read back. Found by fuzzing.
    if !slide.duration_s.is_finite() || slide.duration_s > MAX_DURATION_S {
        let found = crate::annotate::validate::number(slide.duration_s);
        let message = format!("expected at most {MAX_DURATION_S} seconds, found {found}");
        return Err((vec![Seg::Key("duration_s")], message));
    }
    if slide.sources.len() > MAX_SOURCES {
        let n = slide.sources.len();
        return Err((vec![Seg::Key("sources")], format!("expected at most {MAX_SOURCES} sources, found {n}")));
    }
    for (k, source) in slide.sources.iter().enumerate() {
        for (key, value, max) in [("url", &source.url, MAX_SHORT_CHARS), ("title", &source.title, MAX_TITLE_CHARS)] {
            if let Some(message) = too_long(value, max) {
                return Err((vec![Seg::Key("sources"), Seg::Index(k), Seg::Key(key)], message));
            }
        }
    }
    if let Err(p) = drawings::check_list(&slide.annotations) {
        let mut path = vec![Seg::Key("annotations")];
        if let Some(index) = p.index {
            path.push(Seg::Index(index));
        }
        path.extend(p.field);
        let record = p.index.and_then(|i| slide.annotations.get(i)).map(|a| format!(" (id {})", a.id));
        return Err((path, format!("{}{}", p.message, record.unwrap_or_default())));
    }
    let Some(raw) = raw else { return Ok(()) };
    unknown_keys(raw, "filters", &serde_json::to_value(Filters::default()).unwrap_or_default())?;
    let corner = crate::model::GeoPoint::lon_lat(0.0, 0.0);
    let view = serde_json::to_value(GeoBox { min: corner, max: corner }).unwrap_or_default();
    unknown_keys(raw, "view", &view)
}

/// The first key of `slide[key]` (and one level down) that `known` (the type's own serialised default) does
/// not have. The types themselves accept unknown keys, so that settings from another version still load.
fn unknown_keys<'a>(slide: &'a Value, key: &'static str, known: &Value) -> Result<(), Problem<'a>> {
    let Some(Value::Object(fields)) = slide.get(key) else { return Ok(()) };
    for (name, value) in fields {
        let Some(expected) = known.get(name) else {
            let names: Vec<String> =
                known.as_object().map(|o| o.keys().map(|k| format!("`{k}`")).collect()).unwrap_or_default();
            let message = format!("unknown field `{name}`, expected one of {}", names.join(", "));
            return Err((vec![Seg::Key(key), Seg::Key(name)], message));
        };
        if let (Value::Object(inner), Value::Object(expected_inner)) = (value, expected)
            && let Some(bad) = inner.keys().find(|k| !expected_inner.contains_key(*k))
        {
            let names: Vec<String> = expected_inner.keys().map(|k| format!("`{k}`")).collect();
            let message = format!("unknown field `{bad}`, expected one of {}", names.join(", "));
            return Err((vec![Seg::Key(key), Seg::Key(name), Seg::Key(bad)], message));
        }
    }
    Ok(())
}

fn dotted(path: &[Seg<'_>]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(slide: &str) -> String {
        format!(
            "{{\n  \"format\": \"timeatlas-lesson\",\n  \"version\": 1,\n  \"lesson\": {{\"title\": \"T\", \"slides\": [\n{slide}\n]}}\n}}\n"
        )
    }

    fn err(slide: &str) -> LoadError {
        super::super::file::from_json("class/l.json", &file(slide)).unwrap_err()
    }

    const LABEL: &str = r#"{"id": 3, "shape": {"kind": "text", "at": {"lon": 44, "lat": 33}, "text": "Baghdad"}"#;

    #[test]
    fn drawings_are_checked_as_in_annotation_files() {
        let e = err(&format!(
            r#"{{"title": "a", "date": "2000", "annotations": [{LABEL}, "style": {{"font_size": 1e30}}}}]}}"#
        ));
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].annotations[0].style.font_size"), "{e}");
        assert!(e.message.contains("from 6 to 144") && e.message.contains("(id 3)"), "{e}");
        assert_eq!(e.place.line_col.map(|lc| lc.0), Some(5), "{e}");
        let e = err(&format!(r#"{{"title": "a", "date": "2000", "annotations": [{LABEL}}}, {LABEL}}}]}}"#));
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].annotations[1].id"), "{e}");
        let e = err(
            r#"{"title": "a", "date": "2000", "annotations": [{"id": 1, "shape": {"kind": "pen", "points": [{"lon": 1, "lat": 1}]}}]}"#,
        );
        assert!(e.message.contains("expected 2 to 100000 points, found 1"), "{e}");
        let e = err(
            r#"{"title": "a", "date": "2000", "annotations": [{"id": 1, "shape": {"kind": "country", "iso_a3": "ZZZZ"}}]}"#,
        );
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].annotations[0].shape.iso_a3"), "{e}");
    }

    #[test]
    fn long_texts_and_counts_are_refused() {
        let big = "x".repeat(10_000_000);
        let e = err(&format!(r#"{{"title": "{big}", "date": "2000"}}"#));
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].title"));
        assert_eq!(e.message, "expected at most 300 characters, found 10000000");
        let e = err(&format!(r#"{{"title": "a", "date": "2000", "caption": "{}"}}"#, "y".repeat(5001)));
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].caption"));
        let sources = vec![r#"{"url": "https://a.org", "title": "a"}"#; 101].join(",");
        let e = err(&format!(r#"{{"title": "a", "date": "2000", "sources": [{sources}]}}"#));
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].sources"));
        let slides = vec![r#"{"title": "a", "date": "2000"}"#; MAX_SLIDES + 1].join(",");
        let e = err(&slides);
        assert_eq!(e.field.as_deref(), Some("lesson.slides"));
        assert!(e.message.contains("at most 5000 slides, found 5001"), "{e}");
    }

    #[test]
    fn unknown_keys_in_view_and_filters_are_refused() {
        let e = err(r#"{"title": "a", "date": "2000", "filters": {"show_event": false}}"#);
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].filters.show_event"), "{e}");
        assert!(
            e.message.contains("unknown field `show_event`, expected one of") && e.message.contains("`show_events`")
        );
        let e = err(
            r#"{"title": "a", "date": "2000", "view": {"min": {"lon": 1, "lat": 1, "alt": 3}, "max": {"lon": 2, "lat": 2}}}"#,
        );
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].view.min.alt"), "{e}");
        let e = err(
            r#"{"title": "a", "date": "2000", "view": {"min": {"lon": 1, "lat": 1}, "max": {"lon": 2, "lat": 2}, "zoom": 3}}"#,
        );
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].view.zoom"), "{e}");
        // Known keys still load.
        let text = file(
            r#"{"title": "a", "date": "2000", "filters": {"show_events": false, "country": "IRN"}, "view": {"min": {"lon": 1, "lat": 1}, "max": {"lon": 2, "lat": 2}}}"#,
        );
        assert!(super::super::file::from_json("x", &text).is_ok());
    }

    /// Found by the `lesson_file` fuzz target: a lesson that loaded but could not be saved and read back.
    #[test]
    fn numbers_that_read_as_infinity_are_refused() {
        // With exact float parsing 1e39 is out of f32's range; before, it read as infinity.
        let e = err(r#"{"title": "a", "date": "2000", "duration_s": 1e39}"#);
        assert_eq!(e.field.as_deref(), Some("lesson.slides[0].duration_s"), "{e}");
        assert!(e.message.contains("out of range"), "{e}");
        let e = err(r#"{"title": "a", "date": "2000", "duration_s": 3e38}"#);
        assert_eq!(e.message, "expected at most 86400 seconds, found 3e38");
        let e = err(
            r#"{"title": "a", "date": "2000", "view": {"min": {"lon": 1e999, "lat": 1}, "max": {"lon": 2, "lat": 2}}}"#,
        );
        // (An f64 coordinate cannot overflow so: serde_json refuses 1e999 as out of range.)
        assert!(e.message.contains("number out of range"), "{e}");
        // What loads saves and loads back.
        let text = file(r#"{"title": "a", "date": "2000", "duration_s": 86400}"#);
        let lesson = super::super::file::from_json("x", &text).unwrap();
        let again = super::super::file::to_json(&lesson).unwrap();
        assert_eq!(super::super::file::from_json("y", &again).unwrap(), lesson);
    }

    /// Found by the `lesson_file` fuzz target: serde_json's default float parsing is off by one unit in the
    /// last place for long numbers, so a saved lesson differed from the one loaded (`float_roundtrip` fixes it).
    #[test]
    fn long_numbers_save_as_they_load() {
        let view = r#""view": {"min": {"lon": 43.5, "lat": 24.5}, "max": {"lon": 63.5, "lat": 555555000000000000000000000011068937977120715176.0}}"#;
        let text = file(&format!(r#"{{"title": "a", "date": "2000", {view}}}"#));
        let lesson = super::super::file::from_json("x", &text).unwrap();
        let again = super::super::file::from_json("y", &super::super::file::to_json(&lesson).unwrap()).unwrap();
        assert_eq!(again, lesson);
    }

    #[test]
    fn the_sample_lesson_is_within_the_limits() {
        assert!(super::super::file::sample().is_ok());
    }
}
