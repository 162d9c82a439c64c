//! One frame of the window: the editing layout (menu, drawing tools, side panel, timeline, status) or the
//! presentation layout (date banner, map, caption), the map with its content and annotations, the windows,
//! and then the commands the views pushed.

use crate::command::{Command, LessonCommand, SlideEdit};
use crate::map::content::{ContentIndex, ContentInputs};
use crate::map::layers::{LayerInputs, layers_ui};
use crate::map::view::{MapInputs, map_ui};
use crate::panels;
use crate::theme;
use crate::time;

use super::{NARROW_POINTS, TimeAtlasApp, event_id, exporting};

impl TimeAtlasApp {
    /// Draws one frame into `ui` and applies what the views asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if (ctx.zoom_factor() - self.settings.ui_scale).abs() > 1e-3 {
            ctx.set_zoom_factor(self.settings.ui_scale);
        }
        #[cfg(target_arch = "wasm32")]
        self.poll_web_files(&ctx);
        self.keyboard_commands(&ctx);
        let dt = f64::from(ctx.input(|i| i.stable_dt));
        let play_dt = if self.settings.time.playing {
            self.play_clock.tick(ctx.input(|i| i.time))
        } else {
            self.play_clock.reset();
            0.0
        };
        if self.settings.time.update(play_dt) {
            // Playing past the timeline's edge pans it along.
            self.keep_date_visible();
            ctx.request_repaint();
        }
        if self.tick_lesson(&ctx, dt) {
            ctx.request_repaint();
        }
        if self.poll_imports() {
            // A progress bar moves while files are read.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let mut commands = std::mem::take(&mut self.commands);
        if self.lesson.presenting {
            self.presenting_chrome_ui(ui, &mut commands);
        } else {
            self.editing_chrome_ui(ui, &ctx, &mut commands);
        }
        self.map_panel_ui(ui, &mut commands);

        panels::about::about_ui(&ctx, self.layout.show_about, &mut commands);
        panels::open_data::open_data_ui(&ctx, self.layout.show_open_data, &mut self.open_data_path, &mut commands);
        self.data_sources_window(&ctx, &mut commands);
        panels::messages::messages_ui(&ctx, &self.messages, self.settings.theme, &mut commands);
        let put_aside = self.set_aside.next_undo().filter(|_| self.set_aside.notice && !self.lesson.presenting);
        panels::messages::set_aside_ui(&ctx, put_aside.map(|s| s.what.as_str()), &mut commands);
        self.windows_ui(&ctx, &mut commands);
        self.chooser_ui(&ctx, &mut commands);
        self.presentation_overlays(&ctx);

        // Commands are applied after the views have drawn, so a change shows on the next frame: ask for
        // it only when something changed (a drag that holds still must not keep the UI busy).
        let mut changed = false;
        for c in commands {
            changed |= self.apply(&ctx, c);
        }
        if changed || self.timeline_set_range.is_some() {
            ctx.request_repaint();
        }
        // Rendered offscreen on the GPU, waiting for it: a browser cannot wait, so its export dialog has no
        // preview, frames or thumbnails (its exports are drawn by the browser, web_files.rs).
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.refresh_preview(&ctx);
            self.step_frames(&ctx);
            self.render_one_thumbnail(&ctx);
        }
        let busy = self.imports.busy();
        if let Some(job) = &mut self.screenshot {
            job.step(&ctx, busy);
        }
        if let Some((bench, clock)) = &mut self.window_bench {
            let now_sec = clock.elapsed().as_secs_f64();
            let drawn = self.drawn.view;
            if let Some([x_km, y_km]) = bench.pan_center_km(now_sec, [drawn.center.x_km, drawn.center.y_km]) {
                let center = crate::map::MapPoint::new(x_km, y_km);
                self.settings.map = crate::map::MapMemory { center, points_per_km: drawn.points_per_km };
            }
            let t = &self.settings.time;
            let speed = if t.playing { t.speed_days_per_sec } else { 0.0 };
            if bench.step(now_sec, t.current_day, speed, busy) {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx.request_repaint();
        }
    }

    /// Menu, drawing tools, status bar, timeline, side panel and slide sorter.
    fn editing_chrome_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context, commands: &mut Vec<Command>) {
        // On a narrow screen (a 1024×768 projector at UI scale 2 is 512 points wide) the side panel starts
        // hidden so the map keeps the room; the toolbar button opens it.
        let width = ctx.content_rect().width();
        let narrow = width < NARROW_POINTS;
        let side_open = if narrow { self.layout.side_open_when_narrow } else { self.settings.show_side_panel };
        let draw_open = if narrow { self.layout.draw_open_when_narrow } else { self.settings.show_draw_toolbar };
        let sorter_open = if narrow { self.layout.sorter_open_when_narrow } else { self.lesson.show_sorter };
        self.layout.sorter_shown = sorter_open && self.lesson.lesson.is_some();
        egui::Panel::top("menu").show(ui, |ui| {
            let state = panels::menu::MenuState {
                side_panel_open: side_open,
                show_timeline: self.settings.show_timeline,
                theme: self.settings.theme,
                show_provinces: self.settings.show_provinces,
                show_cities: self.settings.show_cities,
                names: self.settings.names,
                transitions: self.settings.transitions,
                show_draw_toolbar: draw_open,
                lesson_open: self.lesson.lesson.is_some(),
                show_sorter: sorter_open,
                recent_lessons: &self.settings.recent_lessons,
                autosave_exists: &|| super::presenting::recovery_path(&self.autosave_path).is_file(),
                ui_scale: self.settings.ui_scale,
            };
            panels::menu::menu_bar_ui(ui, &state, commands);
        });
        if draw_open {
            egui::Panel::top("draw-toolbar").show(ui, |ui| {
                let h = &self.draw.history;
                let state = panels::annotate::ToolbarState {
                    tool: self.draw.tool,
                    style: self.settings.annotation_style,
                    selected: self.draw.selected.and_then(|id| h.get(id)),
                    can_undo: h.can_undo() || self.set_aside.next_undo().is_some(),
                    can_redo: h.can_redo() || self.set_aside.can_redo(),
                    any: !h.items().is_empty(),
                };
                panels::annotate::toolbar_ui(ui, &state, commands);
            });
        }
        egui::Panel::bottom("status").show(ui, |ui| {
            let country_name =
                |i: Option<usize>| i.and_then(|i| self.doc.data.atlas.countries.get(i)).map(|c| c.name.as_str());
            let selected_name =
                self.selected.as_deref().and_then(|a3| self.doc.data.atlas.country(a3)).map(|c| c.name.as_str());
            let date = time::format_current(self.settings.time.current_day, self.date_span_days());
            let state = panels::status::StatusState {
                date: &date,
                hovered: country_name(self.hovered),
                selected: selected_name,
                pointer: self.pointer,
            };
            panels::status::status_bar_ui(ui, &state);
        });
        self.timeline_panel(ui, ctx, commands);
        if sorter_open && let Some(lesson) = &self.lesson.lesson {
            let current = self.lesson.current;
            let key = (current, self.lesson.revision);
            if self.slide_text.loaded_for != Some(key)
                && let Some(slide) = lesson.slides.get(current)
            {
                // A source half typed stays while the slide is the same one.
                let same_slide = self.slide_text.loaded_for.is_some_and(|(i, _)| i == current);
                let new_source =
                    if same_slide { std::mem::take(&mut self.slide_text.new_source) } else { Default::default() };
                self.slide_text = panels::lesson::SlideText {
                    loaded_for: Some(key),
                    title: slide.title.clone(),
                    caption: slide.caption.clone(),
                    duration_s: slide.duration_s,
                    lesson_title: lesson.title.clone(),
                    new_source,
                };
            }
            let pushed_before = commands.len();
            let sorter_width = 300.0_f32.min(width * 0.55);
            egui::Panel::left("slides").resizable(true).default_size(sorter_width).show(ui, |ui| {
                let state = panels::lesson::SorterState {
                    lesson,
                    current,
                    thumbnails: &self.thumbnails.textures,
                    autoplay: self.lesson.autoplay,
                    transitions: self.settings.transitions,
                    saved: self.lesson.saved.as_ref(),
                };
                panels::lesson::sorter_ui(ui, &state, &mut self.slide_text, commands);
            });
            // Typing in the sorter changes the slide, which bumps the revision: keep the typed text.
            if commands[pushed_before..].iter().any(|c| {
                matches!(
                    c,
                    Command::Lesson(LessonCommand::Slide(SlideEdit::Edit { .. }))
                        | Command::Lesson(LessonCommand::RenameLesson(_))
                )
            }) {
                self.slide_text.loaded_for = Some((current, self.lesson.revision + 1));
            }
        }
        self.drawn.side_covers_map = 0.0;
        if side_open {
            self.side_panel_ui(ui, ctx, narrow, commands);
        }
    }

    /// Presentation: a large date and the slide's title above the map, its caption and sources below.
    fn presenting_chrome_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let date = time::format_current(self.settings.time.current_day, 0.0);
        let count = self.lesson.len();
        let slide = self.lesson.slide().map(|s| (s, self.lesson.current + 1, count));
        let item_title =
            event_id(self.card.as_ref()).and_then(|id| self.doc.dataset.event(id)).map(|e| e.title.as_str());
        egui::Panel::top("banner").show(ui, |ui| {
            let state = panels::present::BannerState { date: &date, slide, item_title };
            panels::present::banner_ui(ui, &state, commands);
        });
        if let Some((s, _, _)) = slide {
            let max_height = ui.ctx().content_rect().height() * panels::present::CAPTION_MAX_SHARE;
            self.drawn.caption_pt =
                egui::Panel::bottom("caption").show(ui, |ui| panels::present::caption_ui(ui, s, max_height)).inner;
        }
    }

    /// The map, its content, legend and annotations, and the drawing overlay.
    fn map_panel_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let palette = theme::map_palette(self.settings.theme);
        let highlighted = self.highlighted_countries();
        let presenting = self.lesson.presenting;
        let output = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                // A slide's view stays fitted to the map area (whose size the first frames do not know yet,
                // and which changes with the window) until the user moves the map.
                if let Some(view) = self.lesson.pending_view {
                    let v = view.map_or(crate::export::ExportView::Home, crate::export::ExportView::Box);
                    let memory =
                        crate::export::frame::export_memory(v, ui.available_size(), &self.doc.data.prepared.home);
                    self.settings.map = memory;
                }
                // The scene is lent to the map while `describe` reads the rest of the app.
                let mut scene = self.drawn.scene.take();
                let describe = || self.map_description(&highlighted);
                let inputs = MapInputs {
                    atlas: &self.doc.data.atlas,
                    prepared: &self.doc.data.prepared,
                    memory: self.settings.map,
                    theme: self.settings.theme,
                    palette: &palette,
                    show_provinces: self.settings.show_provinces,
                    show_cities: self.settings.show_cities,
                    names: self.settings.names,
                    description: &describe,
                    selected: self.selected.as_deref(),
                    highlighted: &highlighted,
                    highlighted_record: None,
                    data_generation: self.doc.data.generation,
                    tooltip: self.drawn.hovered_marker.as_ref().and_then(|m| self.marker_text(m)),
                    scale_bar: true,
                    tooltips: !presenting,
                    paint_base: true,
                    base: self.base_path,
                    covered_right: if presenting { 0.0 } else { self.drawn.side_covers_map },
                    paint_sea: true,
                };
                let output = map_ui(ui, &inputs, &mut scene);
                self.drawn.scene = scene;
                if let Some(projector) = output.projector {
                    let painter = ui.painter_at(projector.screen_rect);
                    let span = if presenting { 0.0 } else { self.timeline_visible.1 - self.timeline_visible.0 };
                    let free = output.free_rect.unwrap_or(projector.screen_rect);
                    let inputs = LayerInputs {
                        atlas: &self.doc.data.atlas,
                        prepared: &self.doc.data.prepared,
                        content: ContentInputs {
                            dataset: &self.doc.dataset,
                            index: &self.doc.content,
                            day: self.settings.time.current_day,
                            window_days: ContentIndex::fade_window_days(span.max(30.0)),
                            selected_event: event_id(self.card.as_ref()),
                            selected_group: match self.card.as_ref() {
                                Some(crate::model::search::Hit::Group(id)) => Some(id.as_str()),
                                _ => None,
                            },
                            filters: &self.settings.filters,
                            palette: &palette,
                            tagger: crate::map::record_tag::Tagger { on: false },
                        },
                        sources: &self.doc.sources,
                        selected_record: self.imports.card,
                        annotations: (self.draw.history.items(), if presenting { None } else { self.draw.selected }),
                        legend_rect: Some(free),
                        labels_as_text: false,
                    };
                    let drawn =
                        layers_ui(&painter, &projector, &inputs, output.labels_slot.zip(self.drawn.scene.as_ref()));
                    self.drawn.markers = drawn.markers;
                    self.drawn.imported_markers = drawn.imported.markers;
                    self.drawn.imported_clusters = drawn.imported.clusters;
                    if let Some(labels) = drawn.labels {
                        self.drawn.labels = labels;
                    }
                    self.drawn.map_size = projector.screen_rect.size();
                    self.drawn.map_rect = projector.screen_rect;
                    self.map_focus_ui(ui, &projector, &palette, output.widget_id, commands);
                    let cx = crate::map::annotations::AnnotationContext {
                        projector: &projector,
                        atlas: &self.doc.data.atlas,
                        prepared: &self.doc.data.prepared,
                    };
                    let items = self.draw.history.items();
                    if let Some(edit) = self.draw.text_edit.as_ref().filter(|e| e.id.is_none()) {
                        // The new label as it is being typed.
                        let text = if edit.text.is_empty() { "...".to_owned() } else { edit.text.clone() };
                        let shape = crate::annotate::Shape::Text { at: edit.at, text };
                        let preview =
                            crate::annotate::Annotation { id: 0, shape, style: self.settings.annotation_style };
                        crate::map::annotations::paint_annotation(&painter, &cx, &preview);
                    }
                    if !presenting {
                        let overlay = panels::annotate::OverlayInputs {
                            cx,
                            tool: self.draw.tool,
                            style: self.settings.annotation_style,
                            items,
                            selected: self.draw.selected,
                            next_marker: self.draw.history.next_marker_number(),
                        };
                        panels::annotate::overlay_ui(ui, &overlay, &mut self.draw.draft, commands);
                    }
                }
                output
            })
            .inner;
        self.take_map_output(&output, commands);
    }

    /// The blank screen and the spotlight, drawn over everything while presenting.
    fn presentation_overlays(&self, ctx: &egui::Context) {
        if !self.lesson.presenting {
            return;
        }
        if let Some(b) = self.lesson.blank {
            panels::present::blank_ui(ctx, super::lesson_commands::blank_color(b));
            return;
        }
        let held = ctx.input(|i| i.key_down(egui::Key::S)) && !ctx.egui_wants_keyboard_input();
        if (self.lesson.spotlight || held)
            && let Some(pointer) = ctx.pointer_latest_pos()
        {
            panels::present::spotlight_ui(ctx, pointer, theme::SPOTLIGHT_DIM);
        }
    }

    /// The Data sources window.
    fn data_sources_window(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let jobs = self.imports.progress();
        let inputs = panels::data_sources::DataSourcesInputs {
            sources: &self.doc.sources,
            jobs: &jobs,
            skipped_open: self.imports.skipped_open,
        };
        panels::data_sources::data_sources_ui(
            ctx,
            self.imports.show_panel,
            &inputs,
            &mut self.imports.columns_text,
            commands,
        );
        // Files being read show their progress even with the window closed.
        if !self.imports.show_panel && jobs.iter().any(|j| j.show) {
            egui::Area::new(egui::Id::unique("import-progress"))
                .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        for j in jobs.iter().filter(|j| j.show) {
                            ui.add(
                                egui::ProgressBar::new(j.fraction)
                                    .desired_width(320.0)
                                    .show_percentage()
                                    .text(format!("Reading {}", j.name)),
                            );
                        }
                    });
                });
        }
    }

    /// The text editor, the export dialog and the path field.
    fn windows_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let projector = self.map_projector();
        if let Some(edit) = &mut self.draw.text_edit {
            let near = projector.screen_from_geo(edit.at);
            panels::annotate::text_editor_ui(ctx, &mut edit.text, near, commands);
        }
        if self.export.open {
            let window = ctx.content_rect().size() * ctx.pixels_per_point();
            let inputs = panels::export_dialog::ExportDialogInputs {
                options: &self.settings.export,
                window_px: [window.x.round() as u32, window.y.round() as u32],
                preview: self.export.preview.as_ref(),
                status: self.export.status.as_ref(),
                progress: self.export.frames.as_ref().map(exporting::FramesJob::progress),
            };
            panels::export_dialog::export_dialog_ui(ctx, &inputs, &mut self.export.dialog, commands);
        }
        panels::file_prompt::file_prompt_ui(ctx, &mut self.file_prompt, commands);
    }

    /// The map for screen readers: the date, the selected and highlighted countries, and the markers it shows
    /// (the first few by name; the side panel lists them all).
    fn map_description(&self, highlighted: &[String]) -> String {
        let day = self.settings.time.current_day;
        let mut parts = vec![crate::time::format_current(day, 1.0)];
        let name = |a3: &String| self.doc.dataset.country_name(a3).to_owned();
        if let Some(selected) = &self.selected {
            parts.push(format!("selected: {}", name(selected)));
        }
        if !highlighted.is_empty() {
            parts.push(format!("highlighted: {}", highlighted.iter().map(name).collect::<Vec<_>>().join(", ")));
        }
        // Events nearest the date first, then US positions.
        let distance = |m: &&crate::map::content::Marker| match m.item {
            crate::map::content::MarkerItem::Event(i) => {
                self.doc.content.event_days.get(i).map_or(f64::MAX, |d| (d.0 - day).abs())
            }
            crate::map::content::MarkerItem::Position(_)
            | crate::map::content::MarkerItem::Imported { .. }
            | crate::map::content::MarkerItem::ImportedCluster(_) => f64::INFINITY,
        };
        let mut nearest: Vec<_> = self.drawn.markers.iter().collect();
        nearest.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
        let titles: Vec<String> = nearest
            .into_iter()
            .take(MARKERS_DESCRIBED)
            .filter_map(|m| self.marker_text(m).map(|t| t.lines().next().unwrap_or_default().to_owned()))
            .collect();
        parts.push(format!("{} markers on the map", self.drawn.markers.len()));
        if !self.drawn.imported_markers.is_empty() {
            parts.push(format!("{} records of your data", self.drawn.imported_markers.len()));
        }
        if !self.drawn.imported_clusters.is_empty() {
            let n: u64 = self.drawn.imported_clusters.iter().map(|c| u64::from(c.count)).sum();
            parts.push(format!("{n} records of your data in {} areas", self.drawn.imported_clusters.len()));
        }
        if !titles.is_empty() {
            parts.push(titles.join("; "));
        }
        parts.join(". ")
    }
}

/// How many markers the map's screen-reader description names.
const MARKERS_DESCRIBED: usize = 5;
