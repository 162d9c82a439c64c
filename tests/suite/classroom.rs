//! The classroom, tried as a teacher and a student would (issue #19): the projector layout, what a click
//! on the map opens, and labels clear of the markers.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeatlas::TimeAtlasApp;
use timeatlas::command::{
    CardCommand, Command, DrawCommand, FileCommand, LessonCommand, MapCommand, SlideEdit, WindowCommand,
};
use timeatlas::map::content::{MarkerItem, marker_rects};
use timeatlas::map::labels::LabelStyle;
use timeatlas::model::AreaRole;
use timeatlas::model::search::Hit;
use timeatlas::text::names::NameMode;

fn open_side_panel(h: &mut Harness<'static, TimeAtlasApp>) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Window(WindowCommand::ShowSidePanel(true)));
    h.run();
    h.run();
}

/// 1024×768 and 1280×720 projectors at UI scale 2: the map keeps at least 60 % of the height and its whole
/// width with the side panel open (the panel lies over it), and Home fits the four countries into the part
/// the panel leaves free.
#[test]
fn on_a_projector_the_map_keeps_the_room_and_home_fits_the_free_part() {
    for (w, h_points) in [(512.0, 384.0), (640.0, 360.0)] {
        let mut h = common::harness_at("2020-01-03", w, h_points);
        h.run();
        open_side_panel(&mut h);
        let app = h.state();
        let map = app.drawn.map_rect;
        assert!(map.height() >= 0.6 * h_points, "{w}×{h_points}: the map is {map:?}");
        assert!(map.width() >= w - 1.0, "{w}×{h_points}: the side panel squeezes the map: {map:?}");
        assert!(app.drawn.side_covers_map > 100.0, "the side panel is open over the map");
        let search = h.get_by_label("Search").rect();
        assert!(
            search.right() > map.right() - app.drawn.side_covers_map,
            "the search box is in the panel over the map"
        );
        // The panel stays over the map: it never covers the timeline under it.
        let hide = h.get_by_label("Hide").rect();
        assert!(hide.top() >= map.top() - 1.0 && hide.bottom() <= map.bottom(), "{hide:?} {map:?}");
        let free_right = map.right() - app.drawn.side_covers_map;
        let home = app.doc.data.prepared.home;
        let p = app.map_projector();
        for corner in [home.min, home.max] {
            let at = p.screen_from_map(corner);
            assert!(
                at.x >= map.left() - 1.0 && at.x <= free_right + 1.0 && at.y >= map.top() - 1.0,
                "{w}×{h_points}: a corner of the four countries is drawn at {at:?}, outside the free map"
            );
        }
        // The four countries fill the free part's width or height (not a quarter of it).
        let (a, b) = (p.screen_from_map(home.min), p.screen_from_map(home.max));
        let fill = ((b.x - a.x) / (free_right - map.left())).max((a.y - b.y) / map.height());
        assert!(fill > 0.85, "{w}×{h_points}: the four countries fill {fill} of the free map");
    }
}

/// In the projector theme at 1024×768×2 the status bar's coordinates never run over the credits.
#[test]
fn status_coordinates_stay_clear_of_the_credits() {
    for width in [512.0, 1400.0] {
        let mut h = common::harness_at("2020-01-03", width, 384.0);
        let ctx = h.ctx.clone();
        h.state_mut().apply(&ctx, Command::Map(MapCommand::SetTheme(timeatlas::theme::ThemeChoice::Projector)));
        h.run();
        let at = h.state().drawn.map_rect.center();
        h.hover_at(at);
        h.run();
        let pointer = h.state().pointer.expect("the pointer is over the map");
        let text = timeatlas::panels::status::format_geo(pointer);
        let credits = h.get_by_label(timeatlas::panels::status::CREDITS).rect();
        match h.query_by_label(&text) {
            Some(coordinates) => {
                assert!(!coordinates.rect().intersects(credits), "{width}: {:?} {credits:?}", coordinates.rect());
            }
            None => assert!(width < 1000.0, "a wide window has room for the coordinates"),
        }
    }
}

