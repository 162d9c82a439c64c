//! Panel text that may hold Arabic, Persian or Hebrew (imported headlines, local names in card text).

use std::sync::Arc;

use egui::text::TextFormat;
use egui::{Color32, Response, TextStyle, TextWrapMode, Ui, WidgetText};

use super::bidi;

/// One line of text for a widget (a list row): egui's own text when it has no right-to-left letters, else a
/// job in display order (strong text in the strong colour).
pub fn widget_text(ui: &Ui, text: &str, strong: bool) -> WidgetText {
    let rich = egui::RichText::new(text);
    let rich = if strong { rich.strong() } else { rich };
    if !bidi::has_rtl(text) {
        return rich.into();
    }
    let color = if strong { ui.visuals().strong_text_color() } else { Color32::PLACEHOLDER };
    let format = TextFormat::simple(TextStyle::Body.resolve(ui.style()), color);
    WidgetText::LayoutJob(Arc::new(bidi::layout_job(text, &format)))
}

/// A wrapped label: plain egui text when it has no right-to-left letters; otherwise broken into lines in
/// reading order first, then each line reordered for display.
pub fn label_ui(ui: &mut Ui, text: &str, text_style: &TextStyle) -> Response {
    if !bidi::has_rtl(text) {
        return ui.label(egui::RichText::new(text).text_style(text_style.clone()));
    }
    // The widget's own text colour replaces the placeholder when it is painted.
    let format = TextFormat::simple(text_style.resolve(ui.style()), Color32::PLACEHOLDER);
    let max_width = ui.available_width();
    let lines = ui.fonts_mut(|fonts| {
        bidi::wrap_logical(text, max_width, &mut |line| fonts.layout_job(bidi::layout_job(line, &format)).size().x)
    });
    let job = bidi::layout_job(&lines.join("\n"), &format);
    let response = ui.add(egui::Label::new(WidgetText::LayoutJob(Arc::new(job))).wrap_mode(TextWrapMode::Extend));
    logical_name(ui, &response, text);
    response
}

/// Gives a widget drawn from display-ordered text (see [`widget_text`]) its text in reading order for
/// screen readers: they read the logical string, not the pieces as laid out on screen.
pub fn logical_name(ui: &Ui, response: &Response, text: &str) {
    if !bidi::has_rtl(text) {
        return;
    }
    ui.ctx().accesskit_node_builder(response.id, |node| {
        if node.role() == egui::accesskit::Role::Label {
            node.set_value(text);
        } else {
            node.set_label(text);
        }
    });
}
