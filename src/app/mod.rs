//! The application: owns the data and the state, lays out the panels, applies commands.

use std::path::PathBuf;

pub mod access;
mod apply;
mod drawing;
mod drawn;
// The preview, frames and thumbnails render offscreen on the GPU and wait for it: not in a browser.
#[cfg_attr(target_arch = "wasm32", allow(dead_code, reason = "a browser cannot wait for the GPU"))]
mod exporting;
mod frame;
pub mod imports;
mod keyboard;
mod layout;
mod lesson_commands;
pub mod picking;
pub mod presenting;
mod set_aside;
mod settings;
#[cfg_attr(target_arch = "wasm32", allow(dead_code, reason = "a browser cannot wait for the GPU"))]
mod thumbnails;
#[cfg(target_arch = "wasm32")]
mod web_files;

pub use drawing::DrawState;
pub use exporting::ExportState;
pub use set_aside::{SetAside, SetAsideStack};
pub use settings::{Settings, StartOptions, clamp_ui_scale};

use crate::command::{Command, LessonCommand};
use crate::map::content::{ContentIndex, Marker, MarkerItem};
use crate::model::GeoPoint;
use crate::model::dataset::Dataset;
use crate::model::search::Hit;
use crate::panels;
use crate::panels::side::SideState;
use crate::screenshot::ScreenshotJob;
use crate::theme;
use crate::time;

/// Below this window width (points) the side panel is hidden unless opened.
pub(super) const NARROW_POINTS: f32 = 760.0;

/// The TimeAtlas application.
pub struct TimeAtlasApp {
    /// Everything loaded: layers, content, indexes, the user's files.
    pub doc: crate::document::Document,
    /// What the last frame drew: the view, the markers, the labels, where the map was.
    pub drawn: drawn::Drawn,
    /// Which small windows are open, and the panels opened on a narrow screen.
    layout: layout::Layout,
    /// Remembered settings.
    pub settings: Settings,
    /// Selected country (ISO alpha-3).
    pub selected: Option<String>,
    /// Country under the pointer (index into `Atlas::countries`).
    pub hovered: Option<usize>,
    /// Pointer position on the map.
    pub pointer: Option<GeoPoint>,
    /// Problems loading data, shown until dismissed.
    pub messages: Vec<String>,
    /// The item whose card is open.
    pub card: Option<Hit>,
    side: SideState,
    /// Today's day number (open spans run to it).
    pub today: f64,
    /// The timeline's visible day range in the last frame.
    pub timeline_visible: (f64, f64),
    timeline_set_range: Option<(f64, f64)>,
    jump_text: String,
    /// Why the last "Go to date" was not understood, shown under the field.
    pub jump_error: Option<String>,
    /// The day last typed into "Go to date" to the day: while the date stays there it is shown to the
    /// day whatever the timeline's zoom (never less precise than what the user typed).
    typed_day: Option<f64>,
    open_data_path: String,
    screenshot: Option<ScreenshotJob>,
    /// A `bench --window` run, and the wall clock it reads.
    window_bench: Option<(crate::window_bench::WindowBench, web_time::Instant)>,
    commands: Vec<Command>,
    /// Annotations, the drawing tool and its gesture.
    pub draw: DrawState,
    /// The export dialog and its renderer.
    pub export: ExportState,
    file_prompt: Option<panels::file_prompt::FilePrompt>,
    /// The open lesson and the presentation.
    pub lesson: presenting::LessonState,
    autosave_path: PathBuf,
    thumbnails: thumbnails::Thumbnails,
    slide_text: panels::lesson::SlideText,
    /// The user's imported data.
    pub imports: imports::ImportState,
    /// Wall-clock time between playing frames.
    play_clock: crate::time::PlayClock,
    /// The chooser a click on several stacked records opened.
    pub chooser: Option<crate::command::Chooser>,
    /// Drawings and lessons replaced by a lesson action, for Undo.
    pub set_aside: SetAsideStack,
    /// Keyboard focus on the map and what it shows, for screen readers.
    pub access: access::AccessState,
    /// How the window draws the base map: from the GPU's copy (a wgpu renderer holding `map::gpu`), as one
    /// picture (glow, which `cli::renderer` picks where the only adapter is software), or as meshes.
    pub base_path: crate::map::view::BasePath,
    /// Files arriving from the browser.
    #[cfg(target_arch = "wasm32")]
    web_files: web_files::WebFiles,
}

