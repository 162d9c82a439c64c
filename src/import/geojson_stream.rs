//! A GeoJSON FeatureCollection read feature by feature. Read whole, a 100 MB file became a tree of JSON
//! values taking 1.75 GB (every coordinate a boxed value); here only the text, the records and one
//! feature's values are held at a time, so memory stays near the file's size.

use std::fmt;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::Parsed;
use super::geojson_time::{Detected, add_feature, add_notes, records};

/// The collection being read.
struct Collection<'a> {
    file: &'a Path,
    parsed: Parsed,
    detected: Detected,
    kind: Option<String>,
    /// A key of another JSON format (TimelineJS, StoryMapJS): not a GeoJSON file.
    other_format: bool,
    features_read: bool,
}

/// Reads `text` as a FeatureCollection, one feature at a time. `None` when it is something else (another
/// JSON format, a single Feature, a collection without a `features` array, or not valid JSON): the
/// caller then reads it whole, which also gives the usual messages for broken files.
pub fn features(file: &Path, text: &str) -> Option<Parsed> {
    let mut c = Collection {
        file,
        parsed: Parsed::new(records()),
        detected: Detected::default(),
        kind: None,
        other_format: false,
        features_read: false,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    (&mut c).deserialize(&mut de).ok()?;
    de.end().ok()?;
    if c.other_format || !c.features_read || c.kind.as_deref() != Some("FeatureCollection") {
        return None;
    }
    add_notes(&mut c.parsed, &c.detected);
    Some(c.parsed)
}

impl<'de> DeserializeSeed<'de> for &mut Collection<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Collection<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => self.kind = map.next_value::<Value>()?.as_str().map(str::to_owned),
                "features" => {
                    map.next_value_seed(Features(self))?;
                    self.features_read = true;
                }
                "events" | "storymap" => {
                    self.other_format = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The `features` array: each element is read, turned into a record and dropped.
struct Features<'c, 'a>(&'c mut Collection<'a>);

impl<'de> DeserializeSeed<'de> for Features<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Features<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of features")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let c = self.0;
        let mut index = 0;
        while let Some(f) = seq.next_element::<Value>()? {
            add_feature(c.file, &mut c.parsed, &mut c.detected, index, &f);
            index += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_whole(text: &str) -> Parsed {
        let doc: Value = serde_json::from_str(text).unwrap_or_default();
        super::super::geojson_time::from_json(Path::new("t.geojson"), &doc).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_collection_read_feature_by_feature_equals_one_read_whole() {
        let text = r#"{"features": [
            {"type": "Feature", "properties": {"date": "1979-11-04", "title": "Embassy"},
             "geometry": {"type": "Point", "coordinates": [51.42, 35.7]}},
            {"type": "Feature", "properties": {"title": "no date"}, "geometry": null},
            {"type": "Feature", "properties": {"year": 1980, "end": "1988-08-20", "name": "War"},
             "geometry": {"type": "Polygon", "coordinates": [[[44, 31], [48, 31], [48, 34], [44, 31]]]}}
        ], "name": "x", "type": "FeatureCollection"}"#;
        let streamed = features(Path::new("t.geojson"), text).unwrap_or_else(|| panic!("not streamed"));
        let whole = read_whole(text);
        assert_eq!(streamed.records, whole.records);
        assert_eq!(streamed.notes, whole.notes);
        assert_eq!(streamed.skipped.count, 1);
        assert_eq!(streamed.skipped.first[0].to_string(), whole.skipped.first[0].to_string());
    }

    #[test]
    fn other_documents_are_left_to_the_whole_reader() {
        let file = Path::new("t.json");
        for text in [
            r#"{"type": "Feature", "properties": {"date": "2000"}, "geometry": null}"#,
            r#"{"events": [], "type": "FeatureCollection", "features": []}"#,
            r#"{"type": "FeatureCollection"}"#,
            r#"{"type": "FeatureCollection", "features": {}}"#,
            r#"{"type": "FeatureCollection", "features": []} trailing"#,
            r#"{"type": "FeatureCollection", "features": [1, 2"#,
        ] {
            assert!(features(file, text).is_none(), "{text}");
        }
    }
}
