//! The one check of drawings, shared by every format that carries them (annotation files, lessons, their
//! autosave and the saved session), so a drawing the map cannot draw never reaches it.
//!
//! The limits are what the renderer can take and what a classroom needs: a 1e30-point label makes the text
//! layout fail and a million-point pen overruns the GPU buffers, so both are refused at load with a message
//! naming the field, the limit and the value found.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use super::model::{Annotation, Shape, Style};
use crate::model::GeoPoint;
use crate::model::json_locate::Seg;

/// Most points a pen stroke may have.
pub const MAX_PEN_POINTS: usize = 100_000;
/// Most points all the pens of one drawing list (a file or a slide) may have together.
pub const MAX_TOTAL_POINTS: usize = 400_000;
/// Most annotations one drawing list may have.
pub const MAX_ANNOTATIONS: usize = 10_000;
/// Most characters a text annotation may have.
pub const MAX_TEXT_CHARS: usize = 2000;
/// Accepted stroke widths, in screen points.
pub const STROKE_WIDTHS: RangeInclusive<f32> = 0.5..=32.0;
/// Accepted font sizes, in screen points.
pub const FONT_SIZES: RangeInclusive<f32> = 6.0..=144.0;
/// Highest marker number.
pub const MAX_MARKER: u32 = 9999;

/// What is wrong with one annotation of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrawingProblem {
    /// Index of the annotation in its list (the list itself for a list-wide limit).
    pub index: Option<usize>,
    /// The path of the field at fault inside the annotation (`shape`, `points`, 3), empty for the whole record.
    pub field: Vec<Seg<'static>>,
    /// What was expected and what was found.
    pub message: String,
}

impl DrawingProblem {
    fn at(index: usize, field: Vec<Seg<'static>>, message: String) -> Self {
        Self { index: Some(index), field, message }
    }
}

/// Checks a whole drawing list: each annotation against the limits above, the list's size, and that ids are
/// unique. Returns the first problem (files with a bad drawing are refused whole, so one is enough).
pub fn check_list(items: &[Annotation]) -> Result<(), DrawingProblem> {
    if items.len() > MAX_ANNOTATIONS {
        let n = items.len();
        return Err(DrawingProblem {
            index: None,
            field: Vec::new(),
            message: format!("expected at most {MAX_ANNOTATIONS} annotations, found {n}; split the drawings"),
        });
    }
    let mut first_index_of_id = HashMap::with_capacity(items.len());
    let mut total_points = 0usize;
    for (index, a) in items.iter().enumerate() {
        check_one(a).map_err(|(field, message)| DrawingProblem::at(index, field, message))?;
        if let Shape::Pen { points } = &a.shape {
            total_points += points.len();
            if total_points > MAX_TOTAL_POINTS {
                let message = format!(
                    "the pens so far have {total_points} points; a drawing list may have at most {MAX_TOTAL_POINTS} \
                     pen points in all (simplify the strokes or split the drawings)"
                );
                return Err(DrawingProblem::at(index, vec![Seg::Key("shape"), Seg::Key("points")], message));
            }
        }
        if let Some(first) = first_index_of_id.insert(a.id, index) {
            let id = a.id;
            let message = format!("id {id} is already used by annotations[{first}]; every annotation needs its own id");
            return Err(DrawingProblem::at(index, vec![Seg::Key("id")], message));
        }
    }
    Ok(())
}

