//! Runs export frames in their own egui context and turns them into PNG images or SVG documents. Keep one
//! [`Exporter`] for a batch (frames of a date range, a lesson's slides): the font atlas is sent once.

use std::path::Path;

use anyhow::Context as _;

use crate::cpu_raster::CpuRenderer;
use crate::map::projection::Projector;
use crate::map::scene::Scene;
use crate::theme::{self, ThemeChoice};

use super::frame::{ExportOptions, ExportScene, background, export_ui, layout_pixels_per_point, raw_input};

/// Renders exports, on the CPU (`cpu_raster`: the same pixels as egui's GPU renderer, without its start-up).
#[derive(Default)]
pub struct Exporter {
    ctx: egui::Context,
    cache: Option<Scene>,
    renderer: CpuRenderer,
    /// Texture changes not yet applied (an SVG export makes some but renders nothing).
    pending: egui::TexturesDelta,
    theme: Option<ThemeChoice>,
    /// The map's projector in the last export (where annotations and places landed).
    pub last_projector: Option<Projector>,
}

impl Exporter {
    /// A new exporter (cheap: nothing starts until the first export).
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs the export frame (twice: the first pass lets panels and text settle) and returns its output.
    fn run(
        &mut self,
        scene: &ExportScene<'_>,
        opts: &ExportOptions,
        vector: bool,
        preview_ppp: Option<f32>,
    ) -> (egui::FullOutput, Option<Projector>) {
        if self.theme != Some(scene.look.theme) {
            crate::text::fonts::install(&self.ctx);
            theme::apply_to_egui(&self.ctx, scene.look.theme);
            self.theme = Some(scene.look.theme);
        }
        let mut projector = None;
        let mut last = egui::FullOutput::default();
        for _ in 0..2 {
            let layout_ppp = layout_pixels_per_point(scene.view, opts.size_px);
            let mut out = self.ctx.run_ui(raw_input(opts.size_px, layout_ppp, preview_ppp), |ui| {
                projector = export_ui(ui, scene, opts, vector, &mut self.cache);
            });
            self.pending.append(std::mem::take(&mut out.textures_delta));
            last = out;
        }
        self.last_projector = projector;
        (last, projector)
    }

    /// Renders a PNG image of exactly `opts.size_px`.
    pub fn png(&mut self, scene: &ExportScene<'_>, opts: &ExportOptions) -> anyhow::Result<image::RgbaImage> {
        self.render(scene, opts, None)
    }

    /// A small image of what `opts` will export: the same layout (labels, text, legend), `width_px` wide.
    pub fn preview(
        &mut self,
        scene: &ExportScene<'_>,
        opts: &ExportOptions,
        width_px: u32,
    ) -> anyhow::Result<image::RgbaImage> {
        let scale = width_px as f32 / opts.size_px[0].max(1) as f32;
        let ppp = layout_pixels_per_point(scene.view, opts.size_px) * scale;
        self.render(scene, opts, Some(ppp))
    }

    /// The export frame tessellated, with the texture changes since the last call and its pixels per point,
    /// to draw it with another renderer kept across calls (tests compare the CPU renderer with egui's GPU
    /// one). Clear the changes once applied: epaint asserts, in debug builds, that none is dropped unseen.
    pub fn tessellated(
        &mut self,
        scene: &ExportScene<'_>,
        opts: &ExportOptions,
    ) -> anyhow::Result<(Vec<egui::ClippedPrimitive>, egui::TexturesDelta, f32)> {
        let (out, _) = self.run(scene, opts, false, None);
        self.renderer.update_textures(&self.pending)?;
        let delta = std::mem::take(&mut self.pending);
        Ok((self.ctx.tessellate(out.shapes, out.pixels_per_point), delta, out.pixels_per_point))
    }

    fn render(
        &mut self,
        scene: &ExportScene<'_>,
        opts: &ExportOptions,
        preview_ppp: Option<f32>,
    ) -> anyhow::Result<image::RgbaImage> {
        let (out, _) = self.run(scene, opts, false, preview_ppp);
        self.renderer.update_textures(&self.pending)?;
        self.pending.clear();
        let primitives = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let ppp = out.pixels_per_point;
        let size_px = match preview_ppp {
            Some(_) => {
                let points = egui::vec2(opts.size_px[0] as f32, opts.size_px[1] as f32)
                    / layout_pixels_per_point(scene.view, opts.size_px);
                [((points.x * ppp).round() as u32).max(1), ((points.y * ppp).round() as u32).max(1)]
            }
            None => opts.size_px,
        };
        self.renderer.render(&primitives, size_px, ppp, background(&scene.look))
    }

    /// Writes an SVG document of `opts.size_px`: land as one path per country, the rest as egui drew it.
    pub fn svg(&mut self, scene: &ExportScene<'_>, opts: &ExportOptions) -> String {
        let (out, projector) = self.run(scene, opts, true, None);
        let groups = projector.map(|p| super::vector::base_groups(scene, &p)).unwrap_or_default();
        let title = opts.title.trim();
        let doc = super::svg::SvgDocument {
            size_px: opts.size_px,
            pixels_per_point: layout_pixels_per_point(scene.view, opts.size_px),
            background: background(&scene.look),
            title: (!title.is_empty()).then_some(title),
            groups_below: &groups,
            shapes: &out.shapes,
        };
        super::svg::to_svg(&doc)
    }

    /// Exports to `path` in `opts.format`, atomically (a failed export leaves an existing file as it was).
    pub fn export_to(&mut self, scene: &ExportScene<'_>, opts: &ExportOptions, path: &Path) -> anyhow::Result<()> {
        let bytes = match opts.format {
            super::frame::ExportFormat::Png => encode_png(&self.png(scene, opts)?)?,
            super::frame::ExportFormat::Svg => self.svg(scene, opts).into_bytes(),
        };
        crate::model::atomic::write_atomic(path, &bytes).with_context(|| format!("cannot write {}", path.display()))
    }
}

impl Drop for Exporter {
    fn drop(&mut self) {
        // Texture changes an SVG export made and no PNG applied: epaint asserts (in debug builds) that none
        // is dropped unseen, and here there is nothing left to apply them to.
        self.pending.clear();
    }
}

/// Encodes an image as PNG, fast: fast compression, and every row filtered by "up" (a 4K map: 14 ms and
/// 2.2 MB, where trying each filter per row took 23 ms for 1.8 MB).
pub fn encode_png(image: &image::RgbaImage) -> anyhow::Result<Vec<u8>> {
    use image::ImageEncoder as _;
    let mut bytes = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new_with_quality(
        &mut bytes,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Up,
    );
    encoder
        .write_image(image.as_raw(), image.width(), image.height(), image::ExtendedColorType::Rgba8)
        .context("cannot encode the PNG")?;
    Ok(bytes)
}
