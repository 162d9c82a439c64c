//! Dates as sources give them: a year, a month or a day, and spans between them.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How precise a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// `1953`
    Year,
    /// `1979-11`
    Month,
    /// `2020-01-03`
    Day,
}

/// A calendar date known to a year, a month or a day. `1979-11` stands for the whole of November 1979.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuzzyDate {
    first: NaiveDate,
    precision: Precision,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Years the atlas's content may have. Its timeline runs from 1953 to today and context reaches back a few
/// decades; a year outside this (`0000`, `0195` for 1953) is a typo that the timeline would silently clamp.
pub const ATLAS_YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

/// An error when `d` is outside [`ATLAS_YEARS`].
pub fn check_atlas_year(d: FuzzyDate) -> Result<FuzzyDate, String> {
    let year = d.first_day().year();
    if ATLAS_YEARS.contains(&year) {
        return Ok(d);
    }
    let (lo, hi) = (ATLAS_YEARS.start(), ATLAS_YEARS.end());
    Err(format!("expected a year from {lo} to {hi}, found {year:04} (a typo?)"))
}

impl FuzzyDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; the message says what was expected.
    pub fn parse(s: &str) -> Result<Self, String> {
        let expected = || format!("expected a date like 1953, 1979-11 or 2020-01-03, found {s:?}");
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().map_err(|_| expected())
            } else {
                Err(expected())
            }
        };
        let (year, month, day, precision) = match parts.as_slice() {
            [y] => (number(y, 4)?, 1, 1, Precision::Year),
            [y, m] => (number(y, 4)?, number(m, 2)?, 1, Precision::Month),
            [y, m, d] => (number(y, 4)?, number(m, 2)?, number(d, 2)?, Precision::Day),
            _ => return Err(expected()),
        };
        let year = i32::try_from(year).map_err(|_| expected())?;
        let first =
            NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("{s:?} is not a day of the calendar"))?;
        Ok(Self { first, precision })
    }

    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        Self { first: date, precision: Precision::Day }
    }

    /// Its precision.
    pub fn precision(self) -> Precision {
        self.precision
    }

    /// The first day it can mean.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last day it can mean: the end of the month or year for coarse dates.
    pub fn last_day(self) -> NaiveDate {
        let next = match self.precision {
            Precision::Day => return self.first,
            Precision::Month => self.first.checked_add_months(chrono::Months::new(1)),
            Precision::Year => self.first.with_year(self.first.year() + 1),
        };
        next.and_then(|n| n.pred_opt()).unwrap_or(self.first)
    }

    /// True when `day` falls within what this date means (all of November for `1979-11`).
    pub fn covers(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// For people: `3 January 2020`, `November 1979`, `1953`.
    pub fn long(self) -> String {
        let month = MONTHS.get(self.first.month0() as usize).copied().unwrap_or("?");
        match self.precision {
            Precision::Year => format!("{}", self.first.year()),
            Precision::Month => format!("{month} {}", self.first.year()),
            Precision::Day => format!("{} {month} {}", self.first.day(), self.first.year()),
        }
    }
}

impl fmt::Display for FuzzyDate {
    /// The ISO form it was written in.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.first.year()),
            Precision::Month => write!(f, "{:04}-{:02}", self.first.year(), self.first.month()),
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
        }
    }
}

/// A period from `start` to `end`; an open end means "still true today".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// When it began.
    pub start: FuzzyDate,
    /// When it ended, if it has.
    pub end: Option<FuzzyDate>,
}

impl Span {
    /// A span, checking that it does not end before it starts.
    pub fn new(start: FuzzyDate, end: Option<FuzzyDate>) -> Result<Self, String> {
        if let Some(e) = end
            && e.last_day() < start.first_day()
        {
            return Err(format!("expected the end ({e}) not to be before the start ({start})"));
        }
        Ok(Self { start, end })
    }

    /// True when `day` is inside the span (an open span runs on for ever).
    pub fn covers(self, day: NaiveDate) -> bool {
        self.start.first_day() <= day && self.end.is_none_or(|e| day <= e.last_day())
    }

    /// True when `other` lies wholly within this span (as far as each date's precision reaches).
    pub fn contains(self, other: Span) -> bool {
        let end = |s: Span| s.end.map(FuzzyDate::last_day);
        let within_end = match (end(self), end(other)) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(a), Some(b)) => b <= a,
        };
        self.start.first_day() <= other.start.first_day() && within_end
    }

    /// For people: `1980 – 1992`, `since April 1980`.
    pub fn long(self) -> String {
        match self.end {
            Some(e) if e == self.start => self.start.long(),
            Some(e) => format!("{} – {}", self.start.long(), e.long()),
            None => format!("since {}", self.start.long()),
        }
    }
}

/// Whether something with dated spans (a base open, a group holding an area) is there on a day, as far as
/// the dates' precision allows: a start given only as `2003` does not say that a base stood on 1 January.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Presence {
    /// Before its first span begins: not on the map at all.
    NotYet,
    /// Within the year or month a coarse start or end names: it may or may not be there.
    Uncertain,
    /// Surely there.
    Present,
    /// Between spans or after the last one.
    Ended,
}

impl Presence {
    /// True when it is drawn as there (surely or perhaps).
    pub fn is_shown(self) -> bool {
        matches!(self, Self::Present | Self::Uncertain)
    }

