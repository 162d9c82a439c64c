//! Protecting powers: who speaks for whom where there are no relations, at the current date; the
//! relation diagram; and the checked claims of the source documents.

use egui::{Align2, Color32, FontId, RichText, Sense, Stroke, Ui, Vec2};

use crate::command::{CardCommand, Command, WindowCommand};
use crate::map::content::ContentIndex;
use crate::map::inset::{InsetMark, WorldInset, inset_ui};
use crate::model::dataset::{Dataset, Relation, Verdict};
use crate::model::date::FuzzyDate;
use crate::model::search::Hit;
use crate::theme;

/// "Switzerland represents the United States in Iran".
pub fn relation_sentence(r: &Relation, d: &Dataset) -> String {
    format!(
        "{} represents {} in {}",
        d.country_name(&r.protecting),
        d.country_name(&r.represented),
        d.country_name(&r.host)
    )
}

/// The relations in force at `day`, in one compact strip ("In force on 1 June 1985: Switzerland for
/// United States of America in Iran; ..."): the channels are what the panel is for, so they show
/// without a click and follow the date. Each opens its card. The strip names at most [`IN_FORCE_SHOWN`]
/// so the card below keeps its room; returns true when the user asks for the others (the full list).
pub fn in_force_ui(
    ui: &mut Ui,
    d: &Dataset,
    index: &ContentIndex,
    (day, month_only, named): (f64, bool, usize),
    commands: &mut Vec<Command>,
) -> bool {
    let (on, date) = if month_only {
        ("in", crate::time::format_current(day, f64::INFINITY))
    } else {
        ("on", crate::time::format_current(day, 0.0))
    };
    let active: Vec<(&Relation, &str)> = d
        .relations
        .iter()
        .zip(&index.relation_titles)
        .enumerate()
        .filter(|(i, _)| index.relation_active(*i, day))
        .map(|(_, (r, title))| (r, title.as_str()))
        .collect();
    let mut more = false;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        if active.is_empty() {
            ui.label(RichText::new(format!("No protecting power in force {on} {date}")).weak());
            return;
        }
        let header = RichText::new(format!("In force {on} {date}:")).strong();
        if month_only {
            // While playing the month changes every few frames: the header keeps the width of the longest
            // month's, so the links after it stay put (on screen, and laid out as they were).
            let width = widest_month_header(ui, day);
            let size = egui::vec2(width, ui.spacing().interact_size.y);
            ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.set_min_width(width);
                ui.label(header);
            });
        } else {
            ui.label(header);
        }
        let shown = active.len().min(named);
        for (n, &(r, text)) in active.iter().take(shown).enumerate() {
            if ui.link(text).on_hover_text(format!("{}: {}", r.covers.label(), r.summary)).clicked() {
                commands.push(Command::Card(CardCommand::Open(Some(Hit::Relation(r.id.clone())))));
            }
            if n + 1 < shown {
                ui.label(";");
            }
        }
        if active.len() > shown {
            more = ui.link(format!("and {} more", active.len() - shown)).clicked();
        }
    });
    more
}

/// The width of the in-force header for the longest month of `day`'s year, in points.
fn widest_month_header(ui: &Ui, day: f64) -> f32 {
    use chrono::Datelike as _;
    let year = crate::time::date_from_day(day).year();
    (1..=12)
        .filter_map(|month| chrono::NaiveDate::from_ymd_opt(year, month, 15))
        .map(|d| {
            let date = crate::time::format_current(crate::time::day_from_date(d), f64::INFINITY);
            let text = egui::WidgetText::from(RichText::new(format!("In force in {date}:")).strong());
            text.into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Body).size().x
        })
        .fold(0.0, f32::max)
}

/// How many relations the in-force strip names before "and N more".
pub const IN_FORCE_SHOWN: usize = 4;
/// How many it names on a short screen (a projector) while a card is open, so the card and the tabs
/// keep their room.
pub const IN_FORCE_SHOWN_SHORT: usize = 2;

/// The list of relations: active ones strong, the others greyed with their dates.
pub fn relations_ui(
    ui: &mut Ui,
    d: &Dataset,
    index: &ContentIndex,
    day: f64,
    active_only: bool,
    selected: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let mut only = active_only;
    if ui.checkbox(&mut only, "Only those in force at this date").changed() {
        commands.push(Command::Window(WindowCommand::RelationsActiveOnly(only)));
    }
    let mut order: Vec<usize> = (0..d.relations.len()).collect();
    order.sort_by_key(|&i| (!index.relation_active(i, day), i));
    for i in order {
        let Some(r) = d.relations.get(i) else { continue };
        let active = index.relation_active(i, day);
        if only && !active {
            continue;
        }
        let text = format!("{}, {}", relation_sentence(r, d), r.span.long());
        let rich = if active { RichText::new(text).strong() } else { RichText::new(text).weak() };
        let is_selected = selected == Some(r.id.as_str());
        let response =
            ui.selectable_label(is_selected, rich).on_hover_text(format!("{}: {}", r.covers.label(), r.summary));
        if response.clicked() {
            commands.push(Command::Card(CardCommand::Open(Some(Hit::Relation(r.id.clone())))));
        }
    }
}

