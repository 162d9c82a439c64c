//! "Import data by path": the fallback when no native file dialog is available.

use std::path::PathBuf;

use egui::Context;

use crate::command::{Command, FileCommand, WindowCommand};

/// Draws the window when `open`; `path_text` is the text field's contents, kept by the app.
pub fn open_data_ui(ctx: &Context, open: bool, path_text: &mut String, commands: &mut Vec<Command>) {
    if !open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Import data").open(&mut still_open).collapsible(false).show(ctx, |ui| {
        ui.label("A data file: TimelineJS (JSON or sheet CSV), StoryMapJS, ACLED, UCDP, GeoJSON or KML with dates, or any CSV with dates.");
        ui.label("Map layers too: countries…, world…, provinces…, lakes…, cities…, seas….geojson, or a folder of them.");
        ui.label("You can also drop files onto the window.");
        let field = ui.add(egui::TextEdit::singleline(path_text).hint_text("/path/to/file.csv").desired_width(420.0));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Load").clicked() || enter) && !path_text.trim().is_empty() {
            commands.push(Command::File(FileCommand::LoadData(vec![PathBuf::from(path_text.trim())])));
            commands.push(Command::Window(WindowCommand::ShowOpenData(false)));
        }
    });
    if !still_open {
        commands.push(Command::Window(WindowCommand::ShowOpenData(false)));
    }
}
