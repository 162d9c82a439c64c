//! Presentation mode: the date banner, the slide's caption and sources, the blank screen and the spotlight.

use egui::{Align, Color32, Layout, Pos2, RichText, Ui};

use crate::command::Command;
use crate::lesson::Slide;
use crate::theme::size;

/// Type size of the date in the banner (points, before UI scale).
const BANNER_DATE: f32 = 30.0;
/// Type size of the slide title.
const BANNER_TITLE: f32 = 21.0;
/// Type size of the caption.
const CAPTION: f32 = 16.0;
/// The smallest type size a long caption shrinks to before it scrolls (a clicker cannot scroll).
const CAPTION_MIN: f32 = 12.0;
/// Share of the screen height the caption band may take.
pub const CAPTION_MAX_SHARE: f32 = 0.21;
/// Radius of the spotlight's bright circle, points.
pub const SPOTLIGHT_RADIUS: f32 = 110.0;

/// What the banner shows.
pub struct BannerState<'a> {
    /// The date, as shown.
    pub date: &'a str,
    /// The current slide and its number (1-based) and the count, when a lesson is open.
    pub slide: Option<(&'a Slide, usize, usize)>,
    /// Title of the selected item, shown without a lesson.
    pub item_title: Option<&'a str>,
}

/// The top banner: a large date with the slide number and the exit button, then the slide's title.
pub fn banner_ui(ui: &mut Ui, state: &BannerState<'_>, commands: &mut Vec<Command>) {
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(state.date).size(BANNER_DATE).strong());
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button(RichText::new("Exit (Esc)").size(size::UI_BUTTON)).clicked() {
                commands.push(Command::Present(false));
            }
            if let Some((_, n, count)) = state.slide {
                ui.label(RichText::new(format!("{n} / {count}")).size(BANNER_TITLE * 0.8));
            }
        });
    });
    let title = state.slide.map(|(s, _, _)| s.title.as_str()).or(state.item_title).unwrap_or_default();
    if !title.is_empty() {
        ui.add(egui::Label::new(RichText::new(title).size(BANNER_TITLE)).truncate());
    }
    ui.add_space(2.0);
}

/// The caption band under the map: a few lines and the slide's sources. It never takes more than
/// `max_height` points (the map keeps most of a small projector screen); longer captions scroll.
pub fn caption_ui(ui: &mut Ui, slide: &Slide, max_height: f32) {
    ui.add_space(2.0);
    egui::ScrollArea::vertical().max_height(max_height).auto_shrink([false, true]).show(ui, |ui| {
        let caption = slide.caption.trim();
        if !caption.is_empty() {
            ui.label(RichText::new(caption).size(caption_size(ui, caption, max_height)));
        }
        if !slide.sources.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Sources:").size(size::UI_SMALL).strong());
                for s in &slide.sources {
                    super::links::source_link_ui(ui, RichText::new(&s.title).size(size::UI_SMALL), &s.url);
                }
            });
        }
    });
    ui.add_space(2.0);
}

/// Covers the whole screen in one colour (PowerPoint's B and W).
pub fn blank_ui(ctx: &egui::Context, color: Color32) {
    let rect = ctx.content_rect();
    egui::Area::new(egui::Id::unique("blank-screen"))
        .order(egui::Order::Foreground)
        .fixed_pos(rect.min)
        .interactable(true)
        .show(ctx, |ui| {
            let (r, _) = ui.allocate_exact_size(rect.size(), egui::Sense::click());
            ui.painter().rect_filled(r, 0.0, color);
        });
}

/// Dims everything except a circle around the pointer: a ring mesh from the circle's edge (softened over a
/// few points) out past the screen's corners. (A circle stroke this wide is not drawn by epaint.)
pub fn spotlight_ui(ctx: &egui::Context, pointer: Pos2, dim: Color32) {
    const SEGMENTS: u32 = 96;
    const SOFT_EDGE: f32 = 6.0;
    let rect = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("spotlight")));
    let far = SPOTLIGHT_RADIUS + 2.0 * rect.size().length();
    let mut mesh = egui::Mesh::default();
    for i in 0..SEGMENTS {
        let angle = std::f32::consts::TAU * i as f32 / SEGMENTS as f32;
        let dir = egui::vec2(angle.cos(), angle.sin());
        mesh.colored_vertex(pointer + dir * SPOTLIGHT_RADIUS, Color32::TRANSPARENT);
        mesh.colored_vertex(pointer + dir * (SPOTLIGHT_RADIUS + SOFT_EDGE), dim);
        mesh.colored_vertex(pointer + dir * far, dim);
    }
    for i in 0..SEGMENTS {
        let (a, b) = (3 * i, 3 * ((i + 1) % SEGMENTS));
        // Soft edge, then the dim ring, each as two triangles between this spoke and the next.
        mesh.add_triangle(a, a + 1, b);
        mesh.add_triangle(b, a + 1, b + 1);
        mesh.add_triangle(a + 1, a + 2, b + 1);
        mesh.add_triangle(b + 1, a + 2, b + 2);
    }
    painter.add(egui::Shape::mesh(mesh));
}

/// The largest type size, from [`CAPTION`] down to [`CAPTION_MIN`], at which the caption fits in `max_height`
/// (leaving a line for the sources).
fn caption_size(ui: &Ui, caption: &str, max_height: f32) -> f32 {
    let width = ui.available_width();
    let sources_line = size::UI_SMALL * 1.6;
    let mut size = CAPTION;
    while size > CAPTION_MIN {
        let font = egui::FontId::proportional(size);
        let height = ui.painter().layout(caption.to_owned(), font, Color32::PLACEHOLDER, width).size().y;
        if height + sources_line <= max_height {
            break;
        }
        size -= 1.0;
    }
    size
}
