//! UI tests of the side panel: search, relations, filters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeatlas::TimeAtlasApp;
use timeatlas::app::StartOptions;
use timeatlas::map::content::MarkerItem;
use timeatlas::model::dataset::EventKind;
use timeatlas::time::parse_day;

fn harness_at(date: &str) -> Harness<'static, TimeAtlasApp> {
    common::harness_at(date, 1400.0, 900.0)
}

#[test]
fn search_soleimani_then_enter_opens_the_card_at_its_date() {
    let mut h = harness_at("1990-01-01");
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_by_label("Search").type_text("Suleimani");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().selected_event(), Some("soleimani-killed-2020"));
    assert_eq!(h.state().settings.time.current_date().to_string(), "2020-01-03");
    // The card shows its sources as links.
    h.get_by_label("Go to date");
    assert!(h.query_all_by_label("Sources").count() >= 1);
}

#[test]
fn clicking_the_swiss_relation_highlights_iran_and_moves_to_1980() {
    let mut h = harness_at("2020-01-03");
    h.run();
    h.get_by_label("Protecting powers").click();
    h.run();
    h.get_by_label("Switzerland represents United States of America in Iran, since April 1980").click();
    h.run();
    let highlighted = h.state().highlighted_countries();
    assert!(highlighted.iter().any(|c| c == "IRN"), "{highlighted:?}");
    assert!(highlighted.iter().any(|c| c == "CHE") && highlighted.iter().any(|c| c == "USA"));
    assert_eq!(h.state().settings.time.current_date().to_string(), "1980-04-01");
}

#[test]
fn in_1985_algeria_speaks_for_iran_in_the_us_and_pakistan_does_not() {
    let mut h = harness_at("1985-01-01");
    h.run();
    h.get_by_label("Protecting powers").click();
    h.run();
    let app = h.state();
    let day = app.settings.time.current_day;
    let active = |protecting: &str| {
        let i = app
            .doc
            .dataset
            .relations
            .iter()
            .position(|r| r.protecting == protecting && r.represented == "IRN" && r.host == "USA")
            .unwrap();
        app.doc.content.relation_active(i, day)
    };
    assert!(active("DZA"));
    assert!(!active("PAK"));
    // The list shows both, the one in force first.
    let algeria = h.get_by_label("Algeria represents Iran in United States of America, April 1980 – 1992").rect().top();
    let pakistan =
        h.get_by_label("Pakistan represents Iran in United States of America, since March 1992").rect().top();
    assert!(algeria < pakistan, "in force first: {algeria} vs {pakistan}");
}

#[test]
fn a_filter_that_hides_strikes_hides_them_on_map_and_timeline() {
    let mut h = harness_at("2020-01-03");
    h.run();
    let strike_markers = |h: &Harness<'_, TimeAtlasApp>| {
        h.state()
            .drawn
            .markers
            .iter()
            .filter(
                |m| matches!(m.item, MarkerItem::Event(i) if h.state().doc.dataset.events[i].kind == EventKind::Strike),
            )
            .count()
    };
    assert!(strike_markers(&h) > 0);
    let strikes_on_timeline = |h: &Harness<'_, TimeAtlasApp>| {
        h.state()
            .drawn
            .timeline_events
            .iter()
            .filter(|&&i| h.state().doc.dataset.events[i].kind == EventKind::Strike)
            .count()
    };
    assert!(strikes_on_timeline(&h) > 10);
    h.get_by_label("Filters").click();
    h.run();
    h.get_by_label("Strike").click();
    h.run();
    assert!(h.state().settings.filters.hidden_kinds.contains(&EventKind::Strike));
    assert_eq!(strike_markers(&h), 0, "no strike marker on the map");
    assert!(!h.state().highlighted_event_ids().iter().any(|id| id == "soleimani-killed-2020"));
    assert_eq!(strikes_on_timeline(&h), 0, "no strike on the timeline");
    assert!(!h.state().drawn.timeline_events.is_empty(), "other events are still drawn");
}

#[test]
fn snapshot_relation_card_with_world_inset() {
    let day = parse_day("2020-01-03").unwrap();
    let mut h = Harness::builder().with_size(egui::vec2(1400.0, 900.0)).wgpu().build_eframe(move |cc| {
        let today = parse_day("2026-11-21").ok();
        TimeAtlasApp::new(cc, StartOptions { fresh: true, date: Some(day), today, ..Default::default() })
    });
    h.run();
    h.get_by_label("Protecting powers").click();
    h.run();
    h.get_by_label("Sweden represents United States of America in North Korea, since 1995").click();
    h.run();
    assert!(h.state().highlighted_countries().iter().any(|c| c == "PRK"));
    h.snapshot("relation_card_sweden_usa_north_korea");
}

