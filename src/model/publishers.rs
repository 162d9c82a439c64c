//! Who publishes a cited page, and whether the classroom may rely on it: the source policy of
//! `data/SOURCES.md`, kept as data in `data/publishers.json` (a tier per domain) so that it can be
//! changed without code.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::error::LoadError;
use super::json_locate::Seg;
use super::load::{LoadResult, record_values};

/// How far a publisher can be relied on (see `data/SOURCES.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Enough on its own: agencies, papers of record, public broadcasters, governments, the UN, courts,
    /// universities, research institutes, established encyclopaedias.
    Reputable,
    /// May stand beside a reputable source, never alone.
    Supporting,
    /// State media of a party to the conflict: only next to an independent reputable source.
    StateMediaOfParty,
    /// Never cited: mirrors, forums, gossip, content farms, social media, anonymous blogs.
    Never,
    /// A web archive: the page counts as its original publisher's.
    Archive,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Self::Reputable => "reputable",
            Self::Supporting => "supporting only",
            Self::StateMediaOfParty => "state media of a party",
            Self::Never => "not citable",
            Self::Archive => "web archive",
        }
    }
}

/// One row of the publishers table.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    /// The domain; it also covers every subdomain not listed itself.
    pub domain: String,
    /// The publisher's name as a card or credits line shows it.
    pub name: String,
    /// How far it can be relied on.
    pub tier: Tier,
    /// Why (required for every tier but `reputable`).
    #[serde(default)]
    pub why: Option<String>,
}

/// What the table says of one cited address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Citation<'a> {
    /// The publisher of the page (of the original, for an archived copy); `None` when not listed.
    pub publisher: Option<&'a Publisher>,
    /// The archive the page was read from, when it is an archived copy.
    pub archive: Option<&'a Publisher>,
    /// Why the address itself is unusable (an IP address, a port, no host), if it is.
    pub unusable: Option<&'static str>,
}

impl Citation<'_> {
    /// The tier that counts: `never` for an unusable address, `None` for an unlisted publisher.
    pub fn tier(&self) -> Option<Tier> {
        if self.unusable.is_some() {
            return Some(Tier::Never);
        }
        self.publisher.map(|p| p.tier)
    }

    /// True when the page counts as reputable support on its own.
    pub fn is_reputable(&self) -> bool {
        self.tier() == Some(Tier::Reputable)
    }
}

/// The publishers table, looked up by domain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Publishers {
    entries: Vec<Publisher>,
    by_domain: HashMap<String, usize>,
}

/// The bundled table, parsed once.
static BUNDLED: OnceLock<LoadResult<Publishers>> = OnceLock::new();

/// The table that ships inside the binary. An error here is a defect of the build (tests load it).
pub fn bundled() -> Result<&'static Publishers, &'static [LoadError]> {
    BUNDLED
        .get_or_init(|| Publishers::parse("bundled:data/publishers.json", include_str!("../../data/publishers.json")))
        .as_ref()
        .map_err(Vec::as_slice)
}

