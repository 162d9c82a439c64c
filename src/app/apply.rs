//! Applying commands: the only place state changes in response to the views. Each feature's commands are
//! handled by one function beside the state they change (here for the map, the date, the card, the window
//! and files; drawing.rs, exporting.rs, lesson_commands.rs and imports.rs for the rest), which says whether
//! anything changed, so the next frame is drawn only when it shows something new (a drag that holds still
//! must not keep the UI busy).

use crate::command::{CardCommand, Command, FileCommand, MapCommand, TimeCommand, WindowCommand};
use crate::map::MapMemory;
use crate::model::search::Hit;
use crate::theme;
use crate::time;

use super::{NARROW_POINTS, TimeAtlasApp};

/// Stores `value` in `slot`; true when it differs from what was there.
pub(super) fn set<T: PartialEq>(slot: &mut T, value: T) -> bool {
    let changed = *slot != value;
    *slot = value;
    changed
}

impl TimeAtlasApp {
    /// Applies one command; true when it changed something the next frame shows.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) -> bool {
        match command {
            Command::Map(c) => self.apply_map(ctx, c),
            Command::Time(c) => self.apply_time(c),
            Command::Card(c) => self.apply_card(c),
            Command::Draw(c) => self.apply_drawing(c),
            Command::File(c) => self.apply_file(c),
            Command::Export(c) => self.apply_export(ctx, c),
            Command::Lesson(c) => self.apply_lesson(ctx, c),
            Command::Window(c) => self.apply_window(ctx, c),
            Command::Data(c) => {
                self.apply_data(c);
                true
            }
        }
    }

    fn apply_map(&mut self, ctx: &egui::Context, command: MapCommand) -> bool {
        let s = &mut self.settings;
        match command {
            MapCommand::SetView(memory) => {
                log::debug!("view: {memory:?}");
                let was_pending = self.lesson.pending_view.take().is_some();
                set(&mut s.map, memory) || was_pending
            }
            MapCommand::ZoomBy(factor) => {
                let was_pending = self.lesson.pending_view.take().is_some();
                // Zoom the view as drawn (the fitted one if the user has not moved the map yet).
                let mut view = self.drawn.view;
                let Some(scale) = view.points_per_km else { return was_pending };
                let zoomed = (scale * factor)
                    .clamp(crate::map::memory::MIN_POINTS_PER_KM, crate::map::memory::MAX_POINTS_PER_KM);
                view.points_per_km = Some(zoomed);
                set(&mut s.map, view) || was_pending
            }
            MapCommand::ResetView => {
                self.lesson.pending_view = None;
                s.map = MapMemory::fit_pending();
                true
            }
            MapCommand::ShowOnMap(at) => {
                self.lesson.pending_view = None;
                let mut view = self.drawn.view;
                view.center = crate::map::projection::map_from_geo(at);
                let min_scale = 1.2;
                view.points_per_km = Some(view.points_per_km.unwrap_or(min_scale).max(min_scale));
                s.map = view;
                true
            }
            MapCommand::SelectCountry(a3) => set(&mut self.selected, a3),
            MapCommand::SetTheme(t) => {
                theme::apply_to_egui(ctx, t);
                set(&mut s.theme, t)
            }
            MapCommand::SetShowProvinces(on) => set(&mut s.show_provinces, on),
            MapCommand::SetNames(names) => set(&mut s.names, names),
            MapCommand::SetShowCities(on) => set(&mut s.show_cities, on),
            MapCommand::FilterActor(actor) => set(&mut s.filters.actor, actor),
            MapCommand::SetFilters(f) => set(&mut s.filters, f),
        }
    }

    fn apply_time(&mut self, command: TimeCommand) -> bool {
        let day = self.settings.time.current_day;
        match command {
            TimeCommand::TogglePlay => {
                self.settings.time.toggle_play();
                return true;
            }
            TimeCommand::StepEvent(direction) => {
                // Only the events the filters show (events are sorted by start, so these starts are too).
                let filters = &self.settings.filters;
                let mut starts: Vec<f64> = self
                    .doc
                    .dataset
                    .events
                    .iter()
                    .zip(&self.doc.content.event_days)
                    .filter(|(e, _)| filters.shows_event(e))
                    .map(|(_, d)| d.0)
                    .collect();
                starts.dedup();
                let t = &mut self.settings.time;
                t.playing = false;
                if direction >= 0 {
                    t.step_next(&starts);
                } else {
                    t.step_prev(&starts);
                }
                self.keep_date_visible();
            }
            TimeCommand::SetSpeed(speed) => {
                return set(&mut self.settings.time.speed_days_per_sec, speed.clamp(0.1, 10_000.0));
            }
            TimeCommand::SetLoop(mode) => return set(&mut self.settings.time.loop_mode, mode),
            TimeCommand::FitTimeline => {
                self.timeline_set_range = Some((self.settings.time.start_day, self.settings.time.end_day));
                return true;
            }
            TimeCommand::JumpTo(text) => {
                match time::parse_day(&text) {
                    Ok(to) => {
                        self.jump_error = None;
                        let to_day = crate::model::date::FuzzyDate::parse(text.trim())
                            .is_ok_and(|d| d.precision() == crate::model::date::Precision::Day);
                        self.settings.time.set_day(to);
                        self.typed_day = to_day.then_some(self.settings.time.current_day);
                        self.keep_date_visible();
                    }
                    Err(e) => self.jump_error = Some(e),
                }
                return true;
            }
            TimeCommand::SetDay(to) => {
                self.settings.time.set_day(to);
                self.keep_date_visible();
            }
        }
        self.settings.time.current_day != day || self.timeline_set_range.is_some()
    }

    fn apply_card(&mut self, command: CardCommand) -> bool {
        match command {
            CardCommand::SelectEvent(id) => set(&mut self.card, id.map(Hit::Event)),
            CardCommand::Open(hit) => {
                if let Some(h) = &hit {
                    self.go_to_item(h);
                }
                self.card = hit;
                true
            }
            CardCommand::OpenCard(hit) => set(&mut self.card, hit),
            CardCommand::OpenChooser(chooser) => set(&mut self.chooser, Some(chooser)),
            CardCommand::CloseChooser => set(&mut self.chooser, None),
        }
    }

    fn apply_file(&mut self, command: FileCommand) -> bool {
        match command {
            FileCommand::ChooseFile(action) => self.choose_file(action),
            FileCommand::FileChosen(action, path) => self.file_chosen(action, &path),
            FileCommand::CloseFilePrompt => return self.file_prompt.take().is_some(),
            FileCommand::OpenDataDialog => self.apply_data(crate::command::DataCommand::ImportDialog),
            FileCommand::LoadData(paths) => self.import_paths(&paths),
        }
        true
    }

    fn apply_window(&mut self, ctx: &egui::Context, command: WindowCommand) -> bool {
        let narrow = ctx.content_rect().width() < NARROW_POINTS;
        let s = &mut self.settings;
        match command {
            WindowCommand::ShowAbout(open) => set(&mut self.layout.show_about, open),
            WindowCommand::ShowOpenData(open) => set(&mut self.layout.show_open_data, open),
            WindowCommand::DismissMessages => set(&mut self.messages, Vec::new()),
            WindowCommand::DismissSetAside => set(&mut self.set_aside.notice, false),
            WindowCommand::Quit => {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                true
            }
            WindowCommand::RelationsActiveOnly(on) => set(&mut s.relations_active_only, on),
            WindowCommand::ShowTimeline(on) => set(&mut s.show_timeline, on),
            // On a narrow screen (a projector at UI scale 2) the side panel, the drawing bar and the sorter
            // start hidden so the map keeps the room; opening them there does not change the wide-screen
            // choice.
            WindowCommand::ShowDrawToolbar(on) if narrow => set(&mut self.layout.draw_open_when_narrow, on),
            WindowCommand::ShowDrawToolbar(on) => set(&mut s.show_draw_toolbar, on),
            WindowCommand::ShowSidePanel(on) if narrow => set(&mut self.layout.side_open_when_narrow, on),
            WindowCommand::ShowSidePanel(on) => set(&mut s.show_side_panel, on),
            WindowCommand::SetUiScale(scale) => {
                let changed = set(&mut s.ui_scale, super::clamp_ui_scale(scale));
                ctx.set_zoom_factor(s.ui_scale);
                changed
            }
        }
    }
}
