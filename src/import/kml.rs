//! KML as Google Earth writes it: Placemarks with `TimeStamp/when` or `TimeSpan/begin,end`, and a
//! Point, LineString, Polygon or MultiGeometry. Read with `quick-xml`; a Folder's name is the category.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::Parsed;
use super::dates::{self, ImportDate};
use super::error::{ImportError, Place};
use super::html;
use super::records::{RecordIn, Records, Shape};

/// Empty columns for a KML source.
pub fn records() -> Records {
    Records::with_fields(&["description"])
}

/// Line numbers of byte offsets, counted in one pass as the reader moves forward.
struct Lines<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl Lines<'_> {
    fn line_at(&mut self, offset: u64) -> u64 {
        let target = (offset as usize).min(self.text.len());
        if target > self.pos {
            self.line += self.text.get(self.pos..target).map_or(0, memchr_count) as u64;
            self.pos = target;
        }
        self.line
    }
}

fn memchr_count(s: &[u8]) -> usize {
    s.iter().filter(|&&b| b == b'\n').count()
}

/// What is being read inside a Placemark.
#[derive(Default)]
struct Placemark {
    name: String,
    description: String,
    when: String,
    begin: String,
    end: String,
    points: Vec<[f32; 2]>,
    lines: Vec<Vec<[f32; 2]>>,
    rings: Vec<Vec<[f32; 2]>>,
    line: u64,
}

fn coordinates(text: &str) -> Result<Vec<[f32; 2]>, String> {
    text.split_whitespace()
        .map(|tuple| {
            let mut it = tuple.split(',');
            let lon: f64 = it
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("expected lon,lat[,alt], found {tuple:?}"))?;
            let lat: f64 = it
                .next()
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| format!("expected lon,lat[,alt], found {tuple:?}"))?;
            if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
                return Err(format!("expected a longitude and latitude on the earth, found {tuple:?}"));
            }
            Ok([lon as f32, lat as f32])
        })
        .collect()
}

fn date(text: &str, field: &str) -> Result<Option<ImportDate>, (String, String)> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    dates::parse_text(text).map(Some).map_err(|m| (field.to_owned(), m))
}

impl Placemark {
    fn into_record(self, category: &str) -> Result<RecordIn, (String, String)> {
        let (start, end) = if self.when.trim().is_empty() {
            (date(&self.begin, "TimeSpan/begin")?, date(&self.end, "TimeSpan/end")?)
        } else {
            (date(&self.when, "TimeStamp/when")?, None)
        };
        // A span with only an end is known up to then: shown from the end.
        let Some(start) = start.or(end) else {
            return Err(("TimeStamp".to_owned(), "expected a TimeStamp/when or TimeSpan/begin".to_owned()));
        };
        if let Some(e) = end
            && dates::last_day(e) < start.day
        {
            return Err(("TimeSpan/end".to_owned(), "expected the end not to be before the begin".to_owned()));
        }
        let centre = |pts: &[[f32; 2]]| {
            let n = pts.len().max(1) as f32;
            let s = pts.iter().fold([0.0, 0.0], |a, p| [a[0] + p[0], a[1] + p[1]]);
            [s[0] / n, s[1] / n]
        };
        let (at, shape) = if let Some(p) = self.points.first() {
            (Some(*p), None)
        } else if let Some(r) = self.rings.first() {
            (Some(centre(r)), Some(Shape::Area(self.rings.clone())))
        } else if let Some(l) = self.lines.first() {
            (Some(centre(l)), Some(Shape::Line(l.clone())))
        } else {
            (None, None)
        };
        Ok(RecordIn {
            start: Some(start),
            end,
            at,
            title: self.name.trim().to_owned(),
            category: category.to_owned(),
            fields: vec![html::to_text(&self.description)],
            shape,
            ..RecordIn::default()
        })
    }
}

/// A KML document.
pub fn from_text(file: &Path, text: &str) -> Result<Parsed, ImportError> {
    let mut reader = Reader::from_str(text);
    let mut lines = Lines { text: text.as_bytes(), pos: 0, line: 1 };
    let mut parsed = Parsed::new(records());
    let mut path: Vec<String> = Vec::new();
    let mut folders: Vec<String> = Vec::new();
    let mut placemark: Option<Placemark> = None;
    let mut index = 0usize;
    let mut text_buf = String::new();
    let mut saw_kml = false;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let line = lines.line_at(reader.error_position());
            ImportError::at(file, Place::LineColumn(line, 1), None, format!("not well-formed XML: {e}"))
        })?;
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                saw_kml |= name == "kml";
                if name == "Placemark" {
                    placemark = Some(Placemark { line: lines.line_at(position), ..Placemark::default() });
                } else if name == "Folder" || name == "Document" {
                    folders.push(String::new());
                }
                path.push(name);
                text_buf.clear();
            }
            Event::Text(t) => text_buf.push_str(&t.decode().unwrap_or_default()),
            Event::CData(t) => text_buf.push_str(&t.decode().unwrap_or_default()),
            Event::GeneralRef(r) => {
                let resolved = r.resolve_char_ref().ok().flatten().or(match &*r {
                    b"amp" => Some('&'),
                    b"lt" => Some('<'),
                    b"gt" => Some('>'),
                    b"quot" => Some('"'),
                    b"apos" => Some('\''),
                    _ => None,
                });
                if let Some(c) = resolved {
                    text_buf.push(c);
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                let parent = path.last().map_or("", String::as_str);
                let value = std::mem::take(&mut text_buf).trim().to_owned();
                if let Some(p) = placemark.as_mut() {
                    let mut result = Ok(());
                    match (name.as_str(), parent) {
                        ("name", "Placemark") => p.name.clone_from(&value),
                        ("description", "Placemark") => p.description.clone_from(&value),
                        ("when", "TimeStamp") => p.when.clone_from(&value),
                        ("begin", "TimeSpan") => p.begin.clone_from(&value),
                        ("end", "TimeSpan") => p.end.clone_from(&value),
                        ("coordinates", _) => {
                            let in_ring = path.iter().any(|n| n == "LinearRing");
                            result = coordinates(&value).map(|pts| {
                                if in_ring {
                                    p.rings.push(pts);
                                } else if parent == "LineString" {
                                    p.lines.push(pts);
                                } else {
                                    p.points.extend(pts);
                                }
                            });
                        }
                        _ => {}
                    }
                    if let Err(m) = result {
                        let place = Place::Item { what: "Placemark", index, line: Some(p.line) };
                        parsed.skipped.push(ImportError::at(file, place, Some("coordinates"), m));
                        placemark = None;
                        index += 1;
                        continue;
                    }
                }
                if name == "name"
                    && (parent == "Folder" || parent == "Document")
                    && let Some(f) = folders.last_mut()
                {
                    *f = value;
                } else if name == "Folder" || name == "Document" {
                    folders.pop();
                } else if name == "Placemark"
                    && let Some(p) = placemark.take()
                {
                    let line = p.line;
                    let category = folders.iter().rev().find(|f| !f.is_empty()).cloned().unwrap_or_default();
                    match p.into_record(&category) {
                        Ok(r) => parsed.records.push(r),
                        Err((field, m)) => parsed.skipped.push(ImportError::at(
                            file,
                            Place::Item { what: "Placemark", index, line: Some(line) },
                            Some(&field),
                            m,
                        )),
                    }
                    index += 1;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_kml {
        return Err(ImportError::file(file, "expected a KML document (<kml>), found other XML"));
    }
    Ok(parsed)
}
