//! Hostile inputs from the adversarial probe (issue 18), each a regression test: drawings the renderer
//! cannot take, FIFOs and devices given as data, files with thousands of errors, encodings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Output, Stdio};
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable as _;

use timeatlas::annotate::{Annotation, Shape, Style};
use timeatlas::app::StartOptions;
use timeatlas::command::{Command, LessonCommand};
use timeatlas::model::GeoPoint;

/// A lesson whose one slide has a label of font size `font` (as text, so 1e30 and 1e39 can be written).
fn lesson_with_label_font(font: &str) -> String {
    format!(
        r#"{{"format": "timeatlas-lesson", "version": 1, "lesson": {{"title": "T", "slides": [
  {{"title": "a", "date": "2000", "sources": [{{"url": "https://example.org", "title": "x"}}],
   "annotations": [{{"id": 1, "shape": {{"kind": "text", "at": {{"lon": 44, "lat": 33}}, "text": "Baghdad"}},
                    "style": {{"font_size": {font}}}}}]}}
]}}}}"#
    )
}

/// Runs the binary, killing it after `limit` (a hang is a failure, not a stuck test run).
fn run(args: &[&std::ffi::OsStr], limit: Duration) -> Output {
    let mut child = Process::new(env!("CARGO_BIN_EXE_timeatlas"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("timeatlas {args:?} ran for more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_lesson_label_of_font_size_1e30_is_refused_by_export_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for font in ["1e30", "1e39", "100000", "65535", "5000", "-22"] {
        let path = dir.path().join("big-font.json");
        std::fs::write(&path, lesson_with_label_font(font)).unwrap();
        let out = dir.path().join("out");
        let done = run(
            &[os("export"), os("--lesson"), path.as_os_str(), os("--out"), out.as_os_str()],
            Duration::from_secs(60),
        );
        let stderr = text(&done.stderr);
        assert_eq!(done.status.code(), Some(1), "font {font}: {stderr}");
        assert!(stderr.contains("lesson.slides[0].annotations[0].style.font_size"), "font {font}: {stderr}");
        // 1e39 does not fit an f32 at all; the others are outside the range.
        let why = if font == "1e39" { "number out of range" } else { "expected a font size from 6 to 144 points" };
        assert!(stderr.contains(why), "font {font}: {stderr}");
    }
}

#[test]
fn a_lesson_with_no_slides_exports_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.json");
    std::fs::write(&path, r#"{"format": "timeatlas-lesson", "version": 1, "lesson": {"title": "T"}}"#).unwrap();
    let out = dir.path().join("out");
    let done =
        run(&[os("export"), os("--lesson"), path.as_os_str(), os("--out"), out.as_os_str()], Duration::from_secs(60));
    assert_eq!(done.status.code(), Some(1), "{}", text(&done.stderr));
    assert!(text(&done.stderr).contains("the lesson has no slides"), "{}", text(&done.stderr));
}

fn headless_app() -> (egui::Context, timeatlas::TimeAtlasApp) {
    let ctx = egui::Context::default();
    let options = StartOptions { fresh: true, autosave_path: Some(common::autosave_path()), ..Default::default() };
    let app = timeatlas::TimeAtlasApp::headless(&ctx, options);
    (ctx, app)
}

#[test]
fn the_window_reports_such_a_lesson_and_a_recovered_autosave_of_it() {
    let (ctx, mut app) = headless_app();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big-font.json");
    std::fs::write(&path, lesson_with_label_font("1e30")).unwrap();
    app.load_lesson(&path);
    assert!(app.lesson.lesson.is_none(), "the lesson is not opened");
    let message = app.messages.last().unwrap();
    assert!(message.contains("style.font_size") && message.contains("found 1e30"), "{message}");
    // Lesson → Recover on such an autosave is reported too.
    let recovery = timeatlas::app::presenting::recovery_path(app.autosave_file());
    std::fs::create_dir_all(recovery.parent().unwrap()).unwrap();
    std::fs::write(&recovery, lesson_with_label_font("1e39")).unwrap();
    let before = app.messages.len();
    app.apply(&ctx, Command::Lesson(LessonCommand::RecoverAutosave));
    assert!(app.lesson.lesson.is_none());
    assert_eq!(app.messages.len(), before + 1);
    assert!(app.messages.last().unwrap().contains("style.font_size"), "{:?}", app.messages.last());
}

/// Drawings made some other way than a loader (a future importer, a bug) are still drawn within bounds.
#[test]
fn the_map_draws_a_label_with_an_absurd_style_without_panicking() {
    let mut harness = common::harness_at("2000-01-01", 1000.0, 700.0);
    let wild = Style { font_size: 1e30, stroke_width: f32::INFINITY, ..Style::default() };
    let at = GeoPoint::lon_lat(44.0, 33.0);
    let items = vec![
        Annotation { id: 1, shape: Shape::Text { at, text: "Baghdad".into() }, style: wild },
        Annotation { id: 2, shape: Shape::Marker { at, number: 3 }, style: wild },
        Annotation { id: 3, shape: Shape::Arrow { from: at, to: GeoPoint::lon_lat(50.0, 30.0) }, style: wild },
    ];
    harness.state_mut().draw.history = timeatlas::annotate::History::with_items(items);
    harness.run_steps(3);
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_given_as_data_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("events.geojson");
    assert!(Process::new("mkfifo").arg(&fifo).status().unwrap().success());
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    // A folder holding a link to /dev/zero under a data file's name: listed, then refused, not read for ever.
    let zero = dir.path().join("zero");
    std::fs::create_dir(&zero).unwrap();
    std::os::unix::fs::symlink("/dev/zero", zero.join("countries.json")).unwrap();
    let looped = dir.path().join("looped");
    std::fs::create_dir(&looped).unwrap();
    std::os::unix::fs::symlink(looped.join("events-b.geojson"), looped.join("events-a.geojson")).unwrap();
    std::os::unix::fs::symlink(looped.join("events-a.geojson"), looped.join("events-b.geojson")).unwrap();
    let cases: [(&Path, &str); 5] = [
        (&fifo, "cannot read a FIFO (named pipe): expected a regular file"),
        (&zero, "countries.json: error: cannot read a device"),
        (&empty, "no data files in"),
        (&looped, "events-a.geojson: error: cannot open"),
        (&looped.join("events-a.geojson"), "symbolic links"),
    ];
    for (path, expected) in cases {
        let done = run(&[os("check"), path.as_os_str()], Duration::from_secs(20));
        assert_eq!(done.status.code(), Some(1), "{}", path.display());
        assert!(text(&done.stdout).contains(expected), "{}: {}", path.display(), text(&done.stdout));
    }
    // The same shared reader guards annotations and lessons (the export would otherwise wait forever).
    let out = dir.path().join("map.png");
    let done = run(
        &[os("export"), os("--date"), os("2000"), os("--annotations"), fifo.as_os_str(), os("--out"), out.as_os_str()],
        Duration::from_secs(60),
    );
    assert_eq!(done.status.code(), Some(1));
    assert!(text(&done.stderr).contains("FIFO"), "{}", text(&done.stderr));
    let done = run(
        &[os("export"), os("--lesson"), fifo.as_os_str(), os("--out"), dir.path().as_os_str()],
        Duration::from_secs(60),
    );
    assert_eq!(done.status.code(), Some(1));
    assert!(text(&done.stderr).contains("FIFO"), "{}", text(&done.stderr));
}

/// 19,941 bad dates in one file: located in one pass, and printed as the first 100 and a count.
#[test]
fn twenty_thousand_errors_are_fast_and_capped() {
    let dir = tempfile::tempdir().unwrap();
    let features: Vec<String> = (0..19_941)
        .map(|i| {
            format!(
                r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [44, 33]}}, "properties": {{"id": "e-{i}", "date": "19x{i}"}}}}"#
            )
        })
        .collect();
    let path: PathBuf = dir.path().join("events.geojson");
    std::fs::write(&path, format!("{{\"type\": \"FeatureCollection\", \"features\": [\n{}\n]}}", features.join(",\n")))
        .unwrap();
    let started = Instant::now();
    let done = run(&[os("check"), path.as_os_str()], Duration::from_secs(120));
    let elapsed = started.elapsed();
    let stdout = text(&done.stdout);
    assert_eq!(done.status.code(), Some(1));
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() <= 101 + 1, "{} lines", lines.len());
    assert!(lines.iter().any(|l| l.contains("more problems in this file (the first 100 are shown)")), "{stdout}");
    assert!(lines.first().is_some_and(|l| l.contains("events.geojson:2:")), "{:?}", lines.first());
    eprintln!("check of 19,941 bad features took {elapsed:?}");
}

