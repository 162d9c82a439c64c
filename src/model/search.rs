//! Search over the content that tolerates accents, punctuation and transliteration: "Suleimani" finds
//! "Soleimani", "Kataib" finds "Kata'ib", "Hodeida" finds "Al Ḩudaydah".

use super::dataset::Dataset;

/// What a search result points at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Hit {
    /// An event (by id).
    Event(String),
    /// An armed group (by id).
    Group(String),
    /// A US position (by id).
    Position(String),
    /// A protecting-power relation (by id).
    Relation(String),
}

impl Hit {
    /// Heading of the result list it belongs to.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Self::Event(_) => "Events",
            Self::Group(_) => "Armed groups",
            Self::Position(_) => "US positions",
            Self::Relation(_) => "Protecting powers",
        }
    }
}

/// Lowercase ASCII letters and digits only: accents folded, apostrophes, hyphens and spaces dropped.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for base in fold_char(c) {
            if base.is_ascii_alphanumeric() {
                out.push(base.to_ascii_lowercase());
            }
        }
    }
    out
}

/// The folded text with vowels and doubled letters removed and common transliteration pairs merged, so
/// spellings of one Arabic or Persian name meet: Soleimani/Suleimani/Soleymani → "slmn".
pub fn skeleton(text: &str) -> String {
    let folded =
        fold(text).replace("ph", "f").replace("ou", "u").replace('q', "k").replace("dh", "d").replace("th", "t");
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w' | 'h') {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

fn fold_char(c: char) -> Vec<char> {
    // Latin letters with diacritics as found in transliterated names and GeoNames.
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => {
            'a'
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ď' | 'ḍ' | 'Ď' | 'Ḍ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'ğ' | 'Ğ' => 'g',
        'ḥ' | 'ḩ' | 'Ḥ' | 'Ḩ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' => 'i',
        'ñ' | 'ń' | 'ň' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'š' | 'ş' | 'ṣ' | 'Ś' | 'Š' | 'Ş' | 'Ṣ' => 's',
        'ť' | 'ţ' | 'ṭ' | 'Ť' | 'Ţ' | 'Ṭ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ź' | 'ż' | 'ž' | 'ẓ' | 'Ź' | 'Ż' | 'Ž' | 'Ẓ' => 'z',
        'ß' => return vec!['s', 's'],
        other => other,
    };
    vec![base]
}

/// One searchable record: what it is and the texts it answers to.
#[derive(Clone, Debug)]
struct Entry {
    hit: Hit,
    title: String,
    folded: Vec<String>,
    skeletons: Vec<String>,
}

/// A prepared search index over a dataset.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// A search result with its display title.
#[derive(Clone, Debug, PartialEq)]
pub struct Result {
    /// What it points at.
    pub hit: Hit,
    /// Its title for the list.
    pub title: String,
}

impl SearchIndex {
    /// Indexes titles, aliases, actor names and places of the dataset.
    pub fn build(d: &Dataset) -> Self {
        let actor_texts = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .flat_map(|id| {
                    let actor = d.actors.iter().find(|a| &a.id == id);
                    let group = d.groups.iter().find(|g| &g.id == id);
                    let names: Vec<String> = actor
                        .map(|a| std::iter::once(a.name.clone()).chain(a.aliases.iter().cloned()).collect())
                        .or_else(|| {
                            group.map(|g| std::iter::once(g.name.clone()).chain(g.aliases.iter().cloned()).collect())
                        })
                        .unwrap_or_default();
                    names
                })
                .collect()
        };
        let mut entries = Vec::new();
        let mut push = |hit: Hit, title: &str, texts: Vec<String>| {
            let mut all = vec![title.to_owned()];
            all.extend(texts);
            let folded = all.iter().map(|t| fold(t)).collect();
            let skeletons = all.iter().flat_map(|t| t.split_whitespace().map(skeleton).collect::<Vec<_>>()).collect();
            entries.push(Entry { hit, title: title.to_owned(), folded, skeletons });
        };
        for e in &d.events {
            let mut texts = actor_texts(&e.actors);
            texts.extend(e.countries.iter().map(|c| d.country_name(c).to_owned()));
            push(Hit::Event(e.id.clone()), &e.title, texts);
        }
        for g in &d.groups {
            push(Hit::Group(g.id.clone()), &g.name, g.aliases.clone());
        }
        for p in &d.positions {
            push(Hit::Position(p.id.clone()), &p.name, vec![d.country_name(&p.country).to_owned()]);
        }
        for r in &d.relations {
            let title = format!(
                "{} for {} in {}",
                d.country_name(&r.protecting),
                d.country_name(&r.represented),
                d.country_name(&r.host)
            );
            push(Hit::Relation(r.id.clone()), &title, Vec::new());
        }
        Self { entries }
    }

    /// Results for a query, best first: every query word must match a text (as a folded substring, or
    /// as a transliteration skeleton of a word); titles that start with the query rank first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Result> {
        let words: Vec<(String, String)> =
            query.split_whitespace().map(|w| (fold(w), skeleton(w))).filter(|(f, _)| !f.is_empty()).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(u8, usize, &Entry)> = Vec::new();
        for (order, e) in self.entries.iter().enumerate() {
            // Each word scores 3 in the title, 2 in other names, 1 by transliteration; an entry ranks by
            // its weakest word, then by whether its title starts with the query.
            let word_score = |(f, s): &(String, String)| -> u8 {
                if e.folded.first().is_some_and(|t| t.contains(f.as_str())) {
                    3
                } else if e.folded.iter().any(|t| t.contains(f.as_str())) {
                    2
                } else if s.len() >= 3 && e.skeletons.iter().any(|t| t.starts_with(s.as_str())) {
                    1
                } else {
                    0
                }
            };
            let score = words.iter().map(word_score).min().unwrap_or(0);
            if score > 0 {
                let title_first =
                    e.folded.first().is_some_and(|t| words.first().is_some_and(|(f, _)| t.starts_with(f.as_str())));
                scored.push((score * 2 + u8::from(title_first), order, e));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().take(limit).map(|(_, _, e)| Result { hit: e.hit.clone(), title: e.title.clone() }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_accents_and_punctuation() {
        assert_eq!(fold("Kata'ib Ḥizb-Allāh"), "kataibhizballah");
        assert_eq!(fold("Al Ḩudaydah"), "alhudaydah");
    }

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("Soleimani"), skeleton("Suleimani"));
        assert_eq!(skeleton("Soleymani"), skeleton("Sulaimani"));
        assert_eq!(skeleton("Qassem"), skeleton("Kasim"));
        assert_ne!(skeleton("Soleimani"), skeleton("Sanaa"));
    }

    #[test]
    fn finds_events_by_any_spelling() {
        let atlas = crate::model::bundled::atlas().unwrap();
        let d = crate::model::bundled::dataset(&atlas).unwrap();
        let index = SearchIndex::build(&d);
        for q in ["Soleimani", "suleimani", "Qassem Suleimani", "SOLEYMANI"] {
            let r = index.search(q, 50);
            assert!(r.iter().any(|r| r.hit == Hit::Event("soleimani-killed-2020".into())), "{q}: {r:?}");
        }
        for q in ["Kataib Hezbollah", "Kata'ib Hizballah"] {
            let r = index.search(q, 50);
            assert!(r.iter().any(|r| r.hit == Hit::Group("kataib-hezbollah".into())), "{q}: {r:?}");
        }
        assert!(index.search("", 10).is_empty());
        assert!(index.search("zzzzqqq", 10).is_empty());
    }
}
