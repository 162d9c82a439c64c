use egui::epaint::text::LayoutJob;
use egui::epaint::{Vertex, WHITE_UV};
use egui::{Align2, FontId, pos2, vec2};

use super::*;

const MESH_COLOR: Color32 = Color32::from_rgb(10, 120, 200);

/// Two triangles of one colour and a feathering triangle with a transparent vertex.
fn mesh() -> Mesh {
    let vertex = |x: f32, y: f32, color| Vertex { pos: pos2(x, y), uv: WHITE_UV, color };
    let vertices = vec![
        vertex(20.0, 220.0, MESH_COLOR),
        vertex(80.0, 220.0, MESH_COLOR),
        vertex(80.0, 280.0, MESH_COLOR),
        vertex(20.0, 280.0, MESH_COLOR),
        vertex(90.0, 250.0, Color32::TRANSPARENT),
    ];
    Mesh { indices: vec![0, 1, 2, 0, 2, 3, 1, 2, 4], vertices, texture_id: TextureId::default() }
}

fn frame() -> Vec<ClippedShape> {
    let ctx = egui::Context::default();
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
    let input = egui::RawInput { screen_rect: Some(screen), ..Default::default() };
    let mut out = ctx.run_ui(input, |ui| {
        let painter = ui.painter();
        painter.circle_filled(pos2(50.0, 60.0), 20.0, Color32::RED);
        let rect = Rect::from_min_size(pos2(100.0, 20.0), vec2(80.0, 40.0));
        painter.rect(rect, 6, Color32::LIGHT_BLUE, Stroke::new(2.0, Color32::BLACK), StrokeKind::Middle);
        painter.line_segment([pos2(10.0, 200.0), pos2(390.0, 200.0)], Stroke::new(1.5, Color32::DARK_GRAY));
        let concave = vec![pos2(200.0, 150.0), pos2(260.0, 150.0), pos2(230.0, 170.0), pos2(260.0, 190.0)];
        let stroke = PathStroke::new(1.0, Color32::BLACK);
        painter.add(PathShape { points: concave, closed: true, fill: Color32::GREEN, stroke });
        let font = FontId::proportional(14.0);
        painter.text(pos2(200.0, 100.0), Align2::LEFT_TOP, "Baghdad & <Tehran>", font, Color32::BLACK);
        painter.add(Shape::mesh(mesh()));
        let clip = Rect::from_min_size(pos2(300.0, 250.0), vec2(50.0, 30.0));
        painter.with_clip_rect(clip).add(EllipseShape::filled(pos2(320.0, 260.0), vec2(30.0, 15.0), Color32::GOLD));
    });
    out.textures_delta.clear();
    out.shapes
}

fn svg(shapes: &[ClippedShape], groups: &[SvgGroup]) -> String {
    let doc = SvgDocument {
        size_px: [800, 600],
        pixels_per_point: 2.0,
        background: Color32::from_rgb(250, 248, 240),
        title: Some("Iran & Iraq, 1980"),
        groups_below: groups,
        shapes,
    };
    to_svg(&doc)
}

fn elements<'a>(doc: &'a roxmltree::Document<'_>, name: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants().filter(|n| n.has_tag_name(name)).collect()
}

