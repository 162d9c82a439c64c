//! The user's loaded files, as the window, exports and lessons see them: each a layer with a colour,
//! a visibility toggle and category facets. No egui here; colours are indices into the theme's palette.

use std::path::{Path, PathBuf};

use super::Imported;
use super::index::{CategoryMask, SourceIndex};

/// A file read and indexed on the loading thread, ready to become a source.
#[derive(Debug)]
pub struct Prepared {
    pub imported: Imported,
    pub index: SourceIndex,
}

impl Prepared {
    /// Indexes `imported`; `project` maps lon, lat (degrees) to the map's plane in km.
    pub fn new(imported: Imported, project: impl Fn(f64, f64) -> [f32; 2]) -> Self {
        let index = SourceIndex::build(&imported.records, project);
        Self { imported, index }
    }
}

/// How many colours the layers of loaded files take in turn before they repeat (the theme has as many).
pub const COLOR_SLOTS: usize = 6;

/// One loaded file.
#[derive(Debug)]
pub struct DataSource {
    /// Stable within a run, for commands.
    pub id: u64,
    pub imported: Imported,
    /// Index into the theme's import palette: the first of the [`COLOR_SLOTS`] not in use when the file is added, else
    /// the number of sources already loaded (which may exceed [`COLOR_SLOTS`]).
    pub color: usize,
    /// Drawn on the map and the timeline.
    pub visible: bool,
    /// Categories switched off in the filters.
    pub hidden_categories: CategoryMask,
    /// The longest span of a record, in days: how far back a time window must look.
    pub longest_days: i32,
    /// Counts, folded names and places on the map's plane.
    pub index: SourceIndex,
}

impl DataSource {
    /// True when record `i` is drawn (its source visible and its category on).
    pub fn shows(&self, i: usize) -> bool {
        self.visible && self.imported.records.category.get(i).is_some_and(|c| !self.hidden_categories.contains(c))
    }

    /// Records active at `day` or ended within `window_days` before it, as (index, strength 0–1): 1 while
    /// active, fading to 0 over the window, as the atlas's own events do.
    pub fn active_at(&self, day: f64, window_days: f64) -> impl DoubleEndedIterator<Item = (usize, f32)> + '_ {
        let r = &self.imported.records;
        let today = day.floor() as i32;
        let window = window_days.max(1.0);
        let from = today.saturating_sub(self.longest_days).saturating_sub(window.ceil() as i32);
        r.starting_between(from, today).filter_map(move |i| {
            let end = f64::from(*r.end_day.get(i)?) + 1.0;
            let start = f64::from(*r.start_day.get(i)?);
            if day < start || day > end + window || !self.shows(i) {
                return None;
            }
            let strength = if day <= end { 1.0 } else { 1.0 - ((day - end) / window) as f32 };
            Some((i, strength.clamp(0.0, 1.0)))
        })
    }
}

/// Every loaded file, in load order.
#[derive(Debug, Default)]
pub struct DataSources {
    /// In load order; a file loaded again keeps its place.
    pub sources: Vec<DataSource>,
    next_id: u64,
}

impl DataSources {
    /// Adds a file's records as a new source; a file loaded again replaces its earlier copy, keeping its
    /// colour and visibility. Returns the source's id.
    pub fn add(&mut self, prepared: Prepared) -> u64 {
        let Prepared { imported, index } = prepared;
        let longest_days =
            imported.records.start_day.iter().zip(&imported.records.end_day).map(|(s, e)| e - s).max().unwrap_or(0);
        if let Some(old) = self.sources.iter_mut().find(|s| s.imported.path == imported.path) {
            old.imported = imported;
            old.index = index;
            old.longest_days = longest_days;
            old.hidden_categories.clear();
            return old.id;
        }
        let id = self.next_id;
        self.next_id += 1;
        let used: Vec<usize> = self.sources.iter().map(|s| s.color).collect();
        let color = (0..COLOR_SLOTS).find(|c| !used.contains(c)).unwrap_or(self.sources.len());
        self.sources.push(DataSource {
            id,
            imported,
            color,
            visible: true,
            hidden_categories: CategoryMask::default(),
            longest_days,
            index,
        });
        id
    }

    /// The source with this id.
    pub fn get(&self, id: u64) -> Option<&DataSource> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The source with this id, to change.
    pub fn get_mut(&mut self, id: u64) -> Option<&mut DataSource> {
        self.sources.iter_mut().find(|s| s.id == id)
    }

    /// Removes a source; returns it (so the caller can offer it back).
    pub fn remove(&mut self, id: u64) -> Option<DataSource> {
        let i = self.sources.iter().position(|s| s.id == id)?;
        Some(self.sources.remove(i))
    }

    /// No files loaded.
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
    }

    /// The first and last day any source covers.
    pub fn day_range(&self) -> Option<(i32, i32)> {
        let ranges = self.sources.iter().filter_map(|s| {
            let r = s.imported.records.day_range();
            let eras = s.imported.eras.iter().map(|e| (e.start_day, e.end_day));
            r.into_iter().chain(eras).reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        });
        ranges.reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
    }

    /// Records whose title or actors contain `query` (ignoring case and accents), up to `limit`, newest
    /// source first. The distinct names are matched once, then the records by number: a million rows
    /// answer within a frame.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(u64, u32)> {
        let q = crate::model::search::fold(query);
        let mut out = Vec::new();
        for s in self.sources.iter().rev() {
            let r = &s.imported.records;
            let actor_hits: Vec<bool> = s.index.actors_folded.iter().map(|a| a.contains(&q)).collect();
            let title_hits: Vec<bool> = s.index.titles_folded.iter().map(|t| t.contains(&q)).collect();
            if !actor_hits.contains(&true) && !title_hits.contains(&true) {
                continue;
            }
            for i in 0..r.len() {
                let by_title = r.title.id(i).is_some_and(|t| title_hits.get(t as usize).copied().unwrap_or(false));
                let by_actor = || r.actors_of(i).iter().any(|&a| actor_hits.get(a as usize).copied().unwrap_or(false));
                if by_title || by_actor() {
                    out.push((s.id, i as u32));
                    if out.len() >= limit {
                        return out;
                    }
                }
            }
        }
        out
    }

    /// The files, as paths relative to `base` where they lie under it (for a lesson saved in `base`).
    pub fn paths_relative_to(&self, base: &Path) -> Vec<String> {
        self.sources.iter().filter(|s| s.imported.lesson.is_none()).map(|s| relative(&s.imported.path, base)).collect()
    }
}

/// `path` relative to the folder `base` (`../data/x.csv` style when it lies beside it), else absolute.
pub fn relative(path: &Path, base: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (path, base) = (abs(path), abs(base));
    let p: Vec<_> = path.components().collect();
    let b: Vec<_> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.display().to_string();
    }
    let mut out = PathBuf::new();
    for _ in common..b.len() {
        out.push("..");
    }
    for c in p.iter().skip(common) {
        out.push(c);
    }
    // Forward slashes, so a lesson made on Windows opens elsewhere.
    out.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_walk_up_and_down() {
        assert_eq!(relative(Path::new("/a/b/data/x.csv"), Path::new("/a/b/lessons")), "../data/x.csv");
        assert_eq!(relative(Path::new("/a/b/x.csv"), Path::new("/a/b")), "x.csv");
    }
}
