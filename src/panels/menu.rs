//! The menu bar.

use egui::Ui;

use crate::command::FileAction;
use crate::command::keys;
use crate::command::{Command, ExportCommand, FileCommand, LessonCommand, MapCommand, WindowCommand};
use crate::text::names::NameMode;
use crate::theme::ThemeChoice;

/// How much one Ctrl + or Ctrl - changes the UI scale.
pub const UI_SCALE_STEP: f32 = 0.25;

/// What the menu shows as checked.
pub struct MenuState<'a> {
    /// The side panel is showing.
    pub side_panel_open: bool,
    /// The timeline is showing.
    pub show_timeline: bool,
    /// Current palette.
    pub theme: ThemeChoice,
    /// Provinces on.
    pub show_provinces: bool,
    /// Cities on.
    pub show_cities: bool,
    /// Which names the labels show.
    pub names: NameMode,
    /// Slide transitions and animations on (off: reduced motion).
    pub transitions: bool,
    /// Drawing tool bar shown.
    pub show_draw_toolbar: bool,
    /// A lesson is open.
    pub lesson_open: bool,
    /// Slide sorter shown.
    pub show_sorter: bool,
    /// Recently used lesson files.
    pub recent_lessons: &'a [std::path::PathBuf],
    /// An autosaved lesson can be recovered: asked only while the Lesson menu is open, as it looks at the disk.
    pub autosave_exists: &'a dyn Fn() -> bool,
    /// UI scale.
    pub ui_scale: f32,
}

/// Draws the menu bar.
pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let chosen = commands.len();
            if ui
                .button("Import data…")
                .on_hover_text("TimelineJS, StoryMapJS, ACLED, UCDP, GeoJSON, KML or CSV; map layers too")
                .clicked()
            {
                commands.push(Command::File(FileCommand::OpenDataDialog));
            }
            if ui.button("Import data by path…").clicked() {
                commands.push(Command::Window(WindowCommand::ShowOpenData(true)));
            }
            if ui.button("Data sources…").clicked() {
                commands.push(Command::Data(crate::command::DataCommand::ShowPanel(true)));
            }
            ui.separator();
            if ui.button("Open annotations...").clicked() {
                commands.push(Command::File(FileCommand::ChooseFile(FileAction::OpenAnnotations)));
            }
            if ui.button("Save annotations...").clicked() {
                commands.push(Command::File(FileCommand::ChooseFile(FileAction::SaveAnnotations)));
            }
            let export = keys::text(ui.ctx(), &keys::EXPORT);
            if ui.add(egui::Button::new("Export map...").shortcut_text(export)).clicked() {
                commands.push(Command::Export(ExportCommand::ShowExport(true)));
            }
            ui.separator();
            if ui.button("Quit").clicked() {
                commands.push(Command::Window(WindowCommand::Quit));
            }
            close_when_chosen(ui, commands, chosen);
        });
        ui.menu_button("View", |ui| {
            if ui.button("Zoom in   (+)").clicked() {
                commands.push(Command::Map(MapCommand::ZoomBy(crate::map::memory::KEY_ZOOM_FACTOR)));
            }
            if ui.button("Zoom out  (−)").clicked() {
                commands.push(Command::Map(MapCommand::ZoomBy(1.0 / crate::map::memory::KEY_ZOOM_FACTOR)));
            }
            if ui.button("Reset view  (Home)").clicked() {
                commands.push(Command::Map(MapCommand::ResetView));
            }
            ui.separator();
            let mut provinces = state.show_provinces;
            if ui.checkbox(&mut provinces, "Provinces").changed() {
                commands.push(Command::Map(MapCommand::SetShowProvinces(provinces)));
            }
            let mut timeline = state.show_timeline;
            if ui.checkbox(&mut timeline, "Timeline").changed() {
                commands.push(Command::Window(WindowCommand::ShowTimeline(timeline)));
            }
            let mut cities = state.show_cities;
            if ui.checkbox(&mut cities, "Cities").changed() {
                commands.push(Command::Map(MapCommand::SetShowCities(cities)));
            }
            let mut tools = state.show_draw_toolbar;
            if ui.checkbox(&mut tools, "Drawing tools").changed() {
                commands.push(Command::Window(WindowCommand::ShowDrawToolbar(tools)));
            }
            ui.separator();
            for names in NameMode::ALL {
                if ui.radio(state.names == names, names.label()).clicked() {
                    commands.push(Command::Map(MapCommand::SetNames(names)));
                }
            }
            let mut reduced_motion = !state.transitions;
            if ui.checkbox(&mut reduced_motion, "Reduced motion").on_hover_text("No animated transitions").changed() {
                commands.push(Command::Lesson(LessonCommand::SetTransitions(!reduced_motion)));
            }
            ui.separator();
            ui.label(format!("UI scale: {:.0}%", state.ui_scale * 100.0));
            ui.horizontal(|ui| {
                let ctx = ui.ctx().clone();
                let key = |k| keys::text(&ctx, k);
                if ui.button("Larger").on_hover_text(key(&keys::UI_LARGER)).clicked() {
                    commands.push(Command::Window(WindowCommand::SetUiScale(state.ui_scale + UI_SCALE_STEP)));
                }
                if ui.button("Smaller").on_hover_text(key(&keys::UI_SMALLER)).clicked() {
                    commands.push(Command::Window(WindowCommand::SetUiScale(state.ui_scale - UI_SCALE_STEP)));
                }
                if ui.button("100%").on_hover_text(key(&keys::UI_RESET)).clicked() {
                    commands.push(Command::Window(WindowCommand::SetUiScale(1.0)));
                }
            });
            ui.separator();
            for choice in ThemeChoice::ALL {
                if ui.radio(state.theme == choice, choice.label()).clicked() {
                    commands.push(Command::Map(MapCommand::SetTheme(choice)));
                }
            }
        });
        ui.menu_button("Lesson", |ui| {
            let chosen = commands.len();
            lesson_menu_ui(ui, state, commands);
            close_when_chosen(ui, commands, chosen);
        });
        ui.menu_button("Help", |ui| {
            let chosen = commands.len();
            if ui.button("About TimeAtlas and data credits").clicked() {
                commands.push(Command::Window(WindowCommand::ShowAbout(true)));
            }
            close_when_chosen(ui, commands, chosen);
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let text = if state.side_panel_open { "Hide panel" } else { "Search and details" };
            if ui
                .button(text)
                .on_hover_text(format!(
                    "Show or hide the side panel ({} searches)",
                    keys::text(ui.ctx(), &keys::SEARCH)
                ))
                .clicked()
            {
                commands.push(Command::Window(WindowCommand::ShowSidePanel(!state.side_panel_open)));
            }
        });
    });
}

