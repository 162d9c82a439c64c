//! What `timeatlas export` draws, built without a window: the document, the look, the drawings and the
//! options, from the command line's arguments.

use std::path::PathBuf;

use anyhow::bail;

use crate::annotate::Annotation;
use crate::document::{Document, is_layer_file, read_and_index};
use crate::export::{ExportOptions, ExportScene, ExportView};
use crate::map::look::MapLook;
use crate::time::TimeControl;

use crate::export::ExportFormat;
use crate::export::frames::Step;
use crate::model::geo::GeoBox;

/// What the command line draws: the document, the look and the drawings, built without a window.
pub struct Headless {
    /// Layers, content and the imported files.
    pub doc: Document,
    /// The date and what the map shows.
    pub look: MapLook,
    /// The dates the atlas covers (the bundled years, widened to the imported files' dates).
    pub time: TimeControl,
    /// The drawings from `--annotations`.
    pub annotations: Vec<Annotation>,
    /// Size, title and what to include.
    pub opts: ExportOptions,
}

impl Headless {
    /// The scene of the current look, over the home view.
    pub fn scene(&self, view: ExportView) -> ExportScene<'_> {
        self.scene_with(view, &self.annotations)
    }

    /// The scene of the current look with other drawings (a lesson slide's).
    pub fn scene_with<'a>(&'a self, view: ExportView, annotations: &'a [Annotation]) -> ExportScene<'a> {
        ExportScene {
            doc: &self.doc,
            look: self.look.clone(),
            view,
            annotations,
            side_panel: Some(crate::panels::side::export_side_ui),
        }
    }

    /// Moves the date, within the dates the atlas covers.
    pub fn set_day(&mut self, day: f64) {
        self.time.set_day(day);
        self.look.day = self.time.current_day;
    }
}

/// Loads what the export draws: the bundled data, the `--data` files read here (the image must show them),
/// the annotations, the look the options ask for.
pub fn headless(args: &ExportArgs) -> anyhow::Result<Headless> {
    let today = crate::time::today();
    let (mut doc, mut messages) = Document::bundled(today);
    let mut time = TimeControl { start_day: crate::time::atlas_start_day(), end_day: today, ..TimeControl::default() };
    let options = crate::import::ImportOptions {
        columns: args.columns.clone(),
        default_date: crate::time::date_from_day(args.date.unwrap_or(time.current_day)).format("%Y-%m-%d").to_string(),
        ..crate::import::ImportOptions::default()
    };
    let mut failed = false;
    for path in &args.data {
        if is_layer_file(path) {
            messages.extend(doc.load_layers(std::slice::from_ref(path)));
            continue;
        }
        match read_and_index(path, &options, &crate::import::Progress::default()) {
            Ok(prepared) if prepared.imported.lesson.is_some() => messages.push(format!(
                "{}: a StoryMap's slides are a lesson: open it in the window to present it; its places are not drawn",
                path.display()
            )),
            Ok(prepared) => {
                if prepared.imported.skipped.count > 0 {
                    log::warn!("{}: {} rows skipped", path.display(), prepared.imported.skipped.count);
                }
                doc.sources.add(prepared);
            }
            Err(e) => {
                messages.push(e.to_string());
                failed = true;
            }
        }
    }
    // Import errors and layer errors stop the export; skipped rows are only reported.
    if failed || messages.iter().any(|m| m.contains(": error: ")) {
        bail!("{}", messages.join("\n"));
    }
    for m in messages {
        eprintln!("timeatlas export: {m}");
    }
    if let Some((first, last)) = doc.sources.day_range() {
        time.start_day = time.start_day.min(f64::from(first));
        time.end_day = time.end_day.max(f64::from(last) + 1.0);
    }
    let annotations = match &args.annotations {
        Some(path) => crate::annotate::file::load(path).map_err(|e| anyhow::anyhow!("{e}"))?,
        None => Vec::new(),
    };
    let i = args.include;
    let opts = ExportOptions {
        size_px: args.size_px,
        title: args.title.clone().unwrap_or_default(),
        date_stamp: i.date,
        legend: i.legend,
        scale_bar: i.scale_bar,
        attribution: i.credits,
        side_panel: i.side_panel,
        ..ExportOptions::default()
    };
    let look = MapLook {
        theme: args.theme.unwrap_or_default(),
        names: args.names.unwrap_or_default(),
        // Events fade as on a new window's timeline, which shows the bundled years.
        timeline_span_days: today - crate::time::atlas_start_day(),
        ..MapLook::default()
    };
    let mut headless = Headless { doc, look, time, annotations, opts };
    headless.set_day(args.date.unwrap_or(headless.time.current_day));
    Ok(headless)
}

/// What `timeatlas export` was asked for (parsed and checked).
#[derive(Clone, Debug, Default)]
pub struct ExportArgs {
    /// The date (`--date`), as a day number.
    pub date: Option<f64>,
    /// Output file, or folder for frames and lessons.
    pub out: PathBuf,
    /// Size in pixels.
    pub size_px: [u32; 2],
    /// Annotation file to draw.
    pub annotations: Option<PathBuf>,
    /// Title.
    pub title: Option<String>,
    /// View box.
    pub view: Option<GeoBox>,
    /// Format (else from the file extension, else PNG).
    pub format: Option<ExportFormat>,
    /// Frames of a date range.
    pub frames: Option<(f64, f64, Step)>,
    /// Also an animated GIF of the frames.
    pub gif: bool,
    /// A lesson file: one PNG per slide.
    pub lesson: Option<PathBuf>,
    /// Data files to import, or layer files over the bundled data.
    pub data: Vec<PathBuf>,
    /// Columns of a generic CSV.
    pub columns: crate::import::ColumnChoice,
    /// Colour theme (default: light).
    pub theme: Option<crate::theme::ThemeChoice>,
    /// Names on the map (default: English).
    pub names: Option<crate::text::names::NameMode>,
    /// What to include besides the map.
    pub include: Include,
}

/// What an export includes besides the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Include {
    /// Date stamp.
    pub date: bool,
    /// Legend.
    pub legend: bool,
    /// Scale bar.
    pub scale_bar: bool,
    /// Credits line.
    pub credits: bool,
    /// Side panel.
    pub side_panel: bool,
}

impl Default for Include {
    fn default() -> Self {
        Self { date: true, legend: true, scale_bar: true, credits: true, side_panel: false }
    }
}
