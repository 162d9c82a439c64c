//! The small text parsers: dates, `--size`, `--view`, and locating paths in JSON text (the first byte
//! picks which; for locating, the text is split into a document and a path).
#![no_main]

use libfuzzer_sys::fuzz_target;
use timeatlas::model::json_locate::{Seg, TextIndex};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    match pick % 5 {
        0 => {
            if let Ok(d) = timeatlas::model::date::FuzzyDate::parse(text) {
                // A parsed date prints as it parses.
                assert_eq!(timeatlas::model::date::FuzzyDate::parse(&d.to_string()), Ok(d));
                let _ = timeatlas::model::date::check_atlas_year(d);
            }
        }
        1 => {
            let _ = timeatlas::time::parse_day(text);
        }
        2 => {
            let _ = timeatlas::export::frame::parse_size(text);
        }
        3 => {
            let _ = timeatlas::cli::parse_view(text);
        }
        _ => {
            // "doc\u{0}key.3.key": the path's steps are keys or indices.
            let (doc, path) = text.split_once('\u{0}').unwrap_or((text, ""));
            let segs: Vec<Seg<'_>> = path.split('.').map(|s| s.parse().map_or(Seg::Key(s), Seg::Index)).collect();
            let index = TextIndex::default();
            let fast = index.locate(doc, &segs);
            assert_eq!(fast, index.locate(doc, &segs), "a second lookup differs");
            let _ = timeatlas::model::files::decode_text(rest.to_vec());
        }
    }
});
