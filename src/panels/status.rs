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

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut Ui, state: &StatusState<'_>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(state.date).strong());
        ui.separator();
        if let Some(name) = state.selected {
            ui.label(RichText::new(format!("Selected: {name}")).strong());
            ui.separator();
        }
        if let Some(name) = state.hovered {
            ui.label(name);
            ui.separator();
        }
        if let Some(p) = state.pointer {
            ui.label(RichText::new(format_geo(p)).monospace());
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new("Natural Earth · GeoNames (CC BY 4.0)").small());
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
