//! JSON imports: TimelineJS, StoryMapJS (a lesson) and GeoJSON with time, recognised by their keys. A file
//! that imports must hold consistent columns; a StoryMap's lesson must save and load back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timeatlas::import::ImportOptions;

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions { default_date: "2000-01-01".into(), ..ImportOptions::default() };
    let path = std::path::Path::new("fuzz.json");
    if let Ok(imported) = timeatlas::import::import_document(path, data, true, &options) {
        // A StoryMap imports as a lesson and no records (as tests/suite/import_invariants.rs checks it).
        match &imported.lesson {
            Some(lesson) => timeatlas_fuzz::check_lesson_round_trip(lesson),
            None => timeatlas_fuzz::check_records(&imported),
        }
    }
});
