//! Renders egui frames to images without a window, with egui's own wgpu renderer (the same one the window
//! uses). The benchmarks measure frames with it, and compare the exports' CPU renderer (`cpu_raster`) with it.
//!
//! Creating the device costs about a second on a machine without a GPU (Mesa's llvmpipe); keep one
//! [`OffscreenRenderer`] and reuse it: later frames cost tens of milliseconds at 4K.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, anyhow};
use egui_wgpu::wgpu;

/// How long to wait for the GPU (or llvmpipe) to finish a frame.
const WAIT: Duration = Duration::from_secs(60);

/// A wgpu device and egui renderer with no window.
pub struct OffscreenRenderer {
    state: egui_wgpu::RenderState,
}

impl OffscreenRenderer {
    /// Creates the device. Prefers a real GPU, then any adapter (llvmpipe on machines without one).
    pub fn new() -> anyhow::Result<Self> {
        let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
        setup.native_adapter_selector = Some(Arc::new(|adapters, _surface| {
            let rank = |a: &wgpu::Adapter| match a.get_info().device_type {
                wgpu::DeviceType::DiscreteGpu => 0,
                wgpu::DeviceType::IntegratedGpu => 1,
                wgpu::DeviceType::Cpu => 2,
                _ => 3,
            };
            adapters.iter().min_by_key(|a| rank(a)).cloned().ok_or_else(|| "no graphics adapter found".to_owned())
        }));
        let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
        let instance = pollster::block_on(setup.new_instance());
        let config = egui_wgpu::WgpuConfiguration { wgpu_setup: setup, ..Default::default() };
        let options = egui_wgpu::RendererOptions { msaa_samples: 1, dithering: false, ..Default::default() };
        let state = pollster::block_on(egui_wgpu::RenderState::create(&config, &instance, None, options))
            .map_err(|e| anyhow!("cannot start the offscreen renderer: {e}"))?;
        log::info!("offscreen renderer: {:?}", state.adapter.get_info());
        Ok(Self { state })
    }

    /// The device and egui renderer (to register paint callbacks' resources with it).
    pub fn render_state(&self) -> &egui_wgpu::RenderState {
        &self.state
    }

