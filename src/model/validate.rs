//! Checks across the content files: ids unique, references resolve, causes earlier and acyclic,
//! sources present and within the source policy (`data/SOURCES.md`, `data/publishers.json`),
//! coordinates sane.

use std::collections::{HashMap, HashSet};

use super::dataset::{Confidence, Source};
use super::dataset_load::{DataFileKind, LoadedDataset};
use super::error::LoadError;
use super::geo::GeoBox;
use super::json_locate::Seg;
use super::layers::Atlas;
use super::publishers::{Publishers, Tier};

/// The focus countries: their events must lie in the region box.
const FOCUS_A3: [&str; 4] = ["IRN", "IRQ", "SYR", "YEM"];
/// How far (degrees) outside a named country's bounding box an event may sit (coasts, borders, rounding).
const COUNTRY_MARGIN_DEG: f64 = 1.0;
/// Longitude range of the region box (degrees east).
const REGION_LON: std::ops::RangeInclusive<f64> = 25.0..=65.0;
/// Latitude range of the region box (degrees north).
const REGION_LAT: std::ops::RangeInclusive<f64> = 10.0..=45.0;

/// Every cross-file problem of a loaded dataset; `atlas` gives the country shapes that event
/// coordinates are checked against, `publishers` the tier of every cited site.
pub fn validate(loaded: &LoadedDataset, atlas: &Atlas, publishers: &Publishers) -> Vec<LoadError> {
    let mut v = Validator { loaded, atlas, publishers, errors: Vec::new() };
    v.unique_ids();
    v.sources();
    v.references();
    v.causes();
    v.coordinates();
    v.errors.append(&mut super::validate_text::check(loaded));
    v.errors
}

/// A problem found while references are walked: record kind and id, field path (key, index), message.
type Problem = (DataFileKind, String, Vec<(String, Option<usize>)>, String);

struct Validator<'a> {
    loaded: &'a LoadedDataset,
    atlas: &'a Atlas,
    publishers: &'a Publishers,
    errors: Vec<LoadError>,
}

