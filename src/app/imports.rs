//! Importing the user's files in the background and keeping them as data sources: the jobs, their
//! progress, what happens when one finishes (a new layer, a lesson from a StoryMap, or a message), and
//! the data commands.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use crate::command::DataCommand;
use crate::document::{is_layer_file, read_and_index};
use crate::import::sources::Prepared;
use crate::import::{ImportError, ImportOptions, Progress};
use crate::panels::data_sources::JobProgress;

use super::TimeAtlasApp;

/// A file being read on a background thread.
struct ImportJob {
    path: PathBuf,
    progress: Arc<Progress>,
    result: Receiver<Result<Prepared, ImportError>>,
    started: web_time::Instant,
}

/// The user's data: loaded sources, files being read, and the open record.
#[derive(Default)]
pub struct ImportState {
    jobs: Vec<ImportJob>,
    /// The Data sources window is open.
    pub show_panel: bool,
    /// The text of the columns field.
    pub columns_text: String,
    /// The open imported record (source id, record index).
    pub card: Option<(u64, u32)>,
    /// Its card fields (name, text), read when it opened: a big file's come back from the file.
    pub card_fields: Vec<(String, String)>,
    /// Why its fields could not be read back (the file changed or went away).
    pub card_fields_problem: Option<String>,
    /// The source whose skipped rows are listed.
    pub skipped_open: Option<u64>,
    /// Bumped on every change, so the window repaints and caches rebuild.
    pub revision: u64,
    /// The date was given (`--date`): an import widens the timeline but does not move the date.
    pub keep_date: bool,
    /// Columns given on the command line (`--columns`), used when the field is empty.
    pub columns: crate::import::ColumnChoice,
}

impl ImportState {
    /// True while files are being read (a `--screenshot` waits for them).
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// The files being read.
    pub fn progress(&self) -> Vec<JobProgress> {
        self.jobs
            .iter()
            .map(|j| JobProgress {
                name: j
                    .path
                    .file_name()
                    .map_or_else(|| j.path.display().to_string(), |n| n.to_string_lossy().into_owned()),
                fraction: j.progress.fraction(),
                show: j.started.elapsed().as_millis() >= 200,
            })
            .collect()
    }
}

impl TimeAtlasApp {
    /// The options an import runs with: the columns typed in the Data sources window, and today's
    /// date for undated StoryMap slides.
    pub(super) fn import_options(&self) -> ImportOptions {
        let typed = crate::import::ColumnChoice::parse(&self.imports.columns_text).unwrap_or_default();
        let columns = if typed.is_empty() { self.imports.columns.clone() } else { typed };
        let default_date = crate::time::date_from_day(self.settings.time.current_day).format("%Y-%m-%d").to_string();
        ImportOptions { columns, default_date, ..ImportOptions::default() }
    }

    /// Starts reading files: map layers (by their names) load at once as before, data files on a
    /// background thread each.
    pub fn import_paths(&mut self, paths: &[PathBuf]) {
        let (layers, data): (Vec<PathBuf>, Vec<PathBuf>) = paths.iter().cloned().partition(|p| is_layer_file(p));
        if !layers.is_empty() {
            self.load_data(&layers);
        }
        let options = self.import_options();
        for path in data {
            let progress = crate::import::progress();
            let (tx, rx) = std::sync::mpsc::channel();
            let (p, prog, opts) = (path.clone(), Arc::clone(&progress), options.clone());
            let spawned = std::thread::Builder::new().name("import".into()).spawn(move || {
                // The window may have closed; nobody is left to tell then.
                let _ = tx.send(read_and_index(&p, &opts, &prog));
            });
            match spawned {
                Ok(_) => {
                    self.imports.jobs.push(ImportJob { path, progress, result: rx, started: web_time::Instant::now() });
                }
                Err(e) => self.messages.push(format!("{}: cannot start reading: {e}", path.display())),
            }
        }
        self.imports.revision += 1;
    }

