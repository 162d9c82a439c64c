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
    Harness::builder().with_size(egui::vec2(width, height)).build_eframe(move |cc| {
        let today = parse_day(TODAY).ok();
        TimeAtlasApp::new(cc, StartOptions { fresh: true, date: Some(day), today, ..Default::default() })
    })
}
