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

/// Parses claims from CBOR (callers must have verified the signature over these bytes).
pub fn claims_from_cbor(bytes: &[u8]) -> Result<Claims, String> {
    ciborium::from_reader(bytes).map_err(|e| e.to_string())
}

/// Signs the claims and returns the COSE_Sign1 bytes.
pub fn sign(claims: &Claims, key: &SigningKey) -> Vec<u8> {
    cose::sign(claims_cbor(claims), key)
}

/// Signs the claims and returns the QR text (`YM1:…`).
pub fn issue(claims: &Claims, key: &SigningKey) -> String {
    codec::encode_text(&sign(claims, key))
}
