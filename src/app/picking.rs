//! What a click on the map opens: the marker drawn under the pointer at this date (the date stays; the
//! card has a "Go to date" button), else the smallest armed group's area under it, else the country. When
//! several records are drawn alike on one spot (Baghdad's embassy and interests sections) or several
//! areas overlap, a small chooser lists them.

use crate::command::{CardCommand, Chooser, Command, MapCommand, Pick};
use crate::map::content::{Marker, MarkerItem, marker_at};
use crate::map::projection::MapPoint;
use crate::map::view::MapOutput;
use crate::model::date::Presence;
use crate::model::search::Hit;

use super::TimeAtlasApp;

/// Markers closer than this (points) to the one under the pointer are drawn on top of each other.
const STACK_POINTS: f32 = 4.0;
/// How far from a marker a click still picks it, points (the user's imported records: a little less).
const PICK_POINTS: f32 = 10.0;
const PICK_IMPORTED_POINTS: f32 = 8.0;

impl TimeAtlasApp {
    /// Takes what the map reported this frame: hover, the view, and a click.
    pub(super) fn take_map_output(&mut self, output: &MapOutput, commands: &mut Vec<Command>) {
        self.hovered = output.hovered_country;
        self.drawn.view = output.effective_memory;
        self.pointer = output.pointer_geo;
        if let Some(memory) = output.new_memory {
            commands.push(Command::Map(MapCommand::SetView(memory)));
        }
        let marker = output.pointer_screen.and_then(|p| {
            let cluster = || {
                crate::map::density::cluster_at(&self.drawn.imported_clusters, p)
                    .map(|i| Marker { item: MarkerItem::ImportedCluster(i), pos: p })
            };
            marker_at(&self.drawn.markers, p, PICK_POINTS)
                .or_else(|| marker_at(&self.drawn.imported_markers, p, PICK_IMPORTED_POINTS))
                .cloned()
                .or_else(cluster)
        });
        if let Some(MarkerItem::ImportedCluster(i)) = marker.as_ref().map(|m| &m.item)
            && output.clicked.is_some()
        {
            // A disc opens into its records: zoom in on it until they are markers.
            if let (Some(c), Some(scale)) = (self.drawn.imported_clusters.get(*i), self.drawn.view.points_per_km) {
                let view = crate::map::MapMemory { center: c.center, points_per_km: Some(scale * 4.0) };
                commands.push(Command::Map(MapCommand::SetView(view)));
            }
        } else if let (Some(clicked), Some(pointer)) = (output.clicked, output.pointer_screen) {
            let picks = self.picks_at(pointer, output);
            match picks.as_slice() {
                [] => {
                    let a3 = clicked.and_then(|i| self.doc.data.atlas.countries.get(i)).map(|c| c.id.clone());
                    commands.push(Command::Map(MapCommand::SelectCountry(a3)));
                    commands.push(Command::Card(CardCommand::CloseChooser));
                }
                [(_, one)] => {
                    commands.push(open_command(one));
                    commands.push(Command::Card(CardCommand::CloseChooser));
                }
                _ => commands.push(Command::Card(CardCommand::OpenChooser(Chooser { at: pointer, items: picks }))),
            }
        }
        self.drawn.hovered_marker = marker;
    }

    /// What a click at `pointer` opens: the marker on top, or every marker drawn alike on that spot;
    /// without a marker, the armed groups' areas there, smallest first.
    fn picks_at(&self, pointer: egui::Pos2, output: &MapOutput) -> Vec<(String, Pick)> {
        let top = marker_at(&self.drawn.markers, pointer, PICK_POINTS)
            .or_else(|| marker_at(&self.drawn.imported_markers, pointer, PICK_IMPORTED_POINTS));
        if let Some(top) = top {
            let all = self.drawn.markers.iter().chain(&self.drawn.imported_markers).rev();
            let mut stack: Vec<&Marker> = all.filter(|m| m.pos.distance(top.pos) <= STACK_POINTS).collect();
            // The most visible first (open before closed); among equals the one drawn last, on top.
            stack.sort_by_key(|m| std::cmp::Reverse(self.prominence(m)));
            let best = stack.first().map(|m| self.prominence(m));
            // Only records drawn as prominently as the top one compete; a closed post under an open
            // one is not what the user clicked.
            stack.retain(|m| Some(self.prominence(m)) == best);
            return stack.into_iter().filter_map(|m| self.pick_of(m)).collect();
        }
        let Some(projector) = output.projector else { return Vec::new() };
        if !self.settings.filters.show_groups {
            return Vec::new();
        }
        self.group_areas_under(projector.map_from_screen(pointer))
    }

