//! The holder binding: how a verifier tells that two credentials belong to one person without
//! learning who. Issuers compute it from the ID number with a secret national key (yima-issue);
//! the verifier holds no such key and only compares two bindings for equality (docs/format.md).

/// Key id of a credential issued before binding keys (no `k` on the wire): its `h` is the old
/// unkeyed hash SHA-256("yima-holder-v1" ‖ ID)[..16], which anyone can test IDs against.
pub const UNKEYED: u32 = 0;

/// Which national binding key made the MAC, and the 16-byte MAC of the holder's ID number.
/// Two credentials name one holder exactly when their bindings are equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Binding {
    /// The binding key's id (`k`); [`UNKEYED`] for credentials issued before binding keys.
    pub key_id: u32,
    /// The MAC (`h`).
    pub mac: [u8; 16],
}

impl Binding {
    /// Made under another key than `other`: the two may name one holder, but cannot be compared.
    pub fn other_key(&self, other: &Binding) -> bool {
        self.key_id != other.key_id
    }
}