#[test]
fn a_group_card_says_which_area_is_drawn_at_the_date() {
    let mut h = harness_at("2020-01-03");
    h.run();
    h.state_mut().card = Some(timeatlas::model::search::Hit::Group("isis".into()));
    h.run();
    // After Baghuz the group is an insurgency: active, but holding no ground the map draws.
    h.get_by_label("No area drawn at this date.");
    h.get_by_label_contains("Other mapped periods: 29 June 2014 – March 2015");
    h.state_mut().settings.time.set_day(parse_day("2015-06-01").unwrap());
    h.run();
    h.get_by_label_contains("Area at this date (April 2015 – December 2015, approximate): 2015: Tikrit lost");
}

#[test]
fn the_protecting_powers_in_force_show_at_the_top_of_the_panel_and_follow_the_date() {
    let mut h = harness_at("1985-06-01");
    h.run();
    // No tab clicked: the strip is there from the start, above the search box.
    let strip = h.get_by_label("In force on 1 June 1985:").rect().top();
    let swiss = h.get_by_label("Switzerland for United States of America in Iran");
    h.get_by_label("Algeria for Iran in United States of America");
    assert!(strip < h.get_by_label("Search").rect().top());
    assert!(h.query_by_label("Pakistan for Iran in United States of America").is_none(), "not before 1992");
    swiss.click();
    h.run();
    assert!(matches!(h.state().card.as_ref(), Some(timeatlas::model::search::Hit::Relation(_))));
    // Moved to 2000, Pakistan has taken over from Algeria.
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, timeatlas::command::Command::Time(timeatlas::command::TimeCommand::JumpTo("2000-01-01".into())));
    h.run();
    h.get_by_label("In force on 1 January 2000:");
    h.get_by_label("Pakistan for Iran in United States of America");
    assert!(h.query_by_label("Algeria for Iran in United States of America").is_none());
    h.get_by_label("Switzerland for United States of America in Iran");
    // In 2020 about a dozen are in force: the strip names four, and the rest are one click away.
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, timeatlas::command::Command::Time(timeatlas::command::TimeCommand::JumpTo("2020-01-03".into())));
    h.run();
    let in_force_links = h.query_all_by(|n| {
        n.role() == egui::accesskit::Role::Link && n.label().is_some_and(|l| l.contains(" for ") && l.contains(" in "))
    });
    assert_eq!(in_force_links.count(), 4);
    h.get_by_label_contains(" more").click();
    h.run();
    h.get_by_label("Only those in force at this date");
}

#[test]
fn while_playing_fast_the_strip_names_the_month_and_names_the_day_again_when_paused() {
    let mut h = harness_at("1985-06-01");
    h.state_mut().settings.time.speed_days_per_sec = 365.25;
    h.state_mut().settings.time.playing = true;
    h.step();
    h.get_by_label_contains("In force in June 1985:");
    h.state_mut().settings.time.playing = false;
    h.state_mut().settings.time.set_day(timeatlas::time::parse_day("1985-06-01").unwrap());
    h.step();
    h.get_by_label("In force on 1 June 1985:");
}

#[test]
fn while_playing_the_in_force_links_stay_put_as_the_month_changes() {
    // The header takes the width of the year's longest month, so the links after it do not jump as the
    // month's name grows and shrinks.
    let mut h = harness_at("1985-06-01");
    // A month a second, the slowest speed that names the month: each step moves the date a few days.
    h.state_mut().settings.time.speed_days_per_sec = timeatlas::time::DAYS_PER_MONTH;
    h.state_mut().settings.time.playing = true;
    h.step();
    let june = swiss_link(&h);
    for (day, header) in [("1985-09-02", "In force in September 1985:"), ("1985-05-02", "In force in May 1985:")] {
        h.state_mut().settings.time.set_day(timeatlas::time::parse_day(day).unwrap());
        h.step();
        h.get_by_label_contains(header);
        assert_eq!(swiss_link(&h), june, "{header}");
    }
}

/// Where the in-force strip's link for the Swiss channel (the US in Iran) is.
fn swiss_link(h: &egui_kittest::Harness<'_, timeatlas::app::TimeAtlasApp>) -> egui::Rect {
    let link = h.query_by(|n| {
        n.role() == egui::accesskit::Role::Link
            && n.label().is_some_and(|l| l == "Switzerland for United States of America in Iran")
    });
    link.expect("the Swiss channel is in force").rect()
}
