//! The atlas content: events, actors, armed groups, US positions, protecting-power relations, checked
//! claims and eras. The schema is documented in `data/SCHEMA.md`.

use serde::Deserialize;

use super::date::{FuzzyDate, Span};
use super::geo::{GeoPoint, GeoPolygon};

/// A web page a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Its address (http or https).
    pub url: String,
    /// The page's title; must not be blank (checked by `validate`).
    pub title: String,
}

/// How sure the sources are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Two agreeing sources, or one authoritative.
    Confirmed,
    /// A single source.
    Reported,
    /// Sources disagree (the note says how).
    Disputed,
}

impl Confidence {
    /// Every value, for filters.
    pub const ALL: [Self; 3] = [Self::Confirmed, Self::Reported, Self::Disputed];

    pub fn label(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::Reported => "reported",
            Self::Disputed => "disputed",
        }
    }
}

/// What kind of event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Coup,
    /// Revolution or regime change.
    Revolution,
    /// A war as a whole.
    War,
    /// A battle or offensive.
    Battle,
    /// Air, missile or drone strike.
    Strike,
    /// Attack by non-state or militia forces, bombing, rocket attack.
    Attack,
    /// Protest or uprising.
    Protest,
    /// Hostage taking.
    Hostage,
    Diplomacy,
    /// Agreement or treaty.
    Agreement,
    Sanctions,
    /// Nuclear programme.
    Nuclear,
    /// Domestic politics.
    Politics,
    /// Disaster (shoot-downs, stampedes).
    Disaster,
}

impl EventKind {
    /// Every kind, in legend order.
    pub const ALL: [Self; 14] = [
        Self::Coup,
        Self::Revolution,
        Self::War,
        Self::Battle,
        Self::Strike,
        Self::Attack,
        Self::Protest,
        Self::Hostage,
        Self::Diplomacy,
        Self::Agreement,
        Self::Sanctions,
        Self::Nuclear,
        Self::Politics,
        Self::Disaster,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Coup => "Coup",
            Self::Revolution => "Revolution",
            Self::War => "War",
            Self::Battle => "Battle",
            Self::Strike => "Strike",
            Self::Attack => "Attack",
            Self::Protest => "Protest",
            Self::Hostage => "Hostage taking",
            Self::Diplomacy => "Diplomacy",
            Self::Agreement => "Agreement",
            Self::Sanctions => "Sanctions",
            Self::Nuclear => "Nuclear",
            Self::Politics => "Politics",
            Self::Disaster => "Disaster",
        }
    }
}

/// How precisely an event's point is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    /// The site's own coordinates, from a source.
    Exact,
    /// A city point (GeoNames).
    City,
    /// A region or rough placement.
    Approximate,
    /// No single place (geometry null).
    None,
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// Short, headline style. Not blank, at most `MAX_NAME_CHARS` (300) characters (checked by `validate_text`).
    pub title: String,
    /// When, as precise as sources give.
    pub date: FuzzyDate,
    /// When it ended, for events that lasted.
    pub end: Option<FuzzyDate>,
    pub kind: EventKind,
    /// ISO alpha-3 codes of the states concerned, each listed in `countries.json` (checked by `validate`).
    pub countries: Vec<String>,
    /// Ids from the actors or the groups (checked by `validate`); may be empty.
    pub actors: Vec<String>,
    /// Two to four sentences by the schema's guidance; only the length is checked (at most `MAX_SUMMARY_CHARS`
    /// characters).
    pub summary: String,
    /// The pages actually read: at least one, each within the source policy of `data/SOURCES.md` (checked by
    /// `validate`).
    pub sources: Vec<Source>,
    pub confidence: Confidence,
    /// How precise `at` is.
    pub location_precision: LocationPrecision,
    /// `None` when the event has no single place; the loader requires `location_precision` to be `None` exactly then.
    pub at: Option<GeoPoint>,
    /// Ids of earlier events it followed from.
    pub causes: Vec<String>,
    /// Caveats, differing sources.
    pub note: Option<String>,
}

impl Event {
    /// The span it covers (a single date is a span of its own length).
    pub fn span(&self) -> Span {
        Span { start: self.date, end: Some(self.end.unwrap_or(self.date)) }
    }
}