/// Baghdad in 1976: the closed embassy and the open interests section share a spot. A click opens the
/// interests section (drawn on top, open) and leaves the date; "Go to date" on its card moves it.
#[test]
fn a_click_on_stacked_markers_opens_the_drawn_record_and_keeps_the_date() {
    let mut h = common::harness_at("1976-06-01", 1400.0, 900.0);
    h.run();
    let app = h.state();
    let section = app.doc.dataset.positions.iter().position(|p| p.id == "us-interests-section-baghdad-1972").unwrap();
    let embassy = app.doc.dataset.positions.iter().position(|p| p.id == "us-embassy-baghdad").unwrap();
    let at = |i: usize| app.drawn.markers.iter().find(|m| m.item == MarkerItem::Position(i)).map(|m| m.pos);
    let (section_at, embassy_at) =
        (at(section).expect("the section is drawn"), at(embassy).expect("so is the embassy"));
    assert!(section_at.distance(embassy_at) < 4.0, "stacked: {section_at:?} {embassy_at:?}");
    let day = app.settings.time.current_day;
    // Right on the closed embassy: still the open record drawn over it.
    common::click_at(&mut h, embassy_at);
    let chooser = h.state().chooser.clone();
    assert_eq!(h.state().card, Some(Hit::Position("us-interests-section-baghdad-1972".into())), "{chooser:?}");
    assert_eq!(h.state().settings.time.current_day, day, "the click does not move the date");
    assert!(chooser.is_none());
    h.get_by_label("Go to date").click();
    h.run();
    let first_open = timeatlas::time::parse_day("1972-01-01").unwrap();
    assert_eq!(h.state().settings.time.current_day, first_open, "Go to date moves it, visibly");
}

/// Baghdad in June 1980: Saddam Hussein's accession (July 1979) is still drawn there over the open
/// interests section. A click offers both; choosing one opens it and leaves the date.
#[test]
fn a_click_on_an_event_over_a_position_offers_a_chooser() {
    let mut h = common::harness_at("1980-06-01", 1400.0, 900.0);
    h.run();
    let app = h.state();
    let section = app.doc.dataset.positions.iter().position(|p| p.id == "us-interests-section-baghdad-1972").unwrap();
    let at = app.drawn.markers.iter().find(|m| m.item == MarkerItem::Position(section)).map(|m| m.pos).unwrap();
    let day = app.settings.time.current_day;
    common::click_at(&mut h, at);
    let chooser = h.state().chooser.clone().expect("two records drawn on the spot");
    assert!(chooser.items.len() >= 2, "{chooser:?}");
    let name = "US Interests Section in the Belgian Embassy, Baghdad";
    assert!(chooser.items.iter().any(|(n, _)| n == name), "{chooser:?}");
    assert!(h.state().card.is_none(), "nothing opens before the user chooses");
    h.get_by_label(name).click();
    h.run();
    assert_eq!(h.state().card, Some(Hit::Position("us-interests-section-baghdad-1972".into())));
    assert!(h.state().chooser.is_none());
    assert_eq!(h.state().settings.time.current_day, day);
}