    /// What eframe does on the CPU for a frame before its render pass: egui-wgpu's vertex and index uploads
    /// and the paint callbacks' `prepare`, submitted (the benchmark's frames measure it).
    pub fn upload_frame(&mut self, primitives: &[egui::ClippedPrimitive], size_px: [u32; 2], pixels_per_point: f32) {
        let device = &self.state.device;
        let screen = egui_wgpu::ScreenDescriptor { size_in_pixels: size_px, pixels_per_point };
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("frame") });
        let user_buffers =
            self.state.renderer.write().update_buffers(device, &self.state.queue, &mut encoder, primitives, &screen);
        self.state.queue.submit(user_buffers.into_iter().chain(std::iter::once(encoder.finish())));
    }

    /// Uploads new and changed textures (the font atlas) and frees dropped ones.
    pub fn update_textures(&mut self, delta: &egui::TexturesDelta) {
        let mut renderer = self.state.renderer.write();
        for (id, images) in &delta.set {
            for image in images {
                renderer.update_texture(&self.state.device, &self.state.queue, *id, image);
            }
        }
        for id in &delta.free {
            renderer.free_texture(id);
        }
    }

    /// Draws tessellated primitives into a new image of `size_px`, cleared to `background`.
    pub fn render(
        &mut self,
        primitives: &[egui::ClippedPrimitive],
        size_px: [u32; 2],
        pixels_per_point: f32,
        background: egui::Color32,
    ) -> anyhow::Result<image::RgbaImage> {
        crate::cpu_raster::check_size(size_px)?;
        let [w, h] = size_px;
        let device = &self.state.device;
        let screen = egui_wgpu::ScreenDescriptor { size_in_pixels: size_px, pixels_per_point };
        let texture = device.create_texture(&wgpu::TextureDescriptor {
            label: Some("export target"),
            size: wgpu::Extent3d { width: w, height: h, depth_or_array_layers: 1 },
            mip_level_count: 1,
            sample_count: 1,
            dimension: wgpu::TextureDimension::D2,
            format: self.state.target_format,
            usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
            view_formats: &[],
        });
        let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("export") });
        let mut renderer = self.state.renderer.write();
        let user_buffers = renderer.update_buffers(device, &self.state.queue, &mut encoder, primitives, &screen);
        // egui's shader writes gamma-encoded colours to this non-sRGB target: clear with gamma-encoded values too.
        let [r, g, b, a] = background.to_array().map(|c| f32::from(c) / 255.0);
        {
            let mut pass = encoder
                .begin_render_pass(&wgpu::RenderPassDescriptor {
                    label: Some("export pass"),
                    color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                        view: &view,
                        resolve_target: None,
                        ops: wgpu::Operations {
                            load: wgpu::LoadOp::Clear(wgpu::Color {
                                r: f64::from(r),
                                g: f64::from(g),
                                b: f64::from(b),
                                a: f64::from(a),
                            }),
                            store: wgpu::StoreOp::Store,
                        },
                        depth_slice: None,
                    })],
                    ..Default::default()
                })
                .forget_lifetime();
            renderer.render(&mut pass, primitives, &screen);
        }
        drop(renderer);
        self.state.queue.submit(user_buffers.into_iter().chain(std::iter::once(encoder.finish())));
        self.read_back(&texture)
    }

    /// Copies a rendered texture into an RGBA image.
    fn read_back(&self, texture: &wgpu::Texture) -> anyhow::Result<image::RgbaImage> {
        let (w, h) = (texture.width(), texture.height());
        let row_bytes = w as usize * 4;
        let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
        let padded_row_bytes = row_bytes.div_ceil(align) * align;
        let device = &self.state.device;
        let buffer = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("export read-back"),
            size: (padded_row_bytes * h as usize) as u64,
            usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let mut encoder = device.create_command_encoder(&wgpu::CommandEncoderDescriptor { label: Some("read-back") });
        encoder.copy_texture_to_buffer(
            texture.as_image_copy(),
            wgpu::TexelCopyBufferInfo {
                buffer: &buffer,
                layout: wgpu::TexelCopyBufferLayout {
                    offset: 0,
                    bytes_per_row: Some(u32::try_from(padded_row_bytes).context("row too wide")?),
                    rows_per_image: None,
                },
            },
            wgpu::Extent3d { width: w, height: h, depth_or_array_layers: 1 },
        );
        let submission = self.state.queue.submit(std::iter::once(encoder.finish()));
        let slice = buffer.slice(..);
        let (sender, receiver) = std::sync::mpsc::channel();
        slice.map_async(wgpu::MapMode::Read, move |r| drop(sender.send(r)));
        device
            .poll(wgpu::PollType::Wait { submission_index: Some(submission), timeout: Some(WAIT) })
            .map_err(|e| anyhow!("the renderer did not finish: {e}"))?;
        receiver.recv().context("the renderer dropped the read-back")?.context("cannot read the rendered image")?;
        let mapped = slice.get_mapped_range().map_err(|e| anyhow!("cannot map the rendered image: {e}"))?;
        let bgra = matches!(self.state.target_format, wgpu::TextureFormat::Bgra8Unorm);
        let mut pixels = Vec::with_capacity(row_bytes * h as usize);
        for row in mapped.chunks_exact(padded_row_bytes) {
            pixels.extend_from_slice(&row[..row_bytes]);
        }
        drop(mapped);
        buffer.unmap();
        if bgra {
            for px in pixels.chunks_exact_mut(4) {
                px.swap(0, 2);
            }
        }
        image::RgbaImage::from_raw(w, h, pixels).ok_or_else(|| anyhow!("read-back size mismatch"))
    }
}
