//! Screen geometry, rebuilt only when the view (or what is shown) changes, and culled to the viewport.

use std::sync::Arc;

use egui::epaint::{Mesh, PathStroke};
use egui::{Painter, Pos2};

use crate::model::{AreaRole, Atlas};
use crate::theme::{MapPalette, ThemeChoice, size};

use super::area_mesh::{push_area_fill, push_area_outline};
use super::geometry::PreparedLayer;
use super::labels::{Areas, Candidate, LabelStyle, PlacedLabel, place_labels};
use super::projection::{MapRect, Projector, map_from_geo};

/// Points per km above which province borders begin to fade in.
pub const PROVINCES_FROM_POINTS_PER_KM: f64 = 0.38;
/// Points per km at which province borders are fully drawn.
const PROVINCES_FULL_POINTS_PER_KM: f64 = 0.6;
/// Points per km above which province names are offered as labels.
const PROVINCE_LABELS_FROM_POINTS_PER_KM: f64 = 0.9;
/// World underlay polygons must lie within these longitudes (the Americas and the Pacific are left out).
const WORLD_MIN_LON: f64 = -30.0;
/// See [`WORLD_MIN_LON`].
const WORLD_MAX_LON: f64 = 150.0;
/// Every polygon layer, projected and triangulated, plus the home view.
#[derive(Clone, Debug, Default)]
pub struct PreparedAtlas {
    /// The world underlay (countries not in the region file).
    pub world: PreparedLayer,
    /// Region countries, aligned with `Atlas::countries`.
    pub countries: PreparedLayer,
    /// Provinces, aligned with `Atlas::provinces`.
    pub provinces: PreparedLayer,
    /// Lakes, aligned with `Atlas::lakes`.
    pub lakes: PreparedLayer,
    /// Box of the focus countries: the view the atlas opens on and `Home` returns to.
    pub home: MapRect,
}

impl PreparedAtlas {
    /// Polygons of every layer that could not be filled, with the area's name and why.
    pub fn problems(&self) -> impl Iterator<Item = &str> {
        [&self.world, &self.countries, &self.provinces, &self.lakes]
            .into_iter()
            .flat_map(|l| l.problems.iter().map(String::as_str))
    }

    /// Projects and triangulates the atlas once. The world underlay leaves out countries the region file
    /// draws at a finer scale, and Antarctica (which a conic cannot show).
    pub fn build(atlas: &Atlas) -> Self {
        let world_areas: Vec<_> = atlas
            .world
            .iter()
            .filter(|w| w.id != "ATA" && !atlas.countries.iter().any(|c| c.id == w.id))
            .map(|w| {
                let mut w = w.clone();
                // The conic is cut at 133°W; polygons reaching that far would wrap across the map.
                w.polygons.retain(|p| p.rings().flatten().all(|g| (WORLD_MIN_LON..=WORLD_MAX_LON).contains(&g.lon)));
                w
            })
            .filter(|w| !w.polygons.is_empty())
            .collect();
        // The four layers are independent; on two cores their triangulation takes half the start-up time.
        let ((world, countries), (provinces, lakes)) = rayon::join(
            || rayon::join(|| PreparedLayer::build(&world_areas), || PreparedLayer::build(&atlas.countries)),
            || rayon::join(|| PreparedLayer::build(&atlas.provinces), || PreparedLayer::build(&atlas.lakes)),
        );
        let mut home = countries.bbox_of(|i| atlas.countries.get(i).is_some_and(|c| c.role == AreaRole::Focus));
        if !home.is_valid() {
            home = countries.bbox_of(|_| true);
        }
        Self { world, countries, provinces, lakes, home }
    }
}

/// Everything the cached scene depends on. When any of it changes the scene is rebuilt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SceneKey {
    /// The view.
    pub projector: Projector,
    /// Physical pixels per point (line feathering depends on it).
    pub pixels_per_point: f32,
    /// The palette.
    pub theme: ThemeChoice,
    /// Province borders and names on.
    pub show_provinces: bool,
    /// City dots and names on.
    pub show_cities: bool,
    /// Which names the labels show.
    pub names: crate::text::names::NameMode,
    /// Bumped whenever the data changes.
    pub data_generation: u64,
    /// The scale bar is drawn: labels keep out of its corner.
    pub scale_bar: bool,
    /// The font atlas's fresh starts ([`super::labels::font_epoch`]): the names' galleys point into it.
    pub font_epoch: u64,
}

