//! Time: day numbers, the playback control, a time-sorted index of spans, and calendar axis marks.
//! No egui in here (rerun's `TimeControl` is the model): the views read it and push commands.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::date::{FuzzyDate, Span};

/// The atlas' epoch: day 0.0 is the start of 1 January 1950.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default()
}

/// Days since 1950-01-01 at the start of `d`.
pub fn day_from_date(d: NaiveDate) -> f64 {
    (d - epoch()).num_days() as f64
}

/// The calendar day a day number falls in.
pub fn date_from_day(day: f64) -> NaiveDate {
    // Imported timelines reach far back (the conquest of Persia, the Achaemenids): ±200,000 years.
    let whole = day.floor().clamp(-8.0e7, 8.0e7) as i64;
    epoch().checked_add_signed(chrono::Duration::days(whole)).unwrap_or_else(epoch)
}

/// The first and the end (exclusive) day numbers a span covers: `1979-11` covers all of November.
pub fn span_days(span: Span, today: f64) -> (f64, f64) {
    let start = day_from_date(span.start.first_day());
    let end = span.end.map_or(today + 1.0, |e| day_from_date(e.last_day()) + 1.0);
    (start, end.max(start + 1.0))
}

/// Today's day number, from the UTC date.
pub fn today() -> f64 {
    day_from_date(chrono::Utc::now().date_naive())
}

/// Where the timeline starts: 1 January 1953, the year of the coup.
pub fn atlas_start_day() -> f64 {
    day_from_date(NaiveDate::from_ymd_opt(1953, 1, 1).unwrap_or_default())
}

/// What playback does at the end of the range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LoopMode {
    /// Pause at the end.
    #[default]
    Stop,
    /// Jump back to the start and keep playing.
    Loop,
}

/// Days in a year on average: the "1 year/s" speed.
pub const DAYS_PER_YEAR: f64 = 365.25;

/// Days in a month, rounded as the "1 month/s" speed has it.
pub const DAYS_PER_MONTH: f64 = 30.44;

/// Speed presets offered in the interface: (label, days per second).
pub const SPEED_PRESETS: [(&str, f64); 6] = [
    ("1 day/s", 1.0),
    ("1 week/s", 7.0),
    ("1 month/s", DAYS_PER_MONTH),
    ("3 months/s", 91.31),
    ("1 year/s", DAYS_PER_YEAR),
    ("5 years/s", 1826.25),
];

/// The longest step one frame may take. Playback follows the wall clock, so a slow frame (3 frames a
/// second on a software renderer) skips dates rather than slowing the speed; only a stall longer than this
/// (a file dialog, a suspended laptop) is not caught up, so it does not jump through history.
const MAX_FRAME_SECONDS: f64 = 1.0;

/// Seconds between playing frames, from the input's wall-clock time. egui's `stable_dt` is smoothed and
/// capped, which made playback run slow whenever frames were slow.
#[derive(Clone, Copy, Debug, Default)]
pub struct PlayClock {
    last_sec: Option<f64>,
}

impl PlayClock {
    /// The seconds since the last tick (0 on the first), for a frame at wall-clock time `now_sec`.
    pub fn tick(&mut self, now_sec: f64) -> f64 {
        let dt = self.last_sec.map_or(0.0, |last| (now_sec - last).max(0.0));
        self.last_sec = Some(now_sec);
        dt
    }

    /// Forgets the last tick (paused: the time until Play is pressed again does not count).
    pub fn reset(&mut self) {
        self.last_sec = None;
    }
}

/// Playback state: the current day, playing or paused, speed, loop mode and the range it runs over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeControl {
    /// The current day number (fractional while playing).
    pub current_day: f64,
    /// Playing or paused (never restored as playing).
    #[serde(skip)]
    pub playing: bool,
    /// Days per second of playback.
    pub speed_days_per_sec: f64,
    /// Stop or loop at the end.
    pub loop_mode: LoopMode,
    /// First day of the range: 1 January 1953, or earlier when a loaded file starts earlier.
    pub start_day: f64,
    /// Last day of the range: today, or later when a loaded file runs past today.
    pub end_day: f64,
}

impl Default for TimeControl {
    fn default() -> Self {
        let soleimani = NaiveDate::from_ymd_opt(2020, 1, 3).unwrap_or_default();
        Self {
            current_day: day_from_date(soleimani),
            playing: false,
            speed_days_per_sec: DAYS_PER_MONTH,
            loop_mode: LoopMode::Stop,
            start_day: atlas_start_day(),
            end_day: today(),
        }
    }
}

