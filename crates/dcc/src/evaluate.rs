//! Stage 6: what was read and verified, and the venue's signed rule for foreign certificates
//! ([`ForeignRule`]) → the core's reasons (zh/en texts in `yima_core`'s words (words.rs)) and verdict.

use chrono::{Duration, NaiveDate};
use yima_core::DccType;
use yima_core::ForeignRule;
use yima_core::{conclude, Reason, Verdict};

use crate::payload::{Entry, Recovery, Test, Vaccination};
use crate::verify::{SignatureStatus, TimeStatus, Verification};
use crate::{ReadError, Time};

/// LOINC codes of the DCC test types.
pub const NAAT: &str = "LP6464-4";
pub const RAPID_ANTIGEN: &str = "LP217198-3";
/// SNOMED CT codes of the DCC test results.
pub const NOT_DETECTED: &str = "260415000";
pub const DETECTED: &str = "260373001";

/// Every reason against a DCC, worst first, and the verdict they force; a DCC that passes
/// every check and the venue's rule gives [`Reason::AllChecksPassed`].
pub fn judge(
    read: Result<(&Entry, &Verification), &ReadError>,
    rule: Option<&ForeignRule>,
    now: Time,
    skew: Duration,
) -> (Verdict, Vec<Reason>) {
    let Ok((entry, v)) = read else { return conclude(vec![Reason::DccMalformed]) };
    let mut reasons = validity(v);
    if authentic(v) {
        reasons.extend(against_rule(entry, rule, now, skew));
    }
    conclude(reasons)
}

/// Whether what the certificate says is vouched for: its signature verifies under the trust
/// list's signer for its kid. Only then are its contents facts (the card's rows, the reasons
/// drawn from its times and entry); otherwise they are whatever whoever made the code wrote.
pub fn authentic(v: &Verification) -> bool {
    v.signature == SignatureStatus::Valid
}

/// The certificate's own validity: signature, signer, time, key usage. When the signature
/// does not verify (or no signer has the kid) that is the one reason: the times and the type
/// the others judge are then unverified claims.
pub fn validity(v: &Verification) -> Vec<Reason> {
    let mut reasons = Vec::new();
    match v.signature {
        SignatureStatus::Valid => {}
        SignatureStatus::UnknownSigner => return vec![Reason::DccUnknownSigner],
        SignatureStatus::Failed(_) => return vec![Reason::DccBadSignature],
    }
    match v.time {
        TimeStatus::Valid => {}
        TimeStatus::Expired { at } => reasons.push(Reason::DccExpired { at }),
        TimeStatus::NotYetValid { from } => reasons.push(Reason::DccNotYetValid { from }),
        TimeStatus::SignerOutside { .. } => reasons.push(Reason::DccSignerOutside),
    }
    if v.usage_allowed == Some(false) {
        reasons.push(Reason::DccKeyUsage);
    }
    reasons
}

/// The venue's rule for the certificate's one entry. No rule: check by hand.
pub fn against_rule(entry: &Entry, rule: Option<&ForeignRule>, now: Time, skew: Duration) -> Vec<Reason> {
    let Some(rule) = rule else { return vec![Reason::DccNoRule] };
    let refused = |kind| vec![Reason::DccTypeNotAccepted { kind }];
    match entry {
        Entry::Test(t) => match rule.test_hours {
            Some(h) => test(t, h, rule.rapid_antigen, now, skew),
            None => refused(DccType::Test),
        },
        Entry::Vaccination(v) => match rule.vaccination_days {
            Some(d) => vaccination(v, d, now),
            None => refused(DccType::Vaccination),
        },
        Entry::Recovery(r) if rule.recovery => recovery(r, now),
        Entry::Recovery(_) => refused(DccType::Recovery),
    }
}

/// Sample collection time (RFC 3339, any offset).
pub fn sampled_at(t: &Test) -> Option<Time> {
    chrono::DateTime::parse_from_rfc3339(t.sc.trim()).ok().map(|d| d.to_utc())
}

/// A `YYYY-MM-DD` date (a longer date-time string counts by its date). Read as the date of an
/// RFC 3339 time: chrono's RFC 3339 reader is already here for `sc`, and its format-string
/// parser (~10 KB of the DCC module) is then not needed.
pub fn date(s: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(&format!("{}T00:00:00Z", s.get(..10)?)).ok().map(|d| d.date_naive())
}

fn test(t: &Test, max_hours: u32, rapid_antigen: bool, now: Time, skew: Duration) -> Vec<Reason> {
    let mut out = Vec::new();
    match t.tr.as_str() {
        NOT_DETECTED => {}
        DETECTED => out.push(Reason::DccTestPositive),
        _ => out.push(Reason::DccMalformed),
    }
    match t.tt.as_str() {
        NAAT => {}
        RAPID_ANTIGEN if rapid_antigen => {}
        _ => out.push(Reason::DccTestTypeNotAccepted),
    }
    match sampled_at(t) {
        None => out.push(Reason::DccMalformed),
        Some(at) if at > now + skew => out.push(Reason::DccTestInFuture),
        Some(at) => {
            let age_seconds = (now - at).num_seconds();
            if age_seconds > i64::from(max_hours) * 3600 {
                out.push(Reason::DccTestTooOld { age_seconds, max_hours });
            }
        }
    }
    out
}

fn vaccination(v: &Vaccination, min_days: u32, now: Time) -> Vec<Reason> {
    let mut out = Vec::new();
    if v.dn < v.sd || v.dn == 0 {
        out.push(Reason::DccVaccinationIncomplete { dose: v.dn, of: v.sd });
    }
    match date(&v.dt) {
        None => out.push(Reason::DccMalformed),
        Some(d) => {
            let days = (now.date_naive() - d).num_days();
            if days < i64::from(min_days) {
                out.push(Reason::DccVaccinationTooRecent { days, min_days });
            }
        }
    }
    out
}

fn recovery(r: &Recovery, now: Time) -> Vec<Reason> {
    match (date(&r.df), date(&r.du)) {
        (Some(from), Some(until)) if (from..=until).contains(&now.date_naive()) => Vec::new(),
        (Some(_), Some(_)) => vec![Reason::DccRecoveryOutside],
        _ => vec![Reason::DccMalformed],
    }
}

#[cfg(test)]
mod tests;