    /// For people: "open", "perhaps open (date known only to the month or year)", ...
    pub fn label(self, present: &str) -> String {
        match self {
            Self::NotYet => format!("not yet {present}"),
            Self::Uncertain => format!("perhaps {present} (date known only to the month or year)"),
            Self::Present => present.to_owned(),
            Self::Ended => format!("no longer {present}"),
        }
    }
}

impl Span {
    /// Where `day` falls: surely inside, inside the period a coarse start or end names, or outside.
    pub fn presence(self, day: NaiveDate) -> Presence {
        let first = self.start.first_day();
        let last = self.end.map(FuzzyDate::last_day);
        if day < first || last.is_some_and(|l| day > l) {
            return if day < first { Presence::NotYet } else { Presence::Ended };
        }
        let start_unsure = self.start.precision() != Precision::Day && day <= self.start.last_day();
        let end_unsure = self.end.is_some_and(|e| e.precision() != Precision::Day && day >= e.first_day());
        if start_unsure || end_unsure { Presence::Uncertain } else { Presence::Present }
    }
}

/// Where `day` falls for something with several spans: present in any, else uncertain in any, else not
/// yet (before them all) or ended.
pub fn presence_in(spans: &[Span], day: NaiveDate) -> Presence {
    let each: Vec<Presence> = spans.iter().map(|s| s.presence(day)).collect();
    if each.contains(&Presence::Present) {
        Presence::Present
    } else if each.contains(&Presence::Uncertain) {
        Presence::Uncertain
    } else if each.iter().all(|p| *p == Presence::NotYet) {
        Presence::NotYet
    } else {
        Presence::Ended
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> FuzzyDate {
        FuzzyDate::parse(s).unwrap()
    }

    fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn parses_three_precisions_and_round_trips() {
        for s in ["1953", "1979-11", "2020-01-03", "2024-02-29"] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("1979-11").precision(), Precision::Month);
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for s in ["", "79", "1979-1", "1979-13", "2019-02-29", "2020-01-03T00:00", "abcd", "1979/11/04", "2020-00"] {
            assert!(FuzzyDate::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn years_outside_the_atlas_are_refused_where_it_matters() {
        // The parser takes any four-digit year; content and lessons check the atlas's range.
        assert_eq!(d("0000").first_day().year(), 0);
        let e = check_atlas_year(d("0000")).unwrap_err();
        assert_eq!(e, "expected a year from 1800 to 2100, found 0000 (a typo?)");
        assert!(check_atlas_year(d("0195-03")).is_err());
        assert!(check_atlas_year(d("9999")).is_err());
        assert!(check_atlas_year(d("1946")).is_ok());
        assert!(check_atlas_year(d("2026-11-21")).is_ok());
    }

    #[test]
    fn coarse_dates_cover_their_whole_period() {
        assert!(d("1979-11").covers(day(1979, 11, 30)));
        assert!(!d("1979-11").covers(day(1979, 12, 1)));
        assert_eq!(d("2020-02").last_day(), day(2020, 2, 29));
        assert_eq!(d("1953").last_day(), day(1953, 12, 31));
        assert!(d("2020-01-03").covers(day(2020, 1, 3)) && !d("2020-01-03").covers(day(2020, 1, 4)));
    }

    #[test]
    fn spans_check_order_and_cover_open_ends() {
        assert!(Span::new(d("1981"), Some(d("1979"))).is_err());
        let open = Span::new(d("1980-04"), None).unwrap();
        assert!(open.covers(day(2026, 1, 1)) && !open.covers(day(1980, 3, 31)));
        // A span may end within its start's period: 1992 to 1992-03.
        assert!(Span::new(d("1992"), Some(d("1992-03"))).is_ok());
        assert_eq!(open.long(), "since April 1980");
        assert_eq!(
            Span::new(d("1979-11-04"), Some(d("1981-01-20"))).unwrap().long(),
            "4 November 1979 – 20 January 1981"
        );
    }

    #[test]
    fn coarse_starts_and_ends_are_uncertain_for_their_whole_period() {
        let taji =
            [Span::new(d("2003"), Some(d("2011-12"))).unwrap(), Span::new(d("2015"), Some(d("2020-08-23"))).unwrap()];
        let at = |s: &str| presence_in(&taji, NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        assert_eq!(at("1985-01-01"), Presence::NotYet);
        assert_eq!(at("2003-03-22"), Presence::Uncertain);
        assert_eq!(at("2004-01-01"), Presence::Present);
        assert_eq!(at("2011-11-30"), Presence::Present);
        assert_eq!(at("2011-12-15"), Presence::Uncertain);
        assert_eq!(at("2013-01-01"), Presence::Ended);
        assert_eq!(at("2015-06-01"), Presence::Uncertain);
        assert_eq!(at("2020-08-23"), Presence::Present);
        assert_eq!(at("2020-08-24"), Presence::Ended);
        let embassy = Span::new(d("1953"), Some(d("1979-11-04"))).unwrap();
        assert_eq!(embassy.presence(day(1980, 1, 15)), Presence::Ended);
        assert_eq!(embassy.presence(day(1979, 11, 3)), Presence::Present);
        assert!(!Presence::NotYet.is_shown() && Presence::Uncertain.is_shown());
    }
}
