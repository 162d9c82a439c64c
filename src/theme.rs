//! Every colour, stroke width and font size of the atlas lives here.
//!
//! Colours are chosen for projectors (light theme: dark text on pale land, strong borders) and for
//! colour-blind viewers: highlights use the Okabe–Ito orange and vermillion, which stay distinct from the
//! blue sea and the sand/grey land for deuteranopia and protanopia; focus and context land differ in
//! lightness as well as hue, so they read apart in greyscale too.

use egui::Color32;
use serde::{Deserialize, Serialize};

/// Which palette the user picked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Pale land, dark text: best on projectors and paper.
    #[default]
    Light,
    /// Dark land and sea, light text: for dim rooms and screens.
    Dark,
    /// Highest contrast and thick strokes, for washed-out classroom projectors.
    Projector,
}

impl ThemeChoice {
    /// Both choices, for menus.
    pub const ALL: [Self; 3] = [Self::Light, Self::Dark, Self::Projector];

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Light => "Light",
            Self::Dark => "Dark",
            Self::Projector => "Projector (high contrast)",
        }
    }
}

/// The map's colours.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPalette {
    /// Seas, oceans and the Caspian.
    pub sea: Color32,
    /// Lakes.
    pub lake: Color32,
    /// Land of the world underlay.
    pub world_land: Color32,
    /// Land of the neighbouring countries.
    pub context_land: Color32,
    /// Land of Iran, Iraq, Syria and Yemen.
    pub focus_land: Color32,
    /// Borders of the world underlay.
    pub world_border: Color32,
    /// Borders of neighbouring countries.
    pub context_border: Color32,
    /// Borders of the focus countries.
    pub focus_border: Color32,
    /// Province and governorate borders (full strength; faded in as one zooms).
    pub province_border: Color32,
    /// Fill laid over a hovered country.
    pub hover_fill: Color32,
    /// Outline of a hovered country.
    pub hover_stroke: Color32,
    /// Fill laid over the selected country.
    pub selected_fill: Color32,
    /// Outline of the selected country.
    pub selected_stroke: Color32,
    /// Focus country names.
    pub label_focus: Color32,
    /// Neighbour names.
    pub label_context: Color32,
    /// City names.
    pub label_city: Color32,
    /// Province names.
    pub label_province: Color32,
    /// Sea names.
    pub label_sea: Color32,
    /// The outline drawn around label text so it reads over borders.
    pub label_halo: Color32,
    /// City dots.
    pub city_dot: Color32,
    /// The line from a name placed away from its feature back to it (drawn over a halo).
    pub label_leader: Color32,
    /// Scale bar ink.
    pub scale_bar: Color32,
    /// Multiplies every border width (thick strokes for projectors).
    pub stroke_scale: f32,
}

/// Sizes in screen points.
pub mod size {
    /// World underlay border width.
    pub const WORLD_BORDER: f32 = 0.6;
    /// Neighbour border width.
    pub const CONTEXT_BORDER: f32 = 0.9;
    /// Focus country border width.
    pub const FOCUS_BORDER: f32 = 1.6;
    /// Province border width.
    pub const PROVINCE_BORDER: f32 = 0.7;
    /// Hover and selection outline width.
    pub const HIGHLIGHT_BORDER: f32 = 3.0;
    /// Focus country label size.
    pub const LABEL_FOCUS: f32 = 22.0;
    /// Neighbour label size.
    pub const LABEL_CONTEXT: f32 = 15.0;
    /// Sea label size.
    pub const LABEL_SEA: f32 = 14.0;
    /// City label size.
    pub const LABEL_CITY: f32 = 14.0;
    /// Capital and million-city label size.
    pub const LABEL_BIG_CITY: f32 = 15.5;
    /// Province label size.
    pub const LABEL_PROVINCE: f32 = 12.5;
    /// City dot radius.
    pub const CITY_DOT: f32 = 3.0;
    /// Gap kept between labels.
    pub const LABEL_GAP: f32 = 3.0;
    /// Halo offset around label text.
    pub const LABEL_HALO: f32 = 1.2;
    /// Width of the line from a name placed away from its feature (its halo is two points wider).
    pub const LEADER_LINE: f32 = 1.2;
    /// Room between a name placed away from its feature and the start of its line.
    pub const LEADER_GAP: f32 = 2.0;
    /// Body text of the interface (larger than egui's 12.5 for projectors).
    pub const UI_BODY: f32 = 15.0;
    /// Headings of the interface.
    pub const UI_HEADING: f32 = 21.0;
    /// Buttons and menus.
    pub const UI_BUTTON: f32 = 15.0;
    /// Small print (credits, coordinates).
    pub const UI_SMALL: f32 = 12.5;
    /// The smallest type a slide's caption takes while presenting: still legible from the back of a
    /// classroom on a projector (a longer caption wraps onto more lines instead).
    pub const CAPTION_MIN: f32 = 15.0;
    /// Event marker radius when the event is long past its window.
    pub const EVENT_MARKER_MIN: f32 = 4.0;
    /// Event marker radius while it is happening.
    pub const EVENT_MARKER_MAX: f32 = 9.0;
    /// Side of a US position's marker (a military square; the diplomatic house is as wide).
    pub const POSITION_MARKER: f32 = 10.0;
    /// Side of the box the keyboard focus ring draws around a marker (the largest marker and a margin).
    pub const MARKER_FOCUS_BOX: f32 = 30.0;
    /// Width of the keyboard focus ring (over a halo two points wider).
    pub const FOCUS_RING: f32 = 2.5;
    /// Smallest marker of an imported record (it grows with deaths).
    pub const IMPORT_MARKER: f32 = 3.0;
    /// The large current-date text under the map.
    pub const DATE_BIG: f32 = 28.0;
    /// Height of the timeline plot.
    pub const TIMELINE_HEIGHT: f32 = 210.0;
    /// Outline of the areas of the armed group whose card is open.
    pub const GROUP_SELECTED_OUTLINE: f32 = 3.5;
    /// The current date in the one-row timeline of a small screen.
    pub const DATE_COMPACT: f32 = 19.0;
    /// Height of the one-lane summary timeline of a small screen (with its year axis).
    pub const TIMELINE_COMPACT_HEIGHT: f32 = 46.0;
}