/// Where two armed groups' areas overlap (Iraq, 2015) a click offers both, smallest first; inside one area
/// only, it opens that group's card at once. The date stays.
#[test]
fn armed_group_areas_are_pickable_with_a_chooser_where_they_overlap() {
    let mut h = common::harness_at("2015-06-01", 1400.0, 900.0);
    h.run();
    let app = h.state();
    let day = app.settings.time.current_day;
    let p = app.map_projector();
    let obstacles = marker_rects(&app.drawn.markers);
    let groups_at = |pos: egui::Pos2| -> Vec<String> {
        let at = p.map_from_screen(pos);
        let mut ids: Vec<String> = Vec::new();
        for (g, group) in app.doc.dataset.groups.iter().enumerate() {
            let hit = app
                .doc
                .content
                .group_areas_at(g, day)
                .iter()
                .any(|&(a, _)| app.doc.content.group_areas.hit_area(a, at));
            if hit && !ids.contains(&group.id) {
                ids.push(group.id.clone());
            }
        }
        ids
    };
    let map = app.drawn.map_rect.shrink(40.0);
    let mut one = None;
    let mut several = None;
    for y in (map.top() as i32..map.bottom() as i32).step_by(6) {
        for x in (map.left() as i32..map.right() as i32).step_by(6) {
            let pos = egui::pos2(x as f32, y as f32);
            if obstacles.iter().any(|o| o.expand(6.0).contains(pos)) {
                continue;
            }
            match groups_at(pos).len() {
                1 if one.is_none() => one = Some((pos, groups_at(pos))),
                n if n >= 2 && several.is_none() => several = Some((pos, groups_at(pos))),
                _ => {}
            }
        }
    }
    let (pos, ids) = one.expect("a spot inside one group's area only");
    common::click_at(&mut h, pos);
    assert_eq!(h.state().card, Some(Hit::Group(ids[0].clone())), "at {pos:?}");
    assert_eq!(h.state().settings.time.current_day, day);

    let (pos, ids) = several.expect("a spot where two groups' areas overlap");
    common::click_at(&mut h, pos);
    let chooser = h.state().chooser.clone().expect("a chooser for the overlapping areas");
    assert_eq!(chooser.items.len(), ids.len(), "{:?} vs {ids:?}", chooser.items);
    let (first, _) = chooser.items.first().cloned().unwrap();
    h.get_by_label(&first).click();
    h.run();
    assert!(matches!(h.state().card, Some(Hit::Group(_))), "{:?}", h.state().card);
    assert!(h.state().chooser.is_none(), "choosing closes the chooser");
    assert_eq!(h.state().settings.time.current_day, day);
}

/// Labels step aside for the markers: on 3 January 2020 no label drawn lies under a marker (but a focus
/// country's name boxed in by them), on a
/// classroom screen and on a projector, at Home and zoomed in on Baghdad, where Baghdad, Kuwait and
/// Tehran keep their names.
#[test]
fn no_label_lies_under_a_marker() {
    for (w, h_points, zoom) in [(1600.0, 1000.0, false), (512.0, 384.0, false), (1600.0, 1000.0, true)] {
        let mut h = common::harness_at("2020-01-03", w, h_points);
        h.run();
        if zoom {
            let ctx = h.ctx.clone();
            h.state_mut()
                .apply(&ctx, Command::Map(MapCommand::ShowOnMap(timeatlas::model::GeoPoint::lat_lon(32.0, 47.0))));
            h.run();
            h.state_mut().apply(&ctx, Command::Map(MapCommand::ZoomBy(0.7)));
            h.run();
        }
        let app = h.state();
        let obstacles = marker_rects(&app.drawn.markers);
        assert!(!obstacles.is_empty());
        // A focus country's name or a capital that has nowhere else to go stays (the map must say which is
        // Iraq, and name its capital).
        let movable = app.drawn.labels.iter().filter(|l| l.style != LabelStyle::Focus && !l.keep);
        for label in movable {
            let r = label.rect();
            assert!(
                !obstacles.iter().any(|o| o.intersects(r)),
                "{w}×{h_points}: {:?} at {r:?} lies under a marker",
                label.galley.text()
            );
        }
        // A country's name moved aside stays in its country (not "IRAQ" written over Syria), or, for a
        // small neighbour, right beside it.
        let p = app.map_projector();
        let countries = &app.doc.data.prepared.countries;
        for label in app.drawn.labels.iter().filter(|l| l.inside_area.is_some()) {
            let Some(a) = label.inside_area else { continue };
            let r = label.rect();
            let inside = countries.hit_area(a, p.map_from_screen(r.center()));
            let bbox = countries.areas[a].bbox;
            let bounds = egui::Rect::from_two_pos(p.screen_from_map(bbox.min), p.screen_from_map(bbox.max));
            let beside = label.style == LabelStyle::Context && bounds.expand(2.0 * 9.0 + 4.0).intersects(r);
            // Or it points at its country with a line.
            let leader = label.leader.is_some_and(|[_, to]| countries.hit_area(a, p.map_from_screen(to)));
            assert!(inside || beside || leader, "{w}×{h_points}: {:?} left its country", label.galley.text());
            // Its letters cover no other country (a neighbour's name: no focus country).
            let spread = [0.1, 0.37, 0.63, 0.9].into_iter().flat_map(|fx| [(fx, 0.3), (fx, 0.7)]);
            for (fx, fy) in spread {
                let at = egui::pos2(r.left() + r.width() * fx, r.top() + r.height() * fy);
                let other = countries.hit(p.map_from_screen(at)).filter(|&o| o != a);
                let focus = other.is_some_and(|o| app.doc.data.atlas.countries[o].role == AreaRole::Focus);
                let bad = if label.style == LabelStyle::Focus && !leader { other.is_some() } else { focus };
                assert!(!bad, "{w}×{h_points}: {:?} at {r:?} lies over a neighbour", label.galley.text());
            }
        }
        let names: Vec<&str> = app.drawn.labels.iter().map(|l| l.galley.text()).collect();
        for country in ["IRAQ", "IRAN", "SYRIA", "YEMEN"] {
            let in_view = app.placed_label_texts().iter().any(|n| n == country);
            assert!(!in_view || names.contains(&country), "{w}×{h_points}: {country} lost its name: {names:?}");
        }
        if zoom {
            // Every one of these the view had room for before the markers came keeps its name.
            let in_view = app.placed_label_texts();
            assert!(in_view.iter().any(|n| n == "Baghdad"), "{in_view:?}");
            for city in ["Baghdad", "Kuwait", "Tehran", "Qatar"].into_iter().filter(|c| in_view.iter().any(|n| n == c))
            {
                assert!(names.contains(&city), "{city} keeps its name: {names:?}");
            }
        }
    }
}

