//! Names for what the map draws: a pair of marker shapes around a record's shapes (an event's marker, a
//! group's area, a position's symbol), so the SVG export can write them as `<g id="record-id">` with a
//! `<title>`. The markers are paint callbacks that no renderer runs; only exports that ask for them get them.

use std::sync::Arc;

use egui::epaint::PaintCallback;
use egui::{Painter, Rect, Shape};

/// Where a named record's shapes begin or end in a frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordTag {
    /// The shapes that follow, up to the matching [`RecordTag::End`], draw this record.
    Begin {
        /// The record's id (unique across the dataset).
        id: String,
        /// Its name or title, for people.
        title: String,
    },
    /// The record's shapes end here.
    End,
}

impl RecordTag {
    /// The marker shape carrying this tag.
    pub fn shape(self) -> Shape {
        Shape::Callback(PaintCallback { rect: Rect::ZERO, callback: Arc::new(self) })
    }

    /// The tag a shape carries, if it is a marker.
    pub fn of(shape: &Shape) -> Option<&Self> {
        match shape {
            Shape::Callback(c) => c.callback.downcast_ref::<Self>(),
            _ => None,
        }
    }
}

/// Paints records with or without their names: an SVG export names them, the window does not.
#[derive(Clone, Copy, Debug)]
pub struct Tagger {
    /// True to add the marker shapes.
    pub on: bool,
}

impl Tagger {
    /// Runs `paint` for the record `id`, between its markers when tagging.
    pub fn record(self, painter: &Painter, id: &str, title: &str, paint: impl FnOnce()) {
        if self.on {
            painter.add(RecordTag::Begin { id: id.to_owned(), title: title.to_owned() }.shape());
        }
        paint();
        if self.on {
            painter.add(RecordTag::End.shape());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_survives_the_trip_through_a_shape() {
        let tag = RecordTag::Begin { id: "isis".into(), title: "Islamic State".into() };
        let shape = tag.clone().shape();
        assert_eq!(RecordTag::of(&shape), Some(&tag));
        assert_eq!(RecordTag::of(&Shape::Noop), None);
    }
}
