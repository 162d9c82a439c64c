//! The keyboard shortcuts that have a button or a menu entry too, declared once: the keyboard handler
//! (`app/keyboard.rs`) consumes these, and buttons and tooltips print them with [`text`], so a label never
//! names a key that does something else.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Undo the last change to the drawings (or bring back what a lesson action put aside).
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
/// Redo.
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// Redo, as Windows programs also take it.
pub const REDO_ALT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// Open the export dialog.
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Put the cursor in the search box, from anywhere.
pub const SEARCH: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
/// Start presenting (PowerPoint's key).
pub const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
/// Leave presentation mode (or show a blanked screen again).
pub const LEAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Escape);
/// A larger interface (100 to 300 %).
pub const UI_LARGER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus);
/// A smaller interface.
pub const UI_SMALLER: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
/// The interface at 100 %.
pub const UI_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);

/// A shortcut as this platform writes it (`Ctrl+Shift+Z`, `⌘Z` on a Mac); Escape as keyboards label it, Esc.
pub fn text(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    if *shortcut == LEAVE { "Esc".to_owned() } else { ctx.format_shortcut(shortcut) }
}

/// Two shortcuts for one action, as a tooltip lists them (`Ctrl+Shift+Z or Ctrl+Y`).
pub fn either(ctx: &egui::Context, a: &KeyboardShortcut, b: &KeyboardShortcut) -> String {
    format!("{} or {}", text(ctx, a), text(ctx, b))
}
