//! `timeatlas check PATH...`: load data files and print one line per problem.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::import::ImportOptions;
use crate::model::bundled;
use crate::model::dataset_load::{DataFileKind, LoadedDataset};
use crate::model::error::LoadError;
use crate::model::layer_files::files_in;
use crate::model::layers::{Layer, LayerKind};
use crate::model::load::{load_layer, read_text};
use crate::model::publishers::{self, Publishers};
use crate::model::validate::validate;

/// What a check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem, in file order.
    pub errors: Vec<LoadError>,
    /// Counts of what loaded, as (what, how many), in order.
    pub stats: Vec<(String, usize)>,
    /// Imported files: `FILE: N events (M with a place), K eras, from DATE to DATE`.
    pub import_stats: Vec<String>,
    /// Rows an import skipped: printed as warnings, not counted as errors.
    pub warnings: Vec<crate::import::ImportError>,
}

/// Checks every file under `paths`: map layers one by one, content files together (so references
/// between them are checked too).
pub fn check_paths(paths: &[PathBuf]) -> Report {
    check_paths_with(paths, &ImportOptions::default())
}

/// [`check_paths`], with the columns of a generic CSV named by the user.
pub fn check_paths_with(paths: &[PathBuf], options: &ImportOptions) -> Report {
    let mut report = Report::default();
    let mut content = LoadedDataset::default();
    let mut content_files = 0;
    // A folder may list publishers of its own (`publishers*.json`), over the bundled table.
    let mut table = match publishers::bundled() {
        Ok(t) => t.clone(),
        Err(e) => {
            report.errors.extend_from_slice(e);
            Publishers::default()
        }
    };
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
            let lower = name.to_ascii_lowercase();
            if lower.starts_with("publishers") && lower.ends_with(".json") {
                let parsed = read_text(&file)
                    .map_err(|e| vec![e])
                    .and_then(|t| Publishers::parse(&file.display().to_string(), &t));
                match parsed {
                    Ok(own) => table.extend(own),
                    Err(mut e) => report.errors.append(&mut e),
                }
            } else if let Some(kind) = DataFileKind::for_file_name(&name) {
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
                check_import(&file, options, &mut report);
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
            Ok(atlas) => report.errors.append(&mut validate(&content, &atlas, &table)),
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
            ("listed publishers".to_owned(), table.entries().len()),
        ]);
        report.stats.extend(tier_counts(d, &table));
    }
    report
}

/// A user's file in one of the import formats (TimelineJS, StoryMapJS, ACLED, UCDP, GeoJSON, KML, CSV).
fn check_import(path: &Path, options: &ImportOptions, report: &mut Report) {
    match crate::import::import_file(path, options, &crate::import::Progress::default()) {
        Ok(imported) => {
            report.import_stats.push(format!("{}: {}", path.display(), imported.stats_line()));
            report.warnings.extend(imported.skipped.first);
            let unlisted = imported.skipped.count.saturating_sub(crate::import::SkipList::KEPT as u64);
            if unlisted > 0 {
                report.import_stats.push(format!("{}: and {unlisted} more skipped rows not listed", path.display()));
            }
        }
        Err(e) => {
            let (line, column) = e.line_col();
            report
                .errors
                .push(LoadError::file(path.display().to_string(), e.detail()).at(line as usize, column as usize));
        }
    }
}

/// How many citations of the content fall in each tier of the source policy, for `--stats`.
fn tier_counts(d: &crate::model::dataset::Dataset, table: &Publishers) -> Vec<(String, usize)> {
    use crate::model::publishers::Tier;
    let urls = d
        .events
        .iter()
        .flat_map(|r| &r.sources)
        .chain(d.actors.iter().flat_map(|r| &r.sources))
        .chain(d.groups.iter().flat_map(|r| &r.sources))
        .chain(d.positions.iter().flat_map(|r| &r.sources))
        .chain(d.relations.iter().flat_map(|r| &r.sources))
        .chain(d.claims.iter().flat_map(|r| &r.sources))
        .chain(d.eras.iter().flat_map(|r| &r.sources))
        .map(|s| table.cite(&s.url).tier());
    let mut counts = [0usize; 4];
    for tier in urls {
        let slot = match tier {
            Some(Tier::Reputable) => 0,
            Some(Tier::Supporting) => 1,
            Some(Tier::StateMediaOfParty) => 2,
            _ => 3,
        };
        if let Some(n) = counts.get_mut(slot) {
            *n += 1;
        }
    }
    let [reputable, supporting, state, other] = counts;
    vec![
        ("citations of reputable publishers".to_owned(), reputable),
        ("citations of supporting publishers".to_owned(), supporting),
        ("citations of state media of a party".to_owned(), state),
        ("citations outside the policy".to_owned(), other),
    ]
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
pub fn run(paths: &[PathBuf], stats: bool, options: &ImportOptions) -> ExitCode {
    let report = check_paths_with(paths, options);
    let total = report.errors.len();
    for e in crate::model::error::capped_per_file(report.errors.clone(), crate::model::error::MAX_ERRORS_PER_FILE) {
        println!("{e}");
    }
    for w in &report.warnings {
        println!("{}", w.report("warning"));
    }
    if stats {
        for line in &report.import_stats {
            println!("{line}");
        }
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
