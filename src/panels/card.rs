//! The card of the selected item: an event (with sources, causes and effects), an armed group, a US
//! position or a protecting-power relation. Sources open in the browser only when clicked.

use egui::{Color32, RichText, TextStyle, Ui};

use crate::command::{CardCommand, Command, MapCommand, TimeCommand};
use crate::map::content::ContentIndex;
use crate::model::dataset::{Confidence, Dataset, Event, LocationPrecision};

use super::links::sources_ui;
use crate::model::search::Hit;
use crate::text::label::label_ui;
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
    /// The map's layers, for the countries' local names.
    pub atlas: &'a crate::model::Atlas,
    /// Which names the map shows: with local ones, the card gives them after the English ones.
    pub names: crate::text::names::NameMode,
}

impl CardInputs<'_> {
    /// A country's name for the card's text: English, with the local name in brackets when the map shows
    /// local names (CLDR's, as on the map).
    fn country(&self, a3: &str) -> String {
        let local = self.atlas.country(a3).and_then(|c| c.local_name.as_deref());
        self.names.inline(self.dataset.country_name(a3), local)
    }
}

/// Draws the card.
pub fn card_ui(ui: &mut Ui, inputs: &CardInputs<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(inputs.hit.kind_label().trim_end_matches('s')).small());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Close the card").clicked() {
                commands.push(Command::Card(CardCommand::Open(None)));
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
                label_ui(ui, &g.name, &TextStyle::Heading);
                go_to_date_ui(ui, inputs, commands);
                if !g.aliases.is_empty() {
                    ui.label(RichText::new(format!("Also: {}", g.aliases.join(", "))).small());
                }
                let backers: Vec<String> = g.backing.iter().map(|c| inputs.country(c)).collect();
                let backed = if backers.is_empty() {
                    "No state backer".to_owned()
                } else {
                    format!("Backed by {}", backers.join(", "))
                };
                label_ui(ui, &backed, &TextStyle::Body);
                for s in &g.active {
                    ui.label(format!("Active {}", s.long()));
                }
                label_ui(ui, &g.summary, &TextStyle::Body);
                group_areas_ui(ui, g, inputs.day);
                note_ui(ui, g.note.as_deref());
                confidence_ui(ui, g.confidence);
                sources_ui(ui, &g.sources);
            }
        }
        Hit::Position(id) => {
            if let Some((i, p)) = d.positions.iter().enumerate().find(|(_, p)| &p.id == id) {
                label_ui(ui, &p.name, &TextStyle::Heading);
                go_to_date_ui(ui, inputs, commands);
                let presence = inputs.index.position_presence(i, inputs.day);
                ui.label(format!(
                    "{} in {}, {} at this date",
                    p.kind.replace('-', " "),
                    d.country_name(&p.country),
                    presence.label("open")
                ));
                for s in &p.spans {
                    ui.label(format!("Open {}", s.long()));
                }
                label_ui(ui, &p.summary, &TextStyle::Body);
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

/// "Go to date": moves the date to the item's first span (a click on the map opened the card where the
/// date was; moving it is this separate, visible step).
fn go_to_date_ui(ui: &mut Ui, inputs: &CardInputs<'_>, commands: &mut Vec<Command>) {
    let Some(&(start, _)) = inputs.index.spans_of(inputs.dataset, inputs.hit).first() else { return };
    let when = crate::time::date_from_day(start).format("%-d %B %Y").to_string();
    if ui.button("Go to date").on_hover_text(format!("Move the date to {when}")).clicked() {
        commands.push(Command::Time(TimeCommand::SetDay(start)));
    }
}

fn event_card_ui(ui: &mut Ui, e: &Event, inputs: &CardInputs<'_>, commands: &mut Vec<Command>) {
    let d = inputs.dataset;
    label_ui(ui, &e.title, &TextStyle::Heading);
    ui.label(RichText::new(e.span().long()).strong());
    let place = e.countries.iter().map(|c| inputs.country(c)).collect::<Vec<_>>().join(", ");
    label_ui(ui, &format!("{place} · {}", precision_text(e.location_precision)), &TextStyle::Body);
    ui.horizontal(|ui| {
        if ui.button("Go to date").clicked() {
            commands.push(Command::Time(TimeCommand::SetDay(crate::time::day_from_date(e.date.first_day()))));
        }
        if let Some(at) = e.at
            && ui.button("Show on map").clicked()
        {
            commands.push(Command::Map(MapCommand::ShowOnMap(at)));
        }
    });
    confidence_ui(ui, e.confidence);
    label_ui(ui, &e.summary, &TextStyle::Body);
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
                        Some(h) => commands.push(Command::Card(CardCommand::Open(Some(h)))),
                        None => commands.push(Command::Map(MapCommand::FilterActor(Some(a.clone())))),
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
            commands.push(Command::Card(CardCommand::Open(Some(Hit::Event(e.id.clone())))));
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

/// A group's dated areas: the one drawn at this date first, then when the others apply (or why none is).
fn group_areas_ui(ui: &mut Ui, g: &crate::model::dataset::Group, day: f64) {
    let date = crate::time::date_from_day(day);
    if g.areas.is_empty() {
        ui.label(RichText::new("No area drawn: no source places the group on the ground at a mapped place.").small());
        return;
    }
    let shown: Vec<_> = g.areas.iter().filter(|a| a.span.presence(date).is_shown()).collect();
    if shown.is_empty() {
        ui.label(RichText::new("No area drawn at this date.").small());
    }
    for a in &shown {
        ui.label(RichText::new(format!("Area at this date ({}, approximate): {}", a.span.long(), a.note)).small());
    }
    let others: Vec<String> = g.areas.iter().filter(|a| !shown.contains(a)).map(|a| a.span.long()).collect();
    if !others.is_empty() {
        ui.label(RichText::new(format!("Other mapped periods: {}", others.join("; "))).small());
    }
}
