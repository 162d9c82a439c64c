//! Load problems shown in the window (a bad `--data` file never stops the atlas).

use egui::{Context, RichText};

use crate::command::keys;
use crate::command::{Command, DrawCommand, WindowCommand};
use crate::theme::{self, ThemeChoice};

/// Draws the list of load messages, if any.
pub fn messages_ui(ctx: &Context, messages: &[String], theme_choice: ThemeChoice, commands: &mut Vec<Command>) {
    if messages.is_empty() {
        return;
    }
    egui::Window::new("Some data could not be loaded")
        .collapsible(true)
        .default_width(640.0)
        .anchor(egui::Align2::RIGHT_TOP, egui::vec2(-12.0, 12.0))
        .show(ctx, |ui| {
            ui.label("The bundled atlas is still shown. These files were left out:");
            egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                for m in messages {
                    ui.label(RichText::new(m).monospace().color(theme::error_text(theme_choice)));
                }
            });
            if ui.button("Dismiss").clicked() {
                commands.push(Command::Window(WindowCommand::DismissMessages));
            }
        });
}

/// Says what a lesson action put aside (the drawings and lesson before it) and offers Undo.
pub fn set_aside_ui(ctx: &Context, put_aside_by: Option<&str>, commands: &mut Vec<Command>) {
    let Some(what) = put_aside_by else { return };
    egui::Window::new("Your work is kept")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -48.0))
        .show(ctx, |ui| {
            ui.label(format!("Your drawings and lesson from before {what} were put aside."));
            ui.horizontal(|ui| {
                if ui
                    .button("Bring them back")
                    .on_hover_text(format!("Undo ({})", keys::text(ui.ctx(), &keys::UNDO)))
                    .clicked()
                {
                    commands.push(Command::Draw(DrawCommand::Undo));
                }
                if ui.button("OK").clicked() {
                    commands.push(Command::Window(WindowCommand::DismissSetAside));
                }
            });
        });
}
