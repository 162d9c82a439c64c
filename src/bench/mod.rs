//! `timeatlas bench`: headless frame timings: egui `run_ui`, tessellation and, with a GPU (llvmpipe here),
//! egui-wgpu's uploads and the paint callbacks' `prepare`, as eframe runs a frame on the CPU; no window.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::app::{StartOptions, TimeAtlasApp};
use crate::map::scene::PreparedAtlas;
use crate::map::view::BasePath;
use crate::model::bundled;

mod scenarios;

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;

fn raw_input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT))),
        events,
        ..Default::default()
    }
}

/// The GPU the frames upload to, when there is one (llvmpipe on a machine without a GPU).
static GPU: std::sync::Mutex<Option<crate::offscreen::OffscreenRenderer>> = std::sync::Mutex::new(None);

/// One headless frame as eframe runs it on the CPU: the app's UI, tessellation, then (with a GPU) egui-wgpu's
/// uploads and the paint callbacks' `prepare`. Only the render pass and the present are left out.
fn frame(ctx: &egui::Context, app: &mut TimeAtlasApp, events: Vec<egui::Event>) -> FrameSize {
    // Texture uploads (the font atlas as it grows) are left out: this renderer did not see the first frames.
    let mut out = ctx.run_ui(raw_input(events), |ui| app.show(ui));
    out.textures_delta.clear();
    let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    if let Ok(mut gpu) = GPU.lock()
        && let Some(gpu) = gpu.as_mut()
    {
        let size = [(WIDTH * out.pixels_per_point) as u32, (HEIGHT * out.pixels_per_point) as u32];
        gpu.upload_frame(&primitives, size, out.pixels_per_point);
    }
    let vertices = primitives
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    FrameSize { primitives: primitives.len(), vertices }
}

/// What a frame handed the renderer: epaint's vertices are tessellated and uploaded every frame.
#[derive(Clone, Copy, Debug, Default)]
struct FrameSize {
    primitives: usize,
    vertices: usize,
}

