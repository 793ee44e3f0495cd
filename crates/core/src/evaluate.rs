//! Verified facts + the venue's policy → reasons.

use chrono::Duration;

use crate::claims::{HealthCode, Itinerary, Provenance, TestKind, TestOutcome, TestReport, TestResult, Trip};
use crate::policy::{ItineraryRule, Policy, TestRule, TimeBasis};
use crate::verdict::Reason;
use crate::Time;

/// Clock tolerance when no policy applies.
pub const DEFAULT_SKEW_SECONDS: i64 = 60;

/// `t + d`, saturating at the ends of time: signed claims may carry extreme dates, and
/// chrono's `+` panics on overflow.
pub fn plus(t: Time, d: Duration) -> Time {
    t.checked_add_signed(d).unwrap_or(if d < Duration::zero() { Time::MIN_UTC } else { Time::MAX_UTC })
}

/// Everything verified about one holder: at most one health code, any paper reports and
/// itinerary credentials.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub health: Option<HealthCode>,
    pub reports: Vec<TestReport>,
    pub itineraries: Vec<Itinerary>,
}

/// When a test counts from under `basis`.
pub fn basis_time(t: &TestResult, basis: TimeBasis) -> Time {
    match basis {
        TimeBasis::Report => t.reported_at,
        TimeBasis::Sample => t.sampled_at,
    }
}

impl Facts {
    /// The latest result of `kind` from any source (results through any channel count alike);
    /// expired reports do not count; with `institution_only`, self-test uploads do not either.
    pub fn latest(&self, kind: TestKind, basis: TimeBasis, institution_only: bool, now: Time, skew: Duration) -> Option<&TestResult> {
        let from_code = self.health.iter().flat_map(|h| match kind {
            TestKind::Nat => h.nat.as_ref(),
            TestKind::Antigen => h.antigen.as_ref(),
        });
        let from_reports = self
            .reports
            .iter()
            .filter(|r| now <= plus(r.expires_at, skew))
            .map(|r| &r.result)
            .filter(|t| t.kind == kind);
        from_code
            .chain(from_reports)
            .filter(|t| !institution_only || t.provenance == Provenance::Institution)
            .max_by_key(|t| basis_time(t, basis))
    }

    /// The latest itinerary shown (inline in the health code, or its own unexpired credential)
    /// and when it was issued.
    pub fn trip(&self, now: Time, skew: Duration) -> Option<(&Trip, Time)> {
        let inline = self.health.iter().filter_map(|h| h.itinerary.as_ref().map(|t| (t, h.issued_at)));
        let own = self.itineraries.iter().filter(|i| now <= plus(i.expires_at, skew)).map(|i| (&i.trip, i.issued_at));
        inline.chain(own).max_by_key(|(_, at)| *at)
    }
}

/// Checks `facts` against `policy` at `now`. Without a policy only the credential's own
/// validity and test results are checked (and the caller adds [`Reason::PolicyMissing`]).
pub fn evaluate(facts: &Facts, policy: Option<&Policy>, now: Time) -> Vec<Reason> {
    let skew = policy.map_or(Duration::seconds(DEFAULT_SKEW_SECONDS), Policy::skew);
    let mut out = Vec::new();
    match &facts.health {
        Some(h) => {
            if h.issued_at > plus(now, skew) {
                out.push(Reason::IssuedInFuture);
            }
            if now > plus(h.expires_at, skew) {
                out.push(Reason::CodeExpired);
            }
            if let Some(p) = policy {
                let age = (now - h.issued_at).num_seconds();
                let max = i64::from(p.max_code_age_seconds);
                if age > max {
                    out.push(Reason::CodeTooOld { age_seconds: age, max_seconds: max });
                }
                if !p.allowed_colours.contains(&h.colour) {
                    out.push(Reason::ColourNotAllowed { colour: h.colour });
                }
            }
        }
        None => out.push(Reason::HealthCodeMissing),
    }
    for r in &facts.reports {
        if r.issued_at > plus(now, skew) {
            out.push(Reason::IssuedInFuture);
        }
        if now > plus(r.expires_at, skew) {
            out.push(Reason::ReportExpired);
        }
    }
    for i in &facts.itineraries {
        if i.issued_at > plus(now, skew) {
            out.push(Reason::IssuedInFuture);
        }
        if now > plus(i.expires_at, skew) {
            out.push(Reason::ItineraryExpired);
        }
    }
    if let Some(rule) = policy.and_then(|p| p.itinerary.as_ref()) {
        itinerary_reasons(facts.trip(now, skew).map(|(t, _)| t), rule, &mut out);
    }
    for kind in [TestKind::Nat, TestKind::Antigen] {
        let rule = policy.and_then(|p| match kind {
            TestKind::Nat => p.nat.as_ref(),
            TestKind::Antigen => p.antigen.as_ref(),
        });
        test_reasons(facts, kind, rule, now, skew, &mut out);
    }
    out.dedup();
    out
}

fn test_reasons(facts: &Facts, kind: TestKind, rule: Option<&TestRule>, now: Time, skew: Duration, out: &mut Vec<Reason>) {
    let basis = rule.map_or(TimeBasis::Report, |r| r.basis);
    let institution_only = rule.is_some_and(|r| r.institution_only);
    let nat = kind == TestKind::Nat;
    let Some(t) = facts.latest(kind, basis, institution_only, now, skew) else {
        if rule.is_some() {
            let self_test_only = facts.latest(kind, basis, false, now, skew).is_some();
            out.push(match (nat, self_test_only) {
                (true, _) => Reason::NatMissing,
                (false, true) => Reason::AntigenSelfTest,
                (false, false) => Reason::AntigenMissing,
            });
        }
        return;
    };
    if t.reported_at > plus(now, skew) || t.sampled_at > plus(now, skew) {
        out.push(Reason::ResultInFuture);
        return;
    }
    if t.outcome == TestOutcome::Positive {
        out.push(if nat { Reason::NatPositive } else { Reason::AntigenPositive });
        return;
    }
    if let Some(rule) = rule {
        let age = now - basis_time(t, basis);
        if age > Duration::hours(i64::from(rule.max_age_hours)) {
            let (age_seconds, max_hours) = (age.num_seconds(), rule.max_age_hours);
            out.push(if nat {
                Reason::NatTooOld { age_seconds, max_hours }
            } else {
                Reason::AntigenTooOld { age_seconds, max_hours }
            });
        }
    }
}

fn itinerary_reasons(trip: Option<&Trip>, rule: &ItineraryRule, out: &mut Vec<Reason>) {
    match trip {
        None if rule.required => out.push(Reason::ItineraryMissing),
        Some(t) if t.star => out.push(Reason::ItineraryStar { cities: t.cities.clone(), action: rule.star }),
        _ => {}
    }
}

