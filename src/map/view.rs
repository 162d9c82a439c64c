//! The map widget: draws the cached scene, handles pan, zoom and hover, and reports what happened.

use egui::epaint::{Mesh, PathStroke};
use egui::{Color32, Sense, Shape, Ui};

use crate::model::{Atlas, GeoPoint};
use crate::theme::{MapPalette, ThemeChoice, size};

use super::area_mesh::{push_area_fill, push_area_outline};
use super::memory::MapMemory;
use super::projection::{Projector, geo_from_map};
use super::scene::{PreparedAtlas, Scene, SceneInputs, SceneKey, build_scene};

/// Mouse-wheel zoom: factor per scrolled point.
const WHEEL_ZOOM_PER_POINT: f64 = 0.0025;

/// What the map widget needs to draw.
pub struct MapInputs<'a> {
    /// Loaded layers.
    pub atlas: &'a Atlas,
    /// Their prepared geometry.
    pub prepared: &'a PreparedAtlas,
    /// The view to draw.
    pub memory: MapMemory,
    /// Theme choice and its palette.
    pub theme: ThemeChoice,
    /// Colours.
    pub palette: &'a MapPalette,
    /// Province layer on.
    pub show_provinces: bool,
    /// City layer on.
    pub show_cities: bool,
    /// Which names the labels show.
    pub names: crate::text::names::NameMode,
    /// What the map shows, for screen readers (date, selection, highlights, markers): called only when a
    /// screen reader or an output event asks, since it names markers and formats dates.
    pub description: &'a dyn Fn() -> String,
    /// ISO alpha-3 of the selected country.
    pub selected: Option<&'a str>,
    /// ISO alpha-3 of countries highlighted by the open card (a relation's three states).
    pub highlighted: &'a [String],
    /// The record those highlights draw (id, title), to name them in an SVG export; `None` leaves them
    /// unnamed.
    pub highlighted_record: Option<(&'a str, &'a str)>,
    /// Bumped whenever data changes.
    pub data_generation: u64,
    /// Tooltip to show instead of the country name (an event marker under the pointer).
    pub tooltip: Option<String>,
    /// Draw the scale bar.
    pub scale_bar: bool,
    /// Show tooltips and the hover highlight (off while presenting: the pointer is for pointing).
    pub tooltips: bool,
    /// Paint the land meshes. An SVG export turns this off and writes the land as paths.
    pub paint_base: bool,
    /// How the land, lakes and borders reach the screen.
    pub base: BasePath,
    /// Points on the map's right that a panel laid over it covers: Home fits the four countries into the rest.
    pub covered_right: f32,
    /// Paint the sea. Exports turn this off: their image is cleared to the sea colour, which saves
    /// filling every pixel twice (the software renderer of a machine without a GPU is fill-bound).
    pub paint_sea: bool,
}

/// How the base map (land, lakes, borders) is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BasePath {
    /// As epaint meshes: exports, thumbnails, tests.
    #[default]
    Meshes,
    /// From the GPU's copy of the scene (`map::gpu`): a window drawn by wgpu.
    Gpu,
    /// As one picture of the scene (`map::base_texture`): a window drawn by a software rasteriser.
    Texture,
}

/// What happened in the map this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapOutput {
    /// The view after this frame's gestures, when they changed it.
    pub new_memory: Option<MapMemory>,
    /// Index into `Atlas::countries` of the country under the pointer.
    pub hovered_country: Option<usize>,
    /// The geographic point under the pointer.
    pub pointer_geo: Option<GeoPoint>,
    /// The pointer on screen, when over the map.
    pub pointer_screen: Option<egui::Pos2>,
    /// Set when the map was clicked: `Some(Some(i))` selects country `i`, `Some(None)` clears.
    pub clicked: Option<Option<usize>>,
    /// The projector used this frame.
    pub projector: Option<Projector>,
    /// The view drawn this frame (the fitted view while none is set).
    pub effective_memory: MapMemory,
    /// The part of the map no panel covers (legends and Home keep to it).
    pub free_rect: Option<egui::Rect>,
    /// Where the labels go, under the markers: `repaint_labels_clear_of` paints them there.
    pub labels_slot: Option<egui::layers::ShapeIdx>,
    /// The map widget's id (for the keyboard: arrows pan the map while it has focus).
    pub widget_id: Option<egui::Id>,
}

