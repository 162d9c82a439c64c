//! The panels and windows around the map. Each is a `*_ui` function that reads state and pushes commands.

pub mod about;
pub mod annotate;
pub mod card;
pub mod data_sources;
pub mod export_dialog;
pub mod file_prompt;
pub mod filters;
pub mod lesson;
pub mod links;
pub mod menu;
pub mod messages;
pub mod on_map;
pub mod open_data;
pub mod present;
pub mod record_card;
pub mod relations;
pub mod search;
pub mod side;
pub mod status;
pub mod timeline;
pub mod timeline_data;
