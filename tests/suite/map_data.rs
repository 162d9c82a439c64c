//! The bundled map layers: they load, every polygon triangulates to its own area, bad files are reported
//! with their place and never replace good data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use timeatlas::TimeAtlasApp;
use timeatlas::app::StartOptions;
use timeatlas::map::geometry::ring_area_km2;
use timeatlas::map::scene::PreparedAtlas;
use timeatlas::model::{AreaRole, bundled};

#[test]
fn bundled_layers_load_with_expected_contents() {
    let atlas = bundled::atlas().expect("bundled data loads");
    let focus: Vec<_> = atlas.focus_countries().map(|c| c.name.as_str()).collect();
    assert_eq!(focus, ["Iran", "Iraq", "Syria", "Yemen"]);
    assert!(atlas.countries.iter().filter(|c| c.role == AreaRole::Context).count() >= 25);
    assert_eq!(atlas.provinces.len(), 85);
    assert!(atlas.lakes.iter().any(|l| l.name.contains("Urmia")));
    assert_eq!(atlas.cities.first().map(|c| c.name.as_str()), Some("Baghdad"));
    assert!(atlas.cities.iter().any(|c| c.name == "Mosul"));
    assert!(!atlas.cities.iter().any(|c| c.name.contains("Mawsil al Jad")), "GeoNames' duplicate of Mosul is dropped");
    assert!(atlas.seas.iter().any(|s| s.name == "Persian Gulf"));
}

/// The local names scripts/local_names.py derived: the capitals and focus countries in their own scripts,
/// every province with one, and none for countries outside the languages the atlas covers.
#[test]
fn bundled_layers_have_local_names_in_the_right_script() {
    let atlas = bundled::atlas().expect("bundled data loads");
    let country = |a3: &str| atlas.countries.iter().find(|c| c.id == a3).and_then(|c| c.local_name.clone());
    assert_eq!(country("IRN").as_deref(), Some("ایران"));
    assert_eq!(country("IRQ").as_deref(), Some("العراق"));
    assert_eq!(country("ISR").as_deref(), Some("ישראל"));
    assert_eq!(country("TUR").as_deref(), Some("Türkiye"));
    assert_eq!(country("ARM"), None);
    let city = |name: &str| atlas.cities.iter().find(|c| c.name == name).and_then(|c| c.local_name.clone());
    for (english, local) in [("Tehran", "تهران"), ("Baghdad", "بغداد"), ("Damascus", "دمشق"), ("Sanaa", "صنعاء")]
    {
        assert_eq!(city(english).as_deref(), Some(local), "{english}");
    }
    assert!(atlas.provinces.iter().all(|p| p.local_name.is_some()));
    // Persian spelling (ی, ک) in Iran, Arabic spelling (ي, ك) in the Arab states.
    let iran = atlas.provinces.iter().filter(|p| p.country.as_deref() == Some("IRN"));
    assert!(iran.flat_map(|p| p.local_name.iter()).all(|n| !n.contains(['ي', 'ك'])));
    let arab = atlas.cities.iter().filter(|c| c.country != "IRN");
    assert!(arab.flat_map(|c| c.local_name.iter()).all(|n| !n.contains(['ی', 'ک', 'پ', 'گ'])));
}

/// Triangles must cover each polygon exactly: the sum of triangle areas equals the shoelace area
/// (exteriors minus holes) within 0.1%, for every area of every layer as the map draws it.
#[test]
fn every_bundled_polygon_triangulates_to_its_area() {
    let atlas = bundled::atlas().expect("bundled data loads");
    let prepared = PreparedAtlas::build(&atlas);
    let mut checked = 0;
    for (name, layer) in [
        ("countries", &prepared.countries),
        ("world", &prepared.world),
        ("provinces", &prepared.provinces),
        ("lakes", &prepared.lakes),
    ] {
        assert!(layer.problems.is_empty(), "{name}: {:?}", layer.problems);
        for (i, area) in layer.areas.iter().enumerate() {
            let ring_km2 = |r: &std::ops::Range<usize>| ring_area_km2(&layer.vertices[r.clone()]).abs();
            let mut rings = area.rings.iter();
            let mut expected = 0.0;
            for &count in &area.polygon_ring_counts {
                let exterior = rings.next().map(ring_km2).unwrap();
                let holes: f64 = rings.by_ref().take(count - 1).map(ring_km2).sum();
                expected += exterior - holes;
            }
            assert!(rings.next().is_none(), "{name} area {i}: ring counts do not match the rings");
            let err = (area.area_km2 - expected).abs() / expected.max(1e-9);
            assert!(err < 1e-3, "{name} area {i}: triangles {} km², polygons {expected} km²", area.area_km2);
            checked += 1;
        }
    }
    assert!(checked >= 290, "only {checked} areas checked");
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_bad_data_file_is_reported_and_the_bundled_atlas_stays() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "provinces-broken.geojson",
        "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": \"Feature\", \"properties\": {\"name\": \"X\"}, \"geometry\": null}\n]}",
    );
    let ctx = egui::Context::default();
    let app =
        TimeAtlasApp::headless(&ctx, StartOptions { data_paths: vec![bad.clone()], fresh: true, ..Default::default() });
    assert_eq!(app.doc.data.atlas.provinces.len(), 85, "the bundled provinces stay");
    assert_eq!(app.messages.len(), 1, "{:?}", app.messages);
    let msg = &app.messages[0];
    assert!(msg.starts_with(&format!("{}:2:", bad.display())), "{msg}");
    assert!(msg.contains("feature 0 (\"X\")") && msg.contains("field `properties.iso_3166_2`"), "{msg}");
}

#[test]
fn a_good_data_file_replaces_its_layer() {
    let dir = tempfile::tempdir().unwrap();
    let seas = write(
        dir.path(),
        "seas-custom.geojson",
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Sea of Test"},"geometry":{"type":"Point","coordinates":[50,25]}}]}"#,
    );
    let ctx = egui::Context::default();
    let app = TimeAtlasApp::headless(&ctx, StartOptions { data_paths: vec![seas], fresh: true, ..Default::default() });
    assert!(app.messages.is_empty(), "{:?}", app.messages);
    assert_eq!(app.doc.data.atlas.seas.len(), 1);
    assert_eq!(app.doc.data.generation, 1);
}

#[test]
fn unreadable_and_unknown_files_are_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let ctx = egui::Context::default();
    let garbage = write(dir.path(), "cities-x.geojson", "\u{0}\u{1}not json at all");
    let unknown = write(dir.path(), "notes.geojson", "{}");
    let missing = dir.path().join("nope.geojson");
    let mut app =
        TimeAtlasApp::headless(&ctx, StartOptions { data_paths: vec![garbage], fresh: true, ..Default::default() });
    // A file whose name is not a layer's is read as the user's data (here on this thread, as the command line
    // does): neither is usable, and both are reported.
    let errors = app.import_now(&[unknown, missing]);
    assert_eq!(errors.len(), 2);
    assert_eq!(app.messages.len(), 3, "{:?}", app.messages);
    assert!(app.messages[0].contains(":1:1: error: not valid JSON"), "{}", app.messages[0]);
    assert!(app.messages[1].contains("notes.geojson") && app.messages[1].contains("GeoJSON"), "{}", app.messages[1]);
    assert!(app.messages[2].contains("cannot open"), "{}", app.messages[2]);
    assert_eq!(app.doc.data.atlas.cities.len(), bundled::atlas().unwrap().cities.len());
}
