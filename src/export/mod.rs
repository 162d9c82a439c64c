//! Exporting the map as PNG or SVG, from the window or the command line.

#[cfg(not(target_arch = "wasm32"))]
pub mod command_line;
pub mod exporter;
pub mod frame;
pub mod frames;
#[cfg(not(target_arch = "wasm32"))]
pub mod lesson_export;
pub mod svg;
pub mod vector;

pub use exporter::Exporter;
pub use frame::{ExportFormat, ExportOptions, ExportScene, ExportView};
