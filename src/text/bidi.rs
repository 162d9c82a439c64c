//! Lines with right-to-left text, cut into pieces in display order for egui's layout.
//!
//! egui lays a line's glyphs out left to right in the order of its text, but shapes every run of one font
//! with harfrust, which guesses the run's script: a run of Arabic or Hebrew letters comes out right to left,
//! joined, in visual order. So this module leaves each right-to-left word in logical order (the shaper turns
//! it and picks the joining forms: nothing is shaped twice) and only orders the pieces of a line as the
//! Unicode bidirectional algorithm (`unicode-bidi`) says, each piece its own layout section so that egui
//! never runs a word and its neighbouring punctuation together. Numbers and Latin text inside right-to-left
//! text keep their order.
//!
//! The SVG export needs the logical text back: [`logical_line`] finds it for any line this module laid out.

use std::collections::BTreeMap;
use std::sync::Mutex;

use egui::epaint::text::{ByteIndex, LayoutSection};
use egui::text::{LayoutJob, TextFormat};
use unicode_bidi::{BidiClass, ParagraphBidiInfo, bidi_class};

/// A line of text as it was written, for a line laid out in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogicalLine {
    /// The text in logical (reading) order.
    pub text: String,
    /// The line's base direction is right to left (its first strong letter is Arabic or Hebrew).
    pub rtl: bool,
}

/// Display lines laid out here → their logical text. Bounded: cleared when it reaches `MAX_REMEMBERED` lines.
static LOGICAL: Mutex<BTreeMap<String, LogicalLine>> = Mutex::new(BTreeMap::new());
const MAX_REMEMBERED: usize = 8192;

/// Whether the text has any right-to-left letter or Arabic number (otherwise it needs no reordering).
/// Every panel row and label asks this every frame: no character below U+0590 (Hebrew's block) is of
/// those classes, so most text is answered without the class table's binary search.
pub fn has_rtl(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| c >= '\u{0590}' && matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN))
}

/// Whether harfrust takes `c` for Arabic or Hebrew script, so that it shapes a run holding it right to left.
fn is_rtl_script(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Letters, their marks and joiners (ZWNJ, ZWJ): what a right-to-left word is made of.
fn is_rtl_word_char(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::NSM | BidiClass::BN)
}

/// The mirror image of a bracket, as a right-to-left run shows it (Unicode rule L4).
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// A line (no `\n`) as pieces in display order, left to right, each to be shaped on its own, and whether its
/// base direction is right to left. `None` when the line has no right-to-left text.
pub fn display_pieces(line: &str) -> Option<(Vec<String>, bool)> {
    if !has_rtl(line) {
        return None;
    }
    let info = ParagraphBidiInfo::new(line, None);
    let (levels, runs) = info.visual_runs(0..line.len());
    let mut pieces = Vec::new();
    for run in runs {
        let Some(text) = line.get(run.clone()) else { continue };
        if levels.get(run.start).is_some_and(unicode_bidi::Level::is_rtl) {
            push_rtl_run(text, &mut pieces);
        } else {
            push_ltr_run(text, &mut pieces);
        }
    }
    Some((merge_neutral(pieces), info.paragraph_level.is_rtl()))
}

/// A right-to-left run: its words (kept in logical order for the shaper) and the characters between them
/// (mirrored), in reverse order.
fn push_rtl_run(text: &str, pieces: &mut Vec<String>) {
    let mut chunks = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if is_rtl_word_char(c) {
            word.push(c);
        } else {
            if !word.is_empty() {
                chunks.push(std::mem::take(&mut word));
            }
            chunks.push(mirrored(c).to_string());
        }
    }
    if !word.is_empty() {
        chunks.push(word);
    }
    pieces.extend(chunks.into_iter().rev());
}

/// A left-to-right run as it is, except numbers in Arabic-Indic or Persian digits: harfrust takes those for
/// Arabic script and would lay them out right to left, so they are handed over reversed.
fn push_ltr_run(text: &str, pieces: &mut Vec<String>) {
    let mut plain = String::new();
    let mut number = String::new();
    for c in text.chars() {
        if is_rtl_script(c) {
            if !plain.is_empty() {
                pieces.push(std::mem::take(&mut plain));
            }
            number.push(c);
        } else {
            if !number.is_empty() {
                pieces.push(std::mem::take(&mut number).chars().rev().collect());
            }
            plain.push(c);
        }
    }
    if !number.is_empty() {
        pieces.push(number.chars().rev().collect());
    }
    if !plain.is_empty() {
        pieces.push(plain);
    }
}

/// Joins neighbouring pieces that hold no Arabic or Hebrew character: harfrust shapes them left to right
/// whether together or apart.
fn merge_neutral(pieces: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let neutral = !piece.chars().any(is_rtl_script);
        match out.last_mut() {
            Some(last) if neutral && !last.chars().any(is_rtl_script) => last.push_str(&piece),
            _ => out.push(piece),
        }
    }
    out
}

/// A layout job for `text` (lines split at `\n`) in display order, one section per piece, all in `format`.
/// Text without right-to-left letters becomes a single section, as egui would make it.
pub fn layout_job(text: &str, format: &TextFormat) -> LayoutJob {
    if !has_rtl(text) {
        return LayoutJob::single_section(text.to_owned(), format.clone());
    }
    let mut job = LayoutJob::default();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            job.append("\n", 0.0, format.clone());
        }
        match display_pieces(line) {
            Some((pieces, rtl)) => {
                for piece in &pieces {
                    push_section(&mut job, piece, format);
                }
                remember(pieces.concat(), LogicalLine { text: line.to_owned(), rtl });
            }
            None if !line.is_empty() => job.append(line, 0.0, format.clone()),
            None => {}
        }
    }
    job
}

