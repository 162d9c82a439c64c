//! Dates as users' files write them: ISO days, months and years, `03 January 2020`, Excel's `3-Jan-20`,
//! TimelineJS's year/month/day parts, BCE years and Unix timestamps. Day numbers are the atlas's (days
//! since 1950-01-01), as `i32` so a million rows take 4 MB a column.

use chrono::{Datelike, NaiveDate};

/// How precise an imported date is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    /// Known to the day (or finer).
    #[default]
    Day,
    /// Within a week of the day given (ACLED time_precision 2).
    Week,
    /// Known to the month.
    Month,
    /// Known to the year.
    Year,
}

impl DatePrecision {
    /// For cards: "to the day", ...
    pub fn label(self) -> &'static str {
        match self {
            Self::Day => "to the day",
            Self::Week => "within a week",
            Self::Month => "to the month",
            Self::Year => "to the year",
        }
    }
}

/// A date from a user's file: its first day and how precise it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportDate {
    /// Days since 1950-01-01 of the first day it can mean.
    pub day: i32,
    pub precision: DatePrecision,
}

/// The years a timeline of human history can hold. TimelineJS also does cosmological scales (billions
/// of years): those are refused with this range in the message.
pub const MIN_YEAR: i32 = -200_000;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 200_000;

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
}

/// The day number of a calendar date (by days from the Common Era's start, not a duration: a million rows
/// a load).
pub fn day_number(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - epoch().num_days_from_ce()
}

/// The calendar date of a day number.
pub fn date_of_day(day: i32) -> NaiveDate {
    epoch().checked_add_signed(chrono::Duration::days(i64::from(day))).unwrap_or_else(epoch)
}

/// The last day (inclusive) a date can mean: the end of its week, month or year.
pub fn last_day(d: ImportDate) -> i32 {
    let first = date_of_day(d.day);
    let next = match d.precision {
        DatePrecision::Day => return d.day,
        DatePrecision::Week => return d.day + 6,
        DatePrecision::Month => first.checked_add_months(chrono::Months::new(1)),
        DatePrecision::Year => NaiveDate::from_ymd_opt(first.year() + 1, 1, 1),
    };
    next.map_or(d.day, |n| day_number(n) - 1)
}

fn check_year(year: i64) -> Result<i32, String> {
    i32::try_from(year).ok().filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y)).ok_or_else(|| {
        format!("year {year} is outside the years the atlas can show ({MIN_YEAR} to {MAX_YEAR}); cosmological and geological scales are not supported")
    })
}

/// A date from its parts (TimelineJS `year`, `month`, `day`); missing parts make it coarser.
pub fn from_parts(year: i64, month: Option<u32>, day: Option<u32>) -> Result<ImportDate, String> {
    let year = check_year(year)?;
    let (m, d, precision) = match (month, day) {
        (None, _) => (1, 1, DatePrecision::Year),
        (Some(m), None) => (m, 1, DatePrecision::Month),
        (Some(m), Some(d)) => (m, d, DatePrecision::Day),
    };
    if !(1..=12).contains(&m) {
        return Err(format!("expected a month from 1 to 12, found {m}"));
    }
    let date = NaiveDate::from_ymd_opt(year, m, d)
        .ok_or_else(|| format!("{year}-{m:02}-{d:02} is not a day of the calendar"))?;
    Ok(ImportDate { day: day_number(date), precision })
}

/// What a bare number in a time column means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberMeaning {
    /// A year (`1979`, `-500`).
    Year,
    /// Seconds since 1970 (Unix time).
    EpochSeconds,
    /// Milliseconds since 1970 (JavaScript time).
    EpochMillis,
}

impl NumberMeaning {
    /// Guesses from the size: years have at most 6 digits, milliseconds since 1970 pass 10^11 in 1973.
    pub fn guess(n: f64) -> Self {
        let a = n.abs();
        if a < 1.0e6 && n.fract() == 0.0 {
            Self::Year
        } else if a >= 1.0e11 {
            Self::EpochMillis
        } else {
            Self::EpochSeconds
        }
    }

    /// For the import report.
    pub fn label(self) -> &'static str {
        match self {
            Self::Year => "years",
            Self::EpochSeconds => "Unix seconds",
            Self::EpochMillis => "Unix milliseconds",
        }
    }
}

/// A date from a number read as `meaning`.
pub fn from_number(n: f64, meaning: NumberMeaning) -> Result<ImportDate, String> {
    if !n.is_finite() {
        return Err(format!("expected a date, found the number {n}"));
    }
    let seconds = match meaning {
        NumberMeaning::Year => {
            if n.fract() != 0.0 {
                return Err(format!("expected a whole year, found {n}"));
            }
            return from_parts(n as i64, None, None);
        }
        NumberMeaning::EpochSeconds => n,
        NumberMeaning::EpochMillis => n / 1000.0,
    };
    let days = (seconds / 86_400.0).floor();
    let unix_epoch = day_number(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default());
    let day = days + f64::from(unix_epoch);
    if day.abs() > 7.0e7 {
        return Err(format!("timestamp {n} is too far from today"));
    }
    Ok(ImportDate { day: day as i32, precision: DatePrecision::Day })
}

fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| {
            m.starts_with(&w) && (w.len() == 3 || w == **m || (w.len() == 4 && *m == "september" && w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

/// Two-digit years as spreadsheets write them: 00–29 are 2000–2029, 30–99 are 1930–1999 (Excel's rule).
fn expand_two_digit_year(y: i64) -> i64 {
    if y < 30 { 2000 + y } else { 1900 + y }
}

fn number(s: &str) -> Option<i64> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Parses a date written as text: `2020`, `2020-01`, `2020-01-03`, `2020-01-03T10:00:00Z`, `2020/01/03`,
/// `03 January 2020`, `January 3, 2020`, `3-Jan-20`, `-500`, `500 BC`, `44 BCE`, `632 CE`, `2020.0`.
pub fn parse_text(raw: &str) -> Result<ImportDate, String> {
    let s = raw.trim();
    let expected = || format!("expected a date like 2020-01-03, 03 January 2020 or 1979, found {raw:?}");
    if s.is_empty() {
        return Err("expected a date, found an empty cell".to_owned());
    }
    // The common case first, without allocating: ACLED's and UCDP's `2020-01-03`.
    if let Some(d) = plain_iso_day(s) {
        return d;
    }
    // Era suffixes: "500 BC", "44 BCE", "632 AD", "632 CE".
    let upper = s.to_ascii_uppercase();
    for (suffix, sign) in [(" BCE", -1), (" BC", -1), (" CE", 1), (" AD", 1)] {
        if let Some(body) = upper.strip_suffix(suffix) {
            let year = number(body.trim()).ok_or_else(expected)?;
            // There is no year 0: 1 BC is year 0 in astronomical numbering, which chrono uses.
            let astronomical = if sign < 0 { 1 - year } else { year };
            return from_parts(astronomical, None, None);
        }
    }
    // A spreadsheet's number: "2022.0".
    if let Some(whole) = s.strip_suffix(".0")
        && let Some(y) = number(whole.trim_start_matches('-'))
    {
        return from_parts(if whole.starts_with('-') { -y } else { y }, None, None);
    }
    // ISO, with a time part ignored.
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    if let Ok(d) = parse_iso(date_part) {
        return Ok(d);
    }
    if let Some(d) = parse_words(s) {
        return d;
    }
    Err(expected())
}

/// `YYYY-MM-DD` exactly, read without splitting; `None` for anything else (left to the general readers).
fn plain_iso_day(s: &str) -> Option<Result<ImportDate, String>> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    Some(from_parts(i64::from(y), Some(m), Some(d)))
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/`), and negative years (`-0500-03`).
fn parse_iso(s: &str) -> Result<ImportDate, String> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let parts: Vec<&str> = body.split(['-', '/']).collect();
    let bad = || format!("not an ISO date: {s:?}");
    let year_of = |p: &str| -> Result<i64, String> {
        let y = number(p).filter(|_| p.len() >= 3 || negative).ok_or_else(bad)?;
        Ok(if negative { -y } else { y })
    };
    match parts.as_slice() {
        [y] => from_parts(year_of(y)?, None, None),
        [y, m] if m.len() <= 2 => from_parts(year_of(y)?, Some(number(m).ok_or_else(bad)? as u32), None),
        [y, m, d] if m.len() <= 2 && d.len() <= 2 => {
            from_parts(year_of(y)?, Some(number(m).ok_or_else(bad)? as u32), Some(number(d).ok_or_else(bad)? as u32))
        }
        _ => Err(bad()),
    }
}

/// `03 January 2020`, `3 Jan 2020`, `January 3, 2020`, `January 2020`, `3-Jan-20`, `03/01/2020` when only
/// one reading is possible (a day over 12).
fn parse_words(s: &str) -> Option<Result<ImportDate, String>> {
    let tokens: Vec<&str> = s.split([' ', '-', ',', '/']).filter(|t| !t.is_empty()).collect();
    let year_of = |t: &str| -> Option<i64> {
        let n = number(t)?;
        Some(if t.len() <= 2 { expand_two_digit_year(n) } else { n })
    };
    let day_of =
        |t: &str| number(t.trim_end_matches(|c: char| c.is_ascii_alphabetic())).filter(|d| (1..=31).contains(d));
    let date = match tokens.as_slice() {
        [d, m, y] if month_from_name(m).is_some() => {
            from_parts(year_of(y)?, month_from_name(m), Some(day_of(d)? as u32))
        }
        [m, d, y] if month_from_name(m).is_some() => {
            from_parts(year_of(y)?, month_from_name(m), Some(day_of(d)? as u32))
        }
        [m, y] if month_from_name(m).is_some() => from_parts(year_of(y)?, month_from_name(m), None),
        [a, b, y] if y.len() == 4 => {
            // Numeric day and month: only when one of them cannot be a month.
            let (a, b) = (number(a)?, number(b)?);
            let (day, month) = match (a > 12, b > 12) {
                (true, false) => (a, b),
                (false, true) => (b, a),
                _ if a == b => (a, b),
                _ => return Some(Err(format!("{s:?} could be day/month or month/day: write it as YYYY-MM-DD"))),
            };
            from_parts(number(y)?, Some(month as u32), Some(day as u32))
        }
        _ => return None,
    };
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn the_plain_iso_shortcut_reads_days_as_the_general_reader_does() {
        for s in ["2020-01-03", "1953-08-19", "0632-06-08", "2024-02-29", "1999-12-31"] {
            assert_eq!(parse_text(s), parse_iso(s), "{s}");
            assert!(plain_iso_day(s).is_some(), "{s} takes the shortcut");
        }
        for s in ["2023-02-29", "2020-13-01", "2020-00-10"] {
            assert!(parse_text(s).is_err(), "{s}");
        }
        for s in ["2020-1-03", "2020/01/03", "20200103", "2020-01-0x", " 2020-01-03"] {
            assert_eq!(plain_iso_day(s), None, "{s}");
        }
        assert_eq!(parse_text("2020/01/03"), parse_iso("2020/01/03"));
    }

    #[test]
    fn iso_forms_and_their_precision() {
        assert_eq!(
            parse_text("2020-01-03").unwrap(),
            ImportDate { day: ymd(2020, 1, 3), precision: DatePrecision::Day }
        );
        assert_eq!(parse_text("1979-11").unwrap().precision, DatePrecision::Month);
        assert_eq!(parse_text("1953").unwrap(), ImportDate { day: ymd(1953, 1, 1), precision: DatePrecision::Year });
        assert_eq!(parse_text("2020-01-03T22:15:00Z").unwrap().day, ymd(2020, 1, 3));
        assert_eq!(parse_text("2020/01/03").unwrap().day, ymd(2020, 1, 3));
        assert_eq!(parse_text("2022.0").unwrap().day, ymd(2022, 1, 1));
    }

    #[test]
    fn acled_and_spreadsheet_forms() {
        assert_eq!(parse_text("03 January 2020").unwrap().day, ymd(2020, 1, 3));
        assert_eq!(parse_text("3-Jan-20").unwrap().day, ymd(2020, 1, 3));
        assert_eq!(parse_text("17-Sep-98").unwrap().day, ymd(1998, 9, 17));
        assert_eq!(parse_text("January 3, 2020").unwrap().day, ymd(2020, 1, 3));
        assert_eq!(
            parse_text("Sept 2015").unwrap(),
            ImportDate { day: ymd(2015, 9, 1), precision: DatePrecision::Month }
        );
        assert_eq!(parse_text("25/12/2019").unwrap().day, ymd(2019, 12, 25));
        assert!(parse_text("03/01/2020").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn years_before_the_common_era() {
        let bc = parse_text("500 BC").unwrap();
        assert_eq!(date_of_day(bc.day).year(), -499);
        assert_eq!(date_of_day(parse_text("-0500").unwrap().day).year(), -500);
        assert_eq!(date_of_day(parse_text("636 CE").unwrap().day).year(), 636);
        assert_eq!(date_of_day(from_parts(-3000, None, None).unwrap().day).year(), -3000);
    }

    #[test]
    fn refuses_nonsense_and_cosmic_scales() {
        for s in ["", "soon", "2020-13-01", "2019-02-29", "31-Foo-20", "1.5e9 BC"] {
            assert!(parse_text(s).is_err(), "{s}");
        }
        assert!(from_parts(-13_800_000_000, None, None).unwrap_err().contains("cosmological"));
    }

    #[test]
    fn numbers_are_years_or_timestamps() {
        assert_eq!(NumberMeaning::guess(1979.0), NumberMeaning::Year);
        assert_eq!(NumberMeaning::guess(1_578_009_600.0), NumberMeaning::EpochSeconds);
        assert_eq!(NumberMeaning::guess(1_578_009_600_000.0), NumberMeaning::EpochMillis);
        let d = from_number(1_578_009_600.0, NumberMeaning::EpochSeconds).unwrap();
        assert_eq!(d.day, ymd(2020, 1, 3));
        assert_eq!(from_number(1_578_009_600_000.0, NumberMeaning::EpochMillis).unwrap().day, ymd(2020, 1, 3));
    }

    #[test]
    fn coarse_dates_end_with_their_period() {
        assert_eq!(last_day(parse_text("2020-02").unwrap()), ymd(2020, 2, 29));
        assert_eq!(last_day(parse_text("1953").unwrap()), ymd(1953, 12, 31));
    }
}
