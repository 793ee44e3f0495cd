//! What judging a foreign certificate (EU DCC, issue 11) needs from the verifier's signed data,
//! worked out where that data is held and verified: in the app, or natively in
//! `yima_dcc::scan::scan`. The DCC module then gets this and the one signer its code names,
//! instead of the signed files, and carries no Ed25519 and no JSON reader of its own.
//!
//! [`ForeignParts`] is how the context and that signer cross the JS boundary into the module:
//! one value, encoded by the app and decoded by the module ([`wire`], as is the card that
//! comes back).

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use chrono::Duration;

use crate::policy::ForeignRule;
use crate::session::Verifier;
use crate::trust::{DccSigner, DccType};
use crate::verdict::Reason;
use crate::Time;

mod wire;

/// The verifier's state as a DCC's judgement needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignContext {
    /// The time that counts (the device's, unless it is behind the signed data).
    pub now: Time,
    /// The verifier's own reasons: trust data missing or stale, clock behind.
    pub status: Vec<Reason>,
    /// A verified trust list is held (else nothing can be verified: "no trust data").
    pub trusted: bool,
    /// The venue's policy: its foreign-certificate rule (none: not accepted) and clock skew.
    /// `None` when no policy applies to the venue.
    pub policy: Option<(Option<ForeignRule>, Duration)>,
}

impl Verifier {
    /// The context a DCC scanned at `device_now` is judged in. Revocation data is for our own
    /// credentials only, so its staleness or absence is not a reason here.
    pub fn foreign_context(&self, device_now: Time) -> ForeignContext {
        let (now, _) = self.effective_now(device_now);
        let mut status = self.status_reasons(device_now);
        status.retain(|r| !matches!(r, Reason::RevocationDataStale | Reason::RevocationDataMissing));
        let policy = self.policies.as_ref().and_then(|p| p.select(&self.venue, now)).map(|p| (p.foreign.clone(), p.skew()));
        ForeignContext { now, status, trusted: self.trust.is_some(), policy }
    }
}

/// What the DCC module's `judge` (crates/dcc-module) is handed: the context and the trust
/// list's signer for the code's kid.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignParts {
    pub context: ForeignContext,
    pub signer: Option<SignerParts>,
}

/// A trust-list signer as the module needs it: the key decoded, nothing to look up.
#[derive(Debug, Clone, PartialEq)]
pub struct SignerParts {
    /// SubjectPublicKeyInfo (DER).
    pub key: Vec<u8>,
    pub not_before: Time,
    pub not_after: Time,
    pub types: Vec<DccType>,
}

impl ForeignParts {
    /// A signer whose key is not base64 is left out (the code's signer is then unknown).
    pub fn new(context: ForeignContext, signer: Option<&DccSigner>) -> Self {
        let signer = signer.and_then(|s| {
            let key = B64.decode(&s.public_key).ok()?;
            Some(SignerParts { key, not_before: s.not_before, not_after: s.not_after, types: s.types.clone() })
        });
        ForeignParts { context, signer }
    }
}
