//! Any CSV with places and dates: columns found by their header names (or named by the user with
//! `--columns lat=...,lon=...,date=...`), every other column kept for the card.

use super::csv_table::{Header, Row};
use super::dates::{self, NumberMeaning};
use super::error::ImportError;
use super::records::RecordIn;

/// Which column holds what; each `None` is found from the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnChoice {
    pub lat: Option<String>,
    pub lon: Option<String>,
    pub date: Option<String>,
    pub end: Option<String>,
    pub title: Option<String>,
    /// Category column (a lane and a facet).
    pub category: Option<String>,
}

impl ColumnChoice {
    /// Parses `lat=y,lon=x,date=when` (keys: lat, lon, date, end, title, category).
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut c = Self::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Err(format!("expected KEY=COLUMN (like lat=latitude), found {part:?}"));
            };
            let value = value.trim();
            if value.is_empty() {
                return Err(format!("expected a column name after {key}="));
            }
            let slot = match key.trim() {
                "lat" | "latitude" => &mut c.lat,
                "lon" | "lng" | "longitude" => &mut c.lon,
                "date" | "start" => &mut c.date,
                "end" => &mut c.end,
                "title" | "name" => &mut c.title,
                "category" | "kind" | "group" => &mut c.category,
                other => {
                    return Err(format!(
                        "unknown column key {other:?}: expected lat, lon, date, end, title or category"
                    ));
                }
            };
            *slot = Some(value.to_ascii_lowercase());
        }
        Ok(c)
    }

    /// Nothing chosen.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

const LAT: [&str; 6] = ["lat", "latitude", "y", "lat_dd", "decimallatitude", "lat_deg"];
const LON: [&str; 8] = ["lon", "lng", "long", "longitude", "x", "lon_dd", "decimallongitude", "lon_deg"];
const DATE: [&str; 12] = [
    "date",
    "event_date",
    "start_date",
    "date_start",
    "start",
    "begin",
    "datetime",
    "timestamp",
    "time",
    "when",
    "year",
    "day",
];
const END: [&str; 6] = ["end_date", "date_end", "end", "finish", "stop", "until"];
const TITLE: [&str; 7] = ["title", "name", "headline", "label", "event", "summary", "description"];
const CATEGORY: [&str; 7] = ["category", "type", "kind", "group", "class", "event_type", "layer"];

/// Finds a column by the user's name, else by the usual names, also with a prefix (`gps_data.lat`,
/// `geo_lat`).
fn find(h: &Header, chosen: Option<&String>, usual: &[&str], what: &str) -> Result<Option<usize>, String> {
    if let Some(name) = chosen {
        return h.find(&[name]).map(Some).ok_or_else(|| {
            format!("--columns names {what} column {name:?}, which is not in the header ({})", h.names().join(", "))
        });
    }
    if let Some(i) = h.find(usual) {
        return Ok(Some(i));
    }
    let prefixed = h.names().iter().position(|n| {
        usual.iter().any(|u| u.len() > 1 && (n.ends_with(&format!(".{u}")) || n.ends_with(&format!("_{u}"))))
    });
    Ok(prefixed)
}

/// The columns of a generic CSV, found once.
#[derive(Debug)]
pub struct GenericColumns {
    lat: Option<usize>,
    lon: Option<usize>,
    date: Option<usize>,
    end: Option<usize>,
    title: Option<usize>,
    category: Option<usize>,
    /// The other columns, for the card.
    pub rest: Vec<(usize, String)>,
    /// How bare numbers in the date column are read, decided by the first one.
    numbers: Option<NumberMeaning>,
    names: Vec<String>,
}

