//! The user's imported data on the timeline: a lane per file (or per category of a file, such as a
//! TimelineJS group or an ACLED event type) above the atlas's own lanes. Few records show as points one can
//! click; many as counts per bin, one bar chart a lane, so a million rows cost what a few hundred bars do.

use egui::Color32;
use egui_plot::{Bar, BarChart, MarkerShape, PlotPoint, PlotUi, Points};

use crate::import::sources::{DataSource, DataSources};
use crate::theme;

/// The first lane's height on the plot's y axis (the atlas's lanes run from -2 to 5).
pub const FIRST_LANE_Y: f64 = 6.0;
/// Lanes for imported data at most; past it, one lane a file.
pub const MAX_LANES: usize = 5;
/// Above this many records in view a lane shows counts, not points.
const MAX_POINTS: usize = 2_000;
/// Bins across the visible range when a lane shows counts.
const BINS: usize = 240;

/// One timeline lane of imported data.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The source's id.
    pub source: u64,
    /// One category, or all of the source's.
    pub category: Option<u16>,
    /// The axis label.
    pub label: String,
    /// Its height on the y axis.
    pub y: f64,
}

/// The lanes for the visible sources: per category while they fit in [`MAX_LANES`], else per file.
pub fn lanes(sources: &DataSources) -> Vec<Lane> {
    let visible: Vec<_> = sources.sources.iter().filter(|s| s.visible && s.imported.lesson.is_none()).collect();
    let per_category: usize = visible.iter().map(|s| s.imported.records.categories.len().max(1)).sum();
    let split = per_category <= MAX_LANES;
    let mut out = Vec::new();
    for s in visible.iter().take(MAX_LANES) {
        let names = s.imported.records.categories.names();
        let short = |n: &str| {
            if n.chars().count() > 18 { format!("{}…", n.chars().take(17).collect::<String>()) } else { n.to_owned() }
        };
        if split && names.len() > 1 {
            for (k, name) in names.iter().enumerate() {
                out.push(Lane { source: s.id, category: Some(k as u16), label: short(name), y: 0.0 });
            }
        } else {
            out.push(Lane { source: s.id, category: None, label: short(&s.imported.name), y: 0.0 });
        }
    }
    for (k, lane) in out.iter_mut().enumerate() {
        lane.y = FIRST_LANE_Y + k as f64;
    }
    out
}

/// The compact timeline's lanes: one a visible file (up to [`MAX_LANES`]), all on the summary lane (y = 0).
pub fn summary_lanes(sources: &DataSources) -> Vec<Lane> {
    let visible = sources.sources.iter().filter(|s| s.visible && s.imported.lesson.is_none());
    visible
        .take(MAX_LANES)
        .map(|s| Lane { source: s.id, category: None, label: s.imported.name.clone(), y: 0.0 })
        .collect()
}

fn shape_of(category: u16) -> MarkerShape {
    match category % 4 {
        0 => MarkerShape::Circle,
        1 => MarkerShape::Square,
        2 => MarkerShape::Diamond,
        _ => MarkerShape::Up,
    }
}

/// The eras of the user's timelines, as bands in their source's colour.
pub fn draw_eras(plot_ui: &mut PlotUi<'_>, sources: &DataSources, lo: f64, hi: f64) {
    for s in sources.sources.iter().filter(|s| s.visible) {
        for era in &s.imported.eras {
            let (a, b) = (f64::from(era.start_day), f64::from(era.end_day) + 1.0);
            if b < lo || a > hi {
                continue;
            }
            let fill = theme::import_color(s.color).gamma_multiply(0.10);
            plot_ui.span(egui_plot::Span::new(era.title.clone(), a..=b).fill(fill));
        }
    }
}

