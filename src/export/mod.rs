//! Exporting the map as PNG or SVG, from the window or the command line.

pub mod exporter;
pub mod frame;
pub mod frames;
pub mod svg;
pub mod vector;

pub use exporter::Exporter;
pub use frame::{ExportFormat, ExportOptions, ExportScene, ExportView, SidePanelUi};
