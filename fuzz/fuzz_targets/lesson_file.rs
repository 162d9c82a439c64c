//! Lesson files: a lesson that loads is validated against the bundled dataset and must round-trip.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use timeatlas::model::dataset::Dataset;

fn dataset() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| {
        let atlas = timeatlas::model::bundled::atlas().unwrap_or_default();
        timeatlas::model::bundled::dataset(&atlas).unwrap_or_default()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = timeatlas::model::files::decode_text(data.to_vec()) else { return };
    if let Ok(lesson) = timeatlas::lesson::from_json("fuzz.json", &text) {
        let _ = timeatlas::lesson::validate(&lesson, dataset(), "fuzz.json");
        if let Ok(out) = timeatlas::lesson::to_json(&lesson) {
            let again = timeatlas::lesson::from_json("again.json", &out);
            assert_eq!(again.as_ref(), Ok(&lesson), "a loaded lesson did not round-trip");
        }
    }
});
