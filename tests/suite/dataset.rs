//! The bundled content: `check` is clean, each kind of mistake is caught in a broken copy with its
//! file, line and field, and key facts are pinned.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use timeatlas::TimeAtlasApp;
use timeatlas::app::StartOptions;
use timeatlas::check::check_paths;
use timeatlas::export::{ExportFormat, ExportOptions, ExportView, Exporter};
use timeatlas::map::content::ContentIndex;
use timeatlas::model::GeoPoint;
use timeatlas::model::bundled;
use timeatlas::model::dataset::{Covers, Dataset, PositionRole};
use timeatlas::model::date::Presence;
use timeatlas::model::geo::GeoBox;
use timeatlas::model::search::Hit;
use timeatlas::time::parse_day;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn dataset() -> Dataset {
    bundled::dataset(&bundled::atlas().unwrap())
        .unwrap_or_else(|e| panic!("{}", e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")))
}

#[test]
fn check_of_data_folder_is_clean_and_meets_the_counts() {
    let report = check_paths(&[data_dir()]);
    let errors: Vec<String> = report.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let count = |what: &str| report.stats.iter().find(|(w, _)| w == what).map(|(_, n)| *n).unwrap();
    assert!(count("events") >= 80);
    assert!(count("US positions") >= 12);
    assert!(count("armed groups") >= 10);
    assert!(count("protecting-power relations") >= 12);
}

#[test]
fn every_event_spans_1953_to_today_and_has_sources() {
    let d = dataset();
    assert_eq!(d.events.first().unwrap().date.to_string().get(..4), Some("1953"));
    assert!(d.events.last().unwrap().date.first_day() >= day("2025-01-01"));
    for e in &d.events {
        assert!(!e.sources.is_empty() && e.summary.len() > 40, "{}", e.id);
    }
    // Sorted by date.
    assert!(d.events.windows(2).all(|w| w[0].date.first_day() <= w[1].date.first_day()));
}

#[test]
fn key_facts() {
    let d = dataset();
    let soleimani = d
        .events
        .iter()
        .find(|e| e.title.contains("Soleimani") && e.kind == timeatlas::model::dataset::EventKind::Strike)
        .unwrap();
    assert_eq!(soleimani.date.to_string(), "2020-01-03");
    let at = soleimani.at.unwrap();
    assert!((at.lat - 33.26).abs() < 0.1 && (at.lon - 44.23).abs() < 0.1, "Baghdad airport: {at:?}");

    let hostages = d.event("us-embassy-hostage-crisis-1979").unwrap();
    assert_eq!(hostages.date.to_string(), "1979-11-04");
    assert_eq!(hostages.end.unwrap().to_string(), "1981-01-20");

    let iran_in_us = |protecting: &str| {
        d.relations.iter().find(|r| r.protecting == protecting && r.represented == "IRN" && r.host == "USA").unwrap()
    };
    let pakistan = iran_in_us("PAK");
    let algeria = iran_in_us("DZA");
    assert_eq!(pakistan.span.start.first_day().format("%Y").to_string(), "1992");
    assert!(pakistan.span.end.is_none(), "Pakistan still represents Iran in the US");
    assert!(algeria.span.covers(day("1985-01-01")) && !pakistan.span.covers(day("1985-01-01")));
    assert!(!algeria.span.covers(day("1993-01-01")) && pakistan.span.covers(day("1993-01-01")));

    let swiss =
        d.relations.iter().find(|r| r.protecting == "CHE" && r.represented == "USA" && r.host == "IRN").unwrap();
    assert_eq!(swiss.covers, Covers::ProtectingPower);
    assert!(swiss.span.covers(day("1990-01-01")) && swiss.span.covers(day("2026-01-01")));
}

#[test]
fn the_k1_to_ps752_chain_is_linked() {
    let d = dataset();
    let chain = [
        "k1-air-base-attack-2019",
        "us-strikes-kataib-hezbollah-2019",
        "us-embassy-baghdad-stormed-2019",
        "soleimani-killed-2020",
    ];
    for pair in chain.windows(2) {
        let later = d.event(pair[1]).unwrap_or_else(|| panic!("{} missing", pair[1]));
        assert!(later.causes.iter().any(|c| c == pair[0]), "{} should follow from {}", pair[1], pair[0]);
    }
    let ps752 = d.events.iter().find(|e| e.id.contains("ps752")).unwrap();
    let strikes = d.event("iran-missile-strikes-ain-al-asad-2020").unwrap();
    assert!(strikes.causes.iter().any(|c| c == "soleimani-killed-2020"), "{:?}", strikes.causes);
    assert!(ps752.causes.iter().any(|c| c == &strikes.id), "{:?}", ps752.causes);
}

#[test]
fn essay_claims_are_checked_not_shown_as_fact() {
    let d = dataset();
    let spain = d.claims.iter().find(|c| c.claim.contains("Spain") && c.claim.contains("Argentina")).unwrap();
    assert_eq!(format!("{:?}", spain.verdict), "Contradicted");
    // No relation has Spain representing the UK in Argentina.
    assert!(!d.relations.iter().any(|r| r.protecting == "ESP" && r.represented == "GBR"));
    assert!(d.relations.iter().any(|r| r.protecting == "CHE" && r.represented == "GBR" && r.host == "ARG"));
    assert!(!d.relations.iter().any(|r| r.protecting == "ARG" && r.represented == "CUB"));
}

/// Copies the content files of data/ to a temporary folder, applies `mutate` to one file's text, runs
/// the checker and returns its error lines.
fn check_broken(file: &str, mutate: impl FnOnce(String) -> String) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_owned();
        if timeatlas::model::dataset_load::DataFileKind::for_file_name(&name).is_some() {
            std::fs::copy(&p, dir.path().join(&name)).unwrap();
        }
    }
    let target = dir.path().join(file);
    let text = std::fs::read_to_string(&target).unwrap();
    let changed = mutate(text.clone());
    assert_ne!(changed, text, "the mutation changed nothing");
    std::fs::write(&target, changed).unwrap();
    let report = check_paths(&[dir.path().to_path_buf()]);
    report.errors.iter().map(ToString::to_string).collect()
}