impl TimeControl {
    /// Advances playback by `dt_sec` (capped at a second) and says whether a repaint is needed.
    pub fn update(&mut self, dt_sec: f64) -> bool {
        if !self.playing {
            return false;
        }
        let step = dt_sec.clamp(0.0, MAX_FRAME_SECONDS) * self.speed_days_per_sec;
        self.current_day += step;
        if self.current_day >= self.end_day {
            match self.loop_mode {
                LoopMode::Stop => {
                    self.current_day = self.end_day;
                    self.playing = false;
                }
                LoopMode::Loop => self.current_day = self.start_day + (self.current_day - self.end_day),
            }
        }
        true
    }

    /// Play or pause; playing from the very end in stop mode starts again from the beginning.
    pub fn toggle_play(&mut self) {
        if !self.playing && self.current_day >= self.end_day {
            self.current_day = self.start_day;
        }
        self.playing = !self.playing;
    }

    /// Moves to a day, kept within the range.
    pub fn set_day(&mut self, day: f64) {
        if !day.is_finite() {
            return;
        }
        self.current_day = day.clamp(self.start_day, self.end_day);
    }

    /// The calendar day now shown.
    pub fn current_date(&self) -> NaiveDate {
        date_from_day(self.current_day)
    }

    /// Jumps to the first start day after the current day (`starts` sorted); false if there is none.
    pub fn step_next(&mut self, starts: &[f64]) -> bool {
        let now = self.current_day.floor();
        let i = starts.partition_point(|&s| s <= now);
        starts.get(i).is_some_and(|&s| {
            self.set_day(s);
            true
        })
    }

    /// Jumps to the last start day before the current day (`starts` sorted); false if there is none.
    pub fn step_prev(&mut self, starts: &[f64]) -> bool {
        let now = self.current_day.floor();
        let i = starts.partition_point(|&s| s < now);
        i.checked_sub(1).and_then(|k| starts.get(k)).is_some_and(|&s| {
            self.set_day(s);
            true
        })
    }
}

/// A time-sorted index of spans, so a frame touches only what is near the current date however many
/// items there are (binary search on starts, bounded look-back by the longest span).
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// (start day, end day exclusive, item index), sorted by start.
    entries: Vec<(f64, f64, usize)>,
    /// The longest span, which bounds how far back an overlapping item can start.
    max_len_days: f64,
}

impl SpanIndex {
    /// Indexes `(start, end_exclusive)` spans; item `i` is the i-th span given.
    pub fn new(spans: impl IntoIterator<Item = (f64, f64)>) -> Self {
        let mut entries: Vec<(f64, f64, usize)> = spans.into_iter().enumerate().map(|(i, (s, e))| (s, e, i)).collect();
        entries.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
        let max_len_days = entries.iter().map(|(s, e, _)| e - s).fold(0.0, f64::max);
        Self { entries, max_len_days }
    }

