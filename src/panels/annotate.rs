//! Drawing on the map: the tool bar (tools, colour, sizes, undo/redo, files, export) and the overlay that
//! turns pointer gestures into annotation edits. Edits are pushed as commands; `app.rs` applies them.

use egui::{Color32, Rect, RichText, Sense, Stroke, Ui, Vec2};

use crate::annotate::{Annotation, AnnotationColor, Edit, Shape, Style};
use crate::command::keys;
use crate::command::{Command, DrawCommand, ExportCommand, Tool};
use crate::map::annotations::{AnnotationContext, HANDLE_SIZE, annotation_at, handles, paint_annotation};
use crate::model::GeoPoint;

/// What the tool bar shows.
pub struct ToolbarState<'a> {
    /// Current tool.
    pub tool: Tool,
    /// Style for new annotations (and the selected one).
    pub style: Style,
    /// The selected annotation.
    pub selected: Option<&'a Annotation>,
    /// Undo possible.
    pub can_undo: bool,
    /// Redo possible.
    pub can_redo: bool,
    /// Any annotations at all.
    pub any: bool,
}

/// The drawing tool bar.
pub fn toolbar_ui(ui: &mut Ui, state: &ToolbarState<'_>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
        for tool in Tool::ALL {
            let text = format!("{} ({})", tool.label(), tool.key().name());
            if ui.selectable_label(state.tool == tool, tool.label()).on_hover_text(text).clicked() {
                commands.push(Command::Draw(DrawCommand::SetTool(tool)));
            }
        }
        ui.separator();
        let style = state.selected.map_or(state.style, |a| a.style);
        let mut changed = style;
        for c in AnnotationColor::ALL {
            let fill = crate::map::annotations::annotation_color(c);
            let (rect, resp) = ui.allocate_exact_size(Vec2::splat(ui.spacing().interact_size.y), Sense::click());
            let ring = if style.color == c {
                Stroke::new(3.0, ui.visuals().strong_text_color())
            } else {
                Stroke::new(1.0, Color32::GRAY)
            };
            ui.painter().rect(rect.shrink(2.0), 3.0, fill, ring, egui::StrokeKind::Inside);
            let resp = resp.on_hover_text(c.label());
            resp.widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, style.color == c, c.label()));
            if resp.clicked() {
                changed.color = c;
            }
        }
        ui.separator();
        size_field(ui, "Line", "Line width in points", &mut changed.stroke_width, 1.0..=16.0, 1);
        size_field(ui, "Text", "Text size in points", &mut changed.font_size, 10.0..=72.0, 0);
        if changed != style {
            commands.push(Command::Draw(DrawCommand::SetAnnotationStyle(changed)));
        }
        ui.separator();
        if ui
            .add_enabled(state.can_undo, egui::Button::new("Undo"))
            .on_hover_text(keys::text(ui.ctx(), &keys::UNDO))
            .clicked()
        {
            commands.push(Command::Draw(DrawCommand::Undo));
        }
        if ui
            .add_enabled(state.can_redo, egui::Button::new("Redo"))
            .on_hover_text(keys::either(ui.ctx(), &keys::REDO, &keys::REDO_ALT))
            .clicked()
        {
            commands.push(Command::Draw(DrawCommand::Redo));
        }
        // Always shown (greyed out when they do not apply) so the bar never changes width under the pointer.
        let text_id = state.selected.filter(|a| matches!(a.shape, Shape::Text { .. })).map(|a| a.id);
        if ui.add_enabled(text_id.is_some(), egui::Button::new("Edit text")).clicked() {
            commands.push(Command::Draw(DrawCommand::EditAnnotationText(text_id)));
        }
        let selected_id = state.selected.map(|a| a.id);
        if ui.add_enabled(selected_id.is_some(), egui::Button::new("Delete")).on_hover_text("Delete key").clicked()
            && let Some(id) = selected_id
        {
            commands.push(Command::Draw(DrawCommand::EditAnnotations(Edit::Delete(id), false)));
        }
        if ui.add_enabled(state.any, egui::Button::new("Clear all")).clicked() {
            commands.push(Command::Draw(DrawCommand::EditAnnotations(Edit::Clear, false)));
        }
        ui.separator();
        if ui
            .button("Export...")
            .on_hover_text(format!("Save the map as PNG or SVG ({})", keys::text(ui.ctx(), &keys::EXPORT)))
            .clicked()
        {
            commands.push(Command::Export(ExportCommand::ShowExport(true)));
        }
    });
}

