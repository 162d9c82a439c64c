//! The map: its view, its layers, the names and palette it draws, and what content it shows.

use crate::map::MapMemory;
use crate::theme::ThemeChoice;

/// A change to the map view, its layers or its filters.
#[derive(Clone, Debug, PartialEq)]
pub enum MapCommand {
    /// Move or zoom the map to this view.
    SetView(MapMemory),
    /// Zoom about the centre of the map by a factor (> 1 zooms in).
    ZoomBy(f64),
    /// Fit the view to the four focus countries again.
    ResetView,
    /// Centre the map on a place.
    ShowOnMap(crate::model::GeoPoint),
    /// Select a country by ISO alpha-3, or clear the selection.
    SelectCountry(Option<String>),
    /// Switch palette.
    SetTheme(ThemeChoice),
    /// Show or hide province borders and names.
    SetShowProvinces(bool),
    /// Show English, local or both names on the map.
    SetNames(crate::text::names::NameMode),
    /// Show or hide cities.
    SetShowCities(bool),
    /// Show only the events of one actor, or all.
    FilterActor(Option<String>),
    /// Replace the filters.
    SetFilters(crate::model::filters::Filters),
}
