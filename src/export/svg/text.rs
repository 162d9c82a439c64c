//! Text rows as SVG needs them: logical (unreordered) lines and each row's colour.

use egui::Color32;
use egui::epaint::TextShape;
use egui::epaint::text::{ByteIndex, LayoutJob, LayoutSection, PlacedRow};

/// Finds the logical text of galley rows that are whole lines reordered by [`crate::text::bidi`] (egui's rows
/// of right-to-left text hold extra zero-width glyphs, so rows are matched to lines by their newlines).
pub(super) struct RowLines<'a> {
    pub(super) lines: Vec<&'a str>,
    pub(super) rows_per_line: Vec<usize>,
    pub(super) line: usize,
}

impl<'a> RowLines<'a> {
    pub(super) fn new(galley: &'a egui::Galley) -> Self {
        let lines: Vec<&str> = galley.job.text.split('\n').collect();
        let mut rows_per_line = vec![0; lines.len()];
        let mut line = 0;
        for row in &galley.rows {
            if let Some(n) = rows_per_line.get_mut(line) {
                *n += 1;
            }
            line += usize::from(row.ends_with_newline);
        }
        Self { lines, rows_per_line, line: 0 }
    }

    /// The logical line for the next row, if that row is a whole line the bidi module laid out.
    pub(super) fn next_row(&mut self, ends_with_newline: bool) -> Option<crate::text::bidi::LogicalLine> {
        let line = self.line;
        self.line += usize::from(ends_with_newline);
        if self.rows_per_line.get(line) != Some(&1) {
            return None;
        }
        crate::text::bidi::logical_line(self.lines.get(line)?)
    }
}

/// The layout section holding the `char_index`-th character of the job's text.
pub(super) fn section_at_char(job: &LayoutJob, char_index: usize) -> Option<&LayoutSection> {
    let byte = job.text.char_indices().nth(char_index).map_or(job.text.len(), |(b, _)| b);
    job.sections.iter().find(|s| s.byte_range.contains(&ByteIndex(byte))).or_else(|| job.sections.last())
}

/// The row's glyph colour as the tessellator paints it: override, else galley colour (placeholder → fallback).
pub(super) fn text_color(t: &TextShape, placed: &PlacedRow, section: Option<&LayoutSection>) -> Color32 {
    let visuals = &placed.row.visuals;
    let galley = visuals.mesh.vertices.get(visuals.glyph_vertex_range.start).map(|v| v.color);
    let galley = galley.or(section.map(|s| s.format.color)).unwrap_or(t.fallback_color);
    let galley = if galley == Color32::PLACEHOLDER { t.fallback_color } else { galley };
    let color = t.override_text_color.unwrap_or(galley);
    if t.opacity_factor < 1.0 { color.gamma_multiply(t.opacity_factor) } else { color }
}
