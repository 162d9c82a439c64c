//! `timeatlas export --lesson FILE --out DIR/`: one PNG per slide, for handouts.

use std::path::Path;

use anyhow::Context as _;

use crate::export::{ExportFormat, ExportView, Exporter};

use super::headless::Headless;

/// Writes `DIR/slide-01.png`, ... for every slide of the lesson, with its title and caption.
pub fn export_lesson(headless: &mut Headless, exporter: &mut Exporter, path: &Path, dir: &Path) -> anyhow::Result<()> {
    let lesson = crate::lesson::file::load(path).map_err(|e| anyhow::anyhow!("{e}"))?;
    // Exporting nothing and succeeding would hide the mistake from a script.
    if lesson.slides.is_empty() {
        anyhow::bail!(
            "{}: error: field `lesson.slides`: the lesson has no slides, so there is nothing to export",
            path.display()
        );
    }
    // A lesson still being written (a slide without sources, say) is exported anyway, with warnings.
    for problem in crate::lesson::file::validate(&lesson, &headless.doc.dataset, &path.display().to_string()) {
        eprintln!("warning: {problem}");
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for (i, slide) in lesson.slides.iter().enumerate() {
        // Each slide starts from the one before, as presenting does: what a slide does not set stays.
        headless.look = headless.look.clone().with_slide(slide, &headless.time);
        let mut opts = headless.opts.clone();
        opts.format = ExportFormat::Png;
        opts.title = format!("{}. {}", i + 1, slide.title);
        opts.caption = slide.caption.clone();
        let view = slide.view.map_or(ExportView::Home, ExportView::Box);
        let scene = headless.scene_with(view, &slide.annotations);
        let path = dir.join(format!("slide-{:02}.png", i + 1));
        let image = exporter.png(&scene, &opts)?;
        crate::model::atomic::write_atomic(&path, &crate::export::exporter::encode_png(&image)?)
            .with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("slide {}/{}: {}", i + 1, lesson.slides.len(), slide.title);
        println!("{}", path.display());
    }
    Ok(())
}