impl Publishers {
    /// Parses a `publishers` file: `{"publishers": [{"domain", "name", "tier", "why"?}, ...]}`.
    pub fn parse(file: &str, text: &str) -> LoadResult<Self> {
        let records = record_values(file, text, "publishers").map_err(|e| vec![e])?;
        let mut table = Self::default();
        let mut errors = Vec::new();
        for (index, value) in records.into_iter().enumerate() {
            let place = |field: &str, message: String| {
                let mut e = LoadError::file(file, message);
                e.place.feature = Some(index);
                e.place.array = Some("publishers".into());
                e.field = (!field.is_empty()).then(|| field.to_owned());
                let mut path = vec![Seg::Key("publishers"), Seg::Index(index)];
                if !field.is_empty() {
                    path.push(Seg::Key(field));
                }
                if let Some(lc) = super::json_locate::locate(text, &path) {
                    e.place.line_col = Some((lc.line, lc.column));
                }
                e
            };
            let publisher: Publisher = match serde_json::from_value(value) {
                Ok(p) => p,
                Err(e) => {
                    errors.push(place("", format!("expected {{\"domain\", \"name\", \"tier\", \"why\"?}}: {e}")));
                    continue;
                }
            };
            let domain = publisher.domain.to_ascii_lowercase();
            if domain.is_empty()
                || domain.contains(['/', ':', ' '])
                || domain.starts_with("www.")
                || domain.starts_with('.')
                || domain.ends_with('.')
            {
                errors.push(place("domain", format!("expected a bare domain like reuters.com, found {domain:?}")));
                continue;
            }
            if publisher.tier != Tier::Reputable && publisher.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
                errors.push(place("why", format!("expected a reason for the tier {:?}", publisher.tier.label())));
            }
            if table.by_domain.insert(domain.clone(), table.entries.len()).is_some() {
                errors.push(place("domain", format!("duplicate domain {domain:?}")));
            }
            table.entries.push(Publisher { domain, ..publisher });
        }
        if errors.is_empty() { Ok(table) } else { Err(errors) }
    }

    /// Every row, in file order.
    pub fn entries(&self) -> &[Publisher] {
        &self.entries
    }

    /// Adds or replaces rows from `other` (a folder's own `publishers.json` over the bundled one).
    pub fn extend(&mut self, other: Self) {
        for p in other.entries {
            match self.by_domain.get(&p.domain).copied() {
                Some(i) => {
                    if let Some(slot) = self.entries.get_mut(i) {
                        *slot = p;
                    }
                }
                None => {
                    self.by_domain.insert(p.domain.clone(), self.entries.len());
                    self.entries.push(p);
                }
            }
        }
    }

    /// The row for `host` or its nearest listed parent domain (`news.bbc.co.uk` → `bbc.co.uk`).
    pub fn for_host(&self, host: &str) -> Option<&Publisher> {
        let host = host.to_ascii_lowercase();
        let host = host.trim_end_matches('.').trim_start_matches("www.");
        let mut rest = host;
        loop {
            if let Some(p) = self.by_domain.get(rest).and_then(|&i| self.entries.get(i)) {
                return Some(p);
            }
            let (_, parent) = rest.split_once('.')?;
            rest = parent;
        }
    }

    /// What the table says of `url`; for an archived copy, of the page it preserves.
    pub fn cite(&self, url: &str) -> Citation<'_> {
        let none = |unusable| Citation { publisher: None, archive: None, unusable: Some(unusable) };
        let Some(host) = host_of(url) else { return none("no host") };
        if host.contains(':') {
            return none("an address with a port number");
        }
        if host.split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())) {
            return none("a bare IP address");
        }
        let publisher = self.for_host(host);
        if let Some(archive) = publisher.filter(|p| p.tier == Tier::Archive) {
            let Some(original) = archived_original(url) else {
                return Citation {
                    publisher: None,
                    archive: Some(archive),
                    unusable: Some("an archive address without the original page"),
                };
            };
            let inner = self.cite(&original);
            return Citation { archive: Some(archive), ..inner };
        }
        Citation { publisher, archive: None, unusable: None }
    }
}

/// The publishers of `urls` for a credits line: each name once, in first-cited order; an archived copy
/// credits both its publisher and the archive; an unlisted site is credited by its host.
pub fn credit_names<'a>(publishers: &Publishers, urls: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |name: &str| {
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    };
    for url in urls {
        let c = publishers.cite(url);
        match c.publisher {
            Some(p) => push(&p.name),
            None => push(host_of(url).unwrap_or_default().trim_start_matches("www.")),
        }
        if let Some(a) = c.archive {
            push(&a.name);
        }
    }
    names
}

/// The host of an http(s) URL, port included if one is given.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    (!host.is_empty()).then_some(host)
}

