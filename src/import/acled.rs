//! ACLED exports (the 31 columns of 2023 and later; the older numeric `inter1`/`inter2` codes too) and
//! UCDP GED exports, both read by header name since releases add, drop and reorder columns.

use super::csv_table::{Header, Row};
use super::dates::{self, DatePrecision};
use super::error::ImportError;
use super::records::{PlacePrecision, RecordIn, Records};

/// The columns that tell an ACLED file.
pub const ACLED_SIGNATURE: [&str; 4] = ["event_id_cnty", "event_date", "event_type", "actor1"];
/// The columns that tell a UCDP GED file.
pub const UCDP_SIGNATURE: [&str; 4] = ["date_start", "side_a", "side_b", "where_prec"];

/// The card fields of an ACLED record, in order.
pub const ACLED_FIELDS: [&str; 12] = [
    "event_id_cnty",
    "disorder_type",
    "sub_event_type",
    "interaction",
    "admin1",
    "admin2",
    "location",
    "country",
    "source",
    "source_scale",
    "notes",
    "tags",
];

/// Column numbers of an ACLED file, found once from its header.
pub struct AcledColumns {
    date: Option<usize>,
    time_precision: Option<usize>,
    event_type: Option<usize>,
    sub_event_type: Option<usize>,
    actors: [Option<usize>; 4],
    inter: [Option<usize>; 2],
    lat: Option<usize>,
    lon: Option<usize>,
    geo_precision: Option<usize>,
    fatalities: Option<usize>,
    location: Option<usize>,
    fields: Vec<Option<usize>>,
    /// False when the card's fields are read back from the file: rows then keep only what the map,
    /// timeline and search need.
    pub with_fields: bool,
}

impl AcledColumns {
    /// Finds the columns; the date, type and coordinates must be there.
    pub fn find(h: &Header) -> Result<Self, String> {
        let need = ["event_date", "event_type", "latitude", "longitude"];
        if let Some(missing) = need.iter().find(|n| h.find(&[**n]).is_none()) {
            return Err(format!("an ACLED file needs the column {missing:?}; this one has {}", h.names().join(", ")));
        }
        Ok(Self {
            date: h.find(&["event_date"]),
            time_precision: h.find(&["time_precision"]),
            event_type: h.find(&["event_type"]),
            sub_event_type: h.find(&["sub_event_type"]),
            actors: [h.find(&["actor1"]), h.find(&["assoc_actor_1"]), h.find(&["actor2"]), h.find(&["assoc_actor_2"])],
            inter: [h.find(&["inter1"]), h.find(&["inter2"])],
            lat: h.find(&["latitude"]),
            lon: h.find(&["longitude"]),
            geo_precision: h.find(&["geo_precision"]),
            fatalities: h.find(&["fatalities"]),
            location: h.find(&["location"]),
            fields: ACLED_FIELDS.iter().map(|f| h.find(&[f])).collect(),
            with_fields: true,
        })
    }
}

/// A code cell as a spreadsheet may re-save it (`2.0`), read as `2`: `trim_end_matches(".0")` without
/// building a substring searcher on every cell of a million rows.
fn code_cell(s: &str) -> &str {
    let mut s = s;
    while let Some(t) = s.strip_suffix(".0") {
        s = t;
    }
    s
}

/// ACLED's interaction codes before 2023 (its codebook): the actor types.
fn inter_label(code: &str) -> Option<&'static str> {
    Some(match code_cell(code) {
        "1" => "State forces",
        "2" => "Rebel groups",
        "3" => "Political militias",
        "4" => "Identity militias",
        "5" => "Rioters",
        "6" => "Protesters",
        "7" => "Civilians",
        "8" => "External/other forces",
        _ => return None,
    })
}

/// One ACLED row as a record.
pub fn acled_row(c: &AcledColumns, row: &Row<'_>) -> Result<RecordIn, ImportError> {
    let mut r = RecordIn::default();
    acled_row_into(c, row, &mut r)?;
    Ok(r)
}

/// Sets `s` to `text`, keeping its allocation.
fn set(s: &mut String, text: &str) {
    s.clear();
    s.push_str(text);
}

