//! QR text ⇄ COSE bytes: `YM1:` + base45(zlib(COSE_Sign1)).
//!
//! Base45 (RFC 9285) keeps the QR in alphanumeric mode; zlib as in EU DCC.

use flate2::{write::ZlibEncoder, Compression};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};

/// Version prefix of every Yima credential.
pub const PREFIX: &str = "YM1:";
/// Longest QR text accepted (a version-40 QR holds at most 4,296 alphanumeric characters).
pub const MAX_TEXT_LEN: usize = 4296;
/// Largest decompressed payload accepted (zip-bomb guard).
pub const MAX_INFLATED: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty text")]
    Empty,
    #[error("text longer than any QR code holds")]
    TooLong,
    #[error("not a Yima credential (prefix {0:?})")]
    UnknownPrefix(String),
    #[error("base45 is invalid")]
    Base45,
    #[error("compressed data is invalid")]
    Inflate,
    #[error("decompressed data exceeds {MAX_INFLATED} bytes")]
    TooLarge,
    #[error("bytes after the compressed data")]
    TrailingBytes,
}

/// Encodes COSE bytes as QR text.
pub fn encode_text(cose: &[u8]) -> String {
    use std::io::Write;
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = z.write_all(cose);
    let compressed = z.finish().unwrap_or_default();
    format!("{PREFIX}{}", base45::encode(compressed))
}

/// Base45 (RFC 9285) decoding of the part after the prefix. Strict: a final two-character
/// group worth more than 255 is refused (RFC 9285 §4.2), which the `base45` crate lets through
/// (wrapping it into one byte), so no two texts decode to the same bytes.
pub fn base45_decode(body: &str) -> Result<Vec<u8>, DecodeError> {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    let b = body.as_bytes();
    if b.len() % 3 == 2 {
        let value = |c: u8| ALPHABET.iter().position(|&a| a == c);
        match (value(b[b.len() - 2]), value(b[b.len() - 1])) {
            (Some(c), Some(d)) if c + 45 * d <= 255 => {}
            _ => return Err(DecodeError::Base45),
        }
    }
    base45::decode(body).map_err(|_| DecodeError::Base45)
}

/// Strips what scan guns, paste and text files put around a code — white space (CR, LF, tab,
/// space, …) and a byte-order mark at either end — and checks the length: the text a prefix
/// is matched against (here and in `yima-dcc` for `HC1:`). Safe for base45: a base45 text never
/// starts with white space (it follows the prefix) and never ends with a space (the last
/// character of a group is at most `W`, of a final pair at most `5`).
pub fn trimmed(text: &str) -> Result<&str, DecodeError> {
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() {
        return Err(DecodeError::Empty);
    }
    if text.len() > MAX_TEXT_LEN {
        return Err(DecodeError::TooLong);
    }
    Ok(text)
}

/// zlib inflation with the [`MAX_INFLATED`] cap (zip-bomb guard).
/// miniz_oxide directly (the engine flate2 uses): no `std::io` reader in the browser build.
pub fn inflate(compressed: &[u8]) -> Result<Vec<u8>, DecodeError> {
    decompress_to_vec_zlib_with_limit(compressed, MAX_INFLATED).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => DecodeError::TooLarge,
        _ => DecodeError::Inflate,
    })
}

/// [`inflate`] for `YM1:`: the zlib stream must also end where the bytes end. Bytes after its
/// Adler-32 trailer are nobody's: unsigned, unread, and a second reader might take them.
fn inflate_exact(compressed: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let flags = inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    // One byte over the cap tells "exactly the cap" from "more".
    let mut out = vec![0; MAX_INFLATED + 1];
    let (status, read, written) = decompress(&mut Box::<DecompressorOxide>::default(), compressed, &mut out, 0, flags);
    match status {
        TINFLStatus::Done if written > MAX_INFLATED => Err(DecodeError::TooLarge),
        TINFLStatus::Done if read < compressed.len() => Err(DecodeError::TrailingBytes),
        TINFLStatus::Done => {
            out.truncate(written);
            Ok(out)
        }
        TINFLStatus::HasMoreOutput => Err(DecodeError::TooLarge),
        _ => Err(DecodeError::Inflate),
    }
}

