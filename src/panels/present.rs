//! Presentation mode: the date banner, the slide's caption and sources, the blank screen and the spotlight.

use egui::{Align, Color32, Layout, Pos2, RichText, Ui};

use crate::command::keys;
use crate::command::{Command, LessonCommand};
use crate::lesson::Slide;
use crate::theme::size;

/// Type size of the date in the banner (points, before UI scale).
const BANNER_DATE: f32 = 30.0;
/// Type size of the slide title.
const BANNER_TITLE: f32 = 21.0;
/// Type size of the caption on a small screen.
const CAPTION: f32 = 16.0;
/// Type size of the caption on a large screen.
const CAPTION_MAX: f32 = 26.0;
/// The caption's size on a large screen is its height in points over this.
const CAPTION_SCREEN_SHARE: f32 = 48.0;
/// Share of the screen height the caption band may take.
pub const CAPTION_MAX_SHARE: f32 = 0.21;
/// Share it may grow to for a caption too long for that at [`size::CAPTION_MIN`], before it scrolls
/// (a clicker cannot scroll).
pub const CAPTION_GROW_SHARE: f32 = 0.3;
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
            if ui
                .button(RichText::new(format!("Exit ({})", keys::text(ui.ctx(), &keys::LEAVE))).size(size::UI_BUTTON))
                .clicked()
            {
                commands.push(Command::Lesson(LessonCommand::Present(false)));
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

/// The caption band under the map: the caption, then the slide's sources, always in view. It takes no more
/// than `max_height` points (the map keeps most of a small projector screen) while the caption fits at
/// [`size::CAPTION_MIN`] or larger; a longer one never gets smaller: the band grows to
/// [`CAPTION_GROW_SHARE`] of the screen, and what is still left scrolls in a box a whole number of lines
/// high, so no line is cut in half. Returns the caption's type size.
pub fn caption_ui(ui: &mut Ui, slide: &Slide, max_height: f32) -> Option<f32> {
    ui.add_space(2.0);
    let width = ui.available_width();
    let sources_height = if slide.sources.is_empty() { 0.0 } else { sources_height(ui, slide, width) };
    let caption = slide.caption.trim();
    let mut caption_pt = None;
    if !caption.is_empty() {
        let screen_height = ui.ctx().content_rect().height();
        let room = (max_height - sources_height).max(0.0);
        let top = caption_top_size(screen_height);
        let size = caption_size(ui, caption, room, top);
        let galley = caption_galley(ui, caption, size, width);
        let grown = (screen_height * CAPTION_GROW_SHARE - sources_height).max(room);
        let room = if galley.size().y > room { grown } else { room };
        let rows = galley.rows.len().max(1);
        let row_height = galley.size().y / rows as f32;
        let height = whole_lines_height(row_height, rows, room);
        caption_pt = Some(size);
        egui::ScrollArea::vertical()
            .id_salt("caption-scroll")
            .max_height(height)
            .min_scrolled_height(height)
            .auto_shrink([false, true])
            .show(ui, |ui| ui.label(RichText::new(caption).size(size)));
    }
    if !slide.sources.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Sources:").size(size::UI_SMALL).strong());
            for s in &slide.sources {
                super::links::source_link_ui(ui, RichText::new(&s.title).size(size::UI_SMALL), &s.url);
            }
        });
    }
    ui.add_space(2.0);
    caption_pt
}

/// The height of a caption box showing as many whole lines of `row_height` as fit in `room` (at least one),
/// and no more than the caption's `rows`.
pub fn whole_lines_height(row_height: f32, rows: usize, room: f32) -> f32 {
    let fit = ((room + 0.5) / row_height.max(1.0)).floor().max(1.0) as usize;
    row_height * fit.min(rows) as f32
}

/// The caption's largest type size for a screen `screen_height` points high: bigger on a big screen (a
/// teacher's 1600×1000), never below [`CAPTION`].
pub fn caption_top_size(screen_height: f32) -> f32 {
    (screen_height / CAPTION_SCREEN_SHARE).clamp(CAPTION, CAPTION_MAX)
}

fn caption_galley(ui: &Ui, caption: &str, size: f32, width: f32) -> std::sync::Arc<egui::Galley> {
    ui.painter().layout(caption.to_owned(), egui::FontId::proportional(size), Color32::PLACEHOLDER, width)
}

/// The height the sources line takes once wrapped at `width`, with egui's spacing between the links.
fn sources_height(ui: &Ui, slide: &Slide, width: f32) -> f32 {
    let titles: Vec<&str> = slide.sources.iter().map(|s| s.title.as_str()).collect();
    let text = format!("Sources:  {}", titles.join("   "));
    let galley =
        ui.painter().layout(text, egui::FontId::proportional(size::UI_SMALL), Color32::PLACEHOLDER, width - 8.0);
    galley.size().y + ui.spacing().item_spacing.y * galley.rows.len() as f32 + 2.0
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

/// The largest type size, from `top` down to [`size::CAPTION_MIN`], at which the caption fits in `room`.
fn caption_size(ui: &Ui, caption: &str, room: f32, top: f32) -> f32 {
    let width = ui.available_width();
    let mut size = top.round();
    while size > size::CAPTION_MIN {
        if caption_galley(ui, caption, size, width).size().y <= room {
            break;
        }
        size -= 1.0;
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_caption_box_holds_whole_lines() {
        // 20-point rows in 75 points: three whole rows, not three and three quarters.
        assert_eq!(whole_lines_height(20.0, 10, 75.0), 60.0);
        // A short caption takes only its rows; a tiny room still shows one line whole.
        assert_eq!(whole_lines_height(20.0, 2, 75.0), 40.0);
        assert_eq!(whole_lines_height(20.0, 5, 5.0), 20.0);
    }

    #[test]
    fn captions_are_bigger_on_a_big_screen() {
        assert_eq!(caption_top_size(384.0), CAPTION);
        assert!(caption_top_size(1000.0) >= 20.0, "{}", caption_top_size(1000.0));
        assert!(caption_top_size(4000.0) <= CAPTION_MAX);
    }
}
