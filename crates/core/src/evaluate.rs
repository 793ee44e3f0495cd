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
        let from_reports = self.reports.iter().filter(|r| now <= plus(r.expires_at, skew)).map(|r| &r.result);
        // The kind is checked on the code's slots too: the reader refuses a mismatch, and facts
        // built another way still never count an antigen as a NAT.
        from_code
            .chain(from_reports)
            .filter(|t| t.kind == kind)
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

/// A test result as evaluation chose it for the card, and the time basis it counted by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Chosen<'a> {
    pub result: &'a TestResult,
    pub basis: TimeBasis,
}

/// What evaluation judged by, for the card to show: the result of each kind that counted (or,
/// none counting, the self-test the venue refused), and the latest itinerary with its time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Shown<'a> {
    pub nat: Option<Chosen<'a>>,
    pub antigen: Option<Chosen<'a>>,
    pub trip: Option<(&'a Trip, Time)>,
}

/// Checks `facts` against `policy` at `now`: the reasons, and what they were judged by.
/// Without a policy only the credential's own validity and test results are checked (and the
/// caller adds [`Reason::PolicyMissing`]).
pub fn evaluate<'a>(facts: &'a Facts, policy: Option<&Policy>, now: Time) -> (Vec<Reason>, Shown<'a>) {
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
    let trip = facts.trip(now, skew);
    if let Some(rule) = policy.and_then(|p| p.itinerary.as_ref()) {
        itinerary_reasons(trip.map(|(t, _)| t), rule, &mut out);
    }
    let mut shown = Shown { trip, ..Shown::default() };
    for kind in [TestKind::Nat, TestKind::Antigen] {
        let (rule, chosen) = match kind {
            TestKind::Nat => (policy.and_then(|p| p.nat.as_ref()), &mut shown.nat),
            TestKind::Antigen => (policy.and_then(|p| p.antigen.as_ref()), &mut shown.antigen),
        };
        *chosen = test_reasons(facts, kind, rule, now, skew, &mut out);
    }
    out.dedup();
    (out, shown)
}

/// The reasons about the latest result of `kind`; returns the result shown for it.
fn test_reasons<'a>(
    facts: &'a Facts,
    kind: TestKind,
    rule: Option<&TestRule>,
    now: Time,
    skew: Duration,
    out: &mut Vec<Reason>,
) -> Option<Chosen<'a>> {
    let basis = rule.map_or(TimeBasis::Report, |r| r.basis);
    let institution_only = rule.is_some_and(|r| r.institution_only);
    let nat = kind == TestKind::Nat;
    let counted = facts.latest(kind, basis, institution_only, now, skew);
    // A self-test the venue does not count is still shown, as such.
    let shown = counted.or_else(|| facts.latest(kind, basis, false, now, skew)).map(|result| Chosen { result, basis });
    let Some(t) = counted else {
        if rule.is_some() {
            out.push(match (nat, shown.is_some()) {
                (true, _) => Reason::NatMissing,
                (false, true) => Reason::AntigenSelfTest,
                (false, false) => Reason::AntigenMissing,
            });
        }
        return shown;
    };
    if t.reported_at > plus(now, skew) || t.sampled_at > plus(now, skew) {
        out.push(Reason::ResultInFuture);
        return shown;
    }
    if t.outcome == TestOutcome::Positive {
        out.push(if nat { Reason::NatPositive } else { Reason::AntigenPositive });
        return shown;
    }
    if let Some(rule) = rule {
        let age = now - basis_time(t, basis);
        if age > Duration::hours(i64::from(rule.max_age_hours)) {
            let (age_seconds, max_hours) = (age.num_seconds(), rule.max_age_hours);
            out.push(if nat { Reason::NatTooOld { age_seconds, max_hours } } else { Reason::AntigenTooOld { age_seconds, max_hours } });
        }
    }
    shown
}

fn itinerary_reasons(trip: Option<&Trip>, rule: &ItineraryRule, out: &mut Vec<Reason>) {
    match trip {
        None if rule.required => out.push(Reason::ItineraryMissing),
        Some(t) if t.star => out.push(Reason::ItineraryStar { cities: t.cities.clone(), action: rule.star }),
        _ => {}
    }
}