/// The original address inside an archive address (`https://web.archive.org/web/2020/https://x.org/a`
/// → `https://x.org/a`); archives that collapse `//` to `/` are mended.
pub fn archived_original(url: &str) -> Option<String> {
    let after_scheme = url.find("://").map(|i| i + 3)?;
    let tail = url.get(after_scheme..)?;
    let start = tail.find("/http").map(|i| i + 1)?;
    let inner = tail.get(start..)?;
    let (scheme, rest) = inner.split_once(':')?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.trim_start_matches('/');
    (!rest.is_empty()).then(|| format!("{scheme}://{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Publishers {
        let text = r#"{"publishers": [
            {"domain": "bbc.co.uk", "name": "BBC", "tier": "reputable"},
            {"domain": "piglix.com", "name": "piglix", "tier": "never", "why": "copy of Wikipedia"},
            {"domain": "irna.ir", "name": "IRNA", "tier": "state-media-of-party", "why": "Iranian state media"},
            {"domain": "web.archive.org", "name": "Internet Archive", "tier": "archive", "why": "archive"}
        ]}"#;
        match Publishers::parse("t.json", text) {
            Ok(t) => t,
            Err(e) => panic!("{e:?}"),
        }
    }

    #[test]
    fn tier_by_domain_and_subdomain() {
        let t = table();
        let bbc = t.cite("https://www.bbc.co.uk/news/world-1");
        assert_eq!(bbc.publisher.map(|p| p.name.as_str()), Some("BBC"));
        assert!(bbc.is_reputable());
        assert!(t.cite("http://news.bbc.co.uk/2/hi/1.stm").is_reputable(), "subdomain of a listed domain");
        assert!(!t.cite("https://notbbc.co.uk/x").is_reputable(), "a suffix that is not a parent domain");
        assert_eq!(t.cite("https://fr.irna.ir/x").tier(), Some(Tier::StateMediaOfParty));
        assert_eq!(t.cite("https://example.org/x").tier(), None, "unlisted");
    }

    #[test]
    fn mirrors_ips_and_ports_never_count() {
        let t = table();
        assert_eq!(t.cite("http://piglix.com/piglix/Desert_One").tier(), Some(Tier::Never));
        assert_eq!(t.cite("http://198.199.66.198/en/a").tier(), Some(Tier::Never));
        assert_eq!(t.cite("https://www.bbc.co.uk:443/news").tier(), Some(Tier::Never));
    }

    #[test]
    fn archived_copies_count_as_their_original() {
        let t = table();
        let c = t.cite("https://web.archive.org/web/20200101000000/https://www.bbc.co.uk/news/a");
        assert!(c.is_reputable());
        assert_eq!(c.archive.map(|p| p.name.as_str()), Some("Internet Archive"));
        assert_eq!(
            archived_original("http://collections.internetmemory.org/haeu/content/2016/http:/eeas.europa.eu/a.htm"),
            Some("http://eeas.europa.eu/a.htm".to_owned())
        );
        assert_eq!(t.cite("https://web.archive.org/web/2020/").tier(), Some(Tier::Never));
    }

    #[test]
    fn credits_name_each_publisher_once_in_order() {
        let t = table();
        let names = credit_names(
            &t,
            [
                "https://news.bbc.co.uk/a",
                "https://web.archive.org/web/2001/http://fr.irna.ir/b",
                "https://www.bbc.co.uk/c",
                "https://example.org/d",
            ],
        );
        assert_eq!(names, ["BBC", "IRNA", "Internet Archive", "example.org"]);
    }

    #[test]
    fn table_rows_are_checked() {
        let bad = r#"{"publishers": [
            {"domain": "www.x.org", "name": "X", "tier": "reputable"},
            {"domain": "x.org.", "name": "X", "tier": "reputable"},
            {"domain": "y.org", "name": "Y", "tier": "never"},
            {"domain": "z.org", "name": "Z", "tier": "reputable"},
            {"domain": "z.org", "name": "Z2", "tier": "reputable"}
        ]}"#;
        let errors = Publishers::parse("p.json", bad).err().unwrap_or_default();
        let fields: Vec<Option<&str>> = errors.iter().map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, [Some("domain"), Some("domain"), Some("why"), Some("domain")]);
    }

    #[test]
    fn bundled_table_loads() {
        let t = match bundled() {
            Ok(t) => t,
            Err(e) => panic!("{e:?}"),
        };
        assert!(t.cite("https://en.wikipedia.org/wiki/Iran").is_reputable());
        assert_eq!(t.cite("https://wikimili.com/en/Iran").tier(), Some(Tier::Never));
    }
}
