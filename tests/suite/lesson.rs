//! Lessons: the bundled sample parses and checks clean against the bundled dataset, files round-trip, bad
//! files give errors with file, line:col and field, and the slide sorter's edits work.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use timeatlas::lesson::{self, ItemKind, Lesson, Slide, SlideItem};
use timeatlas::model::bundled;
use timeatlas::model::dataset::Dataset;
use timeatlas::model::search::Hit;

fn dataset() -> Dataset {
    bundled::dataset(&bundled::atlas().unwrap())
        .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")))
}

fn sample() -> Lesson {
    lesson::sample().unwrap_or_else(|e| panic!("{e}"))
}

fn messages(errors: &[timeatlas::model::LoadError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn sample_parses_and_validates_against_the_bundled_dataset() {
    let l = sample();
    let errors = lesson::validate(&l, &dataset(), "sample");
    assert!(errors.is_empty(), "{}", messages(&errors));
    assert_eq!(l.title, "From 1953 to 2020: the US and Iran in twelve slides");
    assert!(!l.description.is_empty());
}

#[test]
fn sample_has_twelve_slides_in_date_order_ending_in_january_2020() {
    let l = sample();
    assert_eq!(l.slides.len(), 12);
    let days: Vec<f64> = l.slides.iter().map(|s| s.day().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "{:?}", l.slides.iter().map(|s| &s.date).collect::<Vec<_>>());
    assert!(l.slides[0].date.starts_with("1953"));
    let jan_2020 = |s: &Slide| s.date.starts_with("2020-01");
    assert!(l.slides[10..].iter().all(jan_2020), "the last two slides are in January 2020");
    let last = l.slides.last().unwrap();
    assert_eq!(last.date, "2020-01-08");
    assert_eq!(l.slides[10].selected, Some(SlideItem { kind: ItemKind::Event, id: "soleimani-killed-2020".into() }));
}

#[test]
fn every_sample_slide_has_a_source_a_caption_and_a_selection_from_the_dataset() {
    let d = dataset();
    for s in sample().slides {
        assert!(!s.sources.is_empty(), "{}", s.title);
        assert!(s.sources.iter().all(|src| src.url.starts_with("http") && !src.title.is_empty()), "{}", s.title);
        let sentences = s.caption.matches(". ").count() + 1;
        assert!((2..=5).contains(&sentences), "{}: {sentences} sentences", s.title);
        let item = s.selected.as_ref().unwrap();
        // Every source is copied from the dataset, never invented.
        let known = |url: &str| {
            d.events.iter().flat_map(|e| &e.sources).any(|x| x.url == url)
                || d.relations.iter().flat_map(|r| &r.sources).any(|x| x.url == url)
                || d.groups.iter().flat_map(|g| &g.sources).any(|x| x.url == url)
        };
        for src in &s.sources {
            assert!(known(&src.url), "{}: {} is not a dataset source", s.title, src.url);
        }
        // The selected record's own first source is among the slide's sources.
        let first = match item.kind {
            ItemKind::Event => d.event(&item.id).unwrap().sources[0].url.clone(),
            ItemKind::Relation => d.relation(&item.id).unwrap().sources[0].url.clone(),
            ItemKind::Group | ItemKind::Position => continue,
        };
        assert!(s.sources.iter().any(|x| x.url == first), "{}", s.title);
    }
}

#[test]
fn sample_keeps_clear_of_contradicted_claims() {
    let l = sample();
    let all: String = l.slides.iter().map(|s| s.caption.as_str()).collect::<Vec<_>>().join("\n");
    // Switzerland represents only the US in Iran; Iran is represented in the US by another state.
    let swiss = l.slides.iter().find(|s| s.selected.as_ref().is_some_and(|i| i.id == "pp-che-usa-in-iran")).unwrap();
    assert!(swiss.caption.contains("Pakistan"), "{}", swiss.caption);
    // Relations were broken in April 1980, not 1979; Soleimani commanded the Quds Force, not the whole IRGC.
    assert!(swiss.caption.contains("7 April 1980"));
    assert!(!all.contains("head of the Revolutionary Guards"));
    assert!(all.contains("commander of the Quds Force"));
}

#[test]
fn json_round_trip_is_equal() {
    let l = sample();
    let text = lesson::to_json(&l).unwrap();
    assert!(text.starts_with("{\n  \"format\": \"timeatlas-lesson\",\n  \"version\": 1,"), "{}", &text[..80]);
    assert_eq!(lesson::from_json("again.json", &text).unwrap(), l);
}

#[test]
fn save_and_load_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lesson.json");
    let l = sample();
    lesson::save(&path, &l).unwrap();
    assert_eq!(lesson::load(&path).unwrap(), l);
    let e = lesson::load(&dir.path().join("missing.json")).unwrap_err();
    assert!(e.to_string().contains("missing.json"), "{e}");
}

#[test]
fn a_newer_version_says_so() {
    let text = lesson::file::SAMPLE_TEXT.replacen("\"version\": 1", "\"version\": 2", 1);
    let e = lesson::from_json("new.json", &text).unwrap_err();
    assert_eq!(
        e.to_string(),
        "new.json:3:14: error: field `version`: written by a newer TimeAtlas (version 2); this version reads version 1"
    );
    let text = lesson::file::SAMPLE_TEXT.replacen("\"version\": 1", "\"version\": 0", 1);
    let e = lesson::from_json("old.json", &text).unwrap_err();
    assert!(e.message.contains("lesson files start at version 1"), "{e}");
}

#[test]
fn corrupted_files_name_file_line_and_column() {
    let full = lesson::file::SAMPLE_TEXT;
    // Truncated in the middle.
    let mut n = full.len() / 2;
    while !full.is_char_boundary(n) {
        n -= 1;
    }
    let cut = &full[..n];
    let e = lesson::from_json("cut.json", cut).unwrap_err();
    let (line, _) = e.place.line_col.unwrap();
    assert_eq!(line, cut.matches('\n').count() + 1, "{e}");
    assert!(e.to_string().starts_with(&format!("cut.json:{line}:")), "{e}");
    assert!(e.message.contains("not valid JSON"), "{e}");
    // A number where a string belongs, in the fourth slide.
    let l = sample();
    let date = format!("\"date\": \"{}\"", l.slides[3].date);
    let bad = full.replacen(&date, "\"date\": 1980", 1);
    let e = lesson::from_json("bad.json", &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("lesson.slides[3].date"), "{e}");
    let line = bad.lines().position(|l| l.contains("\"date\": 1980")).unwrap() + 1;
    assert_eq!(e.place.line_col.map(|(l, _)| l), Some(line), "{e}");
    assert!(e.to_string().starts_with(&format!("bad.json:{line}:")), "{e}");
    assert!(e.message.contains("expected a string"), "{e}");
    // Not a lesson at all.
    let e = lesson::from_json("events.geojson", "{\"type\": \"FeatureCollection\"}").unwrap_err();
    assert!(e.message.contains("not a TimeAtlas lesson"), "{e}");
}

#[test]
fn validate_catches_a_missing_event_and_a_bad_date() {
    let d = dataset();
    let mut l = sample();
    l.slides[2].selected = Some(SlideItem { kind: ItemKind::Event, id: "no-such-event".into() });
    l.slides[5].date = "1988-02-30".into();
    l.slides[7].play_to = Some("2015-07-01".into());
    l.slides[8].sources.clear();
    let errors = lesson::validate(&l, &d, "edited.json");
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        [
            "lesson.slides[2].selected.id",
            "lesson.slides[5].date",
            "lesson.slides[7].play_to",
            "lesson.slides[8].sources"
        ],
        "{}",
        messages(&errors)
    );
    let missing = errors[0].to_string();
    assert!(missing.starts_with("edited.json: error: "), "{missing}");
    assert!(missing.contains("no event with id \"no-such-event\""), "{missing}");
    assert!(errors[1].message.contains("not a day of the calendar"), "{}", errors[1]);
    // A relation that does not exist is caught too; a real one passes.
    l = sample();
    l.slides[3].selected = Some(SlideItem::from_hit(&Hit::Relation("pp-xxx".into())));
    assert_eq!(lesson::validate(&l, &d, "x").len(), 1);
    l.slides[3].selected = Some(SlideItem::from_hit(&Hit::Position("us-embassy-tehran".into())));
    assert!(lesson::validate(&l, &d, "x").is_empty());
}