impl SceneKey {
    /// The screen translation that takes this key's view to `other`'s, when the two differ only by a pan
    /// (same scale, map rectangle, pixels, palette, layers and data): a scene built for this view can then
    /// be drawn for `other` by moving it.
    pub fn translation_to(&self, other: &SceneKey) -> Option<egui::Vec2> {
        let (a, b) = (&self.projector, &other.projector);
        let same_but_center = Self { projector: *b, ..*self } == *other;
        (same_but_center && a.screen_rect == b.screen_rect && a.points_per_km == b.points_per_km)
            .then(|| b.screen_from_map(a.center) - a.screen_rect.center())
    }
}

/// Scene ids.
static NEXT_SCENE_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_scene_id() -> u64 {
    NEXT_SCENE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The screen geometry of one view.
#[derive(Clone, Debug)]
pub struct Scene {
    /// Unique for every scene built, so the GPU holds each one's meshes once.
    pub id: u64,
    /// What it was built for.
    pub key: SceneKey,
    /// Land, lakes: filled triangles.
    pub fills: Arc<Mesh>,
    /// Borders: anti-aliased strokes tessellated once.
    pub lines: Arc<Mesh>,
    /// Labels that found room.
    pub labels: Vec<PlacedLabel>,
    /// How many areas were culled (outside the view).
    pub culled_areas: usize,
    /// Highlighted countries' meshes for this view (country index, fill, edge), the latest last.
    highlights: Vec<(HighlightKey, Arc<Mesh>)>,
    /// The base map drawn as one picture, for a window without a GPU (`map::base_texture`).
    pub base_texture: Option<super::base_texture::BaseTexture>,
    /// How far beyond each side of its view the fills, lines and highlights reach, in points, so that a
    /// pan within it moves the scene instead of building another.
    pub overscan: egui::Vec2,
    /// This frame's pan since the scene was built, in screen points: what everything drawn from the scene
    /// is moved by.
    pub offset: egui::Vec2,
    /// The view drawn last, and egui's frame number then, to tell a pan that has stopped (the same view a
    /// frame later; a second pass of one frame is not a stop).
    pub last_view: (Projector, u64),
}

/// A highlighted country: its index, fill and edge colours.
pub type HighlightKey = (usize, egui::Color32, egui::Color32);

/// Highlight meshes a scene keeps (a selected country, a hovered one, a relation's three states, and a few
/// the pointer passed over).
const MAX_HIGHLIGHTS: usize = 8;

impl Scene {
    /// The view its fills, lines and highlights were built for: its own view, grown by the overscan.
    pub fn geometry_projector(&self) -> Projector {
        grown(&self.key.projector, self.overscan)
    }

    /// The mesh of a highlighted country in this view, built by `build` the first time it is asked for.
    pub fn highlight(&mut self, key: HighlightKey, build: impl FnOnce() -> Mesh) -> Arc<Mesh> {
        if let Some(i) = self.highlights.iter().position(|(k, _)| *k == key) {
            let entry = self.highlights.remove(i);
            let mesh = entry.1.clone();
            self.highlights.push(entry);
            return mesh;
        }
        if self.highlights.len() >= MAX_HIGHLIGHTS {
            self.highlights.remove(0);
        }
        let mesh = Arc::new(build());
        self.highlights.push((key, mesh.clone()));
        mesh
    }
}

/// The inputs a scene is built from.
pub struct SceneInputs<'a> {
    /// Loaded layers.
    pub atlas: &'a Atlas,
    /// Their prepared geometry.
    pub prepared: &'a PreparedAtlas,
    /// Colours.
    pub palette: &'a MapPalette,
}

