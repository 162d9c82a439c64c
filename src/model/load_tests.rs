//! Tests of the layer loader: what it reads, what it refuses and where it says the problem is.

use super::*;

fn one_feature(props: &str, geometry: &str) -> String {
    format!(
        "{{\"type\":\"FeatureCollection\",\"features\":[\n{{\"type\":\"Feature\",\"properties\":{props},\"geometry\":{geometry}}}\n]}}"
    )
}

const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,31],[40,30]]]}"#;

/// The quick reading of the polygon layers gives exactly what the careful one gives.
#[test]
fn polygon_layers_read_quickly_equal_the_careful_reading() {
    for (name, kind, text) in super::super::bundled::LAYER_FILES {
        if matches!(kind, LayerKind::Cities | LayerKind::Seas) {
            continue;
        }
        assert!(super::super::load_fast::polygon_features(text, MAX_FEATURE_POSITIONS).is_some(), "{name}");
        assert_eq!(load_areas(name, text, kind).unwrap(), load_areas_carefully(name, text, kind).unwrap(), "{name}");
    }
    // An altitude, a third number, is not for the quick reading; the careful one takes it.
    let text = one_feature(
        r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#,
        r#"{"type":"Polygon","coordinates":[[[40,30,1],[41,30,1],[41,31,1],[40,31,1],[40,30,1]]]}"#,
    );
    assert!(super::super::load_fast::polygon_features(&text, MAX_FEATURE_POSITIONS).is_none());
    assert_eq!(load_areas("t", &text, LayerKind::Countries).unwrap()[0].polygons[0].exterior.len(), 4);
}