/// Edits a JSON file as data (so the edit finds its record whatever the formatting) and writes it
/// pretty-printed again, as the data files are.
fn edit_json(text: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// The feature (event, group or position) with this id in a GeoJSON value.
fn feature_with_id<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
    v["features"].as_array_mut().unwrap().iter_mut().find(|f| f["properties"]["id"] == id).unwrap()
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not found");
    text.replacen(from, to, 1)
}

/// One error names the file, a line number, and contains `needle`.
fn expect_one(lines: &[String], file: &str, needle: &str) {
    let located = |l: &String| {
        l.split(file)
            .nth(1)
            .and_then(|rest| rest.strip_prefix(':'))
            .and_then(|rest| rest.split(':').next())
            .is_some_and(|n| n.parse::<usize>().is_ok())
    };
    assert!(
        lines.iter().any(|l| located(l) && l.contains(needle)),
        "no `{file}:LINE:COL` error containing {needle:?} in:\n{}",
        lines.join("\n")
    );
}

#[test]
fn broken_copies_are_caught() {
    let l =
        check_broken("events.geojson", |t| replace_once(&t, "\"date\": \"2020-01-03\"", "\"date\": \"2020-13-03\""));
    expect_one(&l, "events.geojson", "field `properties.date`: \"2020-13-03\" is not a day of the calendar");

    let l = check_broken("events.geojson", |t| {
        replace_once(&t, "\"id\": \"soleimani-killed-2020\"", "\"id\": \"k1-air-base-attack-2019\"")
    });
    expect_one(&l, "events.geojson", "duplicate id \"k1-air-base-attack-2019\"");

    let l = check_broken("relations.json", |t| replace_once(&t, "\"end\": \"1992\"", "\"end\": \"1975\""));
    expect_one(&l, "relations.json", "expected the end (1975) not to be before the start");

    let l = check_broken("events.geojson", |t| replace_once(&t, "\"qasem-soleimani\"", "\"qassem-soleimany\""));
    expect_one(&l, "events.geojson", "unknown actor \"qassem-soleimany\"");

    let l = check_broken("events.geojson", |t| replace_once(&t, "\"IRQ\"", "\"IRAQ\""));
    expect_one(&l, "events.geojson", "unknown country code \"IRAQ\"");

    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            feature_with_id(v, "k1-air-base-attack-2019")["properties"]["causes"] =
                serde_json::json!(["ps752-shot-down-2020"]);
        })
    });
    expect_one(&l, "events.geojson", "cause \"ps752-shot-down-2020\" (2020-01-08) is later than this event");

    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            feature_with_id(v, "soleimani-killed-2020")["properties"]["causes"] = serde_json::json!(["no-such-event"]);
        })
    });
    expect_one(&l, "events.geojson", "unknown event \"no-such-event\"");

    let l = check_broken("actors.json", |t| replace_once(&t, "\"url\": \"http", "\"url\": \"ftp"));
    expect_one(&l, "actors.json", "expected an http:// or https:// address");

    // An address with no host is not a web page either (the probe's `https://`).
    let l = check_broken("actors.json", |t| {
        edit_json(&t, |v| v["actors"][3]["sources"][0]["url"] = serde_json::json!("https://"))
    });
    expect_one(&l, "actors.json", "expected an address with a host name");

    let l = check_broken("actors.json", |t| edit_json(&t, |v| v["actors"][3]["sources"] = serde_json::json!([])));
    expect_one(&l, "actors.json", "expected at least one source");

    let l = check_broken("groups.geojson", |t| {
        replace_once(&t, "\"confidence\": \"confirmed\"", "\"confidence\": \"probably\"")
    });
    expect_one(&l, "groups.geojson", "field `properties.confidence`: unknown variant `probably`");

    let l = check_broken("positions.geojson", |t| replace_once(&t, "\"sources\": [", "\"unused\": 1, \"sources\": ["));
    expect_one(&l, "positions.geojson", "unknown field `unused`");

    // Coordinates swapped: Baghdad as [33.34, 44.40] lands outside the region box.
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            feature_with_id(v, "soleimani-killed-2020")["geometry"]["coordinates"] = serde_json::json!([33.26, 44.23]);
        })
    });
    expect_one(&l, "events.geojson", "are lon and lat swapped?");

    let l = check_broken("claims.json", |t| replace_once(&t, "\"related\": [", "\"related\": [\"nothing-here\", "));
    expect_one(&l, "claims.json", "unknown id \"nothing-here\"");

    let l = check_broken("eras.json", |t| t.replacen('{', "[", 1));
    expect_one(&l, "eras.json", "not valid JSON");
}

