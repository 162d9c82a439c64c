//! The card of the selected item: an event (with sources, causes and effects), an armed group, a US
//! position or a protecting-power relation. Sources open in the browser only when clicked.

use egui::{Color32, RichText, Ui};

use crate::command::Command;
use crate::map::content::ContentIndex;
use crate::model::dataset::{Confidence, Dataset, Event, LocationPrecision, Source};
use crate::model::search::Hit;
use crate::theme;

/// What the card shows.
pub struct CardInputs<'a> {
    /// The item.
    pub hit: &'a Hit,
    /// Content.
    pub dataset: &'a Dataset,
    /// Its time index.
    pub index: &'a ContentIndex,
    /// The current day number.
    pub day: f64,
    /// The world inset for relations.
    pub inset: &'a crate::map::inset::WorldInset,
}

/// Draws the card.
pub fn card_ui(ui: &mut Ui, inputs: &CardInputs<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(inputs.hit.kind_label().trim_end_matches('s')).small());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Close the card").clicked() {
                commands.push(Command::Open(None));
            }
        });
    });
    let d = inputs.dataset;
    match inputs.hit {
        Hit::Event(id) => {
            if let Some(e) = d.event(id) {
                event_card_ui(ui, e, inputs, commands);
            }
        }
        Hit::Group(id) => {
            if let Some(g) = d.groups.iter().find(|g| &g.id == id) {
                ui.heading(&g.name);
                if !g.aliases.is_empty() {
                    ui.label(RichText::new(format!("Also: {}", g.aliases.join(", "))).small());
                }
                let backers: Vec<&str> = g.backing.iter().map(|c| d.country_name(c)).collect();
                ui.label(if backers.is_empty() {
                    "No state backer".to_owned()
                } else {
                    format!("Backed by {}", backers.join(", "))
                });
                for s in &g.active {
                    ui.label(format!("Active {}", s.long()));
                }
                ui.label(&g.summary);
                ui.label(RichText::new(format!("Area (approximate): {}", g.area_note)).small());
                note_ui(ui, g.note.as_deref());
                confidence_ui(ui, g.confidence);
                sources_ui(ui, &g.sources);
            }
        }
        Hit::Position(id) => {
            if let Some((i, p)) = d.positions.iter().enumerate().find(|(_, p)| &p.id == id) {
                ui.heading(&p.name);
                let open = inputs.index.position_open(i, inputs.day);
                ui.label(format!(
                    "{} in {}, {} at this date",
                    p.kind.replace('-', " "),
                    d.country_name(&p.country),
                    if open { "open" } else { "closed" }
                ));
                for s in &p.spans {
                    ui.label(format!("Open {}", s.long()));
                }
                ui.label(&p.summary);
                ui.label(RichText::new(precision_text(p.location_precision)).small());
                note_ui(ui, p.note.as_deref());
                confidence_ui(ui, p.confidence);
                sources_ui(ui, &p.sources);
            }
        }
        Hit::Relation(id) => {
            if let Some(r) = d.relation(id) {
                super::relations::relation_card_ui(ui, r, d, inputs.inset, commands);
                note_ui(ui, r.note.as_deref());
                confidence_ui(ui, r.confidence);
                sources_ui(ui, &r.sources);
            }
        }
    }
}

fn event_card_ui(ui: &mut Ui, e: &Event, inputs: &CardInputs<'_>, commands: &mut Vec<Command>) {
    let d = inputs.dataset;
    ui.heading(&e.title);
    ui.label(RichText::new(e.span().long()).strong());
    let place = e.countries.iter().map(|c| d.country_name(c)).collect::<Vec<_>>().join(", ");
    ui.label(format!("{place} · {}", precision_text(e.location_precision)));
    ui.horizontal(|ui| {
        if ui.button("Go to date").clicked() {
            commands.push(Command::SetDay(crate::time::day_from_date(e.date.first_day())));
        }
        if let Some(at) = e.at
            && ui.button("Show on map").clicked()
        {
            commands.push(Command::ShowOnMap(at));
        }
    });
    confidence_ui(ui, e.confidence);
    ui.label(&e.summary);
    note_ui(ui, e.note.as_deref());
    if !e.actors.is_empty() {
        ui.label(RichText::new("Actors").strong());
        ui.horizontal_wrapped(|ui| {
            for a in &e.actors {
                let (name, hit) = match d.groups.iter().find(|g| &g.id == a) {
                    Some(g) => (g.name.clone(), Some(Hit::Group(g.id.clone()))),
                    None => (d.actors.iter().find(|x| &x.id == a).map_or(a.clone(), |x| x.name.clone()), None),
                };
                let response = ui.link(name).on_hover_text("Show only this actor's events, or open the group");
                if response.clicked() {
                    match hit {
                        Some(h) => commands.push(Command::Open(Some(h))),
                        None => commands.push(Command::FilterActor(Some(a.clone()))),
                    }
                }
            }
        });
    }
    chain_ui(ui, "Followed from", e.causes.iter().filter_map(|c| d.event(c)), commands);
    let effects = d.events.iter().filter(|x| x.causes.iter().any(|c| c == &e.id));
    chain_ui(ui, "Led to", effects, commands);
    sources_ui(ui, &e.sources);
}

fn chain_ui<'a>(ui: &mut Ui, heading: &str, events: impl Iterator<Item = &'a Event>, commands: &mut Vec<Command>) {
    let events: Vec<&Event> = events.collect();
    if events.is_empty() {
        return;
    }
    ui.label(RichText::new(heading).strong());
    for e in events {
        if ui.link(format!("{} ({})", e.title, e.date.long())).clicked() {
            commands.push(Command::Open(Some(Hit::Event(e.id.clone()))));
        }
    }
}

fn precision_text(p: LocationPrecision) -> &'static str {
    match p {
        LocationPrecision::Exact => "exact site",
        LocationPrecision::City => "placed at the city",
        LocationPrecision::Approximate => "approximate place",
        LocationPrecision::None => "no single place",
    }
}

/// A coloured badge for a confidence level.
pub fn confidence_ui(ui: &mut Ui, c: Confidence) {
    let (color, text) = match c {
        Confidence::Confirmed => (Color32::from_rgb(0x00, 0x9E, 0x73), "Confirmed by sources"),
        Confidence::Reported => (Color32::from_rgb(0xE6, 0x9F, 0x00), "Reported by one source"),
        Confidence::Disputed => (theme::NOW_LINE, "Disputed: sources disagree"),
    };
    ui.label(RichText::new(text).color(Color32::WHITE).background_color(color).strong());
}

fn note_ui(ui: &mut Ui, note: Option<&str>) {
    if let Some(n) = note {
        ui.label(RichText::new(format!("Note: {n}")).italics());
    }
}

/// The sources as links; the system browser opens only when one is clicked, and only for http(s).
pub fn sources_ui(ui: &mut Ui, sources: &[Source]) {
    ui.label(RichText::new("Sources").strong());
    for s in sources {
        super::links::source_link_ui(ui, &s.title, &s.url);
    }
}
