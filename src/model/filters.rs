//! What the user chose to show: event kinds, confidence levels, a country, and the content layers.
//! The same filters apply to the map and the timeline.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::dataset::{Confidence, Event, EventKind};

/// Filters and layer switches for the content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Event kinds not shown.
    pub hidden_kinds: BTreeSet<EventKind>,
    /// Confidence levels not shown.
    pub hidden_confidence: BTreeSet<Confidence>,
    /// Show only events concerning this country (ISO alpha-3).
    pub country: Option<String>,
    /// Show only events naming this actor (id).
    pub actor: Option<String>,
    /// Events layer on.
    pub show_events: bool,
    /// Armed groups layer on.
    pub show_groups: bool,
    /// US positions layer on.
    pub show_positions: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            hidden_kinds: BTreeSet::new(),
            hidden_confidence: BTreeSet::new(),
            country: None,
            actor: None,
            show_events: true,
            show_groups: true,
            show_positions: true,
        }
    }
}

impl Filters {
    /// True when the event passes every filter.
    pub fn shows_event(&self, e: &Event) -> bool {
        self.show_events
            && !self.hidden_kinds.contains(&e.kind)
            && !self.hidden_confidence.contains(&e.confidence)
            && self.country.as_ref().is_none_or(|c| e.countries.contains(c))
            && self.actor.as_ref().is_none_or(|a| e.actors.contains(a))
    }

    /// True when no filter narrows the events.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hiding_a_kind_hides_only_that_kind() {
        let atlas = crate::model::bundled::atlas().unwrap();
        let d = crate::model::bundled::dataset(&atlas).unwrap();
        let mut f = Filters::default();
        assert!(d.events.iter().all(|e| f.shows_event(e)));
        f.hidden_kinds.insert(EventKind::Strike);
        assert!(d.events.iter().filter(|e| e.kind == EventKind::Strike).all(|e| !f.shows_event(e)));
        assert!(d.events.iter().filter(|e| e.kind != EventKind::Strike).all(|e| f.shows_event(e)));
        f = Filters { country: Some("YEM".into()), ..Filters::default() };
        assert!(d.events.iter().filter(|e| f.shows_event(e)).all(|e| e.countries.iter().any(|c| c == "YEM")));
        assert!(d.events.iter().any(|e| f.shows_event(e)), "Yemen's events stay");
        assert!(d.events.iter().any(|e| !f.shows_event(e)), "others are hidden");
        assert!(!f.is_default());
    }
}
