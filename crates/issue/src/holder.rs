//! The holder fields an issuer writes: the masked name and ID (`yima_core::mask_*`) and the
//! holder binding, a MAC of the full ID number under the national binding key.
//!
//! Why HMAC-SHA-256 truncated to 16 bytes: a keyed PRF, so without the key nobody can compute
//! a binding nor test a guessed ID against one (the unkeyed hash before it fell to 3.3 M
//! guesses); the same key at every issuer makes one person's codes from any province equal;
//! 128 bits keep accidental equality out of reach for a nation (birthday bound 2^64) while
//! the QR stays small. Only equality is ever needed, so nothing has to be decrypted.

use std::num::NonZeroU32;

use hmac::{digest::KeyInit, Hmac, Mac};
use sha2::Sha256;
use yima_core::{mask_id, mask_name, Binding, Holder};

/// What the MAC covers before the ID number (v1 was the unkeyed SHA-256 with this label's
/// predecessor, `yima-holder-v1`).
pub const BINDING_LABEL: &[u8] = b"yima-holder-v2";

/// A national holder-binding key: a secret every issuer holds and no verifier does. Its id
/// travels beside each MAC so the key can be rotated (docs/format.md).
#[derive(Clone)]
pub struct BindingKey {
    id: NonZeroU32,
    secret: [u8; 32],
    /// HMAC keyed with `secret`, ready to take a message.
    keyed: Hmac<Sha256>,
}

impl std::fmt::Debug for BindingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "BindingKey {{ id: {}, secret: … }}", self.id)
    }
}

impl BindingKey {
    /// A key with its id (never 0: that names the unkeyed hash of older credentials).
    pub fn new(id: NonZeroU32, secret: [u8; 32]) -> Self {
        // HMAC pads a key shorter than SHA-256's 64-byte block with zeros: the same MAC.
        let mut block = [0u8; 64];
        block[..32].copy_from_slice(&secret);
        BindingKey { id, secret, keyed: <Hmac<Sha256> as KeyInit>::new(&block.into()) }
    }

    pub fn id(&self) -> NonZeroU32 {
        self.id
    }

    /// The secret bytes, to write a key file.
    pub fn secret(&self) -> &[u8; 32] {
        &self.secret
    }

    /// The binding of an ID number: HMAC-SHA-256(secret, BINDING_LABEL ‖ ID)[..16], the ID
    /// trimmed and in upper case (an `x` check character is the same as `X`).
    pub fn bind(&self, id_number: &str) -> Binding {
        let mut mac = self.keyed.clone();
        mac.update(BINDING_LABEL);
        mac.update(id_number.trim().to_ascii_uppercase().as_bytes());
        let tag = mac.finalize().into_bytes();
        let mut out = [0u8; 16];
        out.copy_from_slice(&tag[..16]);
        Binding { key_id: self.id.get(), mac: out }
    }

    /// The holder fields of a credential for this person: masked name and ID, and the binding.
    pub fn holder(&self, name: &str, id_number: &str) -> Holder {
        Holder { masked_name: mask_name(name), masked_id: mask_id(id_number), binding: self.bind(id_number) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(id: u32, byte: u8) -> BindingKey {
        BindingKey::new(NonZeroU32::new(id).unwrap(), [byte; 32])
    }

    #[test]
    fn a_binding_ignores_case_and_space_only_and_depends_on_the_key() {
        let k = key(1, 7);
        assert_eq!(k.bind("31010119900101123x"), k.bind(" 31010119900101123X "));
        assert_ne!(k.bind("310101199001011234"), k.bind("310101199001011235"));
        assert_ne!(k.bind("310101199001011234").mac, key(1, 8).bind("310101199001011234").mac, "another secret");
        assert_eq!(key(2, 7).bind("310101199001011234").key_id, 2);
        assert!(!format!("{k:?}").contains("7, 7"), "Debug shows no secret");
        // The zero-padded block key is HMAC's own padding: the same MAC as the 32-byte key.
        let mut plain = <Hmac<Sha256> as Mac>::new_from_slice(&[7; 32]).unwrap();
        plain.update(BINDING_LABEL);
        plain.update(b"310101199001011234");
        assert_eq!(k.bind("310101199001011234").mac, plain.finalize().into_bytes()[..16]);
    }
}
