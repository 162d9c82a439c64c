//! The timeline strip: controls, the large current date, and an egui_plot with lanes for events by group,
//! armed groups, US positions and protecting powers, era bands and a density histogram. Dragging on it
//! scrubs the date; the wheel pans and Ctrl+wheel zooms it.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, GridMark, Line, MarkerShape, Plot, PlotPoint, Points, VLine};

use crate::command::{CardCommand, Command, TimeCommand};
use crate::map::content::{Backing, ContentIndex, EventGroup};
use crate::model::dataset::Dataset;
use crate::theme::{self, size};
use crate::time::{self, LoopMode, SPEED_PRESETS, TimeControl};

/// Lane of each row, top to bottom.
const LANE_VIOLENCE: f64 = 5.0;
const LANE_POLITICS: f64 = 4.0;
const LANE_DIPLOMACY: f64 = 3.0;
const LANE_DISASTER: f64 = 2.0;
const LANE_GROUPS: f64 = 1.0;
const LANE_POSITIONS: f64 = 0.0;
const LANE_RELATIONS: f64 = -1.0;
/// The histogram's baseline and its tallest bar.
const HISTOGRAM_BASE: f64 = -2.35;
const HISTOGRAM_HEIGHT: f64 = 0.8;
/// Pick distance for clicks and hovers on the plot, in points.
const PICK_POINTS: f32 = 10.0;

fn lane_of(group: EventGroup) -> f64 {
    match group {
        EventGroup::Violence => LANE_VIOLENCE,
        EventGroup::Politics => LANE_POLITICS,
        EventGroup::Diplomacy => LANE_DIPLOMACY,
        EventGroup::Disaster => LANE_DISASTER,
    }
}

fn marker_of(group: EventGroup) -> MarkerShape {
    match group {
        EventGroup::Violence => MarkerShape::Circle,
        EventGroup::Politics => MarkerShape::Square,
        EventGroup::Diplomacy => MarkerShape::Diamond,
        EventGroup::Disaster => MarkerShape::Up,
    }
}

/// The lane of an event's group: its own in the full timeline, the one summary lane (y = 0) in the compact one.
fn event_y(group: EventGroup, compact: bool) -> f64 {
    if compact { 0.0 } else { lane_of(group) }
}

fn lane_label(y: f64) -> &'static str {
    match y.round() as i64 {
        5 => "War & attacks",
        4 => "Politics",
        3 => "Diplomacy",
        2 => "Disasters",
        1 => "Armed groups",
        0 => "US positions",
        -1 => "Protecting powers",
        -2 => "Events per year",
        _ => "",
    }
}

/// What the timeline shows.
pub struct TimelineInputs<'a> {
    /// Playback state.
    pub time: &'a TimeControl,
    /// Content.
    pub dataset: &'a Dataset,
    /// Its time index.
    pub index: &'a ContentIndex,
    /// Selected event id.
    pub selected_event: Option<&'a str>,
    /// What to show.
    pub filters: &'a crate::model::filters::Filters,
    /// Set the visible range to this (fit all, jump) this frame.
    pub set_range: Option<(f64, f64)>,
    /// The visible range of the last frame (for the date's precision).
    pub visible: (f64, f64),
    /// The span that sets the shown date's precision (the visible span, or 0 for a typed day).
    pub date_span_days: f64,
    /// Why the last typed date was not understood.
    pub jump_error: Option<&'a str>,
    /// The user's imported data, drawn in lanes above the atlas's.
    pub sources: &'a crate::import::sources::DataSources,
    /// A small screen (a projector at UI scale 2): one row of controls and one summary lane of events, so
    /// the map keeps most of the height.
    pub compact: bool,
}

/// What the timeline drew.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineOutput {
    /// The visible day range.
    pub visible: (f64, f64),
    /// Indices of the events drawn (for tests and diagnostics).
    pub events_drawn: Vec<usize>,
}

