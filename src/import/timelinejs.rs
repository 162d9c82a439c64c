//! TimelineJS timelines: the JSON its authors write (`title`, `events[]`, `eras[]`) and the Google
//! Sheets template exported as CSV. Text is HTML: it is shown as clean text, never run.

use std::path::Path;

use serde_json::Value;

use super::csv_table::{Header, Row};
use super::dates::{self, ImportDate};
use super::error::{ImportError, Place};
use super::html;
use super::records::{RecordIn, Records};
use super::{Era, Parsed};

/// Card fields of a TimelineJS event.
pub const FIELDS: [&str; 6] = ["text", "media_caption", "media_credit", "alt_text", "unique_id", "background"];

/// The header names of the Google Sheets template that tell its CSV.
pub const SHEET_SIGNATURE: [&str; 3] = ["year", "headline", "text"];

/// Empty columns for a TimelineJS source.
pub fn records() -> Records {
    Records::with_fields(&FIELDS)
}

/// A number or a string holding one (TimelineJS accepts both); `None` for absent or empty.
fn int_of(v: Option<&Value>) -> Result<Option<i64>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| format!("expected a whole number, found {n}")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .trim_end_matches(".0")
            .parse()
            .map(Some)
            .map_err(|_| format!("expected a whole number, found {s:?}")),
        Some(other) => Err(format!("expected a number, found {other}")),
    }
}

fn small(n: Option<i64>, what: &str) -> Result<Option<u32>, String> {
    n.map(|n| u32::try_from(n).map_err(|_| format!("expected a {what}, found {n}"))).transpose()
}

/// A TimelineJS date object: `{year, month, day, hour, minute, second, millisecond, display_date}`.
fn date_object(v: &Value, field: &str) -> Result<(ImportDate, String), (String, String)> {
    let err = |sub: &str, m: String| (format!("{field}.{sub}"), m);
    let Value::Object(o) = v else {
        return Err((field.to_owned(), format!("expected an object with a year, found {v}")));
    };
    let year =
        int_of(o.get("year")).map_err(|m| err("year", m))?.ok_or_else(|| err("year", "expected a year".to_owned()))?;
    let month = small(int_of(o.get("month")).map_err(|m| err("month", m))?, "month").map_err(|m| err("month", m))?;
    let day = small(int_of(o.get("day")).map_err(|m| err("day", m))?, "day").map_err(|m| err("day", m))?;
    for part in ["hour", "minute", "second", "millisecond"] {
        int_of(o.get(part)).map_err(|m| err(part, m))?;
    }
    let date = dates::from_parts(year, month, day).map_err(|m| err("year", m))?;
    let display = o.get("display_date").and_then(Value::as_str).unwrap_or_default().to_owned();
    Ok((date, display))
}

fn text_of<'a>(v: Option<&'a Value>, key: &str) -> &'a str {
    v.and_then(|v| v.get(key)).and_then(Value::as_str).unwrap_or_default()
}

/// A TimelineJS JSON document.
pub fn from_json(file: &Path, doc: &Value) -> Result<Parsed, ImportError> {
    let Some(events) = doc.get("events").and_then(Value::as_array) else {
        return Err(ImportError::at(file, Place::File, Some("events"), "expected a TimelineJS \"events\" array"));
    };
    let mut parsed = Parsed::new(records());
    // The title slide: {"title": {"text": {"headline": ..., "text": ...}}}.
    parsed.title = doc
        .get("title")
        .map(|t| html::to_text(text_of(t.get("text"), "headline")).replace('\n', " "))
        .filter(|t| !t.is_empty());
    for (index, e) in events.iter().enumerate() {
        match json_event(e) {
            Ok(r) => parsed.records.push(r),
            Err((field, m)) => {
                parsed.skipped.push(ImportError::at(
                    file,
                    Place::Item { what: "event", index, line: None },
                    Some(&field),
                    m,
                ));
            }
        }
    }
    for (index, e) in doc.get("eras").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let era = (|| {
            let (start, _) = date_object(e.get("start_date").unwrap_or(&Value::Null), "start_date")?;
            let (end, _) = date_object(e.get("end_date").unwrap_or(&Value::Null), "end_date")?;
            Ok::<_, (String, String)>(Era {
                title: html::to_text(text_of(e.get("text"), "headline")),
                start_day: start.day,
                end_day: dates::last_day(end).max(start.day),
            })
        })();
        match era {
            Ok(era) => parsed.eras.push(era),
            Err((field, m)) => parsed.skipped.push(ImportError::at(
                file,
                Place::Item { what: "era", index, line: None },
                Some(&field),
                m,
            )),
        }
    }
    Ok(parsed)
}

