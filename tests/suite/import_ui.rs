//! The real app with imported files (kittest): the layer on the map, its timeline lane, its legend and
//! Data sources entry, a card opened by clicking a marker, a failed import that keeps the drawings, and a
//! lesson that references its data file, saved and reopened.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use timeatlas::command::DataCommand;
use timeatlas::command::{Command, FileCommand, LessonCommand};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

#[test]
fn an_acled_file_is_a_layer_a_lane_a_legend_entry_and_cards() {
    let mut h = common::harness_at("2019-06-01", 1600.0, 1000.0);
    h.run();
    let errors = h.state_mut().import_now(&[fixture("acled-yemen-syria.csv")]);
    assert!(errors.is_empty(), "{errors:?}");
    // Go to the day of one record with a place, so it is drawn at full strength.
    let (id, day, lon, lat) = {
        let s = &h.state().doc.sources.sources[0];
        let r = &s.imported.records;
        let i = r.len() / 2;
        (s.id, f64::from(r.start_day[i]), r.lon[i], r.lat[i])
    };
    h.state_mut().settings.time.set_day(day);
    h.run();
    assert!(!h.state().drawn.imported_markers.is_empty(), "markers of the imported layer are drawn");
    // Its lane on the timeline and its entry in the Data sources window.
    let lanes = timeatlas::panels::timeline_data::lanes(&h.state().doc.sources);
    // The fixture's five event types fit: a lane each (more would share one lane for the file).
    assert_eq!(lanes.len(), 5, "{lanes:?}");
    assert!(lanes.iter().all(|l| l.source == id) && lanes.iter().any(|l| l.label == "Battles"), "{lanes:?}");
    h.state_mut().apply(&egui::Context::default(), Command::Data(DataCommand::ShowPanel(true)));
    h.run();
    h.get_by_label("acled-yemen-syria.csv");
    h.get_by_label("2 rows skipped: show why");
    // A click on a marker opens the record's card, marked as the user's data.
    let at =
        h.state().map_projector().screen_from_geo(timeatlas::model::GeoPoint::lon_lat(f64::from(lon), f64::from(lat)));
    common::click_at(&mut h, at);
    let (source, _) = h.state().imports.card.expect("a record's card is open");
    assert_eq!(source, id);
    h.get_by_label("Your data, not checked by the atlas");
    h.get_by_label_contains("Fatalities:");
    // Hiding the source takes it off the map.
    h.state_mut().apply(&egui::Context::default(), Command::Data(DataCommand::SetVisible(id, false)));
    h.run();
    assert!(h.state().drawn.imported_markers.is_empty());
}

#[test]
fn a_failed_import_keeps_the_drawings_and_what_was_loaded() {
    use timeatlas::annotate::{Edit, Shape, Style};
    let mut h = common::harness_at("2019-06-01", 1280.0, 800.0);
    h.run();
    h.state_mut().import_now(&[fixture("ucdp-ged.csv")]);
    let at = timeatlas::model::GeoPoint::lat_lon(33.0, 44.0);
    h.state_mut().draw.history.apply(Edit::Add(Shape::Text { at, text: "mine".into() }, Style::default()), false);
    let before = h.state().draw.history.items().to_vec();
    let errors = h.state_mut().import_now(&[fixture("storymap-gigapixel.json"), fixture("generic-own-columns.csv")]);
    assert_eq!(errors.len(), 2);
    assert_eq!(h.state().draw.history.items(), &before[..]);
    assert_eq!(h.state().doc.sources.sources.len(), 1, "the UCDP file is still loaded");
    assert!(h.state().messages.iter().any(|m| m.contains("storymap-gigapixel.json") && m.contains("image StoryMap")));
}

#[test]
fn a_background_import_shows_when_it_is_done() {
    let mut h = common::harness_at("2019-06-01", 1280.0, 800.0);
    h.run();
    h.state_mut()
        .apply(&egui::Context::default(), Command::File(FileCommand::LoadData(vec![fixture("timeline-sheet.csv")])));
    for _ in 0..200 {
        h.run_steps(1);
        if !h.state().imports.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run();
    let s = &h.state().doc.sources.sources;
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].imported.name, "Protecting powers, a class timeline");
    // Two TimelineJS groups, two lanes.
    let lanes = timeatlas::panels::timeline_data::lanes(&h.state().doc.sources);
    assert_eq!(lanes.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(), ["Diplomacy", "Military"]);
}

#[test]
fn a_storymap_opens_as_a_lesson() {
    let mut h = common::harness_at("2019-06-01", 1280.0, 800.0);
    h.run();
    h.state_mut().import_now(&[fixture("storymap-hormuz.json")]);
    h.run();
    let lesson = h.state().lesson.lesson.as_ref().expect("the StoryMap is open as a lesson");
    assert_eq!(lesson.slides.len(), 5);
    assert_eq!(lesson.title, "The Strait of Hormuz");
}

#[test]
fn a_lesson_with_a_data_file_reopens_whole_and_a_missing_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(fixture("acled-yemen-syria.csv"), data.join("yemen.csv")).unwrap();
    let lesson_path = dir.path().join("lessons").join("war.json");
    std::fs::create_dir_all(lesson_path.parent().unwrap()).unwrap();

    let mut h = common::harness_at("2019-06-01", 1280.0, 800.0);
    h.run();
    h.state_mut().import_now(&[data.join("yemen.csv")]);
    let ctx = egui::Context::default();
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::NewLesson));
    h.state_mut().apply(
        &ctx,
        Command::File(FileCommand::FileChosen(timeatlas::command::FileAction::SaveLesson, lesson_path.clone())),
    );
    let saved = std::fs::read_to_string(&lesson_path).unwrap();
    assert!(saved.contains("\"../data/yemen.csv\""), "{saved}");

    // Reopened in a fresh app: the data comes back.
    let mut h2 = common::harness_at("2019-06-01", 1280.0, 800.0);
    h2.run();
    h2.state_mut().apply(&ctx, Command::Lesson(LessonCommand::LoadLesson(lesson_path.clone())));
    for _ in 0..200 {
        h2.run_steps(1);
        if !h2.state().imports.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h2.state().doc.sources.sources.len(), 1);
    assert_eq!(h2.state().doc.sources.sources[0].imported.records.len(), 30);

    // With the file gone, the lesson still opens and says what is missing.
    std::fs::remove_file(data.join("yemen.csv")).unwrap();
    let mut h3 = common::harness_at("2019-06-01", 1280.0, 800.0);
    h3.run();
    h3.state_mut().apply(&ctx, Command::Lesson(LessonCommand::LoadLesson(lesson_path)));
    h3.run();
    assert!(h3.state().lesson.lesson.is_some());
    assert!(
        h3.state().messages.iter().any(|m| m.contains("../data/yemen.csv is missing")),
        "{:?}",
        h3.state().messages
    );
}