/// Draws the timeline and pushes commands.
pub fn timeline_ui(
    ui: &mut Ui,
    inputs: &TimelineInputs<'_>,
    jump_text: &mut String,
    commands: &mut Vec<Command>,
) -> TimelineOutput {
    if inputs.compact {
        compact_controls_ui(ui, inputs, jump_text, commands);
    } else {
        controls_ui(ui, inputs, jump_text, commands);
    }
    plot_ui(ui, inputs, commands)
}

/// One row for a small screen: the date, play, previous and next, the date field, and the rest under "More".
fn compact_controls_ui(ui: &mut Ui, inputs: &TimelineInputs<'_>, jump_text: &mut String, commands: &mut Vec<Command>) {
    let t = inputs.time;
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(time::format_current(t.current_day, inputs.date_span_days)).size(size::DATE_COMPACT).strong(),
        );
        if ui.button(if t.playing { "Pause" } else { "Play" }).on_hover_text("Play or pause (Space)").clicked() {
            commands.push(Command::Time(TimeCommand::TogglePlay));
        }
        if ui.button("Prev").on_hover_text("Previous event (Left arrow key)").clicked() {
            commands.push(Command::Time(TimeCommand::StepEvent(-1)));
        }
        if ui.button("Next").on_hover_text("Next event (Right arrow key)").clicked() {
            commands.push(Command::Time(TimeCommand::StepEvent(1)));
        }
        let field = ui.add(egui::TextEdit::singleline(jump_text).hint_text("Go to date").desired_width(78.0));
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            commands.push(Command::Time(TimeCommand::JumpTo(jump_text.clone())));
        }
        ui.menu_button("More", |ui| {
            let mut looping = t.loop_mode == LoopMode::Loop;
            if ui.checkbox(&mut looping, "Loop").changed() {
                commands.push(Command::Time(TimeCommand::SetLoop(if looping {
                    LoopMode::Loop
                } else {
                    LoopMode::Stop
                })));
            }
            if ui.button("Fit all (1953 to today)").clicked() {
                commands.push(Command::Time(TimeCommand::FitTimeline));
            }
            ui.separator();
            ui.label("Speed");
            for (label, speed) in SPEED_PRESETS {
                if ui.selectable_label((t.speed_days_per_sec - speed).abs() < 1e-6, label).clicked() {
                    commands.push(Command::Time(TimeCommand::SetSpeed(speed)));
                }
            }
        });
    });
    if let Some(e) = inputs.jump_error {
        ui.label(RichText::new(e).color(theme::NOW_LINE));
    }
}

fn controls_ui(ui: &mut Ui, inputs: &TimelineInputs<'_>, jump_text: &mut String, commands: &mut Vec<Command>) {
    let t = inputs.time;
    // The date first and large: on a narrow projector screen the controls wrap below it.
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(time::format_current(t.current_day, inputs.date_span_days)).size(size::DATE_BIG).strong(),
        );
        ui.add_space(12.0);
        let play_label = if t.playing { "Pause" } else { "Play" };
        if ui.button(play_label).on_hover_text("Play or pause (Space)").clicked() {
            commands.push(Command::Time(TimeCommand::TogglePlay));
        }
        if ui.button("Previous event").on_hover_text("Previous event (Left arrow key)").clicked() {
            commands.push(Command::Time(TimeCommand::StepEvent(-1)));
        }
        if ui.button("Next event").on_hover_text("Next event (Right arrow key)").clicked() {
            commands.push(Command::Time(TimeCommand::StepEvent(1)));
        }
        let current_speed = SPEED_PRESETS
            .iter()
            .min_by(|a, b| (a.1 - t.speed_days_per_sec).abs().total_cmp(&(b.1 - t.speed_days_per_sec).abs()))
            .map_or("speed", |p| p.0);
        egui::ComboBox::from_label("Speed").selected_text(current_speed).show_ui(ui, |ui| {
            for (label, speed) in SPEED_PRESETS {
                if ui.selectable_label((t.speed_days_per_sec - speed).abs() < 1e-6, label).clicked() {
                    commands.push(Command::Time(TimeCommand::SetSpeed(speed)));
                }
            }
        });
        let mut looping = t.loop_mode == LoopMode::Loop;
        if ui.checkbox(&mut looping, "Loop").changed() {
            commands.push(Command::Time(TimeCommand::SetLoop(if looping { LoopMode::Loop } else { LoopMode::Stop })));
        }
        if ui.button("Fit all").on_hover_text("Show 1953 to today").clicked() {
            commands.push(Command::Time(TimeCommand::FitTimeline));
        }
        let field =
            ui.add(egui::TextEdit::singleline(jump_text).hint_text("Go to date: 1979-11-04").desired_width(150.0));
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.button("Go").clicked() || enter {
            commands.push(Command::Time(TimeCommand::JumpTo(jump_text.clone())));
        }
        if let Some(e) = inputs.jump_error {
            ui.label(RichText::new(e).color(theme::NOW_LINE));
        }
    });
}

