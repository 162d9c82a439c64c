//! A texture as egui-wgpu samples it: premultiplied gamma-space texels, filtered bilinearly between texel
//! centres (or nearest), wrapped or clamped at the edges.

use anyhow::bail;
use egui::{ImageData, TextureFilter, TextureOptions, TextureWrapMode};

pub struct Texture {
    size: [usize; 2],
    texels: Vec<[u8; 4]>,
    options: TextureOptions,
}

impl Texture {
    pub fn new(image: &ImageData, options: TextureOptions) -> Self {
        let ImageData::Color(image) = image;
        Self { size: image.size, texels: image.pixels.iter().map(egui::Color32::to_array).collect(), options }
    }

    /// Replaces the region of `image`'s size at `pos`.
    pub fn patch(&mut self, pos: [usize; 2], image: &ImageData, options: TextureOptions) -> anyhow::Result<()> {
        let ImageData::Color(image) = image;
        let [w, h] = image.size;
        if pos[0] + w > self.size[0] || pos[1] + h > self.size[1] {
            bail!("a {w}x{h} texture update at {pos:?} does not fit the {:?} texture", self.size);
        }
        for (row, src) in image.pixels.chunks_exact(w.max(1)).enumerate() {
            let start = (pos[1] + row) * self.size[0] + pos[0];
            for (dst, c) in self.texels[start..start + w].iter_mut().zip(src) {
                *dst = c.to_array();
            }
        }
        self.options = options;
        Ok(())
    }

    /// The texel at whole coordinates, wrapped as the texture's options say.
    fn texel(&self, x: i64, y: i64) -> [f32; 4] {
        if self.size[0] == 0 || self.size[1] == 0 {
            return [0.0; 4];
        }
        let (x, y) = match self.options.wrap_mode {
            TextureWrapMode::ClampToEdge => {
                (x.clamp(0, self.size[0] as i64 - 1) as usize, y.clamp(0, self.size[1] as i64 - 1) as usize)
            }
            mode => (wrap(x, self.size[0], mode), wrap(y, self.size[1], mode)),
        };
        self.texels.get(y * self.size[0] + x).map_or([0.0; 4], |t| t.map(f32::from))
    }

    /// The filtered colour (0–255 per channel) at texture coordinates `uv` (0–1 across the texture).
    pub fn sample(&self, u: f32, v: f32) -> [f32; 4] {
        let (w, h) = (self.size[0] as f32, self.size[1] as f32);
        // egui-wgpu's sampler filters by magnification when texels are bigger than pixels; exports draw the
        // font atlas at its own scale, so that is the filter that applies to text.
        match self.options.magnification {
            TextureFilter::Nearest => self.texel(floor(u * w), floor(v * h)),
            TextureFilter::Linear => {
                let (x, y) = (u * w - 0.5, v * h - 0.5);
                let (mut x0, mut y0) = (floor(x), floor(y));
                // Weights in 1/256 steps, as GPUs filter: a pixel centre on a texel centre (text drawn at the
                // atlas's own scale, most of it) then reads that one texel.
                let quantise = |f: f32| (f * 256.0 + 0.5) as u32;
                let (qx, qy) = (quantise(x - x0 as f32), quantise(y - y0 as f32));
                if qx == 256 {
                    x0 = x0.saturating_add(1);
                }
                if qy == 256 {
                    y0 = y0.saturating_add(1);
                }
                let (fx, fy) = ((qx % 256) as f32 / 256.0, (qy % 256) as f32 / 256.0);
                if fx == 0.0 && fy == 0.0 {
                    return self.texel(x0, y0);
                }
                let (x1, y1) = (x0.saturating_add(1), y0.saturating_add(1));
                let [tl, tr, bl, br] = [self.texel(x0, y0), self.texel(x1, y0), self.texel(x0, y1), self.texel(x1, y1)];
                std::array::from_fn(|c| {
                    let top = tl[c] + (tr[c] - tl[c]) * fx;
                    let bottom = bl[c] + (br[c] - bl[c]) * fx;
                    top + (bottom - top) * fy
                })
            }
        }
    }
}

/// `f32::floor` without the library call it is on baseline x86-64 (this runs per text pixel).
fn floor(v: f32) -> i64 {
    let t = v as i64;
    if (t as f32) > v { t - 1 } else { t }
}

fn wrap(i: i64, size: usize, mode: TextureWrapMode) -> usize {
    let n = size.max(1) as i64;
    let i = match mode {
        TextureWrapMode::ClampToEdge => i.clamp(0, n - 1),
        TextureWrapMode::Repeat => i.rem_euclid(n),
        TextureWrapMode::MirroredRepeat => {
            let phase = i.rem_euclid(2 * n);
            phase.min(2 * n - 1 - phase)
        }
    };
    i as usize
}