    /// Reads files on this thread (the command line and tests); returns the problems.
    pub fn import_now(&mut self, paths: &[PathBuf]) -> Vec<ImportError> {
        let options = self.import_options();
        let mut errors = Vec::new();
        for path in paths {
            if is_layer_file(path) {
                self.load_data(std::slice::from_ref(path));
                continue;
            }
            match read_and_index(path, &options, &Progress::default()) {
                Ok(imported) => self.add_imported(imported),
                Err(e) => {
                    self.messages.push(e.to_string());
                    errors.push(e);
                }
            }
        }
        errors
    }

    /// Takes the files that finished reading. Returns true while any is still being read.
    pub(super) fn poll_imports(&mut self) -> bool {
        let mut finished = Vec::new();
        self.imports.jobs.retain(|job| match job.result.try_recv() {
            Ok(r) => {
                finished.push(r);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                finished.push(Err(ImportError::file(&job.path, "reading stopped unexpectedly")));
                false
            }
        });
        for r in finished {
            match r {
                Ok(imported) => self.add_imported(imported),
                // What was loaded before, the drawings and the lesson stay as they were.
                Err(e) => {
                    log::error!("{e}");
                    self.messages.push(e.to_string());
                }
            }
            self.imports.revision += 1;
        }
        self.imports.busy()
    }

    /// Adds a read file: its records as a layer, or its slides as a lesson.
    pub(super) fn add_imported(&mut self, prepared: Prepared) {
        let imported = &prepared.imported;
        // Skipped rows are not a failure: the Data sources window and the legend count them.
        if imported.skipped.count > 0 {
            log::warn!("{}: {} rows skipped", imported.path.display(), imported.skipped.count);
        }
        if let Some(lesson) = prepared.imported.lesson {
            if self.lesson.lesson.is_some() {
                self.messages.push(format!(
                    "{}: a StoryMap of {} slides. Close the open lesson (Lesson > Close) and open the file again to present it; nothing was changed.",
                    prepared.imported.path.display(),
                    lesson.slides.len()
                ));
            } else {
                let problems = crate::lesson::file::validate(
                    &lesson,
                    &self.doc.dataset,
                    &prepared.imported.path.display().to_string(),
                );
                self.messages.extend(problems.iter().map(|e| format!("warning: {e}")));
                self.open_lesson(lesson, None);
            }
            return;
        }
        let first_import = self.doc.sources.is_empty();
        self.doc.sources.add(prepared);
        self.imports.revision += 1;
        self.fit_time_to_data(first_import);
    }

    /// Shows this day range on the timeline from the next frame (benchmarks, tests).
    pub fn timeline_zoom_to(&mut self, from_day: f64, to_day: f64) {
        self.timeline_set_range = Some((from_day, to_day));
    }

    /// Widens the timeline to every loaded file's dates; after the first file, shows its range.
    fn fit_time_to_data(&mut self, show_data: bool) {
        let Some((first, last)) = self.doc.sources.day_range() else { return };
        let (first, last) = (f64::from(first), f64::from(last) + 1.0);
        let t = &mut self.settings.time;
        t.start_day = crate::time::atlas_start_day().min(first);
        t.end_day = self.today.max(last);
        if show_data {
            let pad = ((last - first) * 0.03).max(15.0);
            self.timeline_set_range = Some((first - pad, last + pad));
            if !self.imports.keep_date && (t.current_day < first || t.current_day > last) {
                t.set_day(first);
            }
        }
    }

