//! UI tests of the real app with egui_kittest: labels, keyboard zoom, Home, clicking, and a snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeatlas::TimeAtlasApp;
use timeatlas::app::StartOptions;

fn harness(width: f32, height: f32) -> Harness<'static, TimeAtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(width, height))
        .build_eframe(|cc| TimeAtlasApp::new(cc, StartOptions { fresh: true, ..Default::default() }))
}

#[test]
fn opens_with_the_four_focus_countries_labelled() {
    let mut h = harness(1280.0, 800.0);
    h.run();
    let labels = h.state().placed_label_texts();
    for name in ["IRAN", "IRAQ", "SYRIA", "YEMEN"] {
        assert!(labels.iter().any(|l| l == name), "{name} missing from {labels:?}");
    }
    assert!(h.state().messages.is_empty(), "{:?}", h.state().messages);
    // The map is an accessible widget too.
    h.get_by_label("Map of Iran, Iraq, Syria, Yemen and neighbours");
}

#[test]
fn plus_zooms_in_and_home_resets() {
    let mut h = harness(1280.0, 800.0);
    h.run();
    let fitted = h.state().drawn.view.points_per_km.expect("fitted");
    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = h.state().drawn.view.points_per_km.expect("zoomed");
    assert!((zoomed / fitted - 1.5).abs() < 1e-6, "{fitted} -> {zoomed}");
    h.key_press(egui::Key::Minus);
    h.run();
    assert!((h.state().drawn.view.points_per_km.unwrap() / fitted - 1.0).abs() < 1e-6);
    h.key_press(egui::Key::Plus);
    h.key_press(egui::Key::Plus);
    h.run();
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().settings.map.points_per_km, None, "Home returns to the fitted view");
    assert!((h.state().drawn.view.points_per_km.unwrap() - fitted).abs() < 1e-9);
}

#[test]
fn more_labels_appear_when_zoomed_in() {
    let mut h = harness(1280.0, 800.0);
    h.run();
    let before = h.state().placed_label_texts();
    for _ in 0..3 {
        h.key_press(egui::Key::Plus);
    }
    h.run();
    let after = h.state().placed_label_texts();
    // Zoomed 3.4x about the centre (over the Gulf): a smaller city and a small country that had no room
    // before get their names, and Iran keeps its name although its label point is now off screen.
    for name in ["Shiraz", "Bahrain"] {
        assert!(
            !before.iter().any(|l| l == name) && after.iter().any(|l| l == name),
            "{name}: before {before:?}, after {after:?}"
        );
    }
    assert!(after.iter().any(|l| l == "IRAN"), "{after:?}");
}

#[test]
fn hover_names_a_country_and_click_selects_it() {
    let mut h = harness(1280.0, 800.0);
    h.run();
    // A spot in central Iran with no event marker near it, found through the app's own projector.
    let projector = h.state().drawn.scene.as_ref().expect("scene").key.projector;
    let tehran = projector.screen_from_geo(timeatlas::model::GeoPoint::lat_lon(33.5, 55.0));
    h.hover_at(tehran);
    h.run();
    let hovered = h.state().hovered.and_then(|i| h.state().doc.data.atlas.countries.get(i)).map(|c| c.name.clone());
    assert_eq!(hovered.as_deref(), Some("Iran"));
    h.drag_at(tehran);
    h.run();
    h.drop_at(tehran);
    h.run();
    assert_eq!(h.state().selected.as_deref(), Some("IRN"));

    // Clicking an event marker selects the event instead.
    let soleimani = projector.screen_from_geo(timeatlas::model::GeoPoint::lat_lon(33.26, 44.23));
    h.hover_at(soleimani);
    h.run();
    h.drag_at(soleimani);
    h.run();
    h.drop_at(soleimani);
    h.run();
    // Other records drawn alike on that spot (Baghdad's airport) make it a choice: take the strike.
    if let Some(chooser) = h.state().chooser.clone() {
        let (name, _) = chooser.items.iter().find(|(n, _)| n.contains("Soleimani")).cloned().expect("listed");
        h.get_by_label(&name).click();
        h.run_steps(8);
    }
    assert_eq!(h.state().selected_event(), Some("soleimani-killed-2020"));
}