/// On a projector (1024×768 at UI scale 2) in January 2020, in English and with both names: no name lies
/// under a marker. A name moves clear of them, Kuwait with a line to its country; a focus country's name or a
/// capital with nowhere free to go is drawn over the markers (never away from its country); all four
/// countries, Tehran and Baghdad are named.
#[test]
fn on_a_projector_in_2020_no_name_lies_under_a_marker() {
    for names in [NameMode::English, NameMode::Both] {
        let mut h = common::harness_at("2020-01-03", 512.0, 384.0);
        let ctx = h.ctx.clone();
        h.state_mut().apply(&ctx, Command::Map(MapCommand::SetNames(names)));
        h.run();
        h.run();
        let app = h.state();
        let obstacles = marker_rects(&app.drawn.markers);
        let labels = &app.drawn.labels;
        let list: Vec<(&str, egui::Rect, bool, bool)> =
            labels.iter().map(|l| (l.galley.text(), l.rect(), l.leader.is_some(), l.over_markers)).collect();
        for label in labels {
            let covered = obstacles.iter().any(|o| o.intersects(label.rect()));
            let may_stay = label.style == LabelStyle::Focus || label.keep;
            assert!(
                !covered || (label.over_markers && may_stay),
                "{names:?}: {:?} lies under a marker: {list:?}",
                label.galley.text()
            );
            assert!(covered || !label.over_markers, "{names:?}: {:?} is over no marker", label.galley.text());
        }
        let first_line =
            |l: &&timeatlas::map::labels::PlacedLabel| l.galley.text().lines().next().unwrap_or("").to_owned();
        let named: Vec<String> = labels.iter().map(|l| first_line(&l)).collect();
        let wanted: &[&str] = if names == NameMode::English { &["Kuwait", "Tehran", "Baghdad"] } else { &["Tehran"] };
        for name in ["IRAN", "IRAQ", "SYRIA", "YEMEN"].iter().chain(wanted) {
            assert!(named.iter().any(|n| n == name), "{names:?}: {name} is named: {list:?}");
        }
        for label in labels.iter().filter(|l| l.leader.is_some()) {
            // The line runs from the name to its feature: a city's dot, a spot in the country.
            let [from, to] = label.leader.unwrap();
            assert!(label.rect().expand(3.0).contains(from) && to.distance(label.anchor) <= 5.0, "{list:?}");
            assert!(label.style != LabelStyle::Focus, "a focus country's name keeps to its country: {list:?}");
        }
        for name in ["Kuwait"].into_iter().filter(|_| names == NameMode::English) {
            let l = labels.iter().find(|l| l.galley.text() == name).unwrap();
            assert!(l.leader.is_some(), "{name} points at its country: {list:?}");
        }
    }
}

