//! Stage 1: QR text → COSE bytes: `HC1:` prefix, base45 (RFC 9285), zlib.
//!
//! The same layers as Yima's own `YM1:` codes, so the steps and their error type are the
//! core's (`yima_core`'s codec); each is its own function so the conformance runner can
//! observe them one by one. zlib is required: uncompressed COSE is refused, as the DCC
//! specification asks (dgc-testdata `common/Z2` checks exactly that).

pub use yima_core::{base45_decode, inflate, DecodeError as TextError, MAX_INFLATED};

/// Context identifier of an EU DCC (version 1).
pub const PREFIX: &str = "HC1:";

/// Whether `text` claims to be an HC1 certificate (the dispatch test; nothing decoded).
pub fn is_hc1(text: &str) -> bool {
    text.starts_with(PREFIX)
}

/// Strips the `HC1:` prefix (and the line ends a scan gun or paste adds).
pub fn unprefix(text: &str) -> Result<&str, TextError> {
    let text = yima_core::trimmed(text)?;
    text.strip_prefix(PREFIX).ok_or_else(|| TextError::UnknownPrefix(text.chars().take(4).collect()))
}

/// All three steps: QR text → COSE bytes. Never panics.
pub fn decode_text(text: &str) -> Result<Vec<u8>, TextError> {
    inflate(&base45_decode(unprefix(text)?)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_fail_with_their_own_error() {
        assert_eq!(unprefix(""), Err(TextError::Empty));
        assert_eq!(unprefix("YM1:AB"), Err(TextError::UnknownPrefix("YM1:".into())));
        assert_eq!(unprefix("HC2:AB"), Err(TextError::UnknownPrefix("HC2:".into())));
        assert_eq!(unprefix("HC1:AB\r\n"), Ok("AB"));
        assert_eq!(unprefix(&"HC1:".repeat(2000)), Err(TextError::TooLong));
        assert_eq!(base45_decode("GGW"), Err(TextError::Base45), "GGW = 65536 is out of range");
        assert_eq!(base45_decode("BB8"), Ok(b"AB".to_vec()), "RFC 9285 example");
        assert_eq!(inflate(&[0x78, 0xda, 0xff]), Err(TextError::Inflate));
        assert_eq!(inflate(&[0xd2, 0x84, 0x43, 0xa1]), Err(TextError::Inflate), "uncompressed COSE is refused");
    }

    #[test]
    fn zip_bomb_is_refused() {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; MAX_INFLATED + 1]).unwrap();
        let text = format!("{PREFIX}{}", base45::encode(z.finish().unwrap()));
        assert_eq!(decode_text(&text), Err(TextError::TooLarge));
    }
}
