//! `timeatlas export`: the export dialog's images from the command line, with no display.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::app::{StartOptions, TimeAtlasApp};
use crate::model::GeoPoint;
use crate::model::geo::GeoBox;

use super::frames::{FramesRequest, GifWriter, Step, frame_days, frame_path};
use super::{ExportFormat, ExportOptions, ExportView, Exporter};

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

/// Builds the app state the export draws, headless.
pub fn headless_app(args: &ExportArgs) -> anyhow::Result<TimeAtlasApp> {
    let ctx = egui::Context::default();
    let options = StartOptions {
        columns: args.columns.clone(),
        fresh: true,
        date: args.date,
        theme: args.theme,
        names: args.names,
        ..Default::default()
    };
    let mut app = TimeAtlasApp::headless(&ctx, options);
    // Read here, not in the background: the image must show them.
    let errors = app.import_now(&args.data);
    // Import errors and layer errors stop the export; skipped rows are only reported.
    if !errors.is_empty() || app.messages.iter().any(|m| m.contains(": error: ")) {
        bail!("{}", app.messages.join("\n"));
    }
    for m in app.messages.drain(..) {
        eprintln!("timeatlas export: {m}");
    }
    if let Some(path) = &args.annotations {
        let items = crate::annotate::file::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
        app.draw.history = crate::annotate::History::with_items(items);
    }
    let i = args.include;
    app.settings.export = ExportOptions {
        size_px: args.size_px,
        title: args.title.clone().unwrap_or_default(),
        date_stamp: i.date,
        legend: i.legend,
        scale_bar: i.scale_bar,
        attribution: i.credits,
        side_panel: i.side_panel,
        ..ExportOptions::default()
    };
    Ok(app)
}

fn run_inner(args: &ExportArgs) -> anyhow::Result<()> {
    let mut app = headless_app(args)?;
    let view = args.view.map_or(ExportView::Home, ExportView::Box);
    let mut exporter = Exporter::new();
    if let Some(lesson) = &args.lesson {
        return super::lesson_export::export_lesson(&mut app, &mut exporter, lesson, &args.out);
    }
    if let Some((from, to, step)) = args.frames {
        let request = FramesRequest { from, to, step, dir: args.out.clone(), gif: args.gif };
        return write_frames(&mut app, &mut exporter, view, &request);
    }
    if args.date.is_none() {
        bail!("give --date DATE (or --from/--to/--step for frames, or --lesson FILE)");
    }
    let mut opts = app.settings.export.clone();
    opts.format = format_for(args, &args.out);
    let highlighted = Vec::new();
    let mut scene = app.export_scene(&highlighted);
    scene.view = view;
    exporter.export_to(&scene, &opts, &args.out)?;
    println!("{}", args.out.display());
    Ok(())
}

/// Writes the frames of a date range into a folder, printing progress lines.
pub fn write_frames(
    app: &mut TimeAtlasApp,
    exporter: &mut Exporter,
    view: ExportView,
    request: &FramesRequest,
) -> anyhow::Result<()> {
    let days = frame_days(request.from, request.to, request.step).map_err(anyhow::Error::msg)?;
    std::fs::create_dir_all(&request.dir).with_context(|| format!("cannot create {}", request.dir.display()))?;
    let mut gif = if request.gif { Some(GifWriter::create(&request.dir.join("frames.gif"), 500)?) } else { None };
    let mut opts = app.settings.export.clone();
    opts.format = ExportFormat::Png;
    let highlighted = Vec::new();
    for (i, &day) in days.iter().enumerate() {
        app.settings.time.set_day(day);
        let mut scene = app.export_scene(&highlighted);
        scene.view = view;
        let image = exporter.png(&scene, &opts)?;
        let path = frame_path(&request.dir, i);
        crate::model::atomic::write_atomic(&path, &super::exporter::encode_png(&image)?)
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
