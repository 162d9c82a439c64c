//! Filters and layer switches; they apply to the map and the timeline alike.

use egui::Ui;

use crate::command::{Command, MapCommand};
use crate::map::content::EventGroup;
use crate::model::dataset::{Confidence, Dataset, EventKind};
use crate::model::filters::Filters;

/// Draws the filters; every change pushes the whole new filter set.
pub fn filters_ui(ui: &mut Ui, filters: &Filters, dataset: &Dataset, commands: &mut Vec<Command>) {
    let mut f = filters.clone();
    ui.label("Layers");
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut f.show_events, "Events");
        ui.checkbox(&mut f.show_groups, "Armed groups");
        ui.checkbox(&mut f.show_positions, "US positions");
    });
    ui.label("Event kinds");
    for group in EventGroup::ALL {
        ui.horizontal_wrapped(|ui| {
            for kind in EventKind::ALL.into_iter().filter(|k| EventGroup::of(*k) == group) {
                shown_checkbox(ui, &mut f.hidden_kinds, kind, kind.label());
            }
        });
    }
    ui.label("Confidence");
    ui.horizontal(|ui| {
        for c in Confidence::ALL {
            shown_checkbox(ui, &mut f.hidden_confidence, c, c.label());
        }
    });
    let mut countries: Vec<&str> = dataset.events.iter().flat_map(|e| e.countries.iter().map(String::as_str)).collect();
    countries.sort_by_key(|c| dataset.country_name(c));
    countries.dedup();
    let selected = f.country.as_deref().map_or("All countries", |c| dataset.country_name(c));
    egui::ComboBox::from_label("Country").selected_text(selected).show_ui(ui, |ui| {
        ui.selectable_value(&mut f.country, None, "All countries");
        for c in countries {
            ui.selectable_value(&mut f.country, Some(c.to_owned()), dataset.country_name(c));
        }
    });
    if let Some(a) = &f.actor {
        let name = dataset.actors.iter().find(|x| &x.id == a).map_or(a.as_str(), |x| x.name.as_str());
        ui.horizontal(|ui| {
            ui.label(format!("Only events of {name}"));
            if ui.button("Show all actors").clicked() {
                commands.push(Command::Map(MapCommand::FilterActor(None)));
            }
        });
    }
    if !f.is_default() && ui.button("Reset filters").clicked() {
        f = Filters::default();
    }
    if f != *filters {
        commands.push(Command::Map(MapCommand::SetFilters(f)));
    }
}

/// A "shown" checkbox backed by a set of hidden items.
fn shown_checkbox<T: Ord>(ui: &mut Ui, hidden: &mut std::collections::BTreeSet<T>, item: T, label: &str) {
    let mut shown = !hidden.contains(&item);
    if ui.checkbox(&mut shown, label).changed() {
        if shown {
            hidden.remove(&item);
        } else {
            hidden.insert(item);
        }
    }
}
