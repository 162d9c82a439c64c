//! The base map as one picture, for a window drawn by a software rasteriser (glow on Mesa llvmpipe). There,
//! the ~80k triangles of the land, lakes and borders cost a frame about 40 ms at 1600×1000 (13.7 against
//! 33 fps without them, `bench --window`). The export's CPU rasteriser draws them once per scene into a
//! texture instead, and each frame draws that texture as one rectangle.

use std::sync::Arc;

use egui::epaint::{ClippedPrimitive, Mesh, Primitive};
use egui::{Color32, ColorImage, Rect, TextureHandle, TextureOptions, pos2};

use crate::cpu_raster::CpuRenderer;

/// A scene's base map, drawn once.
#[derive(Clone)]
pub struct BaseTexture {
    /// The scene it was drawn from.
    pub scene_id: u64,
    /// Where it goes, in points.
    pub rect: Rect,
    pub texture: TextureHandle,
}

impl std::fmt::Debug for BaseTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BaseTexture").field("scene_id", &self.scene_id).field("rect", &self.rect).finish()
    }
}

/// Draws `meshes` (positions in screen points) over `background` into an image of `rect` at
/// `pixels_per_point`; `None` when the rect is empty or too large for the rasteriser.
pub fn draw(meshes: &[Arc<Mesh>], rect: Rect, pixels_per_point: f32, background: Color32) -> Option<ColorImage> {
    let size_px = [
        (rect.width() * pixels_per_point).round().max(0.0) as u32,
        (rect.height() * pixels_per_point).round().max(0.0) as u32,
    ];
    crate::cpu_raster::check_size(size_px).ok()?;
    let mut renderer = CpuRenderer::new();
    // The meshes are untextured: they sample egui's white texel, which a 1×1 white texture gives anywhere.
    let white = egui::epaint::ImageDelta::full(ColorImage::new([1, 1], vec![Color32::WHITE]), TextureOptions::LINEAR);
    let mut delta = egui::TexturesDelta::default();
    delta.set.insert(egui::TextureId::default(), std::iter::once(white).collect());
    let applied = renderer.update_textures(&delta);
    // epaint asserts, in debug builds, that no texture change is dropped unseen.
    delta.clear();
    applied.ok()?;
    let offset = -rect.min.to_vec2();
    let clip_rect = Rect::from_min_size(pos2(0.0, 0.0), rect.size());
    let primitives: Vec<ClippedPrimitive> = meshes
        .iter()
        .map(|mesh| {
            let mut mesh = Mesh::clone(mesh);
            mesh.translate(offset);
            ClippedPrimitive { clip_rect, primitive: Primitive::Mesh(mesh) }
        })
        .collect();
    let image = renderer.render(&primitives, size_px, pixels_per_point, background).ok()?;
    Some(ColorImage::from_rgba_premultiplied([size_px[0] as usize, size_px[1] as usize], image.as_raw()))
}

/// The texture of `scene_id`'s base map, drawing and uploading it when `cache` holds another scene's.
pub fn texture_for(
    ctx: &egui::Context,
    cache: &mut Option<BaseTexture>,
    scene_id: u64,
    rect: Rect,
    meshes: &[Arc<Mesh>],
    background: Color32,
) -> Option<TextureHandle> {
    if let Some(t) = cache.as_ref().filter(|t| t.scene_id == scene_id && t.rect == rect) {
        return Some(t.texture.clone());
    }
    let image = draw(meshes, rect, ctx.pixels_per_point(), background)?;
    // Nearest: the picture has one texel per screen pixel, so filtering would only blur it.
    let options = TextureOptions::NEAREST;
    let texture = match cache.take() {
        Some(mut t) => {
            t.texture.set(image, options);
            t.texture
        }
        None => ctx.load_texture("timeatlas_base_map", image, options),
    };
    *cache = Some(BaseTexture { scene_id, rect, texture: texture.clone() });
    Some(texture)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_holds_the_meshes_where_the_screen_has_them() {
        let rect = Rect::from_min_size(pos2(100.0, 50.0), egui::vec2(40.0, 20.0));
        let mut mesh = Mesh::default();
        // A red square from (110, 55) to (120, 65) in screen points.
        mesh.add_colored_rect(Rect::from_min_max(pos2(110.0, 55.0), pos2(120.0, 65.0)), Color32::RED);
        let image = draw(&[Arc::new(mesh)], rect, 2.0, Color32::BLUE).expect("a picture");
        assert_eq!(image.size, [80, 40]);
        let at = |x: usize, y: usize| image.pixels[y * 80 + x];
        // (110, 55) is (10, 5) points into the rect: (20, 10) pixels at 2 pixels per point.
        assert_eq!(at(21, 11), Color32::RED);
        assert_eq!(at(39, 29), Color32::RED);
        assert_eq!(at(19, 11), Color32::BLUE);
        assert_eq!(at(41, 29), Color32::BLUE);
        assert_eq!(at(0, 0), Color32::BLUE);
    }

    #[test]
    fn an_empty_rect_gives_no_picture() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(0.0, 10.0));
        assert!(draw(&[], rect, 1.0, Color32::BLUE).is_none());
    }

    #[test]
    fn the_texture_is_drawn_again_only_for_another_scene_or_rect() {
        let ctx = egui::Context::default();
        let rect = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(8.0, 8.0));
        let mut cache = None;
        let first = texture_for(&ctx, &mut cache, 1, rect, &[], Color32::BLUE).expect("a texture");
        let same = texture_for(&ctx, &mut cache, 1, rect, &[], Color32::RED).expect("a texture");
        assert_eq!(first.id(), same.id());
        assert_eq!(cache.as_ref().map(|t| t.scene_id), Some(1));
        // A new scene redraws into the same texture: the window never holds more than one.
        let next = texture_for(&ctx, &mut cache, 2, rect, &[], Color32::RED).expect("a texture");
        assert_eq!(next.id(), first.id());
        assert_eq!(cache.as_ref().map(|t| t.scene_id), Some(2));
        let wider = Rect::from_min_size(pos2(0.0, 0.0), egui::vec2(16.0, 8.0));
        let resized = texture_for(&ctx, &mut cache, 2, wider, &[], Color32::RED).expect("a texture");
        assert_eq!(resized.size(), [16, 8]);
        assert_eq!(cache.as_ref().map(|t| t.rect), Some(wider));
    }
}
