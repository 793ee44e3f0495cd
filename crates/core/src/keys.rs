//! Signature checks and key identifiers.

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};

/// Checks an Ed25519 signature. Every signature check in Yima goes through here.
///
/// On top of ed25519-dalek's `verify_strict` (which rejects small-order keys and R, and
/// non-canonical S), the key A and the point R must be torsion-free: honest signers only ever
/// produce prime-order points, so mixed-order points (the ed25519-speccheck cases on which
/// implementations disagree) are refused outright rather than left to a verification equation.
pub fn verify(key: &VerifyingKey, msg: &[u8], sig: &[u8]) -> bool {
    let Ok(sig) = ed25519_dalek::Signature::from_slice(sig) else { return false };
    let r = curve25519_dalek::edwards::CompressedEdwardsY(*sig.r_bytes());
    let prime_order_r = r.decompress().is_some_and(|p| p.is_torsion_free());
    prime_order_r && key.to_edwards().is_torsion_free() && key.verify_strict(msg, &sig).is_ok()
}

/// [`verify`] for a raw 32-byte public key (any other length or an invalid point: false).
pub fn verify_raw(public_key: &[u8], msg: &[u8], sig: &[u8]) -> bool {
    let Ok(raw) = <[u8; 32]>::try_from(public_key) else { return false };
    VerifyingKey::from_bytes(&raw).is_ok_and(|k| verify(&k, msg, sig))
}

/// Length of a key id in bytes.
pub const KID_LEN: usize = 8;

/// Key id: the first 8 bytes of SHA-256 over the raw 32-byte public key (as in EU DCC).
pub fn kid(key: &VerifyingKey) -> [u8; KID_LEN] {
    let d = Sha256::digest(key.as_bytes());
    let mut k = [0u8; KID_LEN];
    k.copy_from_slice(&d[..KID_LEN]);
    k
}