/// A labelled size field. Values outside the range (from a file) are left as they are until edited, so
/// selecting an annotation never rewrites it.
fn size_field(
    ui: &mut Ui,
    label: &str,
    hint: &str,
    value: &mut f32,
    range: std::ops::RangeInclusive<f32>,
    decimals: usize,
) {
    let label = ui.label(label);
    let speed = (range.end() - range.start()) / 150.0;
    let field = egui::DragValue::new(value).range(range).clamp_existing_to_range(false).speed(speed);
    ui.add(field.max_decimals(decimals)).labelled_by(label.id).on_hover_text(hint);
}

/// A gesture in progress with a drawing tool.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    /// Where the drag started (geographic).
    pub start: Option<GeoPoint>,
    /// Points of a pen stroke so far.
    pub points: Vec<GeoPoint>,
    /// The annotation being moved with the pointer tool (kept even when a fast drag outruns its outline).
    pub moving: Option<u64>,
}

/// What the overlay needs.
pub struct OverlayInputs<'a> {
    /// Map context (projector, countries).
    pub cx: AnnotationContext<'a>,
    /// Current tool.
    pub tool: Tool,
    /// Style for new annotations.
    pub style: Style,
    /// All annotations.
    pub items: &'a [Annotation],
    /// The selected one.
    pub selected: Option<u64>,
    /// Number for the next marker.
    pub next_marker: u32,
}

/// Handles pointer gestures over the map for annotations. Call after the map so it sits on top.
pub fn overlay_ui(ui: &mut Ui, inputs: &OverlayInputs<'_>, draft: &mut Draft, commands: &mut Vec<Command>) {
    let p = inputs.cx.projector;
    let rect = p.screen_rect;
    let painter = ui.painter_at(rect);
    match inputs.tool {
        Tool::Pointer => pointer_ui(ui, inputs, draft, commands),
        tool => {
            let response = ui.interact(rect, ui.scope_id().with("annotation-draw"), Sense::click_and_drag());
            let response = response.on_hover_cursor(egui::CursorIcon::Crosshair);
            let pointer = response.interact_pointer_pos().or_else(|| response.hover_pos());
            let geo = pointer.map(|s| p.geo_from_screen(s));
            draw_gesture(&response, tool, geo, inputs, draft, commands);
            if let Some(preview) = preview(tool, draft, geo, inputs.style) {
                paint_annotation(&painter, &inputs.cx, &preview);
            }
        }
    }
}

fn draw_gesture(
    response: &egui::Response,
    tool: Tool,
    geo: Option<GeoPoint>,
    inputs: &OverlayInputs<'_>,
    draft: &mut Draft,
    commands: &mut Vec<Command>,
) {
    let Some(at) = geo else { return };
    let style = inputs.style;
    if response.clicked() {
        match tool {
            Tool::Text => commands.push(Command::Draw(DrawCommand::NewTextAt(at))),
            Tool::Marker => {
                let shape = Shape::Marker { at, number: inputs.next_marker };
                commands.push(Command::Draw(DrawCommand::EditAnnotations(Edit::Add(shape, style), false)));
            }
            Tool::Country => {
                let map_at = crate::map::projection::map_from_geo(at);
                let Some(i) = inputs.cx.prepared.countries.hit(map_at) else { return };
                let Some(country) = inputs.cx.atlas.countries.get(i) else { return };
                let existing = inputs
                    .items
                    .iter()
                    .find(|a| matches!(&a.shape, Shape::Country { iso_a3 } if *iso_a3 == country.id));
                let edit = match existing {
                    Some(a) => Edit::Delete(a.id),
                    None => Edit::Add(Shape::Country { iso_a3: country.id.clone() }, style),
                };
                commands.push(Command::Draw(DrawCommand::EditAnnotations(edit, false)));
            }
            _ => {}
        }
        return;
    }
    if response.drag_started() {
        // Start where the button went down, not where the pointer was when the drag was recognised.
        let origin = response.ctx.input(|i| i.pointer.press_origin());
        let start = origin.map_or(at, |o| inputs.cx.projector.geo_from_screen(o));
        draft.start = Some(start);
        draft.points = vec![start];
    } else if response.dragged() && tool == Tool::Pen {
        let p = inputs.cx.projector;
        let far_enough =
            draft.points.last().is_none_or(|l| (p.screen_from_geo(*l) - p.screen_from_geo(at)).length() >= 2.0);
        if far_enough {
            draft.points.push(at);
        }
    }
    if draft.start.is_some() && response.ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        // Esc abandons the shape being drawn.
        *draft = Draft::default();
        return;
    }
    if response.drag_stopped() {
        if let Some(shape) = finished_shape(tool, draft, at, inputs.cx.projector) {
            commands.push(Command::Draw(DrawCommand::EditAnnotations(Edit::Add(shape, style), false)));
        }
        *draft = Draft::default();
    }
}

