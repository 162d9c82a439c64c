//! The command line: open the atlas, or run `check` or `bench`.

mod export;
mod headless;
mod lesson_export;
mod renderer;

/// The `--view` parser, public for the fuzz target `small_parsers`.
pub use export::parse_view;

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::app::{StartOptions, TimeAtlasApp};
use crate::text::names::NameMode;
use crate::theme::ThemeChoice;
use crate::window_bench::WindowScenario;

/// A window or image size, written `WIDTHxHEIGHT`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let [width, height] = crate::export::frame::parse_size_from(s, 200)?;
        Ok(Self { width, height })
    }
}

/// Palette choice on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ThemeArg {
    /// Pale land, dark text (projectors).
    Light,
    /// Dark.
    Dark,
    /// High contrast, thick strokes.
    Projector,
}

impl ThemeArg {
    /// The palette it names.
    pub fn choice(self) -> ThemeChoice {
        match self {
            Self::Light => ThemeChoice::Light,
            Self::Dark => ThemeChoice::Dark,
            Self::Projector => ThemeChoice::Projector,
        }
    }
}

/// TimeAtlas: a classroom map-and-timeline atlas of Iran, Iraq, Syria and Yemen, 1953 to today.
#[derive(Debug, Parser)]
#[command(name = "timeatlas", version, about)]
pub struct Cli {
    /// What to do; with none, the atlas window opens.
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// A data file to import (TimelineJS, StoryMapJS, ACLED, UCDP, GeoJSON or KML with dates, any CSV with
    /// dates), or a map layer .geojson or a folder of them (repeatable).
    #[arg(long, value_name = "PATH", global = true)]
    pub data: Vec<PathBuf>,
    /// For a CSV whose columns are not found by name: lat=COL,lon=COL,date=COL[,end=,title=,category=].
    #[arg(long, value_name = "KEY=COL,...", global = true, value_parser = crate::import::ColumnChoice::parse)]
    pub columns: Option<crate::import::ColumnChoice>,
    /// Open the window, let it settle, save it as a PNG and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size.
    #[arg(long, value_name = "WxH", default_value = "1600x1000")]
    pub size: Size,
    /// Colour theme (overrides the saved one).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// UI scale, e.g. 2 for a projector at 1024x768.
    #[arg(long, value_name = "FACTOR")]
    pub scale: Option<f32>,
    /// Names on the map: English, in the local script (Persian, Arabic, Hebrew, Turkish) or both.
    #[arg(long, value_enum)]
    pub names: Option<NameMode>,
    /// Open at this date: 1953, 1979-11 or 2020-01-03.
    #[arg(long, value_name = "DATE", value_parser = crate::time::parse_day)]
    pub date: Option<f64>,
    /// Open a lesson file (`sample` opens the bundled sample lesson).
    #[arg(long, value_name = "FILE")]
    pub lesson: Option<PathBuf>,
    /// Open the window on this box, LON_MIN,LAT_MIN,LON_MAX,LAT_MAX in degrees (as `export --view`).
    #[arg(long = "view", value_name = "BOX", value_parser = export::parse_view, allow_hyphen_values = true)]
    pub start_view: Option<crate::model::geo::GeoBox>,
    /// Start in presentation mode (full screen).
    #[arg(long)]
    pub present: bool,
    /// Start playing the timeline, looping at the end (a display left running).
    #[arg(long)]
    pub play: bool,
    /// The window's renderer: `auto` picks wgpu on a GPU and glow (OpenGL) where the only adapter is a
    /// software rasteriser, which glow drives several times faster.
    #[arg(long, value_enum, default_value_t)]
    pub renderer: renderer::RendererArg,
    /// Playback speed in days per second (30 is about a month a second, 365 a year a second).
    #[arg(long, value_name = "DAYS_PER_SECOND", value_parser = parse_speed)]
    pub speed: Option<f64>,
}

