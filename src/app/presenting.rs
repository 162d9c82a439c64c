//! Lessons and presentation mode: the open lesson, the current slide, going from slide to slide (with an
//! animated transition of the map and the date), blank screens, the spotlight, autoplay and autosave.

use std::path::{Path, PathBuf};

use crate::annotate::History;
use crate::command::{Blank, Command};
use crate::command::{FileAction, TimeCommand};
use crate::export::frame::{ExportView, export_memory};
use crate::lesson::{Lesson, Slide};
use crate::map::MapMemory;
use crate::model::geo::GeoBox;

use super::TimeAtlasApp;

/// How long a transition between slides takes, in seconds.
const TRANSITION_S: f64 = 1.2;
/// Seconds without changes before the lesson is autosaved.
const AUTOSAVE_AFTER_S: f64 = 2.0;

/// The map and date moving from one slide to the next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transition {
    from_view: MapMemory,
    to_view: Option<GeoBox>,
    from_day: f64,
    to_day: f64,
    elapsed_s: f64,
}

/// The open lesson and the presentation.
#[derive(Clone, Debug, Default)]
pub struct LessonState {
    /// The lesson being taught or edited.
    pub lesson: Option<Lesson>,
    /// Where it was opened from or saved to.
    pub path: Option<PathBuf>,
    /// Index of the current slide.
    pub current: usize,
    /// Presentation mode on.
    pub presenting: bool,
    /// Blank screen.
    pub blank: Option<Blank>,
    /// Spotlight toggled on (it also shows while S is held).
    pub spotlight: bool,
    /// Slides advance by themselves.
    pub autoplay: bool,
    /// Seconds on the current slide (autoplay).
    pub slide_elapsed_s: f64,
    /// A transition in progress.
    pub transition: Option<Transition>,
    /// The slide's view box (`Some(None)`: the home view), kept fitted to the map area until the user
    /// moves the map.
    pub pending_view: Option<Option<GeoBox>>,
    /// Stop playing at this day (a slide's range).
    pub play_until: Option<f64>,
    /// Changed since the last autosave.
    pub dirty: bool,
    /// When (egui input time, seconds) the lesson last changed; the autosave follows a quiet moment.
    pub changed_at: Option<f64>,
    /// Start playing the slide's range when the transition ends.
    pub play_after_transition: bool,
    /// Show the slide sorter.
    pub show_sorter: bool,
    /// Bumped on every change to the lesson (thumbnails and autosave follow it).
    pub revision: u64,
    /// What the last save said: "Saved to …" or why it could not.
    pub saved: Option<Result<String, String>>,
}

impl LessonState {
    /// The current slide.
    pub fn slide(&self) -> Option<&Slide> {
        self.lesson.as_ref().and_then(|l| l.slides.get(self.current))
    }

    /// Number of slides.
    pub fn len(&self) -> usize {
        self.lesson.as_ref().map_or(0, |l| l.slides.len())
    }

    /// True when there is no lesson or it has no slides.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where the lesson is autosaved.
#[cfg(not(target_arch = "wasm32"))]
pub fn autosave_path() -> PathBuf {
    let dir = eframe::storage_dir("timeatlas").unwrap_or_else(std::env::temp_dir);
    dir.join("lesson-autosave.json")
}

/// A browser has no folders: there the lesson is not autosaved (Lesson > Save downloads it).
#[cfg(target_arch = "wasm32")]
pub fn autosave_path() -> PathBuf {
    PathBuf::new()
}

/// Where the autosave of the previous run waits to be recovered.
pub fn recovery_path(autosave: &Path) -> PathBuf {
    autosave.with_file_name("lesson-autosave-previous-run.json")
}

/// Moves the previous run's autosave aside, so this run's autosaves cannot overwrite it before the teacher
/// has had the chance to recover it. Temporaries left there by killed autosaves are removed.
pub fn keep_previous_autosave(autosave: &Path) {
    if let Some(dir) = autosave.parent() {
        crate::model::atomic::clean_stale(dir, crate::model::atomic::STALE_AFTER);
    }
    if autosave.is_file()
        && let Err(e) = std::fs::rename(autosave, recovery_path(autosave))
    {
        log::warn!("cannot keep the previous autosave {}: {e}", autosave.display());
    }
}

impl TimeAtlasApp {
    /// Where this app autosaves its lesson.
    pub fn autosave_file(&self) -> &Path {
        &self.autosave_path
    }

