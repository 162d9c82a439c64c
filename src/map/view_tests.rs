use super::*;
use crate::map::MapMemory;
use crate::map::projection::MapPoint;

struct Fixture {
    atlas: Atlas,
    prepared: PreparedAtlas,
    palette: MapPalette,
    ctx: egui::Context,
    cache: Option<Scene>,
    /// The next frame asks egui for a second pass, as a layout change does.
    two_passes: bool,
}

impl Fixture {
    fn new() -> Self {
        let atlas = crate::model::bundled::atlas().expect("the bundled atlas loads");
        let prepared = PreparedAtlas::build(&atlas);
        let palette = crate::theme::map_palette(ThemeChoice::Light);
        Self { atlas, prepared, palette, ctx: egui::Context::default(), cache: None, two_passes: false }
    }

    /// One frame of the map at `memory`, drawn the `base` way; the scene it drew from afterwards.
    fn frame(&mut self, memory: MapMemory, base: BasePath) -> &Scene {
        self.frame_labels(memory, base, None);
        self.cache.as_ref().expect("a scene")
    }

    /// One frame, and with `fixed` boxes on the screen (legends), the names as placed clear of them.
    fn frame_labels(
        &mut self,
        memory: MapMemory,
        base: BasePath,
        fixed: Option<&[egui::Rect]>,
    ) -> Vec<super::super::labels::PlacedLabel> {
        let inputs = MapInputs {
            atlas: &self.atlas,
            prepared: &self.prepared,
            memory,
            theme: ThemeChoice::Light,
            palette: &self.palette,
            show_provinces: true,
            show_cities: true,
            names: crate::text::names::NameMode::default(),
            description: &String::new,
            selected: Some("IRQ"),
            highlighted: &[],
            highlighted_record: None,
            data_generation: 0,
            tooltip: None,
            scale_bar: true,
            tooltips: true,
            paint_base: true,
            base,
            covered_right: 0.0,
            paint_sea: true,
        };
        let raw = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 500.0))),
            ..Default::default()
        };
        let (cache, two_passes) = (&mut self.cache, std::mem::take(&mut self.two_passes));
        let mut labels = Vec::new();
        let mut out = self.ctx.run_ui(raw, |ui| {
            let output = map_ui(ui, &inputs, cache);
            if let (Some(fixed), Some(slot), Some(scene)) = (fixed, output.labels_slot, cache.as_ref()) {
                let painter = ui.painter();
                let over = painter.add(Shape::Noop);
                let layers = (&self.atlas, &self.prepared);
                labels =
                    repaint_labels_clear_of(painter, [slot, over], false, scene, layers, (&[], fixed), &self.palette);
            }
            if two_passes && !ui.ctx().will_discard() && ui.ctx().current_pass_index() == 0 {
                ui.ctx().request_discard("a test's second pass");
            }
        });
        // epaint asserts, in debug builds, that no texture change is dropped unseen.
        out.textures_delta.clear();
        labels
    }

    fn home(&self) -> MapMemory {
        MapMemory { center: self.prepared.home.center(), points_per_km: Some(0.2) }
    }

    /// The first view builds its scene alone; a first nudge of 1 km builds one with the margin a pan moves
    /// within. Returns that view and its scene's id.
    fn panning(&mut self, base: BasePath) -> (MapMemory, u64) {
        let home = self.home();
        assert_eq!(self.frame(home, base).overscan, egui::Vec2::ZERO, "the first view is built alone");
        let start = east(home, 1.0);
        (start, self.frame(start, base).id)
    }
}

fn east(memory: MapMemory, km: f64) -> MapMemory {
    MapMemory { center: MapPoint::new(memory.center.x_km + km, memory.center.y_km), ..memory }
}

#[test]
fn a_window_pans_by_moving_its_scene_and_builds_one_when_the_pan_stops() {
    let mut f = Fixture::new();
    let (home, first) = f.panning(BasePath::Gpu);
    assert_eq!(f.cache.as_ref().map(|s| s.offset), Some(egui::Vec2::ZERO));
    // 100 km east at 0.2 points per km: everything moves 20 points left.
    let scene = f.frame(east(home, 100.0), BasePath::Gpu);
    assert_eq!(scene.id, first, "a pan within the overscan keeps the scene");
    assert!((scene.offset - egui::vec2(-20.0, 0.0)).length() < 1e-3, "offset {:?}", scene.offset);
    let scene = f.frame(east(home, 150.0), BasePath::Gpu);
    assert_eq!(scene.id, first);
    // The same view again: the pan has stopped, and the view gets a scene of its own.
    let scene = f.frame(east(home, 150.0), BasePath::Gpu);
    assert_ne!(scene.id, first);
    assert_eq!(scene.offset, egui::Vec2::ZERO);
    assert_eq!(scene.key.projector.center, east(home, 150.0).center);
}

