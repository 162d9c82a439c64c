//! CSV imports: ACLED, UCDP GED, the TimelineJS sheet and any CSV with dates, recognised by their headers
//! as a user's file is. The first byte picks the `--columns` choice (none, or one of a few), the rest is
//! the file. A file that imports must hold consistent columns.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timeatlas::import::{ColumnChoice, ImportOptions, Progress};

const COLUMNS: [&str; 4] = ["", "lat=y,lon=x,date=when", "date=day,title=what", "lat=lat,lon=lon,date=date,end=end"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let text = COLUMNS[usize::from(pick) % COLUMNS.len()];
    let Ok(columns) = ColumnChoice::parse(text) else { return };
    let options = ImportOptions { columns, default_date: "2000-01-01".into(), ..ImportOptions::default() };
    let path = std::path::Path::new("fuzz.csv");
    if let Ok(imported) = timeatlas::import::import_csv(path, rest, &options, &Progress::default()) {
        timeatlas_fuzz::check_records(&imported);
    }
});
