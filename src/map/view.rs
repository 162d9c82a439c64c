//! The map widget: draws the cached scene, handles pan, zoom and hover, and reports what happened.

use egui::epaint::{Mesh, PathStroke};
use egui::{Align2, Color32, FontId, Pos2, Sense, Shape, Stroke, Ui, Vec2};

use crate::model::{Atlas, GeoPoint};
use crate::theme::{MapPalette, ThemeChoice, size};

use super::memory::MapMemory;
use super::projection::{Projector, geo_from_map};
use super::scene::{PreparedAtlas, Scene, SceneInputs, SceneKey, build_scene, push_area_fill, push_area_outline};

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
    /// What the map shows, for screen readers (date, selection, highlights, markers).
    pub description: String,
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
    /// Points on the map's right that a panel laid over it covers: Home fits the four countries into the rest.
    pub covered_right: f32,
    /// Paint the sea. Exports turn this off: their image is cleared to the sea colour, which saves
    /// filling every pixel twice (the software renderer of a machine without a GPU is fill-bound).
    pub paint_sea: bool,
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
    /// Where the labels were painted, to paint them again clear of the markers.
    pub labels_slot: Option<egui::layers::ShapeIdx>,
    /// The map widget's id (for the keyboard: arrows pan the map while it has focus).
    pub widget_id: Option<egui::Id>,
}

/// Paints the scene's labels again into `slot`, each moved aside or dropped where a marker of this frame
/// would cover it; returns the labels drawn.
pub fn repaint_labels_clear_of(
    painter: &egui::Painter,
    slot: egui::layers::ShapeIdx,
    scene: &Scene,
    prepared: &PreparedAtlas,
    markers: &[super::content::Marker],
    palette: &MapPalette,
) -> Vec<super::labels::PlacedLabel> {
    let obstacles = super::content::marker_rects(markers);
    let p = scene.key.projector;
    let inside = |area: usize, pos: Pos2| prepared.countries.hit_area(area, p.map_from_screen(pos));
    let labels = super::labels::clear_of(&scene.labels, &obstacles, p.screen_rect, &inside);
    painter.set(slot, Shape::Vec(super::labels::label_shapes(&labels, palette)));
    labels
}

/// The corner the scale bar takes (its longest bar and its text), which labels keep out of.
pub fn scale_bar_rect(screen: egui::Rect) -> egui::Rect {
    let origin = scale_bar_origin(screen);
    egui::Rect::from_min_max(
        Pos2::new(origin.x - 8.0, origin.y - 14.0),
        Pos2::new(origin.x + SCALE_BAR_MAX_POINTS as f32 + 70.0, origin.y + 8.0),
    )
}

/// The longest the scale bar gets, points.
const SCALE_BAR_MAX_POINTS: f64 = 160.0;

fn scale_bar_origin(screen: egui::Rect) -> Pos2 {
    Pos2::new(screen.left() + 16.0, screen.bottom() - 18.0)
}

/// Draws the map in all the space left in `ui` and handles its gestures.
pub fn map_ui(ui: &mut Ui, inputs: &MapInputs<'_>, cache: &mut Option<Scene>) -> MapOutput {
    let mut out = MapOutput::default();
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    out.widget_id = Some(response.id);
    response.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Map of Iran, Iraq, Syria, Yemen and neighbours");
        info.current_text_value = Some(inputs.description.clone());
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
    };
    let painter = ui.painter_at(rect);
    if cache.as_ref().is_none_or(|s| s.key != key) {
        let scene_inputs = SceneInputs { atlas: inputs.atlas, prepared: inputs.prepared, palette: inputs.palette };
        *cache = Some(build_scene(key, &scene_inputs, &painter));
    }
    let Some(scene) = cache.as_ref() else { return out };

    if let Some(pointer) = hover {
        let at = projector.map_from_screen(pointer);
        out.pointer_geo = Some(geo_from_map(at));
        out.pointer_screen = Some(pointer);
        out.hovered_country = inputs.prepared.countries.hit(at);
    }
    if response.clicked() {
        out.clicked = Some(out.hovered_country);
    }

    if inputs.paint_sea {
        painter.rect_filled(rect, 0.0, inputs.palette.sea);
    }
    if inputs.paint_base {
        painter.add(Shape::Mesh(scene.fills.clone()));
        painter.add(Shape::Mesh(scene.lines.clone()));
    }
    let selected = inputs.selected.and_then(|a3| inputs.atlas.countries.iter().position(|c| c.id == a3));
    let highlights = [
        (selected, inputs.palette.selected_fill, inputs.palette.selected_stroke),
        (
            out.hovered_country.filter(|h| Some(*h) != selected && inputs.tooltips),
            inputs.palette.hover_fill,
            inputs.palette.hover_stroke,
        ),
    ];
    let paint_highlights = || {
        for a3 in inputs.highlighted {
            if let Some(i) = inputs.atlas.countries.iter().position(|c| &c.id == a3) {
                painter.add(highlight_mesh(
                    inputs.prepared,
                    i,
                    &projector,
                    inputs.palette.hover_fill,
                    inputs.palette.selected_stroke,
                    key.pixels_per_point,
                ));
            }
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
            painter.add(highlight_mesh(inputs.prepared, i, &projector, fill, stroke, key.pixels_per_point));
        }
    }
    // A slot the caller may fill again once it knows where this frame's markers are (see `labels::clear_of`).
    out.labels_slot = Some(painter.add(Shape::Vec(super::labels::label_shapes(&scene.labels, inputs.palette))));
    if inputs.scale_bar {
        scale_bar(&painter, &projector, inputs.palette);
    }

    let country = out.hovered_country.and_then(|i| inputs.atlas.countries.get(i)).map(|c| c.name.clone());
    if let Some(text) = inputs.tooltip.clone().or(country).filter(|_| inputs.tooltips) {
        response.on_hover_text_at_pointer(text);
    }
    out
}