#[test]
fn a_second_pass_of_a_panned_frame_is_not_a_stop() {
    let mut f = Fixture::new();
    let (home, first) = f.panning(BasePath::Gpu);
    f.two_passes = true;
    let scene = f.frame(east(home, 100.0), BasePath::Gpu);
    assert_eq!(scene.id, first, "the second pass saw the same view in the same frame");
    assert_ne!(scene.offset, egui::Vec2::ZERO);
}

#[test]
fn a_pan_past_the_overscan_builds_a_scene() {
    let mut f = Fixture::new();
    let (home, first) = f.panning(BasePath::Gpu);
    let overscan = f.cache.as_ref().map(|s| s.overscan).unwrap_or_default();
    // Half the 800-point map each side.
    assert_eq!(overscan, egui::vec2(400.0, 250.0));
    let beyond = f64::from(overscan.x) / 0.2 + 50.0;
    let scene = f.frame(east(home, beyond), BasePath::Gpu);
    assert_ne!(scene.id, first);
    assert_eq!(scene.offset, egui::Vec2::ZERO);
}

#[test]
fn exports_and_tests_draw_every_view_from_its_own_scene() {
    let mut f = Fixture::new();
    let home = f.home();
    let first = f.frame(home, BasePath::Meshes).id;
    assert_eq!(f.cache.as_ref().map(|s| s.overscan), Some(egui::Vec2::ZERO));
    assert_eq!(f.frame(home, BasePath::Meshes).id, first, "a still view keeps its scene");
    let scene = f.frame(east(home, 1.0), BasePath::Meshes);
    assert_ne!(scene.id, first);
}

#[test]
fn a_zoom_is_not_a_pan() {
    let mut f = Fixture::new();
    let (home, first) = f.panning(BasePath::Texture);
    assert_eq!(f.cache.as_ref().map(|s| s.overscan), Some(egui::vec2(200.0, 125.0)), "a quarter for glow");
    let zoomed = MapMemory { points_per_km: Some(0.21), ..home };
    let scene = f.frame(zoomed, BasePath::Texture);
    assert_ne!(scene.id, first);
    // A zoom draws glow's picture of the view alone: a larger one would only take longer.
    assert_eq!(scene.overscan, egui::Vec2::ZERO);
}

#[test]
fn labels_and_highlights_move_with_the_scene() {
    let mut f = Fixture::new();
    let (home, _) = f.panning(BasePath::Gpu);
    let still: Vec<Shape> = label_shapes_of(&f);
    f.frame(east(home, 100.0), BasePath::Gpu);
    let panned: Vec<Shape> = label_shapes_of(&f);
    assert_eq!(still.len(), panned.len());
    assert!(!still.is_empty());
    for (a, b) in still.iter().zip(&panned) {
        let (a, b) = (a.visual_bounding_rect(), b.visual_bounding_rect());
        assert!((b.min - a.min - egui::vec2(-20.0, 0.0)).length() < 1e-3, "{a:?} → {b:?}");
    }
    // The highlight of the selected country (Iraq) is kept in the scene's own view and moved on paint.
    let scene = f.cache.as_mut().expect("a scene");
    let key = (0, Color32::RED, Color32::RED);
    let built = scene.highlight(key, || {
        let mut m = Mesh::default();
        m.add_colored_rect(egui::Rect::from_min_size(egui::pos2(10.0, 10.0), egui::vec2(5.0, 5.0)), Color32::RED);
        m
    });
    let drawn = moved(built.clone(), scene.offset);
    assert_eq!(drawn.vertices[0].pos, built.vertices[0].pos + egui::vec2(-20.0, 0.0));
}

