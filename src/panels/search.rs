//! The search box (Ctrl+F): results by kind; ↑/↓ move, Enter opens.

use egui::{Id, RichText, Ui};

use crate::command::keys;
use crate::command::{CardCommand, Command};
use crate::model::search::{Result as SearchResult, SearchIndex};

/// How many results the list shows.
const MAX_RESULTS: usize = 30;
/// The search field's id, so Ctrl+F can focus it.
pub fn search_field_id() -> Id {
    Id::unique("timeatlas-search")
}

/// Draws the search box and its results. `cursor` is the highlighted result, kept by the app.
pub fn search_ui(ui: &mut Ui, index: &SearchIndex, text: &mut String, cursor: &mut usize, commands: &mut Vec<Command>) {
    let field = ui
        .horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(text)
                    .id(search_field_id())
                    .hint_text(format!("events, groups, places ({})", keys::text(ui.ctx(), &keys::SEARCH)))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
        })
        .inner;
    let results: Vec<SearchResult> = index.search(text, MAX_RESULTS);
    if text.trim().is_empty() {
        return;
    }
    if results.is_empty() {
        ui.label(RichText::new("No matches").weak());
        return;
    }
    let (down, up, enter) = ui.input(|i| {
        (i.key_pressed(egui::Key::ArrowDown), i.key_pressed(egui::Key::ArrowUp), i.key_pressed(egui::Key::Enter))
    });
    if field.changed() {
        *cursor = 0;
    }
    if field.has_focus() || field.lost_focus() {
        if down {
            *cursor = (*cursor + 1).min(results.len() - 1);
        }
        if up {
            *cursor = cursor.saturating_sub(1);
        }
        if enter
            && field.lost_focus()
            && let Some(r) = results.get(*cursor).or_else(|| results.first())
        {
            commands.push(Command::Card(CardCommand::Open(Some(r.hit.clone()))));
        }
    }
    *cursor = (*cursor).min(results.len() - 1);
    let mut last_kind = "";
    egui::ScrollArea::vertical().id_salt("search-results").max_height(220.0).show(ui, |ui| {
        for (i, r) in results.iter().enumerate() {
            if r.hit.kind_label() != last_kind {
                last_kind = r.hit.kind_label();
                ui.label(RichText::new(last_kind).small().strong());
            }
            if ui.selectable_label(i == *cursor, &r.title).clicked() {
                commands.push(Command::Card(CardCommand::Open(Some(r.hit.clone()))));
            }
        }
    });
}
