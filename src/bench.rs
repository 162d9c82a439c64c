//! `timeatlas bench`: headless frame timings (egui `run_ui` + tessellate; no window, no GPU).

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

use crate::app::{StartOptions, TimeAtlasApp};
use crate::map::scene::PreparedAtlas;
use crate::model::bundled;

const WIDTH: f32 = 1920.0;
const HEIGHT: f32 = 1080.0;

fn raw_input(events: Vec<egui::Event>) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT))),
        events,
        ..Default::default()
    }
}

/// One headless frame: the app's UI, then tessellation, as eframe would do before painting.
fn frame(ctx: &egui::Context, app: &mut TimeAtlasApp, events: Vec<egui::Event>) -> usize {
    let mut out = ctx.run_ui(raw_input(events), |ui| app.show(ui));
    out.textures_delta.clear();
    let primitives = ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
    primitives.len()
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

/// Runs one scenario: `prepare` runs untimed before each frame.
fn scenario(
    name: &str,
    ctx: &egui::Context,
    app: &mut TimeAtlasApp,
    frames: usize,
    mut prepare: impl FnMut(&mut TimeAtlasApp, usize) -> Vec<egui::Event>,
) {
    let mut samples = Vec::with_capacity(frames);
    for i in 0..frames {
        let events = prepare(app, i);
        let t = Instant::now();
        frame(ctx, app, events);
        samples.push(ms(t.elapsed()));
    }
    print_figure(name, samples);
}

/// Runs every scenario and prints the figures.
pub fn run(process_start: Instant, frames: usize) -> anyhow::Result<()> {
    if frames == 0 {
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

    for _ in 0..3 {
        frame(&ctx, &mut app, vec![]);
    }
    // Start every scenario from the fitted view, as the app opens.
    let home = app.drawn_view;
    scenario("frame_cpu_ms/default_1920x1080", &ctx, &mut app, frames, |_, _| vec![]);
    app.settings.show_side_panel = false;
    scenario("frame_cpu_ms/default_side_panel_closed_1920x1080", &ctx, &mut app, frames, |_, _| vec![]);
    app.settings.show_side_panel = true;
    scenario("frame_cpu_ms/hover_1920x1080", &ctx, &mut app, frames, |_, i| {
        let x = 500.0 + (i % 200) as f32 * 4.0;
        vec![egui::Event::PointerMoved(egui::pos2(x, 500.0))]
    });
    scenario("frame_cpu_ms/pan_1920x1080", &ctx, &mut app, frames, |app, i| {
        app.settings.map.center.x_km = home.center.x_km + (i as f64 * 7.0).sin() * 300.0;
        vec![]
    });
    app.settings.map = home;
    for (label, speed) in [("1_year_per_s", 365.25), ("5_years_per_s", 1826.25)] {
        app.settings.time.set_day(crate::time::parse_day("1979-01-01").unwrap_or_default());
        app.settings.time.speed_days_per_sec = speed;
        app.settings.time.loop_mode = crate::time::LoopMode::Loop;
        app.settings.time.playing = true;
        scenario(&format!("frame_cpu_ms/playing_{label}_1920x1080"), &ctx, &mut app, frames, |_, _| vec![]);
        app.settings.time.playing = false;
    }
    let scale = home.points_per_km.context("view was not fitted")?;
    app.settings.map.points_per_km = Some(scale * 3.0);
    scenario("frame_cpu_ms/pan_zoomed_provinces_1920x1080", &ctx, &mut app, frames, |app, i| {
        app.settings.map.center.y_km = home.center.y_km + (i as f64 * 7.0).sin() * 200.0;
        vec![]
    });
    Ok(())
}
