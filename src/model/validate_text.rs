//! Checks of the content's words and codes that the structural loader accepts: blank or overlong names and
//! titles, a state protecting its own interests, and a country table with bad, repeated or no codes.

use std::collections::HashMap;

use super::dataset_load::{DataFileKind, LoadedDataset, Origin};
use super::error::{LoadError, too_long};
use super::json_locate::Seg;

/// Most characters in a title or a name (it is shown on one line of a card, a label or the timeline).
pub const MAX_NAME_CHARS: usize = 300;
/// Most characters in a summary.
pub const MAX_SUMMARY_CHARS: usize = 20_000;

/// Every such problem, each located at its record and field.
pub fn check(loaded: &LoadedDataset) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let mut err = |kind: DataFileKind, id: &str, field: &'static str, message: String| {
        if let Some(origin) = loaded.origins.get(&(kind, id.to_owned())).copied() {
            errors.push(loaded.error_at(kind, origin, id, &[Seg::Key(field)], message));
        }
    };
    let d = &loaded.dataset;
    use DataFileKind as K;
    let named = d
        .events
        .iter()
        .map(|r| (K::Events, &r.id, "title", &r.title, &r.summary))
        .chain(d.actors.iter().map(|r| (K::Actors, &r.id, "name", &r.name, &r.summary)))
        .chain(d.groups.iter().map(|r| (K::Groups, &r.id, "name", &r.name, &r.summary)))
        .chain(d.positions.iter().map(|r| (K::Positions, &r.id, "name", &r.name, &r.summary)))
        .chain(d.eras.iter().map(|r| (K::Eras, &r.id, "title", &r.title, &r.summary)));
    for (kind, id, field, name, summary) in named {
        if name.trim().is_empty() {
            err(kind, id, field, format!("expected a non-blank {field}, found {name:?}"));
        } else if let Some(message) = too_long(name, MAX_NAME_CHARS) {
            err(kind, id, field, message);
        }
        if let Some(message) = too_long(summary, MAX_SUMMARY_CHARS) {
            err(kind, id, "summary", message);
        }
    }
    for r in &d.relations {
        for (field, other) in [("represented", &r.represented), ("host", &r.host)] {
            if r.protecting == *other {
                let message = format!(
                    "{:?} is both `protecting` and `{field}`: a protecting power acts for another state's interests \
                     in a third",
                    r.protecting
                );
                err(K::Relations, &r.id, field, message);
            }
        }
    }
    errors.append(&mut countries(loaded));
    errors
}

/// The country table: codes of three uppercase letters, each once, names not blank, and at least one row.
fn countries(loaded: &LoadedDataset) -> Vec<LoadError> {
    let mut errors = Vec::new();
    let mut first: HashMap<&str, Origin> = HashMap::new();
    for (a3, kind, origin) in &loaded.all_ids {
        if *kind != DataFileKind::Countries {
            continue;
        }
        let at = |field: &'static str, message: String| {
            loaded.error_at(DataFileKind::Countries, *origin, a3, &[Seg::Key(field)], message)
        };
        if a3.len() != 3 || !a3.bytes().all(|b| b.is_ascii_uppercase()) {
            let shown: String = a3.chars().take(20).collect();
            errors.push(at("a3", format!("expected a code of three uppercase letters like \"IRQ\", found {shown:?}")));
        }
        if let Some(earlier) = first.insert(a3, *origin) {
            let message = format!("country code {a3:?} is listed twice (first as countries[{}])", earlier.index);
            first.insert(a3, earlier);
            errors.push(at("a3", message));
        }
    }
    for c in &loaded.dataset.countries {
        if c.name.trim().is_empty()
            && let Some(origin) = loaded.origins.get(&(DataFileKind::Countries, c.a3.clone()))
        {
            let message = "expected a non-blank name".to_owned();
            errors.push(loaded.error_at(DataFileKind::Countries, *origin, &c.a3, &[Seg::Key("name")], message));
        }
    }
    for (i, file) in loaded.files.iter().enumerate() {
        let rows = loaded.all_ids.iter().filter(|(_, k, o)| *k == DataFileKind::Countries && o.file == i).count();
        // A file that did not parse has its own error already.
        let empty_list = || {
            serde_json::from_str::<serde_json::Value>(&file.text)
                .ok()
                .and_then(|v| v.get("countries").and_then(serde_json::Value::as_array).map(Vec::is_empty))
                == Some(true)
        };
        if file.kind == DataFileKind::Countries && rows == 0 && empty_list() {
            errors.push(LoadError::file(
                &file.label,
                "no countries listed: expected at least one {\"a3\", \"name\"} row",
            ));
        }
    }
    errors
}