#[test]
fn broken_areas_and_spans_are_caught() {
    // An ISIS area dated before the group existed.
    let l = check_broken("groups.geojson", |t| {
        edit_json(&t, |v| feature_with_id(v, "isis")["properties"]["areas"][0]["start"] = serde_json::json!("1985"))
    });
    expect_one(&l, "groups.geojson", "within one of the group's active spans");
    // An area's ring left open: located inside properties.areas.
    let l = check_broken("groups.geojson", |t| {
        edit_json(&t, |v| {
            let ring = &mut feature_with_id(v, "sdf")["properties"]["areas"][1]["geometry"]["coordinates"][0];
            ring.as_array_mut().unwrap().pop();
        })
    });
    expect_one(&l, "groups.geojson", "field `properties.areas.1.geometry.coordinates.0`: expected a closed ring");
    // A geometry left on the feature instead of in a dated area.
    let l = check_broken("groups.geojson", |t| {
        edit_json(&t, |v| {
            let f = feature_with_id(v, "houthis");
            f["geometry"] = f["properties"]["areas"][0]["geometry"].clone();
        })
    });
    expect_one(&l, "groups.geojson", "expected null: a group's areas are dated");
    // Overlapping spans of a position; an unknown kind.
    let l = check_broken("positions.geojson", |t| {
        edit_json(&t, |v| {
            feature_with_id(v, "camp-taji")["properties"]["spans"][1]["start"] = serde_json::json!("2010");
        })
    });
    expect_one(&l, "positions.geojson", "expected this span to start after the previous one ends");
    let l = check_broken("positions.geojson", |t| {
        edit_json(&t, |v| feature_with_id(v, "camp-taji")["properties"]["kind"] = serde_json::json!("consulate"))
    });
    expect_one(&l, "positions.geojson", "expected one of embassy, interests-section");
}

#[test]
fn causal_cycles_are_caught() {
    // Two same-day events made each other's cause (same day passes the "not later" rule).
    let lines = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            feature_with_id(v, "iran-missile-strikes-ain-al-asad-2020")["properties"]["causes"] =
                serde_json::json!(["soleimani-killed-2020", "ps752-shot-down-2020"]);
        })
    });
    expect_one(&lines, "events.geojson", "causes form a cycle");
}

