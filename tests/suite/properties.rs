//! Property tests (proptest) where fuzzing is the wrong tool: random valid inputs whose result is known.
//! Dates print as they parse and agree with the calendar; annotation files and lessons save and load
//! back equal; a CSV of random records imports to exactly those records; undo then redo of any edit
//! sequence returns the same list.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use timeatlas::annotate::{Annotation, AnnotationColor, Edit, History, Shape, Style};
use timeatlas::import::{ImportOptions, Progress};
use timeatlas::lesson::{Lesson, Slide, Source};
use timeatlas::model::GeoPoint;
use timeatlas::model::date::FuzzyDate;

fn calendar_day() -> impl Strategy<Value = NaiveDate> {
    // 1800-01-01 to 2100-12-31, every day reachable.
    (0i64..109_938).prop_map(|n| NaiveDate::from_ymd_opt(1800, 1, 1).unwrap() + chrono::Days::new(n as u64))
}

fn geo_point() -> impl Strategy<Value = GeoPoint> {
    (-180.0f64..=180.0, -90.0f64..=90.0).prop_map(|(lon, lat)| GeoPoint::lon_lat(lon, lat))
}

fn style() -> impl Strategy<Value = Style> {
    (0..AnnotationColor::ALL.len(), 0.5f32..=32.0, 6.0f32..=144.0).prop_map(|(c, stroke_width, font_size)| Style {
        color: AnnotationColor::ALL[c],
        stroke_width,
        font_size,
    })
}

/// Words of any script, never blank.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,.'\"\\\\/\u{0600}-\u{06FF}\u{05D0}-\u{05EA}é€😀]{0,40}[a-zA-Z\u{0627}]"
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (geo_point(), text()).prop_map(|(at, text)| Shape::Text { at, text }),
        (geo_point(), geo_point()).prop_map(|(from, to)| Shape::Arrow { from, to }),
        (geo_point(), geo_point()).prop_map(|(a, b)| Shape::Ellipse { a, b }),
        (geo_point(), geo_point()).prop_map(|(a, b)| Shape::Rect { a, b }),
        prop::collection::vec(geo_point(), 2..40).prop_map(|points| Shape::Pen { points }),
        (geo_point(), 1u32..=9999).prop_map(|(at, number)| Shape::Marker { at, number }),
        prop::sample::select(vec!["IRN", "IRQ", "SYR", "YEM", "USA"])
            .prop_map(|c| Shape::Country { iso_a3: c.to_owned() }),
    ]
}

fn annotations() -> impl Strategy<Value = Vec<Annotation>> {
    prop::collection::vec((shape(), style()), 0..12).prop_map(|items| {
        items.into_iter().enumerate().map(|(i, (shape, style))| Annotation { id: i as u64 + 1, shape, style }).collect()
    })
}

