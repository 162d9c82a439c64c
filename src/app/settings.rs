//! What is remembered between runs (the settings), and how the app is started.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::map::MapMemory;
use crate::model::filters::Filters;
use crate::screenshot::Outcome;
use crate::theme::ThemeChoice;
use crate::time::TimeControl;

/// What is remembered between runs. Loaded data is never persisted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Palette.
    pub theme: ThemeChoice,
    /// Province layer on.
    pub show_provinces: bool,
    /// City layer on.
    pub show_cities: bool,
    /// English, local or both names on the map's labels.
    pub names: crate::text::names::NameMode,
    /// The map view.
    pub map: MapMemory,
    /// The current date, speed and loop mode.
    pub time: TimeControl,
    /// What content is shown.
    pub filters: Filters,
    /// Side panel open.
    pub show_side_panel: bool,
    /// Protecting powers: list only those in force.
    pub relations_active_only: bool,
    /// Timeline strip shown.
    pub show_timeline: bool,
    /// Drawing tool bar shown.
    pub show_draw_toolbar: bool,
    /// Style for new annotations.
    pub annotation_style: crate::annotate::Style,
    /// Export options as last used.
    pub export: crate::export::ExportOptions,
    /// Animate the map and the date between slides.
    pub transitions: bool,
    /// Lessons opened or saved lately, newest first.
    pub recent_lessons: Vec<PathBuf>,
    /// UI scale, 1.0 to 3.0 (Ctrl + / Ctrl - / Ctrl 0).
    pub ui_scale: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Light,
            show_provinces: true,
            show_cities: true,
            names: crate::text::names::NameMode::English,
            map: MapMemory::fit_pending(),
            time: TimeControl::default(),
            filters: Filters::default(),
            show_side_panel: true,
            relations_active_only: false,
            show_timeline: true,
            show_draw_toolbar: true,
            annotation_style: crate::annotate::Style::default(),
            export: crate::export::ExportOptions::default(),
            transitions: true,
            recent_lessons: Vec::new(),
            ui_scale: 1.0,
        }
    }
}

/// How the app is started (from the command line, or by tests).
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    /// Data files to import, or layer files or folders to load over the bundled data.
    pub data_paths: Vec<PathBuf>,
    /// Columns of a generic CSV (`--columns`).
    pub columns: crate::import::ColumnChoice,
    /// Capture the window to this PNG and exit.
    pub screenshot: Option<(PathBuf, Outcome)>,
    /// Palette to start with (overrides the saved one).
    pub theme: Option<ThemeChoice>,
    /// UI scale (egui zoom factor) to start with.
    pub ui_scale: Option<f32>,
    /// Names on the map to start with (overrides the saved choice).
    pub names: Option<crate::text::names::NameMode>,
    /// Ignore saved settings (screenshots and tests are reproducible).
    pub fresh: bool,
    /// Open at this date (`--date`), as a day number.
    pub date: Option<f64>,
    /// "Today" as a day number, instead of the clock (a fixed clock for tests and snapshots).
    pub today: Option<f64>,
    /// Where to autosave lessons (tests use a temporary folder).
    pub autosave_path: Option<PathBuf>,
    /// A lesson to open (`sample` for the bundled one).
    pub lesson: Option<PathBuf>,
    /// Start presenting.
    pub present: bool,
    /// The box the map opens on (`--view`), kept fitted to the map area until the user moves the map.
    pub view: Option<crate::model::geo::GeoBox>,
    /// Start playing, looping at the end (`--play`).
    pub play: bool,
    /// Play at this speed instead of the saved one.
    pub speed_days_per_sec: Option<f64>,
    /// Measure the window's frames for this many seconds, report into the outcome and close
    /// (`bench --window`).
    pub window_bench: Option<(f64, crate::window_bench::Outcome, crate::window_bench::WindowScenario)>,
    /// The window's egui renderer dithers its output (eframe's default; test harnesses render without), so
    /// the base map drawn on the GPU matches it.
    pub renderer_dithers: bool,
}

/// The UI scale range the atlas offers (100 to 300 %).
pub fn clamp_ui_scale(scale: f32) -> f32 {
    if scale.is_finite() { scale.clamp(1.0, 3.0) } else { 1.0 }
}