#[test]
fn move_duplicate_remove_and_insert() {
    let mut l = sample();
    let titles = |l: &Lesson| l.slides.iter().map(|s| s.title.clone()).collect::<Vec<_>>();
    let before = titles(&l);
    assert!(l.move_slide(11, 0));
    assert_eq!(titles(&l)[0], before[11]);
    assert_eq!(titles(&l)[1], before[0]);
    assert!(l.move_slide(0, 11));
    assert_eq!(titles(&l), before);
    assert!(!l.move_slide(12, 0));
    assert!(!l.move_slide(0, 12));
    assert_eq!(titles(&l), before);

    assert!(l.duplicate(4));
    assert_eq!(l.slides.len(), 13);
    assert_eq!(l.slides[4], l.slides[5]);
    assert!(!l.duplicate(13));
    assert!(l.remove(5));
    assert_eq!(titles(&l), before);
    assert!(!l.remove(12));

    assert!(l.insert(12, Slide::new("The end", "2020-01-09")));
    assert_eq!(l.slides[12].title, "The end");
    assert!(!l.insert(14, Slide::new("Nowhere", "2020")));
    assert_eq!(l.slides.len(), 13);
}

#[test]
fn slide_items_map_to_search_hits() {
    let item = SlideItem { kind: ItemKind::Relation, id: "pp-che-usa-in-iran".into() };
    assert_eq!(item.to_hit(), Hit::Relation("pp-che-usa-in-iran".into()));
    assert_eq!(SlideItem::from_hit(&item.to_hit()), item);
}

