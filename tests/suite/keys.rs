//! UI tests of the keyboard in the real app: Ctrl+F and typing, Esc and windows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeatlas::TimeAtlasApp;
use timeatlas::command::Tool;

fn harness_at(date: &str) -> Harness<'static, TimeAtlasApp> {
    common::harness_at(date, 1400.0, 900.0)
}

/// Types `text` as a keyboard does: for each character a key press, the text, and the key release, so
/// a shortcut bound to that letter sees the key as well.
fn type_like_a_keyboard(h: &mut Harness<'static, TimeAtlasApp>, text: &str) {
    for c in text.chars() {
        let key =
            Key::from_name(&c.to_ascii_uppercase().to_string()).or(if c == ' ' { Some(Key::Space) } else { None });
        let key_event = |pressed| {
            key.map(|key| Event::Key { key, pressed, modifiers: Modifiers::NONE, repeat: false, physical_key: None })
        };
        if let Some(e) = key_event(true) {
            h.event(e);
        }
        h.event(Event::Text(c.to_string()));
        if let Some(e) = key_event(false) {
            h.event(e);
        }
        h.run();
    }
}

#[test]
fn ctrl_f_then_typing_fills_the_search_box_and_fires_no_shortcut() {
    let mut h = harness_at("1990-01-01");
    h.run();
    // Start from the map, as a user who has just clicked it would.
    let centre = h.state().drawn.map_rect.center();
    h.hover_at(centre);
    h.drag_at(centre);
    h.run();
    h.drop_at(centre);
    h.run();
    let day = h.state().settings.time.current_day;
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    // "Isis" holds I and S (no tool), then "vat pen" holds V, A, T, Space, P, E, N: tools and playback.
    type_like_a_keyboard(&mut h, "Isis vat pen");
    assert_eq!(h.state().search_text(), "Isis vat pen");
    assert_eq!(h.state().draw.tool, Tool::Pointer, "no tool chosen while typing");
    assert!(!h.state().settings.time.playing, "Space typed into search does not start playback");
    assert_eq!(h.state().settings.time.current_day, day);
    assert!(h.get_by_label("Search").is_focused());
}

#[test]
fn ctrl_f_focuses_search_when_the_side_panel_was_hidden() {
    let mut h = harness_at("1990-01-01");
    h.run();
    h.get_by_label("Hide panel").click();
    h.run();
    assert!(h.query_by_label("Search").is_none(), "side panel hidden");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_like_a_keyboard(&mut h, "Isis");
    assert_eq!(h.state().search_text(), "Isis");
    assert_eq!(h.state().draw.tool, Tool::Pointer);
}

#[test]
fn tool_keys_still_work_outside_text_fields() {
    let mut h = harness_at("1990-01-01");
    h.run();
    h.key_press(Key::A);
    h.run();
    assert_eq!(h.state().draw.tool, Tool::Arrow);
}

#[test]
fn ctrl_f_focuses_search_on_a_projector_with_a_tool_chosen() {
    // 1024×768 at UI scale 2: the side panel starts hidden.
    let mut h = common::harness_at("1990-01-01", 512.0, 384.0);
    h.run();
    h.key_press(Key::P);
    h.run();
    assert_eq!(h.state().draw.tool, Tool::Pen);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_like_a_keyboard(&mut h, "Isis vat");
    assert_eq!(h.state().search_text(), "Isis vat");
    assert_eq!(h.state().draw.tool, Tool::Pen, "typing chose no other tool");
    assert!(!h.state().settings.time.playing);
}

#[test]
fn escape_closes_the_export_dialog_before_anything_else() {
    let mut h = harness_at("1990-01-01");
    h.run();
    h.key_press(Key::A);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().export.open);
    h.get_by_label("Export the map");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().export.open, "Esc closed the export dialog");
    assert!(h.query_by_label("Export the map").is_none());
    assert_eq!(h.state().draw.tool, Tool::Arrow, "that Esc did nothing else");
    // The next Esc is the map's again: back to the pointer.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().draw.tool, Tool::Pointer);
}

#[test]
fn escape_closes_about_data_sources_and_import_by_path() {
    let mut h = harness_at("1990-01-01");
    h.run();
    for (menu, item, title) in [
        ("Help", "About TimeAtlas and data credits", "About TimeAtlas"),
        ("File", "Data sources…", "Data sources"),
        ("File", "Import data by path…", "Import data"),
    ] {
        h.get_by_label(menu).click();
        h.run();
        h.get_by_label(item).click();
        h.run();
        assert!(h.query_by_label(title).is_some(), "{title} opened");
        h.key_press(Key::Escape);
        h.run();
        assert!(h.query_by_label(title).is_none(), "Esc closed {title}");
    }
}

/// The timeline's "Go to date" field: the text field other than Search (it has only a placeholder).
fn go_to_date_field<'h>(h: &'h Harness<'static, TimeAtlasApp>) -> egui_kittest::Node<'h> {
    h.get_by(|n| n.role() == egui::accesskit::Role::TextInput && n.label().is_none())
}

#[test]
fn a_typed_day_is_shown_to_the_day_at_any_zoom() {
    let mut h = harness_at("1990-01-01");
    h.run();
    // The whole timeline is visible: a date is shown to the month.
    assert!(h.state().timeline_visible.1 - h.state().timeline_visible.0 > 20_000.0);
    assert_eq!(h.query_all_by_label("January 1990").count(), 2, "timeline controls and status bar");
    go_to_date_field(&h).click();
    h.run();
    type_like_a_keyboard(&mut h, "2020-01-03");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().settings.time.current_date().to_string(), "2020-01-03");
    assert!(h.state().timeline_visible.1 - h.state().timeline_visible.0 > 20_000.0, "not zoomed");
    // Shown large in the timeline's controls and once more in the status bar.
    assert_eq!(h.query_all_by_label("3 January 2020").count(), 2);
    assert!(h.query_by_label("January 2020").is_none());
    // Once the date moves on (to the next event), the zoom decides again.
    h.key_press(Key::Escape);
    h.run();
    h.key_press(Key::ArrowRight);
    h.run();
    assert_eq!(h.state().settings.time.current_date().to_string(), "2020-01-05");
    assert_eq!(h.query_all_by_label("January 2020").count(), 2);
    // Typed to the month, the month is enough.
    go_to_date_field(&h).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_like_a_keyboard(&mut h, "1979-11");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.query_all_by_label("November 1979").count(), 2);
}
