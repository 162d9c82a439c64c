//! What a frame asks of a million records, answered without scanning them all: how many start on each day
//! in each category (the timeline's lanes), names folded once for search, each record's place on the map's
//! plane, and which categories are switched off. Built on the loading thread, with the records.

use super::records::Records;

/// Categories switched off, one bit each ([`super::records::MAX_CATEGORIES`] plus "other" fit).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryMask(u128);

impl CategoryMask {
    /// True when category `c` is in the set.
    pub fn contains(&self, c: &u16) -> bool {
        *c < 128 && self.0 & (1 << c) != 0
    }

    /// Adds `c`; a number of 128 or more is ignored (and never contained).
    pub fn insert(&mut self, c: u16) {
        if c < 128 {
            self.0 |= 1 << c;
        }
    }

    pub fn remove(&mut self, c: &u16) {
        if *c < 128 {
            self.0 &= !(1 << c);
        }
    }

    pub fn clear(&mut self) {
        self.0 = 0;
    }

    /// True when nothing is switched off.
    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }
}

/// Records starting per day and category, as running totals: any day range's count is one subtraction.
#[derive(Clone, Debug, Default)]
pub struct DayCounts {
    first_day: i32,
    /// `totals[c][d]`: records of category `c` starting before day `first_day + d`.
    totals: Vec<Vec<u32>>,
}

impl DayCounts {
    /// The most cells (days × categories) kept; a file spanning millennia counts by scanning instead.
    const MAX_CELLS: usize = 8_000_000;

    /// Counts for `r` (sorted by start), or `None` when its span is too long to tabulate.
    pub fn build(r: &Records) -> Option<Self> {
        let (&first, &last) = (r.start_day.first()?, r.start_day.last()?);
        let days = usize::try_from(i64::from(last) - i64::from(first) + 2).ok()?;
        let categories = r.categories.len().max(1);
        if days.saturating_mul(categories) > Self::MAX_CELLS {
            return None;
        }
        let mut totals = vec![vec![0u32; days]; categories];
        for (&day, &c) in r.start_day.iter().zip(&r.category) {
            let d = usize::try_from(day - first).ok()? + 1;
            if let Some(cell) = totals.get_mut(c as usize).and_then(|t| t.get_mut(d)) {
                *cell += 1;
            }
        }
        for t in &mut totals {
            for d in 1..t.len() {
                let before = t.get(d - 1).copied().unwrap_or(0);
                if let Some(cell) = t.get_mut(d) {
                    *cell += before;
                }
            }
        }
        Some(Self { first_day: first, totals })
    }

    /// Records of category `c` starting in `from_day..to_day` (end exclusive).
    pub fn count(&self, c: u16, from_day: i32, to_day: i32) -> u32 {
        let Some(t) = self.totals.get(c as usize) else { return 0 };
        let at = |day: i32| {
            let d = (i64::from(day) - i64::from(self.first_day)).clamp(0, t.len() as i64 - 1);
            t.get(d as usize).copied().unwrap_or(0)
        };
        if to_day <= from_day { 0 } else { at(to_day) - at(from_day) }
    }
}

/// The indexes of one source.
#[derive(Clone, Debug, Default)]
pub struct SourceIndex {
    /// Counts per day and category, when the span allows.
    pub day_counts: Option<DayCounts>,
    /// The distinct titles, folded for search (by title number).
    pub titles_folded: Vec<String>,
    /// The actors, folded (by actor number).
    pub actors_folded: Vec<String>,
    /// Each record's place on the map's plane (km), NaN without a place: a frame then only scales and
    /// shifts, where projecting a million points would cost more than the frame.
    pub plane_km: Vec<[f32; 2]>,
}

impl SourceIndex {
    /// Builds the indexes; `project` maps lon, lat (degrees) to the map's plane in km.
    pub fn build(r: &Records, project: impl Fn(f64, f64) -> [f32; 2]) -> Self {
        let fold = crate::model::search::fold;
        Self {
            day_counts: DayCounts::build(r),
            titles_folded: r.title.names.names().iter().map(|t| fold(t)).collect(),
            actors_folded: r.actors.names().iter().map(|a| fold(a)).collect(),
            plane_km: r
                .lon
                .iter()
                .zip(&r.lat)
                .map(|(&lon, &lat)| {
                    if lon.is_finite() && lat.is_finite() {
                        project(f64::from(lon), f64::from(lat))
                    } else {
                        [f32::NAN, f32::NAN]
                    }
                })
                .collect(),
        }
    }

    /// Approximate heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        let counts = self.day_counts.as_ref().map_or(0, |d| d.totals.iter().map(|t| t.len() * 4).sum());
        let names: usize = self.titles_folded.iter().chain(&self.actors_folded).map(|s| s.capacity() + 24).sum();
        counts + names + self.plane_km.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::{DatePrecision, ImportDate};
    use crate::import::records::RecordIn;

    #[test]
    fn day_counts_answer_any_range() {
        let mut r = Records::default();
        for (day, cat) in [(10, "a"), (10, "b"), (12, "a"), (20, "a")] {
            let start = Some(ImportDate { day, precision: DatePrecision::Day });
            r.push(RecordIn { start, category: cat.into(), ..RecordIn::default() });
        }
        let c = DayCounts::build(&r).unwrap();
        assert_eq!(c.count(0, 10, 11), 1);
        assert_eq!(c.count(0, 0, 100), 3);
        assert_eq!(c.count(1, 0, 100), 1);
        assert_eq!(c.count(0, 11, 20), 1);
        assert_eq!(c.count(0, 11, 21), 2);
        assert_eq!(c.count(0, 21, 30), 0);
        assert_eq!(c.count(5, 0, 100), 0);
    }

    #[test]
    fn masks_hold_every_category() {
        let mut m = CategoryMask::default();
        m.insert(0);
        m.insert(64);
        assert!(m.contains(&0) && m.contains(&64) && !m.contains(&1));
        m.remove(&0);
        assert!(!m.contains(&0) && !m.is_empty());
    }
}
