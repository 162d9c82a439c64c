//! Content files: the first byte picks the kind (events, actors, ...), the rest is the file text; a file that
//! loads is then validated with the bundled tables, as `check` does.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use timeatlas::model::dataset_load::{DataFileKind, LoadedDataset};
use timeatlas::model::layers::Atlas;
use timeatlas::model::publishers::Publishers;

fn atlas() -> &'static Atlas {
    static ATLAS: OnceLock<Atlas> = OnceLock::new();
    ATLAS.get_or_init(|| timeatlas::model::bundled::atlas().unwrap_or_default())
}

/// The bundled publishers table, as `check` validates with (an empty one if it failed to load).
fn publishers() -> &'static Publishers {
    static EMPTY: OnceLock<Publishers> = OnceLock::new();
    timeatlas::model::publishers::bundled().unwrap_or_else(|_| EMPTY.get_or_init(Publishers::default))
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let kind = DataFileKind::ALL[usize::from(pick) % DataFileKind::ALL.len()];
    let Ok(text) = timeatlas::model::files::decode_text(rest.to_vec()) else { return };
    let mut loaded = LoadedDataset::default();
    if loaded.add_file(kind, "fuzz.json", text).is_empty() {
        let _ = timeatlas::model::validate::validate(&loaded, atlas(), publishers());
    }
});
