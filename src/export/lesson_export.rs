//! `timeatlas export --lesson FILE --out DIR/`: one PNG per slide, for handouts.

use std::path::Path;

use anyhow::Context as _;

use crate::app::TimeAtlasApp;

use super::{ExportFormat, ExportView, Exporter};

/// Writes `DIR/slide-01.png`, ... for every slide of the lesson, with its title and caption.
pub fn export_lesson(app: &mut TimeAtlasApp, exporter: &mut Exporter, path: &Path, dir: &Path) -> anyhow::Result<()> {
    let lesson = crate::lesson::file::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    // Exporting nothing and succeeding would hide the mistake from a script.
    if lesson.slides.is_empty() {
        anyhow::bail!(
            "{}: error: field `lesson.slides`: the lesson has no slides, so there is nothing to export",
            path.display()
        );
    }
    // A lesson still being written (a slide without sources, say) is exported anyway, with warnings.
    for problem in crate::lesson::file::validate(&lesson, &app.dataset, &path.display().to_string()) {
        eprintln!("warning: {problem}");
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (i, slide) in lesson.slides.iter().enumerate() {
        app.apply_slide(slide);
        let mut opts = app.settings.export.clone();
        opts.format = ExportFormat::Png;
        opts.title = format!("{}. {}", i + 1, slide.title);
        opts.caption = slide.caption.clone();
        let highlighted = app.highlighted_countries();
        let mut scene = app.export_scene(&highlighted);
        scene.view = slide.view.map_or(ExportView::Home, ExportView::Box);
        let path = dir.join(format!("slide-{:02}.png", i + 1));
        let image = exporter.png(&scene, &opts)?;
        crate::model::atomic::write_atomic(&path, &super::exporter::encode_png(&image)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("slide {}/{}: {}", i + 1, lesson.slides.len(), slide.title);
        println!("{}", path.display());
    }
    Ok(())
}
