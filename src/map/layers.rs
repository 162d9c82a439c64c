//! The layers drawn over the base map, in one order for the window, exports, thumbnails and slides: the
//! atlas content (groups' areas, events, US positions), the user's imported records, the labels moved clear
//! of both, the user's drawings, then the legends.

use egui::{Painter, Rect};

use super::annotations::{AnnotationContext, paint_annotations};
use super::content::{ContentInputs, Marker, content_ui, labels_avoid, marker_rects};
use super::imported::{ImportedDrawn, ImportedInputs, imported_ui};
use super::labels::PlacedLabel;
use super::projection::Projector;
use super::scene::{PreparedAtlas, Scene};
use crate::annotate::Annotation;
use crate::import::sources::DataSources;
use crate::model::Atlas;

/// What the layers draw from.
pub struct LayerInputs<'a> {
    /// The map's layers (the drawings' countries).
    pub atlas: &'a Atlas,
    /// Their prepared geometry.
    pub prepared: &'a PreparedAtlas,
    /// The atlas content at the date: dataset, index, date, fade window, selection, filters, palette.
    pub content: ContentInputs<'a>,
    /// The user's imported files.
    pub sources: &'a DataSources,
    /// The imported record whose card is open (source id, record index).
    pub selected_record: Option<(u64, u32)>,
    /// The user's drawings, and the one selected (outlined with handles).
    pub annotations: (&'a [Annotation], Option<u64>),
    /// Where the legends go (none: no legends).
    pub legend_rect: Option<Rect>,
    /// The names painted as text shapes, for an SVG to write as text (otherwise as one tessellated mesh).
    pub labels_as_text: bool,
}

/// What the layers drew, for picking, tooltips and screen readers.
pub struct LayersDrawn {
    /// The atlas's markers.
    pub markers: Vec<Marker>,
    /// The imported records' markers and density discs.
    pub imported: ImportedDrawn,
    /// The labels as placed clear of the markers (none when the base map placed none).
    pub labels: Option<Vec<PlacedLabel>>,
}

/// Draws the layers over the base map `scene` drawn under `projector`; `labels_slot` is where the base map
/// left room for its labels, repainted here clear of the markers.
pub fn layers_ui(
    painter: &Painter,
    projector: &Projector,
    inputs: &LayerInputs<'_>,
    labels: Option<(egui::layers::ShapeIdx, &Scene)>,
) -> LayersDrawn {
    let content = &inputs.content;
    let markers = content_ui(painter, projector, content);
    let imported = ImportedInputs {
        sources: inputs.sources,
        day: content.day,
        window_days: content.window_days,
        selected: inputs.selected_record,
        halo: content.palette.label_halo,
    };
    let imported = imported_ui(painter, projector, &imported);
    // Names that find no room clear of the markers are drawn here: over the markers, under the drawings.
    let over_markers_slot = painter.add(egui::Shape::Noop);
    let cx = AnnotationContext { projector, atlas: inputs.atlas, prepared: inputs.prepared };
    let (items, selected) = inputs.annotations;
    paint_annotations(painter, &cx, items, selected);
    let mut legends = Vec::new();
    if let Some(rect) = inputs.legend_rect {
        legends.extend(super::legend::legend_ui(painter, rect, content.palette, content.filters));
        let discs = !imported.clusters.is_empty();
        legends.extend(super::data_legend::data_legend_ui(painter, rect, content.palette, inputs.sources, discs));
    }
    // The labels' slot lies under the markers: filled last, once the legends' boxes are known too.
    let labels = labels.map(|(slot, scene)| {
        let avoid = marker_rects(&labels_avoid(&markers, &imported.markers));
        super::view::repaint_labels_clear_of(
            painter,
            [slot, over_markers_slot],
            inputs.labels_as_text,
            scene,
            (inputs.atlas, inputs.prepared),
            (&avoid, &legends),
            content.palette,
        )
    });
    LayersDrawn { markers, imported, labels }
}
