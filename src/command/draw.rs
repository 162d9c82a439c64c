//! Drawing on the map: the tools and their keys.

/// What a pointer gesture on the map does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Tool {
    /// Pan, zoom and select (annotations too).
    #[default]
    Pointer,
    /// Click to place a text label.
    Text,
    /// Drag from tail to head.
    Arrow,
    /// Drag a box to inscribe an ellipse.
    Ellipse,
    /// Drag a rectangle.
    Rect,
    /// Draw freehand.
    Pen,
    /// Click to place the next numbered marker.
    Marker,
    /// Click a country to fill it (click again to clear).
    Country,
}

impl Tool {
    /// Every tool, in tool-bar order.
    pub const ALL: [Self; 8] =
        [Self::Pointer, Self::Text, Self::Arrow, Self::Ellipse, Self::Rect, Self::Pen, Self::Marker, Self::Country];

    /// Button label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pointer => "Pointer",
            Self::Text => "Text",
            Self::Arrow => "Arrow",
            Self::Ellipse => "Ellipse",
            Self::Rect => "Box",
            Self::Pen => "Pen",
            Self::Marker => "Number",
            Self::Country => "Country",
        }
    }

    /// Its keyboard shortcut (Esc always returns to the pointer).
    pub fn key(self) -> egui::Key {
        match self {
            Self::Pointer => egui::Key::V,
            Self::Text => egui::Key::T,
            Self::Arrow => egui::Key::A,
            Self::Ellipse => egui::Key::E,
            Self::Rect => egui::Key::R,
            Self::Pen => egui::Key::P,
            Self::Marker => egui::Key::N,
            Self::Country => egui::Key::C,
        }
    }
}

/// A drawing tool, an edit of the annotations, or its undo.
#[derive(Clone, Debug, PartialEq)]
pub enum DrawCommand {
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
}
