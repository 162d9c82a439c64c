//! One export frame: the map as the window shows it (layers, filters, date, labels, annotations), laid out
//! for the requested size in an offscreen egui context, with an optional title band, date stamp, legend,
//! scale bar, attribution line and side panel.

use egui::{Align, Color32, Layout, RichText, Vec2};
use serde::{Deserialize, Serialize};

use crate::annotate::Annotation;
use crate::document::Document;
use crate::map::MapMemory;
use crate::map::content::{ContentIndex, ContentInputs};
use crate::map::layers::{LayerInputs, layers_ui};
use crate::map::look::MapLook;
use crate::map::projection::{MapRect, Projector, map_from_geo};
use crate::map::scene::Scene;
use crate::map::view::{MapInputs, map_ui};
use crate::model::geo::GeoBox;
use crate::theme::{self, size};

/// The width in points exports are laid out for: a wider image is drawn at more pixels per point (sharp
/// text and lines, labels placed as on a 1600-point-wide screen), a narrower one at one pixel per point.
pub const DESIGN_WIDTH_POINTS: f32 = 1600.0;

/// The file format of an export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// A PNG image.
    #[default]
    Png,
    /// An SVG drawing.
    Svg,
}

impl ExportFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
        }
    }

    /// From a name (`png`, `svg`, any case).
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.to_ascii_lowercase().as_str() {
            "png" => Ok(Self::Png),
            "svg" => Ok(Self::Svg),
            other => Err(format!("unknown format {other:?}: expected png or svg")),
        }
    }
}

/// What an export contains and how big it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Width and height in pixels.
    pub size_px: [u32; 2],
    /// PNG or SVG.
    pub format: ExportFormat,
    /// Title shown in a band above the map (none when empty).
    pub title: String,
    /// A few lines under the title (a lesson slide's caption; none when empty).
    pub caption: String,
    /// Show the date in the title band.
    pub date_stamp: bool,
    /// Draw the legend.
    pub legend: bool,
    /// Draw the scale bar.
    pub scale_bar: bool,
    /// Write the attribution line (Natural Earth, GeoNames, the dataset's sources).
    pub attribution: bool,
    /// Include the side panel (else the map alone).
    pub side_panel: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            size_px: [1920, 1080],
            format: ExportFormat::Png,
            title: String::new(),
            caption: String::new(),
            date_stamp: true,
            legend: true,
            scale_bar: true,
            attribution: true,
            side_panel: false,
        }
    }
}

/// Parses `WIDTHxHEIGHT` (`3840x2160`) within 16..=8192 pixels a side.
pub fn parse_size(text: &str) -> Result<[u32; 2], String> {
    parse_size_from(text, 16)
}

/// Parses `WIDTHxHEIGHT` with each side from `min_side` to 8192 pixels (windows need more room than images).
pub fn parse_size_from(text: &str, min_side: u32) -> Result<[u32; 2], String> {
    let max = crate::cpu_raster::MAX_SIDE_PX;
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("size {text:?}: expected WIDTHxHEIGHT in pixels, like 3840x2160"))?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (min_side..=max).contains(v))
            .ok_or_else(|| format!("size {text:?}: each side must be a whole number from {min_side} to {max}"))
    };
    Ok([side(w)?, side(h)?])
}

/// Pixels per point for an export of this size with no window to match (the command line).
pub fn pixels_per_point(size_px: [u32; 2]) -> f32 {
    (size_px[0] as f32 / DESIGN_WIDTH_POINTS).max(1.0)
}

/// Pixels per point of an export: one of the window's view is laid out as wide (in points) as the window's
/// map, so labels, text and drawings keep their size relative to the map, just sharper; otherwise
/// [`pixels_per_point`].
pub fn layout_pixels_per_point(view: ExportView, size_px: [u32; 2]) -> f32 {
    match view {
        ExportView::Window { map_size, .. } if map_size.x >= 200.0 => {
            (size_px[0] as f32 / map_size.x).clamp(0.25, 16.0)
        }
        _ => pixels_per_point(size_px),
    }
}

/// Which part of the map to show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExportView {
    /// What the window's map shows: its view and the size of its map area (points).
    Window {
        /// The view drawn in the window.
        memory: MapMemory,
        /// The window's map area, in points.
        map_size: Vec2,
    },
    /// A box of longitudes and latitudes.
    Box(GeoBox),
    /// The opening view, fitted to Iran, Iraq, Syria and Yemen.
    Home,
}

/// Everything an export draws: the document, the look, which part of the map, and the drawings.
pub struct ExportScene<'a> {
    /// Layers, content, indexes and the user's imported files.
    pub doc: &'a Document,
    /// Date, layers, filters, the open card, names and palette.
    pub look: MapLook,
    /// Which part of the map.
    pub view: ExportView,
    /// The user's annotations.
    pub annotations: &'a [Annotation],
    /// Draws the side panel when the options ask for it (the panels stand above exports and lend it).
    pub side_panel: Option<SidePanelUi>,
}

