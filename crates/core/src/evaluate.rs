//! Verified facts + the venue's policy → reasons.

use std::cmp::Ordering;

use chrono::Duration;

use crate::claims::{Colour, HealthCode, Itinerary, Provenance, TestKind, TestOutcome, TestReport, TestResult, Trip};
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

/// A verified credential and the time it was (last) scanned: its own checks (issued in the
/// future, expired, code age) and whether it still counts are judged at that time, so a merge
/// scanned later does not age a code that was fresh when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen<T> {
    pub claims: T,
    pub at: Time,
}

/// Everything verified about one holder: their health codes, paper reports and itinerary
/// credentials (docs/format.md, section 3, "Session").
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub codes: Vec<Seen<HealthCode>>,
    pub reports: Vec<Seen<TestReport>>,
    pub itineraries: Vec<Seen<Itinerary>>,
}

/// When a test counts from under `basis`.
pub fn basis_time(t: &TestResult, basis: TimeBasis) -> Time {
    match basis {
        TimeBasis::Report => t.reported_at,
        TimeBasis::Sample => t.sampled_at,
    }
}

/// Worse colours sort higher.
fn colour_rank(c: Colour) -> u8 {
    match c {
        Colour::Green => 0,
        Colour::Yellow => 1,
        Colour::Red => 2,
    }
}

/// The order of results of one kind: later by `basis`, then (a tie) positive over negative,
/// institution over self-test, the later other time, then by institution: so the result that
/// counts never depends on scan order, and a tie between outcomes denies.
fn result_order(a: &TestResult, b: &TestResult, basis: TimeBasis) -> Ordering {
    let other = |t: &TestResult| match basis {
        TimeBasis::Report => t.sampled_at,
        TimeBasis::Sample => t.reported_at,
    };
    let key =
        |t: &TestResult| (basis_time(t, basis), t.outcome == TestOutcome::Positive, t.provenance == Provenance::Institution, other(t));
    key(a).cmp(&key(b)).then_with(|| (&a.institution, a.institution_region).cmp(&(&b.institution, b.institution_region)))
}

impl Facts {
    /// The health code that the card shows (colour, channel, vaccination): the one issued last;
    /// at an equal issue time the worse colour; still equal, the one scanned first.
    pub fn code_index(&self) -> Option<usize> {
        let key = |i: usize| (self.codes[i].claims.issued_at, colour_rank(self.codes[i].claims.colour), std::cmp::Reverse(i));
        (0..self.codes.len()).max_by_key(|&i| key(i))
    }

    /// [`Facts::code_index`]'s health code.
    pub fn code(&self) -> Option<&HealthCode> {
        self.code_index().map(|i| &self.codes[i].claims)
    }

    /// The latest result of `kind` from any source (results through any channel count alike:
    /// every health code's and every report's); reports expired when scanned do not count; with
    /// `institution_only`, self-test uploads do not either. Ties: [`result_order`].
    pub fn latest(&self, kind: TestKind, basis: TimeBasis, institution_only: bool, skew: Duration) -> Option<&TestResult> {
        let from_codes = self.codes.iter().flat_map(|h| match kind {
            TestKind::Nat => h.claims.nat.as_ref(),
            TestKind::Antigen => h.claims.antigen.as_ref(),
        });
        let from_reports = self.reports.iter().filter(|r| r.at <= plus(r.claims.expires_at, skew)).map(|r| &r.claims.result);
        // The kind is checked on the codes' slots too: the reader refuses a mismatch, and facts
        // built another way still never count an antigen as a NAT.
        from_codes
            .chain(from_reports)
            .filter(|t| t.kind == kind)
            .filter(|t| !institution_only || t.provenance == Provenance::Institution)
            .max_by(|a, b| result_order(a, b, basis))
    }

    /// The latest itinerary shown (inline in a health code, or its own credential unexpired
    /// when scanned) and when it was issued; at an equal issue time a star wins.
    pub fn trip(&self, skew: Duration) -> Option<(&Trip, Time)> {
        let inline = self.codes.iter().filter_map(|h| h.claims.itinerary.as_ref().map(|t| (t, h.claims.issued_at)));
        let own = self.itineraries.iter().filter(|i| i.at <= plus(i.claims.expires_at, skew)).map(|i| (&i.claims.trip, i.claims.issued_at));
        inline.chain(own).max_by(|(a, at), (b, bt)| (at, a.star, &a.cities).cmp(&(bt, b.star, &b.cities)))
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
    if facts.codes.is_empty() {
        out.push(Reason::HealthCodeMissing);
    }
    // Each credential on its own, at the time it was scanned.
    let max_age = policy.map(|p| i64::from(p.max_code_age_seconds));
    for Seen { claims: h, at } in &facts.codes {
        validity(h.issued_at, h.expires_at, *at, skew, Reason::CodeExpired, &mut out);
        if let Some(max) = max_age.filter(|max| (*at - h.issued_at).num_seconds() > *max) {
            out.push(Reason::CodeTooOld { age_seconds: (*at - h.issued_at).num_seconds(), max_seconds: max });
        }
        if policy.is_some_and(|p| !p.allowed_colours.contains(&h.colour)) {
            out.push(Reason::ColourNotAllowed { colour: h.colour });
        }
    }
    for Seen { claims: r, at } in &facts.reports {
        validity(r.issued_at, r.expires_at, *at, skew, Reason::ReportExpired, &mut out);
    }
    // The itinerary card is dynamic like the health code: the same screenshot guard.
    for Seen { claims: i, at } in &facts.itineraries {
        validity(i.issued_at, i.expires_at, *at, skew, Reason::ItineraryExpired, &mut out);
        if let Some(max) = max_age.filter(|max| (*at - i.issued_at).num_seconds() > *max) {
            out.push(Reason::ItineraryTooOld { age_seconds: (*at - i.issued_at).num_seconds(), max_seconds: max });
        }
    }
    let trip = facts.trip(skew);
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

/// A credential's own dates at the time `at` it was scanned: not issued in the future, not
/// expired (each with the clock skew).
fn validity(issued: Time, expires: Time, at: Time, skew: Duration, expired: Reason, out: &mut Vec<Reason>) {
    if issued > plus(at, skew) {
        out.push(Reason::IssuedInFuture);
    }
    if at > plus(expires, skew) {
        out.push(expired);
    }
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
    let counted = facts.latest(kind, basis, institution_only, skew);
    // A self-test the venue does not count is still shown, as such.
    let shown = counted.or_else(|| facts.latest(kind, basis, false, skew)).map(|result| Chosen { result, basis });
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