#[test]
fn a_lone_events_file_is_checked_against_the_bundled_tables() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data_dir().join("events.geojson"), dir.path().join("events.geojson")).unwrap();
    let lines: Vec<String> =
        check_paths(&[dir.path().join("events.geojson")]).errors.iter().map(ToString::to_string).collect();
    assert!(lines.is_empty(), "{}", lines.join("\n"));
}

#[test]
fn a_wrong_typed_record_array_is_located_at_its_key() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("eras.json"), "{\n  \"note\": 1,\n  \"eras\": {}\n}\n").unwrap();
    let lines: Vec<String> = check_paths(&[dir.path().to_path_buf()]).errors.iter().map(ToString::to_string).collect();
    assert!(
        lines.iter().any(|l| l.contains("eras.json:3:11: error: field `eras`: expected a `eras` array")),
        "{}",
        lines.join("\n")
    );
}

/// Every bundled record with sources: (id, sources).
fn records(d: &Dataset) -> Vec<(&str, &[timeatlas::model::dataset::Source])> {
    d.events
        .iter()
        .map(|r| (r.id.as_str(), r.sources.as_slice()))
        .chain(d.actors.iter().map(|r| (r.id.as_str(), r.sources.as_slice())))
        .chain(d.groups.iter().map(|r| (r.id.as_str(), r.sources.as_slice())))
        .chain(d.positions.iter().map(|r| (r.id.as_str(), r.sources.as_slice())))
        .chain(d.relations.iter().map(|r| (r.id.as_str(), r.sources.as_slice())))
        .chain(d.claims.iter().map(|r| (r.id.as_str(), r.sources.as_slice())))
        .chain(d.eras.iter().map(|r| (r.id.as_str(), r.sources.as_slice())))
        .collect()
}

/// Every source of every bundled record: (record id, url).
fn all_sources(d: &Dataset) -> Vec<(&str, &str)> {
    records(d).into_iter().flat_map(|(id, sources)| sources.iter().map(move |s| (id, s.url.as_str()))).collect()
}

#[test]
fn publishers_file_covers_every_cited_domain_and_no_source_is_uncitable() {
    use timeatlas::model::publishers::{self, Tier};
    let table = publishers::bundled().unwrap();
    let d = dataset();
    let sources = all_sources(&d);
    assert!(sources.len() > 500, "{} sources", sources.len());
    let mut problems = Vec::new();
    for (id, url) in &sources {
        let c = table.cite(url);
        match c.tier() {
            None => problems.push(format!("{id}: {url} has no publisher in data/publishers.json")),
            Some(Tier::Never) => problems.push(format!("{id}: {url} is not citable")),
            Some(_) => {}
        }
        // Wikipedia is cited at its canonical address only.
        let host = publishers::host_of(url).unwrap_or_default();
        if host.contains("wiki") && !["en.wikipedia.org", "en.wikinews.org", "simple.wikipedia.org"].contains(&host) {
            problems.push(format!("{id}: {url} is not a canonical Wikimedia address"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_bundled_record_has_reputable_support_or_says_it_has_none() {
    use timeatlas::model::dataset::Confidence;
    let table = timeatlas::model::publishers::bundled().unwrap();
    let d = dataset();
    let reputable =
        |sources: &[timeatlas::model::dataset::Source]| sources.iter().any(|s| table.cite(&s.url).is_reputable());
    let mut weak: Vec<String> = Vec::new();
    for e in &d.events {
        if !reputable(&e.sources) {
            // Only a downgraded record may rest on supporting sources, and its note says so.
            let says = e.note.as_deref().is_some_and(|n| n.contains("No reputable"));
            assert!(e.confidence == Confidence::Reported && says, "{}: no reputable source", e.id);
            weak.push(e.id.clone());
        }
    }
    let events: Vec<&str> = d.events.iter().map(|e| e.id.as_str()).collect();
    for (id, sources) in records(&d).into_iter().filter(|(id, _)| !events.contains(id)) {
        assert!(reputable(sources), "{id}: no reputable source");
    }
    assert_eq!(weak, ["un-snapback-sanctions-2025"], "records resting on supporting sources only");
}

#[test]
fn the_source_policy_is_enforced_on_broken_copies() {
    // A Wikipedia mirror beside a reputable source is still reported, at its url.
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            let s = &mut feature_with_id(v, "soleimani-killed-2020")["properties"]["sources"];
            s.as_array_mut()
                .unwrap()
                .push(serde_json::json!({"url": "http://piglix.com/piglix/Qasem_Soleimani", "title": "copy"}));
        })
    });
    expect_one(&l, "events.geojson", "(\"soleimani-killed-2020\"): field `properties.sources.");
    expect_one(&l, "events.geojson", "not a citable source: piglix is copy of Wikipedia");

    // State media of a party alone.
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            feature_with_id(v, "iran-air-655-shot-down-1988")["properties"]["sources"] = serde_json::json!([{"url": "https://old.iranpress.com/iran-i149244-unfinished_flight", "title": "Iran Press"}]);
        })
    });
    expect_one(
        &l,
        "events.geojson",
        "state media of a party (Iran Press) used without an independent reputable source",
    );

    // Supporting sources alone on a confirmed record, and an unlisted publisher.
    let l = check_broken("actors.json", |t| {
        edit_json(&t, |v| {
            v["actors"][0]["sources"] = serde_json::json!([
                {"url": "https://www.longwarjournal.org/a", "title": "LWJ"},
                {"url": "https://unlisted.example/b", "title": "?"}
            ]);
        })
    });
    expect_one(&l, "actors.json", "no reputable source");
    expect_one(&l, "actors.json", "publisher of unlisted.example is not listed in data/publishers.json");

    // A bare IP address.
    let l = check_broken("eras.json", |t| {
        replace_once(&t, "\"url\": \"https://en.wikipedia.org/", "\"url\": \"http://198.51.100.7/")
    });
    expect_one(&l, "eras.json", "not a citable source: a bare IP address");
}

