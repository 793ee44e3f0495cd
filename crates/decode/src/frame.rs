//! Validated input frames and the cheap transforms the pipeline applies to them.

use std::cell::OnceCell;

/// Largest accepted frame (pixels): 4096 × 4096. Larger input returns `None`.
pub const MAX_PIXELS: usize = 4096 * 4096;

fn pixel_count(width: u32, height: u32) -> Option<usize> {
    let n = (width as usize).checked_mul(height as usize)?;
    (n > 0 && n <= MAX_PIXELS).then_some(n)
}

/// Integer BT.601 luma of one RGBA pixel, scaled by 256.
#[inline]
fn luma256(p: &[u8]) -> u32 {
    p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29
}

/// An 8-bit greyscale image whose buffer length is guaranteed to equal `width * height`.
#[derive(Clone, Debug)]
pub struct Luma {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl Luma {
    pub fn width(&self) -> u32 {
        self.width
    }
    pub fn height(&self) -> u32 {
        self.height
    }
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// Halves both dimensions by 2×2 averaging (odd edge pixels dropped); `None` if too small.
    pub fn half(&self) -> Option<Luma> {
        let (w2, h2) = (self.width as usize / 2, self.height as usize / 2);
        pixel_count(w2 as u32, h2 as u32)?;
        let w = self.width as usize;
        let mut data = Vec::with_capacity(w2 * h2);
        for pair in self.data.chunks_exact(2 * w).take(h2) {
            let (r0, r1) = pair.split_at(w);
            data.extend(
                r0.chunks_exact(2)
                    .zip(r1.chunks_exact(2))
                    .take(w2)
                    .map(|(a, b)| ((a[0] as u32 + a[1] as u32 + b[0] as u32 + b[1] as u32 + 2) / 4) as u8),
            );
        }
        Some(Luma { width: w2 as u32, height: h2 as u32, data })
    }

    /// The centred square of side `frac × min(width, height)` (the aiming region).
    pub fn centre_crop(&self, frac: f32) -> Luma {
        let short = self.width.min(self.height);
        let side = ((short as f32 * frac) as u32).clamp(1, short) as usize;
        let x0 = (self.width as usize - side) / 2;
        let y0 = (self.height as usize - side) / 2;
        let data = self.data.chunks_exact(self.width as usize).skip(y0).take(side).flat_map(|row| &row[x0..x0 + side]).copied().collect();
        Luma { width: side as u32, height: side as u32, data }
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
        let lut: Vec<u8> = (0..256u32).map(|v| (v.saturating_sub(lo as u32) * 255 / span).min(255) as u8).collect();
        self.mapped(|v| lut[v as usize])
    }

    /// Unsharp mask: `v + amount × (v − box_blur(v, radius))`, undoing part of a defocus or motion blur.
    pub fn sharpened(&self, radius: usize, amount: f32) -> Luma {
        let blurred = self.box_blur(radius);
        let k = (amount * 256.0) as i32;
        let data =
            self.data.iter().zip(&blurred).map(|(&v, &b)| (v as i32 + (((v as i32 - b as i32) * k) >> 8)).clamp(0, 255) as u8).collect();
        Luma { width: self.width, height: self.height, data }
    }

    /// One-pass 4-neighbour Laplacian sharpening, `v + amount × (v − mean of neighbours)`:
    /// a cheap unsharp mask for half-resolution frames (border pixels kept as they are).
    pub fn edge_sharpened(&self, amount: f32) -> Luma {
        let w = self.width as usize;
        let mut data = self.data.clone();
        if w < 3 || self.height < 3 {
            return Luma { width: self.width, height: self.height, data };
        }
        let k = (amount * 64.0) as i32;
        let rows: Vec<&[u8]> = self.data.chunks_exact(w).collect();
        for (out, rs) in data.chunks_exact_mut(w).skip(1).zip(rows.windows(3)) {
            let (up, mid, down) = (&rs[0][1..], rs[1], &rs[2][1..]);
            for (((o, m), &u), &d) in out[1..w - 1].iter_mut().zip(mid.windows(3)).zip(up).zip(down) {
                let v = m[1] as i32;
                let lap = 4 * v - u as i32 - d as i32 - m[0] as i32 - m[2] as i32;
                *o = (v + ((lap * k) >> 8)).clamp(0, 255) as u8;
            }
        }
        Luma { width: self.width, height: self.height, data }
    }

