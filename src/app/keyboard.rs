//! Keyboard shortcuts: map and timeline keys, drawing tools, undo/redo, UI scale, and the presentation
//! keys (PowerPoint's and presentation clickers', which send PageUp/PageDown).

use egui::{Key, Modifiers};

use crate::command::DataCommand;
use crate::command::Tool;
use crate::command::keys;
use crate::command::{
    Command, DrawCommand, ExportCommand, FileCommand, LessonCommand, MapCommand, TimeCommand, WindowCommand,
};
use crate::map::memory::KEY_ZOOM_FACTOR;
use crate::panels;
use crate::panels::menu::UI_SCALE_STEP;

use super::TimeAtlasApp;
use super::access::KeyScope;
use crate::command::Blank;

impl TimeAtlasApp {
    pub(super) fn keyboard_commands(&mut self, ctx: &egui::Context) {
        let mut out = Vec::new();
        // Dropped files and Ctrl+F work even while a text field has the keyboard. (In a browser dropped
        // files have no path: web_files.rs reads them.)
        #[cfg(not(target_arch = "wasm32"))]
        {
            let dropped: Vec<std::path::PathBuf> =
                ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect());
            let (lessons, layers): (Vec<_>, Vec<_>) = dropped.into_iter().partition(|p| is_lesson_file(p));
            if let Some(lesson) = lessons.into_iter().next() {
                out.push(Command::Lesson(LessonCommand::LoadLesson(lesson)));
            }
            if !layers.is_empty() {
                out.push(Command::File(FileCommand::LoadData(layers)));
            }
        }
        if ctx.input(|i| i.modifiers.command && i.key_pressed(keys::SEARCH.logical_key)) {
            out.push(Command::Window(WindowCommand::ShowSidePanel(true)));
            ctx.memory_mut(|m| m.request_focus(panels::search::search_field_id()));
        }
        self.scale_keys(ctx, &mut out);
        if self.escape_closes_a_window(ctx, &mut out) {
            // That Esc did its one thing: it neither leaves presentation nor drops the tool.
        } else {
            // A focused button keeps Space, Enter and the arrows; the focused map keeps the arrows (they
            // pan it); a text field keeps every key. The other shortcuts work whatever has focus.
            match self.key_scope(ctx) {
                KeyScope::Text => {}
                scope if self.lesson.presenting => presenting_keys(ctx, self.lesson.blank.is_some(), scope, &mut out),
                scope => {
                    self.map_keys(ctx, scope, &mut out);
                    self.editing_keys(ctx, scope, &mut out);
                }
            }
        }
        self.commands.extend(out);
    }

    /// Esc closes the open windows before it does anything else, even from a text field inside one.
    /// Returns true when it did (the key is consumed).
    fn escape_closes_a_window(&self, ctx: &egui::Context, out: &mut Vec<Command>) -> bool {
        let open: Vec<Command> = [
            (self.draw.text_edit.is_some(), Command::Draw(DrawCommand::CancelAnnotationText)),
            (self.file_prompt.is_some(), Command::File(FileCommand::CloseFilePrompt)),
            (self.export.open, Command::Export(ExportCommand::ShowExport(false))),
            (self.layout.show_open_data, Command::Window(WindowCommand::ShowOpenData(false))),
            (self.imports.show_panel, Command::Data(DataCommand::ShowPanel(false))),
            (self.layout.show_about, Command::Window(WindowCommand::ShowAbout(false))),
        ]
        .into_iter()
        .filter_map(|(is_open, close)| is_open.then_some(close))
        .collect();
        if open.is_empty() || !ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            return false;
        }
        out.extend(open);
        true
    }

    /// Ctrl + / Ctrl - / Ctrl 0: the UI scale, 100 to 300 %.
    fn scale_keys(&self, ctx: &egui::Context, out: &mut Vec<Command>) {
        let scale = self.settings.ui_scale;
        let (larger, smaller, reset) = ctx.input_mut(|i| {
            (
                i.consume_shortcut(&keys::UI_LARGER)
                    || i.consume_key(Modifiers::COMMAND, Key::Equals)
                    || i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Equals),
                i.consume_shortcut(&keys::UI_SMALLER),
                i.consume_shortcut(&keys::UI_RESET),
            )
        });
        if larger {
            out.push(Command::Window(WindowCommand::SetUiScale(scale + UI_SCALE_STEP)));
        }
        if smaller {
            out.push(Command::Window(WindowCommand::SetUiScale(scale - UI_SCALE_STEP)));
        }
        if reset {
            out.push(Command::Window(WindowCommand::SetUiScale(1.0)));
        }
    }

    fn editing_keys(&self, ctx: &egui::Context, scope: KeyScope, out: &mut Vec<Command>) {
        let (redo, redo_y, export) = ctx.input_mut(|i| {
            (
                // Redo first: Ctrl+Shift+Z also matches Ctrl+Z with extra modifiers.
                i.consume_shortcut(&keys::REDO),
                i.consume_shortcut(&keys::REDO_ALT),
                i.consume_shortcut(&keys::EXPORT),
            )
        });
        let undo = ctx.input_mut(|i| i.consume_shortcut(&keys::UNDO));
        if undo {
            out.push(Command::Draw(DrawCommand::Undo));
        }
        if redo || redo_y {
            out.push(Command::Draw(DrawCommand::Redo));
        }
        if export {
            out.push(Command::Export(ExportCommand::ShowExport(true)));
        }
        let plain = ctx.input(|i| i.modifiers.is_none());
        let pressed = |k: Key| scope.allows(k) && ctx.input(|i| i.key_pressed(k));
        if pressed(keys::PRESENT.logical_key) {
            out.push(Command::Lesson(LessonCommand::Present(true)));
        }
        if !plain {
            return;
        }
        for tool in Tool::ALL {
            if pressed(tool.key()) {
                out.push(Command::Draw(DrawCommand::SetTool(tool)));
            }
        }
        if pressed(Key::Escape) {
            out.push(Command::Draw(DrawCommand::SetTool(Tool::Pointer)));
            out.push(Command::Draw(DrawCommand::SelectAnnotation(None)));
        }
        if (pressed(Key::Delete) || pressed(Key::Backspace))
            && let Some(id) = self.draw.selected
        {
            out.push(Command::Draw(DrawCommand::EditAnnotations(crate::annotate::Edit::Delete(id), false)));
        }
        let lesson = !self.lesson.is_empty();
        if pressed(Key::Space) {
            out.push(Command::Time(TimeCommand::TogglePlay));
        }
        // Clickers send PageUp/PageDown: they step through slides even outside presentation mode.
        if pressed(Key::PageDown) {
            out.push(Command::Lesson(LessonCommand::Step(1)));
        }
        if pressed(Key::PageUp) {
            out.push(Command::Lesson(LessonCommand::Step(-1)));
        }
        if pressed(Key::ArrowRight) {
            out.push(if lesson {
                Command::Lesson(LessonCommand::Step(1))
            } else {
                Command::Time(TimeCommand::StepEvent(1))
            });
        }
        if pressed(Key::ArrowLeft) {
            out.push(if lesson {
                Command::Lesson(LessonCommand::Step(-1))
            } else {
                Command::Time(TimeCommand::StepEvent(-1))
            });
        }
        if pressed(Key::Plus) || pressed(Key::Equals) {
            out.push(Command::Map(MapCommand::ZoomBy(KEY_ZOOM_FACTOR)));
        }
        if pressed(Key::Minus) {
            out.push(Command::Map(MapCommand::ZoomBy(1.0 / KEY_ZOOM_FACTOR)));
        }
        if pressed(Key::Home) {
            out.push(Command::Map(MapCommand::ResetView));
        }
    }
}