    /// Applies a data command.
    pub(super) fn apply_data(&mut self, command: DataCommand) {
        let (s, sources) = (&mut self.imports, &mut self.doc.sources);
        match command {
            DataCommand::Import(paths) => self.import_paths(&paths),
            // In a browser: its file picker (web_files.rs).
            #[cfg(target_arch = "wasm32")]
            DataCommand::ImportDialog => self.pick_data_files(),
            #[cfg(not(target_arch = "wasm32"))]
            DataCommand::ImportDialog => {
                let picked = rfd::FileDialog::new()
                    .add_filter(
                        "Data (CSV, TimelineJS, StoryMapJS, GeoJSON, KML)",
                        &["csv", "tsv", "json", "geojson", "kml", "txt"],
                    )
                    .pick_files();
                match picked {
                    Some(paths) => self.import_paths(&paths),
                    // No dialog (no portal) or cancelled: offer the path field.
                    None => self.layout.show_open_data = true,
                }
            }
            DataCommand::ShowPanel(open) => s.show_panel = open,
            DataCommand::SetVisible(id, on) => {
                if let Some(src) = sources.get_mut(id) {
                    src.visible = on;
                }
            }
            DataCommand::SetCategoryVisible(id, category, on) => {
                if let Some(src) = sources.get_mut(id) {
                    if on {
                        src.hidden_categories.remove(&category);
                    } else {
                        src.hidden_categories.insert(category);
                    }
                }
            }
            DataCommand::NextColor(id) => {
                if let Some(src) = sources.get_mut(id) {
                    src.color = (src.color + 1) % crate::import::sources::COLOR_SLOTS;
                }
            }
            DataCommand::Remove(id) => {
                sources.remove(id);
                if s.card.is_some_and(|(sid, _)| sid == id) {
                    s.card = None;
                }
            }
            DataCommand::OpenRecord(record) => {
                s.card = record;
                let fields = record.and_then(|(id, i)| sources.get(id).map(|src| src.imported.card_fields(i as usize)));
                (s.card_fields, s.card_fields_problem) = match fields {
                    Some(Ok(fields)) => (fields, None),
                    Some(Err(e)) => (Vec::new(), Some(e.to_string())),
                    None => (Vec::new(), None),
                };
                if record.is_some() {
                    self.card = None;
                    self.show_side_panel_now();
                }
            }
            DataCommand::ShowSkipped(id) => s.skipped_open = id,
            DataCommand::SetColumns(text) => s.columns_text = text,
        }
        self.imports.revision += 1;
    }

    /// Opens the side panel (for a card) whatever the window's width.
    fn show_side_panel_now(&mut self) {
        self.layout.side_open_when_narrow = true;
        self.settings.show_side_panel = true;
    }

    /// The lesson's data files, resolved against its folder, are read; a missing one is reported and the
    /// rest of the lesson opens.
    pub(super) fn import_lesson_data(&mut self, lesson_path: Option<&Path>, data: &[String]) {
        let base = lesson_path.and_then(Path::parent).unwrap_or_else(|| Path::new("."));
        let mut found = Vec::new();
        for entry in data {
            let p = base.join(entry);
            if p.is_file() {
                found.push(p);
            } else {
                self.messages.push(format!(
                    "The lesson's data file {entry} is missing (looked for {}); the rest of the lesson opened.",
                    p.display()
                ));
            }
        }
        self.import_paths(&found);
    }
}

/// The tooltip of a density disc: how many records, of which kinds, and what a click does.
pub fn cluster_text(c: &crate::map::density::Cluster, s: &crate::import::sources::DataSource) -> String {
    use crate::map::density::CATEGORY_SLOTS;
    let r = &s.imported.records;
    let mut kinds: Vec<(String, u32)> = c
        .by_category
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(k, &n)| {
            let name = if k + 1 == CATEGORY_SLOTS && r.categories.len() > CATEGORY_SLOTS {
                "other kinds".to_owned()
            } else {
                r.categories.name(k as u32).to_owned()
            };
            (name, n)
        })
        .collect();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    let list: Vec<String> = kinds.iter().take(4).map(|(name, n)| format!("{name} {n}")).collect();
    let deaths = if c.fatalities > 0 { format!(", {} fatalities", c.fatalities) } else { String::new() };
    format!(
        "{} records of {} in this area{deaths}\n{}\nClick to zoom in and see each one",
        c.count,
        s.imported.name,
        list.join(" · ")
    )
}