    /// Local contrast normalisation: `128 + gain × (v − local mean)`, the gain set so that the
    /// local mean absolute deviation becomes ~48 levels. Lifts faint module contrast under a
    /// glare spot (where the binarizer sees a nearly flat block) without touching crisp regions.
    pub fn locally_normalised(&self, radius: usize) -> Luma {
        let mean = self.box_blur(radius);
        let dev: Vec<u8> = self.data.iter().zip(&mean).map(|(&v, &m)| v.abs_diff(m)).collect();
        let dev = Luma { width: self.width, height: self.height, data: dev }.box_blur(radius);
        let data = self
            .data
            .iter()
            .zip(&mean)
            .zip(&dev)
            .map(|((&v, &m), &d)| (128 + (v as i32 - m as i32) * 48 / (d as i32).max(4)).clamp(0, 255) as u8)
            .collect();
        Luma { width: self.width, height: self.height, data }
    }

    fn mapped(&self, f: impl Fn(u8) -> u8) -> Luma {
        Luma { width: self.width, height: self.height, data: self.data.iter().map(|&v| f(v)).collect() }
    }

    /// Box blur of half-width `radius` (windows shrink at the edges): row prefix sums, then
    /// running column sums.
    fn box_blur(&self, radius: usize) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let mut rows = vec![0u32; w * h]; // horizontal window sums
        let mut rcount = vec![0u32; w];
        for (x, c) in rcount.iter_mut().enumerate() {
            *c = (x.min(radius) + (w - 1 - x).min(radius) + 1) as u32;
        }
        let mut prefix = vec![0u32; w + 1];
        for (src, dst) in self.data.chunks_exact(w).zip(rows.chunks_exact_mut(w)) {
            for (i, &v) in src.iter().enumerate() {
                prefix[i + 1] = prefix[i] + v as u32;
            }
            for (x, d) in dst.iter_mut().enumerate() {
                *d = prefix[(x + radius + 1).min(w)] - prefix[x.saturating_sub(radius)];
            }
        }
        let mut out = vec![0u8; w * h];
        let mut col = vec![0u32; w];
        for row in rows.chunks_exact(w).take(radius) {
            col.iter_mut().zip(row).for_each(|(c, &v)| *c += v);
        }
        for y in 0..h {
            if y + radius < h {
                col.iter_mut().zip(&rows[(y + radius) * w..][..w]).for_each(|(c, &v)| *c += v);
            }
            if y > radius {
                col.iter_mut().zip(&rows[(y - radius - 1) * w..][..w]).for_each(|(c, &v)| *c -= v);
            }
            let n = (y.min(radius) + (h - 1 - y).min(radius) + 1) as u32;
            for ((o, &c), &rc) in out[y * w..][..w].iter_mut().zip(&col).zip(&rcount) {
                *o = (c / (n * rc)) as u8;
            }
        }
        out
    }
}

/// The pixels handed to the decoder.
#[derive(Clone, Copy, Debug)]
enum Pixels<'a> {
    Rgba(&'a [u8]),
    Grey(&'a [u8]),
}

/// One validated camera frame; full- and half-resolution greyscale are computed on first use.
#[derive(Debug)]
pub struct Frame<'a> {
    width: u32,
    height: u32,
    pixels: Pixels<'a>,
    full: OnceCell<Luma>,
    half: OnceCell<Option<Luma>>,
}

impl<'a> Frame<'a> {
    /// An RGBA frame (alpha ignored); `None` for zero, huge or length-mismatched input.
    pub fn rgba(width: u32, height: u32, rgba: &'a [u8]) -> Option<Self> {
        (rgba.len() == pixel_count(width, height)?.checked_mul(4)?).then(|| Self::new(width, height, Pixels::Rgba(rgba)))
    }

