//! The root-signed trust list of issuer keys (`keys.json`).

mod dcc;
mod key;

pub use dcc::{DccSigner, DccType};
pub use key::{IssuerKey, KeyStatus, Role, Scope};

use serde::{Deserialize, Serialize};

use crate::envelope::hex;
use crate::keys::KID_LEN;
use crate::Time;

/// File kind bound into the root signature.
pub const KIND: &str = "trust-list";

/// The trust list's signed content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustList {
    /// Monotonic: a verifier never accepts a lower number than one it has accepted.
    pub sequence: u64,
    #[serde(with = "crate::rfc3339")]
    pub issued_at: Time,
    /// After this many hours the list is stale: verdicts become check-by-hand.
    pub max_age_hours: u32,
    /// True for the public demo endpoint (demo keys, not for real use).
    #[serde(default)]
    pub demo: bool,
    pub keys: Vec<IssuerKey>,
    /// EU DCC document signers (issue 11). Absent in older lists, which still verify: the
    /// root signs the exact bytes, and an empty list is not written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dcc_signers: Vec<DccSigner>,
}

crate::signed::signed_content!(TrustList, KIND);

impl TrustList {
    /// Looks up a key by its 8-byte kid.
    pub fn key(&self, id: &[u8; KID_LEN]) -> Option<&IssuerKey> {
        let h = hex(id);
        self.keys.iter().find(|k| k.kid == h)
    }

    /// Looks up an active DCC document signer by its 8-byte kid (revoked ones are not found).
    pub fn dcc_signer(&self, id: &[u8]) -> Option<&DccSigner> {
        let h = hex(id);
        self.dcc_signers.iter().find(|s| s.kid == h && s.status == KeyStatus::Active)
    }
}
