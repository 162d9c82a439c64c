//! The import formats over fixture files written for them (tests/fixtures/import/), with golden counts,
//! their quirks and their bad rows; the app with an imported file (kittest); a lesson that references a
//! data file, saved and reopened.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use timeatlas::import::dates::date_of_day;
use timeatlas::import::{ColumnChoice, Format, ImportOptions, Imported, Progress, import_file};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn import(name: &str) -> Imported {
    import_file(&fixture(name), &ImportOptions::default(), &Progress::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn import_err(name: &str, options: &ImportOptions) -> String {
    import_file(&fixture(name), options, &Progress::default()).map(|_| ()).unwrap_err().to_string()
}

fn ymd(day: i32) -> String {
    date_of_day(day).format("%Y-%m-%d").to_string()
}

#[test]
fn timelinejs_json_events_eras_and_clean_text() {
    let t = import("timeline-us-iran.json");
    assert_eq!(t.format, Format::TimelineJson);
    assert_eq!(t.name, "US & Iran: a teacher's timeline");
    assert_eq!(t.stats_line(), "4 events (0 with a place), 2 eras, from 1953-08-19 to 2020-01-03, 2 rows skipped");
    let r = &t.records;
    assert_eq!(r.title.get(0), "Coup against Mosaddegh");
    let text = &r.fields.iter().find(|(n, _)| n == "text").unwrap().1;
    assert_eq!(text.get(0), "The coup removed the prime minister.", "HTML shown as text, scripts dropped");
    assert_eq!(r.link.get(0), "https://en.wikipedia.org/wiki/1953_Iranian_coup_d%27%C3%A9tat");
    // Strings as numbers; the end date; the display date the author wrote.
    assert_eq!((ymd(r.start_day[1]), ymd(r.end_day[1])), ("1979-11-04".into(), "1981-01-20".into()));
    assert_eq!(r.display_date.get(1), "4 November 1979 – 20 January 1981");
    // Groups become categories (timeline lanes).
    assert_eq!(r.categories.names(), ["Iran", "United States"]);
    let skipped: Vec<String> = t.skipped.first.iter().map(ToString::to_string).collect();
    assert!(skipped[0].contains("event 4: start_date.year: expected a year"), "{skipped:?}");
    assert!(skipped[1].contains("event 5") && skipped[1].contains("month from 1 to 12, found 14"), "{skipped:?}");
    assert_eq!(t.eras[0].title, "The Shah");
}

#[test]
fn timelines_before_1953_and_bce_load_cosmic_ones_are_refused() {
    let t = import("timeline-conquest-of-persia.json");
    assert_eq!(t.records.len(), 5);
    let first = date_of_day(t.records.start_day[0]);
    assert_eq!(chrono::Datelike::year(&first), -550, "550 BCE sorts first");
    assert_eq!(chrono::Datelike::year(&date_of_day(t.records.start_day[2])), 636);
    let e = import_err("timeline-cosmic.json", &ImportOptions::default());
    assert!(e.contains("cosmological"), "{e}");
}

#[test]
fn timelinejs_sheet_with_bom_crlf_multiline_cells_and_empty_rows() {
    let t = import("timeline-sheet.csv");
    assert_eq!(t.format, Format::TimelineSheet);
    assert_eq!(t.name, "Protecting powers, a class timeline", "the title row names the source");
    assert_eq!(t.stats_line(), "4 events (0 with a place), 1 eras, from 1980-04-07 to 2016-01-16, 1 row skipped");
    let r = &t.records;
    let text = &r.fields.iter().find(|(n, _)| n == "text").unwrap().1;
    assert_eq!(text.get(0), "Washington broke relations;\nSwitzerland became the protecting power.");
    assert_eq!(r.title.get(1), "Operation Eagle Claw");
    assert_eq!(r.categories.names(), ["Diplomacy", "Military"]);
    // Line 10 of the file (CRLF line ends and a cell with a line break before it), as an editor shows it.
    let bad = t.skipped.first[0].to_string();
    assert!(
        bad.contains("timeline-sheet.csv:10:1: row 8, column \"year\": expected a whole number, found \"19x5\""),
        "{bad}"
    );
}

#[test]
fn storymap_becomes_a_lesson_and_image_storymaps_are_refused() {
    let s = import("storymap-hormuz.json");
    assert_eq!(s.format, Format::StoryMap);
    let lesson = s.lesson.as_ref().unwrap();
    assert_eq!(lesson.title, "The Strait of Hormuz");
    assert_eq!(lesson.slides.len(), 5);
    let mantis = &lesson.slides[1];
    assert_eq!(mantis.date, "1988-04-18");
    let view = mantis.view.unwrap();
    assert!(view.min.lon < 56.3 && 56.3 < view.max.lon && view.min.lat < 26.6 && 26.6 < view.max.lat);
    assert!(mantis.caption.contains("US ships struck Iranian platforms.") && mantis.caption.contains("Gulf, 1988"));
    assert_eq!(mantis.sources[0].url, "https://en.wikipedia.org/wiki/Operation_Praying_Mantis");
    assert_eq!(lesson.slides[3].date, "1988-07-03", "an undated slide keeps the date before it");
    assert!(lesson.slides[0].view.is_none(), "the overview shows the whole map");
    assert!(s.skipped.first[0].to_string().contains("slide 4: date"));
    let e = import_err("storymap-gigapixel.json", &ImportOptions::default());
    assert!(e.contains("image StoryMap"), "{e}");
}

#[test]
fn acled_columns_quirky_dates_and_numbers() {
    let a = import("acled-yemen-syria.csv");
    assert_eq!(a.format, Format::Acled);
    assert_eq!(a.records.len(), 30);
    assert_eq!(a.records.with_place(), 30);
    assert_eq!(a.skipped.count, 2, "the bad latitude and the bad date; the blank row is not counted");
    let msgs: Vec<String> = a.skipped.first.iter().map(ToString::to_string).collect();
    // Row 31 is on line 32, after the header (the file has CRLF line ends), as an editor shows it.
    assert!(
        msgs[0].contains(
            "acled-yemen-syria.csv:32:1: row 31, column \"latitude\": expected a latitude from -90 to 90, found 95"
        ),
        "{msgs:?}"
    );
    assert!(msgs[1].contains("column \"event_date\"") && msgs[1].contains("\"soon\""), "{msgs:?}");
    let r = &a.records;
    // Event types are the categories; actors are interned; notes are kept for the card.
    for c in r.categories.names() {
        assert!(
            [
                "Battles",
                "Explosions/Remote violence",
                "Violence against civilians",
                "Protests",
                "Riots",
                "Strategic developments"
            ]
            .contains(&c.as_str()),
            "{c}"
        );
    }
    assert!(r.actors.names().iter().any(|a| a == "Houthi Movement" || a.starts_with("Military Forces")));
    let notes = &r.fields.iter().find(|(n, _)| n == "notes").unwrap().1;
    assert!((0..r.len()).all(|i| notes.get(i).starts_with("On ")));
    // Sorted by date whatever the order in the file.
    assert!(r.start_day.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn ucdp_ged_by_header_name() {
    let u = import("ucdp-ged.csv");
    assert_eq!(u.format, Format::Ucdp);
    assert_eq!(u.stats_line(), "4 events (4 with a place), 0 eras, from 2014-06-10 to 2016-10-31, 1 row skipped");
    let r = &u.records;
    assert_eq!(r.title.get(0), "Government of Syria - IS");
    assert_eq!(r.fatalities[0], 8);
    let one_sided = (0..r.len()).find(|&i| r.title.get(i) == "IS - civilians").unwrap();
    assert_eq!(r.categories.name(u32::from(r.category[one_sided])), "One-sided violence");
    assert_eq!(format!("{:?}", r.precision[one_sided]), "Month", "date_prec 4");
}

#[test]
fn geojson_with_time_conventions_and_areas() {
    let g = import("timed-features.geojson");
    assert_eq!(g.format, Format::GeoJson);
    assert_eq!(g.records.len(), 6);
    assert_eq!(g.records.with_place(), 5);
    assert_eq!(g.skipped.count, 2, "no date; off the earth");
    assert!(g.notes[0].contains("\"timestamp\"") && g.notes[0].contains("Unix milliseconds"), "{:?}", g.notes);
    let r = &g.records;
    let i = (0..r.len()).find(|&i| r.title.get(i).starts_with("An area")).unwrap();
    assert_eq!((ymd(r.start_day[i]), ymd(r.end_day[i])), ("2014-06-01".into(), "2017-10-31".into()));
    assert!(r.shapes.iter().any(|(k, s)| *k as usize == i && matches!(s, timeatlas::import::records::Shape::Area(_))));
    let route = (0..r.len()).find(|&i| r.title.get(i).starts_with("A route")).unwrap();
    assert_eq!(ymd(r.start_day[route]), "2016-10-01", "Linked Places timespans");
    let ms = (0..r.len()).find(|&i| r.title.get(i).starts_with("No place")).unwrap();
    assert_eq!(ymd(r.start_day[ms]), "2020-01-03");
}

#[test]
fn kml_placemarks_with_timestamps_and_spans() {
    let k = import("places.kml");
    assert_eq!(k.format, Format::Kml);
    assert_eq!(k.stats_line(), "3 events (3 with a place), 0 eras, from 1979-11-04 to 2017-10-31, 2 rows skipped");
    let r = &k.records;
    assert_eq!(r.title.get(0), "US Embassy, Tehran");
    assert_eq!(r.fields[0].1.get(0), "Seized on 4 November 1979.");
    assert_eq!(r.categories.names(), ["Embassies", "Areas & routes"]);
    let msgs: Vec<String> = k.skipped.first.iter().map(ToString::to_string).collect();
    assert!(msgs[0].contains("places.kml:13:1: Placemark 1: coordinates"), "{msgs:?}");
}

#[test]
fn generic_csv_finds_prefixed_columns_or_takes_them_from_the_user() {
    let g = import("generic-prefixed.csv");
    assert_eq!(g.format, Format::Csv);
    assert_eq!(g.records.len(), 4);
    assert_eq!(g.records.with_place(), 3, "an event without a place goes on the timeline only");
    assert!(g.skipped.first[0].to_string().contains("could be day/month or month/day"));
    let e = import_err("generic-own-columns.csv", &ImportOptions::default());
    assert!(e.contains("--columns date="), "{e}");
    let columns = ColumnChoice::parse("lat=breite,lon=laenge,date=wann,title=was").unwrap();
    let own = import_file(
        &fixture("generic-own-columns.csv"),
        &ImportOptions { columns, ..Default::default() },
        &Progress::default(),
    )
    .unwrap();
    assert_eq!(own.records.len(), 2);
    assert!(own.notes[0].contains("Unix seconds"), "{:?}", own.notes);
    assert_eq!(ymd(own.records.start_day[0]), "2020-01-01");
}

#[test]
fn bad_files_are_refused_with_the_file_and_place_named() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let opts = ImportOptions::default();
    let err = |p: &Path| import_file(p, &opts, &Progress::default()).map(|_| ()).unwrap_err().to_string();
    let broken = write("broken.json", b"{\n  \"events\": [\n    {\"start_date\": }\n  ]\n}");
    assert!(err(&broken).starts_with(&format!("{}:3:", broken.display())), "{}", err(&broken));
    let utf16 = write("sheet.csv", &[0xFF, 0xFE, b'Y', 0, b'e', 0]);
    assert!(err(&utf16).contains("UTF-16"));
    let empty = write("empty.csv", b"");
    assert!(err(&empty).contains("header"), "{}", err(&empty));
    assert!(err(dir.path()).contains("folder"));
    let xml = write("other.xml", b"<?xml version=\"1.0\"?><svg></svg>");
    assert!(err(&xml).contains("KML"));
    let no_rows = write("acled.csv", b"event_id_cnty,event_date,event_type,actor1,latitude,longitude\n");
    assert!(err(&no_rows).contains("no usable ACLED records"), "{}", err(&no_rows));
}

#[test]
fn check_stats_prints_one_line_per_file() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_timeatlas"))
        .args(["check", "--stats"])
        .arg(fixture("acled-yemen-syria.csv"))
        .arg(fixture("storymap-hormuz.json"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("acled-yemen-syria.csv: 30 events (30 with a place), 0 eras, from "), "{stdout}");
    assert!(stdout.contains("storymap-hormuz.json: 5 slides"), "{stdout}");
    assert!(stdout.contains("acled-yemen-syria.csv:32:1: warning: row 31, column \"latitude\""), "{stdout}");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_timeatlas"))
        .args(["check"])
        .arg(fixture("storymap-gigapixel.json"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("error: storymap.map_as_image: this is an image StoryMap"));
}

/// The browser's way in (files as bytes, no path on disk) reads every format as the file reader does.
#[test]
fn bytes_from_a_browser_read_as_the_file_does() {
    for name in ["acled-yemen-syria.csv", "timeline-us-iran.json", "timeline-sheet.csv", "places.kml", "ucdp-ged.csv"] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let from_bytes = timeatlas::import::import_bytes(Path::new(name), &bytes, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let from_file = import(name);
        assert_eq!(from_bytes.format, from_file.format, "{name}");
        assert_eq!(from_bytes.stats_line(), from_file.stats_line(), "{name}");
    }
    let storymap = std::fs::read(fixture("storymap-hormuz.json")).unwrap();
    let imported = timeatlas::import::import_bytes(Path::new("s.json"), &storymap, &ImportOptions::default()).unwrap();
    assert!(imported.lesson.is_some_and(|l| !l.slides.is_empty()));
    let utf16 = timeatlas::import::import_bytes(Path::new("u.csv"), &[0xFF, 0xFE, b'a', 0], &ImportOptions::default());
    assert!(utf16.unwrap_err().to_string().contains("UTF-16"));
}
