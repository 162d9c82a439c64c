//! Annotating and exporting: sizes, where an annotation changes the image, the SVG, drawing with the tools
//! and undo/redo in the real app, a corrupted annotation file, and the `timeatlas export` command.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Command as Process;

use egui::{Key, Modifiers, Pos2};
use timeatlas::TimeAtlasApp;
use timeatlas::annotate::{AnnotationColor, Edit, Shape, Style};
use timeatlas::export::{ExportFormat, ExportOptions, ExportView, Exporter};
use timeatlas::model::GeoPoint;

fn app_at(date: &str) -> TimeAtlasApp {
    common::headless_at(date)
}

fn options(size_px: [u32; 2]) -> ExportOptions {
    ExportOptions { size_px, title: "Test".into(), ..ExportOptions::default() }
}

fn png(app: &TimeAtlasApp, exporter: &mut Exporter, opts: &ExportOptions) -> image::RgbaImage {
    let mut scene = app.export_scene();
    scene.view = ExportView::Home;
    exporter.png(&scene, opts).unwrap()
}

#[test]
fn exports_have_exactly_the_requested_sizes() {
    let app = app_at("2020-01-03");
    let mut exporter = Exporter::new();
    for size in [[640, 360], [1000, 1000], [3840, 2160]] {
        let img = png(&app, &mut exporter, &options(size));
        assert_eq!([img.width(), img.height()], size);
        // Not blank: the sea, land and labels give many colours.
        let mut colours: Vec<_> = img.pixels().step_by(97).map(|p| p.0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert!(colours.len() > 20, "{size:?}: only {} colours", colours.len());
    }
}

#[test]
fn an_arrow_changes_the_image_where_it_is_and_nowhere_far_from_it() {
    let mut app = app_at("2020-01-03");
    let mut exporter = Exporter::new();
    let opts = options([1200, 800]);
    let before = png(&app, &mut exporter, &opts);
    // An arrow from Baghdad to Tehran.
    let (from, to) = (GeoPoint::lat_lon(33.3, 44.4), GeoPoint::lat_lon(35.7, 51.4));
    let style = Style { color: AnnotationColor::Vermilion, stroke_width: 6.0, font_size: 22.0 };
    app.draw.history.apply(Edit::Add(Shape::Arrow { from, to }, style), false);
    let after = png(&app, &mut exporter, &opts);
    let p = exporter.last_projector.unwrap();
    let ppp = timeatlas::export::frame::pixels_per_point(opts.size_px);
    let (a, b) = (p.screen_from_geo(from) * ppp, p.screen_from_geo(to) * ppp);
    let near = egui::Rect::from_two_pos(a, b).expand(40.0);
    let mut changed_near = 0;
    for (x, y, px) in after.enumerate_pixels() {
        if *px != *before.get_pixel(x, y) {
            let at = Pos2::new(x as f32, y as f32);
            assert!(near.contains(at), "pixel {x},{y} changed, far from the arrow {near:?}");
            changed_near += 1;
        }
    }
    assert!(changed_near > 800, "the arrow changed only {changed_near} pixels");
}

#[test]
fn the_svg_parses_and_has_the_title_and_the_country_paths() {
    let app = app_at("2020-01-03");
    let mut exporter = Exporter::new();
    let mut opts = options([1600, 900]);
    opts.format = ExportFormat::Svg;
    opts.title = "Iran & Iraq <2020>".into();
    let mut scene = app.export_scene();
    scene.view = ExportView::Home;
    let svg = exporter.svg(&scene, &opts);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("1600"));
    assert_eq!(root.attribute("height"), Some("900"));
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.text(), Some("Iran & Iraq <2020>"));
    for iso in ["IRN", "IRQ", "SYR", "YEM", "SAU"] {
        let path = doc.descendants().find(|n| n.attribute("id") == Some(iso)).unwrap_or_else(|| panic!("{iso}"));
        assert!(path.attribute("d").unwrap().len() > 200, "{iso} has a real outline");
    }
    let texts: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text()).collect();
    assert!(texts.iter().any(|t| t.contains("Baghdad")), "city labels are text: {texts:?}");
}

/// With both names, each label is two `<text>` rows: the English one, and under it the local one in logical
/// order, marked right to left and set in the bundled Arabic-script font.
#[test]
fn the_svg_keeps_local_names_as_right_to_left_unicode_text() {
    let mut app = app_at("2020-01-03");
    app.settings.names = timeatlas::text::names::NameMode::Both;
    let mut exporter = Exporter::new();
    let mut opts = options([1600, 900]);
    opts.format = ExportFormat::Svg;
    let mut scene = app.export_scene();
    scene.view = ExportView::Home;
    let svg = exporter.svg(&scene, &opts);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let text = |s: &str| doc.descendants().find(|n| n.has_tag_name("text") && n.text() == Some(s));
    let y = |n: roxmltree::Node<'_, '_>| n.attribute("y").unwrap().parse::<f32>().unwrap();
    // Baghdad's two-line name among the markers of January 2020 too, as the PNG draws it.
    for (english, local) in [("Tehran", "تهران"), ("Baghdad", "بغداد"), ("IRAN", "ایران"), ("IRAQ", "العراق")]
    {
        let en = text(english).unwrap_or_else(|| panic!("{english} in {svg}"));
        let rtl = text(local).unwrap_or_else(|| panic!("{local} in {svg}"));
        assert_eq!(rtl.attribute("direction"), Some("rtl"), "{local}");
        assert!(rtl.attribute("font-family").unwrap().starts_with("'Noto Sans Arabic'"), "{local}");
        assert_eq!(en.attribute("direction"), None, "{english}");
        let size: f32 = en.attribute("font-size").unwrap().parse().unwrap();
        assert!(y(rtl) > y(en) + size * 0.8, "{local} stacks under {english}");
    }
}

