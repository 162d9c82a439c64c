//! The date and playback.

/// A change to the date or the playback.
#[derive(Clone, Debug, PartialEq)]
pub enum TimeCommand {
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
}