#[test]
fn a_utf8_bom_is_accepted_and_utf16_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let body = r#"{"format": "timeatlas-lesson", "version": 1, "lesson": {"title": "T", "slides": [{"title": "a", "date": "2000"}]}}"#;
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), body.as_bytes()].concat()).unwrap();
    assert_eq!(timeatlas::lesson::load(&bom).unwrap().slides.len(), 1);
    let wide = dir.path().join("wide.json");
    let utf16: Vec<u8> = std::iter::once(0xFEFF).chain(body.encode_utf16()).flat_map(u16::to_le_bytes).collect();
    std::fs::write(&wide, utf16).unwrap();
    let e = timeatlas::lesson::load(&wide).unwrap_err();
    assert!(e.to_string().contains("the file is UTF-16 text; TimeAtlas reads UTF-8"), "{e}");
}

/// Clicks the link titled `title` and returns the addresses the app asked the system to open.
fn opened_on_click(title: &str, url: &str) -> Vec<String> {
    let url = url.to_owned();
    let mut harness = egui_kittest::Harness::new_ui(move |ui| {
        timeatlas::panels::links::source_link_ui(ui, "Source", &url);
    });
    harness.get_by_label(title).click();
    harness.step();
    let mut opened: Vec<String> = Vec::new();
    for command in &harness.output().platform_output.commands {
        if let egui::OutputCommand::OpenUrl(open) = command {
            opened.push(open.url.clone());
        }
    }
    opened
}

#[test]
fn only_http_and_https_links_open_on_click() {
    assert_eq!(opened_on_click("Source", "https://www.cia.gov/readingroom/"), ["https://www.cia.gov/readingroom/"]);
    for hostile in ["file:///etc/passwd", "javascript:alert(1)", "smb://server/share", "https://"] {
        assert!(opened_on_click("Source", hostile).is_empty(), "{hostile} was opened");
    }
}