fn highlight_mesh(
    prepared: &PreparedAtlas,
    index: usize,
    p: &Projector,
    fill: Color32,
    stroke: Color32,
    ppp: f32,
) -> Shape {
    let mut mesh = Mesh::default();
    push_area_fill(&mut mesh, &prepared.countries, index, p, fill, p.screen_rect);
    let stroke = PathStroke::new(size::HIGHLIGHT_BORDER, stroke);
    push_area_outline(&mut mesh, &prepared.countries, index, p, &stroke, 1.0 / ppp.max(0.1), p.screen_rect);
    Shape::mesh(mesh)
}

/// Great-circle distance in kilometres.
pub fn haversine_km(a: GeoPoint, b: GeoPoint) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The longest "nice" distance (1, 2 or 5 × 10ⁿ km) whose bar fits in `max_points` at `points_per_true_km`.
pub fn nice_scale_km(points_per_true_km: f64, max_points: f64) -> f64 {
    let max_km = max_points / points_per_true_km.max(1e-9);
    let magnitude = 10f64.powf(max_km.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * magnitude).find(|&d| d <= max_km).unwrap_or(magnitude)
}

fn scale_bar(painter: &egui::Painter, p: &Projector, palette: &MapPalette) {
    let rect = p.screen_rect;
    // True scale at the centre of the view (the conic's scale varies slightly with latitude).
    let c = rect.center();
    let g0 = p.geo_from_screen(c);
    let g1 = p.geo_from_screen(c + Vec2::new(0.0, -50.0));
    let km = haversine_km(g0, g1);
    if km <= 0.0 || !km.is_finite() {
        return;
    }
    let points_per_true_km = 50.0 / km;
    let d_km = nice_scale_km(points_per_true_km, SCALE_BAR_MAX_POINTS);
    let len = (d_km * points_per_true_km) as f32;
    let origin = scale_bar_origin(rect);
    let ink = Stroke::new(2.5, palette.scale_bar);
    let halo = Stroke::new(5.0, palette.label_halo);
    let bar = [origin, origin + Vec2::new(len, 0.0)];
    let ticks = [[origin, origin + Vec2::new(0.0, -7.0)], [bar[1], bar[1] + Vec2::new(0.0, -7.0)]];
    for stroke in [halo, ink] {
        painter.line_segment(bar, stroke);
        for t in ticks {
            painter.line_segment(t, stroke);
        }
    }
    let text = if d_km >= 1.0 { format!("{d_km:.0} km") } else { format!("{:.0} m", d_km * 1000.0) };
    let pos = Pos2::new(origin.x + len + 8.0, origin.y - 4.0);
    let font = FontId::proportional(size::LABEL_CITY);
    for o in [Vec2::new(-1.0, 0.0), Vec2::new(1.0, 0.0), Vec2::new(0.0, -1.0), Vec2::new(0.0, 1.0)] {
        painter.text(pos + o, Align2::LEFT_CENTER, &text, font.clone(), palette.label_halo);
    }
    painter.text(pos, Align2::LEFT_CENTER, text, font, palette.scale_bar);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haversine_baghdad_tehran() {
        let d = haversine_km(GeoPoint::lat_lon(33.34, 44.40), GeoPoint::lat_lon(35.69, 51.42));
        assert!((d - 690.0).abs() < 15.0, "{d}");
    }

    #[test]
    fn nice_scale_rounds_down_to_1_2_5() {
        assert_eq!(nice_scale_km(0.3, 160.0), 500.0);
        assert_eq!(nice_scale_km(1.0, 160.0), 100.0);
        assert_eq!(nice_scale_km(0.1, 160.0), 1000.0);
        assert_eq!(nice_scale_km(0.5, 160.0), 200.0);
    }
}