/// On a projector (1024×768 at UI scale 2) in November 1979, the four countries are all named (each name
/// inside its country, moved or shrunk to fit: "SYRIA" and "YEMEN" were dropped, "IRAQ" sat over Syria),
/// and Baghdad keeps its name.
#[test]
fn on_a_projector_in_1979_every_focus_country_is_named() {
    let mut h = common::harness_at("1979-11-04", 512.0, 384.0);
    h.run();
    let app = h.state();
    let names: Vec<&str> = app.drawn.labels.iter().map(|l| l.galley.text()).collect();
    for name in ["IRAN", "IRAQ", "SYRIA", "YEMEN", "Baghdad", "Tehran"] {
        assert!(names.contains(&name), "{name} is named: {names:?}");
    }
    let p = app.map_projector();
    let countries = &app.doc.data.prepared.countries;
    let obstacles = marker_rects(&app.drawn.markers);
    // Each inside its country, and under no marker: clear of them, or, where they leave no room, over them.
    for label in app.drawn.labels.iter().filter(|l| l.style == LabelStyle::Focus) {
        let (r, a) = (label.rect(), label.inside_area.unwrap());
        let covered = obstacles.iter().any(|o| o.intersects(r));
        assert!(!covered || label.over_markers, "{:?} lies under a marker", label.galley.text());
        assert!(label.leader.is_none(), "{:?} keeps to its country", label.galley.text());
        assert!(countries.hit_area(a, p.map_from_screen(r.center())), "{:?}", label.galley.text());
        let over = |at: egui::Pos2| countries.hit(p.map_from_screen(at)).is_some_and(|o| o != a);
        assert!(!over(r.left_center() + egui::vec2(4.0, 0.0)) && !over(r.right_center() - egui::vec2(4.0, 0.0)));
    }
}

/// Presenting the sample lesson on a 1024×768 projector at scale 2: every slide's caption is at least the
/// projector minimum, and its "Sources:" line is on screen, whole, under the map.
#[test]
fn presenting_on_a_projector_shows_every_sources_line_whole() {
    let mut h = common::harness_at("2020-01-03", 512.0, 384.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::OpenSampleLesson));
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::Present(true)));
    h.run_steps(20);
    let slides = h.state().lesson.len();
    assert!(slides > 3);
    for n in 0..slides {
        h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::GoToSlide(n)));
        h.run_steps(20);
        // A long caption wraps onto more lines rather than shrink below what a projector shows legibly,
        // and the map keeps most of the screen.
        let caption_pt = h.state().drawn.caption_pt.unwrap_or_default();
        assert!(caption_pt >= timeatlas::theme::size::CAPTION_MIN, "slide {n}: caption at {caption_pt} pt");
        assert!(h.state().drawn.map_size.y >= 150.0, "slide {n}: map {:?}", h.state().drawn.map_size);
        let has_sources = h.state().lesson.slide().is_some_and(|s| !s.sources.is_empty());
        if !has_sources {
            continue;
        }
        let line = h.get_by_label("Sources:").rect();
        let map = h.state().drawn.map_rect;
        assert!(line.bottom() <= 384.0 + 0.5 && line.top() >= map.bottom() - 0.5, "slide {n}: {line:?} map {map:?}");
    }
}

/// The label tool's text box opens beside the point clicked, not in the window's corner.
#[test]
fn the_label_editor_opens_where_the_user_clicked() {
    let mut h = common::harness_at("2020-01-03", 1400.0, 900.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Draw(DrawCommand::SetTool(timeatlas::command::Tool::Text)));
    h.run();
    let map = h.state().drawn.map_rect;
    let at = map.center() + egui::vec2(map.width() * 0.25, map.height() * 0.2);
    common::click_at(&mut h, at);
    h.run();
    assert!(h.state().draw.text_edit.is_some(), "the click started a label");
    let window = h.get_by_label("Type the label; Enter keeps it, Shift+Enter starts a new line.").rect();
    assert!(window.left() > map.center().x && window.top() > map.center().y - 40.0, "opened at {window:?}");
    assert!(window.left_top().distance(at) < 160.0, "{window:?} far from the click at {at:?}");
}