#[test]
fn dragging_pans_the_map() {
    let mut h = harness(1280.0, 800.0);
    h.run();
    let before = h.state().drawn.view.center;
    let start = egui::pos2(640.0, 400.0);
    h.drag_at(start);
    h.run();
    for step in 1..=10 {
        h.hover_at(start + egui::vec2(step as f32 * 10.0, 0.0));
        h.run();
    }
    h.drop_at(start + egui::vec2(100.0, 0.0));
    h.run();
    let after = h.state().drawn.view.center;
    let scale = h.state().drawn.view.points_per_km.unwrap();
    // Dragging 100 points east moves the view 100 points' worth of kilometres west (egui starts the drag
    // after a few points of movement, so allow a little less).
    let moved_km = before.x_km - after.x_km;
    assert!(moved_km > 85.0 / scale && moved_km <= 100.0 / scale + 1e-6, "moved {moved_km} km at {scale} pt/km");
    assert!((after.y_km - before.y_km).abs() < 1e-6);
}

#[test]
fn snapshot_default_view() {
    let mut h = Harness::builder().with_size(egui::vec2(1280.0, 800.0)).wgpu().build_eframe(|cc| {
        // A fixed clock: the timeline runs to "today", which must not change the picture.
        let today = timeatlas::time::parse_day("2026-11-21").ok();
        TimeAtlasApp::new(cc, StartOptions { fresh: true, today, ..Default::default() })
    });
    h.run();
    h.snapshot("default_view_1280x800");
}

fn harness_at(date: &str) -> Harness<'static, TimeAtlasApp> {
    common::harness_at(date, 1280.0, 800.0)
}

#[test]
fn space_starts_and_stops_playback() {
    let mut h = harness_at("1990-01-01");
    h.run();
    let start = h.state().settings.time.current_day;
    h.key_press(egui::Key::Space);
    // Playing repaints continuously, so step a fixed number of frames instead of running to rest.
    h.run_steps(10);
    assert!(h.state().settings.time.playing);
    let moved = h.state().settings.time.current_day;
    assert!(moved > start, "{start} -> {moved}");
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert!(!h.state().settings.time.playing);
    let paused = h.state().settings.time.current_day;
    h.run_steps(5);
    assert_eq!(h.state().settings.time.current_day, paused, "paused means the date stays");
}

#[test]
fn arrow_right_moves_to_the_next_event() {
    let mut h = harness_at("2020-01-04");
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let d = h.state().settings.time.current_date().to_string();
    assert_eq!(d, "2020-01-05", "the next event after 4 January 2020 is the Iraqi parliament's vote");
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().settings.time.current_date().to_string(), "2020-01-03");
}

#[test]
fn dragging_on_the_timeline_scrubs_the_date() {
    let mut h = harness_at("2020-01-03");
    h.run();
    let before = h.state().settings.time.current_day;
    // The plot sits at the bottom of the window; drag along its middle from left to right.
    let y = 800.0 - 100.0;
    let from = egui::pos2(300.0, y);
    h.drag_at(from);
    h.run();
    let mut days = Vec::new();
    for step in 1..=6 {
        h.hover_at(from + egui::vec2(step as f32 * 40.0, 0.0));
        h.run();
        days.push(h.state().settings.time.current_day);
    }
    let during = h.state().settings.time.current_day;
    assert!(days.windows(2).all(|w| w[1] > w[0]), "dragging right moves the date later: {days:?}");
    h.drop_at(from + egui::vec2(240.0, 0.0));
    h.run();
    assert_ne!(during, before);
    let (a, b) = h.state().timeline_visible;
    assert!(during > a && during < b);
    // Released, the date stays where the drag left it.
    assert_eq!(h.state().settings.time.current_day, during);
}

#[test]
fn the_map_highlights_the_soleimani_strike_on_its_date_only() {
    let mut h = harness_at("2020-01-03");
    h.run();
    assert!(h.state().highlighted_event_ids().iter().any(|id| id == "soleimani-killed-2020"));
    assert!(h.state().drawn.markers.iter().any(|m| matches!(m.item, timeatlas::map::content::MarkerItem::Event(i) if h.state().doc.dataset.events[i].id == "soleimani-killed-2020")));
    let mut h = harness_at("2019-06-01");
    h.run();
    assert!(!h.state().highlighted_event_ids().iter().any(|id| id == "soleimani-killed-2020"));
    assert!(!h.state().drawn.markers.iter().any(|m| matches!(m.item, timeatlas::map::content::MarkerItem::Event(i) if h.state().doc.dataset.events[i].id == "soleimani-killed-2020")));
}

#[test]
fn the_timeline_can_be_hidden_and_the_date_stays_in_the_status_bar() {
    let mut h = harness_at("2020-01-03");
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Timeline").click();
    h.run();
    assert!(!h.state().settings.show_timeline);
    // With the strip gone, the date is still shown once, in the status bar.
    h.get_by_label("January 2020");
    assert!(h.query_by_label("Play").is_none());
}
