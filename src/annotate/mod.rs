//! Annotations drawn by the user on the map: the model (no egui), its undo history and its file format.
//!
//! Every annotation is anchored to geographic coordinates, so it stays on its place when the map pans and
//! zooms; sizes (stroke width, font size) are in screen points, so text stays readable at any zoom.

pub mod file;
pub mod history;
pub mod model;
pub mod validate;

pub use history::{Edit, History};
pub use model::{Annotation, AnnotationColor, Shape, Style};
