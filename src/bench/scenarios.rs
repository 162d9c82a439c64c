//! The window's frame scenarios, run in rounds so that the machine's drift falls on all of them alike.

use std::time::Instant;

use super::{FrameSize, Runs, frame, ms};
use crate::app::TimeAtlasApp;
use crate::map::MapMemory;
use crate::map::view::BasePath;

/// A frame scenario run in rounds with the others: what it changes on entering and leaving each round,
/// and the events each frame sends (set up untimed before it).
pub(super) struct Scenario<'a> {
    name: String,
    enter: Box<dyn FnMut(&mut TimeAtlasApp) + 'a>,
    prepare: Prepare<'a>,
    /// Puts back what `enter` and the frames changed; its events go in one untimed frame.
    leave: Leave<'a>,
}

/// The events of frame `i`, set up untimed before it.
type Prepare<'a> = Box<dyn FnMut(&mut TimeAtlasApp, usize) -> Vec<egui::Event> + 'a>;
type Leave<'a> = Box<dyn FnMut(&mut TimeAtlasApp) -> Vec<egui::Event> + 'a>;

impl<'a> Scenario<'a> {
    fn new(name: &str, prepare: impl FnMut(&mut TimeAtlasApp, usize) -> Vec<egui::Event> + 'a) -> Self {
        Self { name: name.to_owned(), enter: Box::new(|_| {}), prepare: Box::new(prepare), leave: Box::new(|_| vec![]) }
    }

    fn entering(mut self, enter: impl FnMut(&mut TimeAtlasApp) + 'a) -> Self {
        self.enter = Box::new(enter);
        self
    }

    fn leaving(mut self, leave: impl FnMut(&mut TimeAtlasApp) -> Vec<egui::Event> + 'a) -> Self {
        self.leave = Box::new(leave);
        self
    }
}

/// Frames per scenario per round.
const FRAMES_PER_ROUND: usize = 20;

/// Runs the wanted scenarios in turn, [`FRAMES_PER_ROUND`] frames each, round after round until each has
/// `runs.frames`: a spell of a slower machine (this virtual machine's speed drifts by tens of percent over
/// seconds) then falls on every scenario alike rather than on whichever ran during it. The frames that
/// switch scenarios, which build what the scenario's frames then reuse, are not timed.
pub(super) fn interleaved(
    ctx: &egui::Context,
    app: &mut TimeAtlasApp,
    runs: &Runs,
    scenarios: Vec<Scenario<'_>>,
) -> Vec<Timed> {
    let mut wanted: Vec<Scenario<'_>> = scenarios.into_iter().filter(|s| runs.wants(&s.name)).collect();
    let mut samples = vec![Vec::with_capacity(runs.frames); wanted.len()];
    let mut last = vec![FrameSize::default(); wanted.len()];
    let mut done = 0;
    while done < runs.frames {
        let take = FRAMES_PER_ROUND.min(runs.frames - done);
        for ((s, samples), last) in wanted.iter_mut().zip(&mut samples).zip(&mut last) {
            (s.enter)(app);
            // The scenario's first two frames again, untimed: each round starts from the state the first
            // round's frames did (a pan's scene with its margin about the same view, say).
            for i in 0..2 {
                let events = (s.prepare)(app, i);
                frame(ctx, app, events);
            }
            for i in done..done + take {
                let events = (s.prepare)(app, i);
                let t = Instant::now();
                *last = frame(ctx, app, events);
                samples.push(ms(t.elapsed()));
            }
            let events = (s.leave)(app);
            frame(ctx, app, events);
        }
        done += take;
    }
    wanted
        .into_iter()
        .zip(samples)
        .zip(last)
        .map(|((s, samples_ms), last)| Timed { name: s.name, samples_ms, last })
        .collect()
}

/// A scenario's frame times, and the size of its last frame.
pub(super) struct Timed {
    pub name: String,
    pub samples_ms: Vec<f64>,
    pub last: FrameSize,
}

