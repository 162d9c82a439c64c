//! The small-screen classroom layout: below [`COMPACT_HEIGHT_POINTS`] the timeline is one row and one
//! summary lane, and below [`super::NARROW_POINTS`] the side panel lies over the map's right side instead of
//! squeezing it (Home then fits the four countries into the part left free).

use crate::command::{Command, WindowCommand};
use crate::map::content::ContentIndex;
use crate::panels;

/// Small windows open, and the panels opened on a narrow screen.
#[derive(Debug, Default)]
pub struct Layout {
    /// The About window is open.
    pub show_about: bool,
    /// The "Open data" window (a path field) is open.
    pub show_open_data: bool,
    /// The side panel was opened on a narrow screen (the wide-screen choice stays).
    pub side_open_when_narrow: bool,
    /// The drawing bar was opened on a narrow screen.
    pub draw_open_when_narrow: bool,
    /// The slide sorter was opened on a narrow screen.
    pub sorter_open_when_narrow: bool,
    /// The slide sorter was drawn in the last frame (its thumbnails are rendered only then).
    pub sorter_shown: bool,
}

use super::TimeAtlasApp;

/// Below this window height (points) the timeline collapses to one row of controls and one lane: a
/// 1024×768 projector at UI scale 2 is 384 points high, 1280×720 at 2 is 360.
pub const COMPACT_HEIGHT_POINTS: f32 = 560.0;

/// True when the window is short enough for the compact timeline.
pub fn is_compact(ctx: &egui::Context) -> bool {
    ctx.content_rect().height() < COMPACT_HEIGHT_POINTS
}

impl TimeAtlasApp {
    /// The side panel: a resizable panel beside the map, or on a narrow screen a panel over the map's right
    /// side (the map keeps its whole width; [`TimeAtlasApp::side_covers_map`] says how much it covers).
    pub(super) fn side_panel_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &egui::Context,
        narrow: bool,
        commands: &mut Vec<Command>,
    ) {
        let span = self.timeline_visible.1 - self.timeline_visible.0;
        let inputs = panels::side::SideInputs {
            dataset: &self.doc.dataset,
            index: &self.doc.content,
            search: &self.doc.search,
            inset: &self.doc.data.inset,
            card: self.card.as_ref(),
            day: self.settings.time.current_day,
            month_only: self.settings.time.playing
                && self.settings.time.speed_days_per_sec >= crate::time::DAYS_PER_MONTH,
            window_days: ContentIndex::fade_window_days(span),
            filters: &self.settings.filters,
            relations_active_only: self.settings.relations_active_only,
            sources: &self.doc.sources,
            record: self.imports.card,
            record_fields: &self.imports.card_fields,
            record_fields_problem: self.imports.card_fields_problem.as_deref(),
            shown: &self.access.shown,
            atlas: &self.doc.data.atlas,
            names: self.settings.names,
        };
        if !narrow {
            let default_width = (ctx.content_rect().width() * 0.3).clamp(240.0, 390.0);
            egui::Panel::right("side").resizable(true).default_size(default_width).show(ui, |ui| {
                panels::side::side_ui(ui, &inputs, &mut self.side, commands);
            });
            return;
        }
        // What the other panels left: the map's area, which the overlay shares.
        let free = ui.available_rect_before_wrap();
        let width = (free.width() * OVERLAY_SHARE).clamp(OVERLAY_MIN_WIDTH, OVERLAY_MAX_WIDTH).min(free.width());
        self.drawn.side_covers_map = width;
        let frame = egui::Frame::side_top_panel(ui.style());
        let inner = egui::vec2(width, free.height()) - frame.total_margin().sum();
        let area_id = egui::Id::unique("side-overlay");
        // A new area's first frame is an invisible sizing pass, which drops a focus request (Ctrl+F opens
        // the panel and asks for the search box): ask again on the next frame.
        let search = panels::search::search_field_id();
        if egui::AreaState::load(ctx, area_id).is_none() && ctx.memory(|m| m.has_focus(search)) {
            ctx.data_mut(|d| d.insert_temp(area_id, true));
            ctx.request_repaint();
        } else if ctx.data_mut(|d| d.remove_temp::<bool>(area_id)).is_some() {
            ctx.memory_mut(|m| m.request_focus(search));
        }
        egui::Area::new(area_id)
            .order(egui::Order::Middle)
            .fixed_pos(egui::pos2(free.right() - width, free.top()))
            .constrain(false)
            .show(ctx, |ui| {
                frame.show(ui, |ui| {
                    ui.set_min_size(inner);
                    ui.set_max_size(inner);
                    ui.horizontal(|ui| {
                        ui.label(egui::RichText::new("Search and cards").strong());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui.button("Hide").on_hover_text("Hide the side panel").clicked() {
                                commands.push(Command::Window(WindowCommand::ShowSidePanel(false)));
                            }
                        });
                    });
                    // One scroll for the whole panel: on a short screen its parts together are taller than
                    // the map, and each part's own minimum height would push it over the timeline.
                    let height = ui.available_height();
                    egui::ScrollArea::vertical().id_salt("side-overlay-scroll").max_height(height).show(ui, |ui| {
                        panels::side::side_ui(ui, &inputs, &mut self.side, commands);
                    });
                });
            });
    }
}

/// Share of the map's width the overlaid side panel takes on a narrow screen, and its bounds in points.
const OVERLAY_SHARE: f32 = 0.58;
const OVERLAY_MIN_WIDTH: f32 = 220.0;
const OVERLAY_MAX_WIDTH: f32 = 340.0;
