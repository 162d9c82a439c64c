//! The side panel: search, the selected item's card, what happened around this date, protecting powers,
//! checked claims, and filters.

use egui::{RichText, Ui};

use crate::command::Command;
use crate::map::content::ContentIndex;
use crate::model::dataset::Dataset;
use crate::model::filters::Filters;
use crate::model::search::{Hit, SearchIndex};

/// What the side panel shows.
pub struct SideInputs<'a> {
    /// Content.
    pub dataset: &'a Dataset,
    /// Its time index.
    pub index: &'a ContentIndex,
    /// Search index.
    pub search: &'a SearchIndex,
    /// The world inset for relations.
    pub inset: &'a crate::map::inset::WorldInset,
    /// The selected item.
    pub card: Option<&'a Hit>,
    /// The current day number.
    pub day: f64,
    /// How long events stay "near" the date.
    pub window_days: f64,
    /// Filters.
    pub filters: &'a Filters,
    /// Only relations in force.
    pub relations_active_only: bool,
}

/// The side panel's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SideTab {
    /// Events around the current date.
    #[default]
    ThisDate,
    /// Protecting-power relations.
    Powers,
    /// Checked claims.
    Claims,
    /// Filters and layers.
    Filters,
}

impl SideTab {
    const ALL: [Self; 4] = [Self::ThisDate, Self::Powers, Self::Claims, Self::Filters];

    fn label(self) -> &'static str {
        match self {
            Self::ThisDate => "This date",
            Self::Powers => "Protecting powers",
            Self::Claims => "Checked claims",
            Self::Filters => "Filters",
        }
    }
}

/// The side panel's own state, kept by the app.
#[derive(Debug, Default)]
pub struct SideState {
    /// Search text.
    pub search_text: String,
    /// Highlighted search result.
    pub search_cursor: usize,
    /// The open tab.
    pub tab: SideTab,
}

/// Draws the panel: search, the open card, then the tabs.
pub fn side_ui(ui: &mut Ui, inputs: &SideInputs<'_>, state: &mut SideState, commands: &mut Vec<Command>) {
    super::search::search_ui(ui, inputs.search, &mut state.search_text, &mut state.search_cursor, commands);
    ui.separator();
    if let Some(hit) = inputs.card {
        let max = ui.available_height() * 0.55;
        egui::ScrollArea::vertical().id_salt("card-scroll").max_height(max).show(ui, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let card = super::card::CardInputs {
                    hit,
                    dataset: inputs.dataset,
                    index: inputs.index,
                    day: inputs.day,
                    inset: inputs.inset,
                };
                super::card::card_ui(ui, &card, commands);
            });
        });
        ui.separator();
    }
    ui.horizontal_wrapped(|ui| {
        for tab in SideTab::ALL {
            ui.selectable_value(&mut state.tab, tab, tab.label());
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().id_salt("side-tab-scroll").show(ui, |ui| match state.tab {
        SideTab::ThisDate => on_this_date_ui(ui, inputs, commands),
        SideTab::Powers => {
            let selected = match inputs.card {
                Some(Hit::Relation(id)) => Some(id.as_str()),
                _ => None,
            };
            super::relations::relations_ui(
                ui,
                inputs.dataset,
                inputs.index,
                inputs.day,
                inputs.relations_active_only,
                selected,
                commands,
            );
        }
        SideTab::Claims => super::relations::claims_ui(ui, inputs.dataset),
        SideTab::Filters => super::filters::filters_ui(ui, inputs.filters, inputs.dataset, commands),
    });
}

/// Events near the current date (those highlighted on the map), in order.
fn on_this_date_ui(ui: &mut Ui, inputs: &SideInputs<'_>, commands: &mut Vec<Command>) {
    let mut near = inputs.index.events_at(inputs.day, inputs.window_days);
    near.retain(|&(i, _)| inputs.dataset.events.get(i).is_some_and(|e| inputs.filters.shows_event(e)));
    if near.is_empty() {
        ui.label(RichText::new("No event near this date. Press → for the next one.").weak());
        return;
    }
    for (i, strength) in near {
        let Some(e) = inputs.dataset.events.get(i) else { continue };
        let text = format!("{}  {}", e.date.long(), e.title);
        let rich = crate::text::label::widget_text(ui, &text, strength >= 1.0);
        let selected = inputs.card == Some(&Hit::Event(e.id.clone()));
        if ui.selectable_label(selected, rich).clicked() {
            commands.push(Command::Open(Some(Hit::Event(e.id.clone()))));
        }
    }
}
