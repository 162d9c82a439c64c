//! The export credits line names the publishers (from data/publishers.json) of everything the export draws,
//! none left out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use timeatlas::export::frame::attribution_text;
use timeatlas::map::content::ContentIndex;
use timeatlas::model::publishers;

#[test]
fn credits_name_every_publisher_of_what_the_export_draws() {
    let app = common::headless_at("2020-01-03");
    let scene = app.export_scene();
    let window = ContentIndex::fade_window_days(scene.look.timeline_span_days);
    let text = attribution_text(&scene, window, true);
    let table = publishers::bundled().unwrap();
    let (d, index, day) = (&scene.doc.dataset, &scene.doc.content, scene.look.day);

    let mut drawn: Vec<&timeatlas::model::dataset::Source> = Vec::new();
    for (i, _) in index.events_at(day, window) {
        drawn
            .extend(d.events.get(i).filter(|e| scene.look.filters.shows_event(e)).into_iter().flat_map(|e| &e.sources));
    }
    drawn
        .extend(d.groups.iter().enumerate().filter(|(i, _)| index.group_active(*i, day)).flat_map(|(_, g)| &g.sources));
    drawn.extend(
        d.relations.iter().enumerate().filter(|(i, _)| index.relation_active(*i, day)).flat_map(|(_, r)| &r.sources),
    );
    let soleimani = d.event("soleimani-killed-2020").unwrap();
    assert!(drawn.iter().any(|s| soleimani.sources.contains(s)), "the Soleimani strike is drawn on 3 January 2020");
    for s in drawn {
        let name = &table.cite(&s.url).publisher.unwrap().name;
        assert!(text.contains(name.as_str()), "{name} ({}) missing from the credits: {text}", s.url);
    }
    // Names, not domains, and no cut-off list.
    assert!(text.contains("The Guardian") && text.contains("Wikipedia"), "{text}");
    assert!(!text.contains("wikipedia.org") && !text.contains("www."), "{text}");
    assert!(text.matches(", ").count() > 20, "{text}");
}