    /// Puts the atlas in the state a slide describes: date, layers, filters, selection, annotations, view.
    pub fn apply_slide(&mut self, slide: &Slide) {
        // The date, layers, filters and card, as a thumbnail and a handout show the slide.
        let look = self.look().with_slide(slide, &self.settings.time);
        self.show_look(look);
        let t = &mut self.settings.time;
        t.playing = false;
        self.lesson.play_until = None;
        if let (Ok(Some(to)), Ok(from)) = (slide.play_to_day(), slide.day())
            && to > from
        {
            t.speed_days_per_sec = ((to - from) / f64::from(slide.duration_s.max(1.0))).max(0.1);
            t.playing = true;
            self.lesson.play_until = Some(to);
        }
        self.draw.history = History::with_items(slide.annotations.clone());
        self.draw.selected = None;
        self.lesson.pending_view = Some(slide.view);
        self.lesson.slide_elapsed_s = 0.0;
        self.keep_date_visible();
    }

    /// The current state as a slide (the caption and sources of `base` are kept).
    pub fn capture_slide(&self, base: Option<&Slide>) -> Slide {
        let date = self.settings.time.current_date().format("%Y-%m-%d").to_string();
        let mut slide = base.cloned().unwrap_or_else(|| Slide::new("New slide", date.clone()));
        // Keep the slide's own date (and range) while the map is still within it.
        let day = self.settings.time.current_day;
        let start = slide.day().unwrap_or(f64::NAN);
        let end = slide.play_to_day().ok().flatten().unwrap_or(start);
        if base.is_none() || !(start - 0.5..=end + 0.5).contains(&day) {
            slide.date = date;
            slide.play_to = None;
        }
        slide.view = self.visible_geo_box();
        self.look().keep_in_slide(&mut slide);
        slide.annotations = self.draw.history.items().to_vec();
        if slide.sources.is_empty() {
            slide.sources = self.sources_shown();
        }
        slide
    }

    /// The sources of what the map shows at the current date: the open card's record when it is there at
    /// this date (not a 2020 strike's card left open on a 1979 slide), else the events highlighted at it.
    fn sources_shown(&self) -> Vec<crate::lesson::Source> {
        let day = self.settings.time.current_day;
        let span = self.timeline_visible.1 - self.timeline_visible.0;
        let window = crate::map::content::ContentIndex::fade_window_days(span.max(30.0));
        let shown = |hit: &crate::model::search::Hit| {
            self.doc.content.spans_of(&self.doc.dataset, hit).iter().any(|&(s, e)| s - 0.5 <= day && day < e + window)
        };
        if let Some(hit) = self.card.as_ref().filter(|h| shown(h)) {
            return self.sources_of(hit);
        }
        let mut sources: Vec<crate::lesson::Source> = Vec::new();
        for id in self.highlighted_event_ids() {
            for s in self.sources_of(&crate::model::search::Hit::Event(id)) {
                if sources.len() < MAX_SLIDE_SOURCES && !sources.iter().any(|x| x.url == s.url) {
                    sources.push(s);
                }
            }
        }
        sources
    }

    /// The sources of a record, as lesson sources.
    fn sources_of(&self, hit: &crate::model::search::Hit) -> Vec<crate::lesson::Source> {
        use crate::model::search::Hit;
        let d = &self.doc.dataset;
        let sources = match hit {
            Hit::Event(id) => d.events.iter().find(|e| &e.id == id).map(|e| &e.sources),
            Hit::Group(id) => d.groups.iter().find(|g| &g.id == id).map(|g| &g.sources),
            Hit::Position(id) => d.positions.iter().find(|p| &p.id == id).map(|p| &p.sources),
            Hit::Relation(id) => d.relations.iter().find(|r| &r.id == id).map(|r| &r.sources),
        };
        sources
            .map(|s| s.iter().map(|s| crate::lesson::Source { url: s.url.clone(), title: s.title.clone() }).collect())
            .unwrap_or_default()
    }

    /// The geographic box the map shows (None before the first frame).
    fn visible_geo_box(&self) -> Option<GeoBox> {
        let ppk = self.drawn.view.points_per_km?;
        let half = crate::map::MapPoint::new(
            f64::from(self.drawn.map_size.x) / ppk / 2.0,
            f64::from(self.drawn.map_size.y) / ppk / 2.0,
        );
        let c = self.drawn.view.center;
        let corners =
            [(-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0), (1.0, 1.0), (0.0, -1.0), (0.0, 1.0), (-1.0, 0.0), (1.0, 0.0)].map(
                |(sx, sy)| {
                    crate::map::projection::geo_from_map(crate::map::MapPoint::new(
                        c.x_km + sx * half.x_km,
                        c.y_km + sy * half.y_km,
                    ))
                },
            );
        // The inner box: what is certainly visible (the conic bends meridians).
        let lons = corners.map(|g| g.lon);
        let lats = corners.map(|g| g.lat);
        let west = lons[0].max(lons[2]).max(lons[6]);
        let east = lons[1].min(lons[3]).min(lons[7]);
        let south = lats[0].max(lats[1]).max(lats[4]);
        let north = lats[2].min(lats[3]).min(lats[5]);
        let (lo, hi) = if south < north { (south, north) } else { (north, south) };
        (west < east).then(|| GeoBox {
            min: crate::model::GeoPoint::lon_lat(west, lo),
            max: crate::model::GeoPoint::lon_lat(east, hi),
        })
    }

