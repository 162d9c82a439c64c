//! Lessons and presenting them.

use std::path::PathBuf;

/// A blanked screen (PowerPoint's B and W keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// All black.
    Black,
    /// All white.
    White,
}

/// Editing, opening, saving or presenting a lesson.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonCommand {
    /// An edit of the slides (the sorter and the slide's fields).
    Slide(SlideEdit),
    /// Enter (true) or leave presentation mode.
    Present(bool),
    /// Next (+1) or previous (-1) slide; outside a lesson, the next or previous event.
    Step(i32),
    /// Go to a slide by index (`usize::MAX` = the last).
    GoToSlide(usize),
    /// Blank the screen black or white, or show it again (the same key toggles).
    ToggleBlank(Blank),
    /// Show the screen again after a blank.
    Unblank,
    /// Turn the spotlight toggle on or off.
    ToggleSpotlight,
    /// Slides advance by themselves.
    SetAutoplay(bool),
    /// Animate the map and the date between slides.
    SetTransitions(bool),
    /// Start a new, empty lesson.
    NewLesson,
    /// Leave the current slide's source at this index off it.
    RemoveSlideSource(usize),
    /// Cite one more page on the current slide (a page the atlas's records do not name).
    AddSlideSource(crate::lesson::Source),
    /// Save the lesson to its file, or ask where when it has none yet.
    SaveLesson,
    /// Rename the open lesson.
    RenameLesson(String),
    /// Open the bundled sample lesson.
    OpenSampleLesson,
    /// Open a lesson file.
    LoadLesson(PathBuf),
    /// Close the lesson.
    CloseLesson,
    /// Show or hide the slide sorter.
    ShowSorter(bool),
    /// Open the autosaved lesson.
    RecoverAutosave,
}

/// An edit of the lesson's slides.
#[derive(Clone, Debug, PartialEq)]
pub enum SlideEdit {
    /// Add the current state as a slide after the current one.
    Add,
    /// Replace the current slide's state (date, view, layers, selection, annotations) with the current one.
    Update,
    /// Duplicate a slide.
    Duplicate(usize),
    /// Delete a slide.
    Delete(usize),
    /// Move a slide from one index to another.
    Move(usize, usize),
    /// Set the current slide's title, caption and duration.
    Edit {
        /// Title.
        title: String,
        /// Caption.
        caption: String,
        /// Autoplay seconds.
        duration_s: f32,
    },
}
