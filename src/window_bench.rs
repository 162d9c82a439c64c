//! `timeatlas bench --window`: the real window plays the timeline for some seconds, and the frames it drew
//! and the date it reached are reported. The headless bench times the CPU's part of a frame; this is what a
//! teacher sees on a laptop whose GPU has no driver, where the software rasteriser is most of the cost.

use std::sync::{Arc, Mutex};

/// Seconds left out at the start (window creation, fonts, the first map scene), counted once loads are done.
const WARM_UP_SECONDS: f64 = 1.5;
/// Panning: the map's centre goes round a circle of this radius, as a steady drag would move it.
const PAN_RADIUS_KM: f64 = 500.0;
/// Panning: seconds a turn of the circle takes.
const PAN_PERIOD_SEC: f64 = 4.0;

/// What the window does while it is measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum WindowScenario {
    /// Plays the timeline at 1 year/s.
    #[default]
    Playing,
    /// Holds the date and pans the map round and round (within a scene's overscan, and past it).
    Panning,
}

impl WindowScenario {
    /// The figures' names start with this.
    pub fn name(self) -> &'static str {
        match self {
            Self::Playing => "playing",
            Self::Panning => "panning",
        }
    }
}

/// What a run found, shared with the command line, which prints it once the window has closed.
pub type Outcome = Arc<Mutex<Option<Report>>>;

/// The figures of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub seconds: f64,
    pub frames: usize,
    pub fps: f64,
    pub frame_ms_median: f64,
    pub frame_ms_p95: f64,
    /// How far the date reached is from where the wall clock puts it, in % of the way it should have gone.
    pub date_error_pct: f64,
}

impl Report {
    /// The JSON lines `bench` prints, named for what was played and the window's size.
    pub fn json_lines(&self, scenario: &str) -> Vec<String> {
        let value = |name: &str, v: f64| serde_json::json!({ "name": format!("{name}/{scenario}"), "value": v });
        vec![
            value("window_fps", round(self.fps)).to_string(),
            serde_json::json!({
                "name": format!("window_frame_ms/{scenario}"),
                "median_ms": round(self.frame_ms_median),
                "p95_ms": round(self.frame_ms_p95),
                "samples": self.frames,
            })
            .to_string(),
            value("window_date_error_pct", round(self.date_error_pct)).to_string(),
        ]
    }
}