impl GenericColumns {
    /// Finds the columns; a date column is needed.
    pub fn find(h: &Header, choice: &ColumnChoice) -> Result<Self, String> {
        let lat = find(h, choice.lat.as_ref(), &LAT, "the latitude")?;
        let lon = find(h, choice.lon.as_ref(), &LON, "the longitude")?;
        let date = find(h, choice.date.as_ref(), &DATE, "the date")?;
        let end = find(h, choice.end.as_ref(), &END, "the end date")?.filter(|e| Some(*e) != date);
        let title = find(h, choice.title.as_ref(), &TITLE, "the title")?;
        let category = find(h, choice.category.as_ref(), &CATEGORY, "the category")?;
        if date.is_none() {
            return Err(format!(
                "no date column found among {}: name it with --columns date=COLUMN (or in the import window)",
                h.names().join(", ")
            ));
        }
        if lat.is_some() != lon.is_some() {
            return Err("found a latitude column but no longitude column, or the other way round: name both with --columns lat=...,lon=...".to_owned());
        }
        let used = [lat, lon, date, end, title, category];
        let rest =
            (0..h.names().len()).filter(|i| !used.contains(&Some(*i))).map(|i| (i, h.name(i).to_owned())).collect();
        Ok(Self { lat, lon, date, end, title, category, rest, numbers: None, names: h.names().to_vec() })
    }

    /// What each role was read from, for the import report.
    pub fn describe(&self) -> String {
        let name = |c: Option<usize>| c.and_then(|i| self.names.get(i)).map_or("none".to_owned(), |n| format!("{n:?}"));
        let mut s = format!(
            "columns: date {}, end {}, latitude {}, longitude {}, title {}, category {}",
            name(self.date),
            name(self.end),
            name(self.lat),
            name(self.lon),
            name(self.title),
            name(self.category)
        );
        if let Some(m) = self.numbers {
            s.push_str(&format!("; numeric dates read as {}", m.label()));
        }
        s
    }

    fn date(&mut self, row: &Row<'_>, col: Option<usize>) -> Result<Option<dates::ImportDate>, ImportError> {
        let t = row.text(col);
        if t.is_empty() {
            return Ok(None);
        }
        let parsed = match t.parse::<f64>() {
            Ok(n) if !t.contains('-') || t.starts_with('-') => {
                let meaning = *self.numbers.get_or_insert_with(|| NumberMeaning::guess(n));
                dates::from_number(n, meaning)
            }
            _ => dates::parse_text(&t),
        };
        parsed.map(Some).map_err(|m| row.error(col, m))
    }

    /// One row as a record.
    pub fn row(&mut self, row: &Row<'_>) -> Result<RecordIn, ImportError> {
        let Some(start) = self.date(row, self.date)? else {
            return Err(row.error(self.date, "expected a date, found an empty cell"));
        };
        let end = self.date(row, self.end)?;
        if let Some(e) = end
            && e.day < start.day
        {
            return Err(row.error(self.end, "expected the end not to be before the start"));
        }
        let at = row.lon_lat(self.lat, self.lon)?;
        let title = row.text(self.title).into_owned();
        let fields = self.rest.iter().map(|(i, _)| row.text(Some(*i)).into_owned()).collect();
        Ok(RecordIn {
            start: Some(start),
            end,
            at,
            title: if title.is_empty() { format!("Row {}", row.number) } else { title },
            category: row.text(self.category).into_owned(),
            fields,
            ..RecordIn::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_choices_parse_and_refuse() {
        let c = ColumnChoice::parse("lat=Y, lon=X,date=When").unwrap();
        assert_eq!((c.lat.as_deref(), c.lon.as_deref(), c.date.as_deref()), (Some("y"), Some("x"), Some("when")));
        assert!(ColumnChoice::parse("height=3").unwrap_err().contains("unknown column key"));
        assert!(ColumnChoice::parse("lat").unwrap_err().contains("KEY=COLUMN"));
        assert!(ColumnChoice::parse("lat=").is_err());
    }

    #[test]
    fn prefixed_columns_are_found() {
        let h = Header::new(["gps_data.lat", "gps_data.lon", "event_date", "Name"]);
        let c = GenericColumns::find(&h, &ColumnChoice::default()).unwrap();
        assert_eq!((c.lat, c.lon, c.date, c.title), (Some(0), Some(1), Some(2), Some(3)));
        let none = Header::new(["a", "b"]);
        assert!(GenericColumns::find(&none, &ColumnChoice::default()).unwrap_err().contains("--columns date="));
    }
}
