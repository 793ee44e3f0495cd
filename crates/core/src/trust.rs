//! The root-signed trust list of issuer keys (`keys.json`).

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

use crate::envelope::{self, EnvelopeError, Rollback, SignedContent};
use crate::keys::{kid, KID_LEN};
use crate::Time;

/// File kind bound into the root signature.
pub const KIND: &str = "trust-list";

/// What a key may sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    HealthCode,
    TestReport,
    /// 14-day itinerary credentials (行程卡).
    Itinerary,
}

/// For which regions a key may sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only for its own province (every key before national issuers existed).
    #[default]
    Province,
    /// For any region: a national channel such as 国家政务服务平台.
    National,
}

impl Scope {
    fn is_province(&self) -> bool {
        *self == Scope::Province
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyStatus {
    Active,
    Revoked,
}

/// One issuer key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuerKey {
    /// Hex of the 8-byte key id (SHA-256 of the public key, first 8 bytes).
    pub kid: String,
    /// GB/T 2260 code of the issuer's region.
    pub region: u32,
    pub name_zh: String,
    pub name_en: String,
    /// Base64 of the raw 32-byte Ed25519 public key.
    pub public_key: String,
    pub roles: Vec<Role>,
    /// Absent in lists written before national issuers: province.
    #[serde(default, skip_serializing_if = "Scope::is_province")]
    pub scope: Scope,
    #[serde(with = "crate::rfc3339")]
    pub not_before: Time,
    #[serde(with = "crate::rfc3339")]
    pub not_after: Time,
    pub status: KeyStatus,
}

impl IssuerKey {
    /// Builds an entry whose kid matches the key.
    pub fn new(key: &VerifyingKey, region: u32, names: (&str, &str), roles: Vec<Role>, valid: (Time, Time)) -> Self {
        IssuerKey {
            kid: envelope::hex(&kid(key)),
            region,
            name_zh: names.0.into(),
            name_en: names.1.into(),
            public_key: B64.encode(key.as_bytes()),
            roles,
            scope: Scope::Province,
            not_before: valid.0,
            not_after: valid.1,
            status: KeyStatus::Active,
        }
    }

    /// The same entry with national scope.
    pub fn national(self) -> Self {
        IssuerKey { scope: Scope::National, ..self }
    }

    /// Whether the key may sign a credential for `region`: a national key anywhere, a
    /// province key only inside its province.
    pub fn covers(&self, region: u32) -> bool {
        self.scope == Scope::National || crate::region::province_of(region) == crate::region::province_of(self.region)
    }

    /// The public key, if it decodes and matches the kid.
    pub fn verifying_key(&self) -> Option<VerifyingKey> {
        let raw: [u8; 32] = B64.decode(&self.public_key).ok()?.try_into().ok()?;
        let key = VerifyingKey::from_bytes(&raw).ok()?;
        (envelope::hex(&kid(&key)) == self.kid).then_some(key)
    }
}

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
    pub dcc_signers: Vec<crate::trust_dcc::DccSigner>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    #[error(transparent)]
    Rollback(#[from] Rollback),
}

impl SignedContent for TrustList {
    const KIND: &'static str = KIND;
    fn sequence(&self) -> u64 {
        self.sequence
    }
    fn issued_at(&self) -> Time {
        self.issued_at
    }
    fn max_age_hours(&self) -> u32 {
        self.max_age_hours
    }
}

impl TrustList {
    /// Looks up a key by its 8-byte kid.
    pub fn key(&self, id: &[u8; KID_LEN]) -> Option<&IssuerKey> {
        let h = envelope::hex(id);
        self.keys.iter().find(|k| k.kid == h)
    }

    /// Looks up an active DCC document signer by its 8-byte kid (revoked ones are not found).
    pub fn dcc_signer(&self, id: &[u8]) -> Option<&crate::trust_dcc::DccSigner> {
        let h = envelope::hex(id);
        self.dcc_signers.iter().find(|s| s.kid == h && s.status == KeyStatus::Active)
    }

    /// Whether the list is older than its signed maximum age at `now`.
    pub fn is_stale(&self, now: Time) -> bool {
        self.stale_at(now)
    }

    /// Serialises and root-signs the list.
    pub fn seal(&self, root: &ed25519_dalek::SigningKey) -> String {
        self.seal_with(root)
    }

    /// Verifies a `keys.json` against the pinned roots and parses it.
    pub fn open(file: &[u8], roots: &[VerifyingKey]) -> Result<Self, TrustError> {
        Ok(Self::open_with(file, roots)?)
    }

    /// Refuses a replayed older list.
    pub fn check_newer_than(&self, current: Option<&TrustList>) -> Result<(), TrustError> {
        Ok(self.newer_than(current)?)
    }
}