/// A state, person or organisation that events name.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// Not blank, at most `MAX_NAME_CHARS` (300) characters (checked by `validate_text`).
    pub name: String,
    /// Other spellings and transliterations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `state`, `person`, `organisation` or `force`.
    pub kind: ActorKind,
    /// ISO alpha-3, listed in `countries.json` (checked by `validate`); `None` when the file gives no country.
    #[serde(default)]
    pub country: Option<String>,
    /// One sentence by the schema's guidance; only the length is checked (at most `MAX_SUMMARY_CHARS` characters).
    pub summary: String,
    /// The pages actually read: at least one, each within the source policy of `data/SOURCES.md` (checked by
    /// `validate`).
    pub sources: Vec<Source>,
    pub confidence: Confidence,
}

/// What an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state or its government.
    State,
    Person,
    /// An organisation (agency, party, UN body).
    Organisation,
    /// An armed force of a state.
    Force,
}

/// An armed group or force with the area it operated in.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// Not blank, at most `MAX_NAME_CHARS` (300) characters (checked by `validate_text`).
    pub name: String,
    pub aliases: Vec<String>,
    /// Free text as the file gives it: the schema lists `militia`, `state-force`, `insurgent` and `jihadist`, but the
    /// loader does not check it.
    pub kind: String,
    /// ISO alpha-3 codes of state backers, each listed in `countries.json` (checked by `validate`); may be empty.
    pub backing: Vec<String>,
    /// ISO alpha-3 codes of states it fought, each listed in `countries.json` (checked by `validate`); may be empty.
    pub adversary_of: Vec<String>,
    /// When it was active: at least one span, in date order and not overlapping (the loader checks); a gap means
    /// inactive.
    pub active: Vec<Span>,
    /// Where it was on the ground, each area in its own period (none where no source places it).
    pub areas: Vec<GroupArea>,
    /// At most `MAX_SUMMARY_CHARS` characters (checked by `validate_text`).
    pub summary: String,
    /// The pages actually read: at least one, each within the source policy of `data/SOURCES.md` (checked by
    /// `validate`).
    pub sources: Vec<Source>,
    pub confidence: Confidence,
    /// Caveats.
    pub note: Option<String>,
}

/// Where a group was on the ground during one period: its area is drawn only then.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupArea {
    /// When the group held or operated in this area.
    pub span: Span,
    /// A coarse outline around the sourced places.
    pub polygons: Vec<GeoPolygon>,
    /// Which sourced places the outline encloses, and as of when.
    pub note: String,
    /// Pages that place the group there at that time, beyond the group's own sources (may be empty when
    /// those already do).
    pub sources: Vec<Source>,
}

/// What a US position is for: the map gives diplomatic posts and military sites different symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PositionRole {
    /// An embassy or an interests section.
    Diplomatic,
    /// A base, garrison or headquarters.
    Military,
}

impl PositionRole {
    /// The role of a position kind (`embassy`, `interests-section` are diplomatic).
    pub fn of(kind: &str) -> Self {
        if matches!(kind, "embassy" | "interests-section") { Self::Diplomatic } else { Self::Military }
    }
}

/// A US embassy, base or headquarters.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// Not blank, at most `MAX_NAME_CHARS` (300) characters (checked by `validate_text`).
    pub name: String,
    /// One of `embassy`, `air-base`, `naval-base`, `garrison`, `hq`, `interests-section` (the loader refuses any
    /// other); [`PositionRole::of`] maps it to a map symbol.
    pub kind: String,
    /// Host state, ISO alpha-3, listed in `countries.json` (checked by `validate`).
    pub country: String,
    /// When it was open or used by the US.
    pub spans: Vec<Span>,
    /// Always a point: the loader refuses a position without one.
    pub at: GeoPoint,
    /// How precise `at` is.
    pub location_precision: LocationPrecision,
    /// At most `MAX_SUMMARY_CHARS` characters (checked by `validate_text`).
    pub summary: String,
    /// The pages actually read: at least one, each within the source policy of `data/SOURCES.md` (checked by
    /// `validate`).
    pub sources: Vec<Source>,
    pub confidence: Confidence,
    /// Caveats.
    pub note: Option<String>,
}

impl Position {
    pub fn role(&self) -> PositionRole {
        PositionRole::of(&self.kind)
    }
}

