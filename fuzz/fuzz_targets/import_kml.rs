//! KML imports (Google Earth placemarks with time spans or stamps). A file that imports must hold
//! consistent columns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timeatlas::import::ImportOptions;

fuzz_target!(|data: &[u8]| {
    let options = ImportOptions::default();
    let path = std::path::Path::new("fuzz.kml");
    if let Ok(imported) = timeatlas::import::import_document(path, data, false, &options) {
        timeatlas_fuzz::check_records(&imported);
    }
});
