use super::country::tests::BoxAreas;
use super::*;

/// `text` laid out by a real egui pass at each of `sizes` (points).
fn galleys(text: &str, sizes: &[f32]) -> Vec<Arc<Galley>> {
    let ctx = egui::Context::default();
    let mut out = Vec::new();
    ctx.run_ui(egui::RawInput::default(), |ui| {
        for &s in sizes {
            out.push(ui.painter().layout_no_wrap(text.to_owned(), FontId::proportional(s), Color32::BLACK));
        }
    })
    .textures_delta
    .clear();
    out
}

/// A placed label with its text's box centred at `centre`.
fn placed(mut galleys: Vec<Arc<Galley>>, centre: Pos2, style: LabelStyle, inside_area: Option<usize>) -> PlacedLabel {
    let galley = galleys.remove(0);
    let rect = Rect::from_center_size(centre, galley.size());
    PlacedLabel {
        pos: rect.min - galley.rect.min.to_vec2(),
        galley,
        smaller: galleys,
        dot: None,
        anchor: centre,
        style,
        inside_area,
        keep: false,
        leader: None,
        over_markers: false,
    }
}

/// A city label placed to the right of its dot at (100, 100).
fn city_label(text: &str) -> PlacedLabel {
    let anchor = Pos2::new(100.0, 100.0);
    let galley = galleys(text, &[13.0]).remove(0);
    let rect = Align2::LEFT_CENTER.anchor_size(anchor + Vec2::new(size::CITY_DOT + 3.0, 0.0), galley.size());
    let mut label = placed(vec![galley], rect.center(), LabelStyle::City { big: true }, None);
    label.dot = Some(anchor);
    label.anchor = anchor;
    label
}

/// No countries at all (labels that are not a country's name never ask).
fn no_areas() -> BoxAreas {
    BoxAreas { boxes: Vec::new(), focus: 0 }
}

#[test]
fn a_covered_label_moves_aside_and_is_dropped_when_boxed_in() {
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::splat(400.0));
    let label = city_label("Baghdad");
    let covered = Rect::from_center_size(label.rect().center(), Vec2::splat(18.0));
    let moved = clear_of(std::slice::from_ref(&label), &[covered], screen, &no_areas());
    assert_eq!(moved.len(), 1);
    assert!(!moved[0].rect().intersects(covered), "{:?} still under {covered:?}", moved[0].rect());
    assert!(moved[0].rect().right() <= 100.0, "moved to the dot's left side: {:?}", moved[0].rect());
    // A free label stays where it was.
    let far = Rect::from_center_size(Pos2::new(300.0, 300.0), Vec2::splat(18.0));
    assert_eq!(clear_of(std::slice::from_ref(&label), &[far], screen, &no_areas())[0].pos, label.pos);
    // Markers all around: no room left, the name is dropped rather than covered.
    let all_round = Rect::from_center_size(Pos2::new(100.0, 100.0), Vec2::new(400.0, 200.0));
    assert!(clear_of(&[label], &[all_round], screen, &no_areas()).is_empty());
}

/// A neighbour's name under markers, with its usual spots around the anchor covered too, moves to the
/// free corner of its country rather than being dropped, and stays out of the focus country next door.
#[test]
fn a_country_name_moves_to_a_free_spot_in_its_country() {
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(600.0, 400.0));
    let focus = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(300.0, 400.0));
    let country = Rect::from_min_max(Pos2::new(300.0, 0.0), Pos2::new(500.0, 300.0));
    let areas = BoxAreas { boxes: vec![focus, country], focus: 1 };
    let label = placed(galleys("Kuwait", &[15.0, 12.75, 10.8]), Pos2::new(400.0, 150.0), LabelStyle::Context, Some(1));
    // Markers over the middle and west of the country: only its north-east corner is free.
    let markers = [Rect::from_min_max(Pos2::new(280.0, 60.0), Pos2::new(520.0, 320.0))];
    let moved = clear_of(std::slice::from_ref(&label), &markers, screen, &areas);
    assert_eq!(moved.len(), 1, "moved, not dropped");
    let r = moved[0].rect();
    assert!(!markers[0].intersects(r), "{r:?}");
    assert!(country.contains(r.center()) && r.left() >= 300.0, "in its country, off the focus country: {r:?}");
    assert_eq!(moved[0].galley.size(), label.galley.size(), "full size while it fits");
}

