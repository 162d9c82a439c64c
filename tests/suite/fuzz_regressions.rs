//! Inputs the fuzz targets (`fuzz/`) found, fed through the public loaders: each must give an error or a
//! result that holds, never a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use timeatlas::import::ImportOptions;

/// A StoryMap lesson, saved and loaded again, is the same lesson.
fn round_trips(lesson: &timeatlas::lesson::Lesson) {
    let saved = timeatlas::lesson::to_json(lesson).expect("the lesson saves");
    let back = timeatlas::lesson::from_json("again.json", &saved).expect("the saved lesson loads");
    assert_eq!(&back, lesson);
}

fn import_storymap(bytes: &[u8]) -> Result<timeatlas::import::Imported, timeatlas::import::ImportError> {
    let options = ImportOptions { default_date: "2000-01-01".into(), ..ImportOptions::default() };
    timeatlas::import::import_document(Path::new("fuzz.json"), bytes, true, &options)
}

/// `import_json`, 1 December 2026: a StoryMap headline longer than a lesson's title limit (300 characters)
/// imported as a lesson that saved to a file that no longer loaded. Now the headline is cut to the limit,
/// with a note, and the lesson saves and loads back.
#[test]
fn a_storymap_headline_longer_than_a_lesson_title_is_cut_and_the_lesson_round_trips() {
    let found = include_bytes!("../fixtures/fuzz/import_json-storymap-long-headline.json");
    let long = format!(
        r#"{{"storymap": {{"slides": [{{"type": "overview", "text": {{"headline": "{0}", "text": "{1}"}}}},
            {{"date": "1988", "text": {{"headline": "{0}", "text": "{1}"}}, "media": {{"url": "https://example.org/", "credit": "{0}"}}}}]}}}}"#,
        "é".repeat(400),
        "x".repeat(6000),
    );
    for bytes in [found.as_slice(), long.as_bytes()] {
        match import_storymap(bytes) {
            Ok(imported) => {
                let lesson = imported.lesson.as_ref().expect("a StoryMap imports as a lesson");
                assert!(lesson.slides.iter().all(|s| s.title.chars().count() <= 300));
                round_trips(lesson);
            }
            Err(e) => assert!(!e.message.is_empty()),
        }
    }
    let imported = import_storymap(long.as_bytes()).expect("a long headline is cut, not refused");
    assert!(!imported.skipped.is_empty(), "the cut is reported");
}

/// A StoryMap whose lesson would still not load back (here: an address longer than a lesson holds) is
/// refused with an error rather than imported.
#[test]
fn a_storymap_whose_lesson_cannot_be_saved_is_refused() {
    let doc = format!(
        r#"{{"storymap": {{"slides": [{{"date": "1988", "text": {{"headline": "A"}}, "media": {{"url": "https://example.org/{}"}}}}]}}}}"#,
        "a".repeat(3000)
    );
    let e = import_storymap(doc.as_bytes()).expect_err("refused");
    assert!(e.message.contains("cannot be held as a lesson"), "{}", e.message);
}
