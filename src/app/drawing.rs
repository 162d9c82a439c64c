//! The app's annotation state and the commands that change it.

use crate::annotate::{Edit, History, Shape};
use crate::command::DrawCommand;
use crate::command::Tool;
use crate::panels::annotate::Draft;

use super::TimeAtlasApp;

/// Key under which the session's annotations are saved.
pub const STORAGE_KEY: &str = "timeatlas-annotations";

/// A text annotation being edited, or a new label being typed (added when kept: one undo step).
#[derive(Clone, Debug, PartialEq)]
pub struct TextEdit {
    /// The annotation, or `None` for a new label.
    pub id: Option<u64>,
    /// Where a new label goes.
    pub at: crate::model::GeoPoint,
    /// The words being typed.
    pub text: String,
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
    /// The drawings on the map (with their undo history) from before a lesson was opened, put back when
    /// it closes: opening a lesson never loses them.
    pub free: Option<History>,
}

impl TimeAtlasApp {
    /// Applies a drawing command; true when the drawings, the tool, the selection or the text being edited
    /// changed.
    pub(super) fn apply_drawing(&mut self, command: DrawCommand) -> bool {
        let d = &mut self.draw;
        let revision = d.history.revision();
        match command {
            DrawCommand::SetTool(tool) => {
                d.draft = Draft::default();
                let unselected = tool != Tool::Pointer && d.selected.take().is_some();
                return super::apply::set(&mut d.tool, tool) || unselected;
            }
            DrawCommand::SetAnnotationStyle(style) => {
                self.settings.annotation_style = style;
                if let Some(a) = d.selected.and_then(|id| d.history.get(id)).cloned() {
                    // Nudging a size or trying colours on one annotation is one undo step.
                    d.history.apply(Edit::Update { id: a.id, shape: a.shape, style }, true);
                }
            }
            DrawCommand::EditAnnotations(edit, coalesce) => {
                // A drag that holds still sends the same shape again: no new revision, nothing to draw.
                d.history.apply(edit, coalesce);
                let unselected = d.selected.is_some_and(|id| d.history.get(id).is_none());
                if unselected {
                    d.selected = None;
                }
                return d.history.revision() != revision || unselected;
            }
            DrawCommand::EndAnnotationGesture => {
                d.history.end_gesture();
                return false;
            }
            DrawCommand::SelectAnnotation(id) => return super::apply::set(&mut d.selected, id),
            // Past the drawings' own steps, Undo brings back what a lesson action put aside.
            DrawCommand::Undo => {
                if d.history.can_undo() {
                    d.history.undo();
                    d.text_edit = None;
                } else {
                    self.bring_back();
                }
            }
            DrawCommand::Redo => {
                if d.history.can_redo() || !self.set_aside.can_redo() {
                    d.history.redo();
                    d.text_edit = None;
                } else {
                    self.redo_put_aside();
                }
            }
            DrawCommand::EditAnnotationText(id) => {
                // A label left open is kept before another is edited.
                if let Some(open) = d.text_edit.take() {
                    commit_text(&mut d.history, &open, self.settings.annotation_style);
                }
                if let Some(id) = id
                    && let Some(Shape::Text { text, at }) = d.history.get(id).map(|a| &a.shape)
                {
                    d.text_edit = Some(TextEdit { id: Some(id), at: *at, text: text.clone() });
                    d.selected = Some(id);
                }
            }
            DrawCommand::NewTextAt(at) => {
                if let Some(open) = d.text_edit.take() {
                    commit_text(&mut d.history, &open, self.settings.annotation_style);
                }
                d.text_edit = Some(TextEdit { id: None, at, text: String::new() });
            }
            DrawCommand::CommitAnnotationText => {
                if let Some(edit) = d.text_edit.take() {
                    d.selected = commit_text(&mut d.history, &edit, self.settings.annotation_style);
                }
            }
            DrawCommand::CancelAnnotationText => d.text_edit = None,
        }
        // Style, undo, text edits: the drawings or the edited text moved on (every arm that gets here acts).
        true
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

/// Keeps the typed words: adds a new label, or rewrites an existing one (empty text removes it). Returns
/// the label's id when it exists afterwards.
fn commit_text(history: &mut History, edit: &TextEdit, style: crate::annotate::Style) -> Option<u64> {
    let text = edit.text.trim_end().to_owned();
    let empty = text.trim().is_empty();
    match edit.id {
        None if empty => None,
        None => history.apply(Edit::Add(Shape::Text { at: edit.at, text }, style), false),
        Some(id) => {
            let a = history.get(id).cloned()?;
            let Shape::Text { at, .. } = a.shape else { return None };
            if empty {
                history.apply(Edit::Delete(id), false);
                None
            } else {
                history.apply(Edit::Update { id, shape: Shape::Text { at, text }, style: a.style }, false)
            }
        }
    }
}