/// The plot's height: up to [`size::TIMELINE_HEIGHT`], at most a third of the window, so the map keeps
/// most of a small projector screen.
fn timeline_height(ctx: &egui::Context) -> f32 {
    (ctx.content_rect().height() * 0.26).clamp(70.0, size::TIMELINE_HEIGHT)
}

fn plot_ui(ui: &mut Ui, inputs: &TimelineInputs<'_>, commands: &mut Vec<Command>) -> TimelineOutput {
    let TimelineInputs {
        time: t, dataset, index, selected_event, filters, set_range, visible, sources, compact, ..
    } = *inputs;
    // The compact timeline's one summary lane carries each imported file too, under the atlas's events.
    let data_lanes =
        if compact { super::timeline_data::summary_lanes(sources) } else { super::timeline_data::lanes(sources) };
    let top = super::timeline_data::FIRST_LANE_Y + data_lanes.len() as f64 - 0.4;
    let lane_labels: Vec<(f64, String)> = data_lanes.iter().map(|l| (l.y, l.label.clone())).collect();
    // Cull to the range this frame will show (a range being set takes effect now, not next frame).
    let (v0, v1) = set_range.unwrap_or(visible);
    let height = if compact { size::TIMELINE_COMPACT_HEIGHT } else { timeline_height(ui.ctx()) };
    // Lane names need about 16 points a lane; below that the lanes are unlabelled and the axis hidden.
    let show_lanes = height >= 150.0;
    let plot = Plot::new("timeline")
        .height(height)
        .show_axes([true, show_lanes])
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_zoom([true, false])
        .allow_scroll([true, false])
        .show_x(false)
        .show_y(false)
        .default_x_bounds(t.start_day, t.end_day)
        .x_grid_spacer(|input| {
            time::axis_marks(input.bounds.0, input.bounds.1, 12)
                .into_iter()
                .map(|m| GridMark { value: m.day, step_size: m.step_days })
                .collect()
        })
        .x_axis_formatter(|mark, _| time::axis_label(time::AxisMark { day: mark.value, step_days: mark.step_size }))
        .y_grid_spacer(move |_| {
            (-2..=(5 + data_lanes_len(top))).map(|y| GridMark { value: f64::from(y), step_size: 1.0 }).collect()
        })
        .y_axis_formatter(move |mark, _| {
            lane_labels
                .iter()
                .find(|(y, _)| (y - mark.value).abs() < 0.01)
                .map_or_else(|| lane_label(mark.value).to_owned(), |(_, l)| l.clone())
        })
        .y_axis_min_width(if show_lanes { 130.0 } else { 0.0 });

    let response = plot.show(ui, |plot_ui| {
        if let Some((a, b)) = set_range {
            plot_ui.set_plot_bounds_x(a..=b);
        }
        if compact {
            plot_ui.set_plot_bounds_y(-0.7..=0.7);
        } else {
            plot_ui.set_plot_bounds_y(-2.5..=top.max(5.6));
        }
        let (lo, hi) = (v0 - 1.0, v1 + 1.0);
        super::timeline_data::draw_eras(plot_ui, sources, lo, hi);
        super::timeline_data::draw_lanes(plot_ui, &data_lanes, sources, lo, hi);

        let era_days: Vec<(f64, f64)> = dataset.eras.iter().map(|era| time::span_days(era.span, t.end_day)).collect();
        for ((era, &(s, e)), row) in dataset.eras.iter().zip(&era_days).zip(era_label_rows(&era_days)) {
            if e < lo || s > hi {
                continue;
            }
            let span = egui_plot::Span::new(if row.is_some() { era.title.clone() } else { String::new() }, s..=e)
                .fill(Color32::from_gray(128).gamma_multiply(0.08));
            plot_ui.span(span.label_align(row.unwrap_or(egui::Align2::CENTER_TOP)));
        }

        // Events: spans as thick lines, points per group; only what the visible range needs.
        let mut points: Vec<(EventGroup, Vec<[f64; 2]>)> = EventGroup::ALL.iter().map(|g| (*g, Vec::new())).collect();
        let mut events_drawn = Vec::new();
        for i in index.events.overlapping(lo, hi) {
            let (Some(e), Some(&(s, end))) =
                (dataset.events.get(i).filter(|e| filters.shows_event(e)), index.event_days.get(i))
            else {
                continue;
            };
            let group = EventGroup::of(e.kind);
            let y = event_y(group, compact);
            if end - s > 1.5 && !compact {
                plot_ui.line(
                    Line::new(e.title.clone(), vec![[s, y], [end, y]])
                        .color(group.color().gamma_multiply(0.6))
                        .width(4.0)
                        .allow_hover(false),
                );
            }
            if let Some((_, pts)) = points.iter_mut().find(|(g, _)| *g == group) {
                pts.push([s, y]);
                events_drawn.push(i);
            }
        }
        for (group, pts) in points {
            plot_ui.points(
                Points::new(group.label(), pts)
                    .shape(marker_of(group))
                    .radius(if compact { 4.0 } else { 5.0 })
                    .color(group.color())
                    .filled(true),
            );
        }
        if let Some((s, e)) = selected_event
            .and_then(|id| dataset.events.iter().position(|e| e.id == id))
            .and_then(|i| Some((index.event_days.get(i)?, dataset.events.get(i).filter(|e| filters.shows_event(e))?)))
        {
            let y = event_y(EventGroup::of(e.kind), compact);
            plot_ui.points(Points::new("Selected", vec![[s.0, y]]).radius(9.0).filled(false).color(theme::NOW_LINE));
        }

        if !compact {
            span_lanes(plot_ui, dataset, index, filters);
            plot_ui.bar_chart(histogram(dataset, index, filters, t.start_day, t.end_day));
        }
        plot_ui.vline(VLine::new("Current date", t.current_day).color(theme::NOW_LINE).width(3.0));

        interact(plot_ui, inputs, &data_lanes, commands);
        events_drawn
    });
    // The bounds after this frame's scrolling, zooming and `set_range`.
    let b = response.transform.bounds();
    let visible = (b.min()[0], b.max()[0]);
    response.response.widget_info(|| {
        use chrono::Datelike as _;
        let mut info = egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline of events");
        let year = |day: f64| time::date_from_day(day).year();
        let date = time::format_current(inputs.time.current_day, visible.1 - visible.0);
        info.current_text_value = Some(format!("{date}; showing {} to {}", year(visible.0), year(visible.1)));
        info
    });
    TimelineOutput { visible, events_drawn: response.inner }
}