#[test]
fn a_slide_with_filters_and_every_shape_parses() {
    let text = r#"{
  "format": "timeatlas-lesson",
  "version": 1,
  "lesson": {
    "title": "Shapes",
    "slides": [
      {
        "title": "All of them",
        "date": "1991",
        "filters": {
          "hidden_kinds": ["protest", "politics"],
          "hidden_confidence": ["disputed"],
          "country": "IRQ",
          "actor": null,
          "show_events": true,
          "show_groups": false,
          "show_positions": true
        },
        "annotations": [
          {"id": 1, "shape": {"kind": "text", "at": {"lon": 44.4, "lat": 33.3}, "text": "Baghdad"}},
          {"id": 2, "shape": {"kind": "marker", "at": {"lon": 44.4, "lat": 33.3}, "number": 1},
           "style": {"color": "sky-blue", "stroke_width": 2.0, "font_size": 30.0}},
          {"id": 3, "shape": {"kind": "country", "iso_a3": "KWT"}}
        ],
        "sources": [{"url": "https://example.org/a", "title": "A"}]
      }
    ]
  }
}"#;
    let l = lesson::from_json("shapes.json", text).unwrap_or_else(|e| panic!("{e}"));
    let s = &l.slides[0];
    assert_eq!(s.filters.country.as_deref(), Some("IRQ"));
    assert!(!s.filters.show_groups);
    assert_eq!(s.annotations.len(), 3);
    assert!(s.show_provinces && s.show_cities);
    assert_eq!(s.duration_s, 10.0);
    assert_eq!(lesson::from_json("again.json", &lesson::to_json(&l).unwrap()).unwrap(), l);
}
