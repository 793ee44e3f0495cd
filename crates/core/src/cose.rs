//! COSE_Sign1 (RFC 9052) with EdDSA (alg −8); key id in the protected header.
//!
//! coset keeps the protected header's original bytes, so the signature is checked
//! over exactly what was signed, never over a re-encoding. Before coset reads anything the
//! bytes must be strict CBOR tagged 18 ([`crate::strict_cbor`]), and the headers must be
//! exactly `{1: -8, 4: kid}` (protected) and `{}` (unprotected): one shape, nothing ignored.

use coset::{iana, CoseSign1, TaggedCborSerializable};
use ed25519_dalek::VerifyingKey;

use crate::keys::KID_LEN;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CoseError {
    #[error("not a COSE_Sign1 structure")]
    NotCose,
    #[error("a header label other than the algorithm and the protected key id")]
    Header,
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

/// Parses tagged (18) COSE_Sign1 bytes. Never panics.
pub fn open(bytes: &[u8]) -> Result<Opened, CoseError> {
    crate::strict_cbor::check(bytes, Some(18)).map_err(|_| CoseError::NotCose)?;
    let sign1 = CoseSign1::from_tagged_slice(bytes).map_err(|_| CoseError::NotCose)?;
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
    // Nothing else in either header, in the one encoding `a2 01 27 04 48 <kid>`: a label this
    // verifier would skip (say `crit`, or a content type) may be one another reader acts on.
    let protected = [&[0xa2, 0x01, 0x27, 0x04, 0x48][..], &kid].concat();
    if sign1.protected.original_data.as_deref() != Some(protected.as_slice()) || !sign1.unprotected.is_empty() {
        return Err(CoseError::Header);
    }
    let payload = sign1.payload.clone().ok_or(CoseError::NoPayload)?;
    Ok(Opened { kid, payload, sign1 })
}
