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

/// The folded words of a text, split at spaces, hyphens and other punctuation (apostrophes stay inside
/// a word: "Kata'ib" is one word).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | 'ʿ' | 'ʾ')))
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// How well one query word matches a text's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Fit {
    None,
    /// Transliteration skeleton of a word (three consonants or more).
    Sounds,
    /// The start of a word, or of words run together ("hizballah" in "Hizb-Allah").
    Prefix,
    /// A whole word.
    Word,
}

impl Fit {
    fn of(word: &str, text: &[String]) -> Self {
        if text.iter().any(|w| w == word) {
            Self::Word
        } else if (0..text.len()).any(|i| runs_from(&text[i..], word)) {
            Self::Prefix
        } else {
            Self::None
        }
    }
}

/// True when `word` is a prefix of the words run together from the first of `text`.
fn runs_from(text: &[String], mut word: &str) -> bool {
    for w in text {
        if w.starts_with(word) {
            return true;
        }
        match word.strip_prefix(w.as_str()) {
            Some(rest) => word = rest,
            None => return false,
        }
    }
    false
}

/// Where a text comes from: the record's title, its own other names, or names of related things
/// (actors, countries). Own names outrank related ones, so the group comes before its events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Related,
    Alias,
    Title,
}

/// One searchable record: what it is and the texts it answers to.
#[derive(Clone, Debug)]
struct Entry {
    hit: Hit,
    title: String,
    /// Folded words of each text, with where the text comes from; the title first.
    texts: Vec<(Source, Vec<String>)>,
    skeletons: Vec<String>,
}

impl Entry {
    /// The best (fit, source) of one query word over the entry's texts.
    fn word_score(&self, (word, skeleton): &(String, String)) -> (Fit, Source) {
        let best = self.texts.iter().map(|(source, t)| (Fit::of(word, t), *source)).max();
        match best {
            Some(best) if best.0 > Fit::None => best,
            _ if skeleton.len() >= 3 && self.skeletons.iter().any(|t| t.starts_with(skeleton.as_str())) => {
                (Fit::Sounds, Source::Related)
            }
            _ => (Fit::None, Source::Related),
        }
    }

    /// How the query words sit together in one text: 3 when they are the whole of one of the record's
    /// own names ("PMF"), 2 when they run consecutively in one ("Islamic State" in "Islamic State
    /// (ISIS)"), 1 when they do in a related name, 0 when they are scattered over several texts.
    fn phrase_level(&self, words: &[(String, String)]) -> u8 {
        let phrase: String = words.iter().map(|(w, _)| w.as_str()).collect();
        let holds = |t: &[String]| {
            (0..t.len()).any(|i| {
                let mut joined = String::new();
                t[i..].iter().any(|w| {
                    joined.push_str(w);
                    joined == phrase
                })
            })
        };
        let level = |(source, t): &(Source, Vec<String>)| match source {
            Source::Related => u8::from(holds(t)),
            _ if t.concat() == phrase => 3,
            _ => 2 * u8::from(holds(t)),
        };
        self.texts.iter().map(level).max().unwrap_or(0)
    }
}

/// At an equal match, named things come before the events that mention them.
fn kind_rank(hit: &Hit) -> u8 {
    match hit {
        Hit::Group(_) => 3,
        Hit::Position(_) => 2,
        Hit::Relation(_) => 1,
        Hit::Event(_) => 0,
    }
}