#[test]
fn a_folder_may_list_its_own_publishers() {
    let dir = tempfile::tempdir().unwrap();
    let events = std::fs::read_to_string(data_dir().join("events.geojson")).unwrap();
    let events = edit_json(&events, |v| {
        feature_with_id(v, "soleimani-killed-2020")["properties"]["sources"] =
            serde_json::json!([{"url": "https://news.school.example/a", "title": "School paper"}]);
    });
    std::fs::write(dir.path().join("events.geojson"), events).unwrap();
    let unlisted: Vec<String> =
        check_paths(&[dir.path().to_path_buf()]).errors.iter().map(ToString::to_string).collect();
    expect_one(&unlisted, "events.geojson", "publisher of news.school.example is not listed");
    std::fs::write(
        dir.path().join("publishers.json"),
        r#"{"publishers": [{"domain": "school.example", "name": "Our school paper", "tier": "reputable"}]}"#,
    )
    .unwrap();
    let listed = check_paths(&[dir.path().to_path_buf()]);
    assert!(listed.errors.is_empty(), "{:?}", listed.errors);
}

// ---- The right picture at every date: the state of named items at named dates. -----------------------

/// The content index as the app builds it, with a fixed "today".
fn index(d: &Dataset) -> ContentIndex {
    ContentIndex::build(d, parse_day("2026-11-21").unwrap())
}

fn day_number(date: &str) -> f64 {
    parse_day(date).unwrap()
}

fn group_index(d: &Dataset, id: &str) -> usize {
    d.groups.iter().position(|g| g.id == id).unwrap_or_else(|| panic!("no group {id}"))
}

fn position_at(d: &Dataset, index: &ContentIndex, id: &str, date: &str) -> Presence {
    let i = d.positions.iter().position(|p| p.id == id).unwrap_or_else(|| panic!("no position {id}"));
    index.position_presence(i, parse_day(date).unwrap())
}

/// The longitude and latitude box of every vertex of the group's areas drawn at `date`.
fn drawn_box(d: &Dataset, index: &ContentIndex, id: &str, date: &str) -> Option<GeoBox> {
    let g = d.groups.iter().find(|g| g.id == id).unwrap();
    let shown: Vec<usize> =
        index.group_areas_at(group_index(d, id), day_number(date)).into_iter().map(|(a, _)| a).collect();
    let spans: Vec<_> = shown.iter().map(|&a| index.group_area_spans[a].1).collect();
    let points = g.areas.iter().filter(|a| spans.contains(&a.span)).flat_map(|a| a.polygons.iter());
    GeoBox::around(points.flat_map(|p| p.exterior.iter().copied()))
}

