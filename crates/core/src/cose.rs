//! COSE_Sign1 (RFC 9052) with EdDSA (alg −8); key id in the protected header.
//!
//! coset keeps the protected header's original bytes, so the signature is checked
//! over exactly what was signed, never over a re-encoding.

use coset::{iana, CborSerializable, CoseSign1, TaggedCborSerializable};
use ed25519_dalek::VerifyingKey;

use crate::keys::KID_LEN;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoseError {
    #[error("not a COSE_Sign1 structure")]
    NotCose,
    #[error("algorithm is not EdDSA")]
    Algorithm,
    #[error("key id missing or not {KID_LEN} bytes")]
    Kid,
    #[error("payload missing")]
    NoPayload,
}

/// A parsed, not yet verified COSE_Sign1.
#[derive(Debug, Clone)]
pub struct Opened {
    pub kid: [u8; KID_LEN],
    pub payload: Vec<u8>,
    sign1: CoseSign1,
}

impl Opened {
    /// Checks the signature with `verify_strict` (rejects small-order keys and non-canonical S).
    pub fn signature_valid(&self, key: &VerifyingKey) -> bool {
        let ok = |sig: &[u8], tbs: &[u8]| if crate::keys::verify(key, tbs, sig) { Ok(()) } else { Err(()) };
        self.sign1.verify_signature(b"", ok).is_ok()
    }
}

/// Parses tagged (18) or untagged COSE_Sign1 bytes. Never panics.
pub fn open(bytes: &[u8]) -> Result<Opened, CoseError> {
    let sign1 = CoseSign1::from_tagged_slice(bytes).or_else(|_| CoseSign1::from_slice(bytes)).map_err(|_| CoseError::NotCose)?;
    let alg = sign1.protected.header.alg.as_ref();
    if alg != Some(&coset::RegisteredLabelWithPrivate::Assigned(iana::Algorithm::EdDSA)) {
        return Err(CoseError::Algorithm);
    }
    // The kid must be protected: an unprotected kid could be swapped freely. One in the
    // unprotected header is refused even beside a protected one (a second reader might take it).
    if !sign1.unprotected.key_id.is_empty() {
        return Err(CoseError::Kid);
    }
    let kid: [u8; KID_LEN] = sign1.protected.header.key_id.as_slice().try_into().map_err(|_| CoseError::Kid)?;
    let payload = sign1.payload.clone().ok_or(CoseError::NoPayload)?;
    Ok(Opened { kid, payload, sign1 })
}
