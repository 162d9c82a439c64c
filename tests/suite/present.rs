//! The classroom: presentation mode, clicker keys, blank screens, UI scale, lessons in the app, and the
//! autosave surviving a killed process.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use timeatlas::time::parse_day;

fn sample_lesson_harness() -> egui_kittest::Harness<'static, timeatlas::TimeAtlasApp> {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    h.get_by_label("Lesson").click();
    h.run();
    h.get_by_label("Sample lesson: the US and Iran, 1953 to 2020").click();
    // The first slide plays its range (the four days of the 1953 coup), then the atlas is still again.
    h.run_steps(400);
    h.run();
    h
}

fn slide_day(h: &egui_kittest::Harness<'static, timeatlas::TimeAtlasApp>, i: usize) -> f64 {
    h.state().lesson.lesson.as_ref().unwrap().slides[i].day().unwrap()
}

#[test]
fn f5_presents_pagedown_moves_to_slide_two_and_its_date() {
    let mut h = sample_lesson_harness();
    assert_eq!(h.state().lesson.len(), 12);
    let first = &h.state().lesson.lesson.as_ref().unwrap().slides[0];
    assert_eq!(h.state().settings.time.current_day, first.play_to_day().unwrap().unwrap());
    h.key_press(Key::F5);
    h.run();
    assert!(h.state().lesson.presenting);
    // The editing chrome is gone, the slide's title is on the banner.
    assert!(h.query_by_label("File").is_none());
    h.get_by_label("1953: a coup removes Mosaddegh");
    h.key_press(Key::PageDown);
    // The map and the date move smoothly to the next slide.
    h.run_steps(3);
    let mid = h.state().settings.time.current_day;
    assert!(mid > slide_day(&h, 0) && mid < slide_day(&h, 1), "{mid}");
    h.run_steps(120);
    assert_eq!(h.state().lesson.current, 1);
    assert_eq!(h.state().settings.time.current_day, slide_day(&h, 1));
    h.get_by_label("1979: the Islamic Revolution");
    h.key_press(Key::PageUp);
    h.run_steps(120);
    assert_eq!(h.state().lesson.current, 0);
    h.key_press(Key::End);
    h.run_steps(120);
    assert_eq!(h.state().lesson.current, 11);
    assert_eq!(h.state().settings.time.current_day, parse_day("2020-01-08").unwrap());
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().lesson.presenting);
    h.get_by_label("File");
}

#[test]
fn b_blanks_the_screen_and_b_again_restores_it_w_whitens() {
    let mut h = sample_lesson_harness();
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::B);
    h.run();
    assert_eq!(h.state().lesson.blank, Some(timeatlas::command::Blank::Black));
    // While blank, the next key does not leave presentation mode by accident.
    h.key_press(Key::B);
    h.run();
    assert_eq!(h.state().lesson.blank, None);
    h.key_press(Key::W);
    h.run();
    assert_eq!(h.state().lesson.blank, Some(timeatlas::command::Blank::White));
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().lesson.blank, None);
    assert!(h.state().lesson.presenting);
}

#[test]
fn outside_a_lesson_the_clicker_steps_through_events() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    h.key_press(Key::F5);
    h.run();
    let before = h.state().settings.time.current_day;
    h.key_press(Key::PageDown);
    h.run();
    assert!(h.state().settings.time.current_day > before);
}

#[test]
fn ctrl_plus_raises_the_ui_scale_and_ctrl_0_resets_it() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    assert_eq!(h.state().settings.ui_scale, 1.0);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
    h.run();
    assert_eq!(h.state().settings.ui_scale, 1.25);
    assert!((h.ctx.zoom_factor() - 1.25).abs() < 1e-6);
    for _ in 0..20 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
        h.run();
    }
    assert_eq!(h.state().settings.ui_scale, 3.0, "capped at 300 %");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    h.run();
    assert_eq!(h.state().settings.ui_scale, 1.0);
}

