//! Loading layer files and folders from disk (`--data`, the Open dialog, drag-and-drop, `check`).

use std::path::{Path, PathBuf};

use super::error::LoadError;
use super::layers::{Layer, LayerKind};
use super::load::{LoadResult, load_layer, read_text};

/// The files a path names: the file itself, or a folder's `.geojson` and `.json` files in name order.
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
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("geojson") || x.eq_ignore_ascii_case("json"))
        })
        .collect();
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
