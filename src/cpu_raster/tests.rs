#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::epaint::{ClippedPrimitive, ImageDelta, Mesh, Primitive, Vertex};
use egui::{Color32, ColorImage, Pos2, Rect, TextureId, TextureOptions, pos2};

use super::CpuRenderer;

const BLACK: Color32 = Color32::BLACK;

/// A renderer whose font texture is one white texel, as egui's atlas has at `WHITE_UV`.
fn renderer_with_white() -> CpuRenderer {
    let mut r = CpuRenderer::new();
    let mut delta = egui::TexturesDelta::default();
    let white = ColorImage::new([1, 1], vec![Color32::WHITE]);
    delta.push(TextureId::default(), ImageDelta::full(white, TextureOptions::LINEAR));
    r.update_textures(&delta).unwrap();
    // Applied: epaint asserts that no delta is dropped unseen.
    delta.clear();
    r
}

fn mesh(points: &[Pos2], colors: &[Color32], indices: &[u32]) -> Mesh {
    let vertices =
        points.iter().zip(colors).map(|(&pos, &color)| Vertex { pos, uv: egui::epaint::WHITE_UV, color }).collect();
    Mesh { indices: indices.to_vec(), vertices, texture_id: TextureId::default() }
}

fn draw(r: &CpuRenderer, meshes: Vec<Mesh>, clip: Rect, size: [u32; 2]) -> image::RgbaImage {
    let primitives: Vec<_> =
        meshes.into_iter().map(|m| ClippedPrimitive { clip_rect: clip, primitive: Primitive::Mesh(m) }).collect();
    r.render(&primitives, size, 1.0, BLACK).unwrap()
}

fn rect_mesh(min: Pos2, max: Pos2, color: Color32) -> Mesh {
    mesh(&[min, pos2(max.x, min.y), max, pos2(min.x, max.y)], &[color; 4], &[0, 1, 2, 0, 2, 3])
}

#[test]
fn a_rectangle_covers_exactly_the_pixels_whose_centres_it_contains() {
    let r = renderer_with_white();
    let red = Color32::from_rgb(200, 10, 20);
    let img = draw(&r, vec![rect_mesh(pos2(10.0, 10.0), pos2(20.0, 15.0), red)], Rect::EVERYTHING, [32, 32]);
    for (x, y, px) in img.enumerate_pixels() {
        let inside = (10..20).contains(&x) && (10..15).contains(&y);
        let want = if inside { red } else { BLACK };
        assert_eq!(px.0, want.to_array(), "pixel {x},{y}");
    }
}

/// Two translucent triangles sharing a diagonal that runs through pixel centres: each centre is blended
/// once (a double blend or a gap would show as a seam).
#[test]
fn a_shared_edge_through_pixel_centres_is_blended_once() {
    let r = renderer_with_white();
    let half = Color32::from_rgba_premultiplied(100, 0, 0, 128);
    let square = [pos2(0.0, 0.0), pos2(16.0, 0.0), pos2(16.0, 16.0), pos2(0.0, 16.0)];
    // The two triangles listed in opposite windings, as tessellators do.
    let m = mesh(&square, &[half; 4], &[0, 1, 2, 0, 3, 2]);
    let img = draw(&r, vec![m], Rect::EVERYTHING, [16, 16]);
    let first = img.get_pixel(0, 0).0;
    assert_eq!(first, [100, 0, 0, 255]);
    for (x, y, px) in img.enumerate_pixels() {
        assert_eq!(px.0, first, "pixel {x},{y}");
    }
}