/// Where each era's name goes so that overlapping eras (the Syrian civil war and the war in Yemen) do not
/// write over each other: at the top, or at the bottom when an era still running at its start has the top;
/// `None` (no name, the band stays) when both are taken.
fn era_label_rows(days: &[(f64, f64)]) -> Vec<Option<egui::Align2>> {
    let mut order: Vec<usize> = (0..days.len()).collect();
    order.sort_by(|&a, &b| days[a].0.total_cmp(&days[b].0));
    let mut rows = vec![None; days.len()];
    let (mut top_until, mut bottom_until) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
    for i in order {
        let (start, end) = days[i];
        if start >= top_until {
            rows[i] = Some(egui::Align2::CENTER_TOP);
            top_until = end;
        } else if start >= bottom_until {
            rows[i] = Some(egui::Align2::CENTER_BOTTOM);
            bottom_until = end;
        }
    }
    rows
}

/// Armed groups, US positions and protecting powers as spans in their lanes.
fn span_lanes(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    dataset: &Dataset,
    index: &ContentIndex,
    filters: &crate::model::filters::Filters,
) {
    for (i, g) in dataset.groups.iter().enumerate().filter(|_| filters.show_groups) {
        let y = LANE_GROUPS + ((i % 5) as f64 - 2.0) * 0.14;
        let (_, color) = Backing::of(&g.backing).colors();
        for &(s, e) in index.group_days.get(i).map_or(&[][..], Vec::as_slice) {
            plot_ui.line(Line::new(g.name.clone(), vec![[s, y], [e, y]]).color(color).width(3.0));
        }
    }
    for (i, p) in dataset.positions.iter().enumerate().filter(|_| filters.show_positions) {
        let y = LANE_POSITIONS + ((i % 5) as f64 - 2.0) * 0.14;
        for &(s, e) in index.position_days.get(i).map_or(&[][..], Vec::as_slice) {
            plot_ui.line(Line::new(p.name.clone(), vec![[s, y], [e, y]]).color(theme::POSITION_OPEN).width(3.0));
        }
    }
    for i in 0..dataset.relations.len() {
        let y = LANE_RELATIONS + ((i % 5) as f64 - 2.0) * 0.14;
        if let (Some(&(s, e)), Some(name)) = (index.relation_days.get(i), index.relation_titles.get(i)) {
            plot_ui.line(Line::new(name, vec![[s, y], [e, y]]).color(theme::RELATION).width(3.0));
        }
    }
}