fn round(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// A run in progress, stepped once a frame.
#[derive(Debug)]
pub struct WindowBench {
    seconds: f64,
    /// The first frame with nothing loading.
    ready_sec: Option<f64>,
    /// Where the measured part began: wall-clock seconds and the day shown.
    start: Option<(f64, f64)>,
    last_sec: f64,
    intervals_ms: Vec<f64>,
    outcome: Outcome,
    scenario: WindowScenario,
    /// Panning: the map centre it started from (km east, km north).
    pan_from_km: Option<[f64; 2]>,
}

impl WindowBench {
    /// A run that measures `seconds` of frames and reports into `outcome`.
    pub fn new(seconds: f64, outcome: Outcome, scenario: WindowScenario) -> Self {
        Self {
            seconds,
            ready_sec: None,
            start: None,
            last_sec: 0.0,
            intervals_ms: Vec::new(),
            outcome,
            scenario,
            pan_from_km: None,
        }
    }

    /// Panning: where the map centre goes at `now_sec` (km east, km north), round the centre it had when
    /// first asked (`drawn_km`, the view drawn last frame); `None` when not panning.
    pub fn pan_center_km(&mut self, now_sec: f64, drawn_km: [f64; 2]) -> Option<[f64; 2]> {
        if self.scenario != WindowScenario::Panning {
            return None;
        }
        let [x, y] = *self.pan_from_km.get_or_insert(drawn_km);
        let turn = now_sec / PAN_PERIOD_SEC * std::f64::consts::TAU;
        Some([x + PAN_RADIUS_KM * (turn.cos() - 1.0), y + PAN_RADIUS_KM * turn.sin()])
    }

    /// Called once a frame with a wall clock (seconds, from any origin; not egui's input time, which is the
    /// clock playback itself follows), the day shown and the playing speed; `busy` while files load.
    /// True once the run is over and the window may close. The day must not loop back within the run.
    pub fn step(&mut self, now_sec: f64, day: f64, speed_days_per_sec: f64, busy: bool) -> bool {
        if self.outcome.lock().map_or(true, |o| o.is_some()) {
            return true;
        }
        if busy {
            self.ready_sec = None;
            return false;
        }
        let ready = *self.ready_sec.get_or_insert(now_sec);
        if now_sec - ready < WARM_UP_SECONDS {
            return false;
        }
        let Some((start_sec, start_day)) = self.start else {
            self.start = Some((now_sec, day));
            self.last_sec = now_sec;
            return false;
        };
        self.intervals_ms.push((now_sec - self.last_sec) * 1000.0);
        self.last_sec = now_sec;
        let elapsed = now_sec - start_sec;
        if elapsed < self.seconds {
            return false;
        }
        let expected_days = speed_days_per_sec * elapsed;
        let travelled_days = day - start_day;
        let date_error_pct =
            if expected_days > 0.0 { (travelled_days - expected_days).abs() / expected_days * 100.0 } else { 0.0 };
        let mut sorted = self.intervals_ms.clone();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| sorted.get(((sorted.len() - 1) as f64 * q).round() as usize).copied().unwrap_or(0.0);
        let report = Report {
            seconds: elapsed,
            frames: sorted.len(),
            fps: sorted.len() as f64 / elapsed,
            frame_ms_median: at(0.5),
            frame_ms_p95: at(0.95),
            date_error_pct,
        };
        if let Ok(mut slot) = self.outcome.lock() {
            *slot = Some(report);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Steps a run with a fake clock: frames every `frame_sec`, the date moving `days_per_frame` a frame.
    fn run(frame_sec: f64, days_per_frame: f64, busy_frames: usize) -> Report {
        let outcome = Outcome::default();
        let mut bench = WindowBench::new(10.0, outcome.clone(), WindowScenario::Playing);
        let (mut now, mut day) = (0.0, 0.0);
        for frame in 0.. {
            if bench.step(now, day, 365.25, frame < busy_frames) {
                break;
            }
            now += frame_sec;
            day += days_per_frame;
            assert!(frame < 100_000, "the run never ended");
        }
        outcome.lock().unwrap().clone().unwrap()
    }

    #[test]
    fn a_steady_window_reports_its_rate_and_no_date_error() {
        let r = run(0.02, 365.25 * 0.02, 0);
        assert!((r.fps - 50.0).abs() < 0.5, "{r:?}");
        assert!((r.frame_ms_median - 20.0).abs() < 1e-6 && (r.frame_ms_p95 - 20.0).abs() < 1e-6, "{r:?}");
        assert!(r.date_error_pct < 0.5, "{r:?}");
        assert!((r.seconds - 10.0).abs() < 0.05);
    }

    #[test]
    fn playback_that_falls_behind_the_clock_shows_as_date_error() {
        // A date that moves a third as fast as the clock: what a capped frame step did at 3 frames a second.
        let r = run(0.333, 365.25 * 0.333 / 3.0, 0);
        assert!((r.fps - 3.0).abs() < 0.1, "{r:?}");
        assert!((r.date_error_pct - 66.7).abs() < 1.0, "{r:?}");
    }

    #[test]
    fn frames_while_files_load_are_not_counted() {
        let quiet = run(0.02, 365.25 * 0.02, 0);
        let loading = run(0.02, 365.25 * 0.02, 300);
        assert_eq!(quiet.frames, loading.frames);
    }

    #[test]
    fn panning_goes_round_the_first_view_and_playing_does_not_pan() {
        let mut bench = WindowBench::new(10.0, Outcome::default(), WindowScenario::Panning);
        assert_eq!(bench.pan_center_km(0.0, [100.0, 200.0]), Some([100.0, 200.0]));
        // A quarter turn later: west by the radius, north by the radius, whatever the view drawn since.
        let quarter = bench.pan_center_km(PAN_PERIOD_SEC / 4.0, [0.0, 0.0]).unwrap();
        assert!(
            (quarter[0] - (100.0 - PAN_RADIUS_KM)).abs() < 1e-9 && (quarter[1] - (200.0 + PAN_RADIUS_KM)).abs() < 1e-9
        );
        let mut playing = WindowBench::new(10.0, Outcome::default(), WindowScenario::Playing);
        assert_eq!(playing.pan_center_km(1.0, [0.0, 0.0]), None);
    }

    #[test]
    fn the_lines_name_the_scenario() {
        let r = run(0.02, 365.25 * 0.02, 0);
        let lines = r.json_lines("playing_1600x1000");
        assert!(lines[0].contains("\"window_fps/playing_1600x1000\""), "{lines:?}");
        assert!(lines[1].contains("\"window_frame_ms/playing_1600x1000\"") && lines[1].contains("p95_ms"));
        assert!(lines[2].contains("\"window_date_error_pct/playing_1600x1000\""));
    }
}
