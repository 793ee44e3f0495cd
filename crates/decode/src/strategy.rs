//! The decoding pipeline: an ordered list of [`Step`]s (preprocessing + decoder), first hit wins.
//!
//! The order was chosen by measurement (`docs/decoding.md`): cheap, high-yield steps first.

use crate::engine::{rqrr, rxing, rxing::Binar};
use crate::{guard::no_panic, Decoded, Luma};

/// One attempt: a preprocessing variant fed to one decoder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// rxing, hybrid binarizer, whole frame, normal and inverted.
    RxingFull,
    /// Same with rxing's `TryHarder` (denser finder-pattern scan).
    RxingHarder,
    /// rxing, global-histogram binarizer, whole frame (blur-tolerant).
    RxingGlobal,
    /// rxing on the frame downscaled 2× (large blurred codes, moiré).
    RxingHalf,
    /// rxing on the centre 60 % square (aiming region), contrast-stretched.
    RxingCentre,
    /// rxing on the contrast-stretched frame (low light).
    RxingStretched,
    /// rqrr on the whole frame.
    Rqrr,
    /// rqrr on the frame downscaled 2×.
    RqrrHalf,
}

/// Every step, in the production order.
pub const ALL_STEPS: &[Step] = &[Step::RxingFull, Step::RxingHalf, Step::RxingGlobal, Step::RxingCentre];

impl Step {
    /// Runs this step; `None` on no read (panics inside decoders are caught natively).
    pub fn run(self, img: &Luma) -> Option<String> {
        no_panic(|| match self {
            Step::RxingFull => rxing::decode(img, Binar::Hybrid, false, true),
            Step::RxingHarder => rxing::decode(img, Binar::Hybrid, true, true),
            Step::RxingGlobal => rxing::decode(img, Binar::Global, false, true),
            Step::RxingHalf => rxing::decode(&img.half()?, Binar::Hybrid, false, true),
            Step::RxingCentre => rxing::decode(&img.centre_crop(0.6).stretched(), Binar::Hybrid, true, true),
            Step::RxingStretched => rxing::decode(&img.stretched(), Binar::Hybrid, false, true),
            Step::Rqrr => rqrr::decode(img),
            Step::RqrrHalf => rqrr::decode(&img.half()?),
        })
    }
}

/// Tries `steps` in order on one frame.
pub fn decode_frame(img: &Luma, steps: &[Step]) -> Option<Decoded> {
    steps.iter().find_map(|&step| step.run(img).map(|text| Decoded { text, step }))
}

/// Cross-frame scanner: runs the cheap first step on every frame and one of the remaining
/// steps in rotation, so each frame costs at most two attempts while every variant gets tried
/// within a few frames.
#[derive(Debug, Default)]
pub struct Scanner {
    frame: usize,
}

impl Scanner {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes one frame of a live stream.
    pub fn scan(&mut self, img: &Luma) -> Option<Decoded> {
        let (first, rest) = ALL_STEPS.split_first()?;
        let extra = rest.get(self.frame % rest.len().max(1)).copied();
        self.frame = self.frame.wrapping_add(1);
        decode_frame(img, &[*first]).or_else(|| decode_frame(img, extra.as_slice()))
    }

    /// [`Scanner::scan`] on an RGBA frame; `None` for invalid input.
    pub fn scan_rgba(&mut self, width: u32, height: u32, rgba: &[u8]) -> Option<Decoded> {
        self.scan(&Luma::from_rgba(width, height, rgba)?)
    }
}
