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
    Blue,
    BluishGreen,
    Orange,
    ReddishPurple,
    SkyBlue,
    Black,
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
    pub color: AnnotationColor,
    /// Stroke width in screen points: the panel offers 1 to 16, a file may hold any width in
    /// [`crate::annotate::validate::STROKE_WIDTHS`] (0.5 to 32).
    pub stroke_width: f32,
    /// Font size in screen points, for text and numbered markers: the panel offers 10 to 72, a file may hold any size
    /// in [`crate::annotate::validate::FONT_SIZES`] (6 to 144).
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
        at: GeoPoint,
        /// May have several lines; at most [`crate::annotate::validate::MAX_TEXT_CHARS`] characters (checked on load).
        text: String,
    },
    /// An arrow from `from` to `to` (the head is at `to`).
    Arrow { from: GeoPoint, to: GeoPoint },
    /// An ellipse inscribed in the box with corners `a` and `b`.
    Ellipse { a: GeoPoint, b: GeoPoint },
    /// A rectangle with corners `a` and `b`.
    Rect { a: GeoPoint, b: GeoPoint },
    /// A freehand line.
    Pen {
        /// The points, in drawing order (at least two).
        points: Vec<GeoPoint>,
    },
    /// A numbered circle (1, 2, 3, ...).
    Marker {
        /// Centre.
        at: GeoPoint,
        /// From 1 to [`crate::annotate::validate::MAX_MARKER`] (checked on load).
        number: u32,
    },
    /// A whole country filled (ISO alpha-3).
    Country {
        /// Three uppercase letters (ISO 3166-1 alpha-3), checked on load.
        iso_a3: String,
    },
}

/// One annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Unique within its document; kept across undo/redo so a selection survives.
    pub id: u64,
    pub shape: Shape,
    /// The default style when the file gives none.
    #[serde(default)]
    pub style: Style,
}
