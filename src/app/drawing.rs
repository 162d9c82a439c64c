//! The app's annotation state and the commands that change it.

use crate::annotate::{Edit, History, Shape};
use crate::command::Command;
use crate::panels::annotate::{Draft, Tool};

use super::TimeAtlasApp;

/// Key under which the session's annotations are saved.
pub const STORAGE_KEY: &str = "timeatlas-annotations";

/// A text annotation being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct TextEdit {
    /// The annotation.
    pub id: u64,
    /// The words being typed.
    pub text: String,
    /// Placed just now: cancelling removes it.
    pub new: bool,
}

/// Annotations with their undo history, the tool, the selection and a gesture in progress.
#[derive(Debug, Default)]
pub struct DrawState {
    /// The annotations and their undo/redo stacks.
    pub history: History,
    /// Current tool.
    pub tool: Tool,
    /// Selected annotation.
    pub selected: Option<u64>,
    /// A drag with a drawing tool.
    pub draft: Draft,
    /// The text editor, when open.
    pub text_edit: Option<TextEdit>,
    /// The id of the annotation added last.
    last_added: Option<u64>,
}

impl TimeAtlasApp {
    /// Applies an annotation command.
    pub(super) fn apply_drawing(&mut self, command: Command) {
        let d = &mut self.draw;
        match command {
            Command::SetTool(tool) => {
                d.tool = tool;
                d.draft = Draft::default();
                if tool != Tool::Pointer {
                    d.selected = None;
                }
            }
            Command::SetAnnotationStyle(style) => {
                self.settings.annotation_style = style;
                if let Some(a) = d.selected.and_then(|id| d.history.get(id)).cloned() {
                    d.history.apply(Edit::Update { id: a.id, shape: a.shape, style }, false);
                }
            }
            Command::EditAnnotations(edit, coalesce) => {
                let adding = matches!(edit, Edit::Add(..));
                let changed = d.history.apply(edit, coalesce);
                if adding {
                    d.last_added = changed;
                }
                if d.selected.is_some_and(|id| d.history.get(id).is_none()) {
                    d.selected = None;
                }
            }
            Command::EndAnnotationGesture => d.history.end_gesture(),
            Command::SelectAnnotation(id) => d.selected = id,
            Command::Undo => {
                d.history.undo();
                d.text_edit = None;
            }
            Command::Redo => {
                d.history.redo();
                d.text_edit = None;
            }
            Command::EditAnnotationText(id) => {
                let new = id.is_none();
                let id = id.or(d.last_added);
                if let Some(Shape::Text { text, .. }) = id.and_then(|id| d.history.get(id)).map(|a| &a.shape)
                    && let Some(id) = id
                {
                    let text = if new { String::new() } else { text.clone() };
                    d.text_edit = Some(TextEdit { id, text, new });
                    d.selected = Some(id);
                }
            }
            Command::CommitAnnotationText => {
                if let Some(edit) = d.text_edit.take() {
                    commit_text(&mut d.history, &edit);
                }
            }
            Command::CancelAnnotationText => {
                if let Some(edit) = d.text_edit.take()
                    && edit.new
                {
                    d.history.apply(Edit::Delete(edit.id), false);
                    d.selected = None;
                }
            }
            _ => {}
        }
    }

    /// Loads annotations from a file: on any error they stay as they were and the error is shown.
    pub fn load_annotations(&mut self, path: &std::path::Path) {
        match crate::annotate::file::load(path) {
            Ok(items) => {
                self.draw.history.apply(Edit::ReplaceAll(items), false);
                self.draw.selected = None;
            }
            Err(e) => {
                log::error!("{e}");
                self.messages.push(e.to_string());
            }
        }
    }

    /// Saves the annotations (atomically).
    pub fn save_annotations(&mut self, path: &std::path::Path) {
        if let Err(e) = crate::annotate::file::save(path, self.draw.history.items()) {
            self.messages.push(format!("{}: cannot save the annotations: {e}", path.display()));
        }
    }
}

/// Writes the edited words into the text annotation; empty text removes it.
fn commit_text(history: &mut History, edit: &TextEdit) {
    let Some(a) = history.get(edit.id).cloned() else { return };
    let Shape::Text { at, .. } = a.shape else { return };
    let text = edit.text.trim_end().to_owned();
    if text.trim().is_empty() {
        history.apply(Edit::Delete(edit.id), false);
    } else {
        history.apply(Edit::Update { id: edit.id, shape: Shape::Text { at, text }, style: a.style }, false);
    }
}