#[test]
fn drawing_an_arrow_with_the_tool_then_undo_and_redo() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    h.key_press(Key::A);
    h.run();
    assert_eq!(h.state().draw.tool, timeatlas::command::Tool::Arrow);
    let centre = Pos2::new(500.0, 400.0);
    h.hover_at(centre);
    h.run();
    h.drag_at(centre);
    h.run();
    for step in 1..=10 {
        h.hover_at(centre + egui::vec2(15.0 * step as f32, -8.0 * step as f32));
        h.run();
    }
    h.drop_at(centre + egui::vec2(150.0, -80.0));
    h.run();
    let items = h.state().draw.history.items().to_vec();
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(matches!(items[0].shape, Shape::Arrow { .. }));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().draw.history.items().is_empty());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().draw.history.items(), &items[..]);
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().draw.tool, timeatlas::command::Tool::Pointer);
}

#[test]
fn a_corrupted_annotation_file_is_reported_and_the_annotations_stay() {
    let mut app = app_at("2020-01-03");
    let at = GeoPoint::lat_lon(33.3, 44.4);
    app.draw.history.apply(Edit::Add(Shape::Marker { at, number: 1 }, Style::default()), false);
    let before = app.draw.history.items().to_vec();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"format\": \"timeatlas-annotations\", \"version\": 1, \"annotations\": [ {\"id\": 1,")
        .unwrap();
    app.load_annotations(&bad);
    assert_eq!(app.draw.history.items(), &before[..]);
    let message = app.messages.last().unwrap();
    assert!(message.contains("bad.json:1:"), "{message}");
    // A good file replaces them, and one undo brings the old ones back.
    let good = dir.path().join("good.json");
    timeatlas::annotate::file::save(&good, &[]).unwrap();
    app.load_annotations(&good);
    assert!(app.draw.history.items().is_empty());
    app.draw.history.undo();
    assert_eq!(app.draw.history.items(), &before[..]);
}

fn timeatlas() -> Process {
    Process::new(env!("CARGO_BIN_EXE_timeatlas"))
}

#[test]
fn the_export_command_writes_the_image_and_prints_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let notes = dir.path().join("notes.json");
    let arrow = Shape::Arrow { from: GeoPoint::lat_lon(33.3, 44.4), to: GeoPoint::lat_lon(35.7, 51.4) };
    let mut history = timeatlas::annotate::History::new();
    history.apply(Edit::Add(arrow, Style::default()), false);
    timeatlas::annotate::file::save(&notes, history.items()).unwrap();
    let run = timeatlas()
        .args(["export", "--date", "2020-01-03", "--size", "800x600", "--title", "Crisis", "--view", "38,25,60,40"])
        .arg("--annotations")
        .arg(&notes)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), out.display().to_string());
    let img = image::open(&out).unwrap();
    assert_eq!((img.width(), img.height()), (800, 600));
    let svg = dir.path().join("map.svg");
    let run = timeatlas().args(["export", "--date", "1979-11-04", "--out"]).arg(&svg).output().unwrap();
    assert!(run.status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<?xml"));
}

#[test]
fn the_export_command_refuses_bad_input_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.png");
    let bad_notes = dir.path().join("notes.json");
    std::fs::write(&bad_notes, "not json").unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--date".into(), "2020-13-45".into()], "2020-13-45"),
        (vec!["--date".into(), "2020".into(), "--size".into(), "99999x10".into()], "size"),
        (vec!["--date".into(), "2020".into(), "--view".into(), "60,40,38,25".into()], "view"),
        (
            vec!["--date".into(), "2020".into(), "--annotations".into(), bad_notes.display().to_string()],
            "notes.json:1:",
        ),
    ];
    for (args, expected) in cases {
        let run = timeatlas().arg("export").args(&args).arg("--out").arg(&out).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!out.exists());
    }
    let run = timeatlas().args(["export", "--date", "2020", "--out", "/no/such/folder/map.png"]).output().unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("/no/such/folder/map.png"));
}

