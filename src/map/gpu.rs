//! The base map on the GPU. epaint copies every vertex of every mesh it is handed, each frame, and egui-wgpu
//! uploads them again: for the base map's ~80k cached vertices that was most of a frame. Here the cached
//! scene's meshes go to GPU buffers once per scene (a new view, palette or data), and a frame only sends a
//! paint callback that draws them, as egui would (same vertex layout, colours and blending). Each highlighted
//! country's mesh has a slot of its own, sent once per scene. A pan within the scene's margin sends only its
//! offset, in the uniform.
//!
//! Exports, thumbnails, the SVG and the tests keep drawing the same meshes through epaint: only a window
//! whose renderer has [`BaseMapGpu`] registered gets the callback.

use std::borrow::Cow;
use std::num::NonZeroU64;
use std::sync::Arc;

use egui::epaint::{Mesh, Vertex};
use egui_wgpu::wgpu;

/// The pipeline and the buffers holding the current scene, kept in the renderer's callback resources.
pub struct BaseMapGpu {
    pipeline: wgpu::RenderPipeline,
    uniform: wgpu::Buffer,
    bind_group: wgpu::BindGroup,
    /// Slot 0 holds the base map; the others the highlighted countries drawn over it, in paint order.
    slots: Vec<Option<SlotBuffers>>,
    /// What the uniform holds: the screen size and the scene's offset, in points.
    view_points: [f32; 4],
    dithering: bool,
}

/// The uniform's size: screen size and offset (points), dithering, padding to 16-byte rows.
const VIEW_BYTES: u64 = 32;

/// A slot's meshes (a scene's fills then lines, or one highlight), in one vertex and one index buffer.
struct SlotBuffers {
    content_id: u64,
    vertices: wgpu::Buffer,
    indices: wgpu::Buffer,
    vertex_capacity: u64,
    index_capacity: u64,
    /// Each mesh's index range and first vertex, drawn in order.
    draws: Vec<(std::ops::Range<u32>, i32)>,
}

/// The most highlights one frame draws from the GPU (a selection, a hover, a relation's three states);
/// more go through epaint.
pub const MAX_HIGHLIGHT_SLOTS: usize = 6;

impl BaseMapGpu {
    /// Registers the pipeline with a window's renderer; `msaa_samples` and `dithering` as the window's own
    /// egui pipeline has them (eframe's `multisampling` and `dithering`).
    pub fn register(render_state: &egui_wgpu::RenderState, msaa_samples: u32, dithering: bool) {
        let mut gpu = Self::new(&render_state.device, render_state.target_format, msaa_samples);
        gpu.dithering = dithering;
        render_state.renderer.write().callback_resources.insert(gpu);
    }

