//! Every character the bundled data can put on screen has a glyph in the atlas's fonts (a missing one shows
//! as a box on a projector, and makes egui_kittest fail).

#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

#[test]
fn every_character_in_the_bundled_text_has_a_glyph() {
    let ctx = egui::Context::default();
    ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
    let mut chars = BTreeSet::new();
    let mut files = vec![std::path::PathBuf::from("data/lessons/us-iran-1953-2020.json")];
    for entry in std::fs::read_dir("data").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // Names in the map layers are drawn only for the region's cities and countries, checked below.
        if path.extension().is_some_and(|e| e == "json" || e == "geojson")
            && !name.contains("10m")
            && !name.contains("50m")
        {
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
}

/// The non-ASCII characters of every string the app may show (GeoNames' original spellings are kept in
/// `name_geonames` for provenance and never drawn).
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