#[test]
fn frame_becomes_well_formed_svg_with_the_expected_elements() {
    let text = svg(&frame(), &[]);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("800"));
    assert_eq!(root.attribute("height"), Some("600"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 400 300"));
    assert_eq!(elements(&doc, "title")[0].text(), Some("Iran & Iraq, 1980"));

    let circles = elements(&doc, "circle");
    assert_eq!(circles.len(), 1, "{text}");
    let c = circles[0];
    assert_eq!((c.attribute("cx"), c.attribute("cy"), c.attribute("r")), (Some("50"), Some("60"), Some("20")));
    assert_eq!(c.attribute("fill"), Some("#ff0000"));

    // The background and the painted rect.
    let rects: Vec<_> =
        elements(&doc, "rect").into_iter().filter(|r| r.parent().unwrap().tag_name().name() != "clipPath").collect();
    assert_eq!(rects.len(), 2, "{text}");
    assert_eq!(rects[1].attribute("rx"), Some("6"));
    assert_eq!(rects[1].attribute("stroke-width"), Some("2"));
    assert_eq!(elements(&doc, "line").len(), 1);
    assert_eq!(elements(&doc, "polygon").len(), 1);
    assert_eq!(elements(&doc, "polygon")[0].attribute("points").unwrap().split(' ').count(), 4);

    let texts = elements(&doc, "text");
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].text(), Some("Baghdad & <Tehran>"));
    assert_eq!(texts[0].attribute("font-size"), Some("14"));
    assert_eq!(texts[0].attribute("fill"), Some("#000000"));
    assert!(text.contains("Baghdad &amp; &lt;Tehran&gt;"));
    let baseline: f32 = texts[0].attribute("y").unwrap().parse().unwrap();
    assert!(baseline > 100.0 && baseline < 116.0, "baseline {baseline}");

    let paths = elements(&doc, "path");
    assert_eq!(paths.len(), 1, "{text}");
    assert_eq!(paths[0].attribute("fill"), Some("#0a78c8"));
    assert_eq!(paths[0].attribute("d").unwrap().matches('M').count(), 2);

    let ellipse = elements(&doc, "ellipse")[0];
    let url = ellipse.parent().unwrap().attribute("clip-path").unwrap();
    let id = url.trim_start_matches("url(#").trim_end_matches(')');
    let clip = elements(&doc, "clipPath").into_iter().find(|c| c.attribute("id") == Some(id)).unwrap();
    assert_eq!(clip.first_element_child().unwrap().attribute("x"), Some("300"));
    assert_eq!(elements(&doc, "clipPath").len(), 1, "full-view clips are not written");
}

#[test]
fn non_finite_shapes_are_skipped_and_clips_deduplicated() {
    let clip = Rect::from_min_size(pos2(10.0, 10.0), vec2(100.0, 100.0));
    let shapes: Vec<ClippedShape> = [
        Shape::circle_filled(pos2(f32::NAN, 5.0), 3.0, Color32::RED),
        Shape::line_segment([pos2(0.0, 0.0), pos2(f32::INFINITY, 1.0)], Stroke::new(1.0, Color32::RED)),
        Shape::rect_filled(Rect::from_min_size(pos2(0.0, f32::NAN), vec2(5.0, 5.0)), 0, Color32::RED),
        Shape::circle_filled(pos2(30.0, 30.0), 3.0, Color32::from_rgba_unmultiplied(0, 0, 255, 128)),
        Shape::circle_filled(pos2(40.0, 40.0), 3.0, Color32::BLUE),
    ]
    .into_iter()
    .map(|shape| ClippedShape::new(clip, shape))
    .collect();
    let text = svg(&shapes, &[]);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
    let circles = elements(&doc, "circle");
    assert_eq!(circles.len(), 2);
    assert_eq!(circles[0].attribute("fill"), Some("#0000ff"));
    assert_eq!(circles[0].attribute("fill-opacity"), Some("0.5"));
    assert_eq!(elements(&doc, "line").len() + elements(&doc, "rect").len(), 2, "background + clip rect");
    assert_eq!(elements(&doc, "clipPath").len(), 1);
    assert_eq!(elements(&doc, "g").len(), 1);
}

#[test]
fn groups_below_are_evenodd_paths_with_valid_ids_and_titles() {
    let square = |min: f32, size: f32| {
        vec![pos2(min, min), pos2(min + size, min), pos2(min + size, min + size), pos2(min, min + size)]
    };
    let path = |id: &str, title: Option<&str>| SvgPath {
        id: Some(id.to_owned()),
        title: title.map(str::to_owned),
        rings: vec![square(10.0, 100.0), square(40.0, 20.0)],
        fill: Some(Color32::from_rgb(200, 180, 120)),
        stroke: Some(Stroke::new(0.5, Color32::BLACK)),
    };
    let groups = [SvgGroup {
        id: "countries".to_owned(),
        paths: vec![path("IRN", Some("Iran <1980>")), path("IRN", None), path("1 bad\"id", None)],
    }];
    let shapes = [ClippedShape::new(Rect::EVERYTHING, Shape::Noop)];
    let text = svg(&shapes, &groups);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let group = elements(&doc, "g")[0];
    assert_eq!(group.attribute("id"), Some("countries"));
    let paths = elements(&doc, "path");
    let ids: Vec<_> = paths.iter().map(|p| p.attribute("id").unwrap()).collect();
    assert_eq!(ids, ["IRN", "IRN-2", "_1_bad_id"]);
    let iran = paths[0];
    assert_eq!(iran.attribute("fill-rule"), Some("evenodd"));
    assert_eq!(iran.attribute("d").unwrap().matches('M').count(), 2);
    assert_eq!(iran.attribute("d").unwrap().matches('Z').count(), 2);
    assert_eq!(iran.first_element_child().unwrap().text(), Some("Iran <1980>"));
    assert!(elements(&doc, "clipPath").is_empty());
}