/// The frame scenarios at 1920×1080 from the fitted view `home` (at `scale` points per km): still, side
/// panel closed, hovering, panning, playing at 1 and 5 years a second, panning zoomed in with provinces, and
/// with a GPU the same still and panned frames with the base map as epaint meshes.
pub(super) fn frames(home: MapMemory, scale: f64, gpu: bool) -> Vec<Scenario<'static>> {
    let mut scenarios = vec![
        Scenario::new("frame_cpu_ms/default_1920x1080", |_, _| vec![]),
        Scenario::new("frame_cpu_ms/default_side_panel_closed_1920x1080", |_, _| vec![])
            .entering(|app| app.settings.show_side_panel = false)
            .leaving(|app| {
                app.settings.show_side_panel = true;
                vec![]
            }),
        Scenario::new("frame_cpu_ms/hover_1920x1080", |_, i| {
            let x = 500.0 + (i % 200) as f32 * 4.0;
            vec![egui::Event::PointerMoved(egui::pos2(x, 500.0))]
        })
        .leaving(|_| vec![egui::Event::PointerGone]),
        Scenario::new("frame_cpu_ms/pan_1920x1080", move |app, i| {
            app.settings.map.center.x_km = home.center.x_km + (i as f64 * 7.0).sin() * 300.0;
            vec![]
        })
        .leaving(move |app| {
            app.settings.map = home;
            vec![]
        }),
    ];
    for (label, speed) in [("1_year_per_s", 365.25), ("5_years_per_s", 1826.25)] {
        // Each round plays on from where the last one left off; the other scenarios keep the opening date.
        let start = crate::time::parse_day("1979-01-01").unwrap_or_default();
        let days = std::rc::Rc::new(std::cell::Cell::new((start, start)));
        let at = days.clone();
        let name = format!("frame_cpu_ms/playing_{label}_1920x1080");
        scenarios.push(
            Scenario::new(&name, |_, _| vec![])
                .entering(move |app| {
                    let t = &mut app.settings.time;
                    at.set((at.get().0, t.current_day));
                    t.set_day(at.get().0);
                    (t.speed_days_per_sec, t.loop_mode, t.playing) = (speed, crate::time::LoopMode::Loop, true);
                })
                .leaving(move |app| {
                    let t = &mut app.settings.time;
                    days.set((t.current_day, days.get().1));
                    t.playing = false;
                    t.set_day(days.get().1);
                    vec![]
                }),
        );
    }
    let zoomed = MapMemory { points_per_km: Some(scale * 3.0), ..home };
    scenarios.push(
        Scenario::new("frame_cpu_ms/pan_zoomed_provinces_1920x1080", move |app, i| {
            app.settings.map.center.y_km = home.center.y_km + (i as f64 * 7.0).sin() * 200.0;
            vec![]
        })
        .entering(move |app| app.settings.map = zoomed)
        .leaving(move |app| {
            app.settings.map = home;
            vec![]
        }),
    );
    // The same frames with the base map as epaint meshes (exports, tests, a window without wgpu).
    if gpu {
        let meshes = |app: &mut TimeAtlasApp| app.base_path = BasePath::Meshes;
        let back = move |app: &mut TimeAtlasApp| {
            (app.base_path, app.settings.map) = (BasePath::Gpu, home);
            vec![]
        };
        scenarios.push(
            Scenario::new("frame_cpu_ms/default_epaint_base_1920x1080", |_, _| vec![]).entering(meshes).leaving(back),
        );
        scenarios.push(
            Scenario::new("frame_cpu_ms/pan_epaint_base_1920x1080", move |app, i| {
                app.settings.map.center.x_km = home.center.x_km + (i as f64 * 7.0).sin() * 300.0;
                vec![]
            })
            .entering(meshes)
            .leaving(back),
        );
    }
    scenarios
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::StartOptions;

    /// The app as it opens headless, and its fitted view.
    fn opened() -> (egui::Context, TimeAtlasApp, MapMemory) {
        let ctx = egui::Context::default();
        let mut app = TimeAtlasApp::headless(&ctx, StartOptions { fresh: true, ..Default::default() });
        for _ in 0..3 {
            frame(&ctx, &mut app, vec![]);
        }
        let home = app.drawn.view;
        (ctx, app, home)
    }

    #[test]
    fn every_scenario_gets_its_frames_and_puts_back_what_it_changed() {
        let (ctx, mut app, home) = opened();
        let scale = home.points_per_km.expect("a fitted view");
        app.settings.map = home;
        let day = app.settings.time.current_day;
        // 25 frames: a round of 20, then one of 5.
        let runs = Runs { frames: 25, only: None };
        let timed = interleaved(&ctx, &mut app, &runs, frames(home, scale, false));
        assert_eq!(timed.len(), 7);
        for t in &timed {
            assert_eq!(t.samples_ms.len(), 25, "{}", t.name);
            assert!(t.last.vertices > 1000, "{} drew its frames", t.name);
        }
        assert!(app.settings.show_side_panel);
        assert!(!app.settings.time.playing);
        assert_eq!(app.settings.time.current_day, day, "playback gives the opening date back");
        assert_eq!(app.settings.map, home);
        assert_eq!(app.base_path, BasePath::Meshes);
    }

    #[test]
    fn the_panning_scenario_moves_the_map() {
        let (ctx, mut app, home) = opened();
        app.settings.map = home;
        let mut pan = frames(home, 1.0, false).into_iter().find(|s| s.name.contains("/pan_1920")).expect("a pan");
        let events = (pan.prepare)(&mut app, 1);
        frame(&ctx, &mut app, events);
        let moved_km = (app.drawn.view.center.x_km - home.center.x_km).abs();
        assert!(moved_km > 100.0, "the view moved {moved_km} km");
    }
}
