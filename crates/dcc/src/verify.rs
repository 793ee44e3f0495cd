//! Stage 5: a read DCC + the signer the trust list has for its kid → a [`Verification`]
//! *value* (never an error): signature, time and key usage are each judged on their own so
//! a card can show every reason at once.

use crate::cert::{CertType, Signer};
use crate::cwt::Cwt;
use crate::sign1::Opened;
use crate::signature::SignatureError;
use crate::Time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureStatus {
    Valid,
    /// No signer with this kid in the trust list.
    UnknownSigner,
    Failed(SignatureError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStatus {
    Valid,
    /// The CWT's iat is after `now`.
    NotYetValid {
        from: Time,
    },
    /// The CWT's exp is before `now`.
    Expired {
        at: Time,
    },
    /// The signer certificate is not valid at `now`.
    SignerOutside {
        not_before: Time,
        not_after: Time,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verification {
    pub signature: SignatureStatus,
    pub time: TimeStatus,
    /// Whether the signer's extended key usage allows this certificate type (`None` when the
    /// signer is unknown).
    pub usage_allowed: Option<bool>,
}

impl Verification {
    /// Every check passed.
    pub fn is_valid(&self) -> bool {
        self.signature == SignatureStatus::Valid && self.time == TimeStatus::Valid && self.usage_allowed == Some(true)
    }
}

/// The CWT's own validity at `now` (iat ≤ now ≤ exp; an absent claim does not limit).
pub fn cwt_time(cwt: &Cwt, now: Time) -> TimeStatus {
    match (cwt.issued_at, cwt.expires) {
        (Some(iat), _) if now < iat => TimeStatus::NotYetValid { from: iat },
        (_, Some(exp)) if now > exp => TimeStatus::Expired { at: exp },
        _ => TimeStatus::Valid,
    }
}

/// Judges a DCC. `signer` is the trust list's entry for `opened.kid`, if any.
pub fn verify(opened: &Opened, cwt: &Cwt, kind: CertType, signer: Option<&Signer>, now: Time) -> Verification {
    let Some(s) = signer else {
        return Verification { signature: SignatureStatus::UnknownSigner, time: cwt_time(cwt, now), usage_allowed: None };
    };
    let signature = match opened.verify(&s.key) {
        Ok(()) => SignatureStatus::Valid,
        Err(e) => SignatureStatus::Failed(e),
    };
    let time = match cwt_time(cwt, now) {
        TimeStatus::Valid if now < s.not_before || now > s.not_after => {
            TimeStatus::SignerOutside { not_before: s.not_before, not_after: s.not_after }
        }
        t => t,
    };
    Verification { signature, time, usage_allowed: Some(s.allows(kind)) }
}
