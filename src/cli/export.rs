//! `timeatlas export`: the export dialog's images from the command line, with no display.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::annotate::Annotation;
use crate::document::{Document, is_layer_file, read_and_index};
use crate::export::frames::{FramesRequest, GifWriter, Step, frame_days, frame_path};
use crate::export::{ExportFormat, ExportOptions, ExportScene, ExportView, Exporter};
use crate::map::look::MapLook;
use crate::model::GeoPoint;
use crate::model::geo::GeoBox;
use crate::time::TimeControl;

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

/// Parses `LON_MIN,LAT_MIN,LON_MAX,LAT_MAX`.
pub fn parse_view(text: &str) -> Result<GeoBox, String> {
    let v: Vec<f64> = text
        .split(',')
        .map(|s| s.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("view {text:?}: expected four numbers LON_MIN,LAT_MIN,LON_MAX,LAT_MAX"))?;
    let [w, s, e, n] = v[..] else {
        return Err(format!("view {text:?}: expected four numbers LON_MIN,LAT_MIN,LON_MAX,LAT_MAX"));
    };
    let (min, max) = (GeoPoint::lon_lat(w, s), GeoPoint::lon_lat(e, n));
    if !min.is_on_earth() || !max.is_on_earth() || w >= e || s >= n {
        return Err(format!("view {text:?}: expected west < east within -180..180 and south < north within -90..90"));
    }
    Ok(GeoBox { min, max })
}

/// Runs the export; prints written paths (one per line) and progress lines on stderr.
pub fn run(args: &ExportArgs) -> ExitCode {
    match run_inner(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("timeatlas export: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn format_for(args: &ExportArgs, path: &Path) -> ExportFormat {
    args.format.unwrap_or_else(|| {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        ExportFormat::parse(ext).unwrap_or(ExportFormat::Png)
    })
}

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

fn run_inner(args: &ExportArgs) -> anyhow::Result<()> {
    let mut headless = headless(args)?;
    let view = args.view.map_or(ExportView::Home, ExportView::Box);
    let mut exporter = Exporter::new();
    if let Some(lesson) = &args.lesson {
        return super::lesson_export::export_lesson(&mut headless, &mut exporter, lesson, &args.out);
    }
    if let Some((from, to, step)) = args.frames {
        let request = FramesRequest { from, to, step, dir: args.out.clone(), gif: args.gif };
        return write_frames(&mut headless, &mut exporter, view, &request);
    }
    if args.date.is_none() {
        bail!("give --date DATE (or --from/--to/--step for frames, or --lesson FILE)");
    }
    let mut opts = headless.opts.clone();
    opts.format = format_for(args, &args.out);
    exporter.export_to(&headless.scene(view), &opts, &args.out)?;
    println!("{}", args.out.display());
    Ok(())
}

/// Writes the frames of a date range into a folder, printing progress lines.
pub fn write_frames(
    headless: &mut Headless,
    exporter: &mut Exporter,
    view: ExportView,
    request: &FramesRequest,
) -> anyhow::Result<()> {
    let days = frame_days(request.from, request.to, request.step).map_err(anyhow::Error::msg)?;
    std::fs::create_dir_all(&request.dir).with_context(|| format!("cannot create {}", request.dir.display()))?;
    let mut gif = if request.gif { Some(GifWriter::create(&request.dir.join("frames.gif"), 500)?) } else { None };
    let mut opts = headless.opts.clone();
    opts.format = ExportFormat::Png;
    for (i, &day) in days.iter().enumerate() {
        headless.set_day(day);
        let image = exporter.png(&headless.scene(view), &opts)?;
        let path = frame_path(&request.dir, i);
        crate::model::atomic::write_atomic(&path, &crate::export::exporter::encode_png(&image)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        if let Some(g) = &mut gif {
            g.push(&image)?;
        }
        eprintln!("frame {}/{}: {} {}", i + 1, days.len(), crate::time::date_from_day(day), path.display());
        println!("{}", path.display());
    }
    if request.gif {
        println!("{}", request.dir.join("frames.gif").display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_parse_and_reject() {
        let b = parse_view("38,12,63,40").unwrap();
        assert_eq!((b.min.lon, b.min.lat, b.max.lon, b.max.lat), (38.0, 12.0, 63.0, 40.0));
        assert!(parse_view("38,12,63").is_err());
        assert!(parse_view("63,12,38,40").is_err());
        assert!(parse_view("38,12,63,95").is_err());
        assert!(parse_view("a,b,c,d").is_err());
    }
}
