//! Validated greyscale frames and the cheap transforms the pipeline applies to them.

/// Largest accepted frame (pixels): 4096 × 4096. Larger input returns `None`.
pub const MAX_PIXELS: usize = 4096 * 4096;

/// An 8-bit greyscale frame whose buffer length is guaranteed to equal `width * height`.
#[derive(Clone, Debug)]
pub struct Luma {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

fn pixel_count(width: u32, height: u32) -> Option<usize> {
    let n = (width as usize).checked_mul(height as usize)?;
    (n > 0 && n <= MAX_PIXELS).then_some(n)
}

impl Luma {
    /// Checks dimensions against the buffer; `None` for zero, huge or mismatched input.
    pub fn from_luma(width: u32, height: u32, data: &[u8]) -> Option<Self> {
        let n = pixel_count(width, height)?;
        (data.len() == n).then(|| Luma { width, height, data: data.to_vec() })
    }

    /// Converts RGBA (alpha ignored) with integer BT.601 weights.
    pub fn from_rgba(width: u32, height: u32, rgba: &[u8]) -> Option<Self> {
        let n = pixel_count(width, height)?;
        if rgba.len() != n.checked_mul(4)? {
            return None;
        }
        let data = rgba
            .chunks_exact(4)
            .map(|p| ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as u8)
            .collect();
        Some(Luma { width, height, data })
    }

    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn height(&self) -> u32 {
        self.height
    }
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The centred square of side `frac × min(width, height)` (the aiming region).
    pub fn centre_crop(&self, frac: f32) -> Luma {
        let side = ((self.width.min(self.height) as f32 * frac) as u32).clamp(1, self.width.min(self.height));
        let x0 = (self.width - side) / 2;
        let y0 = (self.height - side) / 2;
        let w = self.width as usize;
        let mut data = Vec::with_capacity(side as usize * side as usize);
        for y in y0..y0 + side {
            let row = y as usize * w + x0 as usize;
            data.extend_from_slice(&self.data[row..row + side as usize]);
        }
        Luma { width: side, height: side, data }
    }

    /// Halves both dimensions by 2×2 averaging (odd edge pixels dropped).
    pub fn half(&self) -> Option<Luma> {
        let (w2, h2) = (self.width / 2, self.height / 2);
        pixel_count(w2, h2)?;
        let w = self.width as usize;
        let mut data = Vec::with_capacity(w2 as usize * h2 as usize);
        for y in 0..h2 as usize {
            let (r0, r1) = (2 * y * w, (2 * y + 1) * w);
            for x in 0..w2 as usize {
                let s = self.data[r0 + 2 * x] as u32
                    + self.data[r0 + 2 * x + 1] as u32
                    + self.data[r1 + 2 * x] as u32
                    + self.data[r1 + 2 * x + 1] as u32;
                data.push((s / 4) as u8);
            }
        }
        Some(Luma { width: w2, height: h2, data })
    }

    /// Stretches the 1st..99th percentile range to 0..255 (helps low-light, low-contrast frames).
    pub fn stretched(&self) -> Luma {
        let mut hist = [0usize; 256];
        for &v in &self.data {
            hist[v as usize] += 1;
        }
        let cut = self.data.len() / 100;
        let (mut lo, mut acc) = (0usize, 0usize);
        while lo < 255 && acc + hist[lo] <= cut {
            acc += hist[lo];
            lo += 1;
        }
        let (mut hi, mut acc) = (255usize, 0usize);
        while hi > lo && acc + hist[hi] <= cut {
            acc += hist[hi];
            hi -= 1;
        }
        let span = (hi - lo).max(1) as u32;
        let lut: Vec<u8> = (0..256u32)
            .map(|v| ((v.saturating_sub(lo as u32)) * 255 / span).min(255) as u8)
            .collect();
        Luma { width: self.width, height: self.height, data: self.data.iter().map(|&v| lut[v as usize]).collect() }
    }

    /// Unsharp mask: `v + amount × (v − box_blur(v, radius))`, undoing part of a defocus or motion blur.
    pub fn sharpened(&self, radius: usize, amount: f32) -> Luma {
        let blurred = self.box_blur(radius);
        let k = (amount * 256.0) as i32;
        let data = self
            .data
            .iter()
            .zip(&blurred)
            .map(|(&v, &b)| (v as i32 + ((v as i32 - b as i32) * k >> 8)).clamp(0, 255) as u8)
            .collect();
        Luma { width: self.width, height: self.height, data }
    }

    /// Separable box blur of half-width `radius` (edges clamped).
    fn box_blur(&self, radius: usize) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let pass = |src: &[u8], len: usize, lines: usize, at: &dyn Fn(usize, usize) -> usize| {
            let mut out = vec![0u8; src.len()];
            let n = (2 * radius + 1) as u32;
            for line in 0..lines {
                let px = |i: isize| src[at(line, i.clamp(0, len as isize - 1) as usize)] as u32;
                let mut sum: u32 = (-(radius as isize)..=radius as isize).map(px).sum();
                for i in 0..len {
                    out[at(line, i)] = (sum / n) as u8;
                    sum = sum + px(i as isize + radius as isize + 1) - px(i as isize - radius as isize);
                }
            }
            out
        };
        let rows = pass(&self.data, w, h, &|line, i| line * w + i);
        pass(&rows, h, w, &|line, i| i * w + line)
    }
}