fn json_event(e: &Value) -> Result<RecordIn, (String, String)> {
    let (start, display) = date_object(
        e.get("start_date").ok_or(("start_date".to_owned(), "expected a start date".to_owned()))?,
        "start_date",
    )?;
    let end = match e.get("end_date") {
        None | Some(Value::Null) => None,
        Some(v) => Some(date_object(v, "end_date")?.0),
    };
    if let Some(end) = end
        && dates::last_day(end) < start.day
    {
        return Err(("end_date".to_owned(), "expected the end not to be before the start".to_owned()));
    }
    let text = e.get("text");
    let media = e.get("media");
    let display_date = e.get("display_date").and_then(Value::as_str).map_or(display, str::to_owned);
    let background = e
        .get("background")
        .map(|b| format!("{} {}", text_of(Some(b), "color"), text_of(Some(b), "url")).trim().to_owned());
    Ok(RecordIn {
        start: Some(start),
        end,
        display_date: html::to_text(&display_date),
        title: html::to_text(text_of(text, "headline")),
        category: e.get("group").and_then(Value::as_str).unwrap_or_default().trim().to_owned(),
        link: text_of(media, "url").trim().to_owned(),
        fields: vec![
            html::to_text(text_of(text, "text")),
            html::to_text(text_of(media, "caption")),
            html::to_text(text_of(media, "credit")),
            text_of(media, "alt").to_owned(),
            e.get("unique_id").and_then(Value::as_str).unwrap_or_default().to_owned(),
            background.unwrap_or_default(),
        ],
        ..RecordIn::default()
    })
}

/// Column numbers of the Google Sheets template.
pub struct SheetColumns {
    start: [Option<usize>; 3],
    end: [Option<usize>; 3],
    display: Option<usize>,
    headline: Option<usize>,
    text: Option<usize>,
    media: Option<usize>,
    credit: Option<usize>,
    caption: Option<usize>,
    alt: Option<usize>,
    kind: Option<usize>,
    group: Option<usize>,
    background: Option<usize>,
}

impl SheetColumns {
    /// Finds the template's columns.
    pub fn find(h: &Header) -> Self {
        Self {
            start: [h.find(&["year"]), h.find(&["month"]), h.find(&["day"])],
            end: [h.find(&["end year"]), h.find(&["end month"]), h.find(&["end day"])],
            display: h.find(&["display date"]),
            headline: h.find(&["headline"]),
            text: h.find(&["text"]),
            media: h.find(&["media"]),
            credit: h.find(&["media credit"]),
            caption: h.find(&["media caption"]),
            alt: h.find(&["alt text"]),
            kind: h.find(&["type"]),
            group: h.find(&["group"]),
            background: h.find(&["background"]),
        }
    }
}

/// What a template row is.
pub enum SheetRow {
    /// An event.
    Event(RecordIn),
    /// The timeline's title slide.
    Title(String),
    /// An era band.
    Era(Era),
}

fn sheet_date(row: &Row<'_>, cols: [Option<usize>; 3]) -> Result<Option<ImportDate>, ImportError> {
    let [y, m, d] = cols;
    let part = |c: Option<usize>| -> Result<Option<i64>, ImportError> {
        let t = row.text(c);
        if t.is_empty() {
            return Ok(None);
        }
        let t = t.trim_end_matches(".0");
        t.parse().map(Some).map_err(|_| row.error(c, format!("expected a whole number, found {t:?}")))
    };
    let Some(year) = part(y)? else { return Ok(None) };
    let month = part(m)?.map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    let day = part(d)?.map(|v| u32::try_from(v).unwrap_or(u32::MAX));
    dates::from_parts(year, month, day.filter(|_| month.is_some())).map(Some).map_err(|msg| row.error(y, msg))
}

/// One template row.
pub fn sheet_row(c: &SheetColumns, row: &Row<'_>) -> Result<SheetRow, ImportError> {
    let kind = row.text(c.kind).to_ascii_lowercase();
    let headline = html::to_text(&row.text(c.headline));
    if kind == "title" {
        return Ok(SheetRow::Title(headline));
    }
    let Some(start) = sheet_date(row, c.start)? else {
        return Err(row.error(c.start[0], "expected a year, found an empty cell"));
    };
    let end = sheet_date(row, c.end)?;
    if let Some(e) = end
        && dates::last_day(e) < start.day
    {
        return Err(row.error(c.end[0], "expected the end not to be before the start"));
    }
    if kind == "era" {
        let end = end.ok_or_else(|| row.error(c.end[0], "an era needs an end year"))?;
        return Ok(SheetRow::Era(Era { title: headline, start_day: start.day, end_day: dates::last_day(end) }));
    }
    Ok(SheetRow::Event(RecordIn {
        start: Some(start),
        end,
        display_date: row.text(c.display).into_owned(),
        title: headline,
        category: row.text(c.group).into_owned(),
        link: row.text(c.media).into_owned(),
        fields: vec![
            html::to_text(&row.text(c.text)),
            html::to_text(&row.text(c.caption)),
            html::to_text(&row.text(c.credit)),
            row.text(c.alt).into_owned(),
            String::new(),
            row.text(c.background).into_owned(),
        ],
        ..RecordIn::default()
    }))
}
