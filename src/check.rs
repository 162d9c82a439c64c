//! `timeatlas check PATH...`: load data files and print one line per problem.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::model::bundled;
use crate::model::dataset_load::{DataFileKind, LoadedDataset};
use crate::model::error::LoadError;
use crate::model::files::files_in;
use crate::model::layers::{Layer, LayerKind};
use crate::model::load::{load_layer, read_text};
use crate::model::validate::validate;

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in file order.
    pub errors: Vec<LoadError>,
    /// Counts of what loaded, as (what, how many), in order.
    pub stats: Vec<(String, usize)>,
}

/// Checks every file under `paths`: map layers one by one, content files together (so references
/// between them are checked too).
pub fn check_paths(paths: &[PathBuf]) -> Report {
    let mut report = Report::default();
    let mut content = LoadedDataset::default();
    let mut content_files = 0;
    let mut read_kinds: Vec<DataFileKind> = Vec::new();
    for path in paths {
        let files = match files_in(path) {
            Ok(files) => files,
            Err(e) => {
                report.errors.push(e);
                continue;
            }
        };
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if let Some(kind) = DataFileKind::for_file_name(&name) {
                content_files += 1;
                match read_text(&file) {
                    Ok(text) => {
                        let mut errors = content.add_file(kind, &file.display().to_string(), text);
                        if errors.is_empty() {
                            read_kinds.push(kind);
                        }
                        report.errors.append(&mut errors);
                    }
                    Err(e) => report.errors.push(e),
                }
            } else if let Some(kind) = LayerKind::for_file_name(&name) {
                check_layer(&file, kind, &mut report);
            } else {
                report.errors.push(LoadError::file(
                    file.display().to_string(),
                    "unknown data file: expected a map layer (countries…, world…, provinces…, lakes…, cities…, seas….geojson) \
                     or content (events…, groups…, positions….geojson; actors…, relations…, claims…, eras…, countries.json)",
                ));
            }
        }
    }
    if content_files > 0 {
        // Content checked on its own is checked against the bundled tables it refers to: countries, actors
        // and groups that its own folder does not provide.
        for (name, kind, text) in bundled::DATA_FILES {
            // A table given and read is used even when empty (that is reported); one not given, or unreadable
            // (reported too), is stood in for so its references are still checked.
            let empty = match kind {
                DataFileKind::Countries => content.dataset.countries.is_empty(),
                DataFileKind::Actors => content.dataset.actors.is_empty(),
                DataFileKind::Groups => content.dataset.groups.is_empty(),
                _ => false,
            };
            let missing = empty && !read_kinds.contains(&kind);
            if missing {
                content.add_file(kind, &format!("bundled:data/{name}"), text.to_owned());
            }
        }
        // Coordinates are checked against the bundled country shapes.
        match bundled::atlas() {
            Ok(atlas) => report.errors.append(&mut validate(&content, &atlas)),
            Err(mut errors) => report.errors.append(&mut errors),
        }
        let d = &content.dataset;
        report.stats.extend([
            ("events".to_owned(), d.events.len()),
            ("actors".to_owned(), d.actors.len()),
            ("armed groups".to_owned(), d.groups.len()),
            ("US positions".to_owned(), d.positions.len()),
            ("protecting-power relations".to_owned(), d.relations.len()),
            ("checked claims".to_owned(), d.claims.len()),
            ("eras".to_owned(), d.eras.len()),
            ("event sources".to_owned(), d.events.iter().map(|e| e.sources.len()).sum()),
        ]);
    }
    report
}

fn check_layer(path: &Path, kind: LayerKind, report: &mut Report) {
    let label = path.display().to_string();
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => return report.errors.push(e),
    };
    match load_layer(&label, &text, kind) {
        Ok(Layer::Areas(kind, areas)) => report.stats.push((format!("{} areas", kind.file_prefix()), areas.len())),
        Ok(Layer::Cities(cities)) => report.stats.push(("cities".into(), cities.len())),
        Ok(Layer::Seas(seas)) => report.stats.push(("sea labels".into(), seas.len())),
        Err(mut errors) => report.errors.append(&mut errors),
    }
}

/// Runs the `check` subcommand.
pub fn run(paths: &[PathBuf], stats: bool) -> ExitCode {
    let report = check_paths(paths);
    let total = report.errors.len();
    for e in crate::model::error::capped_per_file(report.errors.clone(), crate::model::error::MAX_ERRORS_PER_FILE) {
        println!("{e}");
    }
    if stats {
        for (what, n) in &report.stats {
            println!("{what}: {n}");
        }
    }
    if report.errors.is_empty() {
        eprintln!("timeatlas check: no problems");
        ExitCode::SUCCESS
    } else {
        eprintln!("timeatlas check: {} problem(s)", crate::model::error::thousands(total));
        ExitCode::FAILURE
    }
}
