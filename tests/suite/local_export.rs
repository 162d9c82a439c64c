//! `timeatlas export --names local|both` through the real command: the 4K image's labels are the local
//! names (read from the SVG of the same export, where labels are text), the four capitals at the home view and
//! the provinces when zoomed in; and cards give countries' local names after the English ones.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Command as Process;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use timeatlas::command::{CardCommand, Command, MapCommand};
use timeatlas::model::search::Hit;
use timeatlas::text::names::NameMode;

/// The text of every `<text>` element of an SVG export made by the command line.
fn exported_texts(args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let run = Process::new(env!("CARGO_BIN_EXE_timeatlas"))
        .args(["export", "--date", "1960-01-01", "--size", "3840x2160", "--no-credits", "--format", "svg"])
        .args(args)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    doc.descendants().filter(|n| n.has_tag_name("text")).filter_map(|n| n.text().map(str::to_owned)).collect()
}

const CAPITALS_LOCAL: [&str; 4] = ["تهران", "بغداد", "دمشق", "صنعاء"];
const CAPITALS_ENGLISH: [&str; 4] = ["Tehran", "Baghdad", "Damascus", "Sanaa"];

#[test]
fn a_4k_local_export_names_the_four_capitals_in_their_scripts() {
    let local = exported_texts(&["--names", "local"]);
    for name in CAPITALS_LOCAL {
        assert!(local.iter().any(|t| t == name), "{name} in {local:?}");
    }
    for name in CAPITALS_ENGLISH {
        assert!(!local.iter().any(|t| t == name), "no English {name} with local names");
    }
    let english = exported_texts(&["--names", "english"]);
    for (en, loc) in CAPITALS_ENGLISH.into_iter().zip(CAPITALS_LOCAL) {
        assert!(english.iter().any(|t| t == en), "{en} in {english:?}");
        assert!(!english.iter().any(|t| t == loc), "no {loc} with English names");
    }
    let both = exported_texts(&["--names", "both"]);
    for name in CAPITALS_ENGLISH.into_iter().chain(CAPITALS_LOCAL) {
        assert!(both.iter().any(|t| t == name), "{name} in {both:?}");
    }
}

#[test]
fn zoomed_in_the_local_export_names_the_provinces_in_arabic() {
    // Central Iraq and the west of Iran: provinces are named from 0.9 points per km.
    let local = exported_texts(&["--names", "local", "--view", "41,31,47,36"]);
    for name in ["الأنبار", "نينوى", "صلاح الدين", "واسط", "کرمانشاه"] {
        assert!(local.iter().any(|t| t == name), "{name} in {local:?}");
    }
    assert!(!local.iter().any(|t| t == "Al-Anbar"));
}

#[test]
fn cards_give_the_local_name_of_a_country_after_the_english_one() {
    let mut h = common::harness_at("2020-01-03", 1280.0, 800.0);
    h.run();
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::Card(CardCommand::Open(Some(Hit::Event("soleimani-killed-2020".into())))));
    h.run();
    assert!(h.query_by_label_contains("(العراق)").is_none(), "English names: no local name in the card");
    h.state_mut().apply(&ctx, Command::Map(MapCommand::SetNames(NameMode::Local)));
    h.run();
    // Screen readers get the line in reading order (not as laid out right to left).
    let line = h.get_by(|n| n.value().is_some_and(|v| v.contains("Iraq (العراق)")));
    assert!(line.accesskit_node().value().unwrap().contains(" · "), "{line:?}");
}
