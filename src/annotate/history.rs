//! Undo/redo over the annotation list.
//!
//! [`History`] owns the list; every change goes through [`History::apply`] with an [`Edit`], so every
//! change can be undone. Each undo step is a snapshot of the whole list before the change (lists are
//! small), which makes undo and redo exact.
//!
//! # Ids
//! Ids are handed out by [`Edit::Add`] from a counter that only grows: undo does not move it back, so an
//! id is never reused, and an annotation brought back by undo or redo keeps its id (a selection survives).
//! [`Edit::ReplaceAll`] and [`History::with_items`] keep the ids they are given and move the counter past
//! them.
//!
//! # Gestures (coalescing)
//! A drag that moves or resizes an annotation sends one [`Edit::Update`] per frame. The first one is sent
//! with `coalesce == false`; the following ones with `coalesce == true` ("same gesture as the previous
//! edit"). A coalesced Update of the same id as the previous edit does not push an undo step, so one undo
//! takes back the whole drag. A UI that sends `coalesce == true` from the first frame on also works, as
//! long as it calls [`History::end_gesture`] when the drag ends (otherwise two drags of the same annotation
//! in a row become one step). Any other edit, undo or redo also ends the gesture.

use std::collections::{HashSet, VecDeque};

use super::model::{Annotation, Shape, Style};

/// How many undo steps are kept; the oldest is dropped beyond this.
pub const MAX_UNDO_STEPS: usize = 500;

/// One change to the annotation list.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an annotation with a fresh id, at the end of the list (drawn on top).
    Add(Shape, Style),
    /// Replaces the shape and style of the annotation `id` (its place in the list is kept).
    Update { id: u64, shape: Shape, style: Style },
    /// Removes the annotation with this id.
    Delete(u64),
    /// Removes every annotation.
    Clear,
    /// Replaces the whole list (a loaded file). Ids are kept; a repeated id gets a fresh one.
    ReplaceAll(Vec<Annotation>),
}

/// The annotation list with its undo and redo stacks. See the module documentation.
#[derive(Clone, Debug)]
pub struct History {
    items: Vec<Annotation>,
    /// Snapshots of the list before each step, oldest first.
    undo: VecDeque<Vec<Annotation>>,
    /// Snapshots of the list before each undone step, the next to redo last.
    redo: Vec<Vec<Annotation>>,
    next_id: u64,
    revision: u64,
    /// The id whose Update opened the current gesture, while a coalesced Update may still join its step.
    gesture: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// An empty list with nothing to undo.
    pub fn new() -> Self {
        Self { items: Vec::new(), undo: VecDeque::new(), redo: Vec::new(), next_id: 1, revision: 0, gesture: None }
    }

    /// A list with these annotations and nothing to undo (a document just opened). Ids are kept; a
    /// repeated id gets a fresh one.
    pub fn with_items(items: Vec<Annotation>) -> Self {
        let mut history = Self::new();
        history.items = history.unique_ids(items);
        history
    }

    /// The annotations, in drawing order (the last is on top).
    pub fn items(&self) -> &[Annotation] {
        &self.items
    }

    /// The annotation with this id.
    pub fn get(&self, id: u64) -> Option<&Annotation> {
        self.items.iter().find(|a| a.id == id)
    }

    /// The id the next [`Edit::Add`] will get.
    pub fn next_id(&self) -> u64 {
        self.next_id
    }

    /// A counter bumped on every change of the list (edits, undo, redo): the UI compares it to know when
    /// to repaint or autosave.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The number to give a new numbered marker: one more than the largest marker number (1 when none).
    pub fn next_marker_number(&self) -> u32 {
        self.items
            .iter()
            .filter_map(|a| match a.shape {
                Shape::Marker { number, .. } => Some(number),
                _ => None,
            })
            .max()
            .map_or(1, |n| n.saturating_add(1))
    }

    /// True when there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// True when there is an undone step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of steps that can be undone (at most [`MAX_UNDO_STEPS`]).
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Ends the current gesture: the next coalesced Update starts a new undo step.
    pub fn end_gesture(&mut self) {
        self.gesture = None;
    }

