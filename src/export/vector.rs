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

/// The groups drawn under everything else in an SVG export.
pub fn base_groups(scene: &ExportScene<'_>, p: &Projector) -> Vec<SvgGroup> {
    let palette = theme::map_palette(scene.settings.theme);
    let prepared = &scene.data.prepared;
    let atlas = &scene.data.atlas;
    let world = (0..prepared.world.areas.len())
        .filter_map(|i| {
            Some(SvgPath {
                id: None,
                title: None,
                rings: rings(&prepared.world, i, p)?,
                fill: Some(palette.world_land),
                stroke: Some(Stroke::new(size::WORLD_BORDER * palette.stroke_scale, palette.world_border)),
            })
        })
        .collect();
    let countries = atlas
        .countries
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let focus = c.role == AreaRole::Focus;
            let (fill, stroke) = if focus {
                (palette.focus_land, Stroke::new(size::FOCUS_BORDER * palette.stroke_scale, palette.focus_border))
            } else {
                (palette.context_land, Stroke::new(size::CONTEXT_BORDER * palette.stroke_scale, palette.context_border))
            };
            Some(SvgPath {
                id: Some(c.id.clone()),
                title: Some(c.name.clone()),
                rings: rings(&prepared.countries, i, p)?,
                fill: Some(fill),
                stroke: Some(stroke),
            })
        })
        .collect();
    let lakes = (0..prepared.lakes.areas.len())
        .filter_map(|i| {
            Some(SvgPath {
                id: None,
                title: None,
                rings: rings(&prepared.lakes, i, p)?,
                fill: Some(palette.lake),
                stroke: None,
            })
        })
        .collect();
    let mut groups = vec![
        SvgGroup { id: "world".into(), paths: world },
        SvgGroup { id: "countries".into(), paths: countries },
        SvgGroup { id: "lakes".into(), paths: lakes },
    ];
    let alpha = province_alpha(p.points_per_km);
    if scene.settings.show_provinces && alpha > 0.0 {
        let stroke =
            Stroke::new(size::PROVINCE_BORDER * palette.stroke_scale, palette.province_border.gamma_multiply(alpha));
        let provinces = (0..prepared.provinces.areas.len())
            .filter_map(|i| {
                Some(SvgPath {
                    id: None,
                    title: None,
                    rings: rings(&prepared.provinces, i, p)?,
                    fill: None,
                    stroke: Some(stroke),
                })
            })
            .collect();
        groups.push(SvgGroup { id: "provinces".into(), paths: provinces });
    }
    groups
}