impl Validator<'_> {
    fn err(&mut self, kind: DataFileKind, id: &str, field: &[Seg<'_>], message: String) {
        let origin = self
            .loaded
            .origins
            .get(&(kind, id.to_owned()))
            .copied()
            .unwrap_or(super::dataset_load::Origin { file: usize::MAX, index: 0 });
        self.errors.push(self.loaded.error_at(kind, origin, id, field, message));
    }

    fn unique_ids(&mut self) {
        let mut seen: HashMap<&str, DataFileKind> = HashMap::new();
        for (id, kind, origin) in &self.loaded.all_ids {
            if *kind == DataFileKind::Countries {
                continue;
            }
            if !is_kebab_id(id) {
                let e = self.loaded.error_at(
                    *kind,
                    *origin,
                    id,
                    &[Seg::Key("id")],
                    format!("expected a lowercase kebab-case id, found {id:?}"),
                );
                self.errors.push(e);
            }
            if let Some(first) = seen.insert(id, *kind) {
                let e = self.loaded.error_at(
                    *kind,
                    *origin,
                    id,
                    &[Seg::Key("id")],
                    format!("duplicate id {id:?} (first used in {first:?})"),
                );
                self.errors.push(e);
            }
        }
    }

    /// Checks the sources at `base` (`["sources"]` for a record's own, deeper for a group's dated area)
    /// and the source policy on them.
    fn check_sources(
        &mut self,
        kind: DataFileKind,
        id: &str,
        base: &[Seg<'_>],
        sources: &[Source],
        confidence: Option<Confidence>,
    ) {
        let at = |tail: &[Seg<'static>]| -> Vec<Seg<'_>> { base.iter().copied().chain(tail.iter().copied()).collect() };
        if sources.is_empty() {
            self.err(kind, id, &at(&[]), "expected at least one source {\"url\", \"title\"}".into());
        }
        for (i, s) in sources.iter().enumerate() {
            if let Some(problem) = super::web::web_address_problem(&s.url) {
                self.err(kind, id, &at(&[Seg::Index(i), Seg::Key("url")]), problem);
            }
            if s.title.trim().is_empty() {
                self.err(kind, id, &at(&[Seg::Index(i), Seg::Key("title")]), "expected a title".into());
            }
        }
        for (i, problem) in policy_problems(self.publishers, sources, confidence) {
            let field = match i {
                Some(i) => at(&[Seg::Index(i), Seg::Key("url")]),
                None => at(&[]),
            };
            self.err(kind, id, &field, problem);
        }
    }

    fn sources(&mut self) {
        let d = &self.loaded.dataset;
        use DataFileKind as K;
        let all: Vec<(K, &str, &[Source], Option<Confidence>)> = d
            .events
            .iter()
            .map(|r| (K::Events, r.id.as_str(), r.sources.as_slice(), Some(r.confidence)))
            .chain(d.actors.iter().map(|r| (K::Actors, r.id.as_str(), r.sources.as_slice(), Some(r.confidence))))
            .chain(d.groups.iter().map(|r| (K::Groups, r.id.as_str(), r.sources.as_slice(), Some(r.confidence))))
            .chain(d.positions.iter().map(|r| (K::Positions, r.id.as_str(), r.sources.as_slice(), Some(r.confidence))))
            .chain(d.relations.iter().map(|r| (K::Relations, r.id.as_str(), r.sources.as_slice(), Some(r.confidence))))
            .chain(d.claims.iter().map(|r| (K::Claims, r.id.as_str(), r.sources.as_slice(), None)))
            .chain(d.eras.iter().map(|r| (K::Eras, r.id.as_str(), r.sources.as_slice(), Some(r.confidence))))
            .collect();
        for (kind, id, sources, confidence) in all {
            self.check_sources(kind, id, &[Seg::Key("sources")], sources, confidence);
        }
        for g in &d.groups {
            // An area's own sources are optional (the group's may cover it); those given must be well formed
            // and within the policy.
            for (i, area) in g.areas.iter().enumerate().filter(|(_, a)| !a.sources.is_empty()) {
                let base = [Seg::Key("areas"), Seg::Index(i), Seg::Key("sources")];
                self.check_sources(DataFileKind::Groups, &g.id, &base, &area.sources, Some(g.confidence));
            }
        }
    }

    fn references(&mut self) {
        let d = &self.loaded.dataset;
        let countries: HashSet<&str> = d.countries.iter().map(|c| c.a3.as_str()).collect();
        let actors: HashSet<&str> =
            d.actors.iter().map(|a| a.id.as_str()).chain(d.groups.iter().map(|g| g.id.as_str())).collect();
        let any_id: HashSet<&str> = self.loaded.all_ids.iter().map(|(id, _, _)| id.as_str()).collect();
        let mut problems: Vec<Problem> = Vec::new();
        let mut need_country = |kind: DataFileKind, id: &str, field: &str, index: Option<usize>, a3: &str| {
            if !countries.contains(a3) {
                problems.push((
                    kind,
                    id.to_owned(),
                    vec![(field.to_owned(), index)],
                    format!("unknown country code {a3:?} (expected an ISO alpha-3 code listed in countries.json)"),
                ));
            }
        };
        for e in &d.events {
            e.countries
                .iter()
                .enumerate()
                .for_each(|(i, c)| need_country(DataFileKind::Events, &e.id, "countries", Some(i), c));
        }
        for a in &d.actors {
            if let Some(c) = &a.country {
                need_country(DataFileKind::Actors, &a.id, "country", None, c);
            }
        }
        for g in &d.groups {
            g.backing
                .iter()
                .enumerate()
                .for_each(|(i, c)| need_country(DataFileKind::Groups, &g.id, "backing", Some(i), c));
            g.adversary_of
                .iter()
                .enumerate()
                .for_each(|(i, c)| need_country(DataFileKind::Groups, &g.id, "adversary_of", Some(i), c));
        }
        for p in &d.positions {
            need_country(DataFileKind::Positions, &p.id, "country", None, &p.country);
        }
        for r in &d.relations {
            for (field, c) in [("protecting", &r.protecting), ("represented", &r.represented), ("host", &r.host)] {
                need_country(DataFileKind::Relations, &r.id, field, None, c);
            }
        }
        for e in &d.events {
            for (i, a) in e.actors.iter().enumerate() {
                if !actors.contains(a.as_str()) {
                    problems.push((
                        DataFileKind::Events,
                        e.id.clone(),
                        vec![("actors".into(), Some(i))],
                        format!("unknown actor {a:?} (expected an id from actors.json or groups.geojson)"),
                    ));
                }
            }
        }
        for c in &d.claims {
            for (i, r) in c.related.iter().enumerate() {
                if !any_id.contains(r.as_str()) {
                    problems.push((
                        DataFileKind::Claims,
                        c.id.clone(),
                        vec![("related".into(), Some(i))],
                        format!("unknown id {r:?}"),
                    ));
                }
            }
        }
        for (kind, id, path, message) in problems {
            let segs: Vec<Seg<'_>> =
                path.iter().flat_map(|(k, i)| std::iter::once(Seg::Key(k.as_str())).chain(i.map(Seg::Index))).collect();
            self.err(kind, &id, &segs, message);
        }
    }

    fn causes(&mut self) {
        let d = &self.loaded.dataset;
        let by_id: HashMap<&str, usize> = d.events.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let mut problems = Vec::new();
        for e in &d.events {
            for (i, c) in e.causes.iter().enumerate() {
                match by_id.get(c.as_str()).and_then(|&k| d.events.get(k)) {
                    None => problems.push((e.id.clone(), i, format!("unknown event {c:?}"))),
                    Some(cause) if cause.date.first_day() > e.date.first_day() => {
                        problems.push((
                            e.id.clone(),
                            i,
                            format!("cause {c:?} ({}) is later than this event ({})", cause.date, e.date),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        // Cycles (possible only among same-day events, but checked in general): depth-first search.
        let mut state = vec![0u8; d.events.len()]; // 0 new, 1 on stack, 2 done
        for start in 0..d.events.len() {
            if let Some(e) = find_cycle(d, &by_id, start, &mut state).and_then(|at| d.events.get(at)) {
                problems.push((e.id.clone(), 0, "causes form a cycle through this event".into()));
            }
        }
        for (id, i, m) in problems {
            self.err(DataFileKind::Events, &id, &[Seg::Key("causes"), Seg::Index(i)], m);
        }
    }

    fn coordinates(&mut self) {
        let d = &self.loaded.dataset;
        let boxes = country_boxes(self.atlas);
        let mut problems = Vec::new();
        for e in &d.events {
            let Some(at) = e.at else { continue };
            let named: Vec<&GeoBox> = e.countries.iter().filter_map(|c| boxes.get(c.as_str())).flatten().collect();
            let near = |b: &&GeoBox| {
                (b.min.lon - COUNTRY_MARGIN_DEG..=b.max.lon + COUNTRY_MARGIN_DEG).contains(&at.lon)
                    && (b.min.lat - COUNTRY_MARGIN_DEG..=b.max.lat + COUNTRY_MARGIN_DEG).contains(&at.lat)
            };
            let in_focus = e.countries.iter().any(|c| FOCUS_A3.contains(&c.as_str()));
            let outside = if named.is_empty() {
                in_focus && !(REGION_LON.contains(&at.lon) && REGION_LAT.contains(&at.lat))
            } else {
                !named.iter().any(near)
            };
            if outside {
                problems.push((
                    e.id.clone(),
                    format!(
                        "placed at [{}, {}], outside every country it names ({}): are lon and lat swapped?",
                        at.lon,
                        at.lat,
                        e.countries.join(", ")
                    ),
                ));
            }
        }
        for (id, m) in problems {
            let origin = self.loaded.origins.get(&(DataFileKind::Events, id.clone())).copied();
            if let Some(origin) = origin {
                let mut e = self.loaded.error_at(DataFileKind::Events, origin, &id, &[], m);
                // Point at the coordinates (outside `properties`).
                if let Some(file) = self.loaded.files.get(origin.file) {
                    let path =
                        [Seg::Key("features"), Seg::Index(origin.index), Seg::Key("geometry"), Seg::Key("coordinates")];
                    if let Some(lc) = file.located.locate(&file.text, &path) {
                        e.place.line_col = Some((lc.line, lc.column));
                        e.field = Some("geometry.coordinates".into());
                    }
                }
                self.errors.push(e);
            }
        }
    }
}

/// Bounding boxes of each polygon of every bundled country (region file at 1:10m, world at 1:50m), by ISO
/// alpha-3. Per polygon, not per country, so that the US box is not the whole world (Alaska, Guam);
/// polygons crossing the antimeridian are left out.
fn country_boxes(atlas: &Atlas) -> HashMap<String, Vec<GeoBox>> {
    let mut boxes: HashMap<String, Vec<GeoBox>> = HashMap::new();
    for area in atlas.world.iter().chain(atlas.countries.iter()) {
        let polygon_boxes = area
            .polygons
            .iter()
            .filter_map(|p| GeoBox::around(p.exterior.iter().copied()))
            .filter(|b| b.max.lon - b.min.lon < 180.0);
        let entry = boxes.entry(area.id.clone()).or_default();
        entry.extend(polygon_boxes);
    }
    boxes
}

fn find_cycle(
    d: &super::dataset::Dataset,
    by_id: &HashMap<&str, usize>,
    node: usize,
    state: &mut [u8],
) -> Option<usize> {
    match state.get(node) {
        Some(1) => return Some(node),
        Some(2) | None => return None,
        _ => {}
    }
    if let Some(s) = state.get_mut(node) {
        *s = 1;
    }
    let causes: Vec<usize> = d
        .events
        .get(node)
        .map(|e| e.causes.iter().filter_map(|c| by_id.get(c.as_str()).copied()).collect())
        .unwrap_or_default();
    for c in causes {
        if let Some(found) = find_cycle(d, by_id, c, state) {
            if let Some(s) = state.get_mut(node) {
                *s = 2;
            }
            return Some(found);
        }
    }
    if let Some(s) = state.get_mut(node) {
        *s = 2;
    }
    None
}

/// What the source policy finds wrong with a record's sources: per source (index), and for the record
/// as a whole (`None`): no reputable source, or state media of a party standing alone. A record whose
/// confidence is `reported` may rest on supporting sources (its card then says no reputable source was
/// found); claims have no confidence and always need a reputable source.
pub fn policy_problems(
    publishers: &Publishers,
    sources: &[Source],
    confidence: Option<Confidence>,
) -> Vec<(Option<usize>, String)> {
    let mut problems = Vec::new();
    let mut reputable = false;
    let mut state_media = Vec::new();
    let mut supporting = false;
    for (i, s) in sources.iter().enumerate() {
        let c = publishers.cite(&s.url);
        let host = super::publishers::host_of(&s.url).unwrap_or_default();
        if let Some(why) = c.unusable {
            problems.push((Some(i), format!("not a citable source: {why} ({host}); see data/SOURCES.md")));
            continue;
        }
        match c.publisher {
            None => problems.push((
                Some(i),
                format!(
                    "publisher of {host} is not listed in data/publishers.json: add it with a tier (data/SOURCES.md)"
                ),
            )),
            Some(p) => match p.tier {
                Tier::Reputable => reputable = true,
                Tier::Never => problems.push((
                    Some(i),
                    format!(
                        "not a citable source: {} is {}; see data/SOURCES.md",
                        p.name,
                        p.why.as_deref().unwrap_or("never cited")
                    ),
                )),
                Tier::StateMediaOfParty => state_media.push(p.name.clone()),
                Tier::Supporting => supporting = true,
                Tier::Archive => {}
            },
        }
    }
    let reported_on_supporting = supporting && confidence == Some(Confidence::Reported);
    if !reputable && !sources.is_empty() && !reported_on_supporting {
        let message = if state_media.is_empty() {
            "no reputable source: every source is supporting only or not citable (data/SOURCES.md); \
             find one, or mark the record \"reported\" if supporting sources carry it"
                .to_owned()
        } else {
            format!(
                "state media of a party ({}) used without an independent reputable source (data/SOURCES.md)",
                state_media.join(", ")
            )
        };
        problems.push((None, message));
    }
    problems
}

/// Lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publishers() -> Publishers {
        let text = r#"{"publishers": [
            {"domain": "reuters.com", "name": "Reuters", "tier": "reputable"},
            {"domain": "wikimili.com", "name": "WikiMili", "tier": "never", "why": "a copy of Wikipedia"},
            {"domain": "irna.ir", "name": "IRNA", "tier": "state-media-of-party", "why": "Iranian state media"},
            {"domain": "longwarjournal.org", "name": "LWJ", "tier": "supporting", "why": "advocacy"}
        ]}"#;
        match Publishers::parse("p.json", text) {
            Ok(p) => p,
            Err(e) => panic!("{e:?}"),
        }
    }

    fn sources(urls: &[&str]) -> Vec<Source> {
        urls.iter().map(|u| Source { url: (*u).to_owned(), title: "t".into() }).collect()
    }

    #[test]
    fn a_mirror_is_rejected_even_beside_a_reputable_source() {
        let p = policy_problems(
            &publishers(),
            &sources(&["https://www.reuters.com/a", "https://wikimili.com/en/Iran"]),
            Some(Confidence::Confirmed),
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p.first().map(|(i, _)| *i), Some(Some(1)));
        assert!(p.iter().any(|(_, m)| m.contains("WikiMili")));
    }

    #[test]
    fn state_media_alone_is_rejected_and_fine_beside_an_independent_source() {
        let alone =
            policy_problems(&publishers(), &sources(&["https://en.irna.ir/news/1"]), Some(Confidence::Reported));
        assert_eq!(alone.len(), 1, "{alone:?}");
        assert!(alone.iter().any(|(i, m)| i.is_none() && m.contains("IRNA")));
        let paired =
            policy_problems(&publishers(), &sources(&["https://en.irna.ir/news/1", "https://reuters.com/b"]), None);
        assert!(paired.is_empty(), "{paired:?}");
    }

    #[test]
    fn supporting_and_unlisted_sources_do_not_carry_a_record() {
        let urls = sources(&["https://www.longwarjournal.org/x", "https://example.org/y"]);
        let p = policy_problems(&publishers(), &urls, Some(Confidence::Confirmed));
        let whole: Vec<&String> = p.iter().filter(|(i, _)| i.is_none()).map(|(_, m)| m).collect();
        assert_eq!(whole.len(), 1, "{p:?}");
        assert!(p.iter().any(|(i, m)| *i == Some(1) && m.contains("not listed")));
        // Marked "reported", supporting sources may carry it; the unlisted one is still reported.
        let reported = policy_problems(&publishers(), &urls, Some(Confidence::Reported));
        assert_eq!(reported.len(), 1, "{reported:?}");
        let claim = policy_problems(&publishers(), &urls[..1], None);
        assert_eq!(claim.len(), 1, "a claim has no confidence to lower: {claim:?}");
    }

    #[test]
    fn kebab_ids() {
        assert!(is_kebab_id("soleimani-killed-2020"));
        for bad in ["", "Soleimani", "a--b", "-a", "a_b", "a b", "ä"] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
    }
}
