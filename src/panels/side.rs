//! The side panel: search, the selected item's card, what happened around this date, protecting powers,
//! checked claims, and filters.

use egui::{RichText, Ui};

use crate::command::{CardCommand, Command};
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
    /// Playing at a month a second or faster: dates that follow the playback name the month only, since
    /// the day would change every frame (unreadable, and every change lays the strip out again).
    pub month_only: bool,
    /// How long events stay "near" the date.
    pub window_days: f64,
    /// Filters.
    pub filters: &'a Filters,
    /// Only relations in force.
    pub relations_active_only: bool,
    /// The user's imported data.
    pub sources: &'a crate::import::sources::DataSources,
    /// The open imported record (source id, record index).
    pub record: Option<(u64, u32)>,
    /// Its card fields (read when it was opened).
    pub record_fields: &'a [(String, String)],
    /// Why they could not be read.
    pub record_fields_problem: Option<&'a str>,
    /// What the map showed in the last frame.
    pub shown: &'a [super::on_map::ShownItem],
    /// The map's layers (the countries' local names for the card).
    pub atlas: &'a crate::model::Atlas,
    /// Which names the map shows.
    pub names: crate::text::names::NameMode,
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
    /// What the map shows, as a list.
    OnMap,
}

impl SideTab {
    const ALL: [Self; 5] = [Self::ThisDate, Self::OnMap, Self::Powers, Self::Claims, Self::Filters];

    fn label(self) -> &'static str {
        match self {
            Self::ThisDate => "This date",
            Self::Powers => "Protecting powers",
            Self::Claims => "Checked claims",
            Self::Filters => "Filters",
            Self::OnMap => "On the map",
        }
    }
}

/// Search matches in the imported data: the text, a key of the data searched, the (source, record) hits.
pub type ImportedHits = (String, usize, Vec<(u64, u32)>);

/// The side panel's own state, kept by the app.
#[derive(Debug, Default)]
pub struct SideState {
    /// Search text.
    pub search_text: String,
    /// Highlighted search result.
    pub search_cursor: usize,
    /// The open tab.
    pub tab: SideTab,
    /// Matches of the search text in the imported data, for (text, data revision): searched once per
    /// change, not every frame, since a file may hold a million rows.
    pub imported_hits: Option<ImportedHits>,
}

/// Below this screen height (points) the in-force strip names fewer relations while a card is open.
const SHORT_SCREEN: f32 = 500.0;

/// Draws the panel: search, the open card, then the tabs.
pub fn side_ui(ui: &mut Ui, inputs: &SideInputs<'_>, state: &mut SideState, commands: &mut Vec<Command>) {
    let short = ui.ctx().content_rect().height() < SHORT_SCREEN;
    let named = if short && (inputs.card.is_some() || inputs.record.is_some()) {
        super::relations::IN_FORCE_SHOWN_SHORT
    } else {
        super::relations::IN_FORCE_SHOWN
    };
    let at = (inputs.day, inputs.month_only, named);
    if super::relations::in_force_ui(ui, inputs.dataset, inputs.index, at, commands) {
        state.tab = SideTab::Powers;
    }
    ui.separator();
    super::search::search_ui(ui, inputs.search, &mut state.search_text, &mut state.search_cursor, commands);
    imported_search_ui(ui, inputs, state, commands);
    ui.separator();
    if let Some((source, record)) = inputs.record
        && let Some(s) = inputs.sources.get(source)
    {
        let max = ui.available_height() * 0.55;
        egui::ScrollArea::vertical().id_salt(("record-scroll", source, record)).max_height(max).show(ui, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let fields = (inputs.record_fields, inputs.record_fields_problem);
                super::record_card::record_card_ui(ui, s, record as usize, fields, commands);
            });
        });
        ui.separator();
    } else if let Some(hit) = inputs.card {
        let max = ui.available_height() * 0.55;
        // One scroll position per card: a card opened from a "Led to" link starts at its title.
        egui::ScrollArea::vertical().id_salt(("card-scroll", hit)).max_height(max).show(ui, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let card = super::card::CardInputs {
                    hit,
                    dataset: inputs.dataset,
                    index: inputs.index,
                    day: inputs.day,
                    inset: inputs.inset,
                    atlas: inputs.atlas,
                    names: inputs.names,
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
        SideTab::OnMap => super::on_map::on_map_ui(ui, inputs.shown, inputs.card, inputs.record, commands),
    });
}

