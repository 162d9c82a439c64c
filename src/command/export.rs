//! The export dialog and what it writes.

/// The export dialog and what it writes.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportCommand {
    /// Show or hide the export dialog.
    ShowExport(bool),
    /// Replace the export options.
    SetExportOptions(crate::export::ExportOptions),
    /// Render the export preview again.
    RefreshExportPreview,
    /// Copy the export as a PNG image to the clipboard.
    CopyExport,
    /// Write a date range as numbered PNG frames (and a GIF) into a folder.
    ExportFrames(crate::export::frames::FramesRequest),
}