/// The shape a finished drag makes, if it is big enough to mean something.
fn finished_shape(tool: Tool, draft: &Draft, end: GeoPoint, p: &crate::map::Projector) -> Option<Shape> {
    let start = draft.start?;
    let long_enough = (p.screen_from_geo(start) - p.screen_from_geo(end)).length() >= 6.0;
    match tool {
        Tool::Arrow if long_enough => Some(Shape::Arrow { from: start, to: end }),
        Tool::Ellipse if long_enough => Some(Shape::Ellipse { a: start, b: end }),
        Tool::Rect if long_enough => Some(Shape::Rect { a: start, b: end }),
        Tool::Pen if draft.points.len() >= 2 => {
            let mut points = draft.points.clone();
            points.push(end);
            Some(Shape::Pen { points })
        }
        _ => None,
    }
}

fn preview(tool: Tool, draft: &Draft, pointer: Option<GeoPoint>, style: Style) -> Option<Annotation> {
    let start = draft.start?;
    let end = pointer?;
    let shape = match tool {
        Tool::Arrow => Shape::Arrow { from: start, to: end },
        Tool::Ellipse => Shape::Ellipse { a: start, b: end },
        Tool::Rect => Shape::Rect { a: start, b: end },
        Tool::Pen if draft.points.len() >= 2 => Shape::Pen { points: draft.points.clone() },
        _ => return None,
    };
    Some(Annotation { id: 0, shape, style })
}

/// Pointer tool: click selects, drag moves, handles resize; elsewhere the map keeps its gestures.
fn pointer_ui(ui: &mut Ui, inputs: &OverlayInputs<'_>, draft: &mut Draft, commands: &mut Vec<Command>) {
    let p = inputs.cx.projector;
    let painter = ui.painter_at(p.screen_rect);
    // The body first: the handles registered after it sit on top of it (egui gives ties to the last one).
    let pointer = ui.ctx().pointer_hover_pos().filter(|q| p.screen_rect.contains(*q));
    let under = pointer.and_then(|q| annotation_at(&painter, &inputs.cx, inputs.items, q, false));
    if let Some(a) = draft.moving.or(under).and_then(|id| inputs.items.iter().find(|a| a.id == id)) {
        body_ui(ui, &painter, inputs, a, draft, commands);
    }
    let Some(a) = inputs.selected.and_then(|id| inputs.items.iter().find(|a| a.id == id)) else { return };
    let Some(hs) = handles(p, a) else { return };
    for (k, h) in hs.into_iter().enumerate() {
        let r = Rect::from_center_size(h, Vec2::splat(HANDLE_SIZE + 6.0));
        let resp = ui.interact(r, ui.scope_id().with(("annotation-handle", a.id, k)), Sense::drag());
        let resp = resp.on_hover_cursor(egui::CursorIcon::Crosshair);
        if resp.dragged()
            && let Some(pos) = resp.interact_pointer_pos()
        {
            let shape = move_handle(&a.shape, k, p.geo_from_screen(pos));
            commands.push(Command::Draw(DrawCommand::EditAnnotations(
                Edit::Update { id: a.id, shape, style: a.style },
                true,
            )));
        }
        if resp.drag_stopped() {
            commands.push(Command::Draw(DrawCommand::EndAnnotationGesture));
        }
    }
}

