//! Names in the region's scripts: egui lays right-to-left words out right to left and joined, the View menu
//! switches the naming mode, and snapshots of the map in the local and both-names modes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use egui::text::TextFormat;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use timeatlas::TimeAtlasApp;
use timeatlas::app::StartOptions;
use timeatlas::text::{bidi, fonts, names::NameMode};

/// `(char, left x, right x)` of each glyph egui lays out for `text` (zero-width continuation glyphs left out).
fn glyphs(ctx: &egui::Context, text: &str) -> Vec<(char, f32, f32)> {
    let format = TextFormat::simple(egui::FontId::proportional(20.0), egui::Color32::BLACK);
    let galley = ctx.fonts_mut(|f| f.layout_job(bidi::layout_job(text, &format)));
    galley
        .rows
        .iter()
        .flat_map(|r| r.row.glyphs.iter())
        .filter(|g| g.advance_width > 0.0)
        .map(|g| (g.chr, g.pos.x, g.max_x()))
        .collect()
}

fn glyph(glyphs: &[(char, f32, f32)], c: char) -> (char, f32, f32) {
    *glyphs.iter().find(|g| g.0 == c).unwrap_or_else(|| panic!("no glyph {c:?} in {glyphs:?}"))
}

fn x_of(glyphs: &[(char, f32, f32)], c: char) -> f32 {
    glyph(glyphs, c).1
}

fn width_of(glyphs: &[(char, f32, f32)], c: char) -> f32 {
    let (_, left, right) = glyph(glyphs, c);
    right - left
}

#[test]
fn right_to_left_words_are_laid_out_right_to_left_and_joined() {
    let ctx = egui::Context::default();
    fonts::install(&ctx);
    ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
    // One word: its first letter is the rightmost.
    let tehran = glyphs(&ctx, "تهران");
    assert!(x_of(&tehran, 'ت') > x_of(&tehran, 'ه') && x_of(&tehran, 'ه') > x_of(&tehran, 'ن'), "{tehran:?}");
    // Joined: heh between two letters takes its medial form, narrower than heh alone.
    let alone = glyphs(&ctx, "ه");
    assert!((width_of(&tehran, 'ه') - width_of(&alone, 'ه')).abs() > 1.0, "{tehran:?} vs {alone:?}");
    // Two words: the first word is on the right.
    let khorramabad = glyphs(&ctx, "خرم آباد");
    assert!(x_of(&khorramabad, 'خ') > x_of(&khorramabad, 'آ'), "{khorramabad:?}");
    // Digits inside keep their left-to-right order, left of the word they follow.
    let year = glyphs(&ctx, "بغداد 2003");
    assert!(x_of(&year, '2') < x_of(&year, '3') && x_of(&year, '3') < x_of(&year, 'ب'), "{year:?}");
    // Hebrew too.
    let israel = glyphs(&ctx, "ישראל");
    assert!(x_of(&israel, 'י') > x_of(&israel, 'ל'), "{israel:?}");
}

#[test]
fn the_view_menu_switches_to_local_names() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    assert_eq!(h.state().settings.names, NameMode::English);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label(NameMode::Local.label()).click();
    h.run();
    assert_eq!(h.state().settings.names, NameMode::Local);
}

/// A 1024×768 projector at UI scale 2: 512×384 points drawn at 2 pixels per point.
fn projector_harness(names: NameMode) -> Harness<'static, TimeAtlasApp> {
    Harness::builder().with_size(egui::vec2(512.0, 384.0)).wgpu().build_eframe(move |cc| {
        let today = timeatlas::time::parse_day(common::TODAY).ok();
        let date = timeatlas::time::parse_day("2020-01-03").ok();
        let options =
            StartOptions { fresh: true, today, date, ui_scale: Some(2.0), names: Some(names), ..Default::default() };
        TimeAtlasApp::new(cc, options)
    })
}

#[test]
fn snapshot_of_local_names_on_a_projector() {
    let mut h = projector_harness(NameMode::Local);
    h.run();
    h.snapshot("names_local_1024x768_scale2");
}

#[test]
fn snapshot_of_both_names_on_a_projector() {
    let mut h = projector_harness(NameMode::Both);
    h.run();
    h.snapshot("names_both_1024x768_scale2");
}

/// Panel text in a right-to-left script wraps in reading order: the first words on the top line, at its
/// right end (province names from Natural Earth as sample text).
#[test]
fn snapshot_of_wrapped_persian_panel_text() {
    let text = "سیستان و بلوچستان، کهگیلویه و بویراحمد، چهارمحال و بختیاری (IR-13, IR-18, IR-08)";
    let mut h = Harness::builder().with_size(egui::vec2(260.0, 120.0)).wgpu().build_ui(|ui| {
        fonts::install(ui.ctx());
        timeatlas::text::label::label_ui(ui, text, &egui::TextStyle::Body);
    });
    h.run();
    h.snapshot("wrapped_persian_panel_text");
}