    /// The groups whose areas shown at this date hold `at`, smallest area first, each group once.
    fn group_areas_under(&self, at: MapPoint) -> Vec<(String, Pick)> {
        let day = self.settings.time.current_day;
        let layer = &self.doc.content.group_areas;
        let mut found: Vec<(f64, usize)> = Vec::new();
        for (g, _) in self.doc.dataset.groups.iter().enumerate() {
            for (a, _) in self.doc.content.group_areas_at(g, day) {
                if layer.hit_area(a, at)
                    && let Some(area) = layer.areas.get(a)
                {
                    found.push((area.bbox.width_km() * area.bbox.height_km(), g));
                }
            }
        }
        found.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut seen = Vec::new();
        found
            .into_iter()
            .filter(|&(_, g)| {
                let new = !seen.contains(&g);
                seen.push(g);
                new
            })
            .filter_map(|(_, g)| self.doc.dataset.groups.get(g))
            .map(|g| (g.name.clone(), Pick::Record(Hit::Group(g.id.clone()))))
            .collect()
    }

    /// How visibly a marker is drawn: open records and events 2, faded (uncertain) 1, closed posts 0.
    fn prominence(&self, m: &Marker) -> u8 {
        match m.item {
            MarkerItem::Position(i) => match self.doc.content.position_presence(i, self.settings.time.current_day) {
                Presence::Present => 2,
                Presence::Uncertain => 1,
                Presence::NotYet | Presence::Ended => 0,
            },
            MarkerItem::Event(_) | MarkerItem::Imported { .. } | MarkerItem::ImportedCluster(_) => 2,
        }
    }

    fn pick_of(&self, m: &Marker) -> Option<(String, Pick)> {
        let name = self.marker_text(m)?.lines().next().unwrap_or_default().to_owned();
        let pick = match m.item {
            MarkerItem::Event(i) => Pick::Record(Hit::Event(self.doc.dataset.events.get(i)?.id.clone())),
            MarkerItem::Position(i) => Pick::Record(Hit::Position(self.doc.dataset.positions.get(i)?.id.clone())),
            MarkerItem::Imported { source, record } => Pick::Imported(source, record),
            MarkerItem::ImportedCluster(_) => return None,
        };
        Some((name, pick))
    }

    /// The chooser, when open: one button per record; Esc or a click elsewhere closes it.
    pub(super) fn chooser_ui(&self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(chooser) = &self.chooser else { return };
        let area = egui::Area::new(egui::Id::unique("map-chooser"))
            .order(egui::Order::Foreground)
            .fixed_pos(chooser.at + egui::vec2(8.0, 8.0))
            .constrain(true)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new("Several here: open which?").strong());
                    for (name, pick) in &chooser.items {
                        if ui.button(name).clicked() {
                            commands.push(open_command(pick));
                            commands.push(Command::Card(CardCommand::CloseChooser));
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::Card(CardCommand::CloseChooser));
                    }
                });
            });
        let clicked_elsewhere = ctx.input(|i| i.pointer.any_pressed())
            && ctx.pointer_interact_pos().is_some_and(|p| !area.response.rect.contains(p));
        if ctx.input(|i| i.key_pressed(egui::Key::Escape)) || clicked_elsewhere {
            commands.push(Command::Card(CardCommand::CloseChooser));
        }
    }
}

/// The command that opens a pick's card without moving the date.
fn open_command(pick: &Pick) -> Command {
    match pick {
        Pick::Record(hit) => Command::Card(CardCommand::OpenCard(Some(hit.clone()))),
        Pick::Imported(source, record) => {
            Command::Data(crate::command::DataCommand::OpenRecord(Some((*source, *record))))
        }
    }
}