/// Builds the screen geometry and labels for `key`: the fills and lines reach `overscan` points beyond each
/// side of its view (a pan within that moves the scene); the labels are placed in the view itself.
pub fn build_scene(key: SceneKey, inputs: &SceneInputs<'_>, painter: &Painter, overscan: egui::Vec2) -> Scene {
    let SceneInputs { atlas, prepared, palette } = *inputs;
    let view = &key.projector;
    let p = &grown(view, overscan);
    let visible = p.visible_map_rect();
    let feathering = 1.0 / key.pixels_per_point.max(0.1);
    let mut culled = 0;
    let mut visible_areas = |layer: &PreparedLayer| -> Vec<usize> {
        let shown: Vec<usize> =
            layer.areas.iter().enumerate().filter(|(_, a)| a.bbox.intersects(&visible)).map(|(i, _)| i).collect();
        culled += layer.areas.len() - shown.len();
        shown
    };
    let (world, countries, lakes) =
        (visible_areas(&prepared.world), visible_areas(&prepared.countries), visible_areas(&prepared.lakes));
    let province_alpha = province_alpha(p.points_per_km);
    let provinces =
        if key.show_provinces && province_alpha > 0.0 { visible_areas(&prepared.provinces) } else { Vec::new() };
    let is_focus = |i: usize| atlas.countries.get(i).is_some_and(|c| c.role == AreaRole::Focus);

    // The fills, the lines and the names do not depend on each other: on two cores a new view (a pan, an
    // export) builds them side by side.
    let build_fills = || {
        let mut fills = Mesh::default();
        for &i in &world {
            push_area_fill(&mut fills, &prepared.world, i, p, palette.world_land, p.screen_rect);
        }
        for &i in &countries {
            let color = if is_focus(i) { palette.focus_land } else { palette.context_land };
            push_area_fill(&mut fills, &prepared.countries, i, p, color, p.screen_rect);
        }
        for &i in &lakes {
            push_area_fill(&mut fills, &prepared.lakes, i, p, palette.lake, p.screen_rect);
        }
        fills
    };
    let build_lines = || {
        let mut lines = Mesh::default();
        let world_stroke = PathStroke::new(size::WORLD_BORDER * palette.stroke_scale, palette.world_border);
        for &i in &world {
            push_area_outline(&mut lines, &prepared.world, i, p, &world_stroke, feathering, p.screen_rect);
        }
        let context_stroke = PathStroke::new(size::CONTEXT_BORDER * palette.stroke_scale, palette.context_border);
        for &i in countries.iter().filter(|&&i| !is_focus(i)) {
            push_area_outline(&mut lines, &prepared.countries, i, p, &context_stroke, feathering, p.screen_rect);
        }
        let stroke = PathStroke::new(
            size::PROVINCE_BORDER * palette.stroke_scale,
            palette.province_border.gamma_multiply(province_alpha),
        );
        for &i in &provinces {
            push_area_outline(&mut lines, &prepared.provinces, i, p, &stroke, feathering, p.screen_rect);
        }
        let focus_stroke = PathStroke::new(size::FOCUS_BORDER * palette.stroke_scale, palette.focus_border);
        for &i in countries.iter().filter(|&&i| is_focus(i)) {
            push_area_outline(&mut lines, &prepared.countries, i, p, &focus_stroke, feathering, p.screen_rect);
        }
        lines
    };
    let build_labels = || {
        let candidates = label_candidates(&key, inputs);
        let areas = CountryAreas { atlas, prepared, projector: view };
        let obstacles: Vec<egui::Rect> =
            key.scale_bar.then(|| super::scale_bar::scale_bar_rect(view.screen_rect)).into_iter().collect();
        place_labels(painter, view.screen_rect, &candidates, palette, &areas, &obstacles)
    };
    let (fills, (lines, labels)) = rayon::join(build_fills, || rayon::join(build_lines, build_labels));
    Scene {
        id: next_scene_id(),
        key,
        fills: Arc::new(fills),
        lines: Arc::new(lines),
        labels,
        culled_areas: culled,
        highlights: Vec::new(),
        base_texture: None,
        overscan,
        offset: egui::Vec2::ZERO,
        last_view: (key.projector, 0),
    }
}

/// `view` with its screen rectangle grown by `overscan` on each side: the same map point stays at the
/// centre, at the same scale.
fn grown(view: &Projector, overscan: egui::Vec2) -> Projector {
    Projector { screen_rect: view.screen_rect.expand2(overscan), ..*view }
}