fn label_shapes_of(f: &Fixture) -> Vec<Shape> {
    let scene = f.cache.as_ref().expect("a scene");
    super::super::labels::label_shapes(&scene.labels, &f.palette, scene.offset)
}

#[test]
fn a_label_mesh_is_what_epaint_makes_of_the_label_shapes() {
    let mut f = Fixture::new();
    f.frame(f.home(), BasePath::Gpu);
    let shapes = label_shapes_of(&f);
    assert!(shapes.len() > 20, "the home view names its countries and cities");
    let mesh = super::super::labels::label_mesh(&f.ctx, shapes.clone()).expect("the labels make one mesh");
    let tessellate = |shape: Shape| {
        let primitives = f.ctx.tessellate(vec![egui::epaint::ClippedShape::new(egui::Rect::EVERYTHING, shape)], 1.0);
        primitives
            .into_iter()
            .filter_map(|p| match p.primitive {
                egui::epaint::Primitive::Mesh(m) => Some(m),
                egui::epaint::Primitive::Callback(_) => None,
            })
            .collect::<Vec<_>>()
    };
    let (direct, cached) = (tessellate(Shape::Vec(shapes)), tessellate(Shape::mesh(mesh)));
    assert_eq!(direct.len(), 1);
    assert_eq!(cached.len(), 1);
    assert!(direct[0].vertices.len() > 1000);
    assert_eq!(direct[0].vertices, cached[0].vertices);
    assert_eq!(direct[0].indices, cached[0].indices);
}

#[test]
fn a_fresh_font_atlas_builds_a_new_scene() {
    // egui starts its font atlas afresh once it is 80 % full, and the names' galleys point into the old
    // one: fill it with glyphs of ever larger sizes until it does, and the map must lay its names out again.
    let mut f = Fixture::new();
    let home = f.home();
    let first = f.frame(home, BasePath::Gpu).id;
    assert_eq!(f.frame(home, BasePath::Gpu).id, first, "a still map keeps its scene");
    let start = super::super::labels::font_epoch(&f.ctx);
    let mut size = 20.0;
    let mut rebuilt = None;
    for _ in 0..200 {
        let raw = egui::RawInput::default();
        let mut out = f.ctx.run_ui(raw, |ui| {
            let font = egui::FontId::proportional(size);
            let text = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
            ui.painter().text(egui::Pos2::ZERO, egui::Align2::LEFT_TOP, text, font, Color32::BLACK);
        });
        out.textures_delta.clear();
        size += 6.0;
        let id = f.frame(home, BasePath::Gpu).id;
        if super::super::labels::font_epoch(&f.ctx) != start {
            rebuilt = Some(id);
            break;
        }
    }
    let rebuilt = rebuilt.expect("the atlas started afresh");
    assert_ne!(rebuilt, first, "the names were laid out again in the fresh atlas");
}

#[test]
fn names_keep_clear_of_a_legend_on_a_still_map_and_slide_under_it_during_a_pan() {
    let mut f = Fixture::new();
    let (start, _) = f.panning(BasePath::Gpu);
    let legend = [egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(500.0, 500.0))];
    let texts = |labels: &[crate::map::labels::PlacedLabel]| {
        let mut t: Vec<String> = labels.iter().map(|l| l.galley.text().to_owned()).collect();
        t.sort();
        t
    };
    // Still: the names under the box step aside or go.
    f.frame(start, BasePath::Gpu);
    let free = f.frame_labels(start, BasePath::Gpu, Some(&[]));
    let still = f.frame_labels(start, BasePath::Gpu, Some(&legend));
    assert_eq!(f.cache.as_ref().expect("a scene").offset, egui::Vec2::ZERO);
    assert_ne!(texts(&free), texts(&still), "the legend moved names aside");
    // Panning: the same names as with no legend, moved with the map by whole points.
    f.frame_labels(east(start, 20.0), BasePath::Gpu, Some(&legend));
    let panned = f.frame_labels(east(start, 40.0), BasePath::Gpu, Some(&legend));
    let offset = f.cache.as_ref().expect("a scene").offset;
    assert_ne!(offset, egui::Vec2::ZERO, "the pan moved the scene");
    assert_eq!(texts(&panned), texts(&free));
    let moved_by = panned[0].pos - free[0].pos;
    assert_eq!(moved_by, offset.round(), "moved with the scene, by whole pixels");
}