#[test]
fn the_clip_rect_is_rounded_to_pixels_and_nothing_is_drawn_outside_it() {
    let r = renderer_with_white();
    let m = rect_mesh(pos2(0.0, 0.0), pos2(40.0, 40.0), Color32::WHITE);
    let clip = Rect::from_min_max(pos2(5.4, 6.6), pos2(20.5, 30.2));
    let img = draw(&r, vec![m], clip, [40, 40]);
    // egui-wgpu rounds the scissor: x 5..21 (20.5 rounds away from zero), y 7..30.
    for (x, y, px) in img.enumerate_pixels() {
        let inside = (5..21).contains(&x) && (7..30).contains(&y);
        assert_eq!(px.0[0] == 255, inside, "pixel {x},{y}");
    }
}

#[test]
fn vertex_colours_are_interpolated_in_gamma_space() {
    let r = renderer_with_white();
    let (a, b) = (Color32::from_rgb(0, 0, 0), Color32::from_rgb(200, 100, 50));
    let pts = [pos2(0.0, 0.0), pos2(100.0, 0.0), pos2(100.0, 1.0), pos2(0.0, 1.0)];
    let m = mesh(&pts, &[a, b, b, a], &[0, 1, 2, 0, 2, 3]);
    let img = draw(&r, vec![m], Rect::EVERYTHING, [100, 1]);
    // The centre of column 49 is at x = 49.5: 49.5 % of the way.
    let px = img.get_pixel(49, 0).0;
    assert_eq!(px, [99, 50, 25, 255]);
}

#[test]
fn textures_are_filtered_bilinearly_between_texel_centres_and_updated_in_part() {
    let mut r = CpuRenderer::new();
    let id = TextureId::User(7);
    let mut delta = egui::TexturesDelta::default();
    let image = ColorImage::new([2, 1], vec![Color32::BLACK, Color32::WHITE]);
    delta.push(id, ImageDelta::full(image, TextureOptions::LINEAR));
    r.update_textures(&delta).unwrap();
    delta.clear();
    let quad = |r: &CpuRenderer| {
        let pts = [pos2(0.0, 0.0), pos2(4.0, 0.0), pos2(4.0, 1.0), pos2(0.0, 1.0)];
        let uvs = [pos2(0.0, 0.0), pos2(1.0, 0.0), pos2(1.0, 1.0), pos2(0.0, 1.0)];
        let vertices = pts.iter().zip(uvs).map(|(&pos, uv)| Vertex { pos, uv, color: Color32::WHITE }).collect();
        let m = Mesh { indices: vec![0, 1, 2, 0, 2, 3], vertices, texture_id: id };
        draw(r, vec![m], Rect::EVERYTHING, [4, 1])
    };
    // Pixel centres at u = 1/8, 3/8, 5/8, 7/8: texel coordinates -0.25, 0.25, 0.75, 1.25 (clamped at the ends).
    let reds: Vec<u8> = quad(&r).pixels().map(|p| p.0[0]).collect();
    assert_eq!(reds, [0, 64, 191, 255]);
    // A partial update turns the black texel red.
    let mut delta = egui::TexturesDelta::default();
    let red = ColorImage::new([1, 1], vec![Color32::from_rgb(255, 0, 0)]);
    delta.push(id, ImageDelta::partial([0, 0], red, TextureOptions::LINEAR));
    r.update_textures(&delta).unwrap();
    delta.clear();
    let first = quad(&r).get_pixel(0, 0).0;
    assert_eq!(first, [255, 0, 0, 255]);
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let r = renderer_with_white();
    let bad_index = mesh(&[pos2(0.0, 0.0)], &[Color32::WHITE], &[0, 1, 2]);
    let primitives = [ClippedPrimitive { clip_rect: Rect::EVERYTHING, primitive: Primitive::Mesh(bad_index) }];
    assert!(r.render(&primitives, [8, 8], 1.0, BLACK).is_err());
    let mut unknown = rect_mesh(pos2(0.0, 0.0), pos2(4.0, 4.0), Color32::WHITE);
    unknown.texture_id = TextureId::User(99);
    let primitives = [ClippedPrimitive { clip_rect: Rect::EVERYTHING, primitive: Primitive::Mesh(unknown) }];
    assert!(r.render(&primitives, [8, 8], 1.0, BLACK).is_err());
    assert!(r.render(&[], [0, 8], 1.0, BLACK).is_err());
    assert!(r.render(&[], [9000, 8], 1.0, BLACK).is_err());
    // Far-off and non-finite corners draw nothing and do not panic.
    let far = mesh(&[pos2(-1e9, -1e9), pos2(1e9, -1e9), pos2(f32::NAN, 1e9)], &[Color32::WHITE; 3], &[0, 1, 2]);
    let img = draw(&r, vec![far], Rect::EVERYTHING, [8, 8]);
    assert!(img.pixels().all(|p| p.0 == BLACK.to_array()));
}

