//! Applying the lesson and presentation commands.

use crate::command::{LessonCommand, SlideEdit};
use crate::lesson::Lesson;

use super::TimeAtlasApp;
use crate::command::Blank;

impl TimeAtlasApp {
    /// Applies a lesson, slide or presentation command.
    pub(super) fn apply_lesson(&mut self, ctx: &egui::Context, command: LessonCommand) -> bool {
        match command {
            LessonCommand::Present(on) => {
                self.lesson.presenting = on;
                self.lesson.blank = None;
                if !on {
                    self.lesson.autoplay = false;
                }
                // A `--screenshot` run captures the window at the size it was asked for.
                if !self.is_screenshot_run() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(on));
                }
            }
            LessonCommand::Step(direction) => self.step(ctx, direction),
            LessonCommand::GoToSlide(i) => {
                let last = self.lesson.len().saturating_sub(1);
                self.go_to_slide(i.min(last), self.lesson.presenting);
            }
            LessonCommand::ToggleBlank(b) => {
                self.lesson.blank = if self.lesson.blank == Some(b) { None } else { Some(b) };
            }
            LessonCommand::Unblank => self.lesson.blank = None,
            LessonCommand::ToggleSpotlight => self.lesson.spotlight = !self.lesson.spotlight,
            LessonCommand::SetAutoplay(on) => {
                self.lesson.autoplay = on;
                self.lesson.slide_elapsed_s = 0.0;
            }
            LessonCommand::SetTransitions(on) => {
                self.settings.transitions = on;
                crate::theme::apply_motion(ctx, on);
            }
            LessonCommand::NewLesson => {
                if let Some(open) = &self.lesson.lesson {
                    self.put_aside(format!("starting a new lesson over “{}”", open.title));
                }
                // The drawings on the map become the first slide's, and are the map's again on closing.
                if self.lesson.lesson.is_none() {
                    self.draw.free = Some(self.draw.history.clone());
                }
                let mut lesson = Lesson::new("New lesson");
                lesson.slides.push(self.capture_slide(None));
                self.lesson.lesson = Some(lesson);
                self.lesson.path = None;
                self.lesson.current = 0;
                self.lesson.show_sorter = true;
                self.lesson_changed();
            }
            LessonCommand::OpenSampleLesson => match crate::lesson::file::sample() {
                Ok(lesson) => self.open_lesson(lesson, None),
                Err(e) => self.messages.push(e.to_string()),
            },
            LessonCommand::LoadLesson(path) => self.load_lesson(&path),
            LessonCommand::SaveLesson => match self.lesson.path.clone() {
                Some(path) => self.lesson_file_chosen(crate::command::FileAction::SaveLesson, &path),
                None => self.choose_file(crate::command::FileAction::SaveLesson),
            },
            LessonCommand::RemoveSlideSource(i) => {
                let current = self.lesson.current;
                if let Some(slide) = self.lesson.lesson.as_mut().and_then(|l| l.slides.get_mut(current))
                    && i < slide.sources.len()
                {
                    slide.sources.remove(i);
                    self.lesson_changed();
                }
            }
            LessonCommand::AddSlideSource(source) => {
                let current = self.lesson.current;
                if let Some(slide) = self.lesson.lesson.as_mut().and_then(|l| l.slides.get_mut(current))
                    && !slide.sources.iter().any(|s| s.url == source.url)
                {
                    slide.sources.push(source);
                    self.lesson_changed();
                }
            }
            LessonCommand::RenameLesson(title) => {
                if let Some(lesson) = self.lesson.lesson.as_mut()
                    && lesson.title != title
                {
                    lesson.title = title;
                    self.lesson_changed();
                }
            }
            LessonCommand::CloseLesson => {
                // The lesson is put aside (Undo reopens it with its drawings); the map gets its own back.
                if let Some(open) = &self.lesson.lesson {
                    self.put_aside(format!("closing the lesson “{}”", open.title));
                }
                let revision = self.lesson.revision;
                self.lesson = super::presenting::LessonState { revision: revision + 1, ..Default::default() };
                if let Some(free) = self.draw.free.take() {
                    self.draw.history = free;
                    self.draw.selected = None;
                }
            }
            LessonCommand::RecoverAutosave => {
                let path = super::presenting::recovery_path(&self.autosave_path);
                match crate::lesson::file::load(&path) {
                    Ok(lesson) => {
                        self.open_lesson(lesson, None);
                        self.lesson_changed();
                    }
                    Err(e) => self.messages.push(e.to_string()),
                }
            }
            LessonCommand::ShowSorter(on) => {
                if ctx.content_rect().width() < super::NARROW_POINTS {
                    self.layout.sorter_open_when_narrow = on;
                } else {
                    self.lesson.show_sorter = on;
                }
            }
            LessonCommand::Slide(edit) => self.edit_slides(edit),
        }
        // Every lesson command acts on a click or a key: the next frame shows it.
        true
    }

    /// Slide sorter edits.
    fn edit_slides(&mut self, command: SlideEdit) {
        let current = self.lesson.current;
        // A new slide starts from the map alone (its sources come from what is selected, not from the slide
        // it follows); "Update slide" keeps the current slide's words and sources.
        let base = if matches!(command, SlideEdit::Add) { None } else { self.lesson.slide() };
        let captured = self.capture_slide(base);
        let deleted = matches!(command, SlideEdit::Delete(_));
        if let SlideEdit::Delete(i) = command
            && i < self.lesson.len()
        {
            // A slide's words, sources and drawings: Undo brings it back.
            self.put_aside(format!("deleting slide {}", i + 1));
        }
        if !deleted && !matches!(command, SlideEdit::Update) {
            self.keep_drawings_in_slide();
        }
        let Some(lesson) = self.lesson.lesson.as_mut() else { return };
        let (changed, select) = match command {
            SlideEdit::Add => {
                let mut slide = captured;
                slide.title = format!("Slide {}", lesson.slides.len() + 1);
                slide.caption.clear();
                let at = if lesson.slides.is_empty() { 0 } else { current + 1 };
                (lesson.insert(at, slide), Some(at))
            }
            SlideEdit::Update => match lesson.slides.get_mut(current) {
                Some(s) => {
                    *s = captured;
                    (true, None)
                }
                None => (false, None),
            },
            SlideEdit::Duplicate(i) => (lesson.duplicate(i), Some(i + 1)),
            SlideEdit::Delete(i) => {
                let ok = lesson.remove(i);
                (ok, Some(current.min(lesson.slides.len().saturating_sub(1))))
            }
            SlideEdit::Move(from, to) => (lesson.move_slide(from, to), Some(to)),
            SlideEdit::Edit { title, caption, duration_s } => match lesson.slides.get_mut(current) {
                Some(s) => {
                    s.title = title;
                    s.caption = caption;
                    s.duration_s = duration_s.clamp(1.0, 600.0);
                    (true, None)
                }
                None => (false, None),
            },
        };
        if changed {
            if let Some(i) = select {
                self.lesson.current = i.min(self.lesson.len().saturating_sub(1));
            }
            if deleted && let Some(slide) = self.lesson.slide().cloned() {
                // The map shows the slide that took the deleted one's place (its drawings, not the deleted
                // slide's).
                self.apply_slide(&slide);
            }
            self.lesson_changed();
        }
    }
}

/// The blank kinds, for the view code.
pub fn blank_color(b: Blank) -> egui::Color32 {
    match b {
        Blank::Black => egui::Color32::BLACK,
        Blank::White => egui::Color32::WHITE,
    }
}
