//! The card of an imported record: its own fields (ACLED notes, fatalities and source; TimelineJS text and
//! media credit; ...), clearly marked as the user's data, with its link opened only when clicked.

use egui::{RichText, Ui};

use crate::command::DataCommand;
use crate::command::{Command, MapCommand};
use crate::import::dates::{DatePrecision, date_of_day};
use crate::import::sources::DataSource;
use crate::model::GeoPoint;
use crate::theme;

/// The date of record `i` for people, as precise as the file says.
fn date_text(s: &DataSource, i: usize) -> String {
    let r = &s.imported.records;
    let shown = r.display_date.get(i);
    if !shown.is_empty() {
        return shown.to_owned();
    }
    let (Some(&start), Some(&end), Some(&p)) = (r.start_day.get(i), r.end_day.get(i), r.precision.get(i)) else {
        return String::new();
    };
    let format = |d: i32, p: DatePrecision| {
        let date = date_of_day(d);
        match p {
            DatePrecision::Year => crate::time::year_label(chrono::Datelike::year(&date)),
            DatePrecision::Month => date.format("%B %Y").to_string(),
            _ => date.format("%-d %B %Y").to_string(),
        }
    };
    let first = format(start, p);
    let week = if p == DatePrecision::Week { " (within a week)" } else { "" };
    let last = crate::import::dates::last_day(crate::import::dates::ImportDate { day: start, precision: p });
    if end > last { format!("{first} – {}", format(end, DatePrecision::Day)) } else { format!("{first}{week}") }
}

/// Draws the card of record `i` of `s`.
pub fn record_card_ui(
    ui: &mut Ui,
    s: &DataSource,
    i: usize,
    (fields, problem): (&[(String, String)], Option<&str>),
    commands: &mut Vec<Command>,
) {
    let r = &s.imported.records;
    ui.horizontal(|ui| {
        if ui.button("Close").clicked() {
            commands.push(Command::Data(DataCommand::OpenRecord(None)));
        }
        ui.label(RichText::new("Your data, not checked by the atlas").color(theme::import_color(s.color)).strong());
    });
    // Users' files may be in Arabic or Persian: laid out right to left like the atlas's own names.
    crate::text::label::label_ui(ui, r.title.get(i), &egui::TextStyle::Heading);
    ui.label(format!("{} · {}", s.imported.name, s.imported.format.label()));
    ui.label(date_text(s, i));
    if let (true, Some(&lon), Some(&lat)) = (r.has_place(i), r.lon.get(i), r.lat.get(i)) {
        let precision = r.place_precision.get(i).map_or("", |p| p.label());
        ui.horizontal(|ui| {
            ui.label(format!("{lat:.3}° N, {lon:.3}° E ({precision})"));
            if ui.small_button("Show on map").clicked() {
                commands.push(Command::Map(MapCommand::ShowOnMap(GeoPoint::lon_lat(f64::from(lon), f64::from(lat)))));
            }
        });
    } else {
        ui.label(RichText::new("No place given: on the timeline only").italics());
    }
    let category = r.category.get(i).map(|&c| r.categories.name(u32::from(c))).unwrap_or_default();
    if !category.is_empty() && category != "records" {
        ui.label(format!("Category: {category}"));
    }
    let actors: Vec<&str> = r.actors_of(i).iter().map(|&a| r.actors.name(a)).collect();
    if !actors.is_empty() {
        ui.label(format!("Actors: {}", actors.join("; ")));
    }
    if matches!(s.imported.format, crate::import::Format::Acled | crate::import::Format::Ucdp) {
        ui.label(format!("Fatalities: {}", r.fatalities.get(i).copied().unwrap_or(0)));
    }
    if let Some(why) = problem {
        ui.label(RichText::new(why).italics());
    }
    egui::Grid::new(("record-fields", s.id, i)).num_columns(2).striped(true).show(ui, |ui| {
        for (name, value) in fields {
            if value.is_empty() {
                continue;
            }
            ui.label(RichText::new(name.replace('_', " ")).small().strong());
            crate::text::label::label_ui(ui, value, &egui::TextStyle::Body);
            ui.end_row();
        }
    });
    let link = r.link.get(i);
    if !link.is_empty() {
        // Only web links with a host open, and only when clicked; anything else is shown as text.
        super::links::source_link_ui(ui, format!("Media: {link}"), link);
    }
}
