//! What judging a foreign certificate (EU DCC, issue 11) needs from the verifier's signed data,
//! worked out where that data is held and verified: in the app, or natively in
//! `yima_dcc::scan::scan`. The DCC module then gets this and the one signer its code names,
//! instead of the signed files, and carries no Ed25519 and no JSON reader of its own.
//!
//! [`ForeignParts`] is how the context and that signer cross the JS boundary into the module:
//! plain numbers and bytes.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use chrono::Duration;

use crate::policy::ForeignRule;
use crate::session::Verifier;
use crate::trust::{DccSigner, DccType};
use crate::verdict::Reason;
use crate::Time;

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
    /// credentials only, so its staleness is not a reason here.
    pub fn foreign_context(&self, device_now: Time) -> ForeignContext {
        let (now, _) = self.effective_now(device_now);
        let mut status = self.status_reasons(device_now);
        status.retain(|r| *r != Reason::RevocationDataStale);
        let policy = self.policies.as_ref().and_then(|p| p.select(&self.venue, now)).map(|p| (p.foreign.clone(), p.skew()));
        ForeignContext { now, status, trusted: self.trust.is_some(), policy }
    }
}

/// A [`ForeignContext`] and the trust list's signer for one kid, as the DCC module's `judge`
/// takes them (crates/dcc-module): times in Unix ms, reasons and types as bit sets.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignParts {
    pub now_ms: f64,
    /// [`status_bits`] of the context's reasons.
    pub status: u32,
    pub trusted: bool,
    /// The signer's SubjectPublicKeyInfo (DER), validity and [`types_bits`]; `None`: no signer.
    pub key: Option<Vec<u8>>,
    pub key_from_ms: f64,
    pub key_until_ms: f64,
    pub key_types: u32,
    /// A policy applies to the venue, with this clock skew and, when `accepted`, this rule.
    pub policy: bool,
    pub skew_seconds: u32,
    pub accepted: bool,
    pub test_hours: Option<u32>,
    pub rapid_antigen: bool,
    pub vaccination_days: Option<u32>,
    pub recovery: bool,
}

fn ms(t: Time) -> f64 {
    t.timestamp_millis() as f64
}

fn time(ms: f64) -> Time {
    Time::from_timestamp_millis(ms as i64).unwrap_or_default()
}

impl ForeignParts {
    pub fn new(ctx: &ForeignContext, signer: Option<&DccSigner>) -> Self {
        let key = signer.and_then(|s| B64.decode(&s.public_key).ok());
        let rule = ctx.policy.as_ref().and_then(|(rule, _)| rule.clone());
        let skew = ctx.policy.as_ref().map_or(0, |(_, skew)| u32::try_from(skew.num_seconds()).unwrap_or(0));
        let ForeignRule { test_hours, rapid_antigen, vaccination_days, recovery } = rule.clone().unwrap_or_default();
        ForeignParts {
            now_ms: ms(ctx.now),
            status: status_bits(&ctx.status),
            trusted: ctx.trusted,
            key_from_ms: signer.map_or(0.0, |s| ms(s.not_before)),
            key_until_ms: signer.map_or(0.0, |s| ms(s.not_after)),
            key_types: signer.map_or(0, |s| types_bits(&s.types)),
            key,
            policy: ctx.policy.is_some(),
            skew_seconds: skew,
            accepted: rule.is_some(),
            test_hours,
            rapid_antigen,
            vaccination_days,
            recovery,
        }
    }

    /// The context back.
    pub fn context(&self) -> ForeignContext {
        let rule = self.accepted.then_some(ForeignRule {
            test_hours: self.test_hours,
            rapid_antigen: self.rapid_antigen,
            vaccination_days: self.vaccination_days,
            recovery: self.recovery,
        });
        ForeignContext {
            now: time(self.now_ms),
            status: status_from_bits(self.status),
            trusted: self.trusted,
            policy: self.policy.then(|| (rule, Duration::seconds(self.skew_seconds.into()))),
        }
    }

    /// The signer's validity and types back.
    pub fn key_validity(&self) -> (Time, Time, Vec<DccType>) {
        (time(self.key_from_ms), time(self.key_until_ms), types_from_bits(self.key_types))
    }
}

/// The reasons a [`ForeignContext`] can hold, bit 0 first.
const STATUS: [Reason; 3] = [Reason::NoTrustData, Reason::TrustDataStale, Reason::ClockBehindTrustList];

/// The status reasons as bits (others are not carried).
pub fn status_bits(status: &[Reason]) -> u32 {
    STATUS.iter().enumerate().filter(|(_, r)| status.contains(r)).map(|(i, _)| 1 << i).sum()
}

/// The status reasons of [`status_bits`]; unknown bits are ignored.
pub fn status_from_bits(bits: u32) -> Vec<Reason> {
    STATUS.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, r)| r.clone()).collect()
}

/// Certificate types as bits, in the order of [`DccType::ALL`].
pub fn types_bits(types: &[DccType]) -> u32 {
    DccType::ALL.iter().enumerate().filter(|(_, t)| types.contains(t)).map(|(i, _)| 1 << i).sum()
}

/// The certificate types of [`types_bits`]; unknown bits are ignored.
pub fn types_from_bits(bits: u32) -> Vec<DccType> {
    DccType::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, t)| *t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_carry_every_status_reason_and_type_both_ways() {
        for n in 0..8u32 {
            let status = status_from_bits(n);
            assert_eq!(status.len(), n.count_ones() as usize);
            assert_eq!(status_bits(&status), n);
            let types = types_from_bits(n);
            assert_eq!(types.len(), n.count_ones() as usize);
            assert_eq!(types_bits(&types), n);
        }
        assert_eq!(status_from_bits(0b1000 | 0b10), vec![Reason::TrustDataStale]);
        assert_eq!(status_bits(&[Reason::RevocationDataStale, Reason::ClockBehindTrustList]), 0b100);
        assert_eq!(types_from_bits(0b101), vec![DccType::Test, DccType::Recovery]);
    }
}