    /// Applies an edit and returns the id of the annotation added or changed (`None` for `Clear`,
    /// `ReplaceAll`, and an Update or Delete of an id that does not exist). An edit that changes nothing
    /// pushes no undo step; any edit that changes something clears the redo stack. With `coalesce`, an
    /// Update of the same id as the previous edit joins its undo step (see the module documentation).
    pub fn apply(&mut self, edit: Edit, coalesce: bool) -> Option<u64> {
        match edit {
            Edit::Add(shape, style) => {
                let id = self.take_id();
                self.push_step(None);
                self.items.push(Annotation { id, shape, style });
                Some(id)
            }
            Edit::Update { id, shape, style } => {
                let index = self.items.iter().position(|a| a.id == id)?;
                let current = self.items.get(index)?;
                if current.shape == shape && current.style == style {
                    // A gesture that starts without moving must not join the previous one.
                    if !coalesce {
                        self.gesture = None;
                    }
                    return Some(id);
                }
                let joins = coalesce && self.gesture == Some(id) && !self.undo.is_empty();
                if joins {
                    self.redo.clear();
                    self.revision += 1;
                } else {
                    self.push_step(Some(id));
                }
                if let Some(a) = self.items.get_mut(index) {
                    a.shape = shape;
                    a.style = style;
                }
                Some(id)
            }
            Edit::Delete(id) => {
                let index = self.items.iter().position(|a| a.id == id)?;
                self.push_step(None);
                self.items.remove(index);
                Some(id)
            }
            Edit::Clear => {
                if !self.items.is_empty() {
                    self.push_step(None);
                    self.items.clear();
                }
                None
            }
            Edit::ReplaceAll(items) => {
                let items = self.unique_ids(items);
                if items != self.items {
                    self.push_step(None);
                    self.items = items;
                }
                None
            }
        }
    }

