//! The integration tests, in one binary: each file is a module, so `cargo test` links the whole app once
//! instead of once per file (two dozen half-gigabyte debug binaries filled a CI disk).

mod common;
/// The fuzzers' invariants, which the import tests also check on every fixture.
#[path = "../../fuzz/src/lib.rs"]
mod fuzz_checks;

mod access;
mod classroom;
mod colour_vision;
mod credits;
mod dataset;
mod export;
mod fonts;
mod fuzz_regressions;
mod gpu_map;
mod hostile;
mod import;
mod import_invariants;
mod import_scale;
mod import_ui;
mod keyboard_only;
mod keys;
mod lesson;
mod local_export;
mod map_data;
mod names;
mod present;
mod properties;
mod side_panel;
mod ui;
mod work_kept;