    /// Items whose span overlaps `[from_day, to_day)`, in start order.
    pub fn overlapping(&self, from_day: f64, to_day: f64) -> impl Iterator<Item = usize> + '_ {
        let hi = self.entries.partition_point(|e| e.0 < to_day);
        let lo = self.entries.partition_point(|e| e.0 < from_day - self.max_len_days);
        self.entries.get(lo..hi).unwrap_or_default().iter().filter(move |e| e.1 > from_day).map(|e| e.2)
    }

    /// Start days in order (for stepping).
    pub fn starts(&self) -> Vec<f64> {
        let mut s: Vec<f64> = self.entries.iter().map(|e| e.0).collect();
        s.dedup();
        s
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A mark on the timeline axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AxisMark {
    pub day: f64,
    /// The spacing of marks of this level, in days (drives label style and grid strength).
    pub step_days: f64,
}

/// Calendar steps, coarse to fine: (months per step, or 0 for a step in days; days per step).
const STEPS: [(u32, f64); 9] =
    [(120, 3652.5), (60, 1826.25), (24, 730.5), (12, 365.25), (3, 91.31), (1, 30.44), (0, 7.0), (0, 2.0), (0, 1.0)];

/// Axis marks on calendar boundaries (decades, years, quarters, months, weeks, days) for the visible range,
/// choosing the finest step that keeps about `max_marks` marks.
pub fn axis_marks(min_day: f64, max_day: f64, max_marks: usize) -> Vec<AxisMark> {
    let span = (max_day - min_day).max(1.0);
    let Some(&(months, step_days)) =
        STEPS.iter().rev().find(|(_, d)| span / d <= max_marks as f64).or_else(|| STEPS.first())
    else {
        return Vec::new();
    };
    let mut marks = Vec::new();
    if months > 0 {
        let first = date_from_day(min_day);
        let month_index = first.year() * 12 + first.month0() as i32;
        let aligned = month_index - month_index.rem_euclid(months as i32);
        let mut d = NaiveDate::from_ymd_opt(aligned.div_euclid(12), aligned.rem_euclid(12) as u32 + 1, 1);
        while let Some(date) = d {
            let day = day_from_date(date);
            if day > max_day || marks.len() > 10_000 {
                break;
            }
            if day >= min_day {
                marks.push(AxisMark { day, step_days });
            }
            d = date.checked_add_months(Months::new(months));
        }
    } else {
        let mut day = (min_day / step_days).ceil() * step_days;
        while day <= max_day && marks.len() <= 10_000 {
            marks.push(AxisMark { day, step_days });
            day += step_days;
        }
    }
    marks
}

/// The label of an axis mark: `1980` for years and coarser, `Mar 1980` for months, `3 Jan` for days.
pub fn axis_label(mark: AxisMark) -> String {
    let d = date_from_day(mark.day);
    if mark.step_days >= 365.0 {
        year_label(d.year())
    } else if mark.step_days >= 28.0 {
        if d.month() == 1 { year_label(d.year()) } else { format!("{} {}", d.format("%b"), year_label(d.year())) }
    } else {
        d.format("%-d %b").to_string()
    }
}

/// A year for people: `1979`, `636`, `550 BCE` (chrono counts 1 BCE as year 0).
pub fn year_label(year: i32) -> String {
    if year >= 1 { format!("{year}") } else { format!("{} BCE", 1 - i64::from(year)) }
}

/// The current date as shown large, to the precision the timeline's zoom makes meaningful: the day when
/// less than about two years are visible, else the month.
pub fn format_current(day: f64, visible_span_days: f64) -> String {
    let d = date_from_day(day);
    if d.year() < 1 {
        let day_part = if visible_span_days <= 800.0 { format!("{} ", d.day()) } else { String::new() };
        return format!("{day_part}{} {}", d.format("%B"), year_label(d.year()));
    }
    let date = FuzzyDate::day(d);
    if visible_span_days <= 800.0 { date.long() } else { d.format("%B %Y").to_string() }
}

/// Parses a typed date (`1979`, `1979-11`, `2020-01-03`) to the first day it means.
pub fn parse_day(text: &str) -> Result<f64, String> {
    FuzzyDate::parse(text.trim()).map(|d| day_from_date(d.first_day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> f64 {
        parse_day(s).unwrap()
    }

    fn control_at(s: &str) -> TimeControl {
        TimeControl {
            current_day: day(s),
            start_day: day("1953-01-01"),
            end_day: day("2026-11-21"),
            ..TimeControl::default()
        }
    }

    #[test]
    fn years_before_the_common_era_read_as_bce() {
        assert_eq!(year_label(2020), "2020");
        assert_eq!(year_label(0), "1 BCE");
        assert_eq!(year_label(-549), "550 BCE");
        let d = day_from_date(NaiveDate::from_ymd_opt(-549, 3, 1).unwrap());
        assert_eq!(format_current(d, 100_000.0), "March 550 BCE");
        assert_eq!(date_from_day(d).year(), -549);
    }

    #[test]
    fn day_numbers_round_trip() {
        for s in ["1953-08-19", "2020-01-03", "1950-01-01", "2024-02-29"] {
            let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
            assert_eq!(date_from_day(day_from_date(d)), d);
            assert_eq!(date_from_day(day_from_date(d) + 0.999), d);
        }
    }

    #[test]
    fn paused_does_not_move_or_repaint() {
        let mut t = control_at("2000-01-01");
        assert!(!t.update(1.0));
        assert_eq!(t.current_day, day("2000-01-01"));
    }

    #[test]
    fn playing_advances_by_capped_dt_times_speed() {
        let mut t = control_at("2000-01-01");
        t.speed_days_per_sec = 10.0;
        t.toggle_play();
        assert!(t.update(0.05));
        assert!((t.current_day - day("2000-01-01") - 0.5).abs() < 1e-9);
        // A 5-second stall advances only a second's worth.
        t.update(5.0);
        assert!((t.current_day - day("2000-01-01") - 10.5).abs() < 1e-9);
    }

    #[test]
    fn slow_frames_keep_the_speed_by_the_wall_clock() {
        // A fake clock: 3 frames a second for 10 s at "1 month/s", as on a software renderer.
        let mut t = control_at("2000-01-01");
        t.speed_days_per_sec = 30.44;
        t.toggle_play();
        let mut clock = PlayClock::default();
        let mut now = 100.0;
        assert_eq!(clock.tick(now), 0.0);
        for _ in 0..30 {
            now += 1.0 / 3.0;
            t.update(clock.tick(now));
        }
        let advanced = t.current_day - day("2000-01-01");
        assert!((advanced - 304.4).abs() / 304.4 < 0.02, "advanced {advanced} days, the clock says 304.4");
        // Paused for a minute: the pause does not count when playing again.
        clock.reset();
        now += 60.0;
        assert_eq!(clock.tick(now), 0.0);
    }

    #[test]
    fn stops_or_loops_at_the_end() {
        let mut t = control_at("2026-11-20");
        t.speed_days_per_sec = 365.0;
        t.toggle_play();
        t.update(0.1);
        assert_eq!(t.current_day, t.end_day);
        assert!(!t.playing, "stop mode pauses at the end");
        t.toggle_play();
        assert_eq!(t.current_day, t.start_day, "playing again from the end restarts");

        let mut l = control_at("2026-11-20");
        l.loop_mode = LoopMode::Loop;
        l.speed_days_per_sec = 100.0;
        l.toggle_play();
        l.update(0.1);
        assert!(l.playing && l.current_day < l.start_day + 10.0, "{}", l.current_day);
    }

    #[test]
    fn steps_to_next_and_previous_event() {
        let starts = [day("1979-11-04"), day("1980-04-07"), day("2020-01-03")];
        let mut t = control_at("1980-01-01");
        assert!(t.step_next(&starts));
        assert_eq!(t.current_day, day("1980-04-07"));
        assert!(t.step_next(&starts));
        assert_eq!(t.current_day, day("2020-01-03"));
        assert!(!t.step_next(&starts), "no event after the last");
        assert!(t.step_prev(&starts));
        assert_eq!(t.current_day, day("1980-04-07"));
        assert!(t.step_prev(&starts) && !t.step_prev(&starts));
        assert_eq!(t.current_day, day("1979-11-04"));
    }

    #[test]
    fn month_precision_is_now_for_the_whole_month() {
        let span = Span { start: FuzzyDate::parse("1979-11").unwrap(), end: None };
        let (s, e) = span_days(Span { end: Some(span.start), ..span }, 0.0);
        let index = SpanIndex::new([(s, e)]);
        for inside in ["1979-11-01", "1979-11-15", "1979-11-30"] {
            let d = day(inside);
            assert_eq!(index.overlapping(d, d + 1.0).count(), 1, "{inside}");
        }
        for outside in ["1979-10-31", "1979-12-01"] {
            let d = day(outside);
            assert_eq!(index.overlapping(d, d + 1.0).count(), 0, "{outside}");
        }
    }

    #[test]
    fn span_index_finds_long_spans_that_started_long_ago() {
        let index = SpanIndex::new([
            (day("1980-09-22"), day("1988-08-21")), // a war
            (day("1985-01-01"), day("1985-01-02")),
            (day("1990-08-02"), day("1990-08-03")),
        ]);
        let found: Vec<usize> = index.overlapping(day("1986-06-01"), day("1986-06-02")).collect();
        assert_eq!(found, vec![0]);
        let found: Vec<usize> = index.overlapping(day("1984-12-01"), day("1990-12-31")).collect();
        assert_eq!(found, vec![0, 1, 2]);
        assert_eq!(index.starts().len(), 3);
    }

    #[test]
    fn open_spans_run_to_today() {
        let span = Span { start: FuzzyDate::parse("1992-03").unwrap(), end: None };
        let (s, e) = span_days(span, day("2026-11-21"));
        assert_eq!(s, day("1992-03-01"));
        assert_eq!(e, day("2026-11-22"));
    }

    #[test]
    fn axis_marks_follow_the_calendar_and_the_zoom() {
        let years = axis_marks(day("1953-01-01"), day("2026-11-21"), 12);
        assert!(years.iter().all(|m| date_from_day(m.day).month() == 1 && date_from_day(m.day).day() == 1));
        assert!(years.len() <= 12 && years.len() >= 5, "{}", years.len());
        assert_eq!(axis_label(years[0]), format!("{}", date_from_day(years[0].day).year()));

        let months = axis_marks(day("2019-11-01"), day("2020-06-01"), 10);
        assert!(months.iter().all(|m| date_from_day(m.day).day() == 1));
        assert!(
            months.iter().any(|m| axis_label(*m) == "Feb 2020"),
            "{:?}",
            months.iter().map(|m| axis_label(*m)).collect::<Vec<_>>()
        );

        let days = axis_marks(day("2019-12-27"), day("2020-01-08"), 14);
        assert!(days.iter().any(|m| axis_label(*m) == "3 Jan"));
    }

    #[test]
    fn current_date_precision_follows_zoom() {
        assert_eq!(format_current(day("2020-01-03"), 30.0), "3 January 2020");
        assert_eq!(format_current(day("2020-01-03"), 20_000.0), "January 2020");
    }
}