/// The countries layer seen from the screen, for placing the countries' names.
pub struct CountryAreas<'a> {
    /// The countries' roles.
    pub atlas: &'a Atlas,
    /// Their prepared geometry.
    pub prepared: &'a PreparedAtlas,
    /// The view the names are placed in.
    pub projector: &'a Projector,
}

impl Areas for CountryAreas<'_> {
    fn contains(&self, area: usize, pos: Pos2) -> bool {
        self.prepared.countries.hit_area(area, self.projector.map_from_screen(pos))
    }

    fn other_at(&self, area: usize, pos: Pos2) -> Option<bool> {
        let other = self.prepared.countries.hit_other(area, self.projector.map_from_screen(pos))?;
        Some(self.atlas.countries.get(other).is_some_and(|c| c.role == AreaRole::Focus))
    }

    fn area_at(&self, pos: Pos2) -> Option<usize> {
        // No area has this number, so the first that holds the point is the one.
        self.prepared.countries.hit_other(usize::MAX, self.projector.map_from_screen(pos))
    }

    fn screen_bounds(&self, area: usize) -> Option<egui::Rect> {
        let bbox = self.prepared.countries.areas.get(area)?.bbox;
        let (a, b) = (self.projector.screen_from_map(bbox.min), self.projector.screen_from_map(bbox.max));
        Some(egui::Rect::from_two_pos(a, b))
    }
}

/// Province borders' opacity at a zoom: 0 below the threshold, ramping to 1.
pub fn province_alpha(points_per_km: f64) -> f32 {
    ((points_per_km - PROVINCES_FROM_POINTS_PER_KM) / (PROVINCES_FULL_POINTS_PER_KM - PROVINCES_FROM_POINTS_PER_KM))
        .clamp(0.0, 1.0) as f32
}

/// The smallest population a city needs to be offered a label at this zoom: fewer, bigger cities when
/// zoomed out; all of them (≥ 15,000) when zoomed in far.
pub fn city_population_threshold(points_per_km: f64) -> u64 {
    let t = 1_500_000.0 * (0.3 / points_per_km.max(1e-6)).powi(2);
    t.clamp(15_000.0, 5_000_000.0) as u64
}

/// Label candidates, most important first: focus countries, seas, neighbours by size, cities by
/// population, provinces.
fn label_candidates(key: &SceneKey, inputs: &SceneInputs<'_>) -> Vec<Candidate> {
    let SceneInputs { atlas, prepared, .. } = *inputs;
    let p = &key.projector;
    let mut out = Vec::new();
    let mut countries: Vec<(usize, f64)> =
        prepared.countries.areas.iter().enumerate().map(|(i, a)| (i, a.area_km2)).collect();
    countries.sort_by(|a, b| b.1.total_cmp(&a.1));
    for &(i, _) in &countries {
        let Some(c) = atlas.countries.get(i) else { continue };
        if c.role == AreaRole::Focus {
            let Some(anchor) = country_anchor(prepared, i, p) else { continue };
            out.push(Candidate {
                text: key.names.text(&c.name.to_uppercase(), c.local_name.as_deref()),
                anchor,
                style: LabelStyle::Focus,
                reserve_dot: false,
                keep: false,
                inside_area: Some(i),
            });
        }
    }
    for sea in &atlas.seas {
        out.push(Candidate {
            text: sea.name.clone(),
            anchor: p.screen_from_geo(sea.at),
            style: LabelStyle::Sea,
            reserve_dot: false,
            keep: false,
            inside_area: None,
        });
    }
    let big_context: Vec<_> = countries
        .iter()
        .filter(|&&(i, _)| atlas.countries.get(i).is_some_and(|c| c.role == AreaRole::Context))
        .collect();
    // Large neighbours before cities; small ones (Bahrain, Qatar) after the big cities, if room is left.
    let min_big_km2 = 40_000.0;
    for &&(i, area) in &big_context {
        if area >= min_big_km2 {
            push_country(&mut out, atlas, prepared, i, key);
        }
    }
    if key.show_cities {
        let threshold = city_population_threshold(p.points_per_km);
        // Capitals first and at every zoom; then the others as large as this zoom names.
        let others = atlas.cities.iter().take_while(|c| c.population >= threshold).filter(|c| !c.capital);
        for city in atlas.cities.iter().filter(|c| c.capital).chain(others) {
            out.push(Candidate {
                text: key.names.text(&city.name, city.local_name.as_deref()),
                anchor: p.screen_from_map(map_from_geo(city.at)),
                style: LabelStyle::City { big: city.population >= 1_000_000 },
                reserve_dot: city.population >= 1_500_000,
                keep: city.capital,
                inside_area: None,
            });
        }
    }
    for &&(i, area) in &big_context {
        if area < min_big_km2 {
            push_country(&mut out, atlas, prepared, i, key);
        }
    }
    if key.show_provinces && p.points_per_km >= PROVINCE_LABELS_FROM_POINTS_PER_KM {
        for (prov, a) in atlas.provinces.iter().zip(&prepared.provinces.areas) {
            out.push(Candidate {
                text: key.names.text(&prov.name, prov.local_name.as_deref()),
                anchor: p.screen_from_map(a.label_at),
                style: LabelStyle::Province,
                reserve_dot: false,
                keep: false,
                inside_area: None,
            });
        }
    }
    out
}