/// Draws an export's side panel: the scene and the fade window (days).
pub type SidePanelUi = fn(&mut egui::Ui, &ExportScene<'_>, f64);

/// The map view an export uses for a map area of `map_size` points.
pub fn export_memory(view: ExportView, map_size: Vec2, home: &MapRect) -> MapMemory {
    let rect = egui::Rect::from_min_size(egui::Pos2::ZERO, map_size);
    match view {
        ExportView::Window { memory, map_size: window } => match memory.points_per_km {
            // Show at least everything the window shows: its width and height in km fit the export.
            Some(ppk) if window.x > 0.0 && window.y > 0.0 => {
                let (w_km, h_km) = (f64::from(window.x) / ppk, f64::from(window.y) / ppk);
                let scale = (f64::from(map_size.x) / w_km).min(f64::from(map_size.y) / h_km);
                MapMemory { center: memory.center, points_per_km: Some(scale) }
            }
            _ => MapMemory::fitted(rect, home),
        },
        ExportView::Box(b) => MapMemory::fitted(rect, &map_rect_of(b)),
        ExportView::Home => MapMemory::fitted(rect, home),
    }
}

/// The map-space box around a geographic box (its edges sampled: the conic bends parallels).
pub fn map_rect_of(b: GeoBox) -> MapRect {
    let mut r = MapRect::NOTHING;
    for i in 0..=16 {
        let t = f64::from(i) / 16.0;
        let lon = b.min.lon + (b.max.lon - b.min.lon) * t;
        let lat = b.min.lat + (b.max.lat - b.min.lat) * t;
        for g in [
            crate::model::GeoPoint::lon_lat(lon, b.min.lat),
            crate::model::GeoPoint::lon_lat(lon, b.max.lat),
            crate::model::GeoPoint::lon_lat(b.min.lon, lat),
            crate::model::GeoPoint::lon_lat(b.max.lon, lat),
        ] {
            r.extend(map_from_geo(g));
        }
    }
    r
}

/// The credits line of an export: map data, places, and the publishers of every source that what the export
/// draws cites (events shown, group areas active, positions on the map, and relations when the side panel
/// lists them), by name from `data/publishers.json`, none left out.
pub fn attribution_text(scene: &ExportScene<'_>, window_days: f64, with_side_panel: bool) -> String {
    let day = scene.look.day;
    let d = &scene.doc.dataset;
    let filters = &scene.look.filters;
    let index = &scene.doc.content;
    let mut cited: Vec<&[crate::model::dataset::Source]> = Vec::new();
    for (i, _) in index.events_at(day, window_days) {
        if let Some(e) = d.events.get(i).filter(|e| filters.shows_event(e)) {
            cited.push(&e.sources);
        }
    }
    if filters.show_groups {
        let active = d.groups.iter().enumerate().filter(|(i, _)| index.group_active(*i, day));
        cited.extend(active.map(|(_, g)| g.sources.as_slice()));
    }
    if filters.show_positions {
        // A position is on the map once it has first opened (drawn open or closed after that).
        let opened = |i: usize| index.position_days.get(i).is_some_and(|spans| spans.iter().any(|&(s, _)| s <= day));
        cited.extend(d.positions.iter().enumerate().filter(|(i, _)| opened(*i)).map(|(_, p)| p.sources.as_slice()));
    }
    if with_side_panel {
        let active = d.relations.iter().enumerate().filter(|(i, _)| index.relation_active(*i, day));
        cited.extend(active.map(|(_, r)| r.sources.as_slice()));
    }
    let urls = cited.into_iter().flatten().map(|s| s.url.as_str());
    let names = crate::model::publishers::bundled()
        .map(|p| crate::model::publishers::credit_names(p, urls))
        .unwrap_or_default();
    let mut text = String::from(
        "Map data: Natural Earth (public domain). Places: GeoNames (CC BY 4.0). Content: TimeAtlas dataset",
    );
    if !names.is_empty() {
        text.push_str(&format!("; sources: {}", names.join(", ")));
    }
    text.push('.');
    let yours: Vec<&str> = scene
        .doc
        .sources
        .sources
        .iter()
        .filter(|s| s.visible && s.imported.lesson.is_none())
        .map(|s| s.imported.name.as_str())
        .collect();
    if !yours.is_empty() {
        text.push_str(&format!(" Also shown, not checked by TimeAtlas: {}.", yours.join(", ")));
    }
    text
}

/// Draws the export frame into `ui` (sized to the export in points). Returns the map's projector.
pub fn export_ui(
    ui: &mut egui::Ui,
    scene: &ExportScene<'_>,
    opts: &ExportOptions,
    vector: bool,
    cache: &mut Option<Scene>,
) -> Option<Projector> {
    let look = &scene.look;
    let palette = theme::map_palette(look.theme);
    let window_days = ContentIndex::fade_window_days(look.timeline_span_days);
    let day = look.day;
    let doc = scene.doc;
    let highlighted = doc.highlighted_countries(look.card.as_ref());
    if !opts.title.trim().is_empty() || opts.date_stamp {
        egui::Panel::top("export-title").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(opts.title.trim()).size(size::DATE_BIG).strong());
                if opts.date_stamp {
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        // An export is of one day: say which (the window may show only the month).
                        let date = crate::time::format_current(day, 0.0);
                        ui.label(RichText::new(date).size(size::DATE_BIG * 0.85).strong());
                    });
                }
            });
            if !opts.caption.trim().is_empty() {
                ui.label(RichText::new(opts.caption.trim()).size(size::UI_BODY * 1.1));
            }
            ui.add_space(6.0);
        });
    }
    if opts.attribution {
        egui::Panel::bottom("export-credits").show(ui, |ui| {
            ui.add_space(2.0);
            ui.label(RichText::new(attribution_text(scene, window_days, opts.side_panel)).size(size::UI_SMALL));
            ui.add_space(2.0);
        });
    }
    if let Some(side) = scene.side_panel.filter(|_| opts.side_panel) {
        let width = (ui.available_width() * 0.28).clamp(240.0, 420.0);
        egui::Panel::right("export-side").resizable(false).exact_size(width).show(ui, |ui| {
            side(ui, scene, window_days);
        });
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            let memory = export_memory(scene.view, ui.available_size(), &doc.data.prepared.home);
            let relation_title = look
                .selected_relation()
                .and_then(|id| doc.dataset.relation(id))
                .map(|r| (r.id.clone(), doc.dataset.relation_title(r)));
            let inputs = MapInputs {
                atlas: &doc.data.atlas,
                prepared: &doc.data.prepared,
                memory,
                theme: look.theme,
                palette: &palette,
                show_provinces: look.show_provinces,
                show_cities: look.show_cities,
                names: look.names,
                description: &String::new,
                selected: look.selected_country.as_deref(),
                highlighted: &highlighted,
                highlighted_record: relation_title.as_ref().filter(|_| vector).map(|(id, t)| (id.as_str(), t.as_str())),
                data_generation: doc.data.generation,
                tooltip: None,
                scale_bar: opts.scale_bar,
                tooltips: false,
                paint_base: !vector,
                base: crate::map::view::BasePath::Meshes,
                covered_right: 0.0,
                paint_sea: false,
            };
            let out = map_ui(ui, &inputs, cache);
            let projector = out.projector?;
            let painter = ui.painter_at(projector.screen_rect);
            let inputs = LayerInputs {
                atlas: &doc.data.atlas,
                prepared: &doc.data.prepared,
                content: ContentInputs {
                    dataset: &doc.dataset,
                    index: &doc.content,
                    day,
                    window_days,
                    selected_event: look.selected_event(),
                    selected_group: None,
                    filters: &look.filters,
                    palette: &palette,
                    tagger: crate::map::record_tag::Tagger { on: vector },
                },
                sources: &doc.sources,
                selected_record: None,
                annotations: (scene.annotations, None),
                legend_rect: opts.legend.then_some(projector.screen_rect),
                labels_as_text: vector,
            };
            let labels = out.labels_slot.zip(cache.as_ref());
            layers_ui(&painter, &projector, &inputs, labels);
            Some(projector)
        })
        .inner
}

/// The raw input of an export frame: the export's size in points at its pixels per point, or, for a
/// preview, the same layout drawn at `preview_ppp`.
pub fn raw_input(size_px: [u32; 2], layout_ppp: f32, preview_ppp: Option<f32>) -> egui::RawInput {
    let size = Vec2::new(size_px[0] as f32, size_px[1] as f32) / layout_ppp;
    let ppp = preview_ppp.unwrap_or(layout_ppp);
    let mut raw =
        egui::RawInput { screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)), ..Default::default() };
    if let Some(v) = raw.viewports.get_mut(&egui::ViewportId::ROOT) {
        v.native_pixels_per_point = Some(ppp);
    } else {
        let info = egui::ViewportInfo { native_pixels_per_point: Some(ppp), ..Default::default() };
        raw.viewports.insert(egui::ViewportId::ROOT, info);
    }
    raw
}

/// The background an export is cleared to (the sea).
pub fn background(look: &MapLook) -> Color32 {
    theme::map_palette(look.theme).sea
}
