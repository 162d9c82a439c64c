//! Source links: http and https addresses open in the browser on click; any other address is shown as plain
//! text with a note, never handed to the system (see [`crate::model::web`]).

use egui::{Response, RichText, Ui};

use crate::model::web::web_address_problem;

/// A link titled `title` to `url`, or the title as text when `url` is not a web address.
pub fn source_link_ui(ui: &mut Ui, title: impl Into<RichText>, url: &str) -> Response {
    let title: RichText = title.into();
    match web_address_problem(url) {
        None => ui.hyperlink_to(title, url).on_hover_text(url),
        Some(problem) => ui.label(title).on_hover_text(format!("Not opened: {problem}")),
    }
}