    /// An 8-bit greyscale frame; `None` for zero, huge or length-mismatched input.
    pub fn luma(width: u32, height: u32, luma: &'a [u8]) -> Option<Self> {
        (luma.len() == pixel_count(width, height)?).then(|| Self::new(width, height, Pixels::Grey(luma)))
    }

    fn new(width: u32, height: u32, pixels: Pixels<'a>) -> Self {
        Frame { width, height, pixels, full: OnceCell::new(), half: OnceCell::new() }
    }

    /// Full-resolution greyscale.
    pub fn full(&self) -> &Luma {
        self.full.get_or_init(|| {
            let data = match self.pixels {
                Pixels::Rgba(p) => p.chunks_exact(4).map(|p| (luma256(p) >> 8) as u8).collect(),
                Pixels::Grey(p) => p.to_vec(),
            };
            Luma { width: self.width, height: self.height, data }
        })
    }

    /// Half-resolution greyscale (RGBA is averaged straight down, skipping the full-size image).
    pub fn half(&self) -> Option<&Luma> {
        self.half
            .get_or_init(|| match self.pixels {
                Pixels::Rgba(p) => {
                    let (w, w2, h2) = (self.width as usize, self.width as usize / 2, self.height as usize / 2);
                    pixel_count(w2 as u32, h2 as u32)?;
                    let mut data = vec![0u8; w2 * h2];
                    for (out, pair) in data.chunks_exact_mut(w2).zip(p.chunks_exact(8 * w)) {
                        let (r0, r1) = pair.split_at(4 * w);
                        for ((o, a), b) in out.iter_mut().zip(r0.chunks_exact(8)).zip(r1.chunks_exact(8)) {
                            // Sum each channel over the 2×2 block, then weight once.
                            let c = |i: usize| a[i] as u32 + a[i + 4] as u32 + b[i] as u32 + b[i + 4] as u32;
                            *o = ((c(0) * 77 + c(1) * 150 + c(2) * 29) >> 10) as u8;
                        }
                    }
                    Some(Luma { width: w2 as u32, height: h2 as u32, data })
                }
                Pixels::Grey(_) => self.full().half(),
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::Luma;

    /// Left half: crisp stripes (20 / 220). Right half: the same stripes washed out by glare
    /// (238 / 250, a 12-level swing a binarizer takes for a flat block).
    fn washed_out() -> Luma {
        let (w, h) = (120u32, 40u32);
        let data = (0..h)
            .flat_map(|_| {
                (0..w).map(move |x| match (x < w / 2, (x / 4) % 2 == 0) {
                    (true, true) => 20,
                    (true, false) => 220,
                    (false, true) => 238,
                    (false, false) => 250,
                })
            })
            .collect();
        Luma { width: w, height: h, data }
    }

    fn swing(l: &Luma, x0: usize, x1: usize) -> u8 {
        let row = &l.data[20 * l.width as usize..][..l.width as usize];
        let (lo, hi) = row[x0..x1].iter().fold((255, 0), |(lo, hi), &v| (v.min(lo), v.max(hi)));
        hi - lo
    }

    #[test]
    fn local_normalisation_restores_contrast_under_glare() {
        let src = washed_out();
        assert_eq!(swing(&src, 80, 110), 12);
        let out = src.locally_normalised(6);
        assert_eq!((out.width, out.height, out.data.len()), (src.width, src.height, src.data.len()));
        assert!(swing(&out, 80, 110) >= 80, "washed-out stripes now swing {}", swing(&out, 80, 110));
        assert!(swing(&out, 10, 40) >= 80, "crisp stripes keep their contrast");
        // Dark stripes stay darker than light ones on both sides (no inversion).
        let row = &out.data[20 * out.width as usize..][..out.width as usize];
        assert!(row[90] < row[94] && row[10] < row[14], "{} {} {} {}", row[90], row[94], row[10], row[14]);
    }

    #[test]
    fn local_normalisation_of_a_flat_or_tiny_image_does_not_panic() {
        for (w, h) in [(1, 1), (2, 7), (9, 1)] {
            let l = Luma { width: w, height: h, data: vec![200; (w * h) as usize] };
            let out = l.locally_normalised(15);
            assert!(out.data.iter().all(|&v| v == 128), "a flat image maps to mid-grey");
        }
    }
}