/// Where a country has room for its name only at a smaller size, the name shrinks rather than go.
#[test]
fn a_country_name_shrinks_before_it_is_dropped() {
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(600.0, 400.0));
    let sizes = galleys("SYRIA", &[22.0, 18.7, 15.84]);
    let (big, small) = (sizes[0].size(), sizes[2].size());
    // A country only the smallest name fits in (its letters, that is: the halo may cross the border),
    // between two focus countries.
    let country = Rect::from_center_size(Pos2::new(300.0, 200.0), Vec2::new(small.x * 0.9, 120.0));
    let west = Rect::from_min_max(Pos2::ZERO, Pos2::new(country.left(), 400.0));
    let east = Rect::from_min_max(Pos2::new(country.right(), 0.0), Pos2::new(600.0, 400.0));
    let areas = BoxAreas { boxes: vec![country, west, east], focus: 3 };
    assert!(big.x > country.width(), "the full-size name does not fit");
    let label = placed(sizes, country.center(), LabelStyle::Focus, Some(0));
    let marker = [Rect::from_center_size(country.center(), Vec2::splat(18.0))];
    let moved = clear_of(std::slice::from_ref(&label), &marker, screen, &areas);
    assert_eq!(moved.len(), 1);
    let r = moved[0].rect();
    assert!(!marker[0].intersects(r) && country.contains_rect(r.shrink2(r.size() * 0.12)), "{r:?} in {country:?}");
    assert_eq!(moved[0].galley.size(), small, "shrunk to the size that fits");
    assert!(moved[0].smaller.is_empty());
}

/// Placing from scratch: a focus country whose usual spots the larger neighbour's name took finds
/// another spot inside it, and neither name reaches over the other country.
#[test]
fn a_focus_name_finds_room_beside_a_bigger_neighbours_name() {
    let screen = Rect::from_min_size(Pos2::ZERO, Vec2::new(512.0, 384.0));
    let big = Rect::from_min_max(Pos2::new(0.0, 0.0), Pos2::new(260.0, 384.0));
    let north = Rect::from_min_max(Pos2::new(260.0, 0.0), Pos2::new(512.0, 160.0));
    let areas = BoxAreas { boxes: vec![big, north], focus: 2 };
    let candidate = |text: &str, anchor: Pos2, area: usize| Candidate {
        text: text.to_owned(),
        anchor,
        style: LabelStyle::Focus,
        reserve_dot: false,
        inside_area: Some(area),
        keep: false,
    };
    // The smaller country's label point lies where the big one's name already is.
    let candidates = [candidate("IRAQ", Pos2::new(240.0, 150.0), 0), candidate("SYRIA", Pos2::new(265.0, 150.0), 1)];
    let ctx = egui::Context::default();
    let mut labels = Vec::new();
    ctx.run_ui(egui::RawInput::default(), |ui| {
        let palette = crate::theme::map_palette(crate::theme::ThemeChoice::Light);
        labels = place_labels(ui.painter(), screen, &candidates, &palette, &areas, &[]);
    })
    .textures_delta
    .clear();
    let texts: Vec<&str> = labels.iter().map(|l| l.galley.text()).collect();
    assert_eq!(texts, ["IRAQ", "SYRIA"]);
    for (label, own) in labels.iter().zip([big, north]) {
        let r = label.rect();
        assert!(own.contains(r.center()), "{:?} at {r:?}", label.galley.text());
        let other = if own == big { north } else { big };
        assert!(!other.intersects(r.shrink2(r.size() * 0.15)), "{:?} at {r:?} over its neighbour", label.galley.text());
    }
}
