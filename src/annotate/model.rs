//! Annotation types. Coordinates are geographic (`GeoPoint`); sizes are screen points.

use serde::{Deserialize, Serialize};

use crate::model::GeoPoint;

/// A colour from the annotation palette: projector-safe and colour-blind-safe (Okabe–Ito plus black and
/// white). The RGB values live in `theme.rs`; files store the name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationColor {
    /// Vermilion (the default: visible on land and sea).
    #[default]
    Vermilion,
    /// Blue.
    Blue,
    /// Bluish green.
    BluishGreen,
    /// Orange.
    Orange,
    /// Reddish purple.
    ReddishPurple,
    /// Sky blue.
    SkyBlue,
    /// Black.
    Black,
    /// White.
    White,
}

impl AnnotationColor {
    /// All colours, in palette order.
    pub const ALL: [Self; 8] = [
        Self::Vermilion,
        Self::Blue,
        Self::BluishGreen,
        Self::Orange,
        Self::ReddishPurple,
        Self::SkyBlue,
        Self::Black,
        Self::White,
    ];

    /// Name shown in the palette's tooltip.
    pub fn label(self) -> &'static str {
        match self {
            Self::Vermilion => "Vermilion",
            Self::Blue => "Blue",
            Self::BluishGreen => "Bluish green",
            Self::Orange => "Orange",
            Self::ReddishPurple => "Reddish purple",
            Self::SkyBlue => "Sky blue",
            Self::Black => "Black",
            Self::White => "White",
        }
    }
}

/// How an annotation is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Style {
    /// Colour.
    pub color: AnnotationColor,
    /// Stroke width in screen points (1..=16).
    pub stroke_width: f32,
    /// Font size in screen points (10..=72), for text and numbered markers.
    pub font_size: f32,
}

impl Default for Style {
    fn default() -> Self {
        Self { color: AnnotationColor::Vermilion, stroke_width: 4.0, font_size: 22.0 }
    }
}

/// What an annotation is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Shape {
    /// A text label whose top-left corner is at `at`.
    Text {
        /// Anchor.
        at: GeoPoint,
        /// The text (may have several lines).
        text: String,
    },
    /// An arrow from `from` to `to` (the head is at `to`).
    Arrow {
        /// Tail.
        from: GeoPoint,
        /// Head.
        to: GeoPoint,
    },
    /// An ellipse inscribed in the box with corners `a` and `b`.
    Ellipse {
        /// One corner.
        a: GeoPoint,
        /// The opposite corner.
        b: GeoPoint,
    },
    /// A rectangle with corners `a` and `b`.
    Rect {
        /// One corner.
        a: GeoPoint,
        /// The opposite corner.
        b: GeoPoint,
    },
    /// A freehand line.
    Pen {
        /// The points, in drawing order (at least two).
        points: Vec<GeoPoint>,
    },
    /// A numbered circle (1, 2, 3, ...).
    Marker {
        /// Centre.
        at: GeoPoint,
        /// The number shown.
        number: u32,
    },
    /// A whole country filled (ISO alpha-3).
    Country {
        /// ISO 3166-1 alpha-3.
        iso_a3: String,
    },
}

/// One annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Unique within its document; kept across undo/redo so a selection survives.
    pub id: u64,
    /// What it is and where.
    pub shape: Shape,
    /// How it is drawn.
    #[serde(default)]
    pub style: Style,
}
