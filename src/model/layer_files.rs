//! Map layers on disk: the files a path names (a file, or a folder's GeoJSON files) and one layer file
//! loaded by its name.

use std::path::{Path, PathBuf};

use super::error::LoadError;
use super::layers::{Layer, LayerKind};
use super::load::{LoadResult, load_layer, read_text};

/// No data file in a folder given as data.
fn empty_folder(label: &str) -> LoadError {
    LoadError::file(label, format!("no data files in {label}: expected .geojson or .json files in it"))
}

/// The files a path names: the file itself, or a folder's `.geojson` and `.json` entries in name order. Entries
/// that are not regular files (FIFOs, folders, broken links, symlink loops) are listed too, so that reading
/// them reports what they are instead of skipping them silently; a folder with none is an error.
pub fn files_in(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let label = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| LoadError::file(&label, format!("cannot open: {e}")))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| LoadError::file(&label, format!("cannot list folder: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("geojson") || x.eq_ignore_ascii_case("json")))
        .collect();
    if files.is_empty() {
        return Err(empty_folder(&label));
    }
    files.sort();
    Ok(files)
}

/// Loads one map-layer file; its kind comes from its name (see [`LayerKind::for_file_name`]).
pub fn load_layer_file(path: &Path) -> LoadResult<Layer> {
    let label = path.display().to_string();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let Some(kind) = LayerKind::for_file_name(name) else {
        return Err(vec![LoadError::file(
            label,
            "not a map layer: expected a .geojson file whose name starts with countries, world, provinces, lakes, cities or seas",
        )]);
    };
    let text = read_text(path).map_err(|e| vec![e])?;
    load_layer(&label, &text, kind)
}