/// How much the other groups' areas fade while one group's card is open.
pub const GROUP_DIMMED: f32 = 0.3;

/// US military position (base, garrison, headquarters) marker fill when open (Okabe–Ito blue).
pub const POSITION_MILITARY: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
/// US diplomatic post (embassy, interests section) marker fill when open: a dark navy, told apart from the
/// military blue by its house shape as much as by colour.
pub const POSITION_DIPLOMATIC: Color32 = Color32::from_rgb(0x1F, 0x2E, 0x4A);
/// US positions on the timeline.
pub const POSITION_OPEN: Color32 = POSITION_MILITARY;
/// US position marker outline when closed.
pub const POSITION_CLOSED: Color32 = Color32::from_rgb(0x80, 0x80, 0x80);
/// The current-date line on the timeline.
pub const NOW_LINE: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// Protecting-power spans on the timeline (Okabe–Ito bluish green).
pub const RELATION: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);

/// Event colours by group (Okabe–Ito: vermillion, reddish purple, blue, near-black), distinct for the
/// common colour-vision deficiencies and doubled by marker shape.
pub const EVENT_VIOLENCE: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// See [`EVENT_VIOLENCE`].
pub const EVENT_POLITICS: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
/// See [`EVENT_VIOLENCE`].
pub const EVENT_DIPLOMACY: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
/// See [`EVENT_VIOLENCE`].
pub const EVENT_DISASTER: Color32 = Color32::from_rgb(0x33, 0x33, 0x33);

/// Armed groups' colours by backing (Okabe–Ito orange, sky blue, green, grey).
pub const BACKED_BY_IRAN: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
/// See [`BACKED_BY_IRAN`].
pub const BACKED_BY_US: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
/// See [`BACKED_BY_IRAN`].
pub const BACKED_BY_OTHER: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
/// See [`BACKED_BY_IRAN`].
pub const BACKED_BY_NONE: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);

/// Fill and edge of an armed group's area drawn in `base`.
pub fn group_area_colors(base: Color32) -> (Color32, Color32) {
    (base.gamma_multiply(0.16), base)
}

/// How many colours loaded files' layers take in turn (`import::sources::COLOR_SLOTS` is kept equal).
pub const IMPORT_COLOR_COUNT: usize = 6;

