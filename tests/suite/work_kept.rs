//! The user's work is never lost: opening, closing, starting or recovering a lesson puts the drawings and
//! lesson before it aside (Undo brings them back, Redo replaces them again); a failed load of a lesson,
//! annotations or data leaves everything as it was; a window closed with an unsaved lesson reaches its
//! autosave.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use timeatlas::TimeAtlasApp;
use timeatlas::annotate::{Annotation, Edit, Shape, Style};
use timeatlas::command::{Command, DrawCommand, LessonCommand, SlideEdit};
use timeatlas::model::GeoPoint;

fn label(text: &str, lon: f64) -> Command {
    Command::Draw(DrawCommand::EditAnnotations(
        Edit::Add(Shape::Text { at: GeoPoint::lon_lat(lon, 33.0), text: text.into() }, Style::default()),
        false,
    ))
}

fn apply(h: &mut egui_kittest::Harness<'static, TimeAtlasApp>, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, command);
    h.run_steps(3);
}

fn drawings(h: &egui_kittest::Harness<'static, TimeAtlasApp>) -> Vec<Annotation> {
    h.state().draw.history.items().to_vec()
}

fn texts(h: &egui_kittest::Harness<'static, TimeAtlasApp>) -> Vec<String> {
    drawings(h)
        .into_iter()
        .filter_map(|a| match a.shape {
            Shape::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}

fn lesson_title(h: &egui_kittest::Harness<'static, TimeAtlasApp>) -> Option<String> {
    h.state().lesson.lesson.as_ref().map(|l| l.title.clone())
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("timeatlas-work-kept-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn opening_the_sample_lesson_keeps_the_drawings_and_the_notice_brings_them_back() {
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    apply(&mut h, label("my own label", 45.0));
    apply(&mut h, label("second label", 50.0));
    let mine = drawings(&h);
    apply(&mut h, Command::Lesson(LessonCommand::OpenSampleLesson));
    assert!(lesson_title(&h).is_some());
    assert_ne!(drawings(&h), mine, "the lesson's first slide is shown");
    // The notice says what was kept and brings it back with one click.
    h.get_by_label_contains("were put aside");
    h.get_by_label("Bring them back").click();
    h.run_steps(3);
    assert_eq!(lesson_title(&h), None, "Undo closes the lesson it opened");
    assert_eq!(drawings(&h), mine, "the drawings come back as they were, ids included");
    assert!(h.query_by_label("Bring them back").is_none(), "nothing more was put aside");
    // Redo opens the lesson again; the drawings' own undo steps still work after it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(3);
    assert!(lesson_title(&h).is_some());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(texts(&h), ["my own label", "second label"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(texts(&h), ["my own label"], "the user's own undo history came back too");
}

#[test]
fn closing_a_lesson_gives_the_map_its_own_drawings_back_and_undo_reopens_it_at_the_same_slide() {
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    apply(&mut h, label("my own label", 50.0));
    let mine = drawings(&h);
    apply(&mut h, Command::Lesson(LessonCommand::OpenSampleLesson));
    apply(&mut h, Command::Lesson(LessonCommand::GoToSlide(2)));
    apply(&mut h, label("drawn on slide 3", 48.0));
    apply(&mut h, Command::Lesson(LessonCommand::CloseLesson));
    assert_eq!(lesson_title(&h), None);
    // As #19 asks: the slide's drawings leave with the lesson, the map's own come back.
    assert_eq!(drawings(&h), mine, "the map's own drawings are back");
    apply(&mut h, Command::Draw(DrawCommand::Undo));
    apply(&mut h, Command::Draw(DrawCommand::Undo));
    assert!(lesson_title(&h).is_some(), "Undo reopens the closed lesson");
    let state = &h.state().lesson;
    assert_eq!(state.current, 2);
    let slide = state.slide().unwrap();
    assert!(
        slide.annotations.iter().any(|a| matches!(&a.shape, Shape::Text { text, .. } if text == "drawn on slide 3"))
    );
}

#[test]
fn a_new_lesson_over_an_open_one_puts_the_open_one_aside() {
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    apply(&mut h, Command::Lesson(LessonCommand::OpenSampleLesson));
    let sample = lesson_title(&h).unwrap();
    apply(&mut h, Command::Lesson(LessonCommand::NewLesson));
    assert_eq!(lesson_title(&h).as_deref(), Some("New lesson"));
    apply(&mut h, Command::Draw(DrawCommand::Undo));
    assert_eq!(lesson_title(&h), Some(sample), "Undo brings the replaced lesson back");
}

#[test]
fn a_deleted_slide_comes_back_with_undo() {
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    apply(&mut h, Command::Lesson(LessonCommand::OpenSampleLesson));
    let whole = h.state().lesson.lesson.clone().unwrap();
    apply(&mut h, Command::Lesson(LessonCommand::Slide(SlideEdit::Delete(3))));
    assert_eq!(h.state().lesson.len(), whole.slides.len() - 1);
    apply(&mut h, Command::Draw(DrawCommand::Undo));
    assert_eq!(h.state().lesson.lesson.as_ref(), Some(&whole));
}

#[test]
fn recovering_the_autosave_puts_the_open_lesson_aside() {
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    let autosave = h.state().autosave_file().to_path_buf();
    let mut recovered = timeatlas::lesson::sample().unwrap();
    recovered.title = "Recovered from the last run".into();
    std::fs::create_dir_all(autosave.parent().unwrap()).unwrap();
    timeatlas::lesson::file::save(&timeatlas::app::presenting::recovery_path(&autosave), &recovered).unwrap();
    apply(&mut h, Command::Lesson(LessonCommand::NewLesson));
    apply(&mut h, label("in my new lesson", 47.0));
    apply(&mut h, Command::Lesson(LessonCommand::RecoverAutosave));
    assert_eq!(lesson_title(&h).as_deref(), Some("Recovered from the last run"));
    apply(&mut h, Command::Draw(DrawCommand::Undo));
    assert_eq!(lesson_title(&h).as_deref(), Some("New lesson"));
    assert_eq!(texts(&h), ["in my new lesson"]);
}

#[test]
fn a_failed_load_leaves_drawings_lesson_and_data_as_they_were() {
    let dir = temp_dir("failed-load");
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/ucdp-ged.csv");
    let copy = dir.join("mine.csv");
    std::fs::copy(&data, &copy).unwrap();
    assert!(h.state_mut().import_now(std::slice::from_ref(&copy)).is_empty());
    apply(&mut h, Command::Lesson(LessonCommand::OpenSampleLesson));
    apply(&mut h, Command::Lesson(LessonCommand::GoToSlide(1)));
    apply(&mut h, label("on slide 2", 46.0));
    let (before_drawings, before_lesson, before_current) =
        (drawings(&h), h.state().lesson.lesson.clone(), h.state().lesson.current);
    let records = |h: &egui_kittest::Harness<'static, TimeAtlasApp>| {
        h.state().doc.sources.sources.iter().map(|s| s.imported.records.len()).collect::<Vec<_>>()
    };
    let before_records = records(&h);
    let bad = dir.join("broken.json");
    std::fs::write(&bad, b"{\"format\": \"timeatlas-lesson\", \"lesson\": {\"title\": ").unwrap();
    apply(&mut h, Command::Lesson(LessonCommand::LoadLesson(bad.clone())));
    h.state_mut().load_annotations(&bad);
    // The same file re-read, now broken: the source keeps what it had.
    std::fs::write(&copy, b"date_start,side_a\n\xff\xfe").unwrap();
    assert!(!h.state_mut().import_now(std::slice::from_ref(&copy)).is_empty());
    h.run_steps(3);
    assert_eq!(drawings(&h), before_drawings);
    assert_eq!(h.state().lesson.lesson, before_lesson);
    assert_eq!(h.state().lesson.current, before_current);
    assert_eq!(records(&h), before_records);
    assert!(h.state().messages.iter().any(|m| m.contains("broken.json")), "{:?}", h.state().messages);
    let _ = std::fs::remove_dir_all(&dir);
}

/// eframe's storage, in memory (eframe calls `App::save` with one on exit).
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn closing_the_window_with_an_unsaved_lesson_writes_its_autosave_at_once() {
    let mut h = common::harness_at("1990-06-01", 1280.0, 800.0);
    h.run();
    apply(&mut h, Command::Lesson(LessonCommand::NewLesson));
    let autosave = h.state().autosave_file().to_path_buf();
    let _ = std::fs::remove_file(&autosave);
    // Drawn, and the window closed before another frame: no autosave has been written for it.
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, label("typed just before quitting", 44.0));
    assert!(!autosave.exists());
    let mut storage = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut storage);
    let saved = timeatlas::lesson::file::load(&autosave).unwrap();
    let drawn = &saved.slides[0].annotations;
    assert!(drawn.iter().any(|a| matches!(&a.shape, Shape::Text { text, .. } if text == "typed just before quitting")));
    assert!(storage.0.contains_key("timeatlas-annotations"), "the map's drawings are saved with the settings");
}
