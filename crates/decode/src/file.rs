//! Native helper: decode an image file (PNG, JPEG, GIF) through exactly the frame pipeline.

use crate::Decoded;
use std::path::Path;

/// Loads `path` as RGBA and runs [`crate::decode_rgba`] on it.
pub fn decode_file(path: &Path) -> Result<Option<Decoded>, image::ImageError> {
    let rgba = image::open(path)?.to_rgba8();
    Ok(crate::decode_rgba(rgba.width(), rgba.height(), rgba.as_raw()))
}