/// The quick reading takes only what the careful one takes as it is: arrays in the place of objects and
/// geometries with a bounding box go the careful way.
#[test]
fn the_quick_reading_leaves_anything_unusual_to_the_careful_one() {
    use super::super::load_fast::polygon_features;
    let square = r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,31],[40,30]]]}"#;
    let props = r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#;
    assert!(polygon_features(&one_feature(props, square), MAX_FEATURE_POSITIONS).is_some());
    let as_arrays = [
        r#"["FeatureCollection",[]]"#.to_owned(),
        format!(r#"{{"type":"FeatureCollection","features":[[{props},{square}]]}}"#),
        one_feature(props, r#"["Polygon",[[[40,30],[41,30],[41,31],[40,31],[40,30]]]]"#),
    ];
    for text in &as_arrays {
        assert!(polygon_features(text, MAX_FEATURE_POSITIONS).is_none(), "{text}");
        assert!(load_areas("t", text, LayerKind::Countries).is_err(), "{text}");
    }
    let with_bbox = one_feature(
        props,
        r#"{"type":"Polygon","bbox":[40,30,41,31],"coordinates":[[[40,30],[41,30],[41,31],[40,31],[40,30]]]}"#,
    );
    assert!(polygon_features(&with_bbox, MAX_FEATURE_POSITIONS).is_none());
    assert_eq!(load_areas("t", &with_bbox, LayerKind::Countries).unwrap().len(), 1);
}

/// The parallel reading gives exactly what one pass over the whole text gives.
#[test]
fn features_read_in_parallel_equal_the_single_pass() {
    for (name, _, text) in super::super::bundled::LAYER_FILES {
        let fast =
            super::super::load_fast::well_formed_features(text).unwrap_or_else(|| panic!("{name} is well formed"));
        let Value::Object(mut root) = parse_json(name, text).unwrap() else { panic!("{name}") };
        assert_eq!(Some(Value::Array(fast)), root.remove("features"), "{name}");
    }
    assert!(super::super::load_fast::well_formed_features(r#"{"type":"Feature","features":[]}"#).is_none());
    assert!(super::super::load_fast::well_formed_features(r#"{"type":"FeatureCollection","features":[1,]}"#).is_none());
}

#[test]
fn loads_a_country() {
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, SQUARE);
    let areas = load_areas("t.geojson", &text, LayerKind::Countries).unwrap();
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[0].role, AreaRole::Focus);
    assert_eq!(areas[0].polygons[0].exterior.len(), 4, "closing point dropped");
}

#[test]
fn a_capital_flag_is_optional_and_must_be_true_or_false() {
    let point = r#"{"type":"Point","coordinates":[44.4,33.3]}"#;
    let city = |extra: &str| {
        one_feature(&format!(r#"{{"name":"Baghdad","country":"IRQ","population":7216000{extra}}}"#), point)
    };
    assert!(load_cities("c.geojson", &city(r#","capital":true"#)).unwrap()[0].capital);
    assert!(!load_cities("c.geojson", &city("")).unwrap()[0].capital);
    let msg = load_cities("c.geojson", &city(r#","capital":"yes""#)).unwrap_err()[0].to_string();
    assert!(msg.contains("capital") && msg.contains("expected true or false"), "{msg}");
}

#[test]
fn a_local_name_is_optional_and_must_be_text() {
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","name_local":"العراق","role":"focus"}"#, SQUARE);
    let areas = load_areas("t.geojson", &text, LayerKind::Countries).unwrap();
    assert_eq!(areas[0].local_name.as_deref(), Some("العراق"));
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, SQUARE);
    assert_eq!(load_areas("t.geojson", &text, LayerKind::Countries).unwrap()[0].local_name, None);
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","name_local":7,"role":"focus"}"#, SQUARE);
    let msg = load_areas("t.geojson", &text, LayerKind::Countries).unwrap_err()[0].to_string();
    assert!(msg.contains("field `properties.name_local`: expected a string, found a number"), "{msg}");
}

#[test]
fn syntax_error_has_line_and_column() {
    let e = feature_values("bad.geojson", "{\"type\":\n  \"FeatureCollection\",,}").unwrap_err();
    assert_eq!(e.file, "bad.geojson");
    assert_eq!(e.place.line_col, Some((2, 23)));
    assert!(e.to_string().starts_with("bad.geojson:2:23: error: not valid JSON"), "{e}");
}

#[test]
fn missing_field_names_feature_field_and_expectation() {
    let text = one_feature(r#"{"name":"Iraq","role":"focus"}"#, SQUARE);
    let errs = load_areas("t.geojson", &text, LayerKind::Countries).unwrap_err();
    let msg = errs[0].to_string();
    assert!(msg.contains("t.geojson:2:"), "{msg}");
    assert!(msg.contains("feature 0 (\"Iraq\")"), "{msg}");
    assert!(msg.contains("field `properties.a3`: missing; expected a string"), "{msg}");
}

#[test]
fn bad_coordinates_point_at_the_position() {
    let geom = r#"{"type":"Polygon","coordinates":[[[40,30],[41,95],[41,31],[40,30]]]}"#;
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, geom);
    let errs = load_areas("t.geojson", &text, LayerKind::Countries).unwrap_err();
    assert_eq!(errs[0].field.as_deref(), Some("geometry.coordinates.0.1"));
    assert!(errs[0].message.contains("lat in -90..90"), "{}", errs[0]);
}

#[test]
fn open_ring_and_wrong_type_are_errors() {
    let open = r#"{"type":"Polygon","coordinates":[[[40,30],[41,30],[41,31],[40,31]]]}"#;
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, open);
    assert!(load_areas("t", &text, LayerKind::Countries).unwrap_err()[0].message.contains("closed ring"));
    let pt = r#"{"type":"Point","coordinates":[40,30]}"#;
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, pt);
    assert!(load_areas("t", &text, LayerKind::Countries).unwrap_err()[0].message.contains("found Point"));
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, r#"{"type":"Polygon","coordinates":"x"}"#);
    assert!(
        load_areas("t", &text, LayerKind::Countries).unwrap_err()[0].message.contains("not a valid GeoJSON geometry")
    );
}

#[test]
fn every_bad_feature_is_reported() {
    let text = "{\"type\":\"FeatureCollection\",\"features\":[3, {\"properties\":{\"name\":\"A\"},\"geometry\":null}]}";
    let errs = load_cities("c.geojson", text).unwrap_err();
    assert_eq!(errs.len(), 2);
    assert!(errs[0].message.contains("expected an object"));
    assert_eq!(errs[1].place.feature, Some(1));
}

#[test]
fn not_a_collection() {
    let e = feature_values("x", r#"{"type":"Feature"}"#).unwrap_err();
    assert!(e.message.contains("FeatureCollection"));
    assert!(feature_values("x", "[1,2]").is_err());
    assert!(feature_values("x", "").is_err());
}

#[test]
fn sizes_the_renderer_cannot_take_are_refused() {
    // A million-position ring.
    let ring: Vec<String> = (0..1_000_000).map(|i| format!("[{}, 30]", 40.0 + f64::from(i) * 1e-6)).collect();
    let big = format!(r#"{{"type":"Polygon","coordinates":[[{}, [40, 30]]]}}"#, ring.join(","));
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, &big);
    let e = load_areas("t.geojson", &text, LayerKind::Countries).unwrap_err();
    assert!(e[0].message.contains("has 1,000,001 positions; the atlas draws at most 200,000"), "{}", e[0]);
    assert_eq!(e[0].field.as_deref(), Some("geometry.coordinates"));
    // A 10 MB code.
    let long = "X".repeat(10_000_000);
    let text = one_feature(&format!(r#"{{"a3":"{long}","name":"Iraq","role":"focus"}}"#), SQUARE);
    let e = load_areas("t.geojson", &text, LayerKind::Countries).unwrap_err();
    assert_eq!(e[0].message, "expected at most 300 characters, found 10000000");
    assert!(e[0].to_string().len() < 300);
}

#[test]
fn a_region_layer_needs_a_focus_country() {
    let text = one_feature(r#"{"a3":"TUR","name":"Turkey","role":"context"}"#, SQUARE);
    let e = load_layer("countries-x.geojson", &text, LayerKind::Countries).unwrap_err();
    assert!(e[0].message.starts_with("no focus country"), "{}", e[0]);
    let text = one_feature(r#"{"a3":"IRQ","name":"Iraq","role":"focus"}"#, SQUARE);
    assert!(load_layer("countries-x.geojson", &text, LayerKind::Countries).is_ok());
}
