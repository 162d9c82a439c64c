//! The app's export state: the dialog, its preview, saving, the clipboard, and frames of a date range
//! written one per UI frame so the progress bar moves.

use std::path::Path;

use crate::command::ExportCommand;
use crate::command::FileAction;
use crate::export::frames::{FramesRequest, GifWriter, frame_days, frame_path};
use crate::export::{ExportFormat, ExportOptions, ExportScene, ExportView, Exporter};
use crate::panels::export_dialog::ExportDialogState;

use super::TimeAtlasApp;

/// Width of the preview image in pixels.
const PREVIEW_WIDTH_PX: u32 = 640;
/// Seconds the options must stay still before the preview is rendered again.
const PREVIEW_AFTER_S: f64 = 0.35;

/// A frames export in progress.
pub struct FramesJob {
    days: Vec<f64>,
    next: usize,
    request: FramesRequest,
    gif: Option<GifWriter>,
}

impl FramesJob {
    /// Frames written and frames in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.days.len())
    }
}

/// Export dialog state.
#[derive(Default)]
pub struct ExportState {
    /// Dialog shown.
    pub open: bool,
    /// Its typed fields.
    pub dialog: ExportDialogState,
    /// The renderer (started on first use).
    pub exporter: Exporter,
    /// The preview texture.
    pub preview: Option<egui::TextureHandle>,
    /// Render the preview again once the options have been still for a moment.
    pub preview_stale: bool,
    /// When (egui input time) the options last changed.
    preview_changed_at: Option<f64>,
    /// The last outcome, shown in the dialog.
    pub status: Option<Result<String, String>>,
    /// Frames being written.
    pub frames: Option<FramesJob>,
}

