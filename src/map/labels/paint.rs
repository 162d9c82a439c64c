//! The shapes that draw placed labels, and the same shapes tessellated once for frames that keep them.

use egui::epaint::{Mesh, Primitive};
use egui::{Color32, Shape, Stroke, Vec2};

use super::PlacedLabel;
use crate::theme::{MapPalette, size};

/// The shapes that draw placed labels: dots, then a halo, then the text.
pub fn label_shapes<'a>(
    labels: impl IntoIterator<Item = &'a PlacedLabel>,
    palette: &MapPalette,
    offset: Vec2,
) -> Vec<Shape> {
    let mut shapes = Vec::new();
    let h = size::LABEL_HALO;
    for l in labels {
        if let Some([from, to]) = l.leader.map(|ends| ends.map(|p| p + offset)) {
            let halo = Stroke::new(size::LEADER_LINE + 2.0, palette.label_halo);
            shapes.push(Shape::line_segment([from, to], halo));
            shapes.push(Shape::line_segment([from, to], Stroke::new(size::LEADER_LINE, palette.label_leader)));
            if l.dot.is_none() {
                // A country's name points at a spot in it.
                shapes.push(Shape::circle_filled(to, size::LEADER_LINE + 1.0, palette.label_leader));
            }
        }
        if let Some(d) = l.dot.map(|d| d + offset) {
            shapes.push(Shape::circle_filled(d, size::CITY_DOT + 1.0, palette.label_halo));
            shapes.push(Shape::circle_filled(d, size::CITY_DOT, palette.city_dot));
        }
        let pos = l.pos + offset;
        for halo in [Vec2::new(-h, 0.0), Vec2::new(h, 0.0), Vec2::new(0.0, -h), Vec2::new(0.0, h)] {
            shapes.push(Shape::galley_with_override_text_color(pos + halo, l.galley.clone(), palette.label_halo));
        }
        shapes.push(Shape::galley(pos, l.galley.clone(), palette.label_city));
    }
    shapes
}

/// What a tessellated label mesh depends on besides the labels: the pixels they are feathered and
/// rounded for, the font atlas their glyphs' texture coordinates are divided by, and their colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelMeshKey {
    pixels_per_point: f32,
    font_image_size: [usize; 2],
    colors: [Color32; 4],
}

impl LabelMeshKey {
    /// The key for labels drawn with `palette` in `ctx` as it is now.
    #[expect(
        clippy::redundant_closure_for_method_calls,
        reason = "the method's path is not general over FontsView's lifetime"
    )]
    pub fn new(ctx: &egui::Context, palette: &MapPalette) -> Self {
        Self {
            pixels_per_point: ctx.pixels_per_point(),
            font_image_size: ctx.fonts(|f| f.font_image_size()),
            colors: [palette.label_halo, palette.label_city, palette.label_leader, palette.city_dot],
        }
    }
}

/// `shapes` tessellated as egui tessellates a frame's shapes (with its atlas's discs for the city dots).
/// A still map, a hover or playback keeps the same names frame after frame; handing epaint their mesh to
/// copy costs a fraction of tessellating some 250 text and halo shapes again, and the same vertices come
/// out. `None` if they would not fit one mesh (they all sample the font texture, so they do).
pub fn label_mesh(ctx: &egui::Context, shapes: Vec<Shape>) -> Option<Mesh> {
    let shape = egui::epaint::ClippedShape::new(egui::Rect::EVERYTHING, Shape::Vec(shapes));
    let mut primitives = ctx.tessellate(vec![shape], ctx.pixels_per_point()).into_iter();
    let mesh = match primitives.next().map(|p| p.primitive) {
        Some(Primitive::Mesh(mesh)) => mesh,
        Some(Primitive::Callback(_)) => return None,
        None => Mesh::default(),
    };
    primitives.next().is_none().then_some(mesh)
}

/// How many times the font atlas has started afresh. egui empties it when it is nearly full, and every
/// galley laid out before then points at glyphs that are gone: a scene's names must be laid out again.
/// The atlas only fills up between fresh starts, so a fill lower than the last one seen is a fresh start.
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method's path is not general over FontsView's lifetime"
)]
pub fn font_epoch(ctx: &egui::Context) -> u64 {
    let id = egui::Id::unique("timeatlas-font-epoch");
    let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
    ctx.data_mut(|d| {
        let (epoch, last_fill) = d.get_temp::<(u64, f32)>(id).unwrap_or((0, fill));
        let epoch = if fill < last_fill { epoch + 1 } else { epoch };
        d.insert_temp(id, (epoch, fill));
        epoch
    })
}