    /// Opens a lesson at its first slide. The drawings on the map and the lesson open before are put
    /// aside: Undo brings them back.
    pub fn open_lesson(&mut self, lesson: Lesson, path: Option<PathBuf>) {
        self.put_aside(format!("opening the lesson “{}”", lesson.title));
        if self.lesson.lesson.is_none() {
            self.draw.free = Some(std::mem::take(&mut self.draw.history));
        } else {
            self.keep_drawings_in_slide();
        }
        if !lesson.data.is_empty() {
            self.import_lesson_data(path.as_deref(), &lesson.data);
        }
        self.lesson.lesson = Some(lesson);
        self.lesson.path = path;
        self.lesson.current = 0;
        self.lesson.show_sorter = true;
        self.lesson.revision += 1;
        if let Some(first) = self.lesson.slide().cloned() {
            self.apply_slide(&first);
        }
    }

    /// Loads a lesson file; on error the open lesson stays and the error is shown.
    pub fn load_lesson(&mut self, path: &Path) {
        match crate::lesson::file::load(path) {
            Ok(lesson) => {
                // A lesson a teacher is still writing may lack sources or point at a record this dataset
                // does not have: open it, and say what to fix.
                let problems = crate::lesson::file::validate(&lesson, &self.doc.dataset, &path.display().to_string());
                self.messages.extend(problems.iter().map(|e| format!("warning: {e}")));
                self.open_lesson(lesson, Some(path.to_path_buf()));
                self.remember_recent(path);
            }
            Err(e) => {
                log::error!("{e}");
                self.messages.push(e.to_string());
            }
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.settings.recent_lessons;
        recent.retain(|p| p != path);
        recent.insert(0, path.to_path_buf());
        recent.truncate(8);
    }

    /// Goes to slide `index` (clamped), with a transition when they are on and the slide changes.
    pub fn go_to_slide(&mut self, index: usize, animate: bool) {
        let len = self.lesson.len();
        if len == 0 {
            return;
        }
        let index = index.min(len - 1);
        self.keep_drawings_in_slide();
        let Some(slide) = self.lesson.lesson.as_ref().and_then(|l| l.slides.get(index)).cloned() else { return };
        let from_view = self.drawn.view;
        let from_day = self.settings.time.current_day;
        self.lesson.current = index;
        self.apply_slide(&slide);
        if animate && self.settings.transitions && from_view.points_per_km.is_some() {
            self.lesson.transition = Some(Transition {
                from_view,
                to_view: slide.view,
                from_day,
                to_day: self.settings.time.current_day,
                elapsed_s: 0.0,
            });
            self.lesson.pending_view = None;
            self.settings.time.current_day = from_day;
            // The slide's range plays once the map has arrived.
            self.lesson.play_after_transition = self.settings.time.playing;
            self.settings.time.playing = false;
        }
    }

    /// Drawings made on the current slide belong to it: store them before leaving it.
    pub(super) fn keep_drawings_in_slide(&mut self) {
        let current = self.lesson.current;
        let items = self.draw.history.items();
        let Some(slide) = self.lesson.lesson.as_mut().and_then(|l| l.slides.get_mut(current)) else { return };
        if slide.annotations != items {
            slide.annotations = items.to_vec();
            self.lesson_changed();
        }
    }

    /// Next (+1) or previous (-1) slide; outside a lesson, the next or previous event.
    pub(super) fn step(&mut self, ctx: &egui::Context, direction: i32) {
        if self.lesson.is_empty() {
            self.apply(ctx, Command::Time(TimeCommand::StepEvent(direction)));
            return;
        }
        let cur = self.lesson.current;
        let next = if direction >= 0 { cur + 1 } else { cur.saturating_sub(1) };
        if next != cur && next < self.lesson.len() {
            self.go_to_slide(next, true);
        }
    }

    /// Per-frame work: transitions, a slide's range, autoplay, autosave. Returns true while animating.
    pub(super) fn tick_lesson(&mut self, ctx: &egui::Context, dt_s: f64) -> bool {
        let mut animating = false;
        if let Some(mut tr) = self.lesson.transition.take() {
            tr.elapsed_s += dt_s;
            let t = (tr.elapsed_s / TRANSITION_S).clamp(0.0, 1.0);
            let e = t * t * (3.0 - 2.0 * t);
            let view = if self.drawn.map_size.x > 0.0 {
                tr.to_view.map_or(ExportView::Home, ExportView::Box)
            } else {
                ExportView::Home
            };
            let to = export_memory(view, self.drawn.map_size, &self.doc.data.prepared.home);
            if let (Some(a), Some(b)) = (tr.from_view.points_per_km, to.points_per_km) {
                let center = crate::map::MapPoint::new(
                    tr.from_view.center.x_km + (to.center.x_km - tr.from_view.center.x_km) * e,
                    tr.from_view.center.y_km + (to.center.y_km - tr.from_view.center.y_km) * e,
                );
                let ppk = (a.ln() + (b.ln() - a.ln()) * e).exp();
                self.settings.map = MapMemory { center, points_per_km: Some(ppk) };
            }
            self.settings.time.current_day = tr.from_day + (tr.to_day - tr.from_day) * e;
            if t < 1.0 {
                self.lesson.transition = Some(tr);
                animating = true;
            } else {
                self.settings.map = to;
                self.lesson.pending_view = Some(tr.to_view);
                self.settings.time.current_day = tr.to_day;
                if std::mem::take(&mut self.lesson.play_after_transition) {
                    self.settings.time.playing = true;
                }
            }
        }
        if let Some(until) = self.lesson.play_until.filter(|_| self.lesson.transition.is_none())
            && self.settings.time.current_day >= until
        {
            self.settings.time.set_day(until);
            self.settings.time.playing = false;
            self.lesson.play_until = None;
        }
        if self.lesson.autoplay && self.lesson.presenting && self.lesson.transition.is_none() {
            self.lesson.slide_elapsed_s += dt_s;
            let duration = self.lesson.slide().map_or(10.0, |s| f64::from(s.duration_s.max(1.0)));
            if self.lesson.slide_elapsed_s >= duration {
                if self.lesson.current + 1 < self.lesson.len() {
                    self.go_to_slide(self.lesson.current + 1, true);
                } else {
                    self.lesson.autoplay = false;
                }
            }
            animating = true;
        }
        if !self.lesson.presenting && self.lesson.transition.is_none() {
            // Drawings on the current slide are part of it (and of its autosave) as they are made.
            self.keep_drawings_in_slide();
        }
        self.autosave_tick(ctx);
        animating
    }

    /// Writes the autosave once the lesson has been still for a moment (a wake-up is booked, so it happens
    /// even when nothing else repaints).
    fn autosave_tick(&mut self, ctx: &egui::Context) {
        if !self.lesson.dirty {
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = *self.lesson.changed_at.get_or_insert(now);
        let quiet = now - since;
        if quiet < AUTOSAVE_AFTER_S {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_AFTER_S - quiet));
            return;
        }
        self.flush_autosave();
    }

