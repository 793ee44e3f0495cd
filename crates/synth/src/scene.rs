//! Renders a phone screen showing the code, on a desk, as a linear-light greyscale frame.

use crate::geometry::{Homography, Pose};
use crate::rng::Rng;

/// Frame size of the corpus.
pub const WIDTH: usize = 1280;
pub const HEIGHT: usize = 720;

/// What the phone screen shows.
pub struct Screen<'a> {
    /// Module matrix, row-major, `true` = dark module.
    pub modules: &'a [bool],
    /// Modules per side (without quiet zone).
    pub size: usize,
    /// Light-on-dark rendering (dark-mode apps).
    pub dark_mode: bool,
    /// Amplitude (0..1) and period in code units of the display's pixel grid (moiré source).
    pub grid: Option<(f32, f32)>,
}

const QUIET: usize = 4;

impl Screen<'_> {
    /// Emitted light at code-local `(s, t)`; the code with quiet zone spans `[0, 1]²`.
    fn light(&self, s: f32, t: f32) -> Option<f32> {
        // The phone screen extends beyond the code (portrait phone, UI above and below).
        if !(-0.12..=1.12).contains(&s) || !(-0.9..=1.7).contains(&t) {
            return None;
        }
        let n = (self.size + 2 * QUIET) as f32;
        let (mx, my) = ((s * n).floor() as isize - QUIET as isize, (t * n).floor() as isize - QUIET as isize);
        let inside = |m: isize| (0..self.size as isize).contains(&m);
        let dark_module = inside(mx) && inside(my) && self.modules[my as usize * self.size + mx as usize];
        // A few grey "text lines" of app UI above and below the code.
        let ui_line = !(0.0..=1.0).contains(&t) && (t * 12.0).rem_euclid(1.0) < 0.35 && (0.05..0.8).contains(&s);
        let ink = dark_module || ui_line;
        let (bg, fg) = if self.dark_mode { (0.07, 0.85) } else { (0.9, 0.06) };
        let mut v = if ink { fg } else { bg };
        if let Some((amp, period)) = self.grid {
            let gx = 0.5 + 0.5 * (std::f32::consts::TAU * s / period).cos();
            let gy = 0.5 + 0.5 * (std::f32::consts::TAU * t / period).cos();
            v *= 1.0 - amp * (1.0 - gx * gy);
        }
        Some(v)
    }
}

/// Background: a lit desk with a few darker objects.
struct Desk {
    base: f32,
    slope: (f32, f32),
    boxes: Vec<(f32, f32, f32, f32, f32)>,
}

impl Desk {
    fn new(rng: &mut Rng) -> Self {
        let boxes = (0..4)
            .map(|_| {
                let (x, y) = (rng.range(0.0, WIDTH as f32), rng.range(0.0, HEIGHT as f32));
                (x, y, x + rng.range(60.0, 400.0), y + rng.range(60.0, 300.0), rng.range(0.15, 0.7))
            })
            .collect();
        Desk { base: rng.range(0.35, 0.6), slope: (rng.range(-2e-4, 2e-4), rng.range(-2e-4, 2e-4)), boxes }
    }

    fn light(&self, x: f32, y: f32) -> f32 {
        let inside = |b: &&(f32, f32, f32, f32, f32)| x >= b.0 && x < b.2 && y >= b.1 && y < b.3;
        match self.boxes.iter().find(inside) {
            Some(b) => b.4,
            None => self.base + self.slope.0 * x + self.slope.1 * y,
        }
    }
}

/// Renders the frame with 2×2 supersampling; returns `WIDTH * HEIGHT` values in `[0, 1]`.
pub fn render(screen: &Screen, pose: &Pose, rng: &mut Rng) -> Vec<f32> {
    let to_code = Homography::square_to_quad(pose.quad()).inverse();
    let (_, _, w_ref) = to_code.apply(pose.centre.0, pose.centre.1);
    let desk = Desk::new(rng);
    let bezel = 0.04;
    let mut out = vec![0.0f32; WIDTH * HEIGHT];
    for (i, px) in out.iter_mut().enumerate() {
        let (x, y) = ((i % WIDTH) as f32, (i / WIDTH) as f32);
        let mut acc = 0.0;
        for (dx, dy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
            let (s, t, w) = to_code.apply(x + dx, y + dy);
            let on_plane = w * w_ref > 0.0;
            let phone = on_plane && (-0.2..=1.2).contains(&s) && (-1.0..=1.8).contains(&t);
            acc += match (on_plane, screen.light(s, t)) {
                (true, Some(v)) => v,
                _ if phone => bezel,
                _ => desk.light(x + dx, y + dy),
            };
        }
        *px = acc / 4.0;
    }
    out
}
