//! rxing (Rust port of ZXing): the C++-port QR reader first, then the Java-port one.

use crate::Luma;
use rxing::common::{GlobalHistogramBinarizer, HybridBinarizer};
use rxing::{BarcodeFormat, Binarizer, BinaryBitmap, DecodeHints, Luma8Source, MultiFormatReader, Reader};
use std::collections::HashSet;

/// Which rxing binarizer to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binar {
    /// Local (block) thresholds: robust to uneven light.
    Hybrid,
    /// One global threshold: better on blurred codes.
    Global,
}

fn hints(try_harder: bool, also_inverted: bool) -> DecodeHints {
    DecodeHints {
        PossibleFormats: Some(HashSet::from([BarcodeFormat::QR_CODE])),
        TryHarder: Some(try_harder),
        AlsoInverted: Some(also_inverted),
        ..DecodeHints::default()
    }
}

fn run<B: Binarizer>(bin: B, hints: &DecodeHints) -> Option<String> {
    let mut reader = MultiFormatReader::default();
    let result = reader.decode_with_hints(&mut BinaryBitmap::new(bin), hints).ok()?;
    Some(result.getText().to_owned())
}

/// Decodes `img` with rxing; `also_inverted` retries light-on-dark codes.
pub fn decode(img: &Luma, binar: Binar, try_harder: bool, also_inverted: bool) -> Option<String> {
    let src = Luma8Source::new_with_slice(img.data(), img.width(), img.height()).ok()?;
    let hints = hints(try_harder, also_inverted);
    match binar {
        Binar::Hybrid => run(HybridBinarizer::new(src), &hints),
        Binar::Global => run(GlobalHistogramBinarizer::new(src), &hints),
    }
}