/// The keys of presentation mode (PowerPoint's, and what clickers send).
fn presenting_keys(ctx: &egui::Context, blank: bool, scope: KeyScope, out: &mut Vec<Command>) {
    let pressed = |k: Key| scope.allows(k) && ctx.input(|i| i.key_pressed(k));
    if pressed(Key::Escape) {
        // Esc first shows a blanked screen again, then leaves.
        out.push(if blank {
            Command::Lesson(LessonCommand::Unblank)
        } else {
            Command::Lesson(LessonCommand::Present(false))
        });
        if blank {
            return;
        }
    }
    if [Key::PageDown, Key::ArrowRight, Key::Space, Key::Enter, Key::ArrowDown].into_iter().any(pressed) {
        out.push(Command::Lesson(LessonCommand::Step(1)));
    }
    if [Key::PageUp, Key::ArrowLeft, Key::Backspace, Key::ArrowUp].into_iter().any(pressed) {
        out.push(Command::Lesson(LessonCommand::Step(-1)));
    }
    if pressed(Key::Home) {
        out.push(Command::Lesson(LessonCommand::GoToSlide(0)));
    }
    if pressed(Key::End) {
        out.push(Command::Lesson(LessonCommand::GoToSlide(usize::MAX)));
    }
    if pressed(Key::B) || pressed(Key::Period) {
        out.push(Command::Lesson(LessonCommand::ToggleBlank(Blank::Black)));
    }
    if pressed(Key::W) || pressed(Key::Comma) {
        out.push(Command::Lesson(LessonCommand::ToggleBlank(Blank::White)));
    }
    if pressed(Key::L) {
        out.push(Command::Lesson(LessonCommand::ToggleSpotlight));
    }
}

/// True for a `.json` file that declares itself a TimeAtlas lesson.
#[cfg(not(target_arch = "wasm32"))]
fn is_lesson_file(path: &std::path::Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
        && crate::model::files::read_user_text(path, crate::lesson::file::MAX_FILE_BYTES)
            .is_ok_and(|t| t.contains("\"timeatlas-lesson\""))
}
