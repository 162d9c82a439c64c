//! The window's GPU base map (`map::gpu`: the scene's meshes in GPU buffers, a highlight in its own slot,
//! a pan as an offset) draws what epaint draws from the same meshes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Color32, Rect, pos2, vec2};
use timeatlas::map::MapMemory;
use timeatlas::map::MapPoint;
use timeatlas::map::scene::{PreparedAtlas, Scene};
use timeatlas::map::view::{BasePath, MapInputs, map_ui};
use timeatlas::model::Atlas;
use timeatlas::offscreen::OffscreenRenderer;
use timeatlas::theme::ThemeChoice;

const SIZE: [u32; 2] = [800, 500];

/// The bundled atlas without names: a panned scene keeps the names placed for the view it was built
/// for, and these frames compare only the base map and its highlight.
fn unnamed_atlas() -> Atlas {
    let mut atlas = timeatlas::model::bundled::atlas().expect("the bundled atlas loads");
    for c in &mut atlas.countries {
        c.name.clear();
        c.local_name = None;
    }
    atlas.seas.clear();
    atlas.cities.clear();
    atlas
}

/// Draws one frame of the map at `memory` the `base` way into `gpu`, and reads it back.
fn frame(
    ctx: &egui::Context,
    gpu: &mut OffscreenRenderer,
    (atlas, prepared): (&Atlas, &PreparedAtlas),
    (memory, base): (MapMemory, BasePath),
    cache: &mut Option<Scene>,
) -> image::RgbaImage {
    let palette = timeatlas::theme::map_palette(ThemeChoice::Light);
    let inputs = MapInputs {
        atlas,
        prepared,
        memory,
        theme: ThemeChoice::Light,
        palette: &palette,
        show_provinces: false,
        show_cities: false,
        names: timeatlas::text::names::NameMode::default(),
        description: &String::new,
        selected: Some("IRN"),
        highlighted: &[],
        highlighted_record: None,
        data_generation: 0,
        tooltip: None,
        scale_bar: false,
        tooltips: false,
        paint_base: true,
        base,
        covered_right: 0.0,
        paint_sea: true,
    };
    let raw = egui::RawInput {
        screen_rect: Some(Rect::from_min_size(pos2(0.0, 0.0), vec2(SIZE[0] as f32, SIZE[1] as f32))),
        ..Default::default()
    };
    let mut out = ctx.run_ui(raw, |ui| {
        map_ui(ui, &inputs, cache);
    });
    gpu.update_textures(&out.textures_delta);
    out.textures_delta.clear();
    let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    gpu.render(&primitives, SIZE, out.pixels_per_point, Color32::BLACK).expect("a frame")
}

fn assert_alike(a: &image::RgbaImage, b: &image::RgbaImage, what: &str) {
    let (mean, far_off) = crate::common::image_difference(a, b);
    let pixels = a.pixels().len();
    eprintln!("{what}: mean difference {mean:.4}, {far_off} pixels off by more than 24");
    assert!(mean < 0.25, "{what}: mean difference {mean}");
    assert!(far_off * 1000 < pixels, "{what}: {far_off} of {pixels} pixels differ by more than 24 levels");
}

#[test]
fn the_gpu_base_map_and_a_panned_scene_match_epaints_meshes() {
    let atlas = unnamed_atlas();
    let prepared = PreparedAtlas::build(&atlas);
    let mut gpu = OffscreenRenderer::new().expect("a GPU or llvmpipe");
    timeatlas::map::gpu::BaseMapGpu::register(gpu.render_state(), 1, false);
    let ctx = egui::Context::default();
    let home = MapMemory { center: prepared.home.center(), points_per_km: Some(0.2) };
    let layers = (&atlas, &prepared);

    let (mut meshes, mut on_gpu) = (None, None);
    let by_meshes = frame(&ctx, &mut gpu, layers, (home, BasePath::Meshes), &mut meshes);
    let by_gpu = frame(&ctx, &mut gpu, layers, (home, BasePath::Gpu), &mut on_gpu);
    // Iran, selected, is drawn over the sea and land: the picture is not all one colour.
    assert!(by_gpu.pixels().any(|p| p.0 != by_gpu.get_pixel(0, 0).0));
    assert_alike(&by_meshes, &by_gpu, "the same view");

    // A first nudge builds a scene with the margin a pan moves within (the first view is built alone).
    let start = MapMemory { center: MapPoint::new(home.center.x_km + 1.0, home.center.y_km), ..home };
    let at_start = frame(&ctx, &mut gpu, layers, (start, BasePath::Gpu), &mut on_gpu);
    // 300 km east and 100 km north: the GPU moves the scene it has; epaint draws a new one.
    let panned = MapMemory { center: MapPoint::new(start.center.x_km + 300.0, start.center.y_km + 100.0), ..home };
    let first = on_gpu.as_ref().map(|s| s.id);
    let moved = frame(&ctx, &mut gpu, layers, (panned, BasePath::Gpu), &mut on_gpu);
    assert_eq!(on_gpu.as_ref().map(|s| s.id), first, "the pan moved the scene");
    assert_eq!(on_gpu.as_ref().map(|s| s.offset), Some(vec2(-60.0, 20.0)));
    let fresh = frame(&ctx, &mut gpu, layers, (panned, BasePath::Meshes), &mut meshes);
    assert_alike(&fresh, &moved, "a panned view");
    assert_ne!(moved, at_start, "the pan moved the picture");
}