/// What a protecting-power arrangement covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Covers {
    /// An interests section staffed under the protecting power's flag.
    InterestsSection,
    /// A full protecting-power mandate.
    ProtectingPower,
    ConsularOnly,
}

impl Covers {
    pub fn label(self) -> &'static str {
        match self {
            Self::InterestsSection => "interests section",
            Self::ProtectingPower => "protecting power",
            Self::ConsularOnly => "consular services only",
        }
    }
}

/// One state looking after another's interests in a third, where those two have no relations.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// ISO alpha-3 of the state that acts; never the same as `represented` or `host` (checked by `validate_text`).
    pub protecting: String,
    /// ISO alpha-3 of the state whose interests it looks after.
    pub represented: String,
    /// ISO alpha-3 of the state where it acts.
    pub host: String,
    /// An open end means it still holds today.
    pub span: Span,
    pub covers: Covers,
    pub summary: String,
    /// The pages actually read: at least one, each within the source policy of `data/SOURCES.md` (checked by
    /// `validate`).
    pub sources: Vec<Source>,
    pub confidence: Confidence,
    /// Caveats.
    pub note: Option<String>,
}

/// The verdict on a claim made by a source document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Sources confirm it.
    Confirmed,
    /// Sources say otherwise.
    Contradicted,
    /// No source found either way.
    Unverified,
}

/// A claim from a source document, checked.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// The claim as the document states it.
    pub claim: String,
    /// The source document that makes the claim, as free text (e.g. `essay: ...`).
    pub document: String,
    pub verdict: Verdict,
    /// What the sources say instead, in our own words.
    pub correction: String,
    /// Ids of any records it concerns, each of which must exist (checked by `validate`); may be empty.
    #[serde(default)]
    pub related: Vec<String>,
    /// The pages actually read. A claim has no confidence to lower, so at least one must be reputable (checked by
    /// `validate`).
    pub sources: Vec<Source>,
}

/// A band on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    /// Lowercase kebab-case, unique across the whole dataset (both checked by `validate`).
    pub id: String,
    /// Not blank, at most `MAX_NAME_CHARS` (300) characters (checked by `validate_text`).
    pub title: String,
    /// An open end means it still runs today.
    pub span: Span,
    /// At most `MAX_SUMMARY_CHARS` characters (checked by `validate_text`).
    pub summary: String,
    /// The pages actually read: at least one, each within the source policy of `data/SOURCES.md` (checked by
    /// `validate`).
    pub sources: Vec<Source>,
    pub confidence: Confidence,
}

/// One row of the country code table.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryCode {
    /// ISO alpha-3 (or an `X..` code for places without one).
    pub a3: String,
    /// ISO numeric, if any.
    #[serde(default)]
    pub n3: Option<String>,
    /// Natural Earth short name.
    pub name: String,
}

/// All the content, events sorted by date.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    /// Sorted by start day, then precision, then id ([`Dataset::sort`], run after each events file is added).
    pub events: Vec<Event>,
    pub actors: Vec<Actor>,
    pub groups: Vec<Group>,
    pub positions: Vec<Position>,
    pub relations: Vec<Relation>,
    pub claims: Vec<Claim>,
    pub eras: Vec<Era>,
    /// The code table from `countries.json`, in file order.
    pub countries: Vec<CountryCode>,
}

impl Dataset {
    /// An event by id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// A relation by id.
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        self.relations.iter().find(|r| r.id == id)
    }

    /// A country's name by ISO alpha-3 (the code itself if unknown).
    pub fn country_name<'a>(&'a self, a3: &'a str) -> &'a str {
        self.countries.iter().find(|c| c.a3 == a3).map_or(a3, |c| c.name.as_str())
    }

    /// A relation as the panels name it: "Switzerland for United States of America in Iran".
    pub fn relation_title(&self, r: &Relation) -> String {
        let name = |a3: &str| self.country_name(a3).to_owned();
        format!("{} for {} in {}", name(&r.protecting), name(&r.represented), name(&r.host))
    }

    /// Sorts events by date (then id), as every view expects.
    pub fn sort(&mut self) {
        self.events.sort_by(|a, b| {
            (a.date.first_day(), a.date.precision(), &a.id).cmp(&(b.date.first_day(), b.date.precision(), &b.id))
        });
    }
}
