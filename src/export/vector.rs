//! The land of an SVG export as semantic paths: one `<path id="IRN">` per country (with its name as
//! title), the world underlay, lakes and province borders, in the colours the map uses on screen.

use egui::{Pos2, Stroke};

use crate::map::geometry::PreparedLayer;
use crate::map::projection::Projector;
use crate::map::scene::province_alpha;
use crate::model::layers::AreaRole;
use crate::theme::{self, size};

use super::frame::ExportScene;
use super::svg::{SvgGroup, SvgPath};

/// Points closer than this to the previous one are dropped (invisible, and they bloat the file).
const MIN_STEP_POINTS: f32 = 0.35;

/// The rings of area `index`, projected and thinned, or `None` when it is out of view.
fn rings(layer: &PreparedLayer, index: usize, p: &Projector) -> Option<Vec<Vec<Pos2>>> {
    let area = layer.areas.get(index)?;
    if !area.bbox.intersects(&p.visible_map_rect()) {
        return None;
    }
    let mut out = Vec::with_capacity(area.rings.len());
    for ring in &area.rings {
        let Some(vertices) = layer.vertices.get(ring.clone()) else { continue };
        let mut pts: Vec<Pos2> = Vec::with_capacity(vertices.len());
        for &v in vertices {
            let s = p.screen_from_map(v);
            if pts.last().is_none_or(|l| (*l - s).length() >= MIN_STEP_POINTS) {
                pts.push(s);
            }
        }
        if pts.len() >= 3 {
            out.push(pts);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// One path per area in view, without id or title (the world underlay, lakes, provinces).
fn unnamed_paths(
    layer: &PreparedLayer,
    p: &Projector,
    fill: Option<egui::Color32>,
    stroke: Option<Stroke>,
) -> Vec<SvgPath> {
    (0..layer.areas.len())
        .filter_map(|i| Some(SvgPath { id: None, title: None, rings: rings(layer, i, p)?, fill, stroke }))
        .collect()
}

/// The groups drawn under everything else in an SVG export.
pub fn base_groups(scene: &ExportScene<'_>, p: &Projector) -> Vec<SvgGroup> {
    let palette = theme::map_palette(scene.look.theme);
    let stroke = |width: f32, color| Stroke::new(width * palette.stroke_scale, color);
    let prepared = &scene.doc.data.prepared;
    let atlas = &scene.doc.data.atlas;
    let world = unnamed_paths(
        &prepared.world,
        p,
        Some(palette.world_land),
        Some(stroke(size::WORLD_BORDER, palette.world_border)),
    );
    let countries = atlas
        .countries
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let focus = c.role == AreaRole::Focus;
            let (fill, border) = if focus {
                (palette.focus_land, stroke(size::FOCUS_BORDER, palette.focus_border))
            } else {
                (palette.context_land, stroke(size::CONTEXT_BORDER, palette.context_border))
            };
            Some(SvgPath {
                id: Some(c.id.clone()),
                title: Some(c.name.clone()),
                rings: rings(&prepared.countries, i, p)?,
                fill: Some(fill),
                stroke: Some(border),
            })
        })
        .collect();
    let lakes = unnamed_paths(&prepared.lakes, p, Some(palette.lake), None);
    let mut groups = vec![
        SvgGroup { id: "world".into(), paths: world },
        SvgGroup { id: "countries".into(), paths: countries },
        SvgGroup { id: "lakes".into(), paths: lakes },
    ];
    let alpha = province_alpha(p.points_per_km);
    if scene.look.show_provinces && alpha > 0.0 {
        let border = stroke(size::PROVINCE_BORDER, palette.province_border.gamma_multiply(alpha));
        let provinces = unnamed_paths(&prepared.provinces, p, None, Some(border));
        groups.push(SvgGroup { id: "provinces".into(), paths: provinces });
    }
    groups
}
