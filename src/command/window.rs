//! The window around the map: panels shown, small windows, messages, the UI scale, quitting.

/// Panels and small windows, messages, the UI scale, quitting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WindowCommand {
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
    /// List only the relations in force at the current date.
    RelationsActiveOnly(bool),
    /// Show or hide the side panel.
    ShowSidePanel(bool),
    /// Show or hide the timeline strip.
    ShowTimeline(bool),
    /// Show or hide the drawing tool bar.
    ShowDrawToolbar(bool),
    /// Set the UI scale (1.0 to 3.0).
    SetUiScale(f32),
}