type FieldProblem = (Vec<Seg<'static>>, String);

/// Checks one annotation's values; the error is (field path inside the record, message).
pub fn check_one(a: &Annotation) -> Result<(), FieldProblem> {
    let at = |key: &'static str| vec![Seg::Key("shape"), Seg::Key(key)];
    match &a.shape {
        Shape::Text { at: anchor, text } => {
            check_point(at("at"), *anchor)?;
            if text.trim().is_empty() {
                return Err((at("text"), "expected some text, found a blank string".into()));
            }
            let chars = text.chars().count();
            if chars > MAX_TEXT_CHARS {
                return Err((at("text"), format!("expected at most {MAX_TEXT_CHARS} characters, found {chars}")));
            }
        }
        Shape::Arrow { from: p, to: q } => {
            check_point(at("from"), *p)?;
            check_point(at("to"), *q)?;
        }
        Shape::Ellipse { a: p, b: q } | Shape::Rect { a: p, b: q } => {
            check_point(at("a"), *p)?;
            check_point(at("b"), *q)?;
        }
        Shape::Pen { points } => {
            let n = points.len();
            if !(2..=MAX_PEN_POINTS).contains(&n) {
                return Err((at("points"), format!("expected 2 to {MAX_PEN_POINTS} points, found {n}")));
            }
            for (i, p) in points.iter().enumerate() {
                check_point(vec![Seg::Key("shape"), Seg::Key("points"), Seg::Index(i)], *p)?;
            }
        }
        Shape::Marker { at: centre, number } => {
            check_point(at("at"), *centre)?;
            if !(1..=MAX_MARKER).contains(number) {
                return Err((at("number"), format!("expected a number from 1 to {MAX_MARKER}, found {number}")));
            }
        }
        Shape::Country { iso_a3 } => {
            if iso_a3.len() != 3 || !iso_a3.bytes().all(|b| b.is_ascii_uppercase()) {
                let shown: String = iso_a3.chars().take(40).collect();
                let more = if iso_a3.chars().count() > 40 { "…" } else { "" };
                return Err((
                    at("iso_a3"),
                    format!(
                        "expected an ISO 3166-1 alpha-3 code (three uppercase letters like \"IRQ\"), found {shown:?}{more}"
                    ),
                ));
            }
        }
    }
    check_style(&a.style)
}

fn check_point(path: Vec<Seg<'static>>, p: GeoPoint) -> Result<(), FieldProblem> {
    if p.is_on_earth() {
        return Ok(());
    }
    let (lon, lat) = (number(p.lon), number(p.lat));
    Err((path, format!("expected lon in -180..180 and lat in -90..90, found lon {lon}, lat {lat}")))
}

fn check_style(style: &Style) -> Result<(), FieldProblem> {
    if !STROKE_WIDTHS.contains(&style.stroke_width) {
        let (lo, hi, found) = (STROKE_WIDTHS.start(), STROKE_WIDTHS.end(), number(style.stroke_width));
        let path = vec![Seg::Key("style"), Seg::Key("stroke_width")];
        return Err((path, format!("expected a width from {lo} to {hi} points, found {found}")));
    }
    if !FONT_SIZES.contains(&style.font_size) {
        let (lo, hi, found) = (FONT_SIZES.start(), FONT_SIZES.end(), number(style.font_size));
        let path = vec![Seg::Key("style"), Seg::Key("font_size")];
        return Err((path, format!("expected a font size from {lo} to {hi} points, found {found}")));
    }
    Ok(())
}

/// A number as shown in messages: `1e300`, not three hundred digits.
pub fn number<T: Copy + Into<f64> + std::fmt::Display + std::fmt::LowerExp>(v: T) -> String {
    let x: f64 = v.into();
    if x.is_finite() && x.abs() >= 1e6 { format!("{v:e}") } else { format!("{v}") }
}

/// The field path as shown in messages: `style.font_size`, `shape.points.3`.
pub fn field_name(field: &[Seg<'_>]) -> String {
    field
        .iter()
        .map(|s| match s {
            Seg::Key(k) => (*k).to_owned(),
            Seg::Index(i) => i.to_string(),
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A style the renderer can always draw: sizes out of range (or not numbers) are brought into range. The
/// loaders refuse such styles; this guards drawings made any other way (a future importer, a bug).
pub fn drawable_style(style: &Style) -> Style {
    let clamp = |v: f32, range: &RangeInclusive<f32>, fallback: f32| {
        if v.is_finite() { v.clamp(*range.start(), *range.end()) } else { fallback }
    };
    let default = Style::default();
    Style {
        color: style.color,
        stroke_width: clamp(style.stroke_width, &STROKE_WIDTHS, default.stroke_width),
        font_size: clamp(style.font_size, &FONT_SIZES, default.font_size),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lon: f64, lat: f64) -> GeoPoint {
        GeoPoint::lon_lat(lon, lat)
    }

    fn item(id: u64, shape: Shape) -> Annotation {
        Annotation { id, shape, style: Style::default() }
    }

    fn label() -> Shape {
        Shape::Text { at: p(44.0, 33.0), text: "Baghdad".into() }
    }

    fn problem(a: Annotation) -> (String, String) {
        let e = check_list(&[a]).unwrap_err();
        assert_eq!(e.index, Some(0));
        (field_name(&e.field), e.message)
    }

    #[test]
    fn styles_out_of_range_are_named() {
        for (font, found) in [(1e30, "found 1e30"), (5000.0, "found 5000"), (-22.0, "found -22")] {
            let a = Annotation { style: Style { font_size: font, ..Style::default() }, ..item(1, label()) };
            let (field, message) = problem(a);
            assert_eq!(field, "style.font_size");
            assert!(message.contains("from 6 to 144") && message.contains(found), "{message}");
        }
        for width in [f32::INFINITY, -5.0, f32::NAN] {
            let a = Annotation { style: Style { stroke_width: width, ..Style::default() }, ..item(1, label()) };
            assert_eq!(problem(a).0, "style.stroke_width");
        }
    }

    #[test]
    fn shapes_out_of_range_are_named() {
        let cases = [
            (Shape::Pen { points: vec![] }, "shape.points", "found 0"),
            (Shape::Pen { points: vec![p(1.0, 1.0)] }, "shape.points", "found 1"),
            (Shape::Pen { points: vec![p(1.0, 1.0); MAX_PEN_POINTS + 1] }, "shape.points", "found 100001"),
            (Shape::Pen { points: vec![p(1.0, 1.0), p(1e300, 1.0)] }, "shape.points.1", "lon 1e300"),
            (Shape::Marker { at: p(1.0, 1.0), number: 0 }, "shape.number", "found 0"),
            (Shape::Marker { at: p(1.0, 1.0), number: 10_000 }, "shape.number", "to 9999"),
            (Shape::Text { at: p(1.0, 1.0), text: " \n ".into() }, "shape.text", "blank"),
            (Shape::Text { at: p(1.0, 1.0), text: "x".repeat(10_000_000) }, "shape.text", "found 10000000"),
            (Shape::Text { at: p(1.0, 91.0), text: "x".into() }, "shape.at", "lat 91"),
            (Shape::Country { iso_a3: "ZZ".into() }, "shape.iso_a3", "\"ZZ\""),
            (Shape::Country { iso_a3: "x".repeat(1000) }, "shape.iso_a3", "…"),
            (Shape::Arrow { from: p(1.0, 1.0), to: p(f64::NAN, 1.0) }, "shape.to", "lon NaN"),
            (Shape::Rect { a: p(-181.0, 1.0), b: p(1.0, 1.0) }, "shape.a", "lon -181"),
        ];
        for (shape, field, found) in cases {
            let (f, message) = problem(item(1, shape));
            assert_eq!(f, field, "{message}");
            assert!(message.contains(found), "{field}: {message}");
            assert!(message.len() < 200, "a long value is not echoed whole: {}", message.len());
        }
    }

    #[test]
    fn list_limits_and_duplicate_ids() {
        let e = check_list(&[item(7, label()), item(8, label()), item(7, label())]).unwrap_err();
        assert_eq!((e.index, field_name(&e.field)), (Some(2), "id".to_owned()));
        assert!(e.message.contains("already used by annotations[0]"), "{}", e.message);
        let many: Vec<Annotation> = (0..=MAX_ANNOTATIONS as u64).map(|i| item(i, label())).collect();
        let e = check_list(&many).unwrap_err();
        assert_eq!(e.index, None);
        assert!(e.message.contains("at most 10000 annotations, found 10001"), "{}", e.message);
        let pen = || Shape::Pen { points: vec![p(1.0, 1.0); MAX_PEN_POINTS] };
        let pens: Vec<Annotation> = (0..5).map(|i| item(i, pen())).collect();
        let e = check_list(&pens).unwrap_err();
        assert_eq!(e.index, Some(4));
        assert!(e.message.contains("at most 400000"), "{}", e.message);
        assert_eq!(check_list(&pens[..4]), Ok(()));
    }

    #[test]
    fn drawable_style_brings_sizes_into_range() {
        let wild = Style { font_size: 1e30, stroke_width: f32::NAN, ..Style::default() };
        let s = drawable_style(&wild);
        assert_eq!((s.font_size, s.stroke_width), (144.0, Style::default().stroke_width));
        let s = drawable_style(&Style { font_size: -3.0, stroke_width: 99.0, ..Style::default() });
        assert_eq!((s.font_size, s.stroke_width), (6.0, 32.0));
        assert_eq!(drawable_style(&Style::default()), Style::default());
    }
}
