//! The menu bar.

use egui::Ui;

use crate::command::Command;
use crate::theme::ThemeChoice;

/// What the menu shows as checked.
pub struct MenuState {
    /// The side panel is showing.
    pub side_panel_open: bool,
    /// The timeline is showing.
    pub show_timeline: bool,
    /// Current palette.
    pub theme: ThemeChoice,
    /// Provinces on.
    pub show_provinces: bool,
    /// Cities on.
    pub show_cities: bool,
}

/// Draws the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if ui.button("Open map layers…").clicked() {
                commands.push(Command::OpenDataDialog);
            }
            if ui.button("Open map layers by path…").clicked() {
                commands.push(Command::ShowOpenData(true));
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button("View", |ui| {
            if ui.button("Zoom in   (+)").clicked() {
                commands.push(Command::ZoomBy(crate::map::memory::KEY_ZOOM_FACTOR));
            }
            if ui.button("Zoom out  (−)").clicked() {
                commands.push(Command::ZoomBy(1.0 / crate::map::memory::KEY_ZOOM_FACTOR));
            }
            if ui.button("Reset view  (Home)").clicked() {
                commands.push(Command::ResetView);
            }
            ui.separator();
            let mut provinces = state.show_provinces;
            if ui.checkbox(&mut provinces, "Provinces").changed() {
                commands.push(Command::SetShowProvinces(provinces));
            }
            let mut timeline = state.show_timeline;
            if ui.checkbox(&mut timeline, "Timeline").changed() {
                commands.push(Command::ShowTimeline(timeline));
            }
            let mut cities = state.show_cities;
            if ui.checkbox(&mut cities, "Cities").changed() {
                commands.push(Command::SetShowCities(cities));
            }
            ui.separator();
            for choice in ThemeChoice::ALL {
                if ui.radio(state.theme == choice, choice.label()).clicked() {
                    commands.push(Command::SetTheme(choice));
                }
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("About TimeAtlas and data credits").clicked() {
                commands.push(Command::ShowAbout(true));
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let text = if state.side_panel_open { "Hide panel" } else { "Search and details" };
            if ui.button(text).on_hover_text("Show or hide the side panel (Ctrl+F searches)").clicked() {
                commands.push(Command::ShowSidePanel(!state.side_panel_open));
            }
        });
    });
}
