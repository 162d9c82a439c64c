//! The document: everything loaded — the map layers and their prepared geometry, the atlas content and its
//! indexes, the user's imported files — with no window. The window, a thumbnail, an export and the command
//! line all draw from one; only the app adds a window, a lesson and the user's choices.

use std::path::{Path, PathBuf};

use crate::import::sources::{DataSources, Prepared};
use crate::import::{ImportError, ImportOptions, Progress};
use crate::map::content::ContentIndex;
use crate::map::scene::PreparedAtlas;
use crate::model::dataset::Dataset;
use crate::model::layer_files::{files_in, load_layer_file};
use crate::model::layers::LayerKind;
use crate::model::search::{Hit, SearchIndex};
use crate::model::{Atlas, bundled};

/// The map layers and their prepared geometry.
pub struct AtlasData {
    /// Layers.
    pub atlas: Atlas,
    /// Projected, triangulated layers.
    pub prepared: PreparedAtlas,
    /// Bumped on every change so caches rebuild.
    pub generation: u64,
    /// The simplified world for the relation inset.
    pub inset: crate::map::inset::WorldInset,
}

impl AtlasData {
    /// Prepares `atlas` for drawing (projection, triangulation, the inset).
    pub fn new(atlas: Atlas) -> Self {
        let drawing = Self::prepare(&atlas);
        Self::with(atlas, drawing)
    }

    /// What drawing `atlas` needs: its prepared layers and the inset's world.
    fn prepare(atlas: &Atlas) -> (PreparedAtlas, crate::map::inset::WorldInset) {
        (PreparedAtlas::build(atlas), crate::map::inset::WorldInset::build(atlas))
    }

    fn with(atlas: Atlas, (prepared, inset): (PreparedAtlas, crate::map::inset::WorldInset)) -> Self {
        Self { atlas, prepared, generation: 0, inset }
    }
}

/// Everything loaded.
pub struct Document {
    /// Map layers and geometry.
    pub data: AtlasData,
    /// The atlas content (events, groups, positions, relations, claims, eras).
    pub dataset: Dataset,
    /// Its time index.
    pub content: ContentIndex,
    /// Search over the content.
    pub search: SearchIndex,
    /// The user's imported files.
    pub sources: DataSources,
}

/// The content's time index and search index.
fn indexes(dataset: &Dataset, today: f64) -> (ContentIndex, SearchIndex) {
    (ContentIndex::build(dataset, today), SearchIndex::build(dataset))
}

impl Document {
    /// The bundled map and content, with open spans running to `today` (a day number). Problems with the
    /// bundled data (none in a release) come back as messages, with what could be read kept.
    pub fn bundled(today: f64) -> (Self, Vec<String>) {
        let (atlas, mut messages) = match bundled::atlas() {
            Ok(a) => (a, Vec::new()),
            Err(errors) => (Atlas::default(), errors.iter().map(ToString::to_string).collect()),
        };
        // The geometry and the content only read the layers: they are prepared side by side.
        let (drawing, content) =
            rayon::join(|| AtlasData::prepare(&atlas), || bundled::dataset(&atlas).map(|d| (indexes(&d, today), d)));
        let mut doc = Self {
            data: AtlasData::with(atlas, drawing),
            dataset: Dataset::default(),
            content: ContentIndex::default(),
            search: SearchIndex::default(),
            sources: DataSources::default(),
        };
        match content {
            Ok(((content, search), dataset)) => {
                doc.dataset = dataset;
                doc.content = content;
                doc.search = search;
            }
            Err(errors) => messages.extend(errors.iter().map(ToString::to_string)),
        }
        (doc, messages)
    }

    /// Replaces the content and rebuilds its indexes.
    pub fn set_dataset(&mut self, dataset: Dataset, today: f64) {
        (self.content, self.search) = indexes(&dataset, today);
        self.dataset = dataset;
    }

    /// Loads layer files (or folders of them) over the current layers. A file with any error is left out and
    /// its errors returned; the layers it would have replaced stay as they were.
    pub fn load_layers(&mut self, paths: &[PathBuf]) -> Vec<String> {
        let mut messages = Vec::new();
        let mut changed = false;
        for path in paths {
            let files = match files_in(path) {
                Ok(f) => f,
                Err(e) => {
                    log::error!("{e}");
                    messages.push(e.to_string());
                    continue;
                }
            };
            for file in files {
                match load_layer_file(&file) {
                    Ok(layer) => {
                        log::info!("loaded {}", file.display());
                        self.data.atlas.replace(layer);
                        changed = true;
                    }
                    Err(errors) => {
                        for e in crate::model::error::capped_per_file(errors, crate::model::error::MAX_ERRORS_PER_FILE)
                        {
                            log::error!("{e}");
                            eprintln!("{e}");
                            messages.push(e.to_string());
                        }
                    }
                }
            }
        }
        if changed {
            let generation = self.data.generation + 1;
            self.data = AtlasData::new(std::mem::take(&mut self.data.atlas));
            self.data.generation = generation;
            // Polygons that could not be filled (drawn as outlines) are said, not silently left empty.
            messages.extend(self.data.prepared.problems().map(str::to_owned));
        }
        messages
    }

    /// Countries an open card highlights on the map: the three states of a relation.
    pub fn highlighted_countries(&self, card: Option<&Hit>) -> Vec<String> {
        match card {
            Some(Hit::Relation(id)) => self
                .dataset
                .relation(id)
                .map(|r| vec![r.protecting.clone(), r.represented.clone(), r.host.clone()])
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// Reads a file and builds its indexes, places projected onto the map's plane (on the loading thread).
pub fn read_and_index(path: &Path, options: &ImportOptions, progress: &Progress) -> Result<Prepared, ImportError> {
    let imported = crate::import::import_file(path, options, progress)?;
    Ok(index_on_map(imported))
}

/// Builds a read file's indexes, places projected onto the map's plane.
pub fn index_on_map(imported: crate::import::Imported) -> Prepared {
    Prepared::new(imported, |lon, lat| {
        let p = crate::map::projection::map_from_geo(crate::model::GeoPoint::lon_lat(lon, lat));
        [p.x_km as f32, p.y_km as f32]
    })
}

/// True for a file the atlas reads as a map layer (`provinces*.geojson`, ...) rather than as data.
pub fn is_layer_file(path: &Path) -> bool {
    path.is_dir() || path.file_name().and_then(|n| n.to_str()).is_some_and(|n| LayerKind::for_file_name(n).is_some())
}
