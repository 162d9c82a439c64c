//! The map layers: countries, the world underlay, provinces, lakes and cities.

use super::geo::{GeoPoint, GeoPolygon};

/// What an area is, which decides how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AreaRole {
    /// Iran, Iraq, Syria, Yemen: the atlas' subject.
    Focus,
    /// Neighbours drawn at 1:10m around the focus countries.
    Context,
    /// The rest of the world at 1:50m, drawn underneath for orientation.
    World,
    /// A province or governorate of a focus country.
    Province,
    /// A lake or reservoir.
    Lake,
}

/// A named area made of one or more polygons.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// Stable key: ISO alpha-3 for countries, ISO 3166-2 for provinces, the name for lakes.
    pub id: String,
    /// The feature's `name` property; empty for the few unnamed lakes and reservoirs.
    pub name: String,
    /// The name in the local language and script (`name_local`), where the data gives one.
    pub local_name: Option<String>,
    pub role: AreaRole,
    /// ISO alpha-3 of the country it belongs to (provinces), or its own code (countries).
    pub country: Option<String>,
    pub polygons: Vec<GeoPolygon>,
}

/// A populated place.
#[derive(Clone, Debug, PartialEq)]
pub struct City {
    /// Display name (GeoNames ASCII-friendly name).
    pub name: String,
    /// The name in the local language and script (`name_local`), where the data gives one.
    pub local_name: Option<String>,
    /// ISO alpha-3 of its country.
    pub country: String,
    /// Population as GeoNames gives it.
    pub population: u64,
    pub at: GeoPoint,
    /// Its country's capital (`capital: true`, from GeoNames' country information): named at every zoom.
    pub capital: bool,
}

/// The kinds of map layer a file can hold. The bundled file name of each is also how a `--data` file is
/// recognised (`provinces*.geojson` replaces the provinces, and so on).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayerKind {
    /// Region countries at 1:10m (`countries*.geojson`).
    Countries,
    /// World countries at 1:50m (`world*.geojson`).
    World,
    /// Provinces (`provinces*.geojson`).
    Provinces,
    /// Lakes (`lakes*.geojson`).
    Lakes,
    /// Cities (`cities*.geojson`).
    Cities,
    /// Sea name label points (`seas*.geojson`).
    Seas,
}

impl LayerKind {
    /// Every kind, in drawing order.
    pub const ALL: [Self; 6] = [Self::World, Self::Countries, Self::Lakes, Self::Provinces, Self::Cities, Self::Seas];

    /// The file-name prefix that marks a file of this kind.
    pub fn file_prefix(self) -> &'static str {
        match self {
            Self::Countries => "countries",
            Self::World => "world",
            Self::Provinces => "provinces",
            Self::Lakes => "lakes",
            Self::Cities => "cities",
            Self::Seas => "seas",
        }
    }

    /// The kind a file holds, judged by its name (`lakes-10m.geojson` holds lakes).
    pub fn for_file_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        if !lower.ends_with(".geojson") && !lower.ends_with(".json") {
            return None;
        }
        // `countries.json` is the country code table, not a map layer.
        if lower == "countries.json" {
            return None;
        }
        Self::ALL.into_iter().find(|k| lower.starts_with(k.file_prefix()))
    }
}

/// One loaded layer.
#[derive(Clone, Debug, PartialEq)]
pub enum Layer {
    /// A polygon layer.
    Areas(LayerKind, Vec<Area>),
    Cities(Vec<City>),
    Seas(Vec<NamedPoint>),
}

/// A named point that is only a label (a sea's name).
#[derive(Clone, Debug, PartialEq)]
pub struct NamedPoint {
    pub name: String,
    /// Where the label is centred.
    pub at: GeoPoint,
}

/// Every map layer the atlas draws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Atlas {
    /// Region countries (focus and context).
    pub countries: Vec<Area>,
    /// World countries outside the region file, for orientation and the world inset.
    pub world: Vec<Area>,
    /// Provinces of the focus countries.
    pub provinces: Vec<Area>,
    pub lakes: Vec<Area>,
    /// Cities, largest first.
    pub cities: Vec<City>,
    pub seas: Vec<NamedPoint>,
}

impl Atlas {
    /// Puts a loaded layer in place of the one of its kind.
    pub fn replace(&mut self, layer: Layer) {
        match layer {
            Layer::Areas(LayerKind::Countries, areas) => self.countries = areas,
            Layer::Areas(LayerKind::World, areas) => self.world = areas,
            Layer::Areas(LayerKind::Provinces, areas) => self.provinces = areas,
            Layer::Areas(LayerKind::Lakes, areas) => self.lakes = areas,
            Layer::Areas(LayerKind::Cities | LayerKind::Seas, _) => {}
            Layer::Seas(seas) => self.seas = seas,
            Layer::Cities(mut cities) => {
                cities.sort_by_key(|c| std::cmp::Reverse(c.population));
                self.cities = cities;
            }
        }
    }

    pub fn focus_countries(&self) -> impl Iterator<Item = &Area> {
        self.countries.iter().filter(|a| a.role == AreaRole::Focus)
    }

    /// A country of the region file, or else of the world file, by ISO alpha-3.
    pub fn country(&self, a3: &str) -> Option<&Area> {
        self.countries.iter().chain(self.world.iter()).find(|a| a.id == a3)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_pick_layer_kinds() {
        assert_eq!(LayerKind::for_file_name("provinces-10m.geojson"), Some(LayerKind::Provinces));
        assert_eq!(LayerKind::for_file_name("Lakes.GeoJSON"), Some(LayerKind::Lakes));
        assert_eq!(LayerKind::for_file_name("countries.json"), None);
        assert_eq!(LayerKind::for_file_name("events.geojson"), None);
        assert_eq!(LayerKind::for_file_name("cities.txt"), None);
    }
}