/// Events per year as bars under the lanes, scaled so the busiest year fills the histogram row.
fn histogram(
    dataset: &Dataset,
    index: &ContentIndex,
    filters: &crate::model::filters::Filters,
    start_day: f64,
    end_day: f64,
) -> BarChart {
    let first_year = time::date_from_day(start_day);
    let last_year = time::date_from_day(end_day);
    use chrono::Datelike;
    let years = (first_year.year()..=last_year.year()).collect::<Vec<_>>();
    let mut counts = vec![0usize; years.len()];
    let shown = dataset.events.iter().zip(&index.event_days).filter(|(e, _)| filters.shows_event(e));
    for (_, &(s, _)) in shown {
        let y = time::date_from_day(s).year() - first_year.year();
        if let Some(c) = usize::try_from(y).ok().and_then(|y| counts.get_mut(y)) {
            *c += 1;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bars = years
        .iter()
        .zip(&counts)
        .filter(|(_, c)| **c > 0)
        .map(|(&year, &c)| {
            let mid = time::day_from_date(chrono::NaiveDate::from_ymd_opt(year, 7, 2).unwrap_or_default());
            Bar::new(mid, c as f64 / max * HISTOGRAM_HEIGHT)
                .width(330.0)
                .base_offset(HISTOGRAM_BASE)
                .name(format!("{year}: {c} events"))
        })
        .collect();
    BarChart::new("Events per year", bars).color(Color32::from_gray(120))
}

/// Scrubbing, clicking and hovering on the plot.
fn interact(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    inputs: &TimelineInputs<'_>,
    lanes: &[super::timeline_data::Lane],
    commands: &mut Vec<Command>,
) {
    let response = plot_ui.response().clone();
    let Some(pointer) = plot_ui.pointer_coordinate() else { return };
    let pointer_screen = plot_ui.screen_from_plot(pointer);
    let nearest = nearest_event(plot_ui, inputs, pointer_screen);
    let imported = super::timeline_data::nearest(plot_ui, lanes, inputs.sources, pointer_screen, PICK_POINTS);
    if let Some((source, record, day)) = imported.filter(|_| nearest.is_none()) {
        if response.clicked() {
            commands.push(Command::Data(crate::command::DataCommand::OpenRecord(Some((source, record)))));
            commands.push(Command::Time(TimeCommand::SetDay(day)));
        }
        if let Some(s) = inputs.sources.get(source) {
            let title = s.imported.records.title.get(record as usize);
            response.on_hover_text_at_pointer(format!("{title}\n{}", s.imported.name));
        }
        return;
    }
    if response.clicked() {
        if let Some((i, s)) = nearest {
            if let Some(e) = inputs.dataset.events.get(i) {
                commands.push(Command::Card(CardCommand::SelectEvent(Some(e.id.clone()))));
            }
            commands.push(Command::Time(TimeCommand::SetDay(s)));
        } else {
            commands.push(Command::Time(TimeCommand::SetDay(pointer.x)));
        }
    } else if response.dragged_by(egui::PointerButton::Primary) {
        commands.push(Command::Time(TimeCommand::SetDay(pointer.x)));
    }
    if let Some(e) = nearest.and_then(|(i, _)| inputs.dataset.events.get(i)) {
        let text = format!("{}\n{}", e.title, e.span().long());
        response.on_hover_text_at_pointer(text);
    }
}

/// The event marker nearest the pointer within [`PICK_POINTS`], as (event index, start day).
fn nearest_event(
    plot_ui: &egui_plot::PlotUi<'_>,
    inputs: &TimelineInputs<'_>,
    pointer: egui::Pos2,
) -> Option<(usize, f64)> {
    let left = plot_ui.plot_from_screen(pointer - egui::vec2(PICK_POINTS, 0.0)).x;
    let right = plot_ui.plot_from_screen(pointer + egui::vec2(PICK_POINTS, 0.0)).x;
    inputs
        .index
        .events
        .overlapping(left, right)
        .filter_map(|i| {
            let e = inputs.dataset.events.get(i).filter(|e| inputs.filters.shows_event(e))?;
            let &(s, _) = inputs.index.event_days.get(i)?;
            let y = event_y(EventGroup::of(e.kind), inputs.compact);
            let at = plot_ui.screen_from_plot(PlotPoint::new(s, y));
            let d = at.distance(pointer);
            (d <= PICK_POINTS).then_some((i, s, d))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .map(|(i, s, _)| (i, s))
}

/// The number of imported lanes above the atlas's, from the plot's top (for the grid marks).
fn data_lanes_len(top: f64) -> i32 {
    (top + 0.4 - super::timeline_data::FIRST_LANE_Y).round().max(0.0) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_eras_take_different_rows() {
        // 2011 to now and 2014 to now overlap: one name at the top, one at the bottom; a third overlapping
        // both goes unnamed; a later era that starts after the first ends takes the top again.
        let days = [(100.0, 900.0), (300.0, 900.0), (400.0, 500.0), (950.0, 990.0)];
        let rows = era_label_rows(&days);
        assert_eq!(
            rows,
            vec![
                Some(egui::Align2::CENTER_TOP),
                Some(egui::Align2::CENTER_BOTTOM),
                None,
                Some(egui::Align2::CENTER_TOP)
            ]
        );
    }
}
