//! rqrr (quirc-style detector): whole-frame grid detection, every grid tried.

use crate::Luma;

/// Decodes `img` with rqrr. May panic inside rqrr on some photos: call through `guard::no_panic`.
pub fn decode(img: &Luma) -> Option<String> {
    let (w, data) = (img.width() as usize, img.data());
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, img.height() as usize, |x, y| data[y * w + x]);
    prepared.detect_grids().iter().find_map(|g| g.decode().ok().map(|(_, text)| text))
}