/// Selecting, editing and moving one annotation by its body.
fn body_ui(
    ui: &mut Ui,
    painter: &egui::Painter,
    inputs: &OverlayInputs<'_>,
    a: &Annotation,
    draft: &mut Draft,
    commands: &mut Vec<Command>,
) {
    let p = inputs.cx.projector;
    let id = a.id;
    let body = crate::map::annotations::screen_bounds(painter, &inputs.cx, a);
    let resp = ui.interact(body, ui.scope_id().with(("annotation-body", id)), Sense::click_and_drag());
    let resp = resp.on_hover_cursor(egui::CursorIcon::Grab);
    if resp.clicked() || resp.drag_started() {
        commands.push(Command::Draw(DrawCommand::SelectAnnotation(Some(id))));
    }
    if resp.drag_started() {
        draft.moving = Some(id);
    }
    if resp.double_clicked() && matches!(a.shape, Shape::Text { .. }) {
        commands.push(Command::Draw(DrawCommand::EditAnnotationText(Some(id))));
    }
    if resp.dragged() {
        let delta = resp.drag_delta();
        if delta != Vec2::ZERO {
            let shape = translate(&a.shape, |g| p.geo_from_screen(p.screen_from_geo(g) + delta));
            commands
                .push(Command::Draw(DrawCommand::EditAnnotations(Edit::Update { id, shape, style: a.style }, true)));
        }
    }
    if resp.drag_stopped() || (draft.moving == Some(id) && !resp.dragged()) {
        draft.moving = None;
        commands.push(Command::Draw(DrawCommand::EndAnnotationGesture));
    }
}

/// The shape with every anchor moved by `f`.
pub fn translate(shape: &Shape, f: impl Fn(GeoPoint) -> GeoPoint) -> Shape {
    match shape {
        Shape::Text { at, text } => Shape::Text { at: f(*at), text: text.clone() },
        Shape::Arrow { from, to } => Shape::Arrow { from: f(*from), to: f(*to) },
        Shape::Ellipse { a, b } => Shape::Ellipse { a: f(*a), b: f(*b) },
        Shape::Rect { a, b } => Shape::Rect { a: f(*a), b: f(*b) },
        Shape::Pen { points } => Shape::Pen { points: points.iter().map(|g| f(*g)).collect() },
        Shape::Marker { at, number } => Shape::Marker { at: f(*at), number: *number },
        Shape::Country { iso_a3 } => Shape::Country { iso_a3: iso_a3.clone() },
    }
}

/// The shape with handle `k` (0 = first point, 1 = second) moved to `to`.
fn move_handle(shape: &Shape, k: usize, to: GeoPoint) -> Shape {
    let pick = |a: GeoPoint, b: GeoPoint| if k == 0 { (to, b) } else { (a, to) };
    match shape {
        Shape::Arrow { from, to: head } => {
            let (from, to) = pick(*from, *head);
            Shape::Arrow { from, to }
        }
        Shape::Ellipse { a, b } => {
            let (a, b) = pick(*a, *b);
            Shape::Ellipse { a, b }
        }
        Shape::Rect { a, b } => {
            let (a, b) = pick(*a, *b);
            Shape::Rect { a, b }
        }
        other => other.clone(),
    }
}

/// The window editing a text annotation's words. Returns true while open.
/// The label's text editor, opened beside `near` (where the user clicked on the map), not in a corner.
pub fn text_editor_ui(ctx: &egui::Context, text: &mut String, near: egui::Pos2, commands: &mut Vec<Command>) {
    let mut open = true;
    // One window per place: each new label's editor opens by its own point.
    let id = egui::Id::unique(("label-text", near.x.round() as i32, near.y.round() as i32));
    let window = egui::Window::new("Label text").id(id).collapsible(false).resizable(false).constrain(true);
    window.default_pos(near + egui::vec2(18.0, 18.0)).open(&mut open).show(ctx, |ui| {
        let label = ui.label(RichText::new("Type the label; Enter keeps it, Shift+Enter starts a new line."));
        let field = ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(2)
                .desired_width(320.0)
                .return_key(egui::KeyboardShortcut::new(egui::Modifiers::SHIFT, egui::Key::Enter)),
        );
        let field = field.labelled_by(label.id);
        field.request_focus();
        let enter = field.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || enter {
                commands.push(Command::Draw(DrawCommand::CommitAnnotationText));
                // Give the keyboard back to the map (Esc, tool keys) now the field is gone.
                ui.memory_mut(|m| m.surrender_focus(field.id));
            }
            if ui.button("Cancel").clicked() {
                commands.push(Command::Draw(DrawCommand::CancelAnnotationText));
                ui.memory_mut(|m| m.surrender_focus(field.id));
            }
        });
    });
    if !open {
        commands.push(Command::Draw(DrawCommand::CancelAnnotationText));
    }
}
