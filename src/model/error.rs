//! The one error type of every loader: it says which file, where in it, which field and what was expected.

use std::fmt;

/// Where in a file a problem is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Place {
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
    /// Index of the feature or record in its collection, when the problem is inside one.
    pub feature: Option<usize>,
    /// The record's `id` (or name), when it has one.
    pub record: Option<String>,
    /// The key of the array holding the record, when it is not a GeoJSON `features` array
    /// (`actors`, `relations`, ...).
    pub array: Option<String>,
}

/// A problem found while loading or checking a data file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError {
    /// The file as the user named it (or `bundled:NAME` for embedded data).
    pub file: String,
    pub place: Place,
    /// The field at fault, as a dotted path (`properties.date`), when one is.
    pub field: Option<String>,
    /// What was expected and what was found.
    pub message: String,
}

impl LoadError {
    /// An error about the whole file (unreadable, not JSON, wrong top-level type).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.into(), place: Place::default(), field: None, message: message.into() }
    }

    /// Sets the 1-based line and column, replacing any already set.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.place.line_col = Some((line, column));
        self
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, column)) = self.place.line_col {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": error: ")?;
        if let Some(index) = self.place.feature {
            match &self.place.array {
                Some(array) => write!(f, "{array}[{index}]")?,
                None => write!(f, "feature {index}")?,
            }
            if let Some(id) = &self.place.record {
                write!(f, " ({id:?})")?;
            }
            write!(f, ": ")?;
        } else if let Some(id) = &self.place.record {
            write!(f, "{id:?}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Most problems shown for one file: past this a file is wrong throughout, and printing every problem
/// would bury the first ones (and take long).
pub const MAX_ERRORS_PER_FILE: usize = 100;

/// Keeps the first `max` problems of each file, in order, and after them one line saying how many more
/// that file has ("and 19,841 more problems in this file").
pub fn capped_per_file(errors: Vec<LoadError>, max: usize) -> Vec<LoadError> {
    let mut counts: std::collections::HashMap<String, (usize, Option<usize>)> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(errors.len().min(max * 4));
    for e in errors {
        let (count, summary) = counts.entry(e.file.clone()).or_insert((0, None));
        *count += 1;
        if *count <= max {
            out.push(e);
        } else if summary.is_none() {
            *summary = Some(out.len());
            out.push(LoadError::file(e.file, String::new()));
        }
    }
    for (count, summary) in counts.into_values() {
        if let Some(e) = summary.and_then(|i| out.get_mut(i)) {
            let more = thousands(count - max);
            e.message = format!("and {more} more problems in this file (the first {max} are shown)");
        }
    }
    out
}

/// `19841` as `19,841`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "expected at most MAX characters, found N" when `text` is longer than `max` characters. Counting stops
/// early, so a 10 MB text is refused without walking all of it first.
pub fn too_long(text: &str, max: usize) -> Option<String> {
    let chars = text.chars().take(max + 1).count();
    (chars > max).then(|| format!("expected at most {max} characters, found {}", text.chars().count()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_past_the_cap_are_counted_per_file() {
        let mut errors: Vec<LoadError> = (0..19_941).map(|i| LoadError::file("a.geojson", format!("p{i}"))).collect();
        errors.insert(5, LoadError::file("b.json", "only one"));
        let shown = capped_per_file(errors, 100);
        assert_eq!(shown.len(), 102);
        assert_eq!(shown.iter().filter(|e| e.file == "b.json").count(), 1);
        let last = shown.last().unwrap();
        assert_eq!(
            last.to_string(),
            "a.geojson: error: and 19,841 more problems in this file (the first 100 are shown)"
        );
        assert_eq!(capped_per_file(vec![LoadError::file("x", "y")], 100).len(), 1);
        assert_eq!(
            (thousands(0), thousands(999), thousands(1000), thousands(1_234_567)),
            ("0".into(), "999".into(), "1,000".into(), "1,234,567".into())
        );
    }

    #[test]
    fn display_names_file_place_field_and_expectation() {
        let e = LoadError {
            file: "data/events.geojson".into(),
            place: Place { line_col: Some((12, 5)), feature: Some(3), record: Some("k1".into()), array: None },
            field: Some("properties.date".into()),
            message: "expected a date like 2020-01-03, found \"2020-13\"".into(),
        };
        assert_eq!(
            e.to_string(),
            "data/events.geojson:12:5: error: feature 3 (\"k1\"): field `properties.date`: expected a date like 2020-01-03, found \"2020-13\""
        );
        let whole = LoadError::file("x.json", "expected a JSON object");
        assert_eq!(whole.to_string(), "x.json: error: expected a JSON object");
    }
}
