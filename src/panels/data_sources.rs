//! The Data sources window: every imported file with its format, counts, dates and skipped rows, its
//! colour, a visibility toggle per file and per category, and Remove; files being read with their
//! progress; the columns field for a CSV whose columns are not found by name.

use egui::{Context, RichText, Ui};

use crate::command::Command;
use crate::command::DataCommand;
use crate::import::dates::date_of_day;
use crate::import::sources::{DataSource, DataSources};
use crate::theme;

/// What the window shows.
pub struct DataSourcesInputs<'a> {
    /// Loaded files.
    pub sources: &'a DataSources,
    /// Files being read.
    pub jobs: &'a [JobProgress],
    /// The source whose skipped rows are listed.
    pub skipped_open: Option<u64>,
}

/// Draws the window when `open`.
pub fn data_sources_ui(
    ctx: &Context,
    open: bool,
    inputs: &DataSourcesInputs<'_>,
    columns_text: &mut String,
    commands: &mut Vec<Command>,
) {
    if !open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Data sources").open(&mut still_open).default_width(460.0).vscroll(true).show(ctx, |ui| {
        ui.label("Your own files: TimelineJS, StoryMapJS, ACLED, UCDP, GeoJSON or KML with dates, or any CSV with dates. They are your data, not the atlas's checked content.");
        ui.horizontal(|ui| {
            if ui.button("Import data…").clicked() {
                commands.push(Command::Data(DataCommand::ImportDialog));
            }
            ui.label("or drop files on the window.");
        });
        for job in inputs.jobs.iter().filter(|j| j.show) {
            ui.add(egui::ProgressBar::new(job.fraction).show_percentage().text(format!("Reading {}", job.name)));
        }
        ui.horizontal(|ui| {
            ui.label("CSV columns:");
            let field = egui::TextEdit::singleline(columns_text).hint_text("lat=y,lon=x,date=when").desired_width(220.0);
            if ui.add(field).on_hover_text("For a CSV whose columns are not found by their names; used by the next import").changed() {
                commands.push(Command::Data(DataCommand::SetColumns(columns_text.clone())));
            }
        });
        ui.separator();
        if inputs.sources.is_empty() && inputs.jobs.is_empty() {
            ui.label(RichText::new("No files imported yet.").italics());
        }
        for s in &inputs.sources.sources {
            source_ui(ui, s, inputs.skipped_open == Some(s.id), commands);
            ui.separator();
        }
    });
    if !still_open {
        commands.push(Command::Data(DataCommand::ShowPanel(false)));
    }
}

fn source_ui(ui: &mut Ui, s: &DataSource, skipped_open: bool, commands: &mut Vec<Command>) {
    let r = &s.imported.records;
    ui.horizontal(|ui| {
        let color = theme::import_color(s.color);
        let (rect, swatch) = ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::click());
        ui.painter().rect_filled(rect, 3.0, color);
        if swatch.on_hover_text("Change colour").clicked() {
            commands.push(Command::Data(DataCommand::NextColor(s.id)));
        }
        let mut visible = s.visible;
        if ui.checkbox(&mut visible, RichText::new(&s.imported.name).strong()).changed() {
            commands.push(Command::Data(DataCommand::SetVisible(s.id, visible)));
        }
        if ui.button("Remove").on_hover_text("Take this file off the map (the file itself is not touched)").clicked() {
            commands.push(Command::Data(DataCommand::Remove(s.id)));
        }
    });
    let range = r.day_range().map_or_else(String::new, |(a, b)| {
        format!(", {} to {}", date_of_day(a).format("%-d %b %Y"), date_of_day(b).format("%-d %b %Y"))
    });
    ui.label(format!("{} · {} records, {} with a place{range}", s.imported.format.label(), r.len(), r.with_place()));
    ui.label(RichText::new(s.imported.path.display().to_string()).small());
    for note in &s.imported.notes {
        ui.label(RichText::new(note).small());
    }
    if r.categories.len() > 1 {
        ui.horizontal_wrapped(|ui| {
            for (k, name) in r.categories.names().iter().enumerate() {
                let k = k as u16;
                let mut on = !s.hidden_categories.contains(&k);
                if ui.checkbox(&mut on, name).changed() {
                    commands.push(Command::Data(DataCommand::SetCategoryVisible(s.id, k, on)));
                }
            }
        });
    }
    if s.imported.skipped.count > 0 {
        let text = format!("{} rows skipped: show why", s.imported.skipped.count);
        if ui.selectable_label(skipped_open, text).clicked() {
            commands.push(Command::Data(DataCommand::ShowSkipped(if skipped_open { None } else { Some(s.id) })));
        }
        if skipped_open {
            egui::ScrollArea::vertical().id_salt(("skipped", s.id)).max_height(160.0).show(ui, |ui| {
                for e in &s.imported.skipped.first {
                    ui.label(RichText::new(e.detail()).small());
                }
                let more = s.imported.skipped.count.saturating_sub(s.imported.skipped.first.len() as u64);
                if more > 0 {
                    ui.label(RichText::new(format!("and {more} more")).small().italics());
                }
            });
        }
    }
}

/// Progress of one file being read, for the window.
pub struct JobProgress {
    /// The file's name.
    pub name: String,
    /// Share read, 0 to 1.
    pub fraction: f32,
    /// Shown only after 200 ms (a small file just appears).
    pub show: bool,
}
