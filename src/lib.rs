//! TimeAtlas: a classroom map-and-timeline atlas of Iran, Iraq, Syria and Yemen, 1953 to today.
//!
//! `model` holds data types and loaders (no egui); `map` turns them into a pannable, zoomable map;
//! `panels` are the views around it; `app` owns the state and applies the views' commands.
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

pub use app::TimeAtlasApp;