/// A prepared search index over a dataset.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// A search result with its display title.
#[derive(Clone, Debug, PartialEq)]
pub struct Result {
    pub hit: Hit,
    /// The event's title, the group's or position's name, or for a relation "PROTECTING for REPRESENTED in HOST" in
    /// country names.
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
        let mut push = |hit: Hit, title: &str, aliases: &[String], related: Vec<String>| {
            let mut texts = vec![(Source::Title, words(title))];
            texts.extend(aliases.iter().map(|a| (Source::Alias, words(a))));
            texts.extend(related.iter().map(|r| (Source::Related, words(r))));
            let all = std::iter::once(title)
                .chain(aliases.iter().map(String::as_str))
                .chain(related.iter().map(String::as_str));
            let skeletons = all.flat_map(|t| t.split_whitespace().map(skeleton).collect::<Vec<_>>()).collect();
            entries.push(Entry { hit, title: title.to_owned(), texts, skeletons });
        };
        for e in &d.events {
            let mut related = actor_texts(&e.actors);
            related.extend(e.countries.iter().map(|c| d.country_name(c).to_owned()));
            push(Hit::Event(e.id.clone()), &e.title, &[], related);
        }
        for g in &d.groups {
            push(Hit::Group(g.id.clone()), &g.name, &g.aliases, Vec::new());
        }
        for p in &d.positions {
            push(Hit::Position(p.id.clone()), &p.name, &[], vec![d.country_name(&p.country).to_owned()]);
        }
        for r in &d.relations {
            push(Hit::Relation(r.id.clone()), &d.relation_title(r), &[], Vec::new());
        }
        Self { entries }
    }

    /// Results for a query, best first. Every query word must match a whole word, the start of a word,
    /// or a word's transliteration skeleton ("ISIS" does not match "crisis"). An entry ranks by its
    /// weakest word (whole words before word starts before sound-alikes; its own names before those of
    /// related actors and countries), then by the query being one of its names or a phrase of one, then
    /// groups, positions and relations before events, then by its title starting with the query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Result> {
        let words: Vec<(String, String)> = query
            .split_whitespace()
            .flat_map(words)
            .map(|w| {
                let s = skeleton(&w);
                (w, s)
            })
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut scored = Vec::new();
        for (order, e) in self.entries.iter().enumerate() {
            let Some(weakest) = words.iter().map(|w| e.word_score(w)).min() else { continue };
            if weakest.0 == Fit::None {
                continue;
            }
            let title_first = e.texts.first().is_some_and(|(_, t)| words.first().is_some_and(|(w, _)| runs_from(t, w)));
            let key = (weakest.0, weakest.1, e.phrase_level(&words), kind_rank(&e.hit), title_first);
            scored.push((key, order, e));
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
        // Run-together and split spellings meet.
        let r = index.search("Hizb Allah", 50);
        assert!(r.iter().any(|r| r.hit == Hit::Group("hezbollah".into())), "{r:?}");
        assert!(index.search("", 10).is_empty());
        assert!(index.search("zzzzqqq", 10).is_empty());
    }

    fn index() -> SearchIndex {
        let atlas = crate::model::bundled::atlas().unwrap();
        SearchIndex::build(&crate::model::bundled::dataset(&atlas).unwrap())
    }

    #[test]
    fn isis_matches_whole_words_not_crisis() {
        let index = index();
        let crisis = Hit::Event("us-embassy-hostage-crisis-1979".into());
        assert!(index.search("crisis", 50).iter().any(|r| r.hit == crisis), "the data has a crisis to confuse");
        let r = index.search("ISIS", 50);
        assert_eq!(r.first().map(|r| &r.hit), Some(&Hit::Group("isis".into())), "{r:?}");
        assert!(!r.iter().any(|r| r.title.to_lowercase().contains("crisis")), "{r:?}");
        assert!(r.iter().any(|r| r.hit == Hit::Event("fall-of-mosul-2014".into())), "{r:?}");
    }

    #[test]
    fn islamic_state_puts_the_group_first_and_unrelated_events_last() {
        let index = index();
        let r = index.search("Islamic State", 50);
        assert_eq!(r.first().map(|r| &r.hit), Some(&Hit::Group("isis".into())), "{r:?}");
        // The Algiers Agreement matches only through "Islamic Republic of Iran" and "United States":
        // it comes after every event that has the group among its actors.
        let d = crate::model::bundled::dataset(&crate::model::bundled::atlas().unwrap()).unwrap();
        let pos = |pred: &dyn Fn(&Hit) -> bool| r.iter().position(|r| pred(&r.hit));
        let last_isis_event = r
            .iter()
            .rposition(|r| matches!(&r.hit, Hit::Event(id) if d.events.iter().any(|e| &e.id == id && e.actors.iter().any(|a| a == "isis"))));
        let first_unrelated = pos(
            &|h: &Hit| matches!(h, Hit::Event(id) if d.events.iter().any(|e| &e.id == id && !e.actors.iter().any(|a| a == "isis"))),
        );
        let (Some(a), Some(b)) = (last_isis_event, first_unrelated) else {
            panic!("both ISIS events and unrelated ones match: {r:?}")
        };
        assert!(a < b, "ISIS events {a} before unrelated {b}: {r:?}");
    }

    #[test]
    fn whole_words_and_aliases_rank_before_word_starts() {
        let index = index();
        // "PMF" is an alias of the Popular Mobilization Forces and a word start of nothing else first.
        let r = index.search("PMF", 50);
        assert_eq!(r.first().map(|r| &r.hit), Some(&Hit::Group("popular-mobilization-forces".into())), "{r:?}");
        let r = index.search("Hashd", 50);
        assert_eq!(r.first().map(|r| &r.hit), Some(&Hit::Group("popular-mobilization-forces".into())), "{r:?}");
    }
}
