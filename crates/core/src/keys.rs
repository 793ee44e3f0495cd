//! Key identifiers, deterministic demo keys and the holder hash.

use ed25519_dalek::{SigningKey, VerifyingKey};
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

/// A signing key derived from a label and a seed: SHA-256(seed ‖ 0x00 ‖ label).
/// Used for demo keys (public, fixed seed) and reproducible test keys only.
pub fn derived_key(seed: &[u8], label: &str) -> SigningKey {
    let mut h = Sha256::new();
    h.update(seed);
    h.update([0u8]);
    h.update(label.as_bytes());
    SigningKey::from_bytes(&h.finalize().into())
}

/// Domain-separation salt for the holder hash. National, so that codes from
/// different provinces for the same person match.
pub const HOLDER_SALT: &[u8] = b"yima-holder-v1";

/// 16-byte salted hash of a full ID number: SHA-256(HOLDER_SALT ‖ id)[..16].
pub fn holder_hash(id_number: &str) -> [u8; 16] {
    let mut h = Sha256::new();
    h.update(HOLDER_SALT);
    h.update(id_number.trim().to_ascii_uppercase().as_bytes());
    let d = h.finalize();
    let mut out = [0u8; 16];
    out.copy_from_slice(&d[..16]);
    out
}

/// Masks an ID number: keeps the first 4 and last 4 characters.
pub fn mask_id(id_number: &str) -> String {
    let chars: Vec<char> = id_number.trim().chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let n = chars.len();
    chars[..4].iter().chain(std::iter::repeat_n(&'*', n - 8)).chain(&chars[n - 4..]).collect()
}

/// Masks a name: keeps the first character.
pub fn mask_name(name: &str) -> String {
    let mut c = name.trim().chars();
    match c.next() {
        Some(first) => std::iter::once(first).chain(c.map(|_| '*')).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks() {
        assert_eq!(mask_id("310101199001011234"), "3101**********1234");
        assert_eq!(mask_name("陈小明"), "陈**");
        assert_eq!(mask_name("陈"), "陈");
        assert_eq!(mask_id("1234"), "****");
    }

    #[test]
    fn holder_hash_ignores_case_and_space_only() {
        assert_eq!(holder_hash("31010119900101123x"), holder_hash(" 31010119900101123X "));
        assert_ne!(holder_hash("310101199001011234"), holder_hash("310101199001011235"));
    }

    #[test]
    fn derived_keys_are_stable_and_distinct() {
        let a = derived_key(b"seed", "a");
        assert_eq!(a.to_bytes(), derived_key(b"seed", "a").to_bytes());
        assert_ne!(a.to_bytes(), derived_key(b"seed", "b").to_bytes());
        assert_ne!(kid(&a.verifying_key()), kid(&derived_key(b"seed", "b").verifying_key()));
    }
}