/// Lines of `text` broken at spaces in logical order, each no wider than `max_width` by `width_of` (a word
/// longer than that gets a line of its own). Right-to-left text must be broken before it is reordered, or
/// the first line on screen would hold the paragraph's end.
pub fn wrap_logical(text: &str, max_width: f32, width_of: &mut dyn FnMut(&str) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let longer = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if !line.is_empty() && width_of(&longer) > max_width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = longer;
            }
        }
        lines.push(line);
    }
    lines
}

/// Appends a section of its own (`LayoutJob::append` would merge it with a previous one in the same format,
/// and egui would then shape the two as one run).
fn push_section(job: &mut LayoutJob, text: &str, format: &TextFormat) {
    let start = job.text.len();
    job.text.push_str(text);
    job.sections.push(LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(start)..ByteIndex(job.text.len()),
        format: format.clone(),
    });
}

fn remember(display: String, logical: LogicalLine) {
    let Ok(mut map) = LOGICAL.lock() else { return };
    if map.len() >= MAX_REMEMBERED {
        map.clear();
    }
    map.insert(display, logical);
}

/// The logical text of a display line that [`layout_job`] made (for the SVG export, whose viewers run the
/// bidi algorithm themselves), or `None` for a line it did not reorder.
pub fn logical_line(display: &str) -> Option<LogicalLine> {
    LOGICAL.lock().ok()?.get(display).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(line: &str) -> Vec<String> {
        display_pieces(line).map_or_else(|| vec![line.to_owned()], |(p, _)| p)
    }

    #[test]
    fn latin_text_is_left_alone() {
        assert_eq!(display_pieces("Baghdad (2003)"), None);
        assert_eq!(layout_job("Sana'a\nYemen", &TextFormat::default()).sections.len(), 1);
    }

    #[test]
    fn has_rtl_agrees_with_the_class_table_for_every_character() {
        let by_table = |c: char| matches!(bidi_class(c), BidiClass::R | BidiClass::AL | BidiClass::AN);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(has_rtl(&format!("a{c}")), by_table(c), "U+{:04X}", u32::from(c));
        }
        assert!(has_rtl("Tehran (تهران)") && !has_rtl("Zürich, Genève") && !has_rtl(""));
    }

    #[test]
    fn one_word_stays_in_logical_order_for_the_shaper() {
        assert_eq!(display_pieces("تهران"), Some((vec!["تهران".to_owned()], true)));
        assert_eq!(display_pieces("ישראל"), Some((vec!["ישראל".to_owned()], true)));
    }

    #[test]
    fn words_of_a_right_to_left_line_run_from_right_to_left() {
        assert_eq!(pieces("سیستان و بلوچستان"), ["بلوچستان", " ", "و", " ", "سیستان"]);
        // A Persian word with a zero-width non-joiner stays one word.
        assert_eq!(pieces("خمینی‌شهر کرج"), ["کرج", " ", "خمینی‌شهر"]);
    }

    #[test]
    fn numbers_and_latin_inside_right_to_left_text_keep_their_order() {
        assert_eq!(pieces("بغداد 2003"), ["2003 ", "بغداد"]);
        assert_eq!(pieces("حلب 1980 Aleppo دمشق"), ["دمشق", " Aleppo 1980 ", "حلب"]);
        // Arabic-Indic digits go to the shaper reversed, since it lays out Arabic script right to left.
        assert_eq!(pieces("سال ۱۳۵۷"), ["۷۵۳۱", " ", "سال"]);
    }

    #[test]
    fn right_to_left_names_inside_english_text() {
        let (pieces, rtl) = display_pieces("Qasem Soleimani (قاسم سلیمانی), 2020").unwrap();
        assert_eq!(pieces, ["Qasem Soleimani (", "سلیمانی", " ", "قاسم", "), 2020"]);
        assert!(!rtl);
    }

    #[test]
    fn brackets_in_a_right_to_left_line_are_mirrored() {
        assert_eq!(pieces("بغداد (دمشق)"), ["(", "دمشق", ") ", "بغداد"]);
    }

    #[test]
    fn right_to_left_text_is_broken_into_lines_in_reading_order() {
        let mut width = |s: &str| s.chars().count() as f32;
        let lines = wrap_logical("یک دو سه چهار پنج", 8.0, &mut width);
        assert_eq!(lines, ["یک دو سه", "چهار پنج"]);
        assert_eq!(wrap_logical("a\nbb cc", 2.0, &mut width), ["a", "bb", "cc"]);
    }

    #[test]
    fn the_export_gets_the_logical_text_back() {
        let job = layout_job("Tehran\nتهران کرج", &TextFormat::default());
        assert_eq!(job.text, "Tehran\nکرج تهران");
        assert_eq!(job.sections.len(), 4, "{:?}", job.sections);
        let line = logical_line("کرج تهران").unwrap();
        assert_eq!(line, LogicalLine { text: "تهران کرج".to_owned(), rtl: true });
        assert_eq!(logical_line("Tehran"), None);
    }
}
