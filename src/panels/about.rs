//! The About window: what the atlas is and who made its data.

use egui::{Context, RichText};

use crate::command::{Command, WindowCommand};

/// The data credits, also printed by `timeatlas --version`-style help and the README.
pub const CREDITS: &[(&str, &str, &str)] = &[
    (
        "Natural Earth",
        "Country, province, lake and world boundaries (Admin-0 1:10m and 1:50m, Admin-1 1:10m, lakes 1:10m). Public domain.",
        "https://www.naturalearthdata.com/",
    ),
    (
        "GeoNames",
        "City names, positions and populations (cities15000); which cities are capitals (country information). \
         Licensed under Creative Commons Attribution 4.0.",
        "https://www.geonames.org/",
    ),
    (
        "Unicode CLDR",
        "Country names in Persian, Arabic, Hebrew and Turkish (via the babel package). Unicode License.",
        "https://cldr.unicode.org/",
    ),
    (
        "Natural Earth and GeoNames, local names",
        "Province names in Persian and Arabic (Natural Earth name_fa, name_ar); city names in Persian and Arabic \
         chosen by rule from GeoNames alternate names (scripts/local_names.py).",
        "https://www.geonames.org/",
    ),
    (
        "Noto Sans Arabic and Noto Sans Hebrew (Google)",
        "The fonts for Persian, Arabic and Hebrew text. SIL Open Font License 1.1.",
        "https://notofonts.github.io/",
    ),
    (
        "world-atlas (Mike Bostock)",
        "The packaging of Natural Earth Admin-0 used to derive the country files. ISC licence.",
        "https://github.com/topojson/world-atlas",
    ),
];

/// Draws the About window when `open`.
pub fn about_ui(ctx: &Context, open: bool, commands: &mut Vec<Command>) {
    if !open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("About TimeAtlas")
        .open(&mut still_open)
        .collapsible(false)
        .resizable(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(
                "TimeAtlas is a classroom atlas of Iran, Iraq, Syria and Yemen and their neighbours, \
                 from 1953 to today.",
            );
            ui.add_space(8.0);
            ui.heading("Data credits");
            for (name, what, url) in CREDITS {
                ui.add_space(4.0);
                ui.label(RichText::new(*name).strong());
                ui.label(*what);
                ui.hyperlink(*url);
            }
            ui.add_space(8.0);
            ui.label(RichText::new("Contains data from GeoNames (geonames.org), CC BY 4.0.").small());
        });
    if !still_open {
        commands.push(Command::Window(WindowCommand::ShowAbout(false)));
    }
}
