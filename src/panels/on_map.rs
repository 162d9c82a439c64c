//! The side panel's "On the map" tab: what the map shows at this date in this view (events, armed groups'
//! areas, US positions, the user's records), one row each, as lists a screen reader names. Rows are buttons:
//! Tab reaches them, Enter or Space opens the card, as a click does.

use egui::accesskit::Role;
use egui::{RichText, Ui};

use crate::command::DataCommand;
use crate::command::{CardCommand, Command};
use crate::model::search::Hit;

/// The accessible name of the whole list.
pub const LIST_NAME: &str = "What the map shows";

/// What kind of thing a row is; rows are listed in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ShownKind {
    /// An event marker.
    Event,
    /// An armed group's area.
    Group,
    /// A US position's marker.
    Position,
    /// A record of the user's data.
    Record,
}

impl ShownKind {
    const ALL: [Self; 4] = [Self::Event, Self::Group, Self::Position, Self::Record];

    /// The heading and accessible name of its list.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Event => "Events",
            Self::Group => "Armed groups' areas",
            Self::Position => "US positions",
            Self::Record => "Your data",
        }
    }
}

/// What a row opens.
#[derive(Clone, Debug, PartialEq)]
pub enum ShownTarget {
    /// An atlas record's card.
    Item(Hit),
    /// A record of the user's data: (source id, record index).
    Record(u64, u32),
}

/// One thing the map shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownItem {
    /// Its kind.
    pub kind: ShownKind,
    /// The row's text (what a screen reader says).
    pub label: String,
    /// What it opens.
    pub target: ShownTarget,
}

/// The lists, kind by kind, under one list node named [`LIST_NAME`].
pub fn on_map_ui(
    ui: &mut Ui,
    items: &[ShownItem],
    card: Option<&Hit>,
    record: Option<(u64, u32)>,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new(LIST_NAME).strong());
    if items.is_empty() {
        ui.label(RichText::new("Nothing on the map at this date in this view.").weak());
        return;
    }
    ui.scope(|ui| {
        name_list(ui, LIST_NAME);
        for kind in ShownKind::ALL {
            let rows: Vec<&ShownItem> = items.iter().filter(|i| i.kind == kind).collect();
            if rows.is_empty() {
                continue;
            }
            let heading = format!("{} ({})", kind.heading(), rows.len());
            ui.label(RichText::new(&heading).small().strong());
            ui.scope(|ui| {
                name_list(ui, &heading);
                for row in rows {
                    let selected = match &row.target {
                        ShownTarget::Item(hit) => card == Some(hit),
                        ShownTarget::Record(s, r) => record == Some((*s, *r)),
                    };
                    let text = crate::text::label::widget_text(ui, &row.label, false);
                    let response = ui.selectable_label(selected, text);
                    crate::text::label::logical_name(ui, &response, &row.label);
                    if response.clicked() {
                        commands.push(open(&row.target));
                    }
                }
            });
        }
    });
}

/// Makes `ui`'s accessibility node a list with this name.
fn name_list(ui: &Ui, name: &str) {
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_role(Role::List);
        node.set_label(name);
    });
}

/// The command that opens a row's card.
pub fn open(target: &ShownTarget) -> Command {
    match target {
        ShownTarget::Item(hit) => Command::Card(CardCommand::Open(Some(hit.clone()))),
        ShownTarget::Record(source, record) => Command::Data(DataCommand::OpenRecord(Some((*source, *record)))),
    }
}