/// The map palette of a theme.
pub fn map_palette(choice: ThemeChoice) -> MapPalette {
    match choice {
        ThemeChoice::Light => MapPalette {
            sea: Color32::from_rgb(0xAE, 0xCB, 0xE0),
            lake: Color32::from_rgb(0xAE, 0xCB, 0xE0),
            world_land: Color32::from_rgb(0xEC, 0xEB, 0xE6),
            context_land: Color32::from_rgb(0xE3, 0xE1, 0xDA),
            focus_land: Color32::from_rgb(0xF6, 0xDF, 0xAE),
            world_border: Color32::from_rgb(0xB5, 0xB2, 0xAA),
            context_border: Color32::from_rgb(0x85, 0x80, 0x78),
            focus_border: Color32::from_rgb(0x4A, 0x3B, 0x2A),
            province_border: Color32::from_rgb(0x9C, 0x86, 0x68),
            hover_fill: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 70),
            hover_stroke: Color32::from_rgb(0xC7, 0x85, 0x00),
            selected_fill: Color32::from_rgba_unmultiplied(0xD5, 0x5E, 0x00, 60),
            selected_stroke: Color32::from_rgb(0xD5, 0x5E, 0x00),
            label_focus: Color32::from_rgb(0x2B, 0x1E, 0x10),
            label_context: Color32::from_rgb(0x55, 0x52, 0x4C),
            label_city: Color32::from_rgb(0x1E, 0x1E, 0x1E),
            label_province: Color32::from_rgb(0x6E, 0x5A, 0x40),
            label_sea: Color32::from_rgb(0x2F, 0x5C, 0x85),
            label_halo: Color32::from_rgba_unmultiplied(0xFF, 0xFF, 0xFF, 200),
            city_dot: Color32::from_rgb(0x1E, 0x1E, 0x1E),
            label_leader: Color32::from_rgb(0x55, 0x52, 0x4C),
            scale_bar: Color32::from_rgb(0x1E, 0x1E, 0x1E),
            stroke_scale: 1.0,
        },
        ThemeChoice::Projector => MapPalette {
            sea: Color32::from_rgb(0x6F, 0xA8, 0xD6),
            lake: Color32::from_rgb(0x6F, 0xA8, 0xD6),
            world_land: Color32::from_rgb(0xF2, 0xF2, 0xF2),
            context_land: Color32::from_rgb(0xDD, 0xDD, 0xDD),
            focus_land: Color32::from_rgb(0xFF, 0xD0, 0x6E),
            world_border: Color32::from_rgb(0x70, 0x70, 0x70),
            context_border: Color32::from_rgb(0x30, 0x30, 0x30),
            focus_border: Color32::BLACK,
            province_border: Color32::from_rgb(0x6A, 0x50, 0x30),
            hover_fill: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 90),
            hover_stroke: Color32::from_rgb(0xB0, 0x70, 0x00),
            selected_fill: Color32::from_rgba_unmultiplied(0xD5, 0x5E, 0x00, 90),
            selected_stroke: Color32::from_rgb(0xC0, 0x40, 0x00),
            label_focus: Color32::BLACK,
            label_context: Color32::from_rgb(0x20, 0x20, 0x20),
            label_city: Color32::BLACK,
            label_province: Color32::from_rgb(0x40, 0x30, 0x18),
            label_sea: Color32::from_rgb(0x0B, 0x30, 0x60),
            label_halo: Color32::WHITE,
            city_dot: Color32::BLACK,
            label_leader: Color32::from_rgb(0x20, 0x20, 0x20),
            scale_bar: Color32::BLACK,
            stroke_scale: 1.8,
        },
        ThemeChoice::Dark => MapPalette {
            sea: Color32::from_rgb(0x16, 0x26, 0x36),
            lake: Color32::from_rgb(0x16, 0x26, 0x36),
            world_land: Color32::from_rgb(0x2A, 0x2C, 0x2F),
            context_land: Color32::from_rgb(0x36, 0x38, 0x3C),
            focus_land: Color32::from_rgb(0x5A, 0x4B, 0x33),
            world_border: Color32::from_rgb(0x4E, 0x52, 0x57),
            context_border: Color32::from_rgb(0x7A, 0x7F, 0x86),
            focus_border: Color32::from_rgb(0xE8, 0xD2, 0xA6),
            province_border: Color32::from_rgb(0xA8, 0x92, 0x6C),
            hover_fill: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 70),
            hover_stroke: Color32::from_rgb(0xF0, 0xB0, 0x20),
            selected_fill: Color32::from_rgba_unmultiplied(0xD5, 0x5E, 0x00, 80),
            selected_stroke: Color32::from_rgb(0xFF, 0x7A, 0x1A),
            label_focus: Color32::from_rgb(0xFA, 0xEB, 0xCC),
            label_context: Color32::from_rgb(0xC4, 0xC7, 0xCC),
            label_city: Color32::from_rgb(0xF0, 0xF0, 0xF0),
            label_province: Color32::from_rgb(0xC9, 0xB4, 0x8E),
            label_sea: Color32::from_rgb(0x8C, 0xB8, 0xDE),
            label_halo: Color32::from_rgba_unmultiplied(0x10, 0x10, 0x10, 200),
            city_dot: Color32::from_rgb(0xF0, 0xF0, 0xF0),
            label_leader: Color32::from_rgb(0xC4, 0xC7, 0xCC),
            scale_bar: Color32::from_rgb(0xF0, 0xF0, 0xF0),
            stroke_scale: 1.0,
        },
    }
}

