//! The map: projection, view memory, prepared geometry, the cached screen scene, labels and the widget.

pub mod annotations;
pub mod area_mesh;
pub mod baked;
pub mod base_texture;
pub mod conic;
pub mod content;
pub mod crossing;
pub mod data_legend;
pub mod density;
pub mod focus;
pub mod geometry;
#[cfg(not(target_arch = "wasm32"))]
pub mod gpu;
pub mod imported;
pub mod inset;
pub mod labels;
pub mod layers;
pub mod legend;
pub mod look;
pub mod memory;
pub mod projection;
pub mod record_tag;
pub mod scale_bar;
pub mod scene;
pub mod tri_grid;
pub mod triangulate;
pub mod view;

pub use memory::MapMemory;
pub use projection::{MapPoint, MapRect, Projector};
