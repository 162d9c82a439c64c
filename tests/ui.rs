//! UI tests of the real app with egui_kittest: labels, keyboard zoom, Home, clicking, and a snapshot.

#![allow(clippy::unwrap_used, clippy::expect_used)]

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
    let fitted = h.state().drawn_view.points_per_km.expect("fitted");
    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = h.state().drawn_view.points_per_km.expect("zoomed");
    assert!((zoomed / fitted - 1.5).abs() < 1e-6, "{fitted} -> {zoomed}");
    h.key_press(egui::Key::Minus);
    h.run();
    assert!((h.state().drawn_view.points_per_km.unwrap() / fitted - 1.0).abs() < 1e-6);
    h.key_press(egui::Key::Plus);
    h.key_press(egui::Key::Plus);
    h.run();
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(h.state().settings.map.points_per_km, None, "Home returns to the fitted view");
    assert!((h.state().drawn_view.points_per_km.unwrap() - fitted).abs() < 1e-9);
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
    // Find Tehran's screen position through the app's own projector, then hover and click there.
    let projector = h.state().scene.as_ref().expect("scene").key.projector;
    let tehran = projector.screen_from_geo(timeatlas::model::GeoPoint::lat_lon(35.69, 51.42));
    h.hover_at(tehran);
    h.run();
    let hovered = h.state().hovered.and_then(|i| h.state().data.atlas.countries.get(i)).map(|c| c.name.clone());
    assert_eq!(hovered.as_deref(), Some("Iran"));
    h.drag_at(tehran);
    h.run();
    h.drop_at(tehran);
    h.run();
    assert_eq!(h.state().selected.as_deref(), Some("IRN"));
}

#[test]
fn dragging_pans_the_map() {
    let mut h = harness(1280.0, 800.0);
    h.run();
    let before = h.state().drawn_view.center;
    let start = egui::pos2(640.0, 400.0);
    h.drag_at(start);
    h.run();
    for step in 1..=10 {
        h.hover_at(start + egui::vec2(step as f32 * 10.0, 0.0));
        h.run();
    }
    h.drop_at(start + egui::vec2(100.0, 0.0));
    h.run();
    let after = h.state().drawn_view.center;
    let scale = h.state().drawn_view.points_per_km.unwrap();
    // Dragging 100 points east moves the view 100 points' worth of kilometres west (egui starts the drag
    // after a few points of movement, so allow a little less).
    let moved_km = before.x_km - after.x_km;
    assert!(moved_km > 85.0 / scale && moved_km <= 100.0 / scale + 1e-6, "moved {moved_km} km at {scale} pt/km");
    assert!((after.y_km - before.y_km).abs() < 1e-6);
}

#[test]
fn snapshot_default_view() {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .wgpu()
        .build_eframe(|cc| TimeAtlasApp::new(cc, StartOptions { fresh: true, ..Default::default() }));
    h.run();
    h.snapshot("default_view_1280x800");
}