/// A playback speed the timeline offers room for: a positive number of days per second, at most 10,000.
fn parse_speed(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 10_000.0 => Ok(v),
        _ => Err(format!(
            "expected days per second, a number above 0 and at most 10000 (30 is about a month a second), not {text:?}"
        )),
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Sub {
    /// Check data files or folders; prints `PATH:LINE:COL: error: ...` per problem, exit 1 if any.
    Check {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also print counts of what was loaded.
        #[arg(long)]
        stats: bool,
    },
    /// Render frames headless and print one JSON line per figure.
    Bench {
        /// Frames per scenario.
        #[arg(long, default_value_t = 120)]
        frames: usize,
        /// Only the figures whose names contain this text (to profile one scenario).
        #[arg(long)]
        only: Option<String>,
        /// Instead, open the real window (needs a display), play from 1953 at 1 year/s and report its frame
        /// rate, frame times and how far the date strays from the wall clock.
        #[arg(long)]
        window: bool,
        /// Seconds the window plays (with --window).
        #[arg(long, default_value_t = 10.0, value_parser = seconds_to_measure)]
        seconds: f64,
        /// With --window: hold the date and pan the map round in circles instead of playing.
        #[arg(long, requires = "window")]
        pan: bool,
    },
    /// Export the map as PNG or SVG without opening a window (also frames of a date range, and lessons).
    Export(ExportCli),
    /// Save a lesson, annotations or the autosave over and over with the app's own writers until killed
    /// (for the crash trials: `scripts/crash_trials.py`).
    #[command(hide = true)]
    SaveStress {
        /// What to save.
        #[arg(long, value_enum)]
        kind: crate::save_stress::SaveKind,
        /// The lesson to start from.
        #[arg(long)]
        lesson: PathBuf,
        /// Where to save.
        #[arg(long)]
        out: PathBuf,
        /// A data file to import over and over meanwhile.
        #[arg(long)]
        import: Option<PathBuf>,
    },
}

/// `timeatlas export` options.
#[derive(Debug, clap::Args)]
pub struct ExportCli {
    /// The map's date: 1953, 1979-11 or 2020-01-03.
    #[arg(long, value_name = "DATE", value_parser = crate::time::parse_day)]
    pub date: Option<f64>,
    /// Output file (or folder for --from/--to and --lesson).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Image size in pixels (up to 8192 a side).
    #[arg(long, value_name = "WxH", default_value = "1920x1080", value_parser = crate::export::frame::parse_size)]
    pub size: [u32; 2],
    /// Annotation file (JSON, from File > Save annotations) to draw on the map.
    #[arg(long, value_name = "FILE")]
    pub annotations: Option<PathBuf>,
    /// Title shown above the map.
    #[arg(long)]
    pub title: Option<String>,
    /// Part of the map: LON_MIN,LAT_MIN,LON_MAX,LAT_MAX (default: Iran, Iraq, Syria and Yemen).
    #[arg(long, value_name = "BOX", value_parser = export::parse_view, allow_hyphen_values = true)]
    pub view: Option<crate::model::geo::GeoBox>,
    /// png or svg (default: from the file extension).
    #[arg(long, value_parser = crate::export::ExportFormat::parse)]
    pub format: Option<crate::export::ExportFormat>,
    /// First date of a range of frames.
    #[arg(long, value_name = "DATE", value_parser = crate::time::parse_day, requires_all = ["to", "step"])]
    pub from: Option<f64>,
    /// Last date of a range of frames.
    #[arg(long, value_name = "DATE", value_parser = crate::time::parse_day, requires = "from")]
    pub to: Option<f64>,
    /// Step between frames: 1d, 2w, 1m, 1y.
    #[arg(long, value_parser = crate::export::frames::Step::parse, requires = "from")]
    pub step: Option<crate::export::frames::Step>,
    /// With --from/--to/--step, also write frames.gif.
    #[arg(long, requires = "from")]
    pub gif: bool,
    /// A lesson file: one PNG per slide into the --out folder.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["from", "date"])]
    pub lesson: Option<PathBuf>,
    /// Colour theme of the image.
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Names on the map: English, in the local script (Persian, Arabic, Hebrew, Turkish) or both.
    #[arg(long, value_enum)]
    pub names: Option<NameMode>,
    /// Leave out the date stamp.
    #[arg(long)]
    pub no_date: bool,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the scale bar.
    #[arg(long)]
    pub no_scale_bar: bool,
    /// Leave out the credits line.
    #[arg(long)]
    pub no_credits: bool,
    /// Include the side panel (the events of the date) next to the map.
    #[arg(long)]
    pub side_panel: bool,
}

/// Runs the command line; `process_start` is taken first thing in `main` for `startup_ms`.
pub fn main(process_start: Instant) -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version print and succeed; a bad argument (date, size, view...) is an error: exit 1.
            let _ = e.print();
            return if e.use_stderr() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Some(Sub::Check { paths, stats }) => {
            let options =
                crate::import::ImportOptions { columns: cli.columns.unwrap_or_default(), ..Default::default() };
            crate::check::run(&paths, stats, &options)
        }
        Some(Sub::Export(e)) => {
            let frames = match (e.from, e.to, e.step) {
                (Some(a), Some(b), Some(s)) => Some((a, b, s)),
                _ => None,
            };
            let args = headless::ExportArgs {
                date: e.date,
                out: e.out,
                size_px: e.size,
                annotations: e.annotations,
                title: e.title,
                view: e.view,
                format: e.format,
                frames,
                gif: e.gif,
                lesson: e.lesson,
                data: cli.data,
                columns: cli.columns.unwrap_or_default(),
                theme: e.theme.map(ThemeArg::choice),
                names: e.names,
                include: headless::Include {
                    date: !e.no_date,
                    legend: !e.no_legend,
                    scale_bar: !e.no_scale_bar,
                    credits: !e.no_credits,
                    side_panel: e.side_panel,
                },
            };
            export::run(&args)
        }
        Some(Sub::SaveStress { kind, lesson, out, import }) => crate::save_stress::run(kind, &lesson, &out, import),
        Some(Sub::Bench { window: true, seconds, pan, .. }) => {
            let scenario = if pan { WindowScenario::Panning } else { WindowScenario::Playing };
            run_window_bench(&cli, seconds, scenario)
        }
        Some(Sub::Bench { frames, only, .. }) => {
            let runs = crate::bench::Runs { frames, only };
            match crate::bench::run(process_start, &runs, cli.data.first().map(PathBuf::as_path)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("timeatlas bench: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
        None => run_window(cli),
    }
}

fn run_window(cli: Cli) -> ExitCode {
    let outcome = Arc::new(Mutex::new(None));
    let options = StartOptions {
        data_paths: cli.data,
        columns: cli.columns.unwrap_or_default(),
        screenshot: cli.screenshot.clone().map(|p| (p, outcome.clone())),
        theme: cli.theme.map(ThemeArg::choice),
        ui_scale: cli.scale,
        names: cli.names,
        fresh: cli.screenshot.is_some(),
        date: cli.date,
        today: None,
        autosave_path: None,
        lesson: cli.lesson.clone(),
        present: cli.present,
        view: cli.start_view,
        play: cli.play,
        speed_days_per_sec: cli.speed,
        window_bench: None,
        // Set by `open_window` for its renderer.
        renderer_dithers: true,
    };
    if !open_window(cli.size, cli.screenshot.is_some(), cli.renderer, options) {
        return ExitCode::FAILURE;
    }
    if cli.screenshot.is_some() {
        let taken = outcome.lock().ok().and_then(|mut o| o.take());
        return match taken {
            Some(Ok(path)) => {
                println!("{}", path.display());
                ExitCode::SUCCESS
            }
            Some(Err(e)) => {
                eprintln!("timeatlas: screenshot failed: {e}");
                ExitCode::FAILURE
            }
            None => {
                eprintln!("timeatlas: the window closed before the screenshot was taken");
                ExitCode::FAILURE
            }
        };
    }
    ExitCode::SUCCESS
}

/// Runs the window until it closes; false (said on stderr) when it cannot open. A `scripted` run (a
/// screenshot, a bench) opens at exactly `size` and reads and writes no saved window state.
fn open_window(size: Size, scripted: bool, choice: renderer::RendererArg, mut options: StartOptions) -> bool {
    let renderer = renderer::pick(choice, renderer::probe);
    // Dithering smooths gradients, which the atlas hardly has; on a software rasteriser it costs a fifth of
    // every frame (a full-window fill: 16 against 20 fps).
    let dithering = renderer == eframe::Renderer::Wgpu;
    options.renderer_dithers = dithering;
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("TimeAtlas")
            .with_app_id("timeatlas")
            .with_inner_size([size.width as f32, size.height as f32])
            .with_min_inner_size([480.0, 360.0])
            .with_icon(window_icon()),
        persist_window: !scripted,
        // eframe restores a saved window size even with `persist_window` off: a screenshot must be taken
        // at the size asked for, so it reads and writes no saved state at all.
        persistence_path: scripted
            .then(|| std::env::temp_dir().join(format!("timeatlas-scripted-{}", std::process::id()))),
        renderer,
        dithering,
        ..Default::default()
    };
    let result =
        eframe::run_native("TimeAtlas", native, Box::new(move |cc| Ok(Box::new(TimeAtlasApp::new(cc, options)))));
    if let Err(e) = result {
        eprintln!("timeatlas: cannot open the window: {e}");
        eprintln!(
            "The atlas needs a desktop session (X11 or Wayland). `timeatlas check` and `timeatlas bench` work without one."
        );
        return false;
    }
    true
}

/// `bench --window`: the real window plays from 1 January 1953 at 1 year/s for `seconds`, then closes and
/// its figures are printed as JSON lines.
fn run_window_bench(cli: &Cli, seconds: f64, scenario: WindowScenario) -> ExitCode {
    let outcome = crate::window_bench::Outcome::default();
    let options = StartOptions {
        data_paths: cli.data.clone(),
        columns: cli.columns.clone().unwrap_or_default(),
        theme: cli.theme.map(ThemeArg::choice),
        ui_scale: cli.scale,
        fresh: true,
        date: crate::time::parse_day(if scenario == WindowScenario::Playing { "1953-01-01" } else { "2020-01-03" })
            .ok(),
        play: scenario == WindowScenario::Playing,
        speed_days_per_sec: Some(crate::time::DAYS_PER_YEAR),
        window_bench: Some((seconds, outcome.clone(), scenario)),
        lesson: cli.lesson.clone(),
        present: cli.present,
        renderer_dithers: true,
        ..Default::default()
    };
    if !open_window(cli.size, true, cli.renderer, options) {
        return ExitCode::FAILURE;
    }
    let Some(report) = outcome.lock().ok().and_then(|mut o| o.take()) else {
        eprintln!("timeatlas bench: the window closed before {seconds} s of frames were measured");
        return ExitCode::FAILURE;
    };
    for line in report.json_lines(&format!("{}_{}x{}", scenario.name(), cli.size.width, cli.size.height)) {
        println!("{line}");
    }
    ExitCode::SUCCESS
}

/// Seconds for `bench --window --seconds`: 1 to 600.
fn seconds_to_measure(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (1.0..=600.0).contains(&v) => Ok(v),
        _ => Err(format!("expected seconds from 1 to 600, found {s:?}")),
    }
}