#[test]
fn the_caliphate_is_drawn_only_while_it_held_ground_and_shrinks_year_by_year() {
    let d = dataset();
    let index = index(&d);
    let isis = group_index(&d, "isis");
    let shown = |date: &str| index.group_areas_at(isis, parse_day(date).unwrap());
    for date in ["1985-06-01", "2014-06-01", "2019-12-15", "2020-01-03", "2024-01-01"] {
        assert!(shown(date).is_empty(), "no ISIS area on {date}: {:?}", shown(date));
    }
    // The group is still active after Baghuz (an insurgency), but holds no drawn ground.
    assert!(index.group_active(isis, parse_day("2020-01-03").unwrap()));
    let width = |date: &str| {
        let b = drawn_box(&d, &index, "isis", date).unwrap_or_else(|| panic!("an ISIS area on {date}"));
        b.max.lon - b.min.lon
    };
    let (y2014, y2015, y2017, y2018) =
        (width("2014-09-01"), width("2015-06-01"), width("2017-09-01"), width("2018-06-01"));
    assert!(y2014 > 5.0 && y2015 > 5.0, "the 2014-15 caliphate spans Syria and Iraq: {y2014}, {y2015}");
    assert!(y2017 < y2015 && y2018 < y2017 && y2018 < 1.0, "it shrinks: {y2015} > {y2017} > {y2018}");
    // Tikrit (lost March-April 2015) is inside the 2014 area and outside the 2015 one.
    let tikrit = GeoPoint::lon_lat(43.68, 34.6);
    let area_at = |date: &str| d.groups[isis].areas.iter().find(|a| a.span.covers(day(date))).unwrap();
    assert!(area_at("2014-09-01").polygons.iter().any(|p| p.contains(tikrit)));
    assert!(!area_at("2015-06-01").polygons.iter().any(|p| p.contains(tikrit)));
}

#[test]
fn iran_backed_areas_are_not_drawn_over_saddams_iraq() {
    let d = dataset();
    let index = index(&d);
    // Iraq's box (Natural Earth): 38.8-48.6 E, 29.1-37.4 N.
    let in_iraq_box = |p: &GeoPoint| (38.8..=48.6).contains(&p.lon) && (29.1..=37.4).contains(&p.lat);
    for date in ["1985-06-01", "1991-03-01", "2003-03-22"] {
        for (i, g) in d.groups.iter().enumerate().filter(|(_, g)| g.backing.iter().any(|b| b == "IRN")) {
            for (a, _) in index.group_areas_at(i, parse_day(date).unwrap()) {
                let (_, span) = index.group_area_spans[a];
                let area = g.areas.iter().find(|x| x.span == span).unwrap();
                let over_iraq = area.polygons.iter().flat_map(|p| p.exterior.iter()).any(in_iraq_box);
                assert!(!over_iraq, "{} drawn over Iraq on {date} ({})", g.id, span.long());
            }
        }
    }
    let badr = group_index(&d, "badr-organization");
    let quds = group_index(&d, "irgc-quds-force");
    assert!(index.group_areas_at(badr, parse_day("1985-06-01").unwrap()).is_empty(), "Badr fought from Iran");
    assert!(index.group_areas_at(quds, parse_day("1985-06-01").unwrap()).is_empty(), "Quds Force from 1988");
    assert!(!index.group_areas_at(quds, parse_day("1991-03-01").unwrap()).is_empty(), "Lebanon, from 1988");
    // On the ground in Iraq after 2014: Badr with the PMF, Quds Force advisers at Samarra and Tikrit.
    for id in ["badr-organization", "irgc-quds-force"] {
        let b = drawn_box(&d, &index, id, "2015-03-10").unwrap();
        assert!(b.min.lon < 44.0 && b.max.lon > 44.5 && b.min.lat < 33.5, "{id} around Baghdad in 2015: {b:?}");
    }
}

#[test]
fn every_group_area_lies_within_the_groups_active_spans() {
    let d = dataset();
    for g in &d.groups {
        for a in &g.areas {
            assert!(g.active.iter().any(|s| s.contains(a.span)), "{}: area {} outside its spans", g.id, a.span.long());
            assert!(!a.note.trim().is_empty() && !a.polygons.is_empty(), "{}", g.id);
        }
    }
}

