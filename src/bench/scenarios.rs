//! The window's frame scenarios, run in rounds so that the machine's drift falls on all of them alike.

use super::{FrameSize, Runs, frame, timed_frame};
use crate::app::TimeAtlasApp;
use crate::map::MapMemory;
use crate::map::view::BasePath;

/// A frame scenario run in rounds with the others: what it sets up on entering each round, the events
/// each frame sends (set up untimed before it), and what it does on leaving. The runner puts the settings
/// and the base path back after each round, so a scenario only says what else it must undo.
pub(super) struct Scenario<'a> {
    name: String,
    enter: Box<dyn FnMut(&mut TimeAtlasApp) + 'a>,
    prepare: Prepare<'a>,
    /// Runs before the settings are put back; its events go in one untimed frame.
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
            let saved = (app.settings.clone(), app.base_path);
            (s.enter)(app);
            // The scenario's first two frames again, untimed: each round starts from the state the first
            // round's frames did (a pan's scene with its margin about the same view, say).
            for i in 0..2 {
                let events = (s.prepare)(app, i);
                frame(ctx, app, events);
            }
            for i in done..done + take {
                let events = (s.prepare)(app, i);
                let (took_ms, size) = timed_frame(ctx, app, events);
                samples.push(took_ms);
                *last = size;
            }
            let events = (s.leave)(app);
            (app.settings, app.base_path) = saved;
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
    // Round the fitted view by 300 km east and west, a new place every frame.
    let pan = move |app: &mut TimeAtlasApp, i: usize| {
        app.settings.map.center.x_km = home.center.x_km + (i as f64 * 7.0).sin() * 300.0;
        vec![]
    };
    let mut scenarios = vec![
        Scenario::new("frame_cpu_ms/default_1920x1080", |_, _| vec![]),
        Scenario::new("frame_cpu_ms/default_side_panel_closed_1920x1080", |_, _| vec![])
            .entering(|app| app.settings.show_side_panel = false),
        Scenario::new("frame_cpu_ms/hover_1920x1080", |_, i| {
            let x = 500.0 + (i % 200) as f32 * 4.0;
            vec![egui::Event::PointerMoved(egui::pos2(x, 500.0))]
        })
        .leaving(|_| vec![egui::Event::PointerGone]),
        Scenario::new("frame_cpu_ms/pan_1920x1080", pan),
    ];
    for (label, speed) in [("1_year_per_s", 365.25), ("5_years_per_s", 1826.25)] {
        // Each round plays on from where the last one left off.
        let resume = std::rc::Rc::new(std::cell::Cell::new(crate::time::parse_day("1979-01-01").unwrap_or_default()));
        let at = resume.clone();
        let name = format!("frame_cpu_ms/playing_{label}_1920x1080");
        scenarios.push(
            Scenario::new(&name, |_, _| vec![])
                .entering(move |app| {
                    let t = &mut app.settings.time;
                    t.set_day(at.get());
                    (t.speed_days_per_sec, t.loop_mode, t.playing) = (speed, crate::time::LoopMode::Loop, true);
                })
                .leaving(move |app| {
                    resume.set(app.settings.time.current_day);
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
        .entering(move |app| app.settings.map = zoomed),
    );
    // The same frames with the base map as epaint meshes, as exports, thumbnails and the browser build draw it.
    if gpu {
        let meshes = |app: &mut TimeAtlasApp| app.base_path = BasePath::Meshes;
        scenarios.push(Scenario::new("frame_cpu_ms/default_epaint_base_1920x1080", |_, _| vec![]).entering(meshes));
        scenarios.push(Scenario::new("frame_cpu_ms/pan_epaint_base_1920x1080", pan).entering(meshes));
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