/// The app icon (assets/icons) for the window's title bar and task bar.
fn window_icon() -> Arc<egui::IconData> {
    let png = include_bytes!("../../assets/icons/hicolor/64x64/apps/timeatlas.png");
    // The PNG is ours and checked by a test; a bad one would only cost the icon, never the window.
    Arc::new(eframe::icon_data::from_png_bytes(png).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_icon_decodes() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
    }

    #[test]
    fn sizes_parse_and_reject() {
        assert_eq!("1920x1080".parse::<Size>(), Ok(Size { width: 1920, height: 1080 }));
        assert!("1920".parse::<Size>().is_err());
        assert!("10x10".parse::<Size>().is_err());
        assert!("axb".parse::<Size>().is_err());
        assert!("9000x100".parse::<Size>().is_err());
    }

    #[test]
    fn cli_parses_subcommands() {
        let cli = Cli::try_parse_from(["timeatlas", "check", "--stats", "data/"]).unwrap();
        assert!(matches!(cli.command, Some(Sub::Check { stats: true, .. })));
        let cli =
            Cli::try_parse_from(["timeatlas", "--screenshot", "a.png", "--size", "1024x768", "--scale", "2"]).unwrap();
        assert_eq!(cli.size, Size { width: 1024, height: 768 });
        assert!(Cli::try_parse_from(["timeatlas", "check"]).is_err());
        let cli = Cli::try_parse_from(["timeatlas", "--date", "2020-01-03"]).unwrap();
        assert_eq!(cli.date, crate::time::parse_day("2020-01-03").ok());
        assert!(Cli::try_parse_from(["timeatlas", "--date", "2020-13-01"]).is_err());
        let cli = Cli::try_parse_from(["timeatlas", "--play", "--speed", "365"]).unwrap();
        assert_eq!(cli.speed, Some(365.0));
        for bad in ["0", "-30", "1e9", "NaN", "fast"] {
            assert!(Cli::try_parse_from(["timeatlas", "--speed", bad]).is_err(), "{bad}");
        }
    }
}
