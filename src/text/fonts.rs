//! The bundled fonts: egui's own (Latin, Greek, Cyrillic) plus Noto Sans Arabic (Arabic and Persian letters)
//! and Noto Sans Hebrew, both SIL OFL 1.1 (assets/fonts/OFL.txt), as fallbacks in every family.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

/// Font data keys, as egui's font definitions name them.
pub const ARABIC: &str = "NotoSansArabic-Regular";
/// See [`ARABIC`].
pub const HEBREW: &str = "NotoSansHebrew-Regular";

static ARABIC_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf");
static HEBREW_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf");

/// egui's default fonts with the region's scripts added after each family's own fonts and before egui's
/// icon fallback, so Latin text keeps egui's look.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    for (name, bytes) in [(ARABIC, ARABIC_TTF), (HEBREW, HEBREW_TTF)] {
        defs.font_data.insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let fonts = defs.families.entry(family).or_default();
        let at = fonts.iter().position(|f| f == "egui-icons").unwrap_or(fonts.len());
        fonts.splice(at..at, [ARABIC.to_owned(), HEBREW.to_owned()]);
    }
    defs
}

/// Installs [`definitions`] (egui compares them first, so calling this again costs little).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_arabic_and_hebrew_have_glyphs_and_latin_keeps_egui_font() {
        let ctx = egui::Context::default();
        install(&ctx);
        ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        ctx.fonts_mut(|f| {
            for c in ['ت', 'ی', 'ک', 'پ', 'گ', 'ژ', 'ة', 'ء', 'ש', 'ל', '\u{200c}', '۱', 'ğ', 'ş', 'ı'] {
                assert!(f.has_glyph(&font, c), "no glyph for {c:?}");
            }
        });
        let families = definitions().families;
        let proportional = families.get(&FontFamily::Proportional).unwrap();
        assert_eq!(proportional.first().map(String::as_str), Some("Ubuntu-Light"));
        assert!(proportional.iter().position(|f| f == ARABIC) < proportional.iter().position(|f| f == "egui-icons"));
    }
}
