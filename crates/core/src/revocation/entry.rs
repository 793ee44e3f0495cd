//! The credential identifier and the revocation entry derived from it.

use sha2::{Digest, Sha256};

use crate::keys::KID_LEN;

/// Length of a credential identifier in bytes.
pub const UID_LEN: usize = 16;

/// A credential identifier: 16 random bytes chosen by the issuer (CBOR key `"u"`).
pub type Uid = [u8; UID_LEN];

/// The revocation entry of a credential: the first 8 bytes (big-endian) of
/// SHA-256(issuer kid ‖ identifier). It names one credential of one issuer and says nothing about
/// its holder; 64 bits keep the chance that an honest credential matches one of N revoked
/// entries at N / 2⁶⁴ (≈ 5 · 10⁻¹⁴ for a million entries).
pub fn entry(kid: &[u8; KID_LEN], uid: &Uid) -> u64 {
    let mut h = Sha256::new();
    h.update(kid);
    h.update(uid);
    let d = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&d[..8]);
    u64::from_be_bytes(first)
}

/// The 8-byte kid from its lower-case hex form (as in the trust list), if well formed.
pub fn kid_from_hex(hex: &str) -> Option<[u8; KID_LEN]> {
    let b = hex.as_bytes();
    if b.len() != 2 * KID_LEN {
        return None;
    }
    let mut out = [0u8; KID_LEN];
    for (i, pair) in b.chunks_exact(2).enumerate() {
        let text = std::str::from_utf8(pair).ok()?;
        *out.get_mut(i)? = u8::from_str_radix(text, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_depends_on_kid_and_uid() {
        let (k1, k2) = ([1u8; 8], [2u8; 8]);
        let (u1, u2) = ([7u8; 16], [8u8; 16]);
        assert_eq!(entry(&k1, &u1), entry(&k1, &u1));
        assert_ne!(entry(&k1, &u1), entry(&k2, &u1));
        assert_ne!(entry(&k1, &u1), entry(&k1, &u2));
        // SHA-256 of 8 × 0x01 then 16 × 0x07, first 8 bytes: computed independently with sha256sum
        assert_eq!(entry(&k1, &u1), 0xde95_28e9_2782_75c7);
        assert_eq!(kid_from_hex("0102030405060708"), Some([1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(kid_from_hex("01020304050607"), None);
        assert_eq!(kid_from_hex("01020304050607zz"), None);
    }
}
