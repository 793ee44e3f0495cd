//! The holder binding an issuer writes (the masked name and ID come from `yima_core::mask_*`).

use sha2::{Digest, Sha256};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holder_hash_ignores_case_and_space_only() {
        assert_eq!(holder_hash("31010119900101123x"), holder_hash(" 31010119900101123X "));
        assert_ne!(holder_hash("310101199001011234"), holder_hash("310101199001011235"));
    }
}