/// Starts the GPU the frames upload to, holding the base map as the window's does; false without one.
fn start_gpu() -> bool {
    match crate::offscreen::OffscreenRenderer::new() {
        Ok(renderer) => {
            crate::map::gpu::BaseMapGpu::register(renderer.render_state(), 1, false);
            if let Ok(mut gpu) = GPU.lock() {
                *gpu = Some(renderer);
                return true;
            }
            false
        }
        Err(e) => {
            eprintln!("bench: no GPU to upload frames to ({e:#}): frames are UI and tessellation only");
            false
        }
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn print_figure(name: &str, mut samples_ms: Vec<f64>) {
    samples_ms.sort_by(f64::total_cmp);
    let at =
        |q: f64| samples_ms.get(((samples_ms.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(f64::NAN);
    println!(
        "{}",
        serde_json::json!({"name": name, "median_ms": round3(at(0.5)), "p95_ms": round3(at(0.95)), "samples": samples_ms.len()})
    );
}

fn print_value(name: &str, value_ms: f64) {
    println!("{}", serde_json::json!({"name": name, "ms": round3(value_ms)}));
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// How many frames each scenario runs, and which scenarios run.
#[derive(Clone, Debug)]
pub struct Runs {
    /// Frames per scenario.
    pub frames: usize,
    /// Only the figures whose names contain this (to profile one scenario); `None` runs them all.
    pub only: Option<String>,
}

impl Runs {
    fn wants(&self, name: &str) -> bool {
        self.only.as_deref().is_none_or(|only| name.contains(only))
    }
}

/// Runs one scenario, when `runs` wants it: `prepare` runs untimed before each frame.
fn scenario(
    name: &str,
    ctx: &egui::Context,
    app: &mut TimeAtlasApp,
    runs: &Runs,
    mut prepare: impl FnMut(&mut TimeAtlasApp, usize) -> Vec<egui::Event>,
) {
    if !runs.wants(name) {
        return;
    }
    let mut samples = Vec::with_capacity(runs.frames);
    let mut last = FrameSize::default();
    for i in 0..runs.frames {
        let events = prepare(app, i);
        let (took_ms, size) = timed_frame(ctx, app, events);
        samples.push(took_ms);
        last = size;
    }
    print_scenario(name, samples, last);
}

/// One frame, and how long it took in milliseconds.
fn timed_frame(ctx: &egui::Context, app: &mut TimeAtlasApp, events: Vec<egui::Event>) -> (f64, FrameSize) {
    let t = Instant::now();
    let size = frame(ctx, app, events);
    (ms(t.elapsed()), size)
}

fn print_scenario(name: &str, samples: Vec<f64>, last: FrameSize) {
    print_figure(name, samples);
    let size = name.replacen("frame_cpu_ms/", "", 1);
    println!(
        "{}",
        serde_json::json!({"name": format!("frame_size/{size}"), "primitives": last.primitives, "vertices": last.vertices})
    );
}

/// Runs every scenario and prints the figures; with `data`, the imported-data scenarios too.
pub fn run(process_start: Instant, runs: &Runs, data: Option<&std::path::Path>) -> anyhow::Result<()> {
    if runs.frames == 0 {
        bail!("--frames must be at least 1");
    }
    let ctx = egui::Context::default();
    let mut app = TimeAtlasApp::headless(&ctx, StartOptions { fresh: true, ..Default::default() });
    frame(&ctx, &mut app, vec![]);
    print_value("startup_ms", ms(process_start.elapsed()));
    if !app.messages.is_empty() {
        bail!("bundled data did not load: {}", app.messages.join("; "));
    }

    let mut load = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let atlas = bundled::atlas()
            .map_err(|e| anyhow::anyhow!("{}", e.first().map(ToString::to_string).unwrap_or_default()))?;
        let prepared = PreparedAtlas::build(&atlas);
        load.push(ms(t.elapsed()));
        std::hint::black_box(prepared);
    }
    print_figure("load_ms/bundled_parse_and_triangulate", load);
    let atlas =
        bundled::atlas().map_err(|e| anyhow::anyhow!("{}", e.first().map(ToString::to_string).unwrap_or_default()))?;
    let mut content = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let d = bundled::dataset(&atlas)
            .map_err(|e| anyhow::anyhow!("{}", e.first().map(ToString::to_string).unwrap_or_default()))?;
        std::hint::black_box(crate::map::content::ContentIndex::build(&d, crate::time::today()));
        content.push(ms(t.elapsed()));
    }
    print_figure("load_ms/bundled_content_validate_and_index", content);

    // The window draws the base map from the GPU's copy (map::gpu): so do these frames, when there is a GPU.
    let gpu = start_gpu();
    if gpu {
        app.base_path = BasePath::Gpu;
    }
    println!("{}", serde_json::json!({"name": "frame_path", "gpu_base_map": gpu}));
    for _ in 0..3 {
        frame(&ctx, &mut app, vec![]);
    }
    // Start every scenario from the fitted view, as the app opens, held as a view of its own: while the
    // view has no scale of its own the map stays fitted to the window, and a new centre moves nothing (so,
    // before session 13, the panning figure timed a still map).
    let home = app.drawn.view;
    let scale = home.points_per_km.context("view was not fitted")?;
    app.settings.map = home;
    for _ in 0..2 {
        frame(&ctx, &mut app, vec![]);
    }
    let scenarios = scenarios::frames(home, scale, gpu);
    for t in scenarios::interleaved(&ctx, &mut app, runs, scenarios) {
        print_scenario(&t.name, t.samples_ms, t.last);
    }
    if let Some(path) = data {
        data_figures(&ctx, &mut app, path, runs)?;
        app.imports = crate::app::imports::ImportState::default();
    }
    if runs.wants("export") {
        export_figures(&mut app)?;
    }
    Ok(())
}

/// The imported-data scenarios: the load, then frames over the default view scrubbing across decades,
/// playing at 1 year/s, zoomed into Aleppo playing at 1 week/s, hovering, and the timeline on one month.
fn data_figures(
    ctx: &egui::Context,
    app: &mut TimeAtlasApp,
    path: &std::path::Path,
    runs: &Runs,
) -> anyhow::Result<()> {
    let t = Instant::now();
    let errors = app.import_now(&[path.to_path_buf()]);
    if let Some(e) = errors.first() {
        bail!("{e}");
    }
    print_value("load_ms/data", ms(t.elapsed()));
    let bytes: usize = app.doc.sources.sources.iter().map(|s| s.imported.records.heap_bytes()).sum();
    println!("{}", serde_json::json!({"name": "data_bytes/records", "value": bytes}));
    let index: usize = app.doc.sources.sources.iter().map(|s| s.index.heap_bytes()).sum();
    println!("{}", serde_json::json!({"name": "data_bytes/index", "value": index}));
    let Some((first, last)) = app.doc.sources.day_range() else { bail!("no records") };
    let (first, last) = (f64::from(first), f64::from(last));
    for _ in 0..3 {
        frame(ctx, app, vec![]);
    }
    let home = app.drawn.view;
    let n = runs.frames.max(2) as f64;
    app.settings.time.playing = false;
    scenario("frame_cpu_ms/data_scrub_decades_1920x1080", ctx, app, runs, |app, i| {
        app.settings.time.set_day(first + (last - first) * (i as f64 / (n - 1.0)));
        vec![]
    });
    let play = |app: &mut TimeAtlasApp, speed: f64| {
        app.settings.time.set_day(first);
        app.settings.time.speed_days_per_sec = speed;
        app.settings.time.loop_mode = crate::time::LoopMode::Loop;
        app.settings.time.playing = true;
    };
    play(app, 365.25);
    scenario("frame_cpu_ms/data_playing_1_year_per_s_1920x1080", ctx, app, runs, |_, _| vec![]);
    let aleppo = crate::map::projection::map_from_geo(crate::model::GeoPoint::lat_lon(36.2, 37.16));
    let scale = home.points_per_km.context("view was not fitted")?;
    app.settings.map = crate::map::MapMemory { center: aleppo, points_per_km: Some(scale * 12.0) };
    play(app, 7.0);
    scenario("frame_cpu_ms/data_aleppo_playing_1_week_per_s_1920x1080", ctx, app, runs, |_, _| vec![]);
    app.settings.time.playing = false;
    app.settings.map = home;
    app.settings.time.set_day((first + last) / 2.0);
    scenario("frame_cpu_ms/data_hover_1920x1080", ctx, app, runs, |_, i| {
        let x = 300.0 + (i % 200) as f32 * 4.0;
        vec![egui::Event::PointerMoved(egui::pos2(x, 400.0))]
    });
    let mid = (first + last) / 2.0;
    app.timeline_zoom_to(mid - 15.0, mid + 15.0);
    frame(ctx, app, vec![]);
    scenario("frame_cpu_ms/data_timeline_one_month_1920x1080", ctx, app, runs, |app, i| {
        app.settings.time.set_day(mid - 15.0 + (i % 30) as f64);
        vec![]
    });
    Ok(())
}

/// Export timings: a 4K annotated map (three arrows, a label, four numbered markers, a country fill) to PNG
/// bytes, in memory (the first one also lays out and rasterises the glyphs), and the CLI as a whole process.
fn export_figures(app: &mut TimeAtlasApp) -> anyhow::Result<()> {
    use crate::annotate::{Edit, Shape, Style};
    use crate::export::{ExportOptions, ExportView, Exporter};
    use crate::model::GeoPoint;
    app.settings.time.set_day(crate::time::parse_day("2020-01-03").unwrap_or_default());
    let arrows = [((33.3, 44.4), (35.7, 51.4)), ((30.5, 47.8), (26.5, 56.2)), ((36.2, 37.2), (33.5, 36.3))];
    for ((a, b), (c, d)) in arrows {
        let shape = Shape::Arrow { from: GeoPoint::lat_lon(a, b), to: GeoPoint::lat_lon(c, d) };
        app.draw.history.apply(Edit::Add(shape, Style::default()), false);
    }
    let label = Shape::Text { at: GeoPoint::lat_lon(31.0, 52.0), text: "The January 2020 crisis".into() };
    app.draw.history.apply(Edit::Add(label, Style::default()), false);
    for (i, (lat, lon)) in [(33.26, 44.23), (33.8, 42.44), (36.19, 44.01), (35.69, 51.42)].into_iter().enumerate() {
        let shape = Shape::Marker { at: GeoPoint::lat_lon(lat, lon), number: i as u32 + 1 };
        app.draw.history.apply(Edit::Add(shape, Style::default()), false);
    }
    let country = Shape::Country { iso_a3: "IRQ".into() };
    app.draw.history.apply(Edit::Add(country, Style::default()), false);
    let opts =
        ExportOptions { size_px: [3840, 2160], title: "The January 2020 crisis".into(), ..ExportOptions::default() };
    let mut exporter = Exporter::new();
    let run = |exporter: &mut Exporter| -> anyhow::Result<(f64, f64)> {
        let t = Instant::now();
        let mut scene = app.export_scene();
        scene.view = ExportView::Home;
        let image = exporter.png(&scene, &opts)?;
        let rendered = ms(t.elapsed());
        let bytes = crate::export::exporter::encode_png(&image)?;
        std::hint::black_box(bytes);
        Ok((rendered, ms(t.elapsed())))
    };
    print_value("export_png_first_ms/3840x2160", run(&mut exporter)?.1);
    let (mut render, mut total) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let (r, t) = run(&mut exporter)?;
        render.push(r);
        total.push(t);
    }
    print_figure("export_render_ms/3840x2160_image_in_memory", render);
    print_figure("export_png_ms/3840x2160", total);
    let mut svg = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let mut scene = app.export_scene();
        scene.view = ExportView::Home;
        std::hint::black_box(exporter.svg(&scene, &opts));
        svg.push(ms(t.elapsed()));
    }
    print_figure("export_svg_ms/3840x2160", svg);
    export_cli_figure()
}

/// `timeatlas export` at 3840×2160 as a whole process (start-up, bundled data, 200 imported points, an
/// arrow, a title, the PNG written), as `bench/export_ratio.sh` times it against the geopandas peer.
fn export_cli_figure() -> anyhow::Result<()> {
    let dir = tempfile::tempdir().context("cannot make a temporary folder")?;
    let mut csv = String::from("latitude,longitude,date,title\n");
    let mut seed: u64 = 7;
    for i in 0..200 {
        // A fixed pseudo-random scatter over the region (the same every run).
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let (lat, lon) = (13.0 + 25.0 * next(), 36.0 + 24.0 * next());
        csv.push_str(&format!("{lat:.4},{lon:.4},2020-01-03,point {}\n", i + 1));
    }
    let points = dir.path().join("points.csv");
    std::fs::write(&points, csv).context("cannot write the points")?;
    let arrow = r#"{"format":"timeatlas-annotations","version":1,"annotations":[{"id":1,"shape":{"kind":"arrow","from":{"lat":33.3,"lon":44.4},"to":{"lat":35.7,"lon":51.4}}}]}"#;
    let annotations = dir.path().join("arrow.json");
    std::fs::write(&annotations, arrow).context("cannot write the arrow")?;
    let exe = std::env::current_exe().context("cannot find this program")?;
    let mut command = std::process::Command::new(exe);
    command.args(["export", "--date", "2020-01-03", "--size", "3840x2160", "--title", "Iran, Iraq, Syria and Yemen"]);
    command.arg("--data").arg(&points).arg("--annotations").arg(&annotations);
    command.arg("--out").arg(dir.path().join("out.png"));
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    let mut samples = Vec::new();
    // One warm-up run (the file cache), then the timed ones.
    for i in 0..6 {
        let t = Instant::now();
        let status = command.status().context("cannot run timeatlas export")?;
        if !status.success() {
            bail!("timeatlas export failed: {status}");
        }
        if i > 0 {
            samples.push(ms(t.elapsed()));
        }
    }
    print_figure("export_cli_ms/3840x2160", samples);
    Ok(())
}
