//! Annotation files: a file that loads must save and load back to the same list.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timeatlas::annotate::file;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = timeatlas::model::files::decode_text(data.to_vec()) else { return };
    if let Ok(items) = file::from_json("fuzz.json", &text) {
        let again = file::from_json("again.json", &file::to_json(&items));
        assert_eq!(again.as_ref(), Ok(&items), "a loaded list did not round-trip");
    }
});
