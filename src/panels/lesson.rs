//! The slide sorter: the lesson's slides with thumbnails, reordering, and the current slide's words.

use egui::{RichText, Ui};

use crate::command::FileAction;
use crate::command::keys;
use crate::command::{Command, FileCommand, LessonCommand, SlideEdit};
use crate::lesson::Lesson;

/// Thumbnail width in points.
pub const THUMB_WIDTH: f32 = 120.0;

/// What the sorter shows.
pub struct SorterState<'a> {
    /// The lesson.
    pub lesson: &'a Lesson,
    /// Current slide.
    pub current: usize,
    /// Thumbnails by slide index (missing ones are being rendered).
    pub thumbnails: &'a [Option<egui::TextureHandle>],
    /// Autoplay on.
    pub autoplay: bool,
    /// Transitions on.
    pub transitions: bool,
    /// What the last save said ("Saved to …" or why not).
    pub saved: Option<&'a Result<String, String>>,
}

/// The current slide's editable words, kept by the app between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlideText {
    /// For which slide index and lesson revision these were loaded.
    pub loaded_for: Option<(usize, u64)>,
    /// Title.
    pub title: String,
    /// Caption.
    pub caption: String,
    /// Autoplay seconds.
    pub duration_s: f32,
    /// The lesson's title (a new lesson is renamed here).
    pub lesson_title: String,
    /// A source being added to the slide: its title and address, and why it was not added.
    pub new_source: (String, String, Option<String>),
}

/// Draws the sorter.
pub fn sorter_ui(ui: &mut Ui, state: &SorterState<'_>, text: &mut SlideText, commands: &mut Vec<Command>) {
    let lesson = state.lesson;
    let name = ui.add(
        egui::TextEdit::singleline(&mut text.lesson_title)
            .hint_text("Lesson title")
            .font(egui::TextStyle::Heading)
            .desired_width(f32::INFINITY),
    );
    if name.changed() {
        commands.push(Command::Lesson(LessonCommand::RenameLesson(text.lesson_title.clone())));
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button(format!("Present ({})", keys::text(ui.ctx(), &keys::PRESENT))).clicked() {
            commands.push(Command::Lesson(LessonCommand::Present(true)));
        }
        if ui.button("Add slide").on_hover_text("Add the map as it is now after this slide").clicked() {
            commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Add)));
        }
        if ui
            .button("Update slide")
            .on_hover_text("Replace this slide's map, date and drawings with the current ones")
            .clicked()
        {
            commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Update)));
        }
        if ui.button("Save lesson").on_hover_text("Save to the lesson's file (asks where the first time)").clicked() {
            commands.push(Command::Lesson(LessonCommand::SaveLesson));
        }
        if ui.button("Save as...").clicked() {
            commands.push(Command::File(FileCommand::ChooseFile(FileAction::SaveLesson)));
        }
    });
    if let Some(note) = state.saved {
        let color = if note.is_ok() { ui.visuals().text_color() } else { ui.visuals().error_fg_color };
        ui.label(RichText::new(note.as_ref().map_or_else(String::as_str, String::as_str)).small().color(color));
    }
    ui.horizontal_wrapped(|ui| {
        let mut autoplay = state.autoplay;
        if ui.checkbox(&mut autoplay, "Autoplay").changed() {
            commands.push(Command::Lesson(LessonCommand::SetAutoplay(autoplay)));
        }
        let mut transitions = state.transitions;
        if ui.checkbox(&mut transitions, "Animate").on_hover_text("Move the map and the date smoothly").changed() {
            commands.push(Command::Lesson(LessonCommand::SetTransitions(transitions)));
        }
    });
    ui.separator();
    current_slide_ui(ui, state, text, commands);
    ui.separator();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        for (i, slide) in lesson.slides.iter().enumerate() {
            let selected = i == state.current;
            ui.horizontal(|ui| {
                // The thumbnail's place is kept while it renders, so the list does not jump under the pointer.
                let size = egui::vec2(THUMB_WIDTH, THUMB_WIDTH * 9.0 / 16.0);
                if let Some(Some(t)) = state.thumbnails.get(i) {
                    let image = egui::Image::new(t).fit_to_exact_size(size).sense(egui::Sense::click());
                    if ui.add(image).on_hover_text(&slide.title).clicked() {
                        commands.push(Command::Lesson(LessonCommand::GoToSlide(i)));
                    }
                } else {
                    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
                }
                let label = format!("{}. {}\n{}", i + 1, slide.title, slide.date);
                if ui.selectable_label(selected, label).clicked() {
                    commands.push(Command::Lesson(LessonCommand::GoToSlide(i)));
                }
            });
            if selected {
                ui.horizontal(|ui| {
                    if ui.add_enabled(i > 0, egui::Button::new("Up")).clicked() {
                        commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Move(i, i - 1))));
                    }
                    if ui.add_enabled(i + 1 < lesson.slides.len(), egui::Button::new("Down")).clicked() {
                        commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Move(i, i + 1))));
                    }
                    if ui.button("Duplicate").clicked() {
                        commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Duplicate(i))));
                    }
                    if ui.add_enabled(lesson.slides.len() > 1, egui::Button::new("Delete slide")).clicked() {
                        commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Delete(i))));
                    }
                });
            }
        }
    });
}

