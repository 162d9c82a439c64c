//! The export dialog: size, format, what to include, a preview, save / copy, and a date range as frames.

use egui::{Context, RichText};

use crate::command::FileAction;
use crate::command::{Command, ExportCommand, FileCommand};
use crate::export::frames::{FramesRequest, Step};
use crate::export::{ExportFormat, ExportOptions};

/// Preset sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SizeChoice {
    /// The window's size in pixels.
    Window,
    /// 1920×1080.
    #[default]
    FullHd,
    /// 3840×2160.
    Uhd,
    /// Typed.
    Custom,
}

/// The dialog's own state (typed text, progress), kept by the app.
#[derive(Clone, Debug)]
pub struct ExportDialogState {
    /// Size preset.
    pub size_choice: SizeChoice,
    /// Custom width and height, pixels.
    pub custom: [u32; 2],
    /// Frames: first date as typed.
    pub frames_from: String,
    /// Frames: last date as typed.
    pub frames_to: String,
    /// Frames: step as typed (`1d`, `1m`).
    pub frames_step: String,
    /// Frames: also write a GIF.
    pub frames_gif: bool,
    /// Frames: the folder as typed.
    pub frames_dir: String,
    /// Why the frame settings were refused.
    pub frames_error: Option<String>,
}

impl Default for ExportDialogState {
    fn default() -> Self {
        Self {
            size_choice: SizeChoice::default(),
            custom: [2560, 1440],
            frames_from: "2019-12-27".into(),
            frames_to: "2020-01-08".into(),
            frames_step: "1d".into(),
            frames_gif: false,
            frames_dir: String::new(),
            frames_error: None,
        }
    }
}

/// What the dialog shows.
pub struct ExportDialogInputs<'a> {
    /// Current options.
    pub options: &'a ExportOptions,
    /// The window's size in pixels.
    pub window_px: [u32; 2],
    /// The rendered preview.
    pub preview: Option<&'a egui::TextureHandle>,
    /// The last export's outcome (path written, or the error).
    pub status: Option<&'a Result<String, String>>,
    /// Frames written so far and in all, while a frames export runs.
    pub progress: Option<(usize, usize)>,
}

/// The size in pixels of a preset.
pub fn size_of(choice: SizeChoice, window_px: [u32; 2], custom: [u32; 2]) -> [u32; 2] {
    let max = crate::cpu_raster::MAX_SIDE_PX;
    match choice {
        SizeChoice::Window => window_px.map(|v| v.clamp(16, max)),
        SizeChoice::FullHd => [1920, 1080],
        SizeChoice::Uhd => [3840, 2160],
        SizeChoice::Custom => custom.map(|v| v.clamp(16, max)),
    }
}