#[test]
fn each_row_is_a_text_with_its_section_font_and_colour() {
    let ctx = egui::Context::default();
    let mut job = LayoutJob::default();
    let format = |size, color| egui::TextFormat::simple(FontId::proportional(size), color);
    job.append("Iran\n", 0.0, format(12.0, Color32::RED));
    job.append("Iraq", 0.0, format(20.0, Color32::BLUE));
    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
        let galley = ui.painter().layout_job(job.clone());
        ui.painter().add(TextShape::new(pos2(10.0, 10.0), galley, Color32::BLACK).with_angle(0.5));
    });
    out.textures_delta.clear();
    let text = svg(&out.shapes, &[]);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let texts = elements(&doc, "text");
    let attrs = |i: usize, name| texts[i].attribute(name).unwrap();
    assert_eq!(texts.iter().map(|t| t.text().unwrap()).collect::<Vec<_>>(), ["Iran", "Iraq"]);
    assert_eq!(
        [attrs(0, "font-size"), attrs(0, "fill"), attrs(1, "font-size"), attrs(1, "fill")],
        ["12", "#ff0000", "20", "#0000ff"]
    );
    assert!(attrs(1, "y").parse::<f32>().unwrap() > attrs(0, "y").parse::<f32>().unwrap() + 12.0);
    assert_eq!(texts[0].parent().unwrap().attribute("transform"), Some("rotate(28.65 10 10)"));
}

#[test]
fn tagged_records_become_named_groups_outside_clip_groups() {
    let clip = Rect::from_min_size(pos2(10.0, 10.0), vec2(100.0, 100.0));
    let begin = RecordTag::Begin { id: "camp-taji".into(), title: "Camp Taji <Iraq>".into() };
    let shapes: Vec<ClippedShape> = [
        Shape::circle_filled(pos2(20.0, 20.0), 3.0, Color32::RED),
        begin.shape(),
        Shape::circle_filled(pos2(30.0, 30.0), 3.0, Color32::BLUE),
        RecordTag::End.shape(),
        Shape::circle_filled(pos2(40.0, 40.0), 3.0, Color32::GREEN),
        RecordTag::Begin { id: "unclosed".into(), title: "x".into() }.shape(),
    ]
    .into_iter()
    .map(|shape| ClippedShape::new(clip, shape))
    .collect();
    let text = svg(&shapes, &[]);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let taji = elements(&doc, "g").into_iter().find(|g| g.attribute("id") == Some("camp-taji")).unwrap();
    assert_eq!(taji.first_element_child().unwrap().text(), Some("Camp Taji <Iraq>"));
    let inside: Vec<_> = taji.descendants().filter(|n| n.has_tag_name("circle")).collect();
    assert_eq!(inside.len(), 1, "{text}");
    assert_eq!(inside[0].attribute("fill"), Some("#0000ff"));
    assert!(taji.parent().unwrap().is_root() || taji.parent().unwrap().has_tag_name("svg"), "{text}");
    assert_eq!(elements(&doc, "circle").len(), 3);
}

#[test]
fn numbers_have_at_most_two_decimals() {
    let s = |v: f32| N(v).to_string();
    assert_eq!([s(3.0), s(2.5), s(1.23456), s(-0.001), s(-7.1), s(f32::NAN)], ["3", "2.5", "1.23", "0", "-7.1", "0"]);
}