    /// Undoes the last step; false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop_back() else {
            return false;
        };
        self.redo.push(std::mem::replace(&mut self.items, before));
        self.gesture = None;
        self.revision += 1;
        true
    }

    /// Redoes the last undone step; false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else {
            return false;
        };
        self.undo.push_back(std::mem::replace(&mut self.items, after));
        self.gesture = None;
        self.revision += 1;
        true
    }

    /// Records the list as it is now as a new undo step, before a change. `gesture` is the id of an Update
    /// that later coalesced Updates may join.
    fn push_step(&mut self, gesture: Option<u64>) {
        self.undo.push_back(self.items.clone());
        while self.undo.len() > MAX_UNDO_STEPS {
            self.undo.pop_front();
        }
        self.redo.clear();
        self.gesture = gesture;
        self.revision += 1;
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    /// Keeps the ids of `items`, gives a fresh id to any repeated one, and moves `next_id` past them all.
    fn unique_ids(&mut self, mut items: Vec<Annotation>) -> Vec<Annotation> {
        if let Some(max) = items.iter().map(|a| a.id).max() {
            self.next_id = self.next_id.max(max.saturating_add(1));
        }
        let mut seen = HashSet::with_capacity(items.len());
        for a in &mut items {
            if !seen.insert(a.id) {
                a.id = self.take_id();
                seen.insert(a.id);
            }
        }
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::model::AnnotationColor;
    use crate::model::GeoPoint;

    fn marker(lon: f64, number: u32) -> Shape {
        Shape::Marker { at: GeoPoint::lon_lat(lon, 33.0), number }
    }

    fn arrow(to_lon: f64) -> Shape {
        Shape::Arrow { from: GeoPoint::lon_lat(40.0, 30.0), to: GeoPoint::lon_lat(to_lon, 31.0) }
    }

    fn three() -> History {
        let mut h = History::new();
        h.apply(Edit::Add(marker(44.0, 1), Style::default()), false);
        h.apply(Edit::Add(arrow(45.0), Style::default()), false);
        h.apply(Edit::Add(Shape::Country { iso_a3: "IRQ".into() }, Style::default()), false);
        h
    }

    /// Applies `edit`, then checks that undo gives back exactly the list before and redo the list after.
    fn round_trip(h: &mut History, edit: &Edit) {
        let before = h.items().to_vec();
        h.apply(edit.clone(), false);
        let after = h.items().to_vec();
        assert_ne!(before, after, "{edit:?} changed nothing");
        assert!(h.undo());
        assert_eq!(h.items(), before.as_slice(), "undo of {edit:?}");
        assert!(h.redo());
        assert_eq!(h.items(), after.as_slice(), "redo of {edit:?}");
        assert!(!h.can_redo());
    }

    #[test]
    fn undo_redo_round_trips_every_kind_of_edit() {
        let mut h = three();
        assert_eq!(h.items().iter().map(|a| a.id).collect::<Vec<_>>(), vec![1, 2, 3]);
        round_trip(
            &mut h,
            &Edit::Add(Shape::Text { at: GeoPoint::lon_lat(50.0, 20.0), text: "Aden".into() }, Style::default()),
        );
        let style = Style { color: AnnotationColor::Blue, stroke_width: 8.0, font_size: 30.0 };
        round_trip(&mut h, &Edit::Update { id: 2, shape: arrow(47.5), style });
        assert_eq!(h.get(2).map(|a| a.style.color), Some(AnnotationColor::Blue));
        round_trip(&mut h, &Edit::Delete(1));
        assert!(h.get(1).is_none());
        round_trip(&mut h, &Edit::Clear);
        assert!(h.items().is_empty());
        let loaded = vec![Annotation { id: 40, shape: marker(10.0, 7), style: Style::default() }];
        round_trip(&mut h, &Edit::ReplaceAll(loaded.clone()));
        assert_eq!(h.items(), loaded.as_slice());
        // Everything can be undone back to the empty start, and redone to the end.
        let end = h.items().to_vec();
        let mut steps = 0;
        while h.undo() {
            steps += 1;
        }
        assert_eq!(steps, 8, "3 adds + add, update, delete, clear, replace");
        assert!(h.items().is_empty());
        while h.redo() {}
        assert_eq!(h.items(), end.as_slice());
    }

    #[test]
    fn a_coalesced_drag_is_one_undo_step() {
        let mut h = three();
        let start = h.items().to_vec();
        let steps = h.undo_len();
        for (frame, lon) in [45.5, 46.0, 46.5, 47.0].into_iter().enumerate() {
            let id = h.apply(Edit::Update { id: 2, shape: arrow(lon), style: Style::default() }, frame > 0);
            assert_eq!(id, Some(2));
        }
        assert_eq!(h.undo_len(), steps + 1);
        assert_eq!(h.get(2).map(|a| a.shape.clone()), Some(arrow(47.0)));
        assert!(h.undo());
        assert_eq!(h.items(), start.as_slice());
        assert!(h.redo());
        assert_eq!(h.get(2).map(|a| a.shape.clone()), Some(arrow(47.0)));
    }

    #[test]
    fn coalescing_from_the_first_frame_with_end_gesture_separates_drags() {
        let mut h = three();
        let steps = h.undo_len();
        for lon in [46.0, 47.0] {
            h.apply(Edit::Update { id: 2, shape: arrow(lon), style: Style::default() }, true);
        }
        h.end_gesture();
        for lon in [48.0, 49.0] {
            h.apply(Edit::Update { id: 2, shape: arrow(lon), style: Style::default() }, true);
        }
        assert_eq!(h.undo_len(), steps + 2);
        assert!(h.undo());
        assert_eq!(h.get(2).map(|a| a.shape.clone()), Some(arrow(47.0)));
    }

    #[test]
    fn a_drag_whose_first_frame_does_not_move_is_still_its_own_step() {
        let mut h = three();
        let steps = h.undo_len();
        h.apply(Edit::Update { id: 2, shape: arrow(46.0), style: Style::default() }, false);
        h.apply(Edit::Update { id: 2, shape: arrow(47.0), style: Style::default() }, true);
        // Second drag: the first frame has not moved yet.
        h.apply(Edit::Update { id: 2, shape: arrow(47.0), style: Style::default() }, false);
        h.apply(Edit::Update { id: 2, shape: arrow(48.0), style: Style::default() }, true);
        h.apply(Edit::Update { id: 2, shape: arrow(49.0), style: Style::default() }, true);
        assert_eq!(h.undo_len(), steps + 2);
        assert!(h.undo());
        assert_eq!(h.get(2).map(|a| a.shape.clone()), Some(arrow(47.0)));
    }

    #[test]
    fn non_coalesced_updates_and_other_ids_are_separate_steps() {
        let mut h = three();
        let steps = h.undo_len();
        h.apply(Edit::Update { id: 2, shape: arrow(46.0), style: Style::default() }, false);
        h.apply(Edit::Update { id: 2, shape: arrow(47.0), style: Style::default() }, false);
        // A coalesced Update of another id does not join the drag of id 2.
        h.apply(Edit::Update { id: 1, shape: marker(30.0, 1), style: Style::default() }, true);
        assert_eq!(h.undo_len(), steps + 3);
        assert!(h.undo());
        assert!(h.undo());
        assert_eq!(h.get(2).map(|a| a.shape.clone()), Some(arrow(46.0)));
        // After an undo a coalesced Update starts a new step instead of rewriting an older one.
        h.apply(Edit::Update { id: 2, shape: arrow(50.0), style: Style::default() }, true);
        assert!(h.undo());
        assert_eq!(h.get(2).map(|a| a.shape.clone()), Some(arrow(46.0)));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut h = three();
        assert!(h.undo());
        assert!(h.can_redo());
        h.apply(Edit::Delete(1), false);
        assert!(!h.can_redo());
        assert!(!h.redo());
        assert_eq!(h.items().iter().map(|a| a.id).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn edits_that_change_nothing_push_nothing() {
        let mut h = three();
        let (steps, revision) = (h.undo_len(), h.revision());
        assert_eq!(h.apply(Edit::Update { id: 2, shape: arrow(45.0), style: Style::default() }, false), Some(2));
        assert_eq!(h.apply(Edit::Update { id: 99, shape: arrow(1.0), style: Style::default() }, false), None);
        assert_eq!(h.apply(Edit::Delete(99), false), None);
        let same = h.items().to_vec();
        h.apply(Edit::ReplaceAll(same), false);
        assert_eq!((h.undo_len(), h.revision()), (steps, revision));
        let mut empty = History::new();
        empty.apply(Edit::Clear, false);
        assert!(!empty.can_undo());
        assert_eq!(empty.revision(), 0);
    }

    #[test]
    fn depth_is_limited_and_the_oldest_steps_are_dropped() {
        let mut h = History::new();
        for i in 0..(MAX_UNDO_STEPS + 20) {
            h.apply(Edit::Add(marker(0.0, 1), Style::default()), false);
            assert_eq!(h.items().len(), i + 1);
        }
        assert_eq!(h.undo_len(), MAX_UNDO_STEPS);
        let mut undone = 0;
        while h.undo() {
            undone += 1;
        }
        assert_eq!(undone, MAX_UNDO_STEPS);
        assert_eq!(h.items().len(), 20, "the 20 oldest adds can no longer be undone");
    }

    #[test]
    fn replace_all_keeps_ids_and_next_id_moves_past_them() {
        let mut h = three();
        let loaded = vec![
            Annotation { id: 17, shape: marker(1.0, 1), style: Style::default() },
            Annotation { id: 9, shape: marker(2.0, 2), style: Style::default() },
        ];
        h.apply(Edit::ReplaceAll(loaded), false);
        assert_eq!(h.items().iter().map(|a| a.id).collect::<Vec<_>>(), vec![17, 9]);
        assert_eq!(h.next_id(), 18);
        assert_eq!(h.apply(Edit::Add(marker(3.0, 3), Style::default()), false), Some(18));
        // A repeated id gets a fresh one.
        let twice = vec![
            Annotation { id: 5, shape: marker(1.0, 1), style: Style::default() },
            Annotation { id: 5, shape: marker(2.0, 2), style: Style::default() },
        ];
        let h2 = History::with_items(twice);
        assert_eq!(h2.items().iter().map(|a| a.id).collect::<Vec<_>>(), vec![5, 6]);
        assert_eq!(h2.next_id(), 7);
        assert!(!h2.can_undo());
    }

    #[test]
    fn ids_are_never_reused_after_undo() {
        let mut h = three();
        assert!(h.undo());
        assert_eq!(h.apply(Edit::Add(marker(0.0, 9), Style::default()), false), Some(4));
        // Undoing a ReplaceAll does not move next_id back either.
        h.apply(Edit::ReplaceAll(vec![Annotation { id: 100, shape: marker(0.0, 1), style: Style::default() }]), false);
        assert!(h.undo());
        assert_eq!(h.apply(Edit::Add(marker(0.0, 9), Style::default()), false), Some(101));
    }

    #[test]
    fn next_marker_number_follows_the_largest() {
        let mut h = History::new();
        assert_eq!(h.next_marker_number(), 1);
        h.apply(Edit::Add(arrow(41.0), Style::default()), false);
        assert_eq!(h.next_marker_number(), 1);
        h.apply(Edit::Add(marker(1.0, 4), Style::default()), false);
        h.apply(Edit::Add(marker(1.0, 2), Style::default()), false);
        assert_eq!(h.next_marker_number(), 5);
    }

    #[test]
    fn revision_is_bumped_by_every_change() {
        let mut h = History::new();
        let mut last = h.revision();
        let mut bumped = |h: &History| {
            assert!(h.revision() > last, "{} <= {last}", h.revision());
            last = h.revision();
        };
        h.apply(Edit::Add(arrow(41.0), Style::default()), false);
        bumped(&h);
        h.apply(Edit::Update { id: 1, shape: arrow(42.0), style: Style::default() }, false);
        bumped(&h);
        h.apply(Edit::Update { id: 1, shape: arrow(43.0), style: Style::default() }, true);
        bumped(&h);
        h.undo();
        bumped(&h);
        h.redo();
        bumped(&h);
        h.apply(Edit::Clear, false);
        bumped(&h);
    }
}