/// Sets egui's visuals and text sizes for a theme.
pub fn apply_to_egui(ctx: &egui::Context, choice: ThemeChoice) {
    let theme = match choice {
        ThemeChoice::Light | ThemeChoice::Projector => egui::Theme::Light,
        ThemeChoice::Dark => egui::Theme::Dark,
    };
    ctx.set_theme(theme);
    let projector = choice == ThemeChoice::Projector;
    ctx.all_styles_mut(|style| {
        style.visuals.override_text_color = projector.then_some(Color32::BLACK);
        if projector {
            style.visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, Color32::BLACK);
            style.visuals.selection.stroke = egui::Stroke::new(2.0, Color32::BLACK);
        }
        use egui::{FontFamily, FontId, TextStyle};
        style.text_styles = [
            (TextStyle::Small, FontId::new(size::UI_SMALL, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(size::UI_BODY, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(size::UI_BUTTON, FontFamily::Proportional)),
            (TextStyle::Heading, FontId::new(size::UI_HEADING, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(size::UI_BODY - 1.0, FontFamily::Monospace)),
        ]
        .into();
    });
}

/// Reduced motion: with transitions off, egui's own animations (menus, collapsing, scrolling) are instant too.
pub fn apply_motion(ctx: &egui::Context, transitions: bool) {
    let seconds = if transitions { ANIMATION_SECONDS } else { 0.0 };
    ctx.all_styles_mut(|style| style.animation_time = seconds);
}

/// egui's default animation time.
const ANIMATION_SECONDS: f32 = 0.2;

/// The colour of an error message in the interface.
pub fn error_text(choice: ThemeChoice) -> Color32 {
    match choice {
        ThemeChoice::Light | ThemeChoice::Projector => Color32::from_rgb(0xA0, 0x20, 0x10),
        ThemeChoice::Dark => Color32::from_rgb(0xFF, 0x8A, 0x70),
    }
}

/// The annotation palette (Okabe–Ito plus black and white): distinct for colour-blind viewers and strong
/// enough on a washed-out projector, in the order of the annotation colour choices.
pub const ANNOTATION_COLORS: [Color32; 8] = [
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0x00, 0x9E, 0x73),
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0xCC, 0x79, 0xA7),
    Color32::from_rgb(0x56, 0xB4, 0xE9),
    Color32::from_rgb(0x11, 0x11, 0x11),
    Color32::WHITE,
];

/// The halo drawn under annotation strokes and text so they read on any background: dark under white
/// ink, light under every other colour.
pub fn annotation_halo(ink: Color32) -> Color32 {
    if ink == Color32::WHITE { Color32::from_black_alpha(200) } else { Color32::from_white_alpha(220) }
}

/// Outline of the selected annotation and its handles.
pub const ANNOTATION_SELECTION: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
/// Country fill of the "highlight a country" annotation: the colour at this opacity.
pub const ANNOTATION_COUNTRY_ALPHA: f32 = 0.45;

/// The dim laid over everything outside the presentation spotlight.
pub const SPOTLIGHT_DIM: Color32 = Color32::from_rgba_premultiplied(0, 0, 0, 190);

/// Colours of the user's imported layers, in the order sources take them: distinct from the atlas's own
/// event colours and from each other for colour-blind viewers (Paul Tol's "bright" scheme, which the
/// Okabe–Ito colours of the atlas's own layers do not use).
pub const IMPORT_COLORS: [Color32; IMPORT_COLOR_COUNT] = [
    Color32::from_rgb(0xEE, 0x66, 0x77),
    Color32::from_rgb(0x22, 0x88, 0x33),
    Color32::from_rgb(0x44, 0x77, 0xAA),
    Color32::from_rgb(0xCC, 0xBB, 0x44),
    Color32::from_rgb(0x66, 0xCC, 0xEE),
    Color32::from_rgb(0xAA, 0x33, 0x77),
];

/// The colour of an imported source by its palette index.
pub fn import_color(index: usize) -> Color32 {
    IMPORT_COLORS.get(index % IMPORT_COLORS.len()).copied().unwrap_or(Color32::GRAY)
}

/// Text on a density disc of `fill`: black on light colours, white on dark ones.
pub fn density_label_color(fill: Color32) -> Color32 {
    let luma = 0.299 * f32::from(fill.r()) + 0.587 * f32::from(fill.g()) + 0.114 * f32::from(fill.b());
    if luma > 140.0 { Color32::BLACK } else { Color32::WHITE }
}

/// Size of an imported record's marker: larger with more deaths (log scale), in points.
pub fn import_marker_radius(fatalities: u32) -> f32 {
    size::IMPORT_MARKER + (1.0 + fatalities as f32).ln().min(5.0) * 0.9
}