/// The relation card's heading and diagram: protecting state → represented state, in the host state, with
/// the channel the other way if there is one at an overlapping time.
pub fn relation_card_ui(ui: &mut Ui, r: &Relation, d: &Dataset, inset: &WorldInset, commands: &mut Vec<Command>) {
    ui.heading(relation_sentence(r, d));
    ui.label(format!("{}, {}", r.covers.label(), r.span.long()));
    diagram_ui(ui, r, d);
    let marks = [
        InsetMark { a3: &r.protecting, label: d.country_name(&r.protecting) },
        InsetMark { a3: &r.represented, label: d.country_name(&r.represented) },
        InsetMark { a3: &r.host, label: d.country_name(&r.host) },
    ];
    inset_ui(ui, inset, &marks, &[(1, 0, "entrusts"), (0, 2, "acts in")]);
    let overlaps = |x: &Relation| {
        let (a0, a1) = (r.span.start.first_day(), r.span.end.map(FuzzyDate::last_day));
        let (b0, b1) = (x.span.start.first_day(), x.span.end.map(FuzzyDate::last_day));
        a1.is_none_or(|a1| b0 <= a1) && b1.is_none_or(|b1| a0 <= b1)
    };
    let reverse = d
        .relations
        .iter()
        .filter(|x| x.represented == r.host && x.host == r.represented && overlaps(x))
        .collect::<Vec<_>>();
    if !reverse.is_empty() {
        ui.label(RichText::new("The other direction").strong());
        for x in reverse {
            if ui.link(format!("{}, {}", relation_sentence(x, d), x.span.long())).clicked() {
                commands.push(Command::Card(CardCommand::Open(Some(Hit::Relation(x.id.clone())))));
            }
        }
    }
    ui.label(&r.summary);
}

/// Protecting state, the state it speaks for, and where: three rows joined by arrows, so long names fit.
fn diagram_ui(ui: &mut Ui, r: &Relation, d: &Dataset) {
    let width = ui.available_width().min(380.0);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(width, 118.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let ink = ui.visuals().strong_text_color();
    let weak = ui.visuals().weak_text_color();
    let name_font = FontId::proportional(theme::size::UI_BODY + 1.0);
    let small = FontId::proportional(theme::size::UI_SMALL);
    let x = rect.center().x;
    let rows = [rect.top() + 12.0, rect.top() + 58.0, rect.top() + 104.0];
    let names = [d.country_name(&r.protecting), d.country_name(&r.represented), d.country_name(&r.host)];
    for (y, name) in rows.iter().zip(names) {
        painter.text(egui::pos2(x, *y), Align2::CENTER_CENTER, name, name_font.clone(), ink);
    }
    for (i, caption) in [(0, "speaks for"), (1, "in")] {
        let (Some(&top), Some(&bottom)) = (rows.get(i), rows.get(i + 1)) else { continue };
        let from = egui::pos2(x, top + 12.0);
        let to = egui::pos2(x, bottom - 12.0);
        painter.arrow(from, to - from, Stroke::new(2.5, theme::RELATION));
        painter.text(egui::pos2(x + 10.0, (from.y + to.y) / 2.0), Align2::LEFT_CENTER, caption, small.clone(), weak);
    }
}

/// The checked claims: what a document says, the verdict, and what the sources say instead.
pub fn claims_ui(ui: &mut Ui, d: &Dataset) {
    ui.label("Claims made by the source documents, checked against other sources. A confident text can be wrong.");
    for c in &d.claims {
        ui.separator();
        let (color, verdict) = match c.verdict {
            Verdict::Confirmed => (Color32::from_rgb(0x00, 0x9E, 0x73), "Confirmed"),
            Verdict::Contradicted => (theme::NOW_LINE, "Contradicted"),
            Verdict::Unverified => (Color32::from_rgb(0x80, 0x80, 0x80), "Unverified"),
        };
        ui.label(RichText::new(verdict).color(Color32::WHITE).background_color(color).strong());
        ui.label(RichText::new(format!("“{}”", c.claim)).italics());
        ui.label(RichText::new(format!("— {}", c.document)).small());
        ui.label(&c.correction);
        super::links::sources_ui(ui, &c.sources);
    }
}