/// Draws the dialog.
pub fn export_dialog_ui(
    ctx: &Context,
    inputs: &ExportDialogInputs<'_>,
    state: &mut ExportDialogState,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    let mut opts = inputs.options.clone();
    egui::Window::new("Export the map").open(&mut open).collapsible(false).resizable(false).show(ctx, |ui| {
        egui::Grid::new("export-grid").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.label("Size");
            ui.horizontal_wrapped(|ui| {
                let presets = [
                    (SizeChoice::Window, "Window"),
                    (SizeChoice::FullHd, "1920x1080"),
                    (SizeChoice::Uhd, "3840x2160"),
                    (SizeChoice::Custom, "Custom"),
                ];
                for (choice, label) in presets {
                    ui.radio_value(&mut state.size_choice, choice, label);
                }
            });
            ui.end_row();
            if state.size_choice == SizeChoice::Custom {
                ui.label("Pixels");
                ui.horizontal(|ui| {
                    let max = crate::cpu_raster::MAX_SIDE_PX;
                    ui.add(egui::DragValue::new(&mut state.custom[0]).range(16..=max).suffix(" wide"));
                    ui.add(egui::DragValue::new(&mut state.custom[1]).range(16..=max).suffix(" high"));
                });
                ui.end_row();
            }
            ui.label("Format");
            ui.horizontal(|ui| {
                ui.radio_value(&mut opts.format, ExportFormat::Png, "PNG image");
                ui.radio_value(&mut opts.format, ExportFormat::Svg, "SVG drawing");
            });
            ui.end_row();
            let label = ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut opts.title).hint_text("None").desired_width(320.0))
                .labelled_by(label.id);
            ui.end_row();
            ui.label("Include");
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut opts.date_stamp, "Date");
                ui.checkbox(&mut opts.legend, "Legend");
                ui.checkbox(&mut opts.scale_bar, "Scale bar");
                ui.checkbox(&mut opts.attribution, "Credits");
                ui.checkbox(&mut opts.side_panel, "Side panel");
            });
            ui.end_row();
        });
        opts.size_px = size_of(state.size_choice, inputs.window_px, state.custom);
        ui.label(RichText::new(format!("{} x {} pixels", opts.size_px[0], opts.size_px[1])).weak());
        if let Some(texture) = inputs.preview {
            let size = texture.size_vec2();
            let scale = (420.0 / size.x).min(240.0 / size.y).min(1.0);
            ui.add(egui::Image::new(texture).fit_to_exact_size(size * scale)).on_hover_text("Preview");
        }
        ui.horizontal(|ui| {
            if ui.button("Save...").clicked() {
                commands.push(Command::File(FileCommand::ChooseFile(FileAction::Export)));
            }
            // A browser draws no preview and copies no image: the GPU cannot be waited for there.
            #[cfg(not(target_arch = "wasm32"))]
            if ui.button("Copy PNG").on_hover_text("Copy the image to the clipboard").clicked() {
                commands.push(Command::Export(ExportCommand::CopyExport));
            }
            #[cfg(not(target_arch = "wasm32"))]
            if ui.button("Refresh preview").clicked() {
                commands.push(Command::Export(ExportCommand::RefreshExportPreview));
            }
        });
        match inputs.status {
            Some(Ok(text)) => {
                ui.label(RichText::new(text).color(ui.visuals().strong_text_color()));
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        }
        // Frames are written to a folder: the desktop atlas does that, a browser cannot.
        #[cfg(not(target_arch = "wasm32"))]
        {
            ui.separator();
            frames_ui(ui, inputs.progress, state, commands);
        }
    });
    if opts != *inputs.options {
        commands.push(Command::Export(ExportCommand::SetExportOptions(opts)));
    }
    if !open {
        commands.push(Command::Export(ExportCommand::ShowExport(false)));
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn frames_ui(
    ui: &mut egui::Ui,
    progress: Option<(usize, usize)>,
    state: &mut ExportDialogState,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("A date range as frames").strong());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("From");
        ui.add(egui::TextEdit::singleline(&mut state.frames_from).desired_width(90.0)).labelled_by(label.id);
        let label = ui.label("to");
        ui.add(egui::TextEdit::singleline(&mut state.frames_to).desired_width(90.0)).labelled_by(label.id);
        let label = ui.label("every");
        ui.add(egui::TextEdit::singleline(&mut state.frames_step).desired_width(40.0))
            .labelled_by(label.id)
            .on_hover_text("1d = a day, 2w = two weeks, 1m = a month, 1y = a year");
        ui.checkbox(&mut state.frames_gif, "GIF too");
    });
    ui.horizontal(|ui| {
        let label = ui.label("Folder");
        ui.add(egui::TextEdit::singleline(&mut state.frames_dir).hint_text("/path/to/folder").desired_width(260.0))
            .labelled_by(label.id);
        if ui.button("Browse...").clicked() {
            commands.push(Command::File(FileCommand::ChooseFile(FileAction::ExportFramesFolder)));
        }
    });
    if let Some((done, total)) = progress {
        let fraction = done as f32 / total.max(1) as f32;
        ui.add(egui::ProgressBar::new(fraction).text(format!("{done} of {total} frames")).show_percentage());
    } else if ui.button("Write frames").clicked() {
        match frames_request(state) {
            Ok(request) => {
                state.frames_error = None;
                commands.push(Command::Export(ExportCommand::ExportFrames(request)));
            }
            Err(e) => state.frames_error = Some(e),
        }
    }
    if let Some(e) = &state.frames_error {
        ui.colored_label(ui.visuals().error_fg_color, e);
    }
}

/// The frames request the typed fields describe.
pub fn frames_request(state: &ExportDialogState) -> Result<FramesRequest, String> {
    let from = crate::time::parse_day(&state.frames_from).map_err(|e| format!("From: {e}"))?;
    let to = crate::time::parse_day(&state.frames_to).map_err(|e| format!("To: {e}"))?;
    let step = Step::parse(&state.frames_step)?;
    if state.frames_dir.trim().is_empty() {
        return Err("Choose a folder for the frames.".into());
    }
    crate::export::frames::frame_days(from, to, step)?;
    Ok(FramesRequest { from, to, step, dir: state.frames_dir.trim().into(), gif: state.frames_gif })
}
