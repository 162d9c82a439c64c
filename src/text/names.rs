//! English or local names on the map: Persian for Iran, Arabic for the Arab states, Hebrew for Israel and
//! Turkish for Turkey, where the bundled data gives one (`name_local`, sources in data/README.md).

use serde::{Deserialize, Serialize};

/// Which names the map's labels show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum NameMode {
    /// English names (the local one nowhere).
    #[default]
    English,
    /// Names in the local language and script; English where the data has no local name.
    Local,
    /// The English name with the local one under it.
    Both,
}

impl NameMode {
    /// All modes, for menus.
    pub const ALL: [Self; 3] = [Self::English, Self::Local, Self::Both];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::English => "English names",
            Self::Local => "Local names (Persian, Arabic, Hebrew, Turkish)",
            Self::Both => "Both, stacked",
        }
    }

    /// A name inside running text (a card's lines): the English name with the local one after it in brackets
    /// ("Iraq (العراق)") when the map shows local names, so the card keeps the English its summary uses.
    pub fn inline(self, english: &str, local: Option<&str>) -> String {
        match (self, local.filter(|l| !l.is_empty() && *l != english)) {
            (Self::Local | Self::Both, Some(local)) => format!("{english} ({local})"),
            _ => english.to_owned(),
        }
    }

    /// The text of a label: one name, or the English name over the local one (lines split at `\n`).
    pub fn text(self, english: &str, local: Option<&str>) -> String {
        match (self, local.filter(|l| !l.is_empty() && *l != english)) {
            (Self::Local, Some(local)) => local.to_owned(),
            (Self::Both, Some(local)) => format!("{english}\n{local}"),
            _ => english.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mode_picks_its_names_and_falls_back_to_english() {
        assert_eq!(NameMode::English.text("Tehran", Some("تهران")), "Tehran");
        assert_eq!(NameMode::Local.text("Tehran", Some("تهران")), "تهران");
        assert_eq!(NameMode::Both.text("Tehran", Some("تهران")), "Tehran\nتهران");
        assert_eq!(NameMode::Local.text("Kashan", None), "Kashan");
        assert_eq!(NameMode::Both.text("Turkey", Some("Turkey")), "Turkey");
    }

    #[test]
    fn running_text_gives_the_local_name_in_brackets() {
        assert_eq!(NameMode::English.inline("Iraq", Some("العراق")), "Iraq");
        assert_eq!(NameMode::Local.inline("Iraq", Some("العراق")), "Iraq (العراق)");
        assert_eq!(NameMode::Both.inline("Iraq", Some("العراق")), "Iraq (العراق)");
        assert_eq!(NameMode::Local.inline("Oman", None), "Oman");
        assert_eq!(NameMode::Local.inline("Turkey", Some("Turkey")), "Turkey");
    }

    #[test]
    fn modes_read_and_write_as_lowercase_words() {
        assert_eq!(serde_json::to_string(&NameMode::Both).unwrap(), "\"both\"");
        assert_eq!(serde_json::from_str::<NameMode>("\"local\"").unwrap(), NameMode::Local);
    }
}
