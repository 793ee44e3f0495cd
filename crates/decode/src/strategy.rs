//! The decoding pipeline: an ordered list of [`Step`]s (preprocessing + decoder), first hit wins.
//!
//! The order was chosen by measurement (`docs/decoding.md`): cheap, high-yield steps first.

#[cfg(feature = "rqrr")]
use crate::engine::rqrr;
use crate::engine::{rxing, rxing::Binar};
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
    /// rxing on the unsharp-masked frame (defocus, motion blur).
    RxingSharp,
    /// rxing on the unsharp-masked frame downscaled 2×.
    RxingSharpHalf,
    /// rqrr on the whole frame (measurement only: feature `rqrr`).
    #[cfg(feature = "rqrr")]
    Rqrr,
    /// rqrr on the frame downscaled 2× (measurement only: feature `rqrr`).
    #[cfg(feature = "rqrr")]
    RqrrHalf,
}

/// Every step, in the production order.
pub const ALL_STEPS: &[Step] =
    &[Step::RxingSharpHalf, Step::RxingFull, Step::RxingSharp, Step::RxingGlobal, Step::RxingHalf];

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
            Step::RxingSharp => rxing::decode(&img.sharpened(2, 2.0), Binar::Hybrid, false, true),
            Step::RxingSharpHalf => rxing::decode(&img.half()?.sharpened(1, 1.5), Binar::Hybrid, false, true),
            #[cfg(feature = "rqrr")]
            Step::Rqrr => rqrr::decode(img),
            #[cfg(feature = "rqrr")]
            Step::RqrrHalf => rqrr::decode(&img.half()?),
        })
    }
}

/// Tries `steps` in order on one frame.
pub fn decode_frame(img: &Luma, steps: &[Step]) -> Option<Decoded> {
    steps.iter().find_map(|&step| step.run(img).map(|text| Decoded { text, step }))
}

/// How many leading steps of [`ALL_STEPS`] run on every frame in [`Scanner`].
const EVERY_FRAME: usize = 2;

/// Cross-frame scanner for a live stream: every frame gets the first two (cheap, high-yield)
/// steps plus one of the remaining steps in rotation, so a frame costs at most three attempts
/// while every variant is tried within a few frames.
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
        let (every, rest) = ALL_STEPS.split_at(EVERY_FRAME.min(ALL_STEPS.len()));
        let extra = rest.get(self.frame % rest.len().max(1)).copied();
        self.frame = self.frame.wrapping_add(1);
        decode_frame(img, every).or_else(|| decode_frame(img, extra.as_slice()))
    }

    /// [`Scanner::scan`] on an RGBA frame; `None` for invalid input.
    pub fn scan_rgba(&mut self, width: u32, height: u32, rgba: &[u8]) -> Option<Decoded> {
        self.scan(&Luma::from_rgba(width, height, rgba)?)
    }
}