/// Paints the scene's labels again into `under` (the markers' slot), each moved aside or dropped where this
/// frame's obstacles would cover it, and those that must stay though covered into `over` (after the
/// markers); returns the labels drawn. The obstacles are the `markers`' boxes, which move with the map, and
/// the boxes `fixed` on the screen (the legends), which the labels keep clear of while the map is still:
/// during a pan they slide under them, so that a pan does not place the names again every frame, and the
/// frame after the pan stops places them anew. They are painted as meshes, or `as_text` as text shapes
/// (which an SVG writes as text).
pub fn repaint_labels_clear_of(
    painter: &egui::Painter,
    [under, over]: [egui::layers::ShapeIdx; 2],
    as_text: bool,
    scene: &Scene,
    (atlas, prepared): (&Atlas, &PreparedAtlas),
    (markers, fixed): (&[egui::Rect], &[egui::Rect]),
    palette: &MapPalette,
) -> Vec<super::labels::PlacedLabel> {
    let p = scene.key.projector;
    let areas = super::scene::CountryAreas { atlas, prepared, projector: &p };
    // The scale bar's corner, which the labels were placed clear of, stays clear as they move.
    let scale_bar = scene.key.scale_bar.then(|| super::scale_bar::scale_bar_rect(p.screen_rect));
    // The labels are in the scene's view; this frame's obstacles are where a pan has moved it to.
    let offset = scene.offset;
    let obstacles: Vec<egui::Rect> = if offset == egui::Vec2::ZERO {
        markers.iter().chain(fixed).copied().chain(scale_bar).collect()
    } else {
        // Back in the scene's view a marker's box is where it was, but for rounding: an eighth of a point.
        let snap = |v: f32| (v * 8.0).round() / 8.0;
        let back = |r: &egui::Rect| {
            let r = r.translate(-offset);
            egui::Rect::from_min_max(egui::pos2(snap(r.min.x), snap(r.min.y)), egui::pos2(snap(r.max.x), snap(r.max.y)))
        };
        markers.iter().map(back).chain(scale_bar).collect()
    };
    // The same scene under the same obstacles (a still frame, a hover, a pan) places the same labels: kept
    // from the last frame, one entry per painter layer, with their meshes once tessellated.
    let key = (scene.id, obstacles_hash(&obstacles));
    let id = painter.layer_id().id.with("labels-clear-of");
    let ctx = painter.ctx();
    let cached = ctx.data(|d| d.get_temp::<LabelsCleared>(id)).filter(|c| c.key == key);
    let mut entry = cached.unwrap_or_else(|| LabelsCleared {
        key,
        labels: std::sync::Arc::new(super::labels::clear_of(&scene.labels, &obstacles, p.screen_rect, &areas)),
        meshes: None,
    });
    // Moved by whole pixels, the names' mesh is the one tessellated where they were, moved.
    let ppp = ctx.pixels_per_point().max(0.1);
    let offset = (offset * ppp).round() / ppp;
    let shapes = |on_top: bool, offset| {
        super::labels::label_shapes(entry.labels.iter().filter(|l| l.over_markers == on_top), palette, offset)
    };
    if as_text {
        painter.set(under, Shape::Vec(shapes(false, offset)));
        painter.set(over, Shape::Vec(shapes(true, offset)));
    } else {
        let mesh_key = super::labels::LabelMeshKey::new(ctx, palette);
        let meshes = match entry.meshes.clone().filter(|(k, _)| *k == mesh_key) {
            Some((_, meshes)) => Some(meshes),
            None => {
                let mesh =
                    |on_top| super::labels::label_mesh(ctx, shapes(on_top, egui::Vec2::ZERO)).map(std::sync::Arc::new);
                mesh(false).zip(mesh(true)).map(|(a, b)| [a, b])
            }
        };
        entry.meshes = meshes.clone().map(|m| (mesh_key, m));
        match meshes {
            Some([a, b]) => {
                painter.set(under, Shape::Mesh(moved(a, offset)));
                painter.set(over, Shape::Mesh(moved(b, offset)));
            }
            None => {
                painter.set(under, Shape::Vec(shapes(false, offset)));
                painter.set(over, Shape::Vec(shapes(true, offset)));
            }
        }
    }
    let labels = entry.labels.iter().map(|l| l.clone().translated(offset)).collect();
    ctx.data_mut(|d| d.insert_temp(id, entry));
    labels
}