/// Closes the menu once an item pushed a command. egui closes menus on pointer clicks only, so without this
/// an item chosen with the keyboard (Enter or Space) leaves its menu open and holding the focus.
fn close_when_chosen(ui: &mut Ui, commands: &[Command], before: usize) {
    if commands.len() > before {
        ui.close();
    }
}

fn lesson_menu_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<Command>) {
    let present = keys::text(ui.ctx(), &keys::PRESENT);
    if ui.add(egui::Button::new("Present").shortcut_text(present)).clicked() {
        commands.push(Command::Lesson(LessonCommand::Present(true)));
    }
    ui.separator();
    if ui.button("Sample lesson: the US and Iran, 1953 to 2020").clicked() {
        commands.push(Command::Lesson(LessonCommand::OpenSampleLesson));
    }
    if ui.button("New lesson from this map").clicked() {
        commands.push(Command::Lesson(LessonCommand::NewLesson));
    }
    if ui.button("Open lesson...").clicked() {
        commands.push(Command::File(FileCommand::ChooseFile(FileAction::OpenLesson)));
    }
    if ui.add_enabled(state.lesson_open, egui::Button::new("Save lesson")).clicked() {
        commands.push(Command::Lesson(LessonCommand::SaveLesson));
    }
    if ui.add_enabled(state.lesson_open, egui::Button::new("Save lesson as...")).clicked() {
        commands.push(Command::File(FileCommand::ChooseFile(FileAction::SaveLesson)));
    }
    if (state.autosave_exists)() && ui.button("Recover the autosaved lesson").clicked() {
        commands.push(Command::Lesson(LessonCommand::RecoverAutosave));
    }
    if !state.recent_lessons.is_empty() {
        ui.separator();
        ui.label("Recent");
        for path in state.recent_lessons {
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            if ui.button(name).on_hover_text(path.display().to_string()).clicked() {
                commands.push(Command::Lesson(LessonCommand::LoadLesson(path.clone())));
            }
        }
    }
    ui.separator();
    let mut sorter = state.show_sorter;
    if ui.add_enabled(state.lesson_open, egui::Checkbox::new(&mut sorter, "Slide sorter")).changed() {
        commands.push(Command::Lesson(LessonCommand::ShowSorter(sorter)));
    }
    if ui.add_enabled(state.lesson_open, egui::Button::new("Close lesson")).clicked() {
        commands.push(Command::Lesson(LessonCommand::CloseLesson));
    }
}
