//! The panels and windows around the map. Each is a `*_ui` function that reads state and pushes commands.

pub mod about;
pub mod legend;
pub mod menu;
pub mod messages;
pub mod open_data;
pub mod status;
pub mod timeline;
