//! Root-signed files (`keys.json`, `policies.json`).
//!
//! The signature covers the exact payload bytes, carried base64-encoded inside a small JSON
//! envelope, so no canonical-JSON rules are needed:
//! `{"yima":"signed-v1","kid":"<hex>","payload":"<base64>","signature":"<base64>"}`.
//! The message signed is `"yima-signed-v1:" ‖ kind ‖ ":" ‖ payload`, which binds the file kind
//! (a signed policy file can never be passed off as a trust list).

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::keys::kid;

/// Largest signed file accepted, before any parsing.
pub const MAX_FILE_LEN: usize = 1024 * 1024;
const FORMAT: &str = "signed-v1";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    #[error("file larger than its size cap ({MAX_FILE_LEN} bytes for trust lists and policies)")]
    TooLarge,
    #[error("not a signed Yima file")]
    NotEnvelope,
    #[error("signed by a key that is not a pinned root key")]
    UnknownSigner,
    #[error("signature does not verify")]
    BadSignature,
    #[error("signed content is not valid: {0}")]
    Content(String),
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    yima: String,
    kid: String,
    payload: String,
    signature: String,
}

fn message(kind: &str, payload: &[u8]) -> Vec<u8> {
    let mut m = format!("yima-{FORMAT}:{kind}:").into_bytes();
    m.extend_from_slice(payload);
    m
}

/// Signs `payload` (already serialised) as a file of `kind`.
pub fn seal(kind: &str, payload: &[u8], root: &SigningKey) -> String {
    let env = Envelope {
        yima: FORMAT.into(),
        kid: hex(&kid(&root.verifying_key())),
        payload: B64.encode(payload),
        signature: B64.encode(root.sign(&message(kind, payload)).to_bytes()),
    };
    serde_json::to_string_pretty(&env).unwrap_or_default()
}

/// Verifies a file of `kind` against the pinned root keys and returns the signed payload bytes.
pub fn open(kind: &str, file: &[u8], roots: &[VerifyingKey]) -> Result<Vec<u8>, EnvelopeError> {
    open_capped(kind, file, roots, MAX_FILE_LEN)
}

/// [`open`] with a size cap of its own, for file kinds larger than [`MAX_FILE_LEN`] (the full
/// revocation list); the cap is checked before any parsing.
pub fn open_capped(kind: &str, file: &[u8], roots: &[VerifyingKey], cap: usize) -> Result<Vec<u8>, EnvelopeError> {
    if file.len() > cap {
        return Err(EnvelopeError::TooLarge);
    }
    let env: Envelope = serde_json::from_slice(file).map_err(|_| EnvelopeError::NotEnvelope)?;
    if env.yima != FORMAT {
        return Err(EnvelopeError::NotEnvelope);
    }
    let root = roots
        .iter()
        .find(|r| hex(&kid(r)) == env.kid)
        .ok_or(EnvelopeError::UnknownSigner)?;
    let payload = B64.decode(&env.payload).map_err(|_| EnvelopeError::NotEnvelope)?;
    let sig = B64.decode(&env.signature).map_err(|_| EnvelopeError::BadSignature)?;
    if !crate::keys::verify(root, &message(kind, &payload), &sig) {
        return Err(EnvelopeError::BadSignature);
    }
    Ok(payload)
}

/// Content of a root-signed file: knows its kind and its signed header fields.
pub trait SignedContent: Serialize + serde::de::DeserializeOwned {
    const KIND: &'static str;
    fn sequence(&self) -> u64;
    fn issued_at(&self) -> crate::Time;
    fn max_age_hours(&self) -> u32;

    /// Serialises and root-signs the content.
    fn seal_with(&self, root: &SigningKey) -> String {
        seal(Self::KIND, &serde_json::to_vec(self).unwrap_or_default(), root)
    }

    /// Verifies a file against the pinned roots, then parses the signed payload.
    fn open_with(file: &[u8], roots: &[VerifyingKey]) -> Result<Self, EnvelopeError> {
        let payload = open(Self::KIND, file, roots)?;
        serde_json::from_slice(&payload).map_err(|e| EnvelopeError::Content(e.to_string()))
    }

    /// Whether the content is older than its signed maximum age at `now`.
    fn stale_at(&self, now: crate::Time) -> bool {
        now - self.issued_at() > chrono::Duration::hours(i64::from(self.max_age_hours()))
    }

    /// Refuses a replayed older file: `self` may replace `current` only if not older.
    fn newer_than(&self, current: Option<&Self>) -> Result<(), Rollback> {
        match current {
            Some(c) if self.sequence() < c.sequence() => Err(Rollback { have: c.sequence(), got: self.sequence() }),
            _ => Ok(()),
        }
    }
}

/// A file older than the one already accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sequence {got} is older than the accepted {have}")]
pub struct Rollback {
    pub have: u64,
    pub got: u64,
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::derived_key;

    #[test]
    fn seal_and_open() {
        let root = derived_key(b"t", "root");
        let f = seal("trust-list", b"{\"a\":1}", &root);
        let roots = [root.verifying_key()];
        assert_eq!(open("trust-list", f.as_bytes(), &roots).unwrap(), b"{\"a\":1}");
        assert_eq!(open("policies", f.as_bytes(), &roots), Err(EnvelopeError::BadSignature));
        let other = derived_key(b"t", "issuer");
        assert_eq!(open("trust-list", f.as_bytes(), &[other.verifying_key()]), Err(EnvelopeError::UnknownSigner));
        assert_eq!(open("trust-list", b"not json", &roots), Err(EnvelopeError::NotEnvelope));
        assert_eq!(open("trust-list", &vec![b' '; MAX_FILE_LEN + 1], &roots), Err(EnvelopeError::TooLarge));
        // an issuer key that signs a file, claiming the root's kid, fails
        let forged = seal("trust-list", b"{}", &other).replace(&hex(&kid(&other.verifying_key())), &hex(&kid(&roots[0])));
        assert_eq!(open("trust-list", forged.as_bytes(), &roots), Err(EnvelopeError::BadSignature));
    }
}