impl TimeAtlasApp {
    /// Builds the app for eframe: restores settings (unless `fresh`) and loads data.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let dithers = options.renderer_dithers;
        let storage = if options.fresh { None } else { cc.storage };
        let saved = storage.and_then(|s| eframe::get_value::<Settings>(s, eframe::APP_KEY));
        let mut app = Self::with_settings(&cc.egui_ctx, options, saved.unwrap_or_default());
        // eframe's default is no multisampling: the pipeline must match the window's.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(render_state) = cc.wgpu_render_state.as_ref() {
            crate::map::gpu::BaseMapGpu::register(render_state, 1, dithers);
            app.base_path = crate::map::view::BasePath::Gpu;
        } else if cc.gl.is_some() {
            app.base_path = crate::map::view::BasePath::Texture;
        }
        if let Some(text) = storage.and_then(|s| s.get_string(drawing::STORAGE_KEY)) {
            match crate::annotate::file::from_json("saved session", &text) {
                Ok(items) => app.draw.history = crate::annotate::History::with_items(items),
                Err(e) => app.messages.push(format!("The annotations of the last session could not be read: {e}")),
            }
        }
        app
    }

    /// Builds the app without eframe (tests, benchmarks).
    pub fn headless(ctx: &egui::Context, options: StartOptions) -> Self {
        Self::with_settings(ctx, options, Settings::default())
    }

    fn with_settings(ctx: &egui::Context, options: StartOptions, mut settings: Settings) -> Self {
        if let Some(t) = options.theme {
            settings.theme = t;
        }
        crate::text::fonts::install(ctx);
        theme::apply_to_egui(ctx, settings.theme);
        theme::apply_motion(ctx, settings.transitions);
        if let Some(names) = options.names {
            settings.names = names;
        }
        if let Some(scale) = options.ui_scale.filter(|s| s.is_finite()) {
            settings.ui_scale = scale;
        }
        settings.ui_scale = clamp_ui_scale(settings.ui_scale);
        ctx.set_zoom_factor(settings.ui_scale);
        // Ctrl + / Ctrl - / Ctrl 0 are ours: 100 to 300 %, remembered in the settings.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let today = options.today.unwrap_or_else(time::today);
        let (doc, messages) = crate::document::Document::bundled(today);
        let mut app = Self {
            doc,
            base_path: crate::map::view::BasePath::Meshes,
            drawn: drawn::Drawn::default(),
            layout: layout::Layout::default(),
            settings,
            selected: None,
            hovered: None,
            pointer: None,
            messages: Vec::new(),
            card: None,
            side: SideState::default(),
            today,
            timeline_visible: (0.0, 1.0),
            timeline_set_range: None,
            jump_text: String::new(),
            jump_error: None,
            typed_day: None,
            open_data_path: String::new(),
            screenshot: options.screenshot.map(|(path, outcome)| ScreenshotJob::new(path, outcome)),
            window_bench: options.window_bench.map(|(seconds, outcome, scenario)| {
                (crate::window_bench::WindowBench::new(seconds, outcome, scenario), web_time::Instant::now())
            }),
            commands: Vec::new(),
            draw: DrawState::default(),
            export: ExportState::default(),
            file_prompt: None,
            lesson: presenting::LessonState::default(),
            autosave_path: options.autosave_path.clone().unwrap_or_else(presenting::autosave_path),
            thumbnails: thumbnails::Thumbnails::default(),
            slide_text: panels::lesson::SlideText::default(),
            imports: imports::ImportState::default(),
            play_clock: crate::time::PlayClock::default(),
            chooser: None,
            set_aside: SetAsideStack::default(),
            access: access::AccessState::default(),
            #[cfg(target_arch = "wasm32")]
            web_files: web_files::WebFiles::default(),
        };
        app.messages.extend(messages);
        let t = &mut app.settings.time;
        (t.start_day, t.end_day) = (time::atlas_start_day(), app.today);
        if let Some(day) = options.date {
            t.set_day(day);
        }
        t.set_day(t.current_day);
        if options.play {
            t.loop_mode = time::LoopMode::Loop;
            t.playing = true;
        }
        if let Some(speed) = options.speed_days_per_sec {
            t.speed_days_per_sec = speed;
        }
        app.timeline_visible = (t.start_day, t.end_day);
        app.imports.keep_date = options.date.is_some();
        app.imports.columns = options.columns.clone();
        if !options.data_paths.is_empty() {
            app.import_paths(&options.data_paths);
        }
        if let Some(view) = options.view {
            app.lesson.pending_view = Some(Some(view));
        }
        if !options.fresh {
            presenting::keep_previous_autosave(&app.autosave_path);
        }
        match options.lesson.as_deref() {
            Some(p) if p == std::path::Path::new("sample") => {
                app.commands.push(Command::Lesson(LessonCommand::OpenSampleLesson));
            }
            Some(p) => app.commands.push(Command::Lesson(LessonCommand::LoadLesson(p.to_path_buf()))),
            None => {}
        }
        if options.present {
            app.commands.push(Command::Lesson(LessonCommand::Present(true)));
        }
        app
    }

    /// Loads layer files over the current data. A file with any error is left out and reported; the
    /// layers it would have replaced stay as they were.
    pub fn load_data(&mut self, paths: &[PathBuf]) {
        let messages = self.doc.load_layers(paths);
        self.messages.extend(messages);
    }

    /// Replaces the content and rebuilds its index.
    pub fn set_dataset(&mut self, dataset: Dataset) {
        self.doc.set_dataset(dataset, self.today);
    }

    /// The selected event's id, if the open card is an event.
    pub fn selected_event(&self) -> Option<&str> {
        event_id(self.card.as_ref())
    }

    /// Countries highlighted on the map: the three states of an open relation card.
    pub fn highlighted_countries(&self) -> Vec<String> {
        self.doc.highlighted_countries(self.card.as_ref())
    }

    /// Moves the date to an item's start unless the current date already falls in it.
    fn go_to_item(&mut self, hit: &Hit) {
        let day = self.settings.time.current_day;
        let spans = self.doc.content.spans_of(&self.doc.dataset, hit);
        let inside = spans.iter().any(|&(s, e)| s <= day && day < e);
        // Events and relations always move to their start (a teacher clicks to go there).
        let always = matches!(hit, Hit::Event(_) | Hit::Relation(_));
        if let Some(&(start, _)) = spans.first()
            && (always || !inside)
        {
            self.settings.time.playing = false;
            self.settings.time.set_day(start);
            self.keep_date_visible();
        }
    }

    /// Ids of the events highlighted on the map at the current date.
    pub fn highlighted_event_ids(&self) -> Vec<String> {
        let span = self.timeline_visible.1 - self.timeline_visible.0;
        self.doc
            .content
            .events_at(self.settings.time.current_day, ContentIndex::fade_window_days(span))
            .iter()
            .filter_map(|&(i, _)| self.doc.dataset.events.get(i))
            .filter(|e| self.settings.filters.shows_event(e))
            .map(|e| e.id.clone())
            .collect()
    }

    /// Pans the timeline so the current date is in view (keeping its zoom).
    fn keep_date_visible(&mut self) {
        let (a, b) = self.timeline_visible;
        let day = self.settings.time.current_day;
        if day < a || day > b {
            let half = (b - a) / 2.0;
            self.timeline_set_range = Some((day - half, day + half));
        }
    }

    /// The timeline strip at the bottom, when shown.
    fn timeline_panel(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if self.settings.show_timeline {
            egui::Panel::bottom("timeline").resizable(false).show(ui, |ui| {
                let inputs = panels::timeline::TimelineInputs {
                    time: &self.settings.time,
                    dataset: &self.doc.dataset,
                    index: &self.doc.content,
                    selected_event: event_id(self.card.as_ref()),
                    filters: &self.settings.filters,
                    set_range: self.timeline_set_range.take(),
                    jump_error: self.jump_error.as_deref(),
                    visible: self.timeline_visible,
                    date_span_days: self.date_span_days(),
                    sources: &self.doc.sources,
                    compact: layout::is_compact(ctx),
                };
                let out = panels::timeline::timeline_ui(ui, &inputs, &mut self.jump_text, commands);
                if out.visible != self.timeline_visible {
                    // The fade window and the date's precision follow the range: draw once more with it.
                    ctx.request_repaint();
                }
                self.timeline_visible = out.visible;
                self.drawn.timeline_events = out.events_drawn;
            });
        }
    }

    /// The tooltip of a map marker: an event's title and date, or a position's name and whether it is open.
    fn marker_text(&self, marker: &Marker) -> Option<String> {
        match marker.item {
            MarkerItem::Event(i) => self.doc.dataset.events.get(i).map(|e| format!("{}\n{}", e.title, e.span().long())),
            MarkerItem::Position(i) => self.doc.dataset.positions.get(i).map(|p| {
                let presence = self.doc.content.position_presence(i, self.settings.time.current_day);
                format!("{}\n{} at this date", p.name, presence.label("open"))
            }),
            MarkerItem::Imported { source, record } => {
                let s = self.doc.sources.get(source)?;
                let r = &s.imported.records;
                let i = record as usize;
                let day = crate::import::dates::date_of_day(*r.start_day.get(i)?);
                Some(format!("{}\n{} · {}", r.title.get(i), day.format("%-d %B %Y"), s.imported.name))
            }
            MarkerItem::ImportedCluster(i) => {
                let c = self.drawn.imported_clusters.get(i)?;
                let s = self.doc.sources.get(c.source)?;
                Some(imports::cluster_text(c, s))
            }
        }
    }

    /// True for a `--screenshot` run.
    pub fn is_screenshot_run(&self) -> bool {
        self.screenshot.is_some()
    }

    /// A run that captures or measures the window: it neither reads nor leaves settings and memory.
    fn is_scripted_run(&self) -> bool {
        self.screenshot.is_some() || self.window_bench.is_some()
    }

    /// The span of days that sets how precisely the current date is shown: the timeline's visible span,
    /// or none while the date is the day the user typed.
    fn date_span_days(&self) -> f64 {
        if self.typed_day == Some(self.settings.time.current_day) {
            0.0
        } else {
            self.timeline_visible.1 - self.timeline_visible.0
        }
    }

    /// The search box's text (for tests).
    pub fn search_text(&self) -> &str {
        &self.side.search_text
    }

    /// Names of the labels the map placed in its last frame (for tests and diagnostics).
    pub fn placed_label_texts(&self) -> Vec<String> {
        self.drawn
            .scene
            .as_ref()
            .map(|s| s.labels.iter().map(|l| l.galley.text().to_owned()).collect())
            .unwrap_or_default()
    }
}

/// The event id of a card, if it is an event's.
fn event_id(card: Option<&Hit>) -> Option<&str> {
    match card {
        Some(Hit::Event(id)) => Some(id),
        _ => None,
    }
}

impl eframe::App for TimeAtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn persist_egui_memory(&self) -> bool {
        // Screenshots and benches must not depend on, or change, what a previous run left behind.
        !self.is_scripted_run()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if !self.is_scripted_run() {
            // eframe saves on exit too: an unsaved lesson reaches its autosave (Recover at the next start).
            self.flush_autosave();
            eframe::set_value(storage, eframe::APP_KEY, &self.settings);
            storage.set_string(drawing::STORAGE_KEY, crate::annotate::file::to_json(self.draw.history.items()));
        }
    }
}
