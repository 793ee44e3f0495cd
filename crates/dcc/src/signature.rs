//! ES256 (ECDSA P-256, SHA-256) and PS256 (RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt)
//! with RustCrypto's `p256` and `rsa` crates. The key decides which algorithm it accepts: an
//! alg that does not match the key is refused before any arithmetic.

use p256::ecdsa::signature::Verifier;
use sha2::Sha256;

/// The COSE algorithms the DCC specification allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// COSE −7.
    Es256,
    /// COSE −37.
    Ps256,
}

impl Alg {
    /// From a COSE algorithm number; `None` for every other algorithm.
    pub fn from_cose(n: i64) -> Option<Self> {
        match n {
            -7 => Some(Alg::Es256),
            -37 => Some(Alg::Ps256),
            _ => None,
        }
    }
}

/// A document signer's public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    P256(p256::ecdsa::VerifyingKey),
    Rsa(rsa::RsaPublicKey),
}

impl PublicKey {
    /// The one algorithm this key may be used with.
    pub fn alg(&self) -> Alg {
        match self {
            PublicKey::P256(_) => Alg::Es256,
            PublicKey::Rsa(_) => Alg::Ps256,
        }
    }

    /// An uncompressed or compressed SEC1 P-256 point.
    pub fn p256_from_sec1(bytes: &[u8]) -> Option<Self> {
        p256::ecdsa::VerifyingKey::from_sec1_bytes(bytes).ok().map(PublicKey::P256)
    }

    /// An RSA SubjectPublicKeyInfo (DER). Moduli from 2048 to 4096 bits, as `rsa` allows.
    pub fn rsa_from_spki_der(der: &[u8]) -> Option<Self> {
        use rsa::pkcs8::DecodePublicKey;
        let key = rsa::RsaPublicKey::from_public_key_der(der).ok()?;
        (rsa::traits::PublicKeyParts::size(&key) >= 256).then_some(PublicKey::Rsa(key))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("the certificate's key is not for this algorithm")]
    AlgKeyMismatch,
    #[error("the signature is not in COSE format for this algorithm")]
    Format,
    #[error("the signature does not match")]
    Invalid,
}

/// Checks `sig` over `tbs`. ES256 signatures must be COSE's fixed 64-byte r‖s (a DER
/// signature is a format error); PS256 signatures must be as long as the modulus.
pub fn verify(alg: Alg, key: &PublicKey, tbs: &[u8], sig: &[u8]) -> Result<(), SignatureError> {
    match (alg, key) {
        (Alg::Es256, PublicKey::P256(k)) => {
            let sig = p256::ecdsa::Signature::from_slice(sig).map_err(|_| SignatureError::Format)?;
            k.verify(tbs, &sig).map_err(|_| SignatureError::Invalid)
        }
        (Alg::Ps256, PublicKey::Rsa(k)) => {
            if sig.len() != rsa::traits::PublicKeyParts::size(k) {
                return Err(SignatureError::Format);
            }
            let sig = rsa::pss::Signature::try_from(sig).map_err(|_| SignatureError::Format)?;
            rsa::pss::VerifyingKey::<Sha256>::new(k.clone()).verify(tbs, &sig).map_err(|_| SignatureError::Invalid)
        }
        _ => Err(SignatureError::AlgKeyMismatch),
    }
}
