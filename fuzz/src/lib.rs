//! Checks the import fuzz targets share: what a loader accepts must be consistent, not only panic-free.

use timeatlas::import::Imported;
use timeatlas::lesson::Lesson;

/// Every column of an imported file has one entry a record, days run forward, places are on the globe,
/// and categories name known entries.
pub fn check_records(imported: &Imported) {
    let r = &imported.records;
    let n = r.len();
    assert!(n > 0, "an import with no records is an error");
    assert_eq!(r.start_day.len(), n);
    assert_eq!(r.end_day.len(), n);
    assert_eq!(r.lon.len(), n);
    assert_eq!(r.lat.len(), n);
    assert_eq!(r.category.len(), n);
    assert_eq!(r.title.len(), n);
    for i in 0..n {
        assert!(r.start_day[i] <= r.end_day[i], "record {i} ends before it starts");
        let (lon, lat) = (r.lon[i], r.lat[i]);
        if !lon.is_nan() {
            assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat), "record {i} at {lon},{lat}");
        }
        assert!((usize::from(r.category[i])) < r.categories.names().len().max(1), "record {i}'s category");
    }
    for (name, column) in &r.fields {
        assert_eq!(column.len(), n, "field {name}");
    }
}

/// A lesson that came out of an import saves and loads back equal (as a teacher's file would).
pub fn check_lesson_round_trip(lesson: &Lesson) {
    let text = match timeatlas::lesson::to_json(lesson) {
        Ok(t) => t,
        Err(e) => panic!("a StoryMap lesson cannot be saved: {e}"),
    };
    match timeatlas::lesson::from_json("fuzz.json", &text) {
        Ok(back) => assert_eq!(&back, lesson, "a saved StoryMap lesson loads back different"),
        Err(e) => panic!("a StoryMap lesson saves to a file that does not load: {e}\n{text}"),
    }
}
