//! The open card, what a click on the map can open, and the chooser when several things lie under the pointer.

use crate::model::search::Hit;

/// Something a click on the map can open.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick {
    /// A record of the atlas (the date stays).
    Record(Hit),
    /// A record of the user's data (source id, record index).
    Imported(u64, u32),
}

/// The chooser shown when a click found several things alike under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub struct Chooser {
    /// Where the click was (the chooser opens there).
    pub at: egui::Pos2,
    /// What to choose from, with each one's name, the one drawn on top first.
    pub items: Vec<(String, Pick)>,
}

/// Opening or closing a card.
#[derive(Clone, Debug, PartialEq)]
pub enum CardCommand {
    /// Select an event by id, or clear (the date stays).
    SelectEvent(Option<String>),
    /// Open an item's card and move to its date (a relation also highlights its countries), or close.
    Open(Option<crate::model::search::Hit>),
    /// Open an item's card and leave the date where it is (a click on what the map draws at this date).
    OpenCard(Option<crate::model::search::Hit>),
    /// Show the chooser for several records under one click.
    OpenChooser(Chooser),
    /// Close that chooser.
    CloseChooser,
}