/// The labels `clear_of` gave for (scene id, obstacles' hash), and their two meshes (under and over the
/// markers) as last tessellated.
#[derive(Clone)]
struct LabelsCleared {
    key: (u64, u64),
    labels: std::sync::Arc<Vec<super::labels::PlacedLabel>>,
    meshes: Option<(super::labels::LabelMeshKey, [std::sync::Arc<Mesh>; 2])>,
}

fn obstacles_hash(obstacles: &[egui::Rect]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for r in obstacles {
        [r.min.x, r.min.y, r.max.x, r.max.y].map(f32::to_bits).hash(&mut h);
    }
    h.finish()
}

/// Draws the map in all the space left in `ui` and handles its gestures.
pub fn map_ui(ui: &mut Ui, inputs: &MapInputs<'_>, cache: &mut Option<Scene>) -> MapOutput {
    let mut out = MapOutput::default();
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    out.widget_id = Some(response.id);
    response.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map of Iran, Iraq, Syria, Yemen and neighbours");
        info.current_text_value = Some((inputs.description)());
        info
    });
    // Until the user moves the map, it stays fitted to the focus countries, whatever the window size
    // (the first frames may not know the window's real size yet).
    let mut free = rect;
    free.max.x = (rect.max.x - inputs.covered_right).max(rect.min.x + rect.width() * 0.3);
    out.free_rect = Some(free);
    let start = match inputs.memory.points_per_km {
        Some(_) => inputs.memory,
        None => MapMemory::fitted_in(rect, free, &inputs.prepared.home),
    };
    let mut memory = start;
    let mut projector = memory.projector(rect, &inputs.prepared.home);

    if response.dragged() {
        memory.pan_by_screen(response.drag_delta());
    }
    // The pointer over the map even when a drawing tool's overlay sits on top of it (wheel zoom, hover and
    // coordinates keep working while drawing), but not when a window covers the map.
    let hover = ui.rect_contains_pointer(rect).then(|| ui.ctx().pointer_hover_pos()).flatten();
    if let Some(pointer) = hover {
        let (scroll_y, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = (f64::from(scroll_y) * WHEEL_ZOOM_PER_POINT).exp() * f64::from(pinch);
        if (factor - 1.0).abs() > 1e-6 {
            memory.zoom_about(&projector, factor, pointer);
        }
    }
    if memory != start {
        projector = memory.projector(rect, &inputs.prepared.home);
        out.new_memory = Some(memory);
    }
    out.effective_memory = memory;
    out.projector = Some(projector);

    let key = SceneKey {
        projector,
        pixels_per_point: ui.ctx().pixels_per_point(),
        theme: inputs.theme,
        show_provinces: inputs.show_provinces,
        show_cities: inputs.show_cities,
        names: inputs.names,
        data_generation: inputs.data_generation,
        scale_bar: inputs.scale_bar,
        font_epoch: super::labels::font_epoch(ui.ctx()),
    };
    let painter = ui.painter_at(rect);
    let Some(scene) = scene_for(key, inputs, &painter, cache) else { return out };

    if let Some(pointer) = hover {
        let at = projector.map_from_screen(pointer);
        out.pointer_geo = Some(geo_from_map(at));
        out.pointer_screen = Some(pointer);
        out.hovered_country = inputs.prepared.countries.hit(at);
    }
    if response.clicked() {
        out.clicked = Some(out.hovered_country);
    }

    // The picture of the base map has the sea in it already.
    let base_is_picture = inputs.paint_base && inputs.base == BasePath::Texture;
    if inputs.paint_sea && !base_is_picture {
        painter.rect_filled(rect, 0.0, inputs.palette.sea);
    }
    if inputs.paint_base {
        paint_base(&painter, rect, scene, inputs.base, inputs.palette.sea);
    }
    let selected = inputs.selected.and_then(|a3| inputs.atlas.countries.iter().position(|c| c.id == a3));
    let key_ppp = key.pixels_per_point;
    let highlights = [
        (selected, inputs.palette.selected_fill, inputs.palette.selected_stroke),
        (
            out.hovered_country.filter(|h| Some(*h) != selected && inputs.tooltips),
            inputs.palette.hover_fill,
            inputs.palette.hover_stroke,
        ),
    ];
    // The meshes of highlighted countries are kept with the scene: a hover does not rebuild them each frame.
    let (geometry, offset, scene_id) = (scene.geometry_projector(), scene.offset, scene.id);
    let mut slot = 0;
    let mut highlight = |index: usize, fill: Color32, stroke: Color32| {
        let key = (index, fill, stroke);
        let mesh = scene.highlight(key, || highlight_mesh(inputs.prepared, index, &geometry, fill, stroke, key_ppp));
        slot += 1;
        paint_highlight(&painter, inputs.base, (slot, highlight_id(scene_id, key)), mesh, offset);
    };
    let relation: Vec<usize> =
        inputs.highlighted.iter().filter_map(|a3| inputs.atlas.countries.iter().position(|c| &c.id == a3)).collect();
    let mut paint_highlights = || {
        for &i in &relation {
            highlight(i, inputs.palette.hover_fill, inputs.palette.selected_stroke);
        }
    };
    match inputs.highlighted_record {
        Some((id, title)) if !inputs.highlighted.is_empty() => {
            super::record_tag::Tagger { on: true }.record(&painter, id, title, paint_highlights);
        }
        _ => paint_highlights(),
    }
    for (index, fill, stroke) in highlights {
        if let Some(i) = index {
            highlight(i, fill, stroke);
        }
    }
    // The caller fills this slot once it knows where this frame's markers are (`repaint_labels_clear_of`).
    out.labels_slot = Some(painter.add(Shape::Noop));
    if inputs.scale_bar {
        super::scale_bar::scale_bar(&painter, &projector, inputs.palette);
    }

    let country = out.hovered_country.and_then(|i| inputs.atlas.countries.get(i)).map(|c| c.name.clone());
    if let Some(text) = inputs.tooltip.clone().or(country).filter(|_| inputs.tooltips) {
        response.on_hover_text_at_pointer(text);
    }
    out
}

