//! Credential text + trust list → a [`Verification`] value.

use crate::claims::Claims;
use crate::codec::{self, DecodeError};
use crate::cose;
use crate::trust::{IssuerKey, KeyStatus, Role, TrustList};
use crate::verdict::Reason;
use crate::Time;

/// The outcome of checking a credential's signature and key. A value, not an error:
/// a rejected credential is a normal result of scanning.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one per scan, moved into the card once: a Box buys nothing
pub enum Verification {
    /// Signature valid by a key in the trust list that may sign this kind of credential.
    Verified { claims: Claims, issuer: IssuerKey },
    /// Not to be trusted; nothing inside it may be shown as fact.
    Rejected(Reason),
}

/// Decodes and verifies `text` against `trust` at `now`. Never panics.
pub fn verify(text: &str, trust: &TrustList, now: Time) -> Verification {
    match check(text, trust, now) {
        Ok((claims, issuer)) => Verification::Verified { claims, issuer: issuer.clone() },
        Err(r) => Verification::Rejected(r),
    }
}

fn check<'t>(text: &str, trust: &'t TrustList, now: Time) -> Result<(Claims, &'t IssuerKey), Reason> {
    let bytes = codec::decode_text(text).map_err(|e| match e {
        DecodeError::UnknownPrefix(_) | DecodeError::Empty => Reason::UnknownPrefix,
        _ => Reason::Malformed,
    })?;
    let opened = cose::open(&bytes).map_err(|_| Reason::Malformed)?;
    let entry = trust.key(&opened.kid).ok_or(Reason::UnknownKid)?;
    let key = entry.verifying_key().ok_or(Reason::UnknownKid)?;
    if !opened.signature_valid(&key) {
        return Err(Reason::BadSignature);
    }
    // Only signed bytes are parsed.
    let claims = crate::claims::from_cbor(&opened.payload).map_err(|_| Reason::Malformed)?;
    if entry.status == KeyStatus::Revoked {
        return Err(Reason::KeyRevoked);
    }
    // The key must have been valid when it signed, and must have started being valid by now.
    if claims.issued_at() < entry.not_before || now < entry.not_before {
        return Err(Reason::KeyNotYetValid);
    }
    if claims.issued_at() > entry.not_after {
        return Err(Reason::KeyExpired);
    }
    let role = match claims {
        Claims::HealthCode(_) => Role::HealthCode,
        Claims::TestReport(_) => Role::TestReport,
        Claims::Itinerary(_) => Role::Itinerary,
    };
    if !entry.roles.contains(&role) {
        return Err(Reason::WrongRole);
    }
    if !entry.covers(claims.region()) {
        return Err(Reason::RegionMismatch);
    }
    Ok((claims, entry))
}
