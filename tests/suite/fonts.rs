//! Every character the bundled data can put on screen has a glyph in the atlas's fonts (a missing one shows
//! as a box on a projector, and makes egui_kittest fail).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

#[test]
fn every_character_in_the_bundled_text_has_a_glyph() {
    let ctx = egui::Context::default();
    timeatlas::text::fonts::install(&ctx);
    ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
    let mut chars = BTreeSet::new();
    let mut files = vec![std::path::PathBuf::from("data/lessons/us-iran-1953-2020.json")];
    for entry in std::fs::read_dir("data").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json" || e == "geojson") {
            files.push(path);
        }
    }
    for path in &files {
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        collect(&json, &mut chars);
    }
    let font = egui::FontId::proportional(14.0);
    let missing: Vec<char> = ctx.fonts_mut(|f| chars.iter().copied().filter(|&c| !f.has_glyph(&font, c)).collect());
    assert!(missing.is_empty(), "no glyph for {missing:?} in {files:?}");
    assert!(chars.contains(&'–'), "the check saw the data's en dashes");
    for c in ['ی', 'ک', 'پ', 'ة', 'ש', 'ü', '\u{200c}'] {
        assert!(chars.contains(&c), "the check saw the local names' {c:?}");
    }
}

/// The non-ASCII characters of every string the app may show: all text of the content files, and the names
/// of the map layers (their coordinates and codes are never drawn). GeoNames' original spellings are kept in
/// `name_geonames` for provenance and never drawn.
fn collect(v: &serde_json::Value, chars: &mut BTreeSet<char>) {
    match v {
        serde_json::Value::String(s) => chars.extend(s.chars().filter(|c| !c.is_ascii())),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, chars)),
        serde_json::Value::Object(o) => {
            o.iter().filter(|(k, _)| k.as_str() != "name_geonames").for_each(|(_, x)| collect(x, chars));
        }
        _ => {}
    }
}
