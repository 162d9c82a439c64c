//! Every pair of category colours (event markers, armed-group edges, US positions) that names different
//! things on one map stays distinguishable for readers with protanopia, deuteranopia or tritanopia.
//!
//! Simulation: Machado, Oliveira and Fernandes (2009), "A Physiologically-based Model for Simulation of Color
//! Vision Deficiency", severity 1.0, applied to linear sRGB (the matrices Chrome's and Firefox's DevTools use).
//! Distance: CIE 1976 ΔE*ab in CIELAB (D65). Threshold: ΔE ≥ 15, several times the just-noticeable difference
//! (about 2.3), so that small markers on a projector still differ; shapes carry the meaning too (the legend's
//! circles, squares, diamonds and triangles).

use egui::Color32;
use timeatlas::map::content::{Backing, EventGroup};
use timeatlas::theme::{POSITION_CLOSED, POSITION_OPEN};

const MIN_DELTA_E: f64 = 15.0;

type Matrix = [[f64; 3]; 3];

const PROTANOPIA: Matrix =
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
const DEUTERANOPIA: Matrix =
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];
const TRITANOPIA: Matrix =
    [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]];
const NORMAL: Matrix = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
}

/// CIELAB (D65) of a colour as seen through `m`.
fn lab_seen(c: Color32, m: &Matrix) -> [f64; 3] {
    let rgb = [linear(c.r()), linear(c.g()), linear(c.b())];
    let [r, g, b] = m.map(|row| (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
    [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
}

fn delta_e(a: Color32, b: Color32, m: &Matrix) -> f64 {
    let (p, q) = (lab_seen(a, m), lab_seen(b, m));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

#[test]
fn category_colours_stay_apart_under_simulated_colour_blindness() {
    let palettes: [(&str, Vec<(String, Color32)>); 3] = [
        ("events", EventGroup::ALL.iter().map(|&g| (format!("{g:?}"), g.color())).collect()),
        ("armed groups", Backing::ALL.iter().map(|&b| (format!("{b:?}"), b.colors().1)).collect()),
        ("US positions", vec![("open".into(), POSITION_OPEN), ("closed".into(), POSITION_CLOSED)]),
    ];
    let vision =
        [("normal", NORMAL), ("protanopia", PROTANOPIA), ("deuteranopia", DEUTERANOPIA), ("tritanopia", TRITANOPIA)];
    let mut worst = f64::INFINITY;
    for (palette, colours) in &palettes {
        assert!(colours.len() >= 2, "{palette}");
        for (i, (a_name, a)) in colours.iter().enumerate() {
            for (b_name, b) in colours.iter().skip(i + 1) {
                for (seen_by, m) in &vision {
                    let d = delta_e(*a, *b, m);
                    worst = worst.min(d);
                    assert!(d >= MIN_DELTA_E, "{palette}: {a_name} and {b_name} under {seen_by}: ΔE {d:.1}");
                }
            }
        }
    }
    // The check can fail: the simulation does merge colours normal vision tells apart (red and green).
    let (red, green) = (Color32::from_rgb(0xD0, 0x30, 0x30), Color32::from_rgb(0x30, 0x90, 0x30));
    assert!(delta_e(red, green, &NORMAL) > 50.0 && delta_e(red, green, &DEUTERANOPIA) < MIN_DELTA_E);
    assert!(worst.is_finite());
}