/// Imported records whose title or actors contain the search text.
fn imported_search_ui(ui: &mut Ui, inputs: &SideInputs<'_>, state: &mut SideState, commands: &mut Vec<Command>) {
    let query = state.search_text.trim();
    if query.chars().count() < 2 || inputs.sources.is_empty() {
        return;
    }
    let key = inputs.sources.sources.iter().map(|s| s.imported.records.len() + s.id as usize).sum::<usize>();
    if state.imported_hits.as_ref().is_none_or(|(q, k, _)| q != query || *k != key) {
        state.imported_hits = Some((query.to_owned(), key, inputs.sources.search(query, 8)));
    }
    let Some((_, _, hits)) = &state.imported_hits else { return };
    if hits.is_empty() {
        return;
    }
    ui.label(RichText::new("In your data").small().strong());
    for &(source, record) in hits {
        let Some(s) = inputs.sources.get(source) else { continue };
        let title = s.imported.records.title.get(record as usize);
        let text = format!("{title}  ({})", s.imported.name);
        if ui.selectable_label(inputs.record == Some((source, record)), text).clicked() {
            commands.push(Command::Data(crate::command::DataCommand::OpenRecord(Some((source, record)))));
        }
    }
}

/// Imported records at the current date, a few per source.
fn imported_this_date_ui(ui: &mut Ui, inputs: &SideInputs<'_>, commands: &mut Vec<Command>) -> bool {
    let mut any = false;
    for s in inputs.sources.sources.iter().filter(|s| s.visible) {
        // Newest first: what just happened matters most.
        let total = s.active_at(inputs.day, inputs.window_days).count();
        if total == 0 {
            continue;
        }
        any = true;
        ui.label(RichText::new(format!("{} (your data)", s.imported.name)).strong());
        for (i, strength) in s.active_at(inputs.day, inputs.window_days).rev().take(50) {
            let r = &s.imported.records;
            let date =
                r.start_day.get(i).map(|&d| crate::import::dates::date_of_day(d).format("%-d %b %Y").to_string());
            let text = format!("{}  {}", date.unwrap_or_default(), r.title.get(i));
            let rich = if strength >= 1.0 { RichText::new(text).strong() } else { RichText::new(text) };
            let key = (s.id, i as u32);
            if ui.selectable_label(inputs.record == Some(key), rich).clicked() {
                commands.push(Command::Data(crate::command::DataCommand::OpenRecord(Some(key))));
            }
        }
        if total > 50 {
            ui.label(RichText::new(format!("and {} more: zoom the timeline in to see fewer", total - 50)).weak());
        }
    }
    any
}

/// Events near the current date (those highlighted on the map), in order.
fn on_this_date_ui(ui: &mut Ui, inputs: &SideInputs<'_>, commands: &mut Vec<Command>) {
    if imported_this_date_ui(ui, inputs, commands) {
        // The atlas's own events follow under their own heading, apart from the user's.
        ui.separator();
        ui.label(RichText::new("The atlas's events").strong());
    }
    let mut near = inputs.index.events_at(inputs.day, inputs.window_days);
    near.retain(|&(i, _)| inputs.dataset.events.get(i).is_some_and(|e| inputs.filters.shows_event(e)));
    if near.is_empty() {
        ui.label(RichText::new("No event near this date. Next event: the right arrow key.").weak());
        return;
    }
    for (i, strength) in near {
        let Some(e) = inputs.dataset.events.get(i) else { continue };
        let text = format!("{}  {}", e.date.long(), e.title);
        let rich = crate::text::label::widget_text(ui, &text, strength >= 1.0);
        let selected = inputs.card == Some(&Hit::Event(e.id.clone()));
        let response = ui.selectable_label(selected, rich);
        crate::text::label::logical_name(ui, &response, &text);
        if response.clicked() {
            commands.push(Command::Card(CardCommand::Open(Some(Hit::Event(e.id.clone())))));
        }
    }
}

/// An export's side panel: the events, groups and protecting powers of the export's date, as the window's
/// panel lists them with no card open.
pub fn export_side_ui(ui: &mut egui::Ui, scene: &crate::export::ExportScene<'_>, window_days: f64) {
    let (doc, look) = (scene.doc, &scene.look);
    let day = look.day;
    let inputs = SideInputs {
        dataset: &doc.dataset,
        index: &doc.content,
        search: &doc.search,
        inset: &doc.data.inset,
        card: None,
        day,
        month_only: false,
        window_days,
        filters: &look.filters,
        relations_active_only: look.relations_active_only,
        sources: &doc.sources,
        record: None,
        record_fields: &[],
        record_fields_problem: None,
        shown: &[],
        atlas: &doc.data.atlas,
        names: look.names,
    };
    let mut state = SideState::default();
    side_ui(ui, &inputs, &mut state, &mut Vec::new());
}
