//! Thumbnails of the lesson's slides for the sorter, rendered one per frame with the export renderer and
//! kept until what a slide shows (not its words) changes.

use crate::annotate::Annotation;
use crate::export::{ExportOptions, ExportScene, ExportView};
use crate::lesson::Slide;
use crate::map::look::MapLook;
use crate::model::geo::GeoBox;

use super::TimeAtlasApp;

/// Thumbnail size in pixels.
const THUMB_PX: [u32; 2] = [320, 180];

/// The sorter's thumbnails, by slide index, each with what it shows.
#[derive(Default)]
pub struct Thumbnails {
    /// Textures shown by the sorter.
    pub textures: Vec<Option<egui::TextureHandle>>,
    shown: Vec<Option<ThumbKey>>,
    /// The renderer could not start: stop trying.
    failed: bool,
}

/// Everything a thumbnail draws: a slide's look over the window's palette and names, its view and drawings.
#[derive(Clone, Debug, PartialEq)]
struct ThumbKey {
    look: MapLook,
    view: Option<GeoBox>,
    annotations: Vec<Annotation>,
}

impl TimeAtlasApp {
    /// Renders the first missing or stale thumbnail, and asks for another frame while any remain.
    pub(super) fn render_one_thumbnail(&mut self, ctx: &egui::Context) {
        let wanted = self.layout.sorter_shown && !self.lesson.presenting && !self.thumbnails.failed;
        let Some(lesson) = self.lesson.lesson.as_ref().filter(|_| wanted) else {
            return;
        };
        let n = lesson.slides.len();
        // Recomputed each frame the sorter shows (a few slides): a new palette redraws them too.
        let wanted: Vec<ThumbKey> = lesson.slides.iter().map(|s| self.thumb_key(s)).collect();
        let t = &mut self.thumbnails;
        t.textures.resize(n, None);
        t.shown.resize(n, None);
        let stale = (0..n).find(|&i| {
            t.textures.get(i).is_none_or(Option::is_none) || t.shown.get(i).and_then(Option::as_ref) != wanted.get(i)
        });
        let Some((i, key)) = stale.and_then(|i| wanted.get(i).map(|k| (i, k.clone()))) else { return };
        match self.slide_thumbnail(&key) {
            Ok(img) => {
                let size = [img.width() as usize, img.height() as usize];
                let image = egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw());
                let texture = ctx.load_texture(format!("slide-thumb-{i}"), image, egui::TextureOptions::LINEAR);
                if let (Some(t), Some(k)) = (self.thumbnails.textures.get_mut(i), self.thumbnails.shown.get_mut(i)) {
                    *t = Some(texture);
                    *k = Some(key);
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

    /// What a slide's thumbnail shows.
    fn thumb_key(&self, slide: &Slide) -> ThumbKey {
        let mut look = self.look().with_slide(slide, &self.settings.time);
        // Small and alike: no country selected, events faded as on a timeline showing a year.
        look.selected_country = None;
        look.timeline_span_days = 365.0;
        ThumbKey { look, view: slide.view, annotations: slide.annotations.clone() }
    }

    /// Renders one thumbnail, without changing the app's state.
    fn slide_thumbnail(&mut self, key: &ThumbKey) -> anyhow::Result<image::RgbaImage> {
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
            look: key.look.clone(),
            view: key.view.map_or(ExportView::Home, ExportView::Box),
            annotations: &key.annotations,
            side_panel: None,
        };
        let mut exporter = std::mem::take(&mut self.export.exporter);
        let result = exporter.png(&scene, &opts);
        self.export.exporter = exporter;
        result
    }
}