/// "Add slide" at 4 November 1979 with the 2020 Soleimani strike's card still open: the slide's sources are
/// those of what it shows (the embassy seizure), not the open card's.
#[test]
fn a_new_slide_takes_the_sources_of_what_it_shows() {
    let mut h = common::harness_at("1979-11-04", 1400.0, 900.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Card(CardCommand::OpenCard(Some(Hit::Event("soleimani-killed-2020".into())))));
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::NewLesson));
    h.run();
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::Slide(SlideEdit::Add)));
    h.run();
    let app = h.state();
    let slide = app.lesson.lesson.as_ref().unwrap().slides.last().unwrap().clone();
    let strike = app.doc.dataset.event("soleimani-killed-2020").unwrap();
    assert!(!slide.sources.is_empty(), "the slide names its sources");
    assert!(
        !slide.sources.iter().any(|s| strike.sources.iter().any(|x| x.url == s.url)),
        "a 1979 slide lists the 2020 strike's sources: {:?}",
        slide.sources
    );
    let shown: Vec<String> = app.highlighted_event_ids();
    let shown_urls: Vec<&str> = shown
        .iter()
        .filter_map(|id| app.doc.dataset.event(id))
        .flat_map(|e| e.sources.iter().map(|s| s.url.as_str()))
        .collect();
    assert!(slide.sources.iter().all(|s| shown_urls.contains(&s.url.as_str())), "{:?}", slide.sources);
}

/// Opening a lesson keeps the drawings made on the free map (with their undo) and closing it puts them
/// back; the last slide's drawings do not stay behind on the map.
#[test]
fn opening_and_closing_a_lesson_keeps_the_free_drawings() {
    use timeatlas::annotate::{Edit, Shape, Style};
    let mut h = common::harness_at("2020-01-03", 1400.0, 900.0);
    h.run();
    let ctx = h.ctx.clone();
    let label = Shape::Text { at: timeatlas::model::GeoPoint::lat_lon(33.0, 44.0), text: "Mine".into() };
    h.state_mut()
        .apply(&ctx, Command::Draw(DrawCommand::EditAnnotations(Edit::Add(label.clone(), Style::default()), false)));
    h.run();
    let mine = h.state().draw.history.items().to_vec();
    assert_eq!(mine.len(), 1);
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::OpenSampleLesson));
    h.run_steps(5);
    assert!(h.state().lesson.len() > 1);
    assert!(h.state().draw.history.items() != &mine[..], "the lesson's own drawings show");
    let last = h.state().lesson.len() - 1;
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::GoToSlide(last)));
    h.run_steps(5);
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::CloseLesson));
    h.run_steps(5);
    assert_eq!(h.state().draw.history.items(), &mine[..], "the free drawings are back, and only they");
    assert!(h.state().draw.history.can_undo(), "with their undo");
}

/// A new lesson can be renamed; saving to a path without an extension writes `.json`, says so, and the
/// next "Save lesson" writes to the same file without asking again.
#[test]
fn a_lesson_is_renamed_saved_with_its_extension_and_saved_again_in_place() {
    use timeatlas::command::FileAction;
    let dir = tempfile::tempdir().unwrap();
    let mut h = common::harness_at("2020-01-03", 1400.0, 900.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::NewLesson));
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::RenameLesson("Week 3: the embassy".into())));
    h.state_mut().apply(&ctx, Command::File(FileCommand::FileChosen(FileAction::SaveLesson, dir.path().join("week3"))));
    h.run();
    let file = dir.path().join("week3.json");
    assert!(file.is_file(), "saved with its extension");
    assert!(std::fs::read_to_string(&file).unwrap().contains("Week 3: the embassy"));
    let note = h.state().lesson.saved.clone().unwrap().unwrap();
    assert!(note.starts_with("Saved to") && note.contains("week3.json"), "{note}");
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::RenameLesson("Week 4".into())));
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::SaveLesson));
    h.run();
    assert!(std::fs::read_to_string(&file).unwrap().contains("Week 4"), "saved in place");
    assert!(h.query_by_label("Save the lesson").is_none(), "without asking for the path again");
}

