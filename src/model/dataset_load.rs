//! Loading the content files into a [`Dataset`], every problem located in its file.

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::dataset::{
    Actor, Claim, Confidence, CountryCode, Covers, Dataset, Era, Event, EventKind, Group, GroupArea, LocationPrecision,
    Position, Relation, Source,
};
use super::date::{FuzzyDate, Span};
use super::error::LoadError;
use super::json_locate::Seg;
use super::load::{
    FeatureCx, LoadResult, feature_values, for_each_record, geometry, geometry_at, point, polygons_at, record_values,
};

/// The content files, recognised by the start of their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataFileKind {
    /// `events*.geojson`
    Events,
    /// `actors*.json`
    Actors,
    /// `groups*.geojson`
    Groups,
    /// `positions*.geojson`
    Positions,
    /// `relations*.json`
    Relations,
    /// `claims*.json`
    Claims,
    /// `eras*.json`
    Eras,
    /// `countries.json` (the code table)
    Countries,
}

impl DataFileKind {
    /// Every kind, in load order.
    pub const ALL: [Self; 8] = [
        Self::Countries,
        Self::Actors,
        Self::Events,
        Self::Groups,
        Self::Positions,
        Self::Relations,
        Self::Claims,
        Self::Eras,
    ];

    /// (name prefix, extension, key of the record array).
    fn spec(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Events => ("events", "geojson", "features"),
            Self::Actors => ("actors", "json", "actors"),
            Self::Groups => ("groups", "geojson", "features"),
            Self::Positions => ("positions", "geojson", "features"),
            Self::Relations => ("relations", "json", "relations"),
            Self::Claims => ("claims", "json", "claims"),
            Self::Eras => ("eras", "json", "eras"),
            Self::Countries => ("countries", "json", "countries"),
        }
    }

    /// The kind a file name marks, if any.
    pub fn for_file_name(name: &str) -> Option<Self> {
        let lower = name.to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| {
            let (prefix, ext, _) = k.spec();
            lower.starts_with(prefix) && lower.ends_with(&format!(".{ext}"))
        })
    }

    /// True for GeoJSON files, whose record fields sit under `properties`.
    pub fn is_geojson(self) -> bool {
        self.spec().1 == "geojson"
    }

    /// The key of the array holding the records.
    pub fn array_key(self) -> &'static str {
        self.spec().2
    }
}

/// Where a record came from, to point at it in later checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// Index into [`LoadedDataset::files`].
    pub file: usize,
    /// Index of the record in its array.
    pub index: usize,
}

/// A file that was read, kept to locate problems found after loading.
#[derive(Clone, Debug)]
pub struct FileText {
    /// As named to the user.
    pub label: String,
    /// Its text.
    pub text: String,
    /// What it holds.
    pub kind: DataFileKind,
    /// Lookups into `text` (many problems in one file are located in one pass).
    pub located: super::json_locate::TextIndex,
}

/// A dataset with what is needed to report problems in its files.
#[derive(Clone, Debug, Default)]
pub struct LoadedDataset {
    /// The content.
    pub dataset: Dataset,
    /// The files read.
    pub files: Vec<FileText>,
    /// Where each record came from, by kind and id.
    pub origins: HashMap<(DataFileKind, String), Origin>,
    /// Every record id with its origin, in load order (duplicates included, for the uniqueness check).
    pub all_ids: Vec<(String, DataFileKind, Origin)>,
}

