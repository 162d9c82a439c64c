//! Lessons: sequences of slides a teacher presents. Each slide sets the map's date (or plays a range), its
//! view, layers and filters, selects an event or relation, and may carry annotations, a caption and sources.
//!
//! `model` holds the types and the edits the slide sorter makes (no egui); `file` reads, checks and writes
//! the versioned lesson file (`docs/LESSONS.md`) and bundles a sample lesson.

pub mod file;
pub mod limits;
pub mod model;

pub use file::{FORMAT, VERSION, from_json, load, sample, save, to_json, validate};
pub use model::{ItemKind, Lesson, Slide, SlideItem, Source};
