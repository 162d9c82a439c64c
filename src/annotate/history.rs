//! Undo/redo over the annotation list (filled in next).