#[test]
fn bands_meet_without_gaps_in_a_tall_image() {
    let r = renderer_with_white();
    // One triangle across many bands: each row is as wide as the triangle there.
    let m = mesh(&[pos2(0.0, 0.0), pos2(64.0, 1000.0), pos2(0.0, 1000.0)], &[Color32::WHITE; 3], &[0, 1, 2]);
    let img = draw(&r, vec![m], Rect::EVERYTHING, [64, 1000]);
    for y in 0..1000 {
        let covered = (0..64).filter(|&x| img.get_pixel(x, y).0[0] == 255).count();
        let want = ((y as f64 + 0.5) * 64.0 / 1000.0).round() as usize;
        assert!(covered.abs_diff(want) <= 1, "row {y}: {covered} pixels, want about {want}");
    }
}

/// Corners millions of pixels away leave the exact integer path; the floating-point one still covers
/// every pixel the triangle does.
#[test]
fn a_huge_triangle_covering_the_image_fills_every_pixel() {
    let r = renderer_with_white();
    let far = mesh(&[pos2(-1e7, -1e7), pos2(1e7, -1e7), pos2(0.0, 1e7)], &[Color32::WHITE; 3], &[0, 1, 2]);
    let img = draw(&r, vec![far], Rect::EVERYTHING, [16, 16]);
    assert!(img.pixels().all(|p| p.0 == [255; 4]));
}

/// Edges through pixel centres: the top-left rule, as GPUs fill. A square from (0.5, 0.5) to (3.5, 3.5)
/// covers columns and rows 0..=2 (its left and top edges take their centres, its right and bottom do not).
#[test]
fn edges_through_pixel_centres_follow_the_top_left_rule() {
    let r = renderer_with_white();
    let img = draw(&r, vec![rect_mesh(pos2(0.5, 0.5), pos2(3.5, 3.5), Color32::WHITE)], Rect::EVERYTHING, [5, 5]);
    for (x, y, px) in img.enumerate_pixels() {
        assert_eq!(px.0[0] == 255, x <= 2 && y <= 2, "pixel {x},{y}");
    }
}

#[test]
fn an_empty_texture_and_wild_texture_coordinates_draw_without_panicking() {
    let mut r = CpuRenderer::new();
    let id = TextureId::User(3);
    let mut delta = egui::TexturesDelta::default();
    delta.push(id, ImageDelta::full(ColorImage::new([0, 0], vec![]), TextureOptions::LINEAR));
    r.update_textures(&delta).unwrap();
    delta.clear();
    let uvs = [pos2(f32::MAX, -f32::MAX), pos2(f32::INFINITY, 0.0), pos2(0.0, f32::NAN)];
    let pts = [pos2(0.0, 0.0), pos2(8.0, 0.0), pos2(0.0, 8.0)];
    let vertices = pts.iter().zip(uvs).map(|(&pos, uv)| Vertex { pos, uv, color: Color32::WHITE }).collect();
    let m = Mesh { indices: vec![0, 1, 2], vertices, texture_id: id };
    let img = draw(&r, vec![m], Rect::EVERYTHING, [8, 8]);
    assert!(img.pixels().all(|p| p.0 == BLACK.to_array()), "an empty texture samples transparent");
}
