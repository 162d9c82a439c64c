//! Draws egui's tessellated output into an image on the CPU, the way egui's wgpu renderer draws it: vertex
//! colours and textures in gamma space, premultiplied source-over blending, bilinear or nearest texture
//! sampling at pixel centres, clip rects rounded to whole pixels. Exports use it instead of a GPU device:
//! on a machine without a GPU, starting wgpu on llvmpipe and rasterising there cost most of a 4K export,
//! while this needs no start-up and draws on every core (rows are cut into bands, one task each).
//!
//! The crates measured first could not do it: `egui_software_backend` and `dream-soft-render`'s egui adapter
//! are built for egui 0.34, and `dream-soft-render`'s core caps a surface at 1280×720 and samples textures
//! nearest-texel (text would look blockier than in the window); `tiny-skia` fills paths, not meshes with
//! per-vertex colour (egui's anti-aliasing feathers edges through vertex alpha).

mod texture;
mod triangle;

#[cfg(test)]
mod tests;

use anyhow::{anyhow, bail};
use egui::epaint::{ClippedPrimitive, Primitive, TextureId};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use texture::Texture;
use triangle::{Band, PixelMesh, TriangleVertex};

/// The largest image side drawn (as the GPU renderer's default texture limit).
pub const MAX_SIDE_PX: u32 = 8192;

/// Rows per band: small enough that both cores stay busy to the end, large enough that a triangle seldom
/// lands in more than one band (each band sets it up again).
const BAND_ROWS: usize = 96;

/// egui's textures (the font atlas, images) as the renderer last received them.
#[derive(Default)]
pub struct CpuRenderer {
    textures: FxHashMap<TextureId, Texture>,
}

/// One mesh ready to draw: its corners in pixels, its texture, its clip rect in pixels, and for each band
/// the triangles that reach it (so a band does not look at every triangle of the image).
struct Job<'a> {
    mesh: PixelMesh<'a>,
    texture: &'a Texture,
    clip_px: [usize; 4],
    triangles_by_band: Vec<Vec<u32>>,
}

impl CpuRenderer {
    /// A renderer with no textures yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies new, changed (a region of an existing one) and freed textures.
    pub fn update_textures(&mut self, delta: &egui::TexturesDelta) -> anyhow::Result<()> {
        for (id, images) in &delta.set {
            for image in images {
                match image.pos {
                    None => {
                        self.textures.insert(*id, Texture::new(&image.image, image.options));
                    }
                    Some(pos) => self
                        .textures
                        .get_mut(id)
                        .ok_or_else(|| anyhow!("texture {id:?} was updated before it was created"))?
                        .patch(pos, &image.image, image.options)?,
                }
            }
        }
        for id in &delta.free {
            self.textures.remove(id);
        }
        Ok(())
    }

    /// Draws `primitives` (positions in points) into a new `size_px` image cleared to `background`.
    pub fn render(
        &self,
        primitives: &[ClippedPrimitive],
        size_px: [u32; 2],
        pixels_per_point: f32,
        background: egui::Color32,
    ) -> anyhow::Result<image::RgbaImage> {
        check_size(size_px)?;
        let [w, h] = size_px;
        let (width, height) = (w as usize, h as usize);
        let jobs = self.jobs(primitives, [width, height], pixels_per_point)?;
        // Zeroed pages come from the system lazily; each band fills its own rows, on its own core.
        let mut pixels = vec![[0u8; 4]; width * height];
        pixels.par_chunks_mut(width * BAND_ROWS).enumerate().for_each(|(i, rows)| {
            rows.fill(background.to_array());
            let mut band = Band { pixels: rows, width, y0: i * BAND_ROWS };
            for job in &jobs {
                band.draw_mesh(&job.mesh, &job.triangles_by_band[i], job.texture, job.clip_px);
            }
        });
        let bytes: Vec<u8> = bytemuck::cast_vec(pixels);
        image::RgbaImage::from_raw(w, h, bytes).ok_or_else(|| anyhow!("image size mismatch"))
    }

    /// The meshes that draw something, in order, with their vertices in pixels.
    fn jobs<'a>(
        &'a self,
        primitives: &'a [ClippedPrimitive],
        size_px: [usize; 2],
        pixels_per_point: f32,
    ) -> anyhow::Result<Vec<Job<'a>>> {
        let bands = size_px[1].div_ceil(BAND_ROWS);
        let mut jobs = Vec::new();
        for ClippedPrimitive { clip_rect, primitive } in primitives {
            let mesh = match primitive {
                Primitive::Mesh(mesh) => mesh,
                Primitive::Callback(_) => bail!("a paint callback cannot be drawn without a GPU"),
            };
            let clip_px = scissor_px(*clip_rect, pixels_per_point, size_px);
            if mesh.indices.is_empty() || clip_px[0] == clip_px[2] || clip_px[1] == clip_px[3] {
                continue;
            }
            let texture =
                self.textures.get(&mesh.texture_id).ok_or_else(|| anyhow!("no texture {:?}", mesh.texture_id))?;
            if let Some(bad) = mesh.indices.iter().find(|&&i| i as usize >= mesh.vertices.len()) {
                bail!("a mesh index ({bad}) is past its {} vertices", mesh.vertices.len());
            }
            let vertices = mesh.vertices.iter().map(|v| TriangleVertex::new(v, pixels_per_point)).collect();
            let mesh = PixelMesh { vertices, indices: &mesh.indices };
            let mut triangles_by_band = vec![Vec::new(); bands];
            let (clip_y0, clip_y1) = (clip_px[1] as f64, clip_px[3] as f64 - 1.0);
            for first in (0..mesh.indices.len() / 3).map(|t| t * 3) {
                let (top, bottom) = mesh.rows_of(first);
                let (top, bottom) = (top.max(clip_y0), bottom.min(clip_y1));
                if top > bottom {
                    continue;
                }
                for band in
                    triangles_by_band.iter_mut().take(bottom as usize / BAND_ROWS + 1).skip(top as usize / BAND_ROWS)
                {
                    band.push(first as u32);
                }
            }
            jobs.push(Job { mesh, texture, clip_px, triangles_by_band });
        }
        Ok(jobs)
    }
}

/// An error unless both sides are within `1..=MAX_SIDE_PX`.
pub fn check_size([w, h]: [u32; 2]) -> anyhow::Result<()> {
    if w == 0 || h == 0 || w > MAX_SIDE_PX || h > MAX_SIDE_PX {
        bail!("image size {w}x{h} is outside 1..={MAX_SIDE_PX} pixels");
    }
    Ok(())
}

/// A clip rect in points as the pixel rect `[x0, y0, x1, y1]` egui-wgpu's scissor gives it (rounded, clamped).
fn scissor_px(clip: egui::Rect, pixels_per_point: f32, [w, h]: [usize; 2]) -> [usize; 4] {
    let round = |v: f32, max: usize| (v * pixels_per_point).round().clamp(0.0, max as f32) as usize;
    let (x0, y0) = (round(clip.min.x, w), round(clip.min.y, h));
    let (x1, y1) = (round(clip.max.x, w).max(x0), round(clip.max.y, h).max(y0));
    [x0, y0, x1, y1]
}
