//! COSE_Sign1 (RFC 9052) with EdDSA (alg −8); key id in the protected header.
//!
//! coset keeps the protected header's original bytes, so the signature is checked
//! over exactly what was signed, never over a re-encoding.

use coset::{iana, CborSerializable, CoseSign1, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

use crate::keys::{kid, KID_LEN};

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

/// Signs `payload` as a tagged COSE_Sign1 with the key's kid in the protected header.
pub fn sign(payload: Vec<u8>, key: &SigningKey) -> Vec<u8> {
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::EdDSA)
        .key_id(kid(&key.verifying_key()).to_vec())
        .build();
    CoseSign1Builder::new()
        .protected(protected)
        .payload(payload)
        .create_signature(b"", |tbs| key.sign(tbs).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .unwrap_or_default()
}

/// Parses tagged (18) or untagged COSE_Sign1 bytes. Never panics.
pub fn open(bytes: &[u8]) -> Result<Opened, CoseError> {
    let sign1 = CoseSign1::from_tagged_slice(bytes)
        .or_else(|_| CoseSign1::from_slice(bytes))
        .map_err(|_| CoseError::NotCose)?;
    let alg = sign1.protected.header.alg.as_ref();
    if alg != Some(&coset::RegisteredLabelWithPrivate::Assigned(iana::Algorithm::EdDSA)) {
        return Err(CoseError::Algorithm);
    }
    // The kid must be protected: an unprotected kid could be swapped freely. One in the
    // unprotected header is refused even beside a protected one (a second reader might take it).
    if !sign1.unprotected.key_id.is_empty() {
        return Err(CoseError::Kid);
    }
    let kid: [u8; KID_LEN] =
        sign1.protected.header.key_id.as_slice().try_into().map_err(|_| CoseError::Kid)?;
    let payload = sign1.payload.clone().ok_or(CoseError::NoPayload)?;
    Ok(Opened { kid, payload, sign1 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::derived_key;

    #[test]
    fn sign_open_verify() {
        let k = derived_key(b"t", "issuer");
        let bytes = sign(b"claims".to_vec(), &k);
        assert_eq!(bytes[0], 0xd2, "tag 18");
        let o = open(&bytes).unwrap();
        assert_eq!(o.kid, kid(&k.verifying_key()));
        assert_eq!(o.payload, b"claims");
        assert!(o.signature_valid(&k.verifying_key()));
        assert!(!o.signature_valid(&derived_key(b"t", "other").verifying_key()));
        // untagged form is accepted too
        assert!(open(&bytes[1..]).unwrap().signature_valid(&k.verifying_key()));
    }

    #[test]
    fn rejects_non_cose_and_wrong_alg() {
        assert_eq!(open(b"").unwrap_err(), CoseError::NotCose);
        assert_eq!(open(&[0xa0]).unwrap_err(), CoseError::NotCose);
        let k = derived_key(b"t", "issuer");
        let es256 = CoseSign1Builder::new()
            .protected(HeaderBuilder::new().algorithm(iana::Algorithm::ES256).key_id(vec![0; 8]).build())
            .payload(vec![1])
            .create_signature(b"", |tbs| k.sign(tbs).to_bytes().to_vec())
            .build()
            .to_tagged_vec()
            .unwrap();
        assert_eq!(open(&es256).unwrap_err(), CoseError::Algorithm);
        let unprotected_kid = CoseSign1Builder::new()
            .protected(HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).build())
            .unprotected(HeaderBuilder::new().key_id(vec![0; 8]).build())
            .payload(vec![1])
            .build()
            .to_tagged_vec()
            .unwrap();
        assert_eq!(open(&unprotected_kid).unwrap_err(), CoseError::Kid);
    }

    #[test]
    fn a_kid_in_the_unprotected_header_is_refused_beside_a_protected_one() {
        let k = derived_key(b"t", "issuer");
        let good = sign(b"claims".to_vec(), &k);
        let mut sign1 = CoseSign1::from_tagged_slice(&good).unwrap();
        let own = kid(&k.verifying_key()).to_vec();
        for extra in [own.clone(), vec![9; 8]] {
            sign1.unprotected = HeaderBuilder::new().key_id(extra).build();
            // the signature does not cover the unprotected header: it still verifies
            let bytes = sign1.clone().to_tagged_vec().unwrap();
            assert_eq!(open(&bytes).unwrap_err(), CoseError::Kid);
        }
        assert_eq!(open(&good).unwrap().kid.to_vec(), own);
    }
}