/// A teacher cites a page of their own on a slide: a blank title or an address the class could not open is
/// refused with a word, a good one is added (once), and it is saved with the lesson.
#[test]
fn a_teacher_adds_a_source_of_their_own_to_a_slide() {
    let mut h = common::harness_at("1979-11-04", 1400.0, 900.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::NewLesson));
    h.run();
    let sources = |h: &Harness<'static, TimeAtlasApp>| h.state().lesson.slide().unwrap().sources.clone();
    let before = sources(&h);
    h.get_by_label("Add a source").click();
    h.run();
    h.get_by_label("Address").set_text_value_accesskit("file:///home/teacher/notes.html");
    h.run();
    h.get_by_label("Add to the slide").click_accesskit();
    h.run();
    assert_eq!(sources(&h), before, "a blank title is refused");
    assert!(h.query_by_label_contains("Give the page's title").is_some());
    h.get_by_label("Page title").set_text_value_accesskit("Teacher's notes");
    h.run();
    h.get_by_label("Add to the slide").click_accesskit();
    h.run();
    assert_eq!(sources(&h), before, "a file address is refused");
    assert!(h.query_by_label_contains("Not added").is_some());
    // The fields keep what was typed after a refusal: fix the address only.
    assert_eq!(h.get_by_label("Page title").value().as_deref(), Some("Teacher's notes"));
    h.get_by_label("Address")
        .set_text_value_accesskit("https://history.state.gov/milestones/1977-1980/iran-hostage-crisis");
    h.run();
    h.get_by_label("Add to the slide").click_accesskit();
    h.run();
    let after = sources(&h);
    assert_eq!(after.len(), before.len() + 1, "{after:?}");
    let added = after.last().unwrap();
    assert_eq!(added.title, "Teacher's notes");
    assert_eq!(added.url, "https://history.state.gov/milestones/1977-1980/iran-hostage-crisis");
    // The same address again is not cited twice.
    let again = timeatlas::lesson::Source { url: added.url.clone(), title: "again".into() };
    h.state_mut().apply(&ctx, Command::Lesson(LessonCommand::AddSlideSource(again)));
    assert_eq!(sources(&h).len(), after.len());
    let text = timeatlas::lesson::to_json(h.state().lesson.lesson.as_ref().unwrap()).unwrap();
    assert!(text.contains("iran-hostage-crisis"), "saved with the lesson");
}

/// On a projector (1024×768 at UI scale 2) with a group's card open in the side panel, the in-force strip
/// names fewer relations, so the panel's tabs stay in view under the card without scrolling.
#[test]
fn on_a_projector_a_card_leaves_the_tabs_in_view() {
    let mut h = common::harness_at("2015-06-01", 512.0, 384.0);
    h.run();
    let ctx = h.ctx.clone();
    let group = h.state().doc.dataset.groups.first().map(|g| g.id.clone()).unwrap();
    h.state_mut().apply(&ctx, Command::Card(CardCommand::Open(Some(Hit::Group(group)))));
    h.state_mut().apply(&ctx, Command::Window(WindowCommand::ShowSidePanel(true)));
    h.run_steps(20);
    let map = h.state().drawn.map_rect;
    let tab = h.get_by_label("This date").rect();
    assert!(tab.bottom() <= map.bottom() + 0.5, "the tabs at {tab:?} are below the panel's room {map:?}");
    let links = h.query_all_by(|n| {
        n.role() == egui::accesskit::Role::Link && n.label().is_some_and(|l| l.contains(" for ") && l.contains(" in "))
    });
    assert_eq!(links.count(), timeatlas::panels::relations::IN_FORCE_SHOWN_SHORT);
}