/// Sets item `n` of `list` to `text`, reusing the string already there.
fn set_item(list: &mut Vec<String>, n: usize, text: &str) {
    match list.get_mut(n) {
        Some(s) => set(s, text),
        None => list.push(text.to_owned()),
    }
}

/// One ACLED row into `out`, whose strings are reused: a million-row file is read without a million
/// allocations. On an error `out` is left half-filled, and is not to be pushed.
pub fn acled_row_into(c: &AcledColumns, row: &Row<'_>, out: &mut RecordIn) -> Result<(), ImportError> {
    let date_text = row.text(c.date);
    let mut start = dates::parse_text(&date_text).map_err(|m| row.error(c.date, m))?;
    start.precision = match code_cell(&row.text(c.time_precision)) {
        "" | "1" => DatePrecision::Day,
        "2" => DatePrecision::Week,
        "3" => DatePrecision::Month,
        other => return Err(row.error(c.time_precision, format!("expected 1, 2 or 3, found {other:?}"))),
    };
    let at = row.lon_lat(c.lat, c.lon)?;
    let place_precision = match code_cell(&row.text(c.geo_precision)) {
        "" | "1" => PlacePrecision::Exact,
        "2" => PlacePrecision::Near,
        "3" => PlacePrecision::Region,
        other => return Err(row.error(c.geo_precision, format!("expected 1, 2 or 3, found {other:?}"))),
    };
    set(&mut out.category, &row.text(c.event_type));
    if out.category.is_empty() {
        return Err(row.error(c.event_type, "expected an event type, found an empty cell"));
    }
    let sub = row.text(c.sub_event_type);
    let location = row.text(c.location);
    let what = if sub.is_empty() { out.category.as_str() } else { &sub };
    out.title.clear();
    out.title.push_str(what);
    if !location.is_empty() {
        out.title.push_str(" in ");
        out.title.push_str(&location);
    }
    let mut n = 0;
    for (k, col) in c.actors.iter().enumerate() {
        let cell = row.text(*col);
        // Associated actors are a "; "-separated list.
        if k % 2 == 1 {
            for a in cell.split(';').map(super::csv_table::trim).filter(|a| !a.is_empty()) {
                set_item(&mut out.actors, n, a);
                n += 1;
            }
        } else if !cell.is_empty() {
            set_item(&mut out.actors, n, &cell);
            n += 1;
        }
    }
    out.actors.truncate(n);
    out.fields.clear();
    if c.with_fields {
        let inter: Vec<String> = c
            .inter
            .iter()
            .map(|col| {
                let t = row.text(*col);
                inter_label(&t).map_or_else(|| t.into_owned(), str::to_owned)
            })
            .filter(|t| !t.is_empty())
            .collect();
        let cell = |(col, name): (&Option<usize>, &str)| {
            if name == "interaction" && col.is_none() { inter.join(" vs ") } else { row.text(*col).into_owned() }
        };
        out.fields.extend(c.fields.iter().zip(ACLED_FIELDS).map(cell));
    }
    out.start = Some(start);
    out.end = None;
    out.at = at;
    out.place_precision = Some(place_precision);
    out.fatalities = row.count(c.fatalities)?;
    Ok(())
}

/// The card fields of a UCDP GED record, in order.
pub const UCDP_FIELDS: [&str; 9] =
    ["id", "conflict_name", "dyad_name", "adm_1", "where_coordinates", "country", "low", "high", "source_headline"];

/// Column numbers of a UCDP GED file.
pub struct UcdpColumns {
    start: Option<usize>,
    end: Option<usize>,
    date_prec: Option<usize>,
    violence: Option<usize>,
    sides: [Option<usize>; 2],
    lat: Option<usize>,
    lon: Option<usize>,
    where_prec: Option<usize>,
    best: Option<usize>,
    dyad: Option<usize>,
    conflict: Option<usize>,
    fields: Vec<Option<usize>>,
    /// As [`AcledColumns::with_fields`].
    pub with_fields: bool,
}

