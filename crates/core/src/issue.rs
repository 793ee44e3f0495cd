//! Issuing credentials (for the issuer CLI, demo codes and tests).

use ed25519_dalek::SigningKey;

use crate::claims::Claims;
use crate::{codec, cose};

/// CBOR bytes of the claims.
pub fn claims_cbor(claims: &Claims) -> Vec<u8> {
    let mut out = Vec::new();
    // Serialising plain data into a Vec cannot fail.
    let _ = ciborium::into_writer(claims, &mut out);
    out
}

/// Parses claims from CBOR (callers must have verified the signature over these bytes): one
/// CBOR item and nothing after it. Read as a CBOR value first, the way coset reads COSE, so the
/// browser build carries one CBOR reader, not two; then fields by hand ([`crate::claims::cbor`]).
pub fn claims_from_cbor(bytes: &[u8]) -> Result<Claims, String> {
    let mut rest = bytes;
    let value: ciborium::Value = ciborium::from_reader(&mut rest).map_err(|e| e.to_string())?;
    if !rest.is_empty() {
        return Err(format!("{} bytes after the claims", rest.len()));
    }
    crate::claims::cbor::read(&value)
}

/// Signs the claims and returns the COSE_Sign1 bytes.
pub fn sign(claims: &Claims, key: &SigningKey) -> Vec<u8> {
    cose::sign(claims_cbor(claims), key)
}

/// Signs the claims and returns the QR text (`YM1:…`).
pub fn issue(claims: &Claims, key: &SigningKey) -> String {
    codec::encode_text(&sign(claims, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_round_trip_and_trailing_bytes_are_refused() {
        let now: crate::Time = "2026-11-24T09:00:00Z".parse().unwrap();
        let claims = Claims::HealthCode(crate::demo::health_code(now, crate::Colour::Green, None));
        let mut bytes = claims_cbor(&claims);
        assert_eq!(claims_from_cbor(&bytes), Ok(claims));
        bytes.push(0x00);
        assert!(claims_from_cbor(&bytes).is_err());
        assert!(claims_from_cbor(&[]).is_err());
    }
}
