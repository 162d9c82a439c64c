//! The data that ships inside the binary, so the atlas runs from any folder.

use super::layers::{Atlas, LayerKind};
use super::load::{LoadResult, load_layer};

/// Each bundled layer file: its name under `data/`, its kind and its text.
pub const LAYER_FILES: [(&str, LayerKind, &str); 6] = [
    ("countries-10m.geojson", LayerKind::Countries, include_str!("../../data/countries-10m.geojson")),
    ("world-50m.geojson", LayerKind::World, include_str!("../../data/world-50m.geojson")),
    ("provinces-10m.geojson", LayerKind::Provinces, include_str!("../../data/provinces-10m.geojson")),
    ("lakes-10m.geojson", LayerKind::Lakes, include_str!("../../data/lakes-10m.geojson")),
    ("cities.geojson", LayerKind::Cities, include_str!("../../data/cities.geojson")),
    ("seas.geojson", LayerKind::Seas, include_str!("../../data/seas.geojson")),
];

/// Loads every bundled layer (the files in parallel: parsing them is half the start-up). An error here is
/// a defect of the build (tests load them all).
pub fn atlas() -> LoadResult<Atlas> {
    use rayon::prelude::*;
    let loaded: Vec<_> = LAYER_FILES
        .par_iter()
        .map(|&(name, kind, text)| load_layer(&format!("bundled:data/{name}"), text, kind))
        .collect();
    let mut atlas = Atlas::default();
    let mut errors = Vec::new();
    for layer in loaded {
        match layer {
            Ok(layer) => atlas.replace(layer),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() { Ok(atlas) } else { Err(errors) }
}

/// The bundled content files: their names under `data/`, kinds and texts.
pub const DATA_FILES: [(&str, super::dataset_load::DataFileKind, &str); 8] = {
    use super::dataset_load::DataFileKind as K;
    [
        ("countries.json", K::Countries, include_str!("../../data/countries.json")),
        ("actors.json", K::Actors, include_str!("../../data/actors.json")),
        ("events.geojson", K::Events, include_str!("../../data/events.geojson")),
        ("groups.geojson", K::Groups, include_str!("../../data/groups.geojson")),
        ("positions.geojson", K::Positions, include_str!("../../data/positions.geojson")),
        ("relations.json", K::Relations, include_str!("../../data/relations.json")),
        ("claims.json", K::Claims, include_str!("../../data/claims.json")),
        ("eras.json", K::Eras, include_str!("../../data/eras.json")),
    ]
};

/// Loads and validates the bundled content against the map layers in `atlas`.
pub fn dataset(atlas: &Atlas) -> Result<super::dataset::Dataset, Vec<super::error::LoadError>> {
    let mut loaded = super::dataset_load::LoadedDataset::default();
    let mut errors = Vec::new();
    for (name, kind, text) in DATA_FILES {
        errors.append(&mut loaded.add_file(kind, &format!("bundled:data/{name}"), text.to_owned()));
    }
    match super::publishers::bundled() {
        Ok(publishers) => errors.append(&mut super::validate::validate(&loaded, atlas, publishers)),
        Err(e) => errors.extend_from_slice(e),
    }
    if errors.is_empty() { Ok(loaded.dataset) } else { Err(errors) }
}