/// Decodes QR text to COSE bytes. Never panics, whatever the input.
pub fn decode_text(text: &str) -> Result<Vec<u8>, DecodeError> {
    let text = trimmed(text)?;
    let Some(body) = text.strip_prefix(PREFIX) else {
        let shown: String = text.chars().take(4).collect();
        return Err(DecodeError::UnknownPrefix(shown));
    };
    inflate_exact(&base45_decode(body)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_final_pair_above_255_is_refused() {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        for (c, &a) in ALPHABET.iter().enumerate() {
            for (d, &b) in ALPHABET.iter().enumerate() {
                let text = format!("0A0{}{}", a as char, b as char);
                let got = base45_decode(&text);
                if c + 45 * d <= 255 {
                    assert_eq!(got.unwrap()[2..], [(c + 45 * d) as u8], "{text}");
                } else {
                    assert_eq!(got, Err(DecodeError::Base45), "{text}");
                }
            }
        }
    }

    #[test]
    fn white_space_and_a_bom_around_the_text_are_stripped() {
        let clean = encode_text(b"cose bytes");
        let want = decode_text(&clean).unwrap();
        for wrapped in
            [format!("{clean}\r\n"), format!("\n{clean}"), format!(" {clean}\t"), format!("\u{feff}{clean}"), format!("\t {clean} \r\n")]
        {
            assert_eq!(decode_text(&wrapped).unwrap(), want, "{wrapped:?}");
        }
        // inside the text, white space is not stripped (a space is a base45 character)
        let inner = format!("{}\n{}", &clean[..8], &clean[8..]);
        assert!(decode_text(&inner).is_err());
        assert_eq!(decode_text(" \r\n\u{feff}"), Err(DecodeError::Empty));
    }

    #[test]
    fn round_trip() {
        let data = b"\xd2\x84hello cose".to_vec();
        let t = encode_text(&data);
        assert!(t.starts_with("YM1:"));
        assert!(t[4..].chars().all(|c| "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(c)));
        assert_eq!(decode_text(&t).unwrap(), data);
        assert_eq!(decode_text(&format!("{t}\r\n")).unwrap(), data);
    }

    #[test]
    fn rejects_bad_input() {
        assert_eq!(decode_text(""), Err(DecodeError::Empty));
        assert_eq!(decode_text("HC1:ABC"), Err(DecodeError::UnknownPrefix("HC1:".into())));
        assert_eq!(decode_text("YM1:abc"), Err(DecodeError::Base45));
        assert_eq!(decode_text("YM1:000000"), Err(DecodeError::Inflate));
        assert_eq!(decode_text(&"A".repeat(5000)), Err(DecodeError::TooLong));
    }

    #[test]
    fn bytes_after_the_zlib_stream_are_refused() {
        let mut z = base45::decode(&encode_text(b"cose bytes")[PREFIX.len()..]).unwrap();
        for extra in [&[0u8][..], b"junk", &[0x78, 0xda, 0x03, 0x00]] {
            let mut longer = z.clone();
            longer.extend_from_slice(extra);
            assert_eq!(decode_text(&format!("{PREFIX}{}", base45::encode(&longer))), Err(DecodeError::TrailingBytes));
        }
        // one byte short of the trailer
        z.pop();
        assert_eq!(decode_text(&format!("{PREFIX}{}", base45::encode(&z))), Err(DecodeError::Inflate));
    }

    #[test]
    fn rejects_zip_bomb() {
        use std::io::Write;
        let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
        z.write_all(&vec![0u8; 1 << 20]).unwrap();
        let t = format!("{PREFIX}{}", base45::encode(z.finish().unwrap()));
        assert!(t.len() < MAX_TEXT_LEN);
        assert_eq!(decode_text(&t), Err(DecodeError::TooLarge));
    }

    #[test]
    fn cap_is_exact_and_the_checksum_is_checked() {
        let at_cap = encode_text(&vec![7u8; MAX_INFLATED]);
        assert_eq!(decode_text(&at_cap).map(|v| v.len()), Ok(MAX_INFLATED));
        assert_eq!(decode_text(&encode_text(&vec![7u8; MAX_INFLATED + 1])), Err(DecodeError::TooLarge));
        // A flipped bit in the Adler-32 trailer.
        let mut z = base45::decode(&encode_text(b"hello cose")[PREFIX.len()..]).unwrap();
        *z.last_mut().unwrap() ^= 1;
        assert_eq!(decode_text(&format!("{PREFIX}{}", base45::encode(z))), Err(DecodeError::Inflate));
    }
}
