//! The atlas without a mouse: the focused map pans with the arrows and zooms with + and -, Tab walks its
//! markers with a visible ring and Enter opens one, a whole lesson runs from the keyboard, and what the map
//! shows is a list a screen reader can read (checked through kittest's AccessKit queries). Every step here
//! is a key event: no clicks.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use timeatlas::TimeAtlasApp;
use timeatlas::map::content::MarkerItem;
use timeatlas::model::search::Hit;

fn harness_at(date: &str) -> Harness<'static, TimeAtlasApp> {
    let mut h = common::harness_at(date, 1400.0, 900.0);
    // The markers are known after the first frame; the widgets that name them are made in the next.
    h.run();
    h.run();
    h
}

fn press(h: &mut Harness<'static, TimeAtlasApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// A key press, then frames until a slide's transition and its played range are over.
fn press_and_settle(h: &mut Harness<'static, TimeAtlasApp>, key: Key) {
    h.key_press(key);
    h.run_steps(150);
}

fn focused_id(h: &Harness<'static, TimeAtlasApp>) -> Option<egui::Id> {
    h.ctx.memory(egui::Memory::focused)
}

/// The accessible name of the widget with the keyboard focus.
fn focused_label(h: &Harness<'static, TimeAtlasApp>) -> String {
    h.get_by(has_focus).accesskit_node().label().unwrap_or_default()
}

/// The node with the keyboard focus (a function, for the queries' lifetimes).
fn has_focus(node: &egui_kittest::kittest::AccessKitNode<'_>) -> bool {
    node.is_focused()
}

/// A node's accessible name.
fn name(node: &egui_kittest::Node<'_>) -> Option<String> {
    node.accesskit_node().label()
}

/// Presses Tab until the focused widget's name is `label` (at most 300 presses); panics if it never is.
fn tab_to(h: &mut Harness<'static, TimeAtlasApp>, label: &str) {
    for _ in 0..300 {
        if h.query_by(has_focus).and_then(|n| name(&n)).as_deref() == Some(label) {
            return;
        }
        // A few frames, not `run`: with a lesson open its thumbnails render one a frame.
        h.key_press(Key::Tab);
        h.run_steps(2);
    }
    panic!("Tab never reached {label:?}");
}

#[test]
fn arrows_pan_the_focused_map_and_step_events_when_it_is_not() {
    let mut h = harness_at("2020-01-03");
    let day = h.state().settings.time.current_day;
    press(&mut h, Key::M);
    assert_eq!(focused_id(&h), h.state().access.map_id, "M gives the map the keyboard");
    let ring = h.state().access.focus_ring.expect("the focused map shows a ring");
    assert!(h.state().drawn.map_rect.contains_rect(ring) && ring.width() > h.state().drawn.map_rect.width() * 0.9);

    let start = h.state().drawn.view;
    press(&mut h, Key::ArrowRight);
    let east = h.state().drawn.view;
    let step_km =
        f64::from(h.state().drawn.map_size.x * timeatlas::app::access::ARROW_PAN_SHARE) / start.points_per_km.unwrap();
    assert!((east.center.x_km - start.center.x_km - step_km).abs() < 1.0, "→ shows more of the east");
    press(&mut h, Key::ArrowUp);
    assert!(h.state().drawn.view.center.y_km > east.center.y_km, "↑ shows more of the north");
    press(&mut h, Key::ArrowLeft);
    press(&mut h, Key::ArrowDown);
    let back = h.state().drawn.view.center;
    assert!((back.x_km - start.center.x_km).abs() < 1e-6 && (back.y_km - start.center.y_km).abs() < 1e-6);
    assert_eq!(h.state().settings.time.current_day, day, "the arrows panned; the date stayed");
    assert_eq!(focused_id(&h), h.state().access.map_id, "the map kept the keyboard");

    let scale = start.points_per_km.unwrap();
    press(&mut h, Key::Plus);
    let zoomed = h.state().drawn.view.points_per_km.unwrap();
    assert!((zoomed / scale - timeatlas::map::memory::KEY_ZOOM_FACTOR).abs() < 1e-9, "+ zooms in");
    press(&mut h, Key::Minus);
    assert!((h.state().drawn.view.points_per_km.unwrap() - scale).abs() < 1e-9, "- zooms out");

    // Esc lets go of the map: the arrows step through the events again.
    press(&mut h, Key::Escape);
    assert_eq!(focused_id(&h), None);
    assert_eq!(h.state().access.focus_ring, None, "no ring without focus");
    let view = h.state().drawn.view;
    press(&mut h, Key::ArrowRight);
    assert!(h.state().settings.time.current_day > day, "→ went to the next event");
    assert_eq!(h.state().drawn.view, view, "and did not pan");
}

#[test]
fn tab_walks_the_markers_with_a_ring_and_enter_opens_the_card() {
    let mut h = harness_at("2020-01-03");
    press(&mut h, Key::M);
    let targets = h.state().access.target_ids.clone();
    assert!(targets.len() >= 3, "markers the keyboard can reach: {}", targets.len());
    press(&mut h, Key::Tab);
    assert_eq!(focused_id(&h), Some(targets[0]), "Tab from the map goes to its first marker");
    press(&mut h, Key::Tab);
    assert_eq!(focused_id(&h), Some(targets[1]));
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(focused_id(&h), Some(targets[0]), "Shift+Tab goes back");

    // The ring is drawn around the focused marker.
    let ring = h.state().access.focus_ring.expect("a ring around the focused marker");
    let first_event = h
        .state()
        .drawn
        .markers
        .iter()
        .filter(|m| matches!(m.item, MarkerItem::Event(_)))
        .min_by_key(|m| match m.item {
            MarkerItem::Event(i) => i,
            _ => usize::MAX,
        })
        .cloned()
        .expect("an event on the map");
    assert!(ring.contains(first_event.pos) && ring.width() < 60.0, "{ring:?} around {:?}", first_event.pos);

    let label = focused_label(&h);
    let MarkerItem::Event(i) = first_event.item else { unreachable!() };
    let event = h.state().doc.dataset.events[i].clone();
    assert!(label.starts_with(&event.title), "the marker is named for screen readers: {label}");
    let day = h.state().settings.time.current_day;
    press(&mut h, Key::Enter);
    assert_eq!(h.state().card, Some(Hit::Event(event.id.clone())), "Enter opened its card");
    assert_eq!(h.state().settings.time.current_day, day, "as a click does, the date stays");
}

/// Opens the sample lesson from the Lesson menu: Tab to the menu, Enter, Tab to the item, Enter.
fn open_the_sample_lesson(h: &mut Harness<'static, TimeAtlasApp>) {
    tab_to(h, "Lesson");
    press(h, Key::Enter);
    tab_to(h, "Sample lesson: the US and Iran, 1953 to 2020");
    press_and_settle(h, Key::Enter);
    // The first slide plays its range (the four days of the 1953 coup).
    h.run_steps(250);
}

#[test]
fn a_whole_lesson_runs_from_the_keyboard() {
    let mut h = harness_at("1990-01-01");
    open_the_sample_lesson(&mut h);
    assert!(h.state().lesson.lesson.is_some(), "the sample lesson is open");
    assert_eq!(h.state().lesson.current, 0);
    assert_eq!(focused_id(&h), None, "the menu closed: the keys are the atlas's again");
    let slides = h.state().lesson.len();
    assert!(slides >= 3);

    // Next and previous slide while editing: PageDown / PageUp, and → / ← with nothing focused.
    press_and_settle(&mut h, Key::PageDown);
    assert_eq!(h.state().lesson.current, 1);
    press_and_settle(&mut h, Key::ArrowRight);
    assert_eq!(h.state().lesson.current, 2);
    press_and_settle(&mut h, Key::ArrowLeft);
    press_and_settle(&mut h, Key::PageUp);
    assert_eq!(h.state().lesson.current, 0);

    // Present (F5), step with the clicker's keys, jump to the end, leave with Esc.
    press_and_settle(&mut h, Key::F5);
    assert!(h.state().lesson.presenting);
    for key in [Key::PageDown, Key::ArrowRight, Key::Space, Key::Enter] {
        press_and_settle(&mut h, key);
    }
    assert_eq!(h.state().lesson.current, 4.min(slides - 1));
    press_and_settle(&mut h, Key::ArrowLeft);
    assert_eq!(h.state().lesson.current, 3.min(slides - 1));
    press_and_settle(&mut h, Key::End);
    assert_eq!(h.state().lesson.current, slides - 1);
    press_and_settle(&mut h, Key::Home);
    assert_eq!(h.state().lesson.current, 0);
    press_and_settle(&mut h, Key::Escape);
    assert!(!h.state().lesson.presenting, "Esc left the presentation");
    assert!(h.state().lesson.lesson.is_some(), "and the lesson is still open");
}

#[test]
fn a_focused_button_keeps_space_and_enter_but_f5_still_presents() {
    let mut h = harness_at("1990-01-01");
    open_the_sample_lesson(&mut h);
    // Space on a focused button is the button's (here it opens the Lesson menu), not play.
    tab_to(&mut h, "Lesson");
    press_and_settle(&mut h, Key::Space);
    assert!(!h.state().settings.time.playing, "Space went to the focused menu button");
    press_and_settle(&mut h, Key::Escape);
    press_and_settle(&mut h, Key::Escape);
    tab_to(&mut h, "Lesson");
    press_and_settle(&mut h, Key::F5);
    assert!(h.state().lesson.presenting, "F5 presents whatever has focus");
}

#[test]
fn what_the_map_shows_is_a_list_for_screen_readers_that_mirrors_the_map() {
    let mut h = harness_at("2020-01-03");
    // The markers on the map are a named list of named items, one per marker.
    let markers = h.state().drawn.markers.len();
    let list = h.get_by_role_and_label(Role::List, "Markers on the map");
    let items: Vec<String> = list.children().filter_map(|n| n.accesskit_node().label()).collect();
    assert_eq!(items.len(), markers, "{items:?}");
    assert!(items.iter().any(|l| l.contains("Soleimani")), "{items:?}");

    // The side panel's tab lists events, groups and positions, reached and opened by keyboard.
    tab_to(&mut h, "On the map");
    press(&mut h, Key::Enter);
    h.run();
    let events_on_map = h.state().drawn.markers.iter().filter(|m| matches!(m.item, MarkerItem::Event(_))).count();
    let count_rows = |h: &Harness<'static, TimeAtlasApp>, heading: &str| {
        h.query_by(|n| n.role() == Role::List && n.label().is_some_and(|l| l.starts_with(heading)))
            .map_or(0, |l| l.children().count())
    };
    assert!(h.query_by_role_and_label(Role::List, "What the map shows").is_some());
    assert_eq!(count_rows(&h, "Events ("), events_on_map, "one row per event marker");
    assert!(count_rows(&h, "Armed groups' areas (") >= 1, "Kata'ib Hezbollah's area is on the map in 2020");
    assert!(count_rows(&h, "US positions (") >= 1);
    let groups = h.get_by(|n| n.role() == Role::List && n.label().is_some_and(|l| l.starts_with("Armed groups")));
    assert!(groups.children().any(|n| name(&n).is_some_and(|l| l.contains("Kata'ib Hezbollah"))));

    // Zoomed in on Baghdad the list follows the map: fewer events, the same as the markers.
    let before = count_rows(&h, "Events (");
    press(&mut h, Key::M);
    for _ in 0..4 {
        press(&mut h, Key::Plus);
    }
    h.run();
    let events_now = h.state().drawn.markers.iter().filter(|m| matches!(m.item, MarkerItem::Event(_))).count();
    assert!(events_now < before, "zoomed in, fewer events are in view ({events_now} of {before})");
    assert_eq!(count_rows(&h, "Events ("), events_now, "the list mirrors the map");

    // A row opens its card with the keyboard alone.
    press(&mut h, Key::Escape);
    let first_row = h
        .get_by(|n| n.role() == Role::List && n.label().is_some_and(|l| l.starts_with("US positions")))
        .children()
        .next()
        .and_then(|n| name(&n))
        .expect("a position row");
    tab_to(&mut h, &first_row);
    press(&mut h, Key::Enter);
    assert!(matches!(h.state().card, Some(Hit::Position(_))), "{:?}", h.state().card);
}

/// What a keyboard user sees: the ring around the second marker reached with Tab, and the side panel's
/// "On the map" tab opened with Tab and Enter.
#[test]
fn snapshot_of_a_ringed_marker_and_the_on_the_map_tab() {
    let mut h = Harness::builder().with_size(egui::vec2(1280.0, 800.0)).with_max_steps(12).wgpu().build_eframe(|cc| {
        let options = timeatlas::app::StartOptions {
            fresh: true,
            today: timeatlas::time::parse_day(common::TODAY).ok(),
            date: timeatlas::time::parse_day("2020-01-03").ok(),
            autosave_path: Some(common::autosave_path()),
            ..Default::default()
        };
        TimeAtlasApp::new(cc, options)
    });
    h.run();
    h.run();
    tab_to(&mut h, "On the map");
    press(&mut h, Key::Enter);
    press(&mut h, Key::M);
    press(&mut h, Key::Tab);
    press(&mut h, Key::Tab);
    assert_eq!(focused_id(&h), h.state().access.target_ids.get(1).copied());
    h.snapshot("keyboard_marker_ring_1280x800");
}
