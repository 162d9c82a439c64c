//! TimeAtlas: a classroom map-and-timeline atlas of Iran, Iraq, Syria and Yemen, 1953 to today.
//!
//! Layers, leaves first (each imports only those before it): `text`, `model`, `theme`, `time`, `annotate`,
//! `lesson`, `import` → `map` (projection, scene, layer stack, look, widget) → `document` (everything loaded) →
//! `export` → `command` (one enum per feature) → `panels` (views that push commands) → `app` (state and the
//! handlers that apply commands) → `cli`. The README's Design section has the map of the folders.
//!
//! In a browser (wasm32, the `web` crate) the command line, `check` and `bench` are left out: they need
//! paths, a terminal and a clock to time with.

pub mod annotate;
pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod bench;
#[cfg(not(target_arch = "wasm32"))]
pub mod check;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod command;
pub mod cpu_raster;
pub mod document;
pub mod export;
pub mod import;
pub mod lesson;
pub mod map;
pub mod model;
pub mod offscreen;
pub mod panels;
pub mod save_stress;
pub mod screenshot;
pub mod text;
pub mod theme;
pub mod time;
pub mod window_bench;

pub use app::TimeAtlasApp;