#[test]
fn the_export_command_writes_numbered_frames_of_a_date_range() {
    let dir = tempfile::tempdir().unwrap();
    let run = timeatlas()
        .args(["export", "--from", "2019-12-27", "--to", "2020-01-08", "--step", "3d", "--size", "320x200", "--gif"])
        .arg("--out")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("frame 5/5: 2020-01-08"), "{stderr}");
    for i in 1..=5 {
        let img = image::open(dir.path().join(format!("frame-{i:04}.png"))).unwrap();
        assert_eq!((img.width(), img.height()), (320, 200));
    }
    assert!(!dir.path().join("frame-0006.png").exists());
    let gif = std::fs::read(dir.path().join("frames.gif")).unwrap();
    assert!(gif.starts_with(b"GIF89a"));
}

#[test]
fn ctrl_e_opens_the_export_dialog_with_a_preview() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().export.open);
    let preview = h.state().export.preview.as_ref().expect("a preview is rendered");
    // The preview keeps the export's proportions (1920x1080 by default).
    let [w, hgt] = preview.size();
    assert_eq!(w, 640);
    assert!((hgt as f32 - 360.0).abs() <= 1.0, "{w}x{hgt}");
}

#[test]
fn an_arrow_is_resized_by_its_handle_and_a_new_label_is_one_undo_step() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    let p = h.state().drawn.view;
    assert!(p.points_per_km.is_some());
    // An arrow drawn in code, then selected with the pointer tool and its head dragged.
    let (from, to) = (GeoPoint::lat_lon(30.0, 45.0), GeoPoint::lat_lon(32.0, 52.0));
    h.state_mut().draw.history.apply(Edit::Add(Shape::Arrow { from, to }, Style::default()), false);
    let id = h.state().draw.history.items()[0].id;
    h.state_mut().draw.selected = Some(id);
    h.run();
    let projector = h.state().map_projector();
    let head = projector.screen_from_geo(to);
    h.hover_at(head);
    h.run();
    h.drag_at(head);
    h.run();
    for step in 1..=8 {
        h.hover_at(head + egui::vec2(0.0, 10.0 * step as f32));
        h.run();
    }
    h.drop_at(head + egui::vec2(0.0, 80.0));
    h.run();
    let Shape::Arrow { from: f2, to: t2 } = h.state().draw.history.items()[0].shape.clone() else { panic!() };
    assert_eq!(f2, from, "the tail stays");
    assert!(t2.lat < to.lat - 1.0, "the head moved south: {t2:?}");
    // One drag, one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().draw.history.items()[0].shape, Shape::Arrow { from, to });

    // A label: the Text tool, a click, typing, Enter.
    h.key_press(Key::T);
    h.run();
    let at = projector.screen_from_geo(GeoPoint::lat_lon(25.0, 40.0));
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    assert!(h.state().draw.text_edit.is_some());
    h.event(egui::Event::Text("Saudi Arabia".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let labels: Vec<_> = h
        .state()
        .draw
        .history
        .items()
        .iter()
        .filter_map(|a| match &a.shape {
            Shape::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(labels, ["Saudi Arabia"]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().draw.history.items().len(), 1, "one undo removes the whole label");
}

/// The exports' CPU renderer draws what egui's GPU renderer (the window's) draws: the same frame through
/// both differs only in rounding at anti-aliased edges and glyphs.
#[test]
fn the_cpu_renderer_matches_the_gpu_renderer_on_a_whole_export() {
    let mut app = app_at("2020-01-03");
    app.settings.names = timeatlas::text::names::NameMode::Both;
    let (from, to) = (GeoPoint::lat_lon(33.3, 44.4), GeoPoint::lat_lon(35.7, 51.4));
    let style = Style { color: AnnotationColor::Vermilion, stroke_width: 6.0, font_size: 22.0 };
    app.draw.history.apply(Edit::Add(Shape::Arrow { from, to }, style), false);
    let mut exporter = Exporter::new();
    let opts = options([1600, 900]);
    let mut scene = app.export_scene();
    scene.view = ExportView::Home;
    let (primitives, mut delta, ppp) = exporter.tessellated(&scene, &opts).unwrap();
    let background = timeatlas::export::frame::background(&scene.look);
    let mut cpu = timeatlas::cpu_raster::CpuRenderer::new();
    cpu.update_textures(&delta).unwrap();
    let cpu = cpu.render(&primitives, opts.size_px, ppp, background).unwrap();
    let mut gpu = timeatlas::offscreen::OffscreenRenderer::new().unwrap();
    gpu.update_textures(&delta);
    delta.clear();
    let gpu = gpu.render(&primitives, opts.size_px, ppp, background).unwrap();
    let (mean, far_off) = crate::common::image_difference(&cpu, &gpu);
    let pixels = cpu.pixels().len();
    let share = far_off as f64 / pixels as f64;
    eprintln!("mean difference {mean:.4}, {far_off} pixels off by more than 24 ({:.4} %)", share * 100.0);
    assert!(mean < 0.25, "mean difference {mean}");
    assert!(share < 0.001, "{far_off} of {pixels} pixels differ by more than 24 levels");
}
