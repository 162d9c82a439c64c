//! The bundled polygons' triangles, computed by the build script (`build.rs`) with the same projection and
//! triangulation the app runs, so that start-up and every export skip the work. A polygon is looked up by
//! the exact bits of its projected rings: one whose coordinates differ at all (a user's layer, a platform
//! whose maths library rounds differently) is triangulated at run time as before.
//!
//! The table: `TATRI1`, a `u32` count, then per polygon its key (`u64`), vertex count (`u32`), corner count
//! (`u32`) and its corners (`u32` each), little-endian.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/triangles.bin"));
const MAGIC: &[u8] = b"TATRI1";

/// Where each polygon's corners are in [`TABLE`], by key: (vertex count, first byte, corner count).
fn index() -> &'static FxHashMap<u64, (usize, usize, usize)> {
    static INDEX: OnceLock<FxHashMap<u64, (usize, usize, usize)>> = OnceLock::new();
    INDEX.get_or_init(|| parse(TABLE).unwrap_or_default())
}

fn parse(table: &[u8]) -> Option<FxHashMap<u64, (usize, usize, usize)>> {
    let mut at = MAGIC.len();
    (table.get(..at)? == MAGIC).then_some(())?;
    let mut take = |n: usize| -> Option<(usize, &[u8])> {
        let bytes = table.get(at..at + n)?;
        at += n;
        Some((at - n, bytes))
    };
    let u32_of = |b: &[u8]| b.try_into().ok().map(|b| u32::from_le_bytes(b) as usize);
    let count = u32_of(take(4)?.1)?;
    let mut index = FxHashMap::with_capacity_and_hasher(count, Default::default());
    for _ in 0..count {
        let key = u64::from_le_bytes(take(8)?.1.try_into().ok()?);
        let vertices = u32_of(take(4)?.1)?;
        let corners = u32_of(take(4)?.1)?;
        let (first, _) = take(corners * 4)?;
        index.insert(key, (vertices, first, corners));
    }
    Some(index)
}

/// The build script's triangles for this triangulation input, if it made them.
pub fn triangles(flat: &[f64], holes: &[usize]) -> Option<Vec<usize>> {
    let &(vertices, first, corners) = index().get(&super::triangulate::input_key(flat, holes))?;
    if vertices != flat.len() / 2 {
        return None;
    }
    let bytes = TABLE.get(first..first + corners * 4)?;
    let out: Vec<usize> =
        bytes.chunks_exact(4).filter_map(|c| c.try_into().ok().map(|b| u32::from_le_bytes(b) as usize)).collect();
    out.iter().all(|&i| i < vertices).then_some(out)
}

/// How many polygons the table holds (tests check that every bundled polygon is among them).
pub fn len() -> usize {
    index().len()
}
