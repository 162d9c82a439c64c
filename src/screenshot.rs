//! `--screenshot OUT.png`: let the window settle, capture it, save a PNG and close.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Frames drawn before the capture, so fonts, layout and the map cache have settled.
const SETTLE_FRAMES: u32 = 10;

/// The result of a screenshot run, shared with `main` for the exit code.
pub type Outcome = Arc<Mutex<Option<Result<PathBuf, String>>>>;

/// A screenshot in progress.
#[derive(Debug)]
pub struct ScreenshotJob {
    path: PathBuf,
    frames: u32,
    requested: bool,
    outcome: Outcome,
}

impl ScreenshotJob {
    /// A job that saves to `path` and reports into `outcome`.
    pub fn new(path: PathBuf, outcome: Outcome) -> Self {
        Self { path, frames: 0, requested: false, outcome }
    }

    /// Call once per frame: counts frames, requests the capture, closes the window when it is saved.
    pub fn step(&mut self, ctx: &egui::Context, busy: bool) {
        // Background loads first: the picture must show what was asked for.
        if busy {
            self.frames = 0;
            ctx.request_repaint();
            return;
        }
        self.frames += 1;
        let done = self.outcome.lock().map_or(true, |o| o.is_some());
        if done {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        if !self.requested && self.frames >= SETTLE_FRAMES {
            self.requested = true;
            let path = self.path.clone();
            let outcome = self.outcome.clone();
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                let result = save_png(&image, &path).map(|()| path.clone());
                if let Ok(mut slot) = outcome.lock() {
                    *slot = Some(result);
                }
                repaint.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

/// Saves an egui image as PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(egui::Color32::to_array).collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| format!("screenshot has {} pixels, not {w}×{h}", image.pixels.len()))?;
    buffer.save(path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
