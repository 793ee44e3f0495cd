//! Stage 2: COSE_Sign1 (RFC 9052) as the DCC specification uses it.
//!
//! - `alg` must be ES256 or PS256. It belongs in the protected header; when that header is
//!   empty the unprotected one is read (dgc-testdata common/CO20 does this), which is safe
//!   because a signer's key admits exactly one algorithm (`signature::verify`);
//! - the kid may be in the protected header or, as the spec allows, the unprotected one
//!   (the protected one wins: it is covered by the signature);
//! - the message may be tagged 18, untagged, or wrapped in CWT tag 61.
//!
//! coset keeps the protected header's original bytes, so the signature is checked over
//! exactly what was signed, never over a re-encoding.

use coset::{CborSerializable, CoseSign1, RegisteredLabelWithPrivate, TaggedCborSerializable};

use crate::signature::{self, Alg, PublicKey, SignatureError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Sign1Error {
    #[error("not a COSE_Sign1 structure")]
    NotCose,
    #[error("no algorithm in the header")]
    NoAlg,
    #[error("algorithm {0} is not allowed for DCCs")]
    Alg(i64),
    #[error("no key id")]
    NoKid,
    #[error("payload missing")]
    NoPayload,
}

/// A parsed, not yet verified COSE_Sign1.
#[derive(Debug, Clone)]
pub struct Opened {
    pub alg: Alg,
    pub kid: Vec<u8>,
    /// The CWT claims (CBOR).
    pub payload: Vec<u8>,
    sign1: CoseSign1,
}

impl Opened {
    /// Checks the signature with `key` (the alg must match the key).
    pub fn verify(&self, key: &PublicKey) -> Result<(), SignatureError> {
        self.sign1.verify_signature(b"", |sig, tbs| signature::verify(self.alg, key, tbs, sig))
    }
}

/// CWT tag 61 wrapped around the COSE message, as some issuers emit it.
const CWT_TAG: [u8; 2] = [0xd8, 0x3d];

/// Parses COSE_Sign1 bytes. Never panics.
pub fn open(bytes: &[u8]) -> Result<Opened, Sign1Error> {
    let bytes = bytes.strip_prefix(&CWT_TAG).unwrap_or(bytes);
    let sign1 = CoseSign1::from_tagged_slice(bytes).or_else(|_| CoseSign1::from_slice(bytes)).map_err(|_| Sign1Error::NotCose)?;
    let alg = sign1.protected.header.alg.as_ref().or(sign1.unprotected.alg.as_ref());
    let alg = match alg {
        None => return Err(Sign1Error::NoAlg),
        Some(RegisteredLabelWithPrivate::Assigned(a)) => {
            let n = *a as i64;
            Alg::from_cose(n).ok_or(Sign1Error::Alg(n))?
        }
        Some(RegisteredLabelWithPrivate::PrivateUse(n)) => return Err(Sign1Error::Alg(*n)),
        Some(RegisteredLabelWithPrivate::Text(_)) => return Err(Sign1Error::Alg(0)),
    };
    let kid = [&sign1.protected.header.key_id, &sign1.unprotected.key_id]
        .into_iter()
        .find(|k| !k.is_empty())
        .cloned()
        .ok_or(Sign1Error::NoKid)?;
    let payload = sign1.payload.clone().ok_or(Sign1Error::NoPayload)?;
    Ok(Opened { alg, kid, payload, sign1 })
}