fn slide() -> impl Strategy<Value = Slide> {
    (text(), text(), calendar_day(), annotations(), 1.0f32..600.0, prop::collection::vec(text(), 0..3)).prop_map(
        |(title, caption, day, annotations, duration_s, sources)| {
            let mut s = Slide::new(title, day.format("%Y-%m-%d").to_string());
            s.caption = caption;
            s.annotations = annotations;
            s.duration_s = duration_s;
            s.sources = sources
                .into_iter()
                .map(|t| Source { url: format!("https://example.org/{}", t.len()), title: t })
                .collect();
            s
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_date_prints_as_it_parses_and_covers_the_calendar_days_it_names(day in calendar_day(), cut in 0usize..3) {
        let text = match cut {
            0 => format!("{:04}", day.year()),
            1 => format!("{:04}-{:02}", day.year(), day.month()),
            _ => day.format("%Y-%m-%d").to_string(),
        };
        let d = FuzzyDate::parse(&text).unwrap();
        prop_assert_eq!(d.to_string(), text.clone());
        prop_assert!(d.covers(day), "{} does not cover {}", text, day);
        prop_assert!(d.first_day() <= day && day <= d.last_day());
        // The import reader agrees with the content reader on every ISO date.
        let imported = timeatlas::import::dates::parse_text(&text).unwrap();
        prop_assert_eq!(timeatlas::import::dates::date_of_day(imported.day), d.first_day());
        // The app's day numbers round-trip.
        let n = timeatlas::time::day_from_date(day);
        prop_assert_eq!(timeatlas::time::date_from_day(n), day);
    }

    #[test]
    fn an_impossible_day_is_refused(year in 1800i32..=2100, month in 1u32..=12, day in 29u32..=40) {
        let text = format!("{year:04}-{month:02}-{day:02}");
        let real = NaiveDate::from_ymd_opt(year, month, day).is_some();
        prop_assert_eq!(FuzzyDate::parse(&text).is_ok(), real, "{}", text);
    }

    #[test]
    fn an_annotation_file_saves_and_loads_back_equal(items in annotations()) {
        let json = timeatlas::annotate::file::to_json(&items);
        let back = timeatlas::annotate::file::from_json("random.json", &json);
        prop_assert_eq!(back.as_ref(), Ok(&items), "{}", json);
    }

    #[test]
    fn a_lesson_saves_and_loads_back_equal(title in text(), description in text(), slides in prop::collection::vec(slide(), 1..6)) {
        let lesson = Lesson { title, description, slides, data: Vec::new() };
        let json = timeatlas::lesson::to_json(&lesson).unwrap();
        let back = timeatlas::lesson::from_json("random.json", &json);
        prop_assert_eq!(back.as_ref(), Ok(&lesson), "{}", json);
    }

    #[test]
    fn undo_of_every_step_then_redo_of_every_step_gives_the_same_lists(
        edits in prop::collection::vec((0u8..4, shape(), style(), 0usize..8), 1..30)
    ) {
        let mut h = History::new();
        let mut lists = vec![h.items().to_vec()];
        for (kind, shape, style, pick) in edits {
            let ids: Vec<u64> = h.items().iter().map(|a| a.id).collect();
            let target = ids.get(pick % ids.len().max(1)).copied();
            let edit = match (kind, target) {
                (1, Some(id)) => Edit::Update { id, shape, style },
                (2, Some(id)) => Edit::Delete(id),
                (3, _) if pick == 0 => Edit::Clear,
                _ => Edit::Add(shape, style),
            };
            let before = h.undo_len();
            h.apply(edit, false);
            if h.undo_len() != before || h.items() != lists.last().unwrap().as_slice() {
                lists.push(h.items().to_vec());
            }
        }
        let steps = lists.len() - 1;
        for back in (0..steps).rev() {
            prop_assert!(h.undo());
            prop_assert_eq!(h.items(), lists[back].as_slice());
        }
        prop_assert!(!h.can_undo());
        for list in &lists[1..] {
            prop_assert!(h.redo());
            prop_assert_eq!(h.items(), list.as_slice());
        }
    }
}

/// One row of a generated CSV.
#[derive(Clone, Debug)]
struct Row {
    title: String,
    day: NaiveDate,
    lon: f32,
    lat: f32,
}

fn csv_cell(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_csv_of_random_records_imports_to_exactly_those_records(
        rows in prop::collection::vec(
            (text(), calendar_day(), -179.0f32..179.0, -89.0f32..89.0)
                .prop_map(|(title, day, lon, lat)| Row { title: title.trim().to_owned(), day, lon, lat }),
            1..40,
        ),
        crlf in any::<bool>(),
    ) {
        let newline = if crlf { "\r\n" } else { "\n" };
        let mut csv = format!("title,date,latitude,longitude{newline}");
        for r in &rows {
            csv.push_str(&format!("{},{},{},{}{newline}", csv_cell(&r.title), r.day.format("%Y-%m-%d"), r.lat, r.lon));
        }
        let options = ImportOptions { default_date: "2000-01-01".into(), ..ImportOptions::default() };
        let imported = timeatlas::import::import_csv(
            std::path::Path::new("random.csv"), csv.as_bytes(), &options, &Progress::default(),
        ).unwrap();
        let rec = &imported.records;
        prop_assert_eq!(rec.len(), rows.len(), "{}", csv);
        prop_assert_eq!(imported.skipped.count, 0);
        // Records are sorted by day; compare as sorted multisets of (day, title, place).
        let key = |day: i32, title: &str, lon: f32, lat: f32| (day, title.to_owned(), lon.to_bits(), lat.to_bits());
        let mut want: Vec<_> = rows
            .iter()
            .map(|r| key(timeatlas::import::dates::day_number(r.day), &r.title, r.lon, r.lat))
            .collect();
        let mut got: Vec<_> = (0..rec.len()).map(|i| key(rec.start_day[i], rec.title.get(i), rec.lon[i], rec.lat[i])).collect();
        want.sort();
        got.sort();
        prop_assert_eq!(got, want);
    }
}
