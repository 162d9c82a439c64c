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
    /// What the page is.
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

    /// For people.
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
    /// Coup d'état.
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
    /// Diplomacy.
    Diplomacy,
    /// Agreement or treaty.
    Agreement,
    /// Sanctions.
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

    /// For people.
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
    /// Unique id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// When, as precise as sources give.
    pub date: FuzzyDate,
    /// When it ended, for events that lasted.
    pub end: Option<FuzzyDate>,
    /// Kind.
    pub kind: EventKind,
    /// ISO alpha-3 of the states concerned.
    pub countries: Vec<String>,
    /// Ids of actors and groups.
    pub actors: Vec<String>,
    /// Two to four sentences.
    pub summary: String,
    /// Pages read.
    pub sources: Vec<Source>,
    /// How sure.
    pub confidence: Confidence,
    /// How precise `at` is.
    pub location_precision: LocationPrecision,
    /// Where, if at one place.
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
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Other spellings and transliterations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `state`, `person`, `organisation` or `force`.
    pub kind: ActorKind,
    /// ISO alpha-3.
    #[serde(default)]
    pub country: Option<String>,
    /// One sentence.
    pub summary: String,
    /// Pages read.
    pub sources: Vec<Source>,
    /// How sure.
    pub confidence: Confidence,
}

/// What an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// A state or its government.
    State,
    /// A person.
    Person,
    /// An organisation (agency, party, UN body).
    Organisation,
    /// An armed force of a state.
    Force,
}

/// An armed group or force with the area it operated in.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// `militia`, `state-force`, `insurgent`, `jihadist`.
    pub kind: String,
    /// ISO alpha-3 of state backers.
    pub backing: Vec<String>,
    /// ISO alpha-3 of states it fought.
    pub adversary_of: Vec<String>,
    /// When it was active.
    pub active: Vec<Span>,
    /// Where it was on the ground, each area in its own period (none where no source places it).
    pub areas: Vec<GroupArea>,
    /// Summary.
    pub summary: String,
    /// Pages read.
    pub sources: Vec<Source>,
    /// How sure.
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
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// `embassy`, `air-base`, `naval-base`, `garrison`, `hq`, `interests-section`.
    pub kind: String,
    /// Host state, ISO alpha-3.
    pub country: String,
    /// When it was open or used by the US.
    pub spans: Vec<Span>,
    /// Where.
    pub at: GeoPoint,
    /// How precise `at` is.
    pub location_precision: LocationPrecision,
    /// Summary.
    pub summary: String,
    /// Pages read.
    pub sources: Vec<Source>,
    /// How sure.
    pub confidence: Confidence,
    /// Caveats.
    pub note: Option<String>,
}

impl Position {
    /// Diplomatic post or military site.
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
    /// Consular services only.
    ConsularOnly,
}

impl Covers {
    /// For people.
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
    /// Unique id.
    pub id: String,
    /// The state that acts.
    pub protecting: String,
    /// Whose interests.
    pub represented: String,
    /// Where it acts.
    pub host: String,
    /// When.
    pub span: Span,
    /// What it covers.
    pub covers: Covers,
    /// Summary.
    pub summary: String,
    /// Pages read.
    pub sources: Vec<Source>,
    /// How sure.
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
    /// Unique id.
    pub id: String,
    /// The claim as the document states it.
    pub claim: String,
    /// Which document.
    pub document: String,
    /// Verdict.
    pub verdict: Verdict,
    /// What the sources say.
    pub correction: String,
    /// Ids it concerns.
    #[serde(default)]
    pub related: Vec<String>,
    /// Pages read.
    pub sources: Vec<Source>,
}

/// A band on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Era {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// When.
    pub span: Span,
    /// Summary.
    pub summary: String,
    /// Pages read.
    pub sources: Vec<Source>,
    /// How sure.
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
    /// Events, by start date.
    pub events: Vec<Event>,
    /// Actors.
    pub actors: Vec<Actor>,
    /// Armed groups.
    pub groups: Vec<Group>,
    /// US positions.
    pub positions: Vec<Position>,
    /// Protecting-power relations.
    pub relations: Vec<Relation>,
    /// Checked claims.
    pub claims: Vec<Claim>,
    /// Eras.
    pub eras: Vec<Era>,
    /// Country codes.
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

    /// Sorts events by date (then id), as every view expects.
    pub fn sort(&mut self) {
        self.events.sort_by(|a, b| {
            (a.date.first_day(), a.date.precision(), &a.id).cmp(&(b.date.first_day(), b.date.precision(), &b.id))
        });
    }
}
