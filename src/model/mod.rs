//! The data model: plain Rust types with no egui in them, and the loaders that build them from files.
//!
//! Loaders never panic: every problem becomes a [`LoadError`] that names the file, the place (line and
//! column, or feature index), the field and what was expected.

pub mod atomic;
pub mod bundled;
pub mod dataset;
pub mod dataset_load;
pub mod date;
pub mod error;
pub mod files;
pub mod filters;
pub mod geo;
pub mod json_locate;
pub mod layer_files;
pub mod layers;
pub mod load;
pub mod load_fast;
pub mod publishers;
pub mod search;
pub mod validate;
pub mod validate_text;
pub mod web;

pub use error::LoadError;
pub use geo::{GeoPoint, GeoPolygon};
pub use layers::{Area, AreaRole, Atlas, City, Layer, LayerKind, NamedPoint};