    /// Writes the autosave now if the lesson changed since the last one (also when the window closes, so
    /// the last seconds of work are not lost to the quiet-moment wait).
    pub fn flush_autosave(&mut self) {
        if !self.lesson.presenting && self.lesson.transition.is_none() {
            self.keep_drawings_in_slide();
        }
        if !self.lesson.dirty {
            return;
        }
        self.lesson.dirty = false;
        self.lesson.changed_at = None;
        if let Some(lesson) = &self.lesson.lesson
            && !self.autosave_path.as_os_str().is_empty()
        {
            let path = self.autosave_path.clone();
            if let Some(dir) = path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            if let Err(e) = crate::lesson::file::save(&path, lesson) {
                log::error!("autosave to {} failed: {e}", path.display());
            }
        }
    }

    /// Marks the lesson changed (thumbnails refresh; the autosave follows after a quiet moment).
    pub(super) fn lesson_changed(&mut self) {
        self.lesson.revision += 1;
        self.lesson.dirty = true;
        self.lesson.changed_at = None;
    }

    pub(super) fn lesson_file_chosen(&mut self, action: FileAction, path: &Path) {
        match action {
            FileAction::OpenLesson => self.load_lesson(path),
            FileAction::SaveLesson => {
                self.keep_drawings_in_slide();
                let folder = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                let data = self.doc.sources.paths_relative_to(&folder);
                let Some(lesson) = &mut self.lesson.lesson else { return };
                if lesson.data != data {
                    lesson.data = data;
                    self.lesson.revision += 1;
                }
                let Some(lesson) = &self.lesson.lesson else { return };
                match crate::lesson::file::save(path, lesson) {
                    Ok(()) => {
                        let when = chrono::Local::now().format("%H:%M");
                        self.lesson.saved = Some(Ok(format!("Saved to {} at {when}", path.display())));
                        self.lesson.path = Some(path.to_path_buf());
                        self.remember_recent(path);
                    }
                    Err(e) => {
                        let message = format!("{}: cannot save the lesson: {e}", path.display());
                        self.lesson.saved = Some(Err(message.clone()));
                        self.messages.push(message);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A new slide lists at most this many sources of the events it shows.
const MAX_SLIDE_SOURCES: usize = 6;
