//! StoryMapJS stories become lessons: one slide per StoryMap slide, its view from the slide's location
//! and zoom, its caption from the text and the media's caption and credit. Image StoryMaps (gigapixel,
//! zoomify: pixel coordinates, not places) cannot be laid on a map and are refused.

use std::path::Path;

use serde_json::Value;

use super::dates;
use super::error::{ImportError, Place};
use super::html;
use crate::lesson::limits::{MAX_CAPTION_CHARS, MAX_TITLE_CHARS};
use crate::lesson::model::{Lesson, Slide, Source};
use crate::model::geo::{GeoBox, GeoPoint};

/// The map extent a StoryMap zoom level shows, in degrees of longitude: at zoom z one 256-pixel tile spans
/// 360/2^z degrees, and StoryMapJS's map is about four tiles wide.
fn width_degrees(zoom: f64) -> f64 {
    (4.0 * 360.0 / 2f64.powf(zoom.clamp(1.0, 18.0))).min(120.0)
}

fn view_of(location: &Value) -> Result<Option<GeoBox>, String> {
    let lat = location.get("lat").and_then(Value::as_f64);
    let lon = location.get("lon").and_then(Value::as_f64);
    let (Some(lat), Some(lon)) = (lat, lon) else { return Ok(None) };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("expected a latitude and longitude on the earth, found {lat}, {lon}"));
    }
    let zoom = location.get("zoom").and_then(Value::as_f64).unwrap_or(6.0);
    let w = width_degrees(zoom);
    let h = w * 0.6;
    let clamp = |p: GeoPoint| GeoPoint { lon: p.lon.clamp(-180.0, 180.0), lat: p.lat.clamp(-85.0, 85.0) };
    Ok(Some(GeoBox {
        min: clamp(GeoPoint { lon: lon - w / 2.0, lat: lat - h / 2.0 }),
        max: clamp(GeoPoint { lon: lon + w / 2.0, lat: lat + h / 2.0 }),
    }))
}

/// `text` cut to at most `max` characters (a lesson file holds no more; see `lesson::limits`), noting the cut.
fn cut(mut text: String, max: usize, what: &str, note: impl FnOnce(String)) -> String {
    if let Some((at, _)) = text.char_indices().nth(max) {
        note(format!("the {what} is longer than {max} characters, the most a lesson holds: it was cut"));
        text.truncate(at);
    }
    text
}

fn text<'a>(v: Option<&'a Value>, key: &str) -> &'a str {
    v.and_then(|v| v.get(key)).and_then(Value::as_str).unwrap_or_default()
}

/// A StoryMapJS document as a lesson. Undated slides take the date of the slide before them, the first
/// ones `default_date` (the atlas's current date when a teacher drops the file).
pub fn from_json(file: &Path, doc: &Value, default_date: &str) -> Result<(Lesson, Vec<ImportError>), ImportError> {
    let Some(story) = doc.get("storymap") else {
        return Err(ImportError::at(file, Place::File, Some("storymap"), "expected a StoryMapJS \"storymap\" object"));
    };
    let map_type = story.get("map_type").and_then(Value::as_str).unwrap_or_default();
    if story.get("map_as_image").and_then(Value::as_bool) == Some(true) || map_type.contains("zoomify") {
        return Err(ImportError::at(
            file,
            Place::File,
            Some("storymap.map_as_image"),
            "this is an image StoryMap (a gigapixel picture in pixel coordinates, not places on the earth): it cannot be laid on the atlas's map",
        ));
    }
    let Some(slides) = story.get("slides").and_then(Value::as_array) else {
        return Err(ImportError::at(file, Place::File, Some("storymap.slides"), "expected a \"slides\" array"));
    };
    let mut problems = Vec::new();
    let mut lesson = Lesson::new(file.file_stem().map_or("StoryMap".into(), |s| s.to_string_lossy().into_owned()));
    let mut last_date = default_date.to_owned();
    for (index, s) in slides.iter().enumerate() {
        let place = || Place::Item { what: "slide", index, line: None };
        let t = s.get("text");
        let headline = cut(html::to_text(text(t, "headline")), MAX_TITLE_CHARS, "headline", |m| {
            problems.push(ImportError::at(file, place(), Some("text.headline"), m));
        });
        let is_overview = s.get("type").and_then(Value::as_str) == Some("overview");
        if is_overview && index == 0 {
            if !headline.is_empty() {
                lesson.title = headline.replace('\n', " ");
            }
            lesson.description = cut(html::to_text(text(t, "text")), MAX_CAPTION_CHARS, "text", |m| {
                problems.push(ImportError::at(file, place(), Some("text.text"), m));
            });
        }
        let view = match s.get("location").map(view_of).transpose() {
            Ok(v) => v.flatten(),
            Err(m) => {
                problems.push(ImportError::at(file, place(), Some("location"), m));
                None
            }
        };
        let date_text = s.get("date").and_then(Value::as_str).unwrap_or_default();
        if !date_text.trim().is_empty() {
            match dates::parse_text(date_text) {
                Ok(d) => {
                    let day = dates::date_of_day(d.day);
                    last_date = match d.precision {
                        dates::DatePrecision::Year => day.format("%Y").to_string(),
                        dates::DatePrecision::Month => day.format("%Y-%m").to_string(),
                        _ => day.format("%Y-%m-%d").to_string(),
                    };
                }
                Err(m) => problems.push(ImportError::at(
                    file,
                    place(),
                    Some("date"),
                    format!("{m}; the slide keeps the date before it"),
                )),
            }
        }
        let media = s.get("media");
        let mut caption = html::to_text(text(t, "text"));
        for extra in [html::to_text(text(media, "caption")), html::to_text(text(media, "credit"))] {
            if !extra.is_empty() {
                caption.push_str(if caption.is_empty() { "" } else { "\n" });
                caption.push_str(&extra);
            }
        }
        let mut slide =
            Slide::new(if headline.is_empty() { format!("Slide {}", index + 1) } else { headline }, last_date.clone());
        slide.caption = cut(caption, MAX_CAPTION_CHARS, "text with its caption and credit", |m| {
            problems.push(ImportError::at(file, place(), Some("text"), m));
        });
        slide.view = if is_overview { None } else { view };
        let url = text(media, "url").trim();
        if url.starts_with("https://") || url.starts_with("http://") {
            let credit = cut(html::to_text(text(media, "credit")), MAX_TITLE_CHARS, "media credit", |m| {
                problems.push(ImportError::at(file, place(), Some("media.credit"), m));
            });
            slide.sources.push(Source {
                url: url.to_owned(),
                title: if credit.is_empty() { "Slide media".to_owned() } else { credit },
            });
        }
        lesson.slides.push(slide);
    }
    if lesson.slides.is_empty() {
        return Err(ImportError::at(file, Place::File, Some("storymap.slides"), "the StoryMap has no slides"));
    }
    // The lesson must save to a file that loads again (else the teacher's work is lost at the next save).
    let reloads = crate::lesson::to_json(&lesson)
        .map_err(|e| e.to_string())
        .and_then(|saved| crate::lesson::from_json("storymap", &saved).map_err(|e| e.message));
    if let Err(message) = reloads {
        return Err(ImportError::at(
            file,
            Place::File,
            Some("storymap"),
            format!("the StoryMap cannot be held as a lesson: {message}"),
        ));
    }
    Ok((lesson, problems))
}
