//! Everything the views can ask for. Views push commands; the app applies them (`app::apply`). The types a
//! command carries live here, by feature, so the views and the app both stand on this module.

mod data;
mod draw;
mod file;
mod pick;
mod present;

pub use data::DataCommand;
pub use draw::Tool;
pub use file::FileAction;
pub use pick::{Chooser, Pick};
pub use present::Blank;

use std::path::PathBuf;

use crate::map::MapMemory;
use crate::theme::ThemeChoice;

/// A change requested by a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Move or zoom the map to this view.
    SetView(MapMemory),
    /// Zoom about the centre of the map by a factor (> 1 zooms in).
    ZoomBy(f64),
    /// Fit the view to the four focus countries again.
    ResetView,
    /// Select a country by ISO alpha-3, or clear the selection.
    SelectCountry(Option<String>),
    /// Switch palette.
    SetTheme(ThemeChoice),
    /// Show or hide province borders and names.
    SetShowProvinces(bool),
    /// Show English, local or both names on the map.
    SetNames(crate::text::names::NameMode),
    /// Show or hide cities.
    SetShowCities(bool),
    /// Open the native file dialog to load layer files.
    OpenDataDialog,
    /// Load layer files or folders, or import data files, from these paths.
    LoadData(Vec<PathBuf>),
    /// A change to the user's imported data.
    Data(DataCommand),
    /// Show or hide the About window.
    ShowAbout(bool),
    /// Show or hide the "Open data" window with its path field.
    ShowOpenData(bool),
    /// Forget the load messages shown.
    DismissMessages,
    /// Hide the notice saying what a lesson action put aside (it stays undoable).
    DismissSetAside,
    /// Close the window.
    Quit,
    /// Play or pause the timeline.
    TogglePlay,
    /// Jump to the next (+1) or previous (-1) event.
    StepEvent(i32),
    /// Playback speed in days per second.
    SetSpeed(f64),
    /// Stop or loop at the end.
    SetLoop(crate::time::LoopMode),
    /// Show the whole timeline, 1953 to today.
    FitTimeline,
    /// Go to a typed date (`1979`, `1979-11`, `2020-01-03`).
    JumpTo(String),
    /// Move the current date to this day number.
    SetDay(f64),
    /// Select an event by id, or clear (the date stays).
    SelectEvent(Option<String>),
    /// Open an item's card and move to its date (a relation also highlights its countries), or close.
    Open(Option<crate::model::search::Hit>),
    /// Open an item's card and leave the date where it is (a click on what the map draws at this date).
    OpenCard(Option<crate::model::search::Hit>),
    /// Show the chooser for several records under one click.
    OpenChooser(Chooser),
    /// Close that chooser.
    CloseChooser,
    /// Centre the map on a place.
    ShowOnMap(crate::model::GeoPoint),
    /// Show only the events of one actor, or all.
    FilterActor(Option<String>),
    /// Replace the filters.
    SetFilters(crate::model::filters::Filters),
    /// List only the relations in force at the current date.
    RelationsActiveOnly(bool),
    /// Show or hide the side panel.
    ShowSidePanel(bool),
    /// Show or hide the timeline strip.
    ShowTimeline(bool),
    /// Pick a drawing tool.
    SetTool(Tool),
    /// Style for new annotations, and for the selected one.
    SetAnnotationStyle(crate::annotate::Style),
    /// Change the annotations; `true` joins the previous step of the same gesture (a drag).
    EditAnnotations(crate::annotate::Edit, bool),
    /// A drag on an annotation ended: the next one is a new undo step.
    EndAnnotationGesture,
    /// Select an annotation, or clear.
    SelectAnnotation(Option<u64>),
    /// Undo the last annotation change.
    Undo,
    /// Redo the last undone annotation change.
    Redo,
    /// Open the text editor for a text annotation.
    EditAnnotationText(Option<u64>),
    /// Open the text editor for a new label at this place (it is added when the text is kept).
    NewTextAt(crate::model::GeoPoint),
    /// Keep the edited text.
    CommitAnnotationText,
    /// Drop the edited text (a label just placed is removed).
    CancelAnnotationText,
    /// Ask for a file (native dialog, or a path field where none is available).
    ChooseFile(FileAction),
    /// A file was chosen for an action.
    FileChosen(FileAction, PathBuf),
    /// Close the path field window.
    CloseFilePrompt,
    /// Show or hide the export dialog.
    ShowExport(bool),
    /// Replace the export options.
    SetExportOptions(crate::export::ExportOptions),
    /// Render the export preview again.
    RefreshExportPreview,
    /// Copy the export as a PNG image to the clipboard.
    CopyExport,
    /// Write a date range as numbered PNG frames (and a GIF) into a folder.
    ExportFrames(crate::export::frames::FramesRequest),
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
    /// Add the current state as a slide after the current one.
    AddSlide,
    /// Replace the current slide's state (date, view, layers, selection, annotations) with the current one.
    UpdateSlide,
    /// Duplicate a slide.
    DuplicateSlide(usize),
    /// Delete a slide.
    DeleteSlide(usize),
    /// Move a slide from one index to another.
    MoveSlide(usize, usize),
    /// Set the current slide's title, caption and duration.
    EditSlide {
        /// Title.
        title: String,
        /// Caption.
        caption: String,
        /// Autoplay seconds.
        duration_s: f32,
    },
    /// Show or hide the slide sorter.
    ShowSorter(bool),
    /// Set the UI scale (1.0 to 3.0).
    SetUiScale(f32),
    /// Open the autosaved lesson.
    RecoverAutosave,
    /// Show or hide the drawing tool bar.
    ShowDrawToolbar(bool),
}
