//! Choosing files: the native dialog (rfd) first, and a path field where no dialog is available (no desktop
//! portal) or the dialog was cancelled.

use std::path::PathBuf;

use egui::Context;

use crate::command::{Command, FileAction, FileCommand};

/// The path field window's state.
#[derive(Clone, Debug)]
pub struct FilePrompt {
    /// What the file is for.
    pub action: FileAction,
    /// The typed path.
    pub text: String,
    /// Put the keyboard in the field on the next frame (when the window opens).
    pub focus: bool,
}

/// Draws the path field window when a prompt is open.
pub fn file_prompt_ui(ctx: &Context, prompt: &mut Option<FilePrompt>, commands: &mut Vec<Command>) {
    let Some(p) = prompt else { return };
    let mut open = true;
    let window = egui::Window::new(p.action.title()).id(egui::Id::unique("file-prompt"));
    window.open(&mut open).collapsible(false).default_pos(ctx.content_rect().center() - egui::vec2(220.0, 60.0)).show(
        ctx,
        |ui| {
            ui.label(if p.action.saves() { "Type where to save it:" } else { "Type the file's path:" });
            let label = ui.label(format!("{}:", p.action.title()));
            let field = ui
                .add(egui::TextEdit::singleline(&mut p.text).hint_text("/path/to/file").desired_width(420.0))
                .labelled_by(label.id);
            if std::mem::take(&mut p.focus) {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button(if p.action.saves() { "Save" } else { "Open" }).clicked() || enter)
                && !p.text.trim().is_empty()
            {
                commands.push(Command::File(FileCommand::FileChosen(p.action, PathBuf::from(p.text.trim()))));
                commands.push(Command::File(FileCommand::CloseFilePrompt));
            }
        },
    );
    if !open {
        commands.push(Command::File(FileCommand::CloseFilePrompt));
    }
}

/// Shows the native dialog; `None` when there is none or it was cancelled.
#[cfg(not(target_arch = "wasm32"))]
pub fn native_dialog(action: FileAction, extension: &str, file_name: &str) -> Option<PathBuf> {
    let (label, ext) = match action {
        FileAction::OpenAnnotations | FileAction::SaveAnnotations => ("TimeAtlas annotations", "json"),
        FileAction::OpenLesson | FileAction::SaveLesson => ("TimeAtlas lesson", "json"),
        FileAction::Export | FileAction::ExportFramesFolder => ("Image", extension),
    };
    let dialog = rfd::FileDialog::new().set_title(action.title());
    match action {
        FileAction::ExportFramesFolder => dialog.pick_folder(),
        _ if action.saves() => dialog.add_filter(label, &[ext]).set_file_name(file_name).save_file(),
        _ => dialog.add_filter(label, &[ext]).pick_file(),
    }
}