/// Draws the lanes for the visible day range `lo..hi`.
pub fn draw_lanes(plot_ui: &mut PlotUi<'_>, lanes: &[Lane], sources: &DataSources, lo: f64, hi: f64) {
    for lane in lanes {
        let Some(s) = sources.get(lane.source) else { continue };
        let r = &s.imported.records;
        let color = theme::import_color(s.color);
        let range = r.starting_between(lo.floor() as i32, hi.ceil() as i32);
        let in_lane = |i: &usize| s.shows(*i) && lane.category.is_none_or(|c| r.category.get(*i) == Some(&c));
        let count = match lane_counts(lane, s, lo.floor() as i32, hi.ceil() as i32 + 1) {
            Some(n) => n as usize,
            None => range.clone().filter(in_lane).take(MAX_POINTS + 1).count(),
        };
        if count <= MAX_POINTS {
            let mut by_shape: Vec<(u16, Vec<[f64; 2]>)> = Vec::new();
            for i in range.filter(in_lane) {
                let c = lane.category.unwrap_or_else(|| r.category.get(i).copied().unwrap_or(0));
                let day = f64::from(r.start_day.get(i).copied().unwrap_or(0));
                match by_shape.iter_mut().find(|(k, _)| *k == c % 4) {
                    Some((_, pts)) => pts.push([day, lane.y]),
                    None => by_shape.push((c % 4, vec![[day, lane.y]])),
                }
            }
            for (c, pts) in by_shape {
                plot_ui.points(
                    Points::new(lane.label.clone(), pts).shape(shape_of(c)).radius(4.0).color(color).filled(true),
                );
            }
        } else {
            plot_ui.bar_chart(density(lane, s, lo, hi, color));
        }
    }
}

/// Records of a lane starting in `from_day..to_day`, from the source's day counts (no scan); `None` when
/// the source has none.
fn lane_counts(lane: &Lane, s: &DataSource, from_day: i32, to_day: i32) -> Option<u32> {
    let counts = s.index.day_counts.as_ref()?;
    let categories = s.imported.records.categories.len().max(1) as u16;
    let shown = |c: &u16| !s.hidden_categories.contains(c) && lane.category.is_none_or(|l| l == *c);
    Some((0..categories).filter(shown).map(|c| counts.count(c, from_day, to_day)).sum())
}

/// Records per bin as bars rising from the lane's baseline.
fn density(lane: &Lane, s: &DataSource, lo: f64, hi: f64, color: Color32) -> BarChart {
    let r = &s.imported.records;
    let width = ((hi - lo) / BINS as f64).max(1.0);
    // Bin k holds the days from lo + k·width (inclusive) to the next edge, as the scan below places them.
    let edge = |k: usize| (lo + k as f64 * width).ceil() as i32;
    let tabulated: Option<Vec<u32>> = (0..BINS).map(|k| lane_counts(lane, s, edge(k), edge(k + 1))).collect();
    let mut counts = tabulated.unwrap_or_else(|| vec![0u32; BINS]);
    let scan =
        if s.index.day_counts.is_none() { r.starting_between(lo.floor() as i32, hi.ceil() as i32) } else { 0..0 };
    for i in scan {
        if !s.shows(i) || lane.category.is_some_and(|c| r.category.get(i) != Some(&c)) {
            continue;
        }
        let day = f64::from(r.start_day.get(i).copied().unwrap_or(0));
        let bin = (((day - lo) / width) as usize).min(BINS - 1);
        if let Some(c) = counts.get_mut(bin) {
            *c += 1;
        }
    }
    let max = f64::from(counts.iter().copied().max().unwrap_or(1).max(1));
    let bars = counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(k, &c)| {
            Bar::new(lo + (k as f64 + 0.5) * width, 0.8 * f64::from(c) / max)
                .width(width)
                .base_offset(lane.y - 0.4)
                .name(format!("{c} records"))
        })
        .collect();
    BarChart::new(lane.label.clone(), bars).color(color)
}

/// The imported record nearest `pointer` (screen) within `max_points`, among lanes that show points:
/// (source id, record index, start day).
pub fn nearest(
    plot_ui: &PlotUi<'_>,
    lanes: &[Lane],
    sources: &DataSources,
    pointer: egui::Pos2,
    max_points: f32,
) -> Option<(u64, u32, f64)> {
    let left = plot_ui.plot_from_screen(pointer - egui::vec2(max_points, 0.0)).x;
    let right = plot_ui.plot_from_screen(pointer + egui::vec2(max_points, 0.0)).x;
    let mut best: Option<(u64, u32, f64, f32)> = None;
    for lane in lanes {
        let Some(s) = sources.get(lane.source) else { continue };
        let r = &s.imported.records;
        for i in r.starting_between(left.floor() as i32, right.ceil() as i32).take(MAX_POINTS) {
            if !s.shows(i) || lane.category.is_some_and(|c| r.category.get(i) != Some(&c)) {
                continue;
            }
            let day = f64::from(r.start_day.get(i).copied().unwrap_or(0));
            let d = plot_ui.screen_from_plot(PlotPoint::new(day, lane.y)).distance(pointer);
            if d <= max_points && best.is_none_or(|b| d < b.3) {
                best = Some((s.id, i as u32, day, d));
            }
        }
    }
    best.map(|(s, i, day, _)| (s, i, day))
}
