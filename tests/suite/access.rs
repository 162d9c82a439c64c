//! Screen readers and reduced motion: the custom-painted map and timeline tell what they show through
//! AccessKit, and the View menu turns motion off.

#![allow(clippy::unwrap_used)]

use crate::common;

use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[test]
fn the_map_and_the_timeline_tell_screen_readers_what_they_show() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    // The markers are known after the first frame; the description names them in the next.
    h.run();
    let map = h.get_by_label("Map of Iran, Iraq, Syria, Yemen and neighbours").accesskit_node().value().unwrap();
    assert!(map.starts_with("3 January 2020"), "{map}");
    assert!(map.contains("markers on the map") && !map.contains(" 0 markers"), "{map}");
    let first = map.split(". ").nth(2).unwrap_or_default();
    assert!(first.contains("Soleimani"), "the strike of the day is named first: {map}");
    let timeline = h.get_by_label("Timeline of events").accesskit_node().value().unwrap();
    assert!(timeline.starts_with("January 2020; showing 19") && timeline.ends_with("to 2026"), "{timeline}");
}

#[test]
fn reduced_motion_in_the_view_menu_turns_transitions_and_animations_off() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    // (egui_kittest itself starts every harness with animations off.)
    h.run();
    assert!(h.state().settings.transitions);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Reduced motion").click();
    h.run();
    assert!(!h.state().settings.transitions);
    assert_eq!(h.ctx.global_style().animation_time, 0.0);
    if h.query_by_label("Reduced motion").is_none() {
        h.get_by_label("View").click();
        h.run();
    }
    h.get_by_label("Reduced motion").click();
    h.run();
    assert!(h.state().settings.transitions);
    assert!(h.ctx.global_style().animation_time > 0.0, "turned back on");
}
