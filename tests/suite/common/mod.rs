//! The harness the UI test files share: the real eframe app, fresh settings, a fixed clock.

#![allow(clippy::unwrap_used, dead_code)]

use egui_kittest::Harness;
use timeatlas::TimeAtlasApp;
use timeatlas::app::StartOptions;
use timeatlas::time::parse_day;

/// "Today" for tests: open spans and the timeline's end must not move with the real clock.
pub const TODAY: &str = "2026-11-21";

/// The app opened at `date` in a window of `width`×`height` points.
pub fn harness_at(date: &str, width: f32, height: f32) -> Harness<'static, TimeAtlasApp> {
    let day = parse_day(date).unwrap();
    // New widgets ask for one more pass to style themselves; menus with many entries take a few.
    Harness::builder().with_size(egui::vec2(width, height)).with_max_steps(12).build_eframe(move |cc| {
        let today = parse_day(TODAY).ok();
        let autosave_path = Some(autosave_path());
        TimeAtlasApp::new(cc, StartOptions { fresh: true, date: Some(day), today, autosave_path, ..Default::default() })
    })
}

/// The app without a window (for exports), opened at `date` with fresh settings and the test clock.
pub fn headless_at(date: &str) -> TimeAtlasApp {
    let ctx = egui::Context::default();
    let options =
        StartOptions { fresh: true, date: parse_day(date).ok(), today: parse_day(TODAY).ok(), ..Default::default() };
    TimeAtlasApp::headless(&ctx, options)
}

/// A fresh autosave file path for one harness (never the user's own).
pub fn autosave_path() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("timeatlas-test-{}-{n}", std::process::id())).join("lesson-autosave.json")
}

/// A click at `at` as a mouse makes it: the pointer moves there, presses and releases.
pub fn click_at(h: &mut Harness<'static, TimeAtlasApp>, at: egui::Pos2) {
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    h.drop_at(at);
    h.run();
}

/// How far two pictures of the same size differ: the mean over pixels of the largest channel difference,
/// and how many pixels differ by more than 24 levels (anti-aliased edges round differently; a missing or
/// moved shape does not).
pub fn image_difference(a: &image::RgbaImage, b: &image::RgbaImage) -> (f64, usize) {
    let (mut total, mut far_off) = (0u64, 0usize);
    for (p, q) in a.pixels().zip(b.pixels()) {
        let diff = p.0.iter().zip(q.0).map(|(&x, y)| x.abs_diff(y)).max().unwrap_or(0);
        total += u64::from(diff);
        far_off += usize::from(diff > 24);
    }
    (total as f64 / a.pixels().len().max(1) as f64, far_off)
}
