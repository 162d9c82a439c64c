//! Presenting a lesson.

/// A blanked screen (PowerPoint's B and W keys).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blank {
    /// All black.
    Black,
    /// All white.
    White,
}