#[test]
fn slides_are_added_duplicated_moved_and_deleted_and_autosaved() {
    // Tall enough that the sorter shows every slide's buttons without scrolling.
    let mut h = common::harness_at("2020-01-03", 1280.0, 1400.0);
    h.run();
    h.get_by_label("Lesson").click();
    h.run();
    h.get_by_label("New lesson from this map").click();
    h.run();
    assert_eq!(h.state().lesson.len(), 1);
    h.get_by_label("Add slide").click();
    h.run();
    assert_eq!(h.state().lesson.len(), 2);
    assert_eq!(h.state().lesson.current, 1);
    h.get_by_label("Duplicate").click();
    h.run();
    assert_eq!(h.state().lesson.len(), 3);
    h.get_by_label("Up").click();
    h.run();
    assert_eq!(h.state().lesson.current, 1);
    h.get_by_label("Delete slide").click();
    h.run();
    assert_eq!(h.state().lesson.len(), 2);
    // The autosave follows after a quiet moment.
    h.run_steps(200);
    let path = h.state().autosave_file().to_path_buf();
    let saved = timeatlas::lesson::file::load(&path).unwrap();
    assert_eq!(saved.slides.len(), 2);
}

#[test]
fn a_corrupted_lesson_is_reported_and_the_open_lesson_stays() {
    let mut h = sample_lesson_harness();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad-lesson.json");
    std::fs::write(&bad, "{\"format\": \"timeatlas-lesson\", \"version\": 1, \"lesson\": {\"title\": 3}}").unwrap();
    h.state_mut().load_lesson(&bad);
    h.run();
    assert_eq!(h.state().lesson.len(), 12);
    assert!(h.state().messages.last().unwrap().contains("bad-lesson.json:1:"));
    let old = dir.path().join("old-lesson.json");
    std::fs::write(&old, "{\"format\": \"timeatlas-lesson\", \"version\": 7, \"lesson\": {}}").unwrap();
    h.state_mut().load_lesson(&old);
    assert_eq!(h.state().lesson.len(), 12);
    assert!(h.state().messages.last().unwrap().contains("newer"));
}

/// Kills a real process many times while it rewrites a large lesson with the autosave writer: the file on
/// disk is always a complete lesson, the previous one or the new one.
#[test]
fn killing_the_app_during_an_autosave_leaves_the_previous_autosave_intact() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut lesson = timeatlas::lesson::file::sample().unwrap();
    let slides = lesson.slides.clone();
    while lesson.slides.len() < 1200 {
        lesson.slides.extend(slides.iter().cloned());
    }
    let big = dir.path().join("big.json");
    timeatlas::lesson::file::save(&big, &lesson).unwrap();
    let autosave = dir.path().join("lesson-autosave.json");
    timeatlas::lesson::file::save(&autosave, &lesson).unwrap();
    let size = std::fs::metadata(&autosave).unwrap().len();
    assert!(size > 1_000_000, "a big lesson takes a while to write: {size} bytes");
    for round in 0..8u64 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_timeatlas"))
            .args(["save-stress", "--kind", "autosave", "--lesson"])
            .arg(&big)
            .arg("--out")
            .arg(&autosave)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Wait until it has started writing, then kill it at a different moment each round.
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(7 * round + 3));
        child.kill().unwrap();
        child.wait().unwrap();
        let saved = timeatlas::lesson::file::load(&autosave)
            .unwrap_or_else(|e| panic!("round {round}: the autosave is broken: {e}"));
        assert_eq!(saved.slides.len(), lesson.slides.len());
    }
    // No temporary files are left to pile up next to it (the killed writer's is removed on the next save).
    let temps = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"));
    assert!(temps.count() <= 8);
}

