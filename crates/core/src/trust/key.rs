//! Issuer keys of the trust list: what each may sign, where, and when.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

use crate::envelope::hex;
use crate::keys::kid;
use crate::Time;

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
            kid: hex(&kid(key)),
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
    /// A province key whose own `region` is not a six-digit code (0, say) covers nothing: only a
    /// national key signs without a province, and its `region` (0 by convention) is not read.
    pub fn covers(&self, region: u32) -> bool {
        let six = |r: u32| (100_000..=999_999).contains(&r);
        match self.scope {
            Scope::National => true,
            Scope::Province => six(self.region) && crate::region::province_of(region) == crate::region::province_of(self.region),
        }
    }

    /// The public key, if it decodes and matches the kid.
    pub fn verifying_key(&self) -> Option<VerifyingKey> {
        let raw: [u8; 32] = B64.decode(&self.public_key).ok()?.try_into().ok()?;
        let key = VerifyingKey::from_bytes(&raw).ok()?;
        (hex(&kid(&key)) == self.kid).then_some(key)
    }
}
