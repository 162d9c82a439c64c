//! The user's work put aside by an action that replaces it: opening a lesson (a file, the sample, a
//! recovered autosave, a StoryMap), starting a new lesson over an open one, closing a lesson. The drawings
//! and the lesson as they were are kept here, and Undo brings them back (once the drawings' own undo steps
//! are used up), so no click in a menu throws away work without a way back.

use crate::annotate::History;

use super::TimeAtlasApp;
use super::presenting::LessonState;

/// How many replaced states are kept (the oldest is dropped beyond this).
pub const MAX_SET_ASIDE: usize = 20;

/// The drawings and the lesson as they were before an action replaced them.
#[derive(Clone, Debug)]
pub struct SetAside {
    /// What replaced them, for the notice ("opening the lesson “…”").
    pub what: String,
    lesson: LessonState,
    drawings: History,
}

/// Replaced states, newest last, and the states Undo replaced (for Redo).
#[derive(Clone, Debug, Default)]
pub struct SetAsideStack {
    undo: Vec<SetAside>,
    redo: Vec<SetAside>,
    /// The notice saying what was put aside is shown.
    pub notice: bool,
}

impl SetAsideStack {
    /// What the next Undo brings back, when the drawings have no undo step of their own left.
    pub fn next_undo(&self) -> Option<&SetAside> {
        self.undo.last()
    }

    /// True when a Redo can put a brought-back state aside again.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

impl TimeAtlasApp {
    /// The drawings and lesson as they are now (the current slide's drawings stored in it first).
    fn current_work(&mut self, what: String) -> SetAside {
        self.keep_drawings_in_slide();
        let mut lesson = self.lesson.clone();
        lesson.presenting = false;
        lesson.autoplay = false;
        lesson.transition = None;
        lesson.blank = None;
        SetAside { what, lesson, drawings: self.draw.history.clone() }
    }

    /// Keeps the drawings and lesson before `what` replaces them. Nothing is kept when there is nothing to
    /// lose (no lesson, no drawings).
    pub(super) fn put_aside(&mut self, what: String) {
        if self.lesson.lesson.is_none() && self.draw.history.items().is_empty() && !self.draw.history.can_undo() {
            return;
        }
        let work = self.current_work(what);
        let stack = &mut self.set_aside;
        stack.undo.push(work);
        if stack.undo.len() > MAX_SET_ASIDE {
            stack.undo.remove(0);
        }
        stack.redo.clear();
        stack.notice = true;
    }

    /// Brings back the last state put aside (Undo); the state it replaces can be redone. Returns false when
    /// there was none.
    pub(super) fn bring_back(&mut self) -> bool {
        self.swap_work(true)
    }

    /// Puts aside again the state the last Undo replaced (Redo). Returns false when there was none.
    pub(super) fn redo_put_aside(&mut self) -> bool {
        self.swap_work(false)
    }

    /// Restores the newest state of the undo (`back`) or redo stack, keeping the current one on the other.
    fn swap_work(&mut self, back: bool) -> bool {
        let stack = &mut self.set_aside;
        let Some(kept) = (if back { stack.undo.pop() } else { stack.redo.pop() }) else { return false };
        let now = self.current_work(kept.what.clone());
        let other = if back { &mut self.set_aside.redo } else { &mut self.set_aside.undo };
        other.push(now);
        self.restore(kept);
        true
    }

    fn restore(&mut self, kept: SetAside) {
        let revision = self.lesson.revision;
        self.lesson = kept.lesson;
        // Thumbnails and the autosave follow the restored lesson.
        self.lesson.revision = revision.max(self.lesson.revision) + 1;
        if self.lesson.lesson.is_some() {
            self.lesson_changed();
        }
        self.draw.history = kept.drawings;
        self.draw.selected = None;
        self.draw.text_edit = None;
        self.set_aside.notice = false;
    }
}
