//! Files the user is asked to choose, and why.

use std::path::PathBuf;

/// Why a file is being chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Open an annotation file.
    OpenAnnotations,
    /// Save the annotations.
    SaveAnnotations,
    /// Save the export (PNG or SVG, from the export options).
    Export,
    /// Folder for numbered frames.
    ExportFramesFolder,
    /// Open a lesson.
    OpenLesson,
    /// Save the lesson.
    SaveLesson,
}

impl FileAction {
    /// Window title and button text.
    pub fn title(self) -> &'static str {
        match self {
            Self::OpenAnnotations => "Open annotations",
            Self::SaveAnnotations => "Save annotations",
            Self::Export => "Save the export as",
            Self::ExportFramesFolder => "Folder for the frames",
            Self::OpenLesson => "Open a lesson",
            Self::SaveLesson => "Save the lesson",
        }
    }

    /// True when the file is written.
    pub fn saves(self) -> bool {
        matches!(self, Self::SaveAnnotations | Self::Export | Self::SaveLesson | Self::ExportFramesFolder)
    }
}

/// Choosing a file, or loading data from paths.
#[derive(Clone, Debug, PartialEq)]
pub enum FileCommand {
    /// Ask for a file (native dialog, or a path field where none is available).
    ChooseFile(FileAction),
    /// A file was chosen for an action.
    FileChosen(FileAction, PathBuf),
    /// Close the path field window.
    CloseFilePrompt,
    /// Open the native file dialog to load layer files.
    OpenDataDialog,
    /// Load layer files or folders, or import data files, from these paths.
    LoadData(Vec<PathBuf>),
}
