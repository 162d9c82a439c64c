//! Map layers: the first byte picks the layer kind, the rest is the file text (any bytes, decoded as a
//! user's file is).
#![no_main]

use libfuzzer_sys::fuzz_target;
use timeatlas::model::LayerKind;

const KINDS: [LayerKind; 6] = [
    LayerKind::Countries,
    LayerKind::World,
    LayerKind::Provinces,
    LayerKind::Lakes,
    LayerKind::Cities,
    LayerKind::Seas,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let kind = KINDS[usize::from(pick) % KINDS.len()];
    let Ok(text) = timeatlas::model::files::decode_text(rest.to_vec()) else { return };
    let _ = timeatlas::model::load::load_layer("fuzz.geojson", &text, kind);
});
