//! Everything the views can ask for. Views push commands; the app applies them (`app::apply`). The types a
//! command carries live here, by feature, so the views and the app both stand on this module.

mod card;
mod data;
mod draw;
mod export;
mod file;
pub mod keys;
mod lesson;
mod map;
mod time;
mod window;

pub use card::{CardCommand, Chooser, Pick};
pub use data::DataCommand;
pub use draw::{DrawCommand, Tool};
pub use export::ExportCommand;
pub use file::{FileAction, FileCommand};
pub use lesson::{Blank, LessonCommand, SlideEdit};
pub use map::MapCommand;
pub use time::TimeCommand;
pub use window::WindowCommand;

/// A change requested by a view.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The map view, layers and filters.
    Map(MapCommand),
    /// The date and playback.
    Time(TimeCommand),
    /// The open card.
    Card(CardCommand),
    /// Drawing on the map.
    Draw(DrawCommand),
    /// Choosing files and loading data.
    File(FileCommand),
    /// The export dialog.
    Export(ExportCommand),
    /// Lessons and presenting.
    Lesson(LessonCommand),
    /// The window's panels and small windows.
    Window(WindowCommand),
    /// The user's imported data.
    Data(DataCommand),
}

impl From<MapCommand> for Command {
    fn from(c: MapCommand) -> Self {
        Self::Map(c)
    }
}

impl From<TimeCommand> for Command {
    fn from(c: TimeCommand) -> Self {
        Self::Time(c)
    }
}

impl From<CardCommand> for Command {
    fn from(c: CardCommand) -> Self {
        Self::Card(c)
    }
}

impl From<DrawCommand> for Command {
    fn from(c: DrawCommand) -> Self {
        Self::Draw(c)
    }
}

impl From<FileCommand> for Command {
    fn from(c: FileCommand) -> Self {
        Self::File(c)
    }
}

impl From<ExportCommand> for Command {
    fn from(c: ExportCommand) -> Self {
        Self::Export(c)
    }
}

impl From<LessonCommand> for Command {
    fn from(c: LessonCommand) -> Self {
        Self::Lesson(c)
    }
}

impl From<WindowCommand> for Command {
    fn from(c: WindowCommand) -> Self {
        Self::Window(c)
    }
}
