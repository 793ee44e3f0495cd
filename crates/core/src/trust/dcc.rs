//! Trust-list entries of the second kind: EU DCC document signers (issue 11).
//!
//! The root signs the binding of a DCC kid to a public key, its validity and the certificate
//! types it may sign, all taken from the signer's X.509 certificate by `yima-issuer
//! trust-entry --dcc-cert`. The key bytes are parsed only by the separately loaded DCC
//! module (`yima-dcc`), so the core carries no ECDSA/RSA/X.509 code.

use serde::{Deserialize, Serialize};

use super::key::KeyStatus;
use crate::Time;

/// The kinds of certificate a DCC can be (its one `t`, `v` or `r` entry).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DccType {
    Test,
    Vaccination,
    Recovery,
}

impl DccType {
    pub const ALL: [DccType; 3] = [DccType::Test, DccType::Vaccination, DccType::Recovery];
}

/// One DCC document signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DccSigner {
    /// Hex of the 8-byte DCC kid: SHA-256 of the certificate's DER, first 8 bytes.
    pub kid: String,
    /// ISO 3166 country from the certificate's subject (`C=`), empty when it has none.
    pub country: String,
    /// Base64 of the certificate's SubjectPublicKeyInfo (DER): P-256 or RSA.
    pub public_key: String,
    /// From the certificate's validity.
    #[serde(with = "crate::rfc3339")]
    pub not_before: Time,
    #[serde(with = "crate::rfc3339")]
    pub not_after: Time,
    /// From the certificate's extended key usage (none listed there = all three).
    pub types: Vec<DccType>,
    pub status: KeyStatus,
}

impl DccSigner {
    /// Whether the root lets this signer sign a certificate of `t`.
    pub fn allows(&self, t: DccType) -> bool {
        self.types.contains(&t)
    }
}