#[test]
fn us_positions_appear_from_their_first_opening_and_only_while_open() {
    let d = dataset();
    let index = index(&d);
    for date in ["1953-06-01", "1979-06-01", "1985-06-01"] {
        for id in ["erbil-air-base", "camp-taji", "al-tanf-garrison", "k1-air-base", "ain-al-asad-air-base"] {
            assert_eq!(position_at(&d, &index, id, date), Presence::NotYet, "{id} on {date}");
        }
    }
    // Two days into the invasion neither Taji nor Q-West was a US base; a month-precise start is faded; the
    // Tehran embassy stopped being one when it was seized on 4 Nov 1979 (hostages held until 20 Jan 1981).
    use Presence::{Ended, NotYet, Present, Uncertain};
    let states = [
        ("camp-taji", "2003-03-22", NotYet),
        ("qayyarah-airfield-west", "2003-03-22", NotYet),
        ("camp-taji", "2003-04-20", Uncertain),
        ("camp-taji", "2004-06-01", Present),
        ("camp-taji", "2013-01-01", Ended),
        ("qayyarah-airfield-west", "2003-05-23", Present),
        ("qayyarah-airfield-west", "2013-01-01", Ended),
        ("us-embassy-tehran", "1979-11-03", Present),
        ("us-embassy-tehran", "1979-11-04", Present),
        ("us-embassy-tehran", "1980-01-15", Ended),
        ("us-interests-section-tehran", "1980-01-15", NotYet),
        ("us-interests-section-tehran", "1990-01-01", Present),
    ];
    for (id, date, expected) in states {
        assert_eq!(position_at(&d, &index, id, date), expected, "{id} on {date}");
    }
}

#[test]
fn diplomatic_posts_and_military_sites_are_told_apart() {
    let d = dataset();
    let role = |id: &str| d.positions.iter().find(|p| p.id == id).unwrap().role();
    assert_eq!(role("us-interests-section-tehran"), PositionRole::Diplomatic);
    assert_eq!(role("us-embassy-baghdad"), PositionRole::Diplomatic);
    assert_eq!(role("camp-taji"), PositionRole::Military);
    assert_eq!(role("nsa-bahrain"), PositionRole::Military);
}

#[test]
fn no_position_span_starts_before_the_previous_one_ends() {
    let d = dataset();
    for p in &d.positions {
        for w in p.spans.windows(2) {
            let end = w[0].end.unwrap_or_else(|| panic!("{}: an open span followed by another", p.id));
            assert!(end.last_day() < w[1].start.first_day(), "{}: spans overlap or are out of order", p.id);
        }
    }
}

/// The SVG export of the opening view on `date`; `card` opens a card first (a relation highlights its states).
fn svg_at(date: &str, card: Option<Hit>) -> String {
    let ctx = egui::Context::default();
    let options = StartOptions {
        fresh: true,
        date: parse_day(date).ok(),
        today: parse_day("2026-11-21").ok(),
        ..Default::default()
    };
    let mut app = TimeAtlasApp::headless(&ctx, options);
    app.card = card;
    let mut scene = app.export_scene();
    scene.view = ExportView::Home;
    let opts = ExportOptions { size_px: [1600, 1000], format: ExportFormat::Svg, ..ExportOptions::default() };
    Exporter::new().svg(&scene, &opts)
}

/// What the SVG export shows on `date`: each named record's id and title.
fn drawn_at(date: &str, card: Option<Hit>) -> BTreeMap<String, String> {
    let svg = svg_at(date, card);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|g| {
            let title = g.first_element_child().filter(|c| c.has_tag_name("title"))?.text()?.to_owned();
            Some((g.attribute("id")?.to_owned(), title))
        })
        .collect()
}

/// The element names inside the record `id` of an SVG document (`rect`, `polygon`, `path`, ...).
fn shapes_of(svg: &str, id: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let g = doc.descendants().find(|n| n.has_tag_name("g") && n.attribute("id") == Some(id));
    g.map(|g| g.descendants().filter(roxmltree::Node::is_element).map(|n| n.tag_name().name().to_owned()).collect())
        .unwrap_or_default()
}

