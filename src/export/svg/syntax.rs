//! The pieces of SVG syntax the writer prints: numbers, points, escaped text, paint attributes, unique ids.

use std::collections::HashSet;
use std::fmt::{self, Display, Write as _};

use egui::epaint::{ColorMode, PathStroke};
use egui::{Color32, Pos2, Rect, Stroke};

/// A number with at most two decimals (non-finite values print as 0; callers skip them beforehand).
pub(super) struct N(pub(super) f32);

impl Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = (f64::from(self.0) * 100.0).round() / 100.0;
        if !v.is_finite() || v == 0.0 {
            return f.write_str("0");
        }
        let s = format!("{v:.2}");
        f.write_str(s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// ` a="x" b="y"`: a point or a size as two attributes.
pub(super) struct Xy(pub(super) &'static str, pub(super) &'static str, pub(super) Pos2);

impl Display for Xy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, r#" {}="{}" {}="{}""#, self.0, N(self.2.x), self.1, N(self.2.y))
    }
}

/// Points as `x,y x,y …`.
pub(super) struct Pts<'a>(pub(super) &'a [Pos2]);

impl Display for Pts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            write!(f, "{}{},{}", if i == 0 { "" } else { " " }, N(p.x), N(p.y))?;
        }
        Ok(())
    }
}

/// XML-escaped text; characters XML 1.0 forbids are dropped.
pub(super) struct Esc<'a>(pub(super) &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&apos;")?,
                '\t' | '\n' | '\r' => f.write_char(c)?,
                c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// ` transform="rotate(..)"` clockwise by the angle in radians about a pivot, or nothing.
pub(super) struct Rotate(pub(super) f32, pub(super) Pos2);

impl Display for Rotate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Self(angle, p) = *self;
        if angle == 0.0 || !angle.is_finite() {
            return Ok(());
        }
        write!(f, r#" transform="rotate({} {} {})""#, N(angle.to_degrees()), N(p.x), N(p.y))
    }
}

/// Fill and stroke attributes from premultiplied egui colours.
#[derive(Clone, Copy)]
pub(super) struct Paint {
    pub(super) fill: Color32,
    pub(super) stroke: Stroke,
}

impl Paint {
    pub(super) fn has_stroke(&self) -> bool {
        self.stroke.width.is_finite() && !self.stroke.is_empty()
    }

    pub(super) fn visible(&self) -> bool {
        self.fill.a() > 0 || self.has_stroke()
    }
}

impl Display for Paint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        color_attr(f, "fill", self.fill)?;
        if self.has_stroke() {
            color_attr(f, "stroke", self.stroke.color)?;
            write!(f, r#" stroke-width="{}""#, N(self.stroke.width))?;
        }
        Ok(())
    }
}

pub(super) fn color_attr(f: &mut fmt::Formatter<'_>, attr: &str, color: Color32) -> fmt::Result {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    if a == 0 {
        return write!(f, r#" {attr}="none""#);
    }
    write!(f, r##" {attr}="#{r:02x}{g:02x}{b:02x}""##)?;
    if a < 255 {
        write!(f, r#" {attr}-opacity="{}""#, N(f32::from(a) / 255.0))?;
    }
    Ok(())
}

/// Unique, valid XML ids.
#[derive(Default)]
pub(super) struct Ids(pub(super) HashSet<String>);

impl Ids {
    pub(super) fn unique(&mut self, raw: &str) -> String {
        let mut base: String = raw
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            base.insert(0, '_');
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.0.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

pub(super) fn finite(points: &[Pos2]) -> bool {
    points.iter().all(|p| p.is_finite())
}

/// Appends `Mx,y x,y …Z` for one closed ring (the points after the first are implicit line-tos).
pub(super) fn ring(d: &mut String, points: &[Pos2]) -> fmt::Result {
    write!(d, "M{}Z", Pts(points))
}

/// The stroke of a path in one colour: a UV colour mode is sampled at the middle of the points.
pub(super) fn solid_stroke(stroke: &PathStroke, points: &[Pos2]) -> Stroke {
    let color = match &stroke.color {
        ColorMode::Solid(c) => *c,
        ColorMode::UV(f) => {
            let bounds = Rect::from_points(points);
            f(bounds, bounds.center())
        }
    };
    Stroke::new(stroke.width, color)
}
