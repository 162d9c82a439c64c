//! The status bar: what is under the pointer, what is selected, and the credit line.

use egui::{RichText, Ui};

use crate::model::GeoPoint;

/// What the status bar shows.
pub struct StatusState<'a> {
    /// The current date, as the timeline shows it.
    pub date: &'a str,
    /// Name of the country under the pointer.
    pub hovered: Option<&'a str>,
    /// Name of the selected country.
    pub selected: Option<&'a str>,
    /// Pointer position on the map.
    pub pointer: Option<GeoPoint>,
}

/// Formats a position as "33.34° N, 44.40° E".
pub fn format_geo(p: GeoPoint) -> String {
    let ns = if p.lat >= 0.0 { 'N' } else { 'S' };
    let ew = if p.lon >= 0.0 { 'E' } else { 'W' };
    format!("{:.2}° {ns}, {:.2}° {ew}", p.lat.abs(), p.lon.abs())
}

/// The credit line for the map's data.
pub const CREDITS: &str = "Natural Earth · GeoNames (CC BY 4.0)";

/// Draws the status bar. The credits are placed first, on the right; what is under the pointer takes the
/// room left and is left out, never drawn over them, when a narrow screen has none.
pub fn status_bar_ui(ui: &mut Ui, state: &StatusState<'_>) {
    ui.horizontal(|ui| status_row_ui(ui, state));
}

fn status_row_ui(ui: &mut Ui, state: &StatusState<'_>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(RichText::new(CREDITS).small());
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            let mut items: Vec<RichText> = vec![RichText::new(state.date).strong()];
            if let Some(name) = state.selected {
                items.push(RichText::new(format!("Selected: {name}")).strong());
            }
            if let Some(name) = state.hovered {
                items.push(RichText::new(name));
            }
            if let Some(p) = state.pointer {
                items.push(RichText::new(format_geo(p)).monospace());
            }
            let gap = ui.spacing().item_spacing.x * 3.0 + 8.0;
            for (i, item) in items.into_iter().enumerate() {
                let galley = egui::WidgetText::from(item.clone()).into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Body,
                );
                if i > 0 && galley.size().x + gap > ui.available_width() {
                    break;
                }
                if i > 0 {
                    ui.separator();
                    // It fits as laid out (the pointer's position changes every frame: lay it out once).
                    ui.add(egui::Label::new(galley));
                } else {
                    ui.add(egui::Label::new(item).truncate());
                }
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_hemispheres() {
        assert_eq!(format_geo(GeoPoint::lat_lon(33.341, 44.4)), "33.34° N, 44.40° E");
        assert_eq!(format_geo(GeoPoint::lat_lon(-1.0, -70.5)), "1.00° S, 70.50° W");
    }
}