impl TimeAtlasApp {
    /// The scene an export draws: what the map shows now.
    pub fn export_scene(&self) -> ExportScene<'_> {
        ExportScene {
            doc: &self.doc,
            look: self.look(),
            view: ExportView::Window { memory: self.drawn.view, map_size: self.drawn.map_size },
            annotations: self.draw.history.items(),
            side_panel: Some(crate::panels::side::export_side_ui),
        }
    }

    /// Shows `look`: its date (within the timeline's range), palette, names, layers, filters and card.
    pub fn show_look(&mut self, look: crate::map::look::MapLook) {
        let s = &mut self.settings;
        s.time.set_day(look.day);
        s.theme = look.theme;
        s.names = look.names;
        s.show_provinces = look.show_provinces;
        s.show_cities = look.show_cities;
        s.filters = look.filters;
        s.relations_active_only = look.relations_active_only;
        self.card = look.card;
        self.selected = look.selected_country;
    }

    /// What the map shows now.
    pub fn look(&self) -> crate::map::look::MapLook {
        let s = &self.settings;
        crate::map::look::MapLook {
            day: s.time.current_day,
            theme: s.theme,
            names: s.names,
            show_provinces: s.show_provinces,
            show_cities: s.show_cities,
            filters: s.filters.clone(),
            card: self.card.clone(),
            selected_country: self.selected.clone(),
            relations_active_only: s.relations_active_only,
            timeline_span_days: self.timeline_visible.1 - self.timeline_visible.0,
        }
    }

    /// The projector of the window's map in its last frame: where places are on screen.
    pub fn map_projector(&self) -> crate::map::Projector {
        self.drawn.view.projector(self.drawn.map_rect, &self.doc.data.prepared.home)
    }

    /// Runs `f` with the exporter and the scene the map shows now (the exporter is lent out meanwhile, as
    /// the scene borrows the rest of the app).
    pub(super) fn with_current_scene<R>(&mut self, f: impl FnOnce(&mut Exporter, &ExportScene<'_>) -> R) -> R {
        let mut exporter = std::mem::take(&mut self.export.exporter);
        let result = f(&mut exporter, &self.export_scene());
        self.export.exporter = exporter;
        result
    }

    /// Renders the current map with `opts` as a PNG image.
    pub fn export_png(&mut self, opts: &ExportOptions) -> anyhow::Result<image::RgbaImage> {
        self.with_current_scene(|exporter, scene| exporter.png(scene, opts))
    }

    /// Writes the current map with the saved export options to `path`.
    pub fn export_to(&mut self, path: &Path) -> anyhow::Result<()> {
        let opts = self.settings.export.clone();
        self.with_current_scene(|exporter, scene| exporter.export_to(scene, &opts, path))
    }

    pub(super) fn apply_export(&mut self, ctx: &egui::Context, command: ExportCommand) -> bool {
        match command {
            ExportCommand::ShowExport(open) => {
                self.export.open = open;
                self.export.preview_stale = open;
                self.export.status = None;
            }
            ExportCommand::SetExportOptions(opts) => {
                if !super::apply::set(&mut self.settings.export, opts) {
                    return false;
                }
                self.export.preview_stale = true;
                // Typing a title or resizing the window re-renders once, when it stops.
                self.export.preview_changed_at = Some(ctx.input(|i| i.time));
            }
            ExportCommand::RefreshExportPreview => self.export.preview_stale = true,
            ExportCommand::CopyExport => {
                let mut opts = self.settings.export.clone();
                opts.format = ExportFormat::Png;
                self.export.status = Some(match self.export_png(&opts) {
                    Ok(img) => {
                        let size = [img.width() as usize, img.height() as usize];
                        ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()));
                        Ok(format!("Copied a {} x {} image to the clipboard.", size[0], size[1]))
                    }
                    Err(e) => Err(format!("{e:#}")),
                });
            }
            ExportCommand::ExportFrames(request) => self.start_frames(request),
        }
        true
    }

    /// Opens the native dialog for `action`, or the path field when there is none (in a browser:
    /// `web_files.rs`).
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn choose_file(&mut self, action: FileAction) {
        let ext = self.settings.export.format.extension();
        let name = match action {
            FileAction::Export => format!("timeatlas-map.{ext}"),
            FileAction::SaveLesson => "lesson.json".to_owned(),
            _ => "annotations.json".to_owned(),
        };
        match crate::panels::file_prompt::native_dialog(action, ext, &name) {
            Some(path) => {
                let chosen = crate::command::FileCommand::FileChosen(action, path);
                self.commands.push(crate::command::Command::File(chosen));
            }
            None => {
                self.file_prompt =
                    Some(crate::panels::file_prompt::FilePrompt { action, text: String::new(), focus: true });
            }
        }
    }

    pub(super) fn file_chosen(&mut self, action: FileAction, path: &Path) {
        // "map" typed in the path field, or a dialog that keeps no filter, saves "map.png", not "map".
        let with_ext;
        let path = match action {
            FileAction::Export => {
                with_ext = with_extension_if_missing(path, self.settings.export.format.extension());
                &with_ext
            }
            FileAction::SaveLesson | FileAction::SaveAnnotations => {
                with_ext = with_extension_if_missing(path, "json");
                &with_ext
            }
            _ => path,
        };
        match action {
            FileAction::OpenAnnotations => self.load_annotations(path),
            FileAction::SaveAnnotations => self.save_annotations(path),
            FileAction::Export => {
                self.export.status = Some(match self.export_to(path) {
                    Ok(()) => Ok(format!("Saved {}", path.display())),
                    Err(e) => Err(format!("{e:#}")),
                });
            }
            FileAction::ExportFramesFolder => self.export.dialog.frames_dir = path.display().to_string(),
            FileAction::OpenLesson | FileAction::SaveLesson => self.lesson_file_chosen(action, path),
        }
    }

    fn start_frames(&mut self, request: FramesRequest) {
        let days = match frame_days(request.from, request.to, request.step) {
            Ok(d) => d,
            Err(e) => {
                self.export.status = Some(Err(e));
                return;
            }
        };
        if let Err(e) = std::fs::create_dir_all(&request.dir) {
            self.export.status = Some(Err(format!("{}: cannot create the folder: {e}", request.dir.display())));
            return;
        }
        let gif = if request.gif {
            match GifWriter::create(&request.dir.join("frames.gif"), 500) {
                Ok(g) => Some(g),
                Err(e) => {
                    self.export.status = Some(Err(format!("{e:#}")));
                    return;
                }
            }
        } else {
            None
        };
        self.export.frames = Some(FramesJob { days, next: 0, request, gif });
    }

    /// Writes the next frame of a frames export, if one runs; called once per UI frame.
    pub(super) fn step_frames(&mut self, ctx: &egui::Context) {
        let Some(mut job) = self.export.frames.take() else { return };
        let Some(&day) = job.days.get(job.next) else {
            self.export.status = Some(Ok(format!("Wrote {} frames to {}", job.days.len(), job.request.dir.display())));
            return;
        };
        let saved_day = self.settings.time.current_day;
        self.settings.time.current_day = day;
        let mut opts = self.settings.export.clone();
        opts.format = ExportFormat::Png;
        let result = self.export_png(&opts);
        self.settings.time.current_day = saved_day;
        let written = result.and_then(|img| {
            let bytes = crate::export::exporter::encode_png(&img)?;
            crate::model::atomic::write_atomic(&frame_path(&job.request.dir, job.next), &bytes)?;
            if let Some(gif) = &mut job.gif {
                gif.push(&img)?;
            }
            Ok(())
        });
        if let Err(e) = written {
            self.export.status = Some(Err(format!("frame {}: {e:#}", job.next + 1)));
            return;
        }
        job.next += 1;
        self.export.frames = Some(job);
        ctx.request_repaint();
    }

    /// Renders the dialog's preview when it is stale.
    pub(super) fn refresh_preview(&mut self, ctx: &egui::Context) {
        if !(self.export.open && self.export.preview_stale) {
            return;
        }
        let now = ctx.input(|i| i.time);
        if let Some(at) = self.export.preview_changed_at {
            let quiet = now - at;
            if quiet < PREVIEW_AFTER_S || ctx.input(|i| i.pointer.any_down()) {
                let wait = (PREVIEW_AFTER_S - quiet).max(0.05);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
                return;
            }
        }
        self.export.preview_stale = false;
        self.export.preview_changed_at = None;
        let opts = self.settings.export.clone();
        match self.with_current_scene(|exporter, scene| exporter.preview(scene, &opts, PREVIEW_WIDTH_PX)) {
            Ok(img) => {
                let size = [img.width() as usize, img.height() as usize];
                let image = egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw());
                self.export.preview = Some(ctx.load_texture("export-preview", image, egui::TextureOptions::LINEAR));
            }
            Err(e) => self.export.status = Some(Err(format!("preview: {e:#}"))),
        }
    }
}

/// `path`, with `.ext` added when it has no extension at all.
pub fn with_extension_if_missing(path: &Path, ext: &str) -> std::path::PathBuf {
    if path.extension().is_some() { path.to_path_buf() } else { path.with_extension(ext) }
}