    fn new(device: &wgpu::Device, format: wgpu::TextureFormat, msaa_samples: u32) -> Self {
        let module = device.create_shader_module(wgpu::ShaderModuleDescriptor {
            label: Some("timeatlas_base_map"),
            source: wgpu::ShaderSource::Wgsl(Cow::Borrowed(include_str!("base_map.wgsl"))),
        });
        let layout_entry = wgpu::BindGroupLayoutEntry {
            binding: 0,
            visibility: wgpu::ShaderStages::VERTEX | wgpu::ShaderStages::FRAGMENT,
            ty: wgpu::BindingType::Buffer {
                ty: wgpu::BufferBindingType::Uniform,
                has_dynamic_offset: false,
                min_binding_size: NonZeroU64::new(VIEW_BYTES),
            },
            count: None,
        };
        let bind_group_layout = device.create_bind_group_layout(&wgpu::BindGroupLayoutDescriptor {
            label: Some("timeatlas_base_map_view"),
            entries: &[layout_entry],
        });
        let uniform = device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("timeatlas_base_map_view"),
            size: VIEW_BYTES,
            usage: wgpu::BufferUsages::UNIFORM | wgpu::BufferUsages::COPY_DST,
            mapped_at_creation: false,
        });
        let bind_group = device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: Some("timeatlas_base_map_view"),
            layout: &bind_group_layout,
            entries: &[wgpu::BindGroupEntry { binding: 0, resource: uniform.as_entire_binding() }],
        });
        let layout = device.create_pipeline_layout(&wgpu::PipelineLayoutDescriptor {
            label: Some("timeatlas_base_map"),
            bind_group_layouts: &[Some(&bind_group_layout)],
            immediate_size: 0,
        });
        // egui's own blending: premultiplied colour over what is there.
        let blend = wgpu::BlendState {
            color: wgpu::BlendComponent {
                src_factor: wgpu::BlendFactor::One,
                dst_factor: wgpu::BlendFactor::OneMinusSrcAlpha,
                operation: wgpu::BlendOperation::Add,
            },
            alpha: wgpu::BlendComponent {
                src_factor: wgpu::BlendFactor::OneMinusDstAlpha,
                dst_factor: wgpu::BlendFactor::One,
                operation: wgpu::BlendOperation::Add,
            },
        };
        let vertex_layout = wgpu::VertexBufferLayout {
            array_stride: std::mem::size_of::<Vertex>() as u64,
            step_mode: wgpu::VertexStepMode::Vertex,
            attributes: &wgpu::vertex_attr_array![0 => Float32x2, 1 => Float32x2, 2 => Uint32],
        };
        let pipeline = device.create_render_pipeline(&wgpu::RenderPipelineDescriptor {
            label: Some("timeatlas_base_map"),
            layout: Some(&layout),
            vertex: wgpu::VertexState {
                module: &module,
                entry_point: Some("vs_main"),
                buffers: &[Some(vertex_layout)],
                compilation_options: wgpu::PipelineCompilationOptions::default(),
            },
            primitive: wgpu::PrimitiveState { topology: wgpu::PrimitiveTopology::TriangleList, ..Default::default() },
            depth_stencil: None,
            multisample: wgpu::MultisampleState {
                count: msaa_samples.max(1),
                mask: !0,
                alpha_to_coverage_enabled: false,
            },
            fragment: Some(wgpu::FragmentState {
                module: &module,
                entry_point: Some(if format.is_srgb() { "fs_linear" } else { "fs_gamma" }),
                targets: &[Some(wgpu::ColorTargetState {
                    format,
                    blend: Some(blend),
                    write_mask: wgpu::ColorWrites::ALL,
                })],
                compilation_options: wgpu::PipelineCompilationOptions::default(),
            }),
            multiview_mask: None,
            cache: None,
        });
        let slots = (0..=MAX_HIGHLIGHT_SLOTS).map(|_| None).collect();
        Self { pipeline, uniform, bind_group, slots, view_points: [0.0; 4], dithering: false }
    }

    /// Sends the scene's meshes unless they are there already, and the screen size and the scene's offset
    /// when they changed (a pan within the scene sends only those 32 bytes).
    fn upload(&mut self, device: &wgpu::Device, queue: &wgpu::Queue, screen_points: [f32; 2], scene: &BaseMapCallback) {
        let view = [screen_points[0], screen_points[1], scene.offset.x, scene.offset.y];
        if self.view_points != view {
            self.view_points = view;
            let dithering = if self.dithering { 1.0 } else { 0.0 };
            let bytes: [f32; 8] = [view[0], view[1], view[2], view[3], dithering, 0.0, 0.0, 0.0];
            queue.write_buffer(&self.uniform, 0, bytemuck::cast_slice(&bytes));
        }
        let Some(slot) = self.slots.get_mut(scene.slot) else { return };
        if slot.as_ref().is_some_and(|b| b.content_id == scene.content_id) {
            return;
        }
        let vertex_bytes: u64 =
            scene.meshes.iter().map(|m| (m.vertices.len() * std::mem::size_of::<Vertex>()) as u64).sum();
        let index_bytes: u64 = scene.meshes.iter().map(|m| (m.indices.len() * 4) as u64).sum();
        let fits = slot.as_ref().is_some_and(|b| b.vertex_capacity >= vertex_bytes && b.index_capacity >= index_bytes);
        if !fits {
            // Room for a somewhat larger view next time, so panning does not reallocate every frame.
            let (vertex_capacity, index_capacity) = (grown(vertex_bytes), grown(index_bytes));
            let buffer = |label, size, usage| {
                device.create_buffer(&wgpu::BufferDescriptor {
                    label: Some(label),
                    size,
                    usage: usage | wgpu::BufferUsages::COPY_DST,
                    mapped_at_creation: false,
                })
            };
            *slot = Some(SlotBuffers {
                content_id: 0,
                vertices: buffer("timeatlas_base_map_vertices", vertex_capacity, wgpu::BufferUsages::VERTEX),
                indices: buffer("timeatlas_base_map_indices", index_capacity, wgpu::BufferUsages::INDEX),
                vertex_capacity,
                index_capacity,
                draws: Vec::new(),
            });
        }
        let Some(b) = slot.as_mut() else { return };
        b.draws.clear();
        let (mut vertex_at, mut index_at) = (0u64, 0u64);
        for mesh in &scene.meshes {
            queue.write_buffer(
                &b.vertices,
                vertex_at * std::mem::size_of::<Vertex>() as u64,
                bytemuck::cast_slice(&mesh.vertices),
            );
            queue.write_buffer(&b.indices, index_at * 4, bytemuck::cast_slice(&mesh.indices));
            let first = index_at as u32;
            b.draws.push((first..first + mesh.indices.len() as u32, vertex_at as i32));
            vertex_at += mesh.vertices.len() as u64;
            index_at += mesh.indices.len() as u64;
        }
        b.content_id = scene.content_id;
    }
}