/// The scene to draw `key`'s view from: the cached one moved by a pan, or a new one.
fn scene_for<'s>(
    key: SceneKey,
    inputs: &MapInputs<'_>,
    painter: &egui::Painter,
    cache: &'s mut Option<Scene>,
) -> Option<&'s mut Scene> {
    let frame_nr = painter.ctx().cumulative_frame_nr();
    let pan = cache.as_ref().and_then(|s| pan_within(s, &key, frame_nr));
    if let Some(scene) = cache.as_mut().filter(|_| pan.is_some()) {
        scene.offset = pan.unwrap_or_default();
        if scene.offset != egui::Vec2::ZERO {
            // A frame after the pan stops, to place the names for the view it stops at.
            painter.ctx().request_repaint();
        }
    } else {
        let scene_inputs = SceneInputs { atlas: inputs.atlas, prepared: inputs.prepared, palette: inputs.palette };
        // The last scene's picture goes to the new one, to be drawn again into the same texture.
        let picture = cache.as_mut().and_then(|s| s.base_texture.take());
        // Only a pan (the last scene at this scale and size) is likely to go on: a zoom, a new window size
        // or the first view builds the view alone, which glow's picture draws fastest.
        let panning = cache.as_ref().is_some_and(|s| {
            let (a, b) = (&s.key.projector, &key.projector);
            a.points_per_km == b.points_per_km && a.screen_rect == b.screen_rect
        });
        let overscan = if panning {
            overscan(inputs.base, key.projector.screen_rect, key.pixels_per_point)
        } else {
            egui::Vec2::ZERO
        };
        let mut scene = build_scene(key, &scene_inputs, painter, overscan);
        scene.base_texture = picture;
        *cache = Some(scene);
    }
    let scene = cache.as_mut()?;
    scene.last_view = (key.projector, frame_nr);
    Some(scene)
}

/// How far a scene's fills and lines reach beyond its view, in whole pixels, for each way they are drawn: a
/// window pans within it by moving the scene. Exports, thumbnails and tests draw one view each: none.
fn overscan(base: BasePath, rect: egui::Rect, pixels_per_point: f32) -> egui::Vec2 {
    let share = match base {
        BasePath::Meshes => 0.0,
        BasePath::Gpu => 0.5,
        // A larger picture takes longer to draw on the CPU when a pan leaves it: 1.5 × 1.5 the view's.
        BasePath::Texture => 0.25,
    };
    let ppp = pixels_per_point.max(0.1);
    (rect.size() * share * ppp).round() / ppp
}