/// Where a country's name goes: its label point, or, when that is off screen, the middle of the part of
/// its bounding box that is on screen (the placer then checks the spot lies in the country).
fn country_anchor(prepared: &PreparedAtlas, i: usize, p: &Projector) -> Option<Pos2> {
    let a = prepared.countries.areas.get(i)?;
    let at = p.screen_from_map(a.label_at);
    if p.screen_rect.contains(at) {
        return Some(at);
    }
    let bbox_on_screen = egui::Rect::from_two_pos(p.screen_from_map(a.bbox.min), p.screen_from_map(a.bbox.max));
    let visible = bbox_on_screen.intersect(p.screen_rect);
    (visible.is_positive()).then(|| visible.center())
}

fn push_country(out: &mut Vec<Candidate>, atlas: &Atlas, prepared: &PreparedAtlas, i: usize, key: &SceneKey) {
    if let (Some(c), Some(anchor)) = (atlas.countries.get(i), country_anchor(prepared, i, &key.projector)) {
        out.push(Candidate {
            text: key.names.text(&c.name, c.local_name.as_deref()),
            anchor,
            style: LabelStyle::Context,
            reserve_dot: false,
            keep: false,
            inside_area: Some(i),
        });
    }
}

#[cfg(test)]
mod tests {
    use egui::Color32;
    use egui::epaint::tessellator::Path;

    use super::*;

    #[test]
    fn provinces_fade_in_with_zoom() {
        assert_eq!(province_alpha(0.1), 0.0);
        assert_eq!(province_alpha(PROVINCES_FULL_POINTS_PER_KM * 2.0), 1.0);
        let mid = province_alpha((PROVINCES_FROM_POINTS_PER_KM + PROVINCES_FULL_POINTS_PER_KM) / 2.0);
        assert!(mid > 0.4 && mid < 0.6);
    }

    #[test]
    fn hairpins_split_rings_so_no_spike_reaches_far() {
        // A thin inlet: the ring doubles back at (100, 0).
        let ring = [Pos2::new(0.0, 0.0), Pos2::new(100.0, 0.0), Pos2::new(0.0, 1.0), Pos2::new(-5.0, 20.0)];
        let mut mesh = Mesh::default();
        crate::map::area_mesh::stroke_ring(
            &mut Path::default(),
            &ring,
            &PathStroke::new(3.0, Color32::BLACK),
            1.0,
            &mut mesh,
        );
        let max_x = mesh.vertices.iter().map(|v| v.pos.x).fold(f32::MIN, f32::max);
        assert!(max_x < 106.0, "a miter spike reached x = {max_x}");
        let mut plain = Mesh::default();
        let mut path = Path::default();
        path.add_line_loop(&ring);
        path.stroke_closed(1.0, &PathStroke::new(3.0, Color32::BLACK), &mut plain);
        let plain_max = plain.vertices.iter().map(|v| v.pos.x).fold(f32::MIN, f32::max);
        assert!(plain_max > 150.0, "epaint's own miter would spike ({plain_max}); if not, this split is unneeded");
    }

    #[test]
    fn more_cities_as_you_zoom_in() {
        assert!(city_population_threshold(0.3) > city_population_threshold(0.6));
        assert_eq!(city_population_threshold(100.0), 15_000);
    }
}
