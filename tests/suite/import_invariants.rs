//! The checks the import fuzz targets make (`fuzz/src/lib.rs`, compiled here too) hold for every import
//! fixture, read as the fuzz targets read them (`import_csv`, `import_document`) and as a user's file is.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::fuzz_checks;

use std::path::Path;

use timeatlas::import::{ImportOptions, Progress};

#[test]
fn every_import_fixture_passes_the_fuzz_targets_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let options = ImportOptions { default_date: "2000-01-01".into(), ..ImportOptions::default() };
    let mut read = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.display().to_string();
        let imported = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => timeatlas::import::import_csv(&path, bytes.as_slice(), &options, &Progress::default()),
            Some("kml") => timeatlas::import::import_document(&path, &bytes, false, &options),
            _ => timeatlas::import::import_document(&path, &bytes, true, &options),
        };
        // generic-own-columns.csv needs --columns; a gigapixel StoryMap and a cosmic timeline are refused.
        let Ok(imported) = imported else {
            let refused = ["generic-own-columns.csv", "storymap-gigapixel.json", "timeline-cosmic.json"];
            assert!(refused.iter().any(|r| name.ends_with(r)), "{name}: {}", imported.err().unwrap());
            continue;
        };
        match &imported.lesson {
            Some(lesson) => fuzz_checks::check_lesson_round_trip(lesson),
            None => fuzz_checks::check_records(&imported),
        }
        let whole = timeatlas::import::import_file(&path, &options, &Progress::default()).unwrap();
        // (Records hold NaN for "no place", so compare the columns that have none.)
        assert_eq!(whole.records.start_day, imported.records.start_day, "{name}");
        assert_eq!(whole.records.title, imported.records.title, "{name}");
        read += 1;
    }
    assert!(read >= 9, "{read} fixtures read");
}