fn current_slide_ui(ui: &mut Ui, state: &SorterState<'_>, text: &mut SlideText, commands: &mut Vec<Command>) {
    let Some(slide) = state.lesson.slides.get(state.current) else { return };
    ui.label(RichText::new(format!("Slide {} of {}", state.current + 1, state.lesson.slides.len())).strong());
    let before = text.clone();
    ui.add(egui::TextEdit::singleline(&mut text.title).hint_text("Title").desired_width(f32::INFINITY));
    ui.add(
        egui::TextEdit::multiline(&mut text.caption).hint_text("Caption").desired_rows(3).desired_width(f32::INFINITY),
    );
    ui.horizontal(|ui| {
        let label = ui.label("Seconds in autoplay");
        ui.add(egui::DragValue::new(&mut text.duration_s).range(1.0..=600.0)).labelled_by(label.id);
    });
    if *text != before {
        commands.push(Command::Lesson(LessonCommand::Slide(SlideEdit::Edit {
            title: text.title.clone(),
            caption: text.caption.clone(),
            duration_s: text.duration_s,
        })));
    }
    if slide.sources.is_empty() {
        ui.label(RichText::new("No sources: open a record's card and Update slide to take its sources.").weak());
    } else {
        // Open, so the teacher sees what the slide will cite before presenting, and can strike one out.
        egui::CollapsingHeader::new(format!("Sources ({})", slide.sources.len())).default_open(true).show(ui, |ui| {
            for (i, s) in slide.sources.iter().enumerate() {
                ui.horizontal_wrapped(|ui| {
                    if ui.small_button("Remove").on_hover_text("Leave this source off the slide").clicked() {
                        commands.push(Command::Lesson(LessonCommand::RemoveSlideSource(i)));
                    }
                    super::links::source_link_ui(ui, &s.title, &s.url);
                });
            }
        });
    }
    add_source_ui(ui, text, commands);
}

/// Cites a page of the teacher's own on the slide: a title and a web address, checked before it is added.
fn add_source_ui(ui: &mut Ui, text: &mut SlideText, commands: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Add a source").show(ui, |ui| {
        let (title, url, problem) = &mut text.new_source;
        let t = ui.label("Page title");
        ui.add(egui::TextEdit::singleline(title).desired_width(f32::INFINITY)).labelled_by(t.id);
        let u = ui.label("Address");
        ui.add(egui::TextEdit::singleline(url).hint_text("https://").desired_width(f32::INFINITY)).labelled_by(u.id);
        if ui.button("Add to the slide").clicked() {
            *problem = source_problem(title, url);
            if problem.is_none() {
                let source = crate::lesson::Source { url: url.trim().to_owned(), title: title.trim().to_owned() };
                commands.push(Command::Lesson(LessonCommand::AddSlideSource(source)));
                title.clear();
                url.clear();
            }
        }
        if let Some(p) = problem {
            ui.label(RichText::new(p.as_str()).color(ui.visuals().error_fg_color));
        }
    });
}

/// Why a typed source cannot be cited (a class must be able to open it), or None.
fn source_problem(title: &str, url: &str) -> Option<String> {
    if title.trim().is_empty() {
        return Some("Give the page's title, as the class will read it.".to_owned());
    }
    crate::model::web::web_address_problem(url.trim()).map(|p| format!("Not added: {p}."))
}
