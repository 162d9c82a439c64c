//! `timeatlas export`: the export dialog's images from the command line, with no display.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::export::frames::{FramesRequest, GifWriter, frame_days, frame_path};
use crate::export::{ExportFormat, ExportView, Exporter};
use crate::model::GeoPoint;
use crate::model::geo::GeoBox;

use super::headless::{ExportArgs, Headless, headless};

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