#[test]
fn the_svg_names_what_each_date_shows() {
    let in_1985 = drawn_at("1985-06-01", None);
    for absent in ["isis", "badr-organization", "irgc-quds-force", "erbil-air-base", "camp-taji", "al-tanf-garrison"] {
        assert!(!in_1985.contains_key(absent), "{absent} drawn in 1985");
    }
    assert_eq!(in_1985.get("us-embassy-baghdad").map(String::as_str), Some("US Embassy Baghdad"));
    // Closed in 1984 when the embassy reopened: drawn hollow, as a closed post.
    assert!(in_1985.contains_key("us-interests-section-baghdad-1972"), "{:?}", in_1985.keys().collect::<Vec<_>>());

    let invasion = drawn_at("2003-03-22", None);
    for absent in ["camp-taji", "qayyarah-airfield-west", "badr-organization"] {
        assert!(!invasion.contains_key(absent), "{absent} drawn on 22 Mar 2003");
    }
    // The Quds Force is drawn, but only in Lebanon (the model test above checks it is not over Iraq).
    assert!(invasion.contains_key("irgc-quds-force"));

    let caliphate = drawn_at("2015-06-01", None);
    assert_eq!(caliphate.get("isis").map(String::as_str), Some("Islamic State (ISIS)"));
    for present in ["erbil-air-base", "popular-mobilization-forces", "badr-organization", "irgc-quds-force"] {
        assert!(caliphate.contains_key(present), "{present} missing on 1 Jun 2015");
    }

    let soleimani = drawn_at("2020-01-03", None);
    assert!(!soleimani.contains_key("isis"), "the 2014-15 caliphate is not drawn in January 2020");
    assert!(soleimani.get("soleimani-killed-2020").is_some_and(|t| t.contains("Soleimani")));
    for present in ["kataib-hezbollah", "erbil-air-base", "ain-al-asad-air-base", "us-embassy-baghdad", "k1-air-base"] {
        assert!(soleimani.contains_key(present), "{present} missing on 3 Jan 2020");
    }
}

#[test]
fn embassies_and_bases_have_different_symbols_in_the_svg() {
    let svg = svg_at("2020-01-03", None);
    let embassy = shapes_of(&svg, "us-embassy-baghdad");
    let base = shapes_of(&svg, "ain-al-asad-air-base");
    assert!(embassy.contains(&"polygon".to_owned()) && !embassy.contains(&"rect".to_owned()), "{embassy:?}");
    assert!(base.contains(&"rect".to_owned()) && !base.contains(&"polygon".to_owned()), "{base:?}");
}

#[test]
fn an_open_relation_card_is_named_in_the_svg() {
    let shown = drawn_at("1990-01-01", Some(Hit::Relation("pp-che-usa-in-iran".into())));
    let title = shown.get("pp-che-usa-in-iran").expect("the relation's highlight is a named group");
    assert!(title.starts_with("Switzerland for") && title.ends_with("in Iran"), "{title}");
}

/// Accepted but wrong before issue 18: each is now an error at its record and field.
#[test]
fn blank_names_year_zero_self_protection_and_bad_country_tables_are_errors() {
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| feature_with_id(v, "soleimani-killed-2020")["properties"]["title"] = serde_json::json!("  "))
    });
    expect_one(&l, "events.geojson", "expected a non-blank title");
    let l = check_broken("actors.json", |t| edit_json(&t, |v| v["actors"][2]["name"] = serde_json::json!("")));
    expect_one(&l, "actors.json", "expected a non-blank name");
    let l = check_broken("actors.json", |t| {
        edit_json(&t, |v| v["actors"][2]["name"] = serde_json::json!("x".repeat(1_000_000)))
    });
    expect_one(&l, "actors.json", "expected at most 300 characters, found 1000000");
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| feature_with_id(v, "soleimani-killed-2020")["properties"]["date"] = serde_json::json!("0000"))
    });
    expect_one(&l, "events.geojson", "expected a year from 1800 to 2100, found 0000");
    let l = check_broken("relations.json", |t| {
        edit_json(&t, |v| {
            let r = &mut v["relations"][0];
            r["represented"] = r["protecting"].clone();
        })
    });
    expect_one(&l, "relations.json", "is both `protecting` and `represented`");
    let l = check_broken("countries.json", |t| edit_json(&t, |v| v["countries"][1]["a3"] = serde_json::json!("ZZZZ")));
    expect_one(&l, "countries.json", "expected a code of three uppercase letters like \"IRQ\", found \"ZZZZ\"");
    let l = check_broken("countries.json", |t| {
        edit_json(&t, |v| {
            let first = v["countries"][0]["a3"].clone();
            v["countries"][5]["a3"] = first;
        })
    });
    expect_one(&l, "countries.json", "is listed twice (first as countries[0])");
    // An empty table is reported, not silently replaced by the bundled one.
    let l = check_broken("countries.json", |_| "{\"countries\": []}".to_owned());
    assert!(l.iter().any(|e| e.contains("countries.json: error: no countries listed")), "{}", l.join("\n"));
}
