//! Thumbnails of the lesson's slides for the sorter, rendered one per frame with the export renderer and
//! kept until what a slide shows (not its words) changes.

use crate::export::{ExportOptions, ExportScene, ExportView};
use crate::lesson::Slide;

use super::TimeAtlasApp;

/// Thumbnail size in pixels.
const THUMB_PX: [u32; 2] = [320, 180];

/// The sorter's thumbnails, by slide index, each with the key of the state it shows.
#[derive(Default)]
pub struct Thumbnails {
    /// Textures shown by the sorter.
    pub textures: Vec<Option<egui::TextureHandle>>,
    keys: Vec<String>,
    /// The renderer could not start: stop trying.
    failed: bool,
    /// The slides' keys, computed once per lesson revision.
    wanted: Vec<String>,
    wanted_revision: Option<u64>,
}

/// What a thumbnail depends on: everything a slide shows on the map.
fn slide_key(slide: &Slide) -> String {
    format!(
        "{}|{:?}|{:?}|{}|{}|{:?}|{:?}",
        slide.date,
        slide.view,
        slide.filters,
        slide.show_provinces,
        slide.show_cities,
        slide.selected,
        slide.annotations
    )
}

impl TimeAtlasApp {
    /// Renders the first missing or stale thumbnail, and asks for another frame while any remain.
    pub(super) fn render_one_thumbnail(&mut self, ctx: &egui::Context) {
        let wanted = self.sorter_shown && !self.lesson.presenting && !self.thumbnails.failed;
        let Some(lesson) = self.lesson.lesson.as_ref().filter(|_| wanted) else {
            return;
        };
        let n = lesson.slides.len();
        let t = &mut self.thumbnails;
        t.textures.resize(n, None);
        t.keys.resize(n, String::new());
        if t.wanted_revision != Some(self.lesson.revision) || t.wanted.len() != n {
            t.wanted = lesson.slides.iter().map(slide_key).collect();
            t.wanted_revision = Some(self.lesson.revision);
        }
        let stale = (0..n).find(|&i| t.textures.get(i).is_none_or(Option::is_none) || t.keys.get(i) != t.wanted.get(i));
        let Some((i, slide)) = stale.and_then(|i| lesson.slides.get(i).map(|s| (i, s.clone()))) else { return };
        match self.slide_thumbnail(&slide) {
            Ok(img) => {
                let size = [img.width() as usize, img.height() as usize];
                let image = egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw());
                let texture = ctx.load_texture(format!("slide-thumb-{i}"), image, egui::TextureOptions::LINEAR);
                if let (Some(t), Some(k)) = (self.thumbnails.textures.get_mut(i), self.thumbnails.keys.get_mut(i)) {
                    *t = Some(texture);
                    *k = slide_key(&slide);
                }
            }
            Err(e) => {
                // Without a renderer the sorter still lists the slides by title.
                log::warn!("no thumbnail for slide {}: {e:#}", i + 1);
                self.thumbnails.failed = true;
                return;
            }
        }
        ctx.request_repaint();
    }

    /// Renders one slide small, without changing the app's state.
    fn slide_thumbnail(&mut self, slide: &Slide) -> anyhow::Result<image::RgbaImage> {
        let mut look = self.look().with_slide(slide, &self.settings.time);
        // Small and alike: no country selected, events faded as on a timeline showing a year.
        look.selected_country = None;
        look.timeline_span_days = 365.0;
        let opts = ExportOptions {
            size_px: THUMB_PX,
            date_stamp: false,
            legend: false,
            scale_bar: false,
            attribution: false,
            ..ExportOptions::default()
        };
        let scene = ExportScene {
            doc: &self.doc,
            look,
            view: slide.view.map_or(ExportView::Home, ExportView::Box),
            annotations: &slide.annotations,
            side_panel: None,
        };
        let mut exporter = std::mem::take(&mut self.export.exporter);
        let result = exporter.png(&scene, &opts);
        self.export.exporter = exporter;
        result
    }
}
