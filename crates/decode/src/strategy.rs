//! The decoding pipeline: an ordered list of [`Step`]s (preprocessing + decoder), first hit wins.
//!
//! The order was chosen by measurement (`docs/decoding.md`): cheap, high-yield steps first.

#[cfg(feature = "rqrr")]
use crate::engine::rqrr;
use crate::engine::{rxing, rxing::Binar};
use crate::{guard::no_panic, Decoded, Frame};

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
    /// rxing on a stronger unsharp mask (7×7 box, amount 3): strong defocus.
    RxingSharpWide,
    /// rxing on the half-resolution frame after local contrast normalisation (31×31 window):
    /// glare spots that flatten a finder pattern.
    RxingNormHalf,
    /// rxing on the frame downscaled 2× and sharpened.
    RxingSharpHalf,
    /// Same with the global-histogram binarizer.
    RxingSharpHalfGlobal,
    /// rqrr on the whole frame (measurement only: feature `rqrr`).
    #[cfg(feature = "rqrr")]
    Rqrr,
    /// rqrr on the frame downscaled 2× (measurement only: feature `rqrr`).
    #[cfg(feature = "rqrr")]
    RqrrHalf,
}

/// Every step, in the production order.
pub const ALL_STEPS: &[Step] = &[
    Step::RxingSharpHalf,
    Step::RxingFull,
    Step::RxingSharp,
    Step::RxingSharpWide,
    Step::RxingGlobal,
    Step::RxingHalf,
    Step::RxingNormHalf,
];

impl Step {
    /// Runs this step; `None` on no read (panics inside decoders are caught natively).
    pub fn run(self, frame: &Frame) -> Option<String> {
        no_panic(|| match self {
            Step::RxingFull => rxing::decode(frame.full(), Binar::Hybrid, false, true),
            Step::RxingHarder => rxing::decode(frame.full(), Binar::Hybrid, true, true),
            Step::RxingGlobal => rxing::decode(frame.full(), Binar::Global, false, true),
            Step::RxingHalf => rxing::decode(frame.half()?, Binar::Hybrid, false, true),
            Step::RxingCentre => rxing::decode(&frame.full().centre_crop(0.6).stretched(), Binar::Hybrid, true, true),
            Step::RxingStretched => rxing::decode(&frame.full().stretched(), Binar::Hybrid, false, true),
            Step::RxingSharp => rxing::decode(&frame.full().sharpened(2, 2.0), Binar::Hybrid, false, true),
            Step::RxingSharpWide => rxing::decode(&frame.full().sharpened(3, 3.0), Binar::Hybrid, false, true),
            Step::RxingNormHalf => rxing::decode(&frame.half()?.locally_normalised(15), Binar::Hybrid, false, true),
            Step::RxingSharpHalf => rxing::decode(&frame.half()?.edge_sharpened(1.5), Binar::Hybrid, false, true),
            Step::RxingSharpHalfGlobal => rxing::decode(&frame.half()?.edge_sharpened(1.5), Binar::Global, false, true),
            #[cfg(feature = "rqrr")]
            Step::Rqrr => rqrr::decode(frame.full()),
            #[cfg(feature = "rqrr")]
            Step::RqrrHalf => rqrr::decode(frame.half()?),
        })
    }
}

/// Tries `steps` in order on one frame.
pub fn decode_frame(frame: &Frame, steps: &[Step]) -> Option<Decoded> {
    steps.iter().find_map(|&step| step.run(frame).map(|text| Decoded { text, step }))
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
    pub fn scan(&mut self, frame: &Frame) -> Option<Decoded> {
        let (every, rest) = ALL_STEPS.split_at(EVERY_FRAME.min(ALL_STEPS.len()));
        let extra = rest.get(self.frame % rest.len().max(1)).copied();
        self.frame = self.frame.wrapping_add(1);
        decode_frame(frame, every).or_else(|| decode_frame(frame, extra.as_slice()))
    }

    /// [`Scanner::scan`] on an RGBA frame; `None` for invalid input.
    pub fn scan_rgba(&mut self, width: u32, height: u32, rgba: &[u8]) -> Option<Decoded> {
        self.scan(&Frame::rgba(width, height, rgba)?)
    }

    /// [`Scanner::scan`] on a greyscale frame; `None` for invalid input.
    pub fn scan_luma(&mut self, width: u32, height: u32, luma: &[u8]) -> Option<Decoded> {
        self.scan(&Frame::luma(width, height, luma)?)
    }
}
