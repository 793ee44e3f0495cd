//! Camera degradations applied to a rendered greyscale frame (values in `[0, 1]`).

use crate::rng::Rng;
use crate::scene::{HEIGHT, WIDTH};

fn at(img: &[f32], x: isize, y: isize) -> f32 {
    let x = x.clamp(0, WIDTH as isize - 1) as usize;
    let y = y.clamp(0, HEIGHT as isize - 1) as usize;
    img[y * WIDTH + x]
}

/// Separable Gaussian blur (defocus).
pub fn gaussian_blur(img: &mut [f32], sigma: f32) {
    if sigma <= 0.0 {
        return;
    }
    let r = (3.0 * sigma).ceil() as isize;
    let k: Vec<f32> = (-r..=r).map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp()).collect();
    let norm: f32 = k.iter().sum();
    for (dx, dy) in [(1, 0), (0, 1)] {
        let src = img.to_vec();
        for (i, px) in img.iter_mut().enumerate() {
            let (x, y) = ((i % WIDTH) as isize, (i / WIDTH) as isize);
            let sum: f32 = (-r..=r).zip(&k).map(|(o, w)| w * at(&src, x + o * dx, y + o * dy)).sum();
            *px = sum / norm;
        }
    }
}

/// Linear motion blur of `length` pixels at `angle` radians.
pub fn motion_blur(img: &mut [f32], length: f32, angle: f32) {
    let taps = length.ceil().max(1.0) as usize + 1;
    let (s, c) = angle.sin_cos();
    let src = img.to_vec();
    for (i, px) in img.iter_mut().enumerate() {
        let (x, y) = ((i % WIDTH) as f32, (i / WIDTH) as f32);
        let sum: f32 = (0..taps)
            .map(|k| {
                let d = length * (k as f32 / (taps - 1).max(1) as f32 - 0.5);
                at(&src, (x + d * c).round() as isize, (y + d * s).round() as isize)
            })
            .sum();
        *px = sum / taps as f32;
    }
}

/// Additive specular reflection: a Gaussian spot of `peak` brightness, clipped at white.
pub fn glare(img: &mut [f32], centre: (f32, f32), radius: f32, peak: f32) {
    for (i, px) in img.iter_mut().enumerate() {
        let (dx, dy) = ((i % WIDTH) as f32 - centre.0, (i / WIDTH) as f32 - centre.1);
        *px = (*px + peak * (-(dx * dx + dy * dy) / (2.0 * radius * radius)).exp()).min(1.0);
    }
}

/// Exposure gain followed by Gaussian sensor noise of standard deviation `noise`.
pub fn expose(img: &mut [f32], gain: f32, noise: f32, rng: &mut Rng) {
    for px in img.iter_mut() {
        *px = (*px * gain + noise * rng.normal()).clamp(0.0, 1.0);
    }
}

/// Converts to 8-bit sRGB-ish RGB with a slight colour cast (`tint` multiplies each channel).
pub fn to_rgb(img: &[f32], tint: [f32; 3]) -> Vec<u8> {
    img.iter()
        .flat_map(|&v| {
            let g = v.clamp(0.0, 1.0).powf(1.0 / 2.2);
            tint.map(|t| (g * t * 255.0).round().clamp(0.0, 255.0) as u8)
        })
        .collect()
}