/// The translation that draws `scene` for `key`'s view, when that view is a pan of the scene's own within
/// its overscan and the pan is still moving at egui's frame `frame_nr`; `None` when a scene must be built.
fn pan_within(scene: &Scene, key: &SceneKey, frame_nr: u64) -> Option<egui::Vec2> {
    let offset = scene.key.translation_to(key)?;
    let within = offset.x.abs() <= scene.overscan.x && offset.y.abs() <= scene.overscan.y;
    // A pan that has stopped (the same view as an earlier frame) gets its own scene, names placed for it.
    let (last_view, last_frame) = scene.last_view;
    let stopped = offset != egui::Vec2::ZERO && last_view == key.projector && last_frame < frame_nr;
    (within && !stopped).then_some(offset)
}

/// A highlighted country's mesh: from the GPU's copy in a window drawn by wgpu (sent once per scene and
/// highlight, to the GPU slot `slot`), else through epaint.
fn paint_highlight(
    painter: &egui::Painter,
    base: BasePath,
    (slot, content_id): (usize, u64),
    mesh: std::sync::Arc<Mesh>,
    offset: egui::Vec2,
) {
    #[cfg(not(target_arch = "wasm32"))]
    if base == BasePath::Gpu && slot <= super::gpu::MAX_HIGHLIGHT_SLOTS {
        let callback = super::gpu::BaseMapCallback { slot, content_id, meshes: vec![mesh], offset };
        painter.add(egui_wgpu::Callback::new_paint_callback(painter.clip_rect(), callback));
        return;
    }
    // The browser has no GPU slots: the mesh goes through epaint.
    let _ = (base, slot, content_id);
    painter.add(Shape::Mesh(moved(mesh, offset)));
}

/// A highlight's id on the GPU: its scene and what it shows.
fn highlight_id(scene_id: u64, key: super::scene::HighlightKey) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (scene_id, key.0, key.1.to_array(), key.2.to_array()).hash(&mut h);
    h.finish()
}

/// `mesh` moved by `offset` (shared as it is when there is nothing to move).
fn moved(mesh: std::sync::Arc<Mesh>, offset: egui::Vec2) -> std::sync::Arc<Mesh> {
    if offset == egui::Vec2::ZERO {
        return mesh;
    }
    let mut mesh = Mesh::clone(&mesh);
    mesh.translate(offset);
    std::sync::Arc::new(mesh)
}

/// The base map: through the GPU's copy of the scene, as a picture of it, or as meshes (see [`BasePath`]).
fn paint_base(painter: &egui::Painter, rect: egui::Rect, scene: &mut Scene, base: BasePath, sea: Color32) {
    let offset = scene.offset;
    #[cfg(not(target_arch = "wasm32"))]
    if base == BasePath::Gpu {
        let meshes = vec![scene.fills.clone(), scene.lines.clone()];
        let callback = super::gpu::BaseMapCallback { slot: 0, content_id: scene.id, meshes, offset };
        painter.add(egui_wgpu::Callback::new_paint_callback(rect, callback));
        return;
    }
    if base == BasePath::Texture {
        let meshes = [scene.fills.clone(), scene.lines.clone()];
        let covers = scene.geometry_projector().screen_rect;
        let ctx = painter.ctx();
        let texture = super::base_texture::texture_for(ctx, &mut scene.base_texture, scene.id, covers, &meshes, sea);
        if let Some(texture) = texture {
            // Moved by whole pixels, so that each texel still lands on one pixel.
            let ppp = ctx.pixels_per_point().max(0.1);
            let uv = egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0));
            painter.image(texture.id(), covers.translate((offset * ppp).round() / ppp), uv, Color32::WHITE);
            return;
        }
        // Too large a window for one picture: the meshes, over the sea that was left out.
        painter.rect_filled(rect, 0.0, sea);
    }
    painter.add(Shape::Mesh(moved(scene.fills.clone(), offset)));
    painter.add(Shape::Mesh(moved(scene.lines.clone(), offset)));
}

fn highlight_mesh(
    prepared: &PreparedAtlas,
    index: usize,
    p: &Projector,
    fill: Color32,
    stroke: Color32,
    ppp: f32,
) -> Mesh {
    let mut mesh = Mesh::default();
    push_area_fill(&mut mesh, &prepared.countries, index, p, fill, p.screen_rect);
    let stroke = PathStroke::new(size::HIGHLIGHT_BORDER, stroke);
    push_area_outline(&mut mesh, &prepared.countries, index, p, &stroke, 1.0 / ppp.max(0.1), p.screen_rect);
    mesh
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
