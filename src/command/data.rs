//! Changes to the user's data sources, asked for by the Data sources window, cards and lists.

use std::path::PathBuf;

/// A change to the user's data sources, asked for by a view.
#[derive(Clone, Debug, PartialEq)]
pub enum DataCommand {
    /// Read these files in the background.
    Import(Vec<PathBuf>),
    /// Pick files with the native dialog (or the path field where there is none).
    ImportDialog,
    /// Show or hide the Data sources window.
    ShowPanel(bool),
    /// Show or hide a source.
    SetVisible(u64, bool),
    /// Show or hide one category of a source.
    SetCategoryVisible(u64, u16, bool),
    /// Give a source the next colour.
    NextColor(u64),
    /// Remove a source (its file is untouched).
    Remove(u64),
    /// Open an imported record's card (source id, record index), or close it.
    OpenRecord(Option<(u64, u32)>),
    /// List the skipped rows of a source, or close the list.
    ShowSkipped(Option<u64>),
    /// The columns for the next generic CSV import (`lat=...,lon=...,date=...`).
    SetColumns(String),
}
