//! A date range as numbered frames (`frame-0001.png`, ...), and optionally one animated GIF.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::{Days, Months};

use crate::time::{date_from_day, day_from_date};

/// Most frames one export may write.
pub const MAX_FRAMES: usize = 2000;

/// The step between frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Days.
    Days(u32),
    /// Calendar months.
    Months(u32),
    /// Calendar years.
    Years(u32),
}

impl Step {
    /// Parses `1d`, `7d`, `2w`, `1m`, `1y`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        let err = || format!("step {text:?}: expected a number and a unit, like 1d, 2w, 1m or 1y");
        let unit = t.chars().last().ok_or_else(err)?;
        let n: u32 = t[..t.len() - unit.len_utf8()].parse().map_err(|_| err())?;
        if n == 0 {
            return Err(format!("step {text:?}: must be at least 1"));
        }
        match unit.to_ascii_lowercase() {
            'd' => Ok(Self::Days(n)),
            'w' => Ok(Self::Days(n.saturating_mul(7))),
            'm' => Ok(Self::Months(n)),
            'y' => Ok(Self::Years(n)),
            _ => Err(err()),
        }
    }

    fn advance(self, d: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        match self {
            Self::Days(n) => d.checked_add_days(Days::new(u64::from(n))),
            Self::Months(n) => d.checked_add_months(Months::new(n)),
            Self::Years(n) => d.checked_add_months(Months::new(n.saturating_mul(12))),
        }
    }
}

/// The days of the frames from `from` to `to` (both included when the step lands on `to`).
pub fn frame_days(from: f64, to: f64, step: Step) -> Result<Vec<f64>, String> {
    if to < from {
        return Err("the end date is before the start date".into());
    }
    let (mut d, end) = (date_from_day(from), date_from_day(to));
    let mut days = Vec::new();
    while d <= end {
        if days.len() == MAX_FRAMES {
            return Err(format!("more than {MAX_FRAMES} frames: use a longer step"));
        }
        days.push(day_from_date(d));
        let Some(next) = step.advance(d) else { break };
        d = next;
    }
    Ok(days)
}

/// What to write: a date range, a step, a folder, and whether to add an animated GIF.
#[derive(Clone, Debug, PartialEq)]
pub struct FramesRequest {
    /// First day.
    pub from: f64,
    /// Last day.
    pub to: f64,
    /// Step between frames.
    pub step: Step,
    /// Output folder (created if missing).
    pub dir: PathBuf,
    /// Also write `frames.gif`.
    pub gif: bool,
}

/// The path of frame `index` (0-based): `DIR/frame-0001.png`.
pub fn frame_path(dir: &Path, index: usize) -> PathBuf {
    dir.join(format!("frame-{:04}.png", index + 1))
}

/// An animated GIF being written frame by frame (looping, `delay_ms` per frame).
pub struct GifWriter {
    encoder: image::codecs::gif::GifEncoder<std::io::BufWriter<std::fs::File>>,
    delay_ms: u32,
}

impl GifWriter {
    /// Creates `path`.
    pub fn create(path: &Path, delay_ms: u32) -> anyhow::Result<Self> {
        let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
        // Speed 30 is the fastest quantiser setting; maps have few colours, so it loses little.
        let mut encoder = image::codecs::gif::GifEncoder::new_with_speed(std::io::BufWriter::new(file), 30);
        encoder.set_repeat(image::codecs::gif::Repeat::Infinite).context("cannot write the GIF header")?;
        Ok(Self { encoder, delay_ms })
    }

    /// Appends one frame.
    pub fn push(&mut self, image: &image::RgbaImage) -> anyhow::Result<()> {
        let delay = image::Delay::from_numer_denom_ms(self.delay_ms, 1);
        let frame = image::Frame::from_parts(image.clone(), 0, 0, delay);
        self.encoder.encode_frame(frame).context("cannot write a GIF frame")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_day;

    #[test]
    fn steps_parse() {
        assert_eq!(Step::parse("1d"), Ok(Step::Days(1)));
        assert_eq!(Step::parse("2w"), Ok(Step::Days(14)));
        assert_eq!(Step::parse("3m"), Ok(Step::Months(3)));
        assert_eq!(Step::parse("1Y"), Ok(Step::Years(1)));
        assert!(Step::parse("0d").is_err());
        assert!(Step::parse("d").is_err());
        assert!(Step::parse("5x").is_err());
    }

    #[test]
    fn the_crisis_fortnight_by_day_has_thirteen_frames() {
        let (a, b) = (parse_day("2019-12-27").unwrap(), parse_day("2020-01-08").unwrap());
        let days = frame_days(a, b, Step::Days(1)).unwrap();
        assert_eq!(days.len(), 13);
        assert_eq!(days.first(), Some(&a));
        assert_eq!(days.last(), Some(&b));
        let months = frame_days(parse_day("2019-01-31").unwrap(), parse_day("2019-04-30").unwrap(), Step::Months(1));
        // Month steps clamp to the month's end (Jan 31 -> Feb 28 -> Mar 28 -> Apr 28).
        assert_eq!(months.unwrap().len(), 4);
        assert!(frame_days(b, a, Step::Days(1)).is_err());
        assert!(frame_days(parse_day("1953").unwrap(), parse_day("2020").unwrap(), Step::Days(1)).is_err());
    }

    #[test]
    fn frame_paths_are_numbered_from_one() {
        assert_eq!(frame_path(Path::new("out"), 0), Path::new("out/frame-0001.png"));
        assert_eq!(frame_path(Path::new("out"), 41), Path::new("out/frame-0042.png"));
    }
}