impl UcdpColumns {
    /// Finds the columns; the start date and coordinates must be there.
    pub fn find(h: &Header) -> Result<Self, String> {
        for need in ["date_start", "latitude", "longitude"] {
            if h.find(&[need]).is_none() {
                return Err(format!(
                    "a UCDP GED file needs the column {need:?}; this one has {}",
                    h.names().join(", ")
                ));
            }
        }
        Ok(Self {
            start: h.find(&["date_start"]),
            end: h.find(&["date_end"]),
            date_prec: h.find(&["date_prec"]),
            violence: h.find(&["type_of_violence"]),
            sides: [h.find(&["side_a"]), h.find(&["side_b"])],
            lat: h.find(&["latitude"]),
            lon: h.find(&["longitude"]),
            where_prec: h.find(&["where_prec"]),
            best: h.find(&["best", "best_est"]),
            dyad: h.find(&["dyad_name"]),
            conflict: h.find(&["conflict_name"]),
            fields: UCDP_FIELDS.iter().map(|f| h.find(&[f])).collect(),
            with_fields: true,
        })
    }
}

/// One UCDP GED row as a record.
pub fn ucdp_row(c: &UcdpColumns, row: &Row<'_>) -> Result<RecordIn, ImportError> {
    let mut start = dates::parse_text(&row.text(c.start)).map_err(|m| row.error(c.start, m))?;
    let end_text = row.text(c.end);
    let end =
        if end_text.is_empty() { None } else { Some(dates::parse_text(&end_text).map_err(|m| row.error(c.end, m))?) };
    if let Some(e) = end
        && e.day < start.day
    {
        return Err(row.error(c.end, format!("expected the end not to be before the start ({})", row.text(c.start))));
    }
    // UCDP's date_prec: 1 the day, 2–3 within a week, 4 the month, 5 the year.
    start.precision = match code_cell(&row.text(c.date_prec)) {
        "" | "1" => DatePrecision::Day,
        "2" | "3" => DatePrecision::Week,
        "4" => DatePrecision::Month,
        "5" => DatePrecision::Year,
        other => return Err(row.error(c.date_prec, format!("expected 1 to 5, found {other:?}"))),
    };
    // where_prec: 1 exact, 2 within 25 km, 3 second-order region, 4 first-order, 5 a line or area,
    // 6 the country, 7 international waters or air space.
    let place_precision = match code_cell(&row.text(c.where_prec)) {
        "" | "1" => PlacePrecision::Exact,
        "2" => PlacePrecision::Near,
        "3" | "4" | "5" => PlacePrecision::Region,
        "6" | "7" => PlacePrecision::Country,
        other => return Err(row.error(c.where_prec, format!("expected 1 to 7, found {other:?}"))),
    };
    let category = match code_cell(&row.text(c.violence)) {
        "1" => "State-based conflict".to_owned(),
        "2" => "Non-state conflict".to_owned(),
        "3" => "One-sided violence".to_owned(),
        "" => "Organised violence".to_owned(),
        other => return Err(row.error(c.violence, format!("expected 1, 2 or 3, found {other:?}"))),
    };
    let title = [row.text(c.dyad), row.text(c.conflict)]
        .into_iter()
        .find(|t| !t.is_empty())
        .map_or_else(|| category.clone(), std::borrow::Cow::into_owned);
    Ok(RecordIn {
        start: Some(start),
        end,
        at: row.lon_lat(c.lat, c.lon)?,
        place_precision: Some(place_precision),
        title,
        category,
        fatalities: row.count(c.best)?,
        actors: c.sides.iter().map(|s| row.text(*s).into_owned()).collect(),
        fields: if c.with_fields {
            c.fields.iter().map(|col| row.text(*col).into_owned()).collect()
        } else {
            Vec::new()
        },
        ..RecordIn::default()
    })
}

/// Empty columns for an ACLED file.
pub fn acled_records() -> Records {
    Records::with_fields(&ACLED_FIELDS)
}

/// Empty columns for a UCDP file.
pub fn ucdp_records() -> Records {
    Records::with_fields(&UCDP_FIELDS)
}
