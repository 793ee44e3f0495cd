//! Yima's QR decoding seam: one camera frame in, the QR text out.
//!
//! Used identically by the app's Web Worker (through `yima-decode-worker`) and by native tools
//! (`yima-issuer decode`, tests, benchmarks).
//!
//! # What to pass
//! Pass the **whole camera frame** (e.g. 1280×720 RGBA from a canvas `ImageData`); do not crop.
//! The code is searched anywhere in the frame: first on a sharpened half-resolution copy (cheap,
//! reads most frames), then at full resolution with other binarizers and sharpening (see
//! [`strategy`] and `docs/decoding.md` for the measurements behind the order). For a live
//! stream, [`Scanner`] spreads the expensive variants over successive frames.
//!
//! # Guarantees
//! * Never panics on any input: dimensions are checked against the buffer length (`None` on
//!   mismatch, zero size or more than [`MAX_PIXELS`]), and native builds additionally wrap every
//!   decoder call in `catch_unwind`. On `wasm32-unknown-unknown` a panic aborts the module:
//!   there, enable rxing's `wasm_support` feature (rxing calls `chrono::Utc::now()` on every
//!   read, which panics without it), as `yima-decode-worker` does.
//! * Text is returned as Unicode: Shift_JIS and ECI-declared charsets (e.g. ISO-8859-1) are
//!   converted by the decoder.
//! * rxing is the only decoder in the pipeline; rqrr is available behind the `rqrr` feature for
//!   measurements only.

mod engine;
#[cfg(feature = "image")]
pub mod file;
mod frame;
mod guard;
pub mod strategy;

pub use frame::{Frame, Luma, MAX_PIXELS};
pub use strategy::{Scanner, Step};

/// A successful read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The QR content as Unicode text.
    pub text: String,
    /// Which pipeline step produced it (for measurements).
    pub step: Step,
}

/// Decodes one RGBA frame (`rgba.len()` must be `width * height * 4`).
pub fn decode_rgba(width: u32, height: u32, rgba: &[u8]) -> Option<Decoded> {
    strategy::decode_frame(&Frame::rgba(width, height, rgba)?, strategy::ALL_STEPS)
}

/// Decodes one 8-bit greyscale frame (`luma.len()` must be `width * height`).
pub fn decode_luma(width: u32, height: u32, luma: &[u8]) -> Option<Decoded> {
    strategy::decode_frame(&Frame::luma(width, height, luma)?, strategy::ALL_STEPS)
}