impl LoadedDataset {
    /// An error at a field of a record (`field` is inside the record, without `properties`).
    pub fn error_at(
        &self,
        kind: DataFileKind,
        origin: Origin,
        record: &str,
        field: &[Seg<'_>],
        message: impl Into<String>,
    ) -> LoadError {
        let Some(file) = self.files.get(origin.file) else {
            return LoadError::file(format!("{kind:?}"), message);
        };
        let cx = FeatureCx {
            file: &file.label,
            text: &file.text,
            located: &file.located,
            index: origin.index,
            record: Some(record.to_owned()),
            array_key: kind.array_key(),
        };
        let mut path = Vec::with_capacity(field.len() + 1);
        if kind.is_geojson() {
            path.push(Seg::Key("properties"));
        }
        path.extend_from_slice(field);
        cx.error(&path, message)
    }

    /// Reads one content file's text into the dataset; returns its problems (the file's records are
    /// added only when it has none).
    pub fn add_file(&mut self, kind: DataFileKind, label: &str, text: String) -> Vec<LoadError> {
        let file_index = self.files.len();
        let result = load_records(kind, label, &text);
        self.files.push(FileText { label: label.to_owned(), text, kind, located: Default::default() });
        match result {
            Ok(records) => {
                let ids = records.ids();
                for (index, id) in ids.into_iter().enumerate() {
                    let origin = Origin { file: file_index, index };
                    self.origins.entry((kind, id.clone())).or_insert(origin);
                    self.all_ids.push((id, kind, origin));
                }
                records.merge_into(&mut self.dataset);
                Vec::new()
            }
            Err(errors) => errors,
        }
    }
}

/// The records of one file.
enum Records {
    Events(Vec<Event>),
    Actors(Vec<Actor>),
    Groups(Vec<Group>),
    Positions(Vec<Position>),
    Relations(Vec<Relation>),
    Claims(Vec<Claim>),
    Eras(Vec<Era>),
    Countries(Vec<CountryCode>),
}

impl Records {
    fn ids(&self) -> Vec<String> {
        match self {
            Self::Events(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Actors(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Groups(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Positions(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Relations(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Claims(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Eras(v) => v.iter().map(|r| r.id.clone()).collect(),
            Self::Countries(v) => v.iter().map(|r| r.a3.clone()).collect(),
        }
    }

    fn merge_into(self, d: &mut Dataset) {
        match self {
            Self::Events(mut v) => {
                d.events.append(&mut v);
                d.sort();
            }
            Self::Actors(mut v) => d.actors.append(&mut v),
            Self::Groups(mut v) => d.groups.append(&mut v),
            Self::Positions(mut v) => d.positions.append(&mut v),
            Self::Relations(mut v) => d.relations.append(&mut v),
            Self::Claims(mut v) => d.claims.append(&mut v),
            Self::Eras(mut v) => d.eras.append(&mut v),
            Self::Countries(mut v) => d.countries.append(&mut v),
        }
    }
}

fn load_records(kind: DataFileKind, file: &str, text: &str) -> LoadResult<Records> {
    let values =
        if kind.is_geojson() { feature_values(file, text) } else { record_values(file, text, kind.array_key()) }
            .map_err(|e| vec![e])?;
    let key = kind.array_key();
    Ok(match kind {
        DataFileKind::Events => {
            Records::Events(for_each_record(file, text, key, &values, |cx, v| event(cx, v).map(Some))?)
        }
        DataFileKind::Groups => {
            Records::Groups(for_each_record(file, text, key, &values, |cx, v| group(cx, v).map(Some))?)
        }
        DataFileKind::Positions => {
            Records::Positions(for_each_record(file, text, key, &values, |cx, v| position(cx, v).map(Some))?)
        }
        DataFileKind::Actors => {
            Records::Actors(for_each_record(file, text, key, &values, |cx, v| typed(cx, v, &[]).map(Some))?)
        }
        DataFileKind::Claims => {
            Records::Claims(for_each_record(file, text, key, &values, |cx, v| typed(cx, v, &[]).map(Some))?)
        }
        DataFileKind::Countries => {
            Records::Countries(for_each_record(file, text, key, &values, |cx, v| typed(cx, v, &[]).map(Some))?)
        }
        DataFileKind::Relations => {
            Records::Relations(for_each_record(file, text, key, &values, |cx, v| relation(cx, v).map(Some))?)
        }
        DataFileKind::Eras => Records::Eras(for_each_record(file, text, key, &values, |cx, v| era(cx, v).map(Some))?),
    })
}

/// Deserialises `value` into `T`; an error names the exact field (via `serde_path_to_error`).
fn typed<T: DeserializeOwned>(cx: &FeatureCx<'_>, value: &Value, base: &[Seg<'_>]) -> Result<T, LoadError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let keys: Vec<String> = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Seq { index } => Some(format!("#{index}")),
                _ => None,
            })
            .collect();
        let mut path: Vec<Seg<'_>> = base.to_vec();
        for k in &keys {
            match k.strip_prefix('#').and_then(|n| n.parse().ok()) {
                Some(i) => path.push(Seg::Index(i)),
                None => path.push(Seg::Key(k)),
            }
        }
        cx.error(&path, e.into_inner().to_string())
    })
}

fn date(cx: &FeatureCx<'_>, path: &[Seg<'_>], s: &str) -> Result<FuzzyDate, LoadError> {
    FuzzyDate::parse(s).and_then(super::date::check_atlas_year).map_err(|m| cx.error(path, m))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpan {
    start: String,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

fn span(
    cx: &FeatureCx<'_>,
    base: &[Seg<'_>],
    start: &str,
    end: Option<&str>,
    names: (&str, &str),
) -> Result<Span, LoadError> {
    let at = |name| {
        let mut p = base.to_vec();
        p.push(Seg::Key(name));
        p
    };
    let start = date(cx, &at(names.0), start)?;
    let end = end.map(|e| date(cx, &at(names.1), e)).transpose()?;
    Span::new(start, end).map_err(|m| cx.error(&at(names.1), m))
}

fn spans(cx: &FeatureCx<'_>, key: &str, raw: &[RawSpan]) -> Result<Vec<Span>, LoadError> {
    if raw.is_empty() {
        return Err(cx.error(&[Seg::Key("properties"), Seg::Key(key)], "expected at least one span {\"start\": DATE}"));
    }
    let mut out: Vec<Span> = Vec::with_capacity(raw.len());
    for (i, s) in raw.iter().enumerate() {
        let base = [Seg::Key("properties"), Seg::Key(key), Seg::Index(i)];
        let next = span(cx, &base, &s.start, s.end.as_deref(), ("start", "end"))?;
        // In order and apart: the map asks which span a day falls in, and a gap means "closed".
        if let Some(previous) = out.last()
            && previous.end.is_none_or(|e| e.last_day() >= next.start.first_day())
        {
            let mut at = base.to_vec();
            at.push(Seg::Key("start"));
            let message = format!("expected this span to start after the previous one ends ({})", previous.long());
            return Err(cx.error(&at, message));
        }
        out.push(next);
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventProps {
    id: String,
    title: String,
    date: String,
    #[serde(default)]
    end: Option<String>,
    kind: EventKind,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    actors: Vec<String>,
    summary: String,
    sources: Vec<Source>,
    confidence: Confidence,
    location_precision: LocationPrecision,
    #[serde(default)]
    causes: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

fn props_value(feature: &Value) -> &Value {
    feature.get("properties").unwrap_or(&Value::Null)
}

fn event(cx: &mut FeatureCx<'_>, feature: &Value) -> Result<Event, LoadError> {
    let p: EventProps = typed(cx, props_value(feature), &[Seg::Key("properties")])?;
    let dates = span(cx, &[Seg::Key("properties")], &p.date, p.end.as_deref(), ("date", "end"))?;
    let at = geometry(cx, feature)?.map(|g| point(cx, &g)).transpose()?;
    if at.is_none() != (p.location_precision == LocationPrecision::None) {
        return Err(cx.error(
            &[Seg::Key("properties"), Seg::Key("location_precision")],
            "expected \"none\" exactly when the geometry is null",
        ));
    }
    Ok(Event {
        id: p.id,
        title: p.title,
        date: dates.start,
        end: p.end.and(dates.end),
        kind: p.kind,
        countries: p.countries,
        actors: p.actors,
        summary: p.summary,
        sources: p.sources,
        confidence: p.confidence,
        location_precision: p.location_precision,
        at,
        causes: p.causes,
        note: p.note,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupProps {
    id: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: String,
    #[serde(default)]
    backing: Vec<String>,
    #[serde(default)]
    adversary_of: Vec<String>,
    active: Vec<RawSpan>,
    #[serde(default)]
    areas: Vec<RawArea>,
    summary: String,
    sources: Vec<Source>,
    confidence: Confidence,
    #[serde(default)]
    note: Option<String>,
}

/// One dated area of a group, as written in `properties.areas`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    start: String,
    #[serde(default)]
    end: Option<String>,
    geometry: Value,
    note: String,
    #[serde(default)]
    sources: Vec<Source>,
}

fn group(cx: &mut FeatureCx<'_>, feature: &Value) -> Result<Group, LoadError> {
    let p: GroupProps = typed(cx, props_value(feature), &[Seg::Key("properties")])?;
    let active = spans(cx, "active", &p.active)?;
    if geometry(cx, feature)?.is_some() {
        return Err(cx.error(
            &[Seg::Key("geometry")],
            "expected null: a group's areas are dated, each with its own geometry in properties.areas",
        ));
    }
    let mut areas = Vec::with_capacity(p.areas.len());
    for (i, a) in p.areas.iter().enumerate() {
        let base = [Seg::Key("properties"), Seg::Key("areas"), Seg::Index(i)];
        let at = |key| {
            let mut path = base.to_vec();
            path.push(Seg::Key(key));
            path
        };
        let span = span(cx, &base, &a.start, a.end.as_deref(), ("start", "end"))?;
        if !active.iter().any(|s| s.contains(span)) {
            return Err(cx.error(
                &at("start"),
                format!("expected the area's period ({}) within one of the group's active spans", span.long()),
            ));
        }
        let Some(g) = geometry_at(cx, &at("geometry"), Some(&a.geometry))? else {
            return Err(cx.error(&at("geometry"), "expected a Polygon or MultiPolygon, found null"));
        };
        let polygons = polygons_at(cx, &at("geometry"), &g)?;
        areas.push(GroupArea { span, polygons, note: a.note.clone(), sources: a.sources.clone() });
    }
    Ok(Group {
        id: p.id,
        name: p.name,
        aliases: p.aliases,
        kind: p.kind,
        backing: p.backing,
        adversary_of: p.adversary_of,
        active,
        areas,
        summary: p.summary,
        sources: p.sources,
        confidence: p.confidence,
        note: p.note,
    })
}

/// The kinds of US position the schema lists.
const POSITION_KINDS: [&str; 6] = ["embassy", "interests-section", "air-base", "naval-base", "garrison", "hq"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PositionProps {
    id: String,
    name: String,
    kind: String,
    country: String,
    spans: Vec<RawSpan>,
    location_precision: LocationPrecision,
    summary: String,
    sources: Vec<Source>,
    confidence: Confidence,
    #[serde(default)]
    note: Option<String>,
}

fn position(cx: &mut FeatureCx<'_>, feature: &Value) -> Result<Position, LoadError> {
    let p: PositionProps = typed(cx, props_value(feature), &[Seg::Key("properties")])?;
    if !POSITION_KINDS.contains(&p.kind.as_str()) {
        return Err(cx.error(
            &[Seg::Key("properties"), Seg::Key("kind")],
            format!("expected one of {}, found {:?}", POSITION_KINDS.join(", "), p.kind),
        ));
    }
    let spans = spans(cx, "spans", &p.spans)?;
    let Some(g) = geometry(cx, feature)? else {
        return Err(cx.error(&[Seg::Key("geometry")], "expected a Point, found null"));
    };
    let at = point(cx, &g)?;
    Ok(Position {
        id: p.id,
        name: p.name,
        kind: p.kind,
        country: p.country,
        spans,
        at,
        location_precision: p.location_precision,
        summary: p.summary,
        sources: p.sources,
        confidence: p.confidence,
        note: p.note,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    id: String,
    protecting: String,
    represented: String,
    host: String,
    start: String,
    #[serde(default)]
    end: Option<String>,
    covers: Covers,
    summary: String,
    sources: Vec<Source>,
    confidence: Confidence,
    #[serde(default)]
    note: Option<String>,
}

fn relation(cx: &mut FeatureCx<'_>, value: &Value) -> Result<Relation, LoadError> {
    let r: RawRelation = typed(cx, value, &[])?;
    let span = span(cx, &[], &r.start, r.end.as_deref(), ("start", "end"))?;
    Ok(Relation {
        id: r.id,
        protecting: r.protecting,
        represented: r.represented,
        host: r.host,
        span,
        covers: r.covers,
        summary: r.summary,
        sources: r.sources,
        confidence: r.confidence,
        note: r.note,
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEra {
    id: String,
    title: String,
    start: String,
    #[serde(default)]
    end: Option<String>,
    summary: String,
    sources: Vec<Source>,
    confidence: Confidence,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

fn era(cx: &mut FeatureCx<'_>, value: &Value) -> Result<Era, LoadError> {
    let r: RawEra = typed(cx, value, &[])?;
    let span = span(cx, &[], &r.start, r.end.as_deref(), ("start", "end"))?;
    Ok(Era { id: r.id, title: r.title, span, summary: r.summary, sources: r.sources, confidence: r.confidence })
}