#[test]
fn drawings_stay_with_their_slide_and_an_app_made_lesson_reopens() {
    use timeatlas::annotate::{Edit, Shape, Style};
    use timeatlas::command::{Command, DrawCommand, FileCommand, LessonCommand, SlideEdit};
    let mut h = common::harness_at("2020-01-03", 1280.0, 1400.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::NewLesson));
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::Slide(SlideEdit::Add)));
    h.run();
    assert_eq!(h.state().lesson.current, 1);
    // Draw on slide 2, go to slide 1 (no drawings), and back: the arrow is there again.
    let arrow = Shape::Arrow {
        from: timeatlas::model::GeoPoint::lat_lon(33.3, 44.4),
        to: timeatlas::model::GeoPoint::lat_lon(35.7, 51.4),
    };
    h.state_mut()
        .apply(&ctx, Command::Draw(DrawCommand::EditAnnotations(Edit::Add(arrow.clone(), Style::default()), false)));
    h.run();
    h.key_press(Key::PageUp);
    h.run_steps(120);
    assert_eq!(h.state().lesson.current, 0);
    assert!(h.state().draw.history.items().is_empty());
    h.key_press(Key::PageDown);
    h.run_steps(120);
    assert_eq!(h.state().draw.history.items().len(), 1);
    assert_eq!(h.state().draw.history.items()[0].shape, arrow);
    // Saved and opened again: a slide with nothing selected has no sources; it opens with a warning.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-lesson.json");
    h.state_mut()
        .apply(&ctx, Command::File(FileCommand::FileChosen(timeatlas::command::FileAction::SaveLesson, path.clone())));
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::CloseLesson));
    h.state_mut().load_lesson(&path);
    h.run();
    assert_eq!(h.state().lesson.len(), 2);
    // A slide takes the sources of what it shows; one without any opens with a warning.
    let no_sources = h.state().lesson.lesson.as_ref().unwrap().slides.iter().any(|s| s.sources.is_empty());
    let warned = h.state().messages.iter().any(|m| m.starts_with("warning:") && m.contains("my-lesson.json"));
    assert_eq!(warned, no_sources);
    assert_eq!(h.state().lesson.lesson.as_ref().unwrap().slides[1].annotations.len(), 1);
    assert_eq!(h.state().settings.recent_lessons.first(), Some(&path));
}

/// A 1024×768 projector at UI scale 2 is 512×384 points: with the sample lesson open the map keeps the
/// room (drawing bar and sorter start hidden, the timeline is one row), and presenting keeps most of it.
#[test]
fn on_a_1024x768_projector_at_scale_2_the_map_keeps_the_room() {
    let mut h = common::harness_at("2020-01-03", 512.0, 384.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, timeatlas::command::Command::Lesson(timeatlas::command::LessonCommand::OpenSampleLesson));
    h.run_steps(400);
    let editing = h.state().drawn.map_size;
    assert!(editing.x >= 500.0 && editing.y >= 120.0, "editing: {editing:?}");
    h.key_press(Key::F5);
    h.run_steps(5);
    let presenting = h.state().drawn.map_size;
    assert!(presenting.x >= 500.0 && presenting.y >= 150.0, "presenting: {presenting:?}");
    // Editing keeps 60 % of the height for the map (one-row timeline); presenting adds banner and caption.
    assert!(editing.y >= 0.6 * 384.0, "{editing:?} {presenting:?}");
}

/// The spotlight, rendered: the screen darkens away from the pointer and stays as it was around it.
#[test]
fn the_spotlight_dims_all_but_a_circle_around_the_pointer() {
    use timeatlas::TimeAtlasApp;
    use timeatlas::app::StartOptions;
    let today = parse_day(common::TODAY).ok();
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(512.0, 384.0))
        .with_max_steps(12)
        .wgpu()
        .build_eframe(move |cc| {
            TimeAtlasApp::new(
                cc,
                StartOptions { fresh: true, today, autosave_path: Some(common::autosave_path()), ..Default::default() },
            )
        });
    h.run();
    h.key_press(Key::F5);
    h.hover_at(egui::pos2(300.0, 200.0));
    h.run();
    let luma = |img: &image::RgbaImage, x: u32, y: u32| {
        let p = img.get_pixel(x, y).0;
        u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])
    };
    let before = h.render().unwrap();
    h.key_press(Key::L);
    h.run();
    assert!(h.state().lesson.spotlight);
    let after = h.render().unwrap();
    let scale = after.width() / 512;
    let (near, far) = ((300 * scale, 200 * scale), (20 * scale, 370 * scale));
    assert_eq!(luma(&after, near.0, near.1), luma(&before, near.0, near.1), "around the pointer nothing changes");
    assert!(luma(&after, far.0, far.1) * 2 < luma(&before, far.0, far.1), "far from it the screen is dimmed");
}