/// A buffer size with a quarter to spare, rounded to what `write_buffer` needs (a multiple of 4), never 0.
fn grown(bytes: u64) -> u64 {
    (bytes + bytes / 4).max(64).next_multiple_of(wgpu::COPY_BUFFER_ALIGNMENT)
}

/// Draws a scene's base map (fills under lines), or a highlight over it, where the epaint meshes would
/// have been drawn.
pub struct BaseMapCallback {
    /// 0 for the base map, 1 to [`MAX_HIGHLIGHT_SLOTS`] for this frame's highlights in paint order.
    pub slot: usize,
    /// What the meshes are (a scene id, or a hash of the scene and highlight): sent again only when it
    /// changes.
    pub content_id: u64,
    /// Drawn in order: fills then lines, or a highlight's fill and edge.
    pub meshes: Vec<Arc<Mesh>>,
    /// Where a pan has moved the scene since it was built, in points.
    pub offset: egui::Vec2,
}

impl egui_wgpu::CallbackTrait for BaseMapCallback {
    fn prepare(
        &self,
        device: &wgpu::Device,
        queue: &wgpu::Queue,
        screen: &egui_wgpu::ScreenDescriptor,
        _encoder: &mut wgpu::CommandEncoder,
        resources: &mut egui_wgpu::CallbackResources,
    ) -> Vec<wgpu::CommandBuffer> {
        if let Some(gpu) = resources.get_mut::<BaseMapGpu>() {
            let ppp = screen.pixels_per_point.max(f32::EPSILON);
            let points = [screen.size_in_pixels[0] as f32 / ppp, screen.size_in_pixels[1] as f32 / ppp];
            gpu.upload(device, queue, points, self);
        }
        Vec::new()
    }

    fn paint(
        &self,
        info: egui::PaintCallbackInfo,
        pass: &mut wgpu::RenderPass<'static>,
        resources: &egui_wgpu::CallbackResources,
    ) {
        let Some(gpu) = resources.get::<BaseMapGpu>() else { return };
        let Some(b) = gpu.slots.get(self.slot).and_then(Option::as_ref).filter(|b| b.content_id == self.content_id)
        else {
            return;
        };
        // egui sets the viewport to the callback's rect; the vertices are in whole-screen points.
        let [w, h] = info.screen_size_px;
        pass.set_viewport(0.0, 0.0, w as f32, h as f32, 0.0, 1.0);
        pass.set_pipeline(&gpu.pipeline);
        pass.set_bind_group(0, &gpu.bind_group, &[]);
        pass.set_vertex_buffer(0, b.vertices.slice(..));
        pass.set_index_buffer(b.indices.slice(..), wgpu::IndexFormat::Uint32);
        for (indices, base_vertex) in &b.draws {
            pass.draw_indexed(indices.clone(), *base_vertex, 0..1);
        }
    }
}
