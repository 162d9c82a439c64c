//! The bundled content: `check` is clean, each kind of mistake is caught in a broken copy with its
//! file, line and field, and key facts are pinned.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use chrono::NaiveDate;
use timeatlas::check::check_paths;
use timeatlas::model::bundled;
use timeatlas::model::dataset::{Covers, Dataset};

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

fn event_props<'a>(v: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
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
            event_props(v, "k1-air-base-attack-2019")["properties"]["causes"] =
                serde_json::json!(["ps752-shot-down-2020"]);
        })
    });
    expect_one(&l, "events.geojson", "cause \"ps752-shot-down-2020\" (2020-01-08) is later than this event");

    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            event_props(v, "soleimani-killed-2020")["properties"]["causes"] = serde_json::json!(["no-such-event"]);
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
            event_props(v, "soleimani-killed-2020")["geometry"]["coordinates"] = serde_json::json!([33.26, 44.23]);
        })
    });
    expect_one(&l, "events.geojson", "are lon and lat swapped?");

    let l = check_broken("claims.json", |t| replace_once(&t, "\"related\": [", "\"related\": [\"nothing-here\", "));
    expect_one(&l, "claims.json", "unknown id \"nothing-here\"");

    let l = check_broken("eras.json", |t| t.replacen('{', "[", 1));
    expect_one(&l, "eras.json", "not valid JSON");
}

#[test]
fn causal_cycles_are_caught() {
    // Two same-day events made each other's cause (same day passes the "not later" rule).
    let lines = check_broken("events.geojson", |t| {
        edit_json(&t, |v| {
            event_props(v, "iran-missile-strikes-ain-al-asad-2020")["properties"]["causes"] =
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

/// Accepted but wrong before issue 18: each is now an error at its record and field.
#[test]
fn blank_names_year_zero_self_protection_and_bad_country_tables_are_errors() {
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| event_props(v, "soleimani-killed-2020")["properties"]["title"] = serde_json::json!("  "))
    });
    expect_one(&l, "events.geojson", "expected a non-blank title");
    let l = check_broken("actors.json", |t| edit_json(&t, |v| v["actors"][2]["name"] = serde_json::json!("")));
    expect_one(&l, "actors.json", "expected a non-blank name");
    let l = check_broken("actors.json", |t| {
        edit_json(&t, |v| v["actors"][2]["name"] = serde_json::json!("x".repeat(1_000_000)))
    });
    expect_one(&l, "actors.json", "expected at most 300 characters, found 1000000");
    let l = check_broken("events.geojson", |t| {
        edit_json(&t, |v| event_props(v, "soleimani-killed-2020")["properties"]["date"] = serde_json::json!("0000"))
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
