//! Source links: http and https addresses open in the browser on click; any other address is shown as plain
//! text with a note, never handed to the system (see [`crate::model::web`]); a card's list of sources.

use egui::{Response, RichText, Ui};

use crate::model::dataset::Source;
use crate::model::web::web_address_problem;

/// A link titled `title` to `url`, or the title as text when `url` is not a web address.
pub fn source_link_ui(ui: &mut Ui, title: impl Into<RichText>, url: &str) -> Response {
    let title: RichText = title.into();
    match web_address_problem(url) {
        None => ui.hyperlink_to(title, url).on_hover_text(url),
        Some(problem) => ui.label(title).on_hover_text(format!("Not opened: {problem}")),
    }
}

/// The sources as links, each after its publisher's name (from `data/publishers.json`), with a word when
/// the page is an archived copy or the record rests on supporting sources only; the system browser opens
/// only when a link is clicked.
pub fn sources_ui(ui: &mut Ui, sources: &[Source]) {
    ui.label(RichText::new("Sources").strong());
    let lines = crate::model::publishers::bundled().map(|p| source_lines(p, sources)).unwrap_or_default();
    if !lines.iter().any(|l| l.reputable) && !sources.is_empty() {
        ui.label(RichText::new("No reputable source found: supporting sources only.").italics());
    }
    for (i, s) in sources.iter().enumerate() {
        let line = lines.get(i);
        ui.horizontal_wrapped(|ui| {
            if let Some(publisher) = line.and_then(|l| l.publisher.as_deref()) {
                ui.label(RichText::new(publisher).strong());
            }
            source_link_ui(ui, &s.title, &s.url);
            if let Some(archive) = line.and_then(|l| l.archive.as_deref()) {
                ui.label(RichText::new(format!("(archived copy, {archive})")).small());
            }
        });
    }
}

/// What a card says beside one source link.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceLine {
    /// The publisher's name, when listed.
    pub publisher: Option<String>,
    /// The archive's name, when the page is an archived copy.
    pub archive: Option<String>,
    /// True when the publisher counts as reputable on its own.
    pub reputable: bool,
}

/// The publisher, archive and standing of each source, in order (no egui: tested on its own).
pub fn source_lines(publishers: &crate::model::publishers::Publishers, sources: &[Source]) -> Vec<SourceLine> {
    sources
        .iter()
        .map(|s| {
            let c = publishers.cite(&s.url);
            SourceLine {
                publisher: c.publisher.map(|p| p.name.clone()),
                archive: c.archive.map(|a| a.name.clone()),
                reputable: c.is_reputable(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_name_publishers_and_archives() {
        let Ok(p) = crate::model::publishers::bundled() else { panic!("bundled publishers") };
        let src = |url: &str| Source { url: url.into(), title: "t".into() };
        let lines = source_lines(
            p,
            &[
                src("https://www.reuters.com/world/x"),
                src("https://web.archive.org/web/2016/http://www.state.gov/r/pa/prs/ps/2016/01/1.htm"),
                src("https://www.longwarjournal.org/a"),
            ],
        );
        let names: Vec<Option<&str>> = lines.iter().map(|l| l.publisher.as_deref()).collect();
        assert_eq!(names, [Some("Reuters"), Some("US Department of State"), Some("FDD's Long War Journal")]);
        assert_eq!(lines.get(1).and_then(|l| l.archive.as_deref()), Some("Internet Archive"));
        assert_eq!(lines.iter().map(|l| l.reputable).collect::<Vec<_>>(), [true, true, false]);
    }
}
