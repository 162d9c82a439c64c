//! Text in the region's scripts. egui 0.37 shapes each run of text with harfrust (so Arabic letters join and
//! a right-to-left word comes out in visual order) but neither reorders a line's runs (bidi) nor ships fonts
//! with Arabic-script or Hebrew glyphs. `fonts` bundles those fonts, `bidi` turns a line into pieces in display
//! order before layout, and `names` chooses between English and local names.

pub mod bidi;
pub mod fonts;
pub mod label;
pub mod names;
