//! Policy boundaries to the second.
use crate::common;
use chrono::Duration;
use common::*;
use yima_core::TimeBasis;
use yima_core::{Claims, Colour, TestKind, TestOutcome, TestResult};
use yima_core::{Reason, Verdict};
use yima_issue::{demo, issue};

/// A fresh green code whose NAT was reported `age` before `now()`.
fn nat_aged(age: Duration, antigen_age: Option<Duration>) -> String {
    let t = |kind, a: Duration| TestResult {
        kind,
        outcome: TestOutcome::Negative,
        sampled_at: now() - a - Duration::hours(12),
        reported_at: now() - a,
        institution: "lab".into(),
        institution_region: 310000,
        provenance: Default::default(),
    };
    let mut h = demo::health_code(now(), Colour::Green, Some(t(TestKind::Nat, age)));
    h.antigen = antigen_age.map(|a| t(TestKind::Antigen, a));
    issue(&Claims::HealthCode(h), &demo::key("hc-310000"))
}

#[test]
fn nat_age_limits_are_inclusive_to_the_second() {
    for (venue, hours) in [("mall", 48), ("metro", 72)] {
        assert_eq!(verdict(venue, &nat_aged(Duration::hours(hours), None), now()), Verdict::Pass, "{venue} exactly {hours} h");
        let over = scan_once(venue, &nat_aged(Duration::hours(hours) + Duration::seconds(1), None), now()).card;
        assert_eq!(over.verdict, Verdict::Deny, "{venue} {hours} h + 1 s");
        assert_eq!(over.reasons[0], Reason::NatTooOld { age_seconds: hours * 3600 + 1, max_hours: hours as u32 });
    }
}

#[test]
fn leave_city_needs_both_tests_within_their_limits() {
    let ok = nat_aged(Duration::hours(48), Some(Duration::hours(24)));
    assert_eq!(verdict("leave_city", &ok, now()), Verdict::Pass);
    let late = nat_aged(Duration::hours(48), Some(Duration::hours(24) + Duration::seconds(1)));
    assert_eq!(scan_once("leave_city", &late, now()).card.reasons[0], Reason::AntigenTooOld { age_seconds: 24 * 3600 + 1, max_hours: 24 });
}

#[test]
fn sample_time_basis_counts_from_the_sample() {
    let mut v = verifier("mall", now());
    let policies = v.policies.as_mut().unwrap();
    for p in &mut policies.policies {
        if let Some(n) = p.nat.as_mut() {
            n.basis = TimeBasis::Sample;
        }
    }
    // Reported 40 h ago, sampled 52 h ago: passes on report time, fails on sample time.
    let qr = nat_aged(Duration::hours(40), None);
    let card = v.scan(&mut yima_core::Session::default(), &qr, now()).card;
    assert_eq!(card.verdict, Verdict::Deny);
    assert_eq!(card.nat.unwrap().basis, TimeBasis::Sample);
    assert_eq!(verdict("mall", &qr, now()), Verdict::Pass);
}

#[test]
fn screenshot_guard_and_expiry_to_the_second() {
    let qr = sample("green_nat_20h", now()); // issued now-5 s, expires now+175 s
    assert_eq!(verdict("metro", &qr, now() + Duration::seconds(115)), Verdict::Pass); // age 120 s
    let at = now() + Duration::seconds(116);
    assert_eq!(scan_once("metro", &qr, at).card.reasons[0], Reason::CodeTooOld { age_seconds: 121, max_seconds: 120 });
    // expiry allows the policy's 60 s clock skew, no more
    let r = scan_once("metro", &qr, now() + Duration::seconds(235)).card.reasons;
    assert!(!r.contains(&Reason::CodeExpired), "{r:?}");
    let r = scan_once("metro", &qr, now() + Duration::seconds(236)).card.reasons;
    assert!(r.contains(&Reason::CodeExpired), "{r:?}");
}

#[test]
fn future_dates_beyond_skew_are_refused() {
    let qr = sample("green_nat_20h", now());
    // Device 60 s behind the issuer: still fine; 61 s + 5 s behind: issued in the future.
    assert_eq!(verdict("metro", &qr, now() - Duration::seconds(55)), Verdict::Pass);
    let r = scan_once("metro", &qr, now() - Duration::seconds(66)).card.reasons;
    assert!(r.contains(&Reason::IssuedInFuture), "{r:?}");
}

#[test]
fn clock_set_back_uses_signed_time_as_floor_and_warns() {
    let signed = now();
    let v = verifier("metro", signed);
    let qr = sample("green_nat_20h", signed);
    let device = signed - Duration::days(3);
    let card = v.scan(&mut yima_core::Session::default(), &qr, device).card;
    assert_eq!(card.evaluated_at, signed);
    assert_eq!(card.verdict, Verdict::Check);
    assert!(card.reasons.contains(&Reason::ClockBehindTrustList));
}

/// The app's clock floor (the endpoint's HTTP `Date`, issue 21 I) catches a clock set back by
/// less than the signed files' age: the time is raised to it and the card warns, as behind
/// signed data; a floor behind the device clock changes nothing.
#[test]
fn the_clock_floor_beside_the_signed_times_catches_a_clock_set_back() {
    let signed = now() - Duration::days(5);
    let date = now();
    let qr = sample("green_nat_20h", date);
    let mut v = verifier("metro", signed);
    let device = date - Duration::days(1);
    // without the floor the day-old device clock passes unnoticed
    assert!(!v.scan(&mut yima_core::Session::default(), &qr, device).card.reasons.contains(&Reason::ClockBehindTrustList));
    v.clock_floor = Some(date);
    let card = v.scan(&mut yima_core::Session::default(), &qr, device).card;
    assert_eq!((card.evaluated_at, card.verdict), (date, Verdict::Check));
    assert!(card.reasons.contains(&Reason::ClockBehindTrustList));
    assert!(v.status_reasons(device).contains(&Reason::ClockBehindTrustList));
    let card = v.scan(&mut yima_core::Session::default(), &qr, date + Duration::minutes(1)).card;
    assert_eq!(card.evaluated_at, date + Duration::minutes(1));
    assert!(!card.reasons.contains(&Reason::ClockBehindTrustList));
}

#[test]
fn clock_set_back_does_not_deny_codes_issued_after_the_signed_data() {
    // The usual case: the trust list was signed hours before the code was made.
    let signed = now();
    let v = verifier("metro", signed);
    let qr = sample("green_nat_20h", signed + Duration::hours(6));
    let card = v.scan(&mut yima_core::Session::default(), &qr, signed - Duration::days(3)).card;
    assert_eq!(card.verdict, Verdict::Check, "{:?}", card.reasons);
    assert!(card.reasons.contains(&Reason::ClockBehindTrustList));
    assert!(!card.reasons.contains(&Reason::IssuedInFuture), "{:?}", card.reasons);
}

#[test]
fn clock_set_forward_makes_codes_expired_and_trust_stale() {
    let v = verifier("metro", now());
    let card = v.scan(&mut yima_core::Session::default(), &sample("green_nat_20h", now()), now() + Duration::days(31)).card;
    assert_eq!(card.verdict, Verdict::Deny);
    assert!(card.reasons.contains(&Reason::CodeExpired));
    assert!(card.reasons.contains(&Reason::TrustDataStale));
}

#[test]
fn stale_trust_data_turns_pass_into_check() {
    let signed = now() - Duration::hours(30 * 24) - Duration::seconds(1);
    let v = verifier("metro", signed);
    let card = v.scan(&mut yima_core::Session::default(), &sample("green_nat_20h", now()), now()).card;
    assert_eq!(card.verdict, Verdict::Check);
    // the demo revocation data was signed at the same time, so it is stale too
    assert_eq!(card.reasons, vec![Reason::TrustDataStale, Reason::RevocationDataStale]);
    let fresh = verifier("metro", now() - Duration::hours(30 * 24));
    assert_eq!(fresh.scan(&mut yima_core::Session::default(), &sample("green_nat_20h", now()), now()).card.verdict, Verdict::Pass);
}

#[test]
fn missing_policy_or_trust_data_means_check_by_hand() {
    let card = scan_once("hospital", &sample("green_nat_20h", now()), now()).card;
    assert_eq!((card.verdict, card.reasons.clone()), (Verdict::Check, vec![Reason::PolicyMissing]));
    assert!(card.holder.is_some(), "verified facts are still shown");
    let mut v = verifier("metro", now());
    v.trust = None;
    let card = v.scan(&mut yima_core::Session::default(), &sample("green_nat_20h", now()), now()).card;
    assert_eq!((card.verdict, card.reasons), (Verdict::Check, vec![Reason::NoTrustData]));
    assert!(card.holder.is_none());
}

#[test]
fn regional_policy_overrides_the_national_one() {
    let mut v = verifier("mall", now());
    let qr = sample("green_nat_60h", now());
    assert_eq!(v.scan(&mut yima_core::Session::default(), &qr, now()).card.verdict, Verdict::Deny);
    v.venue.region = 440300; // Shenzhen, Guangdong: mall 72 h
    assert_eq!(v.scan(&mut yima_core::Session::default(), &qr, now()).card.verdict, Verdict::Pass);
}

#[test]
fn itinerary_screenshot_guard_to_the_second() {
    // Issue 22, row 5: the itinerary card is dynamic like the health code, with the same limit.
    let it = sample("itinerary_clean", now()); // issued now-5 s, expires now+175 s
    let too_old = |at| scan_once("metro", &it, at).card.reasons.into_iter().find(|r| matches!(r, Reason::ItineraryTooOld { .. }));
    assert_eq!(too_old(now() + Duration::seconds(115)), None); // age 120 s
    assert_eq!(too_old(now() + Duration::seconds(116)), Some(Reason::ItineraryTooOld { age_seconds: 121, max_seconds: 120 }));
    // Not expired, issued 121 s, 1 h or 1 day ago: denied even where the itinerary is optional.
    for age in [Duration::seconds(121), Duration::hours(1), Duration::days(1)] {
        let mut i = demo::itinerary(now(), false);
        i.issued_at = now() - age;
        i.expires_at = now() + Duration::hours(1);
        let v = verifier("metro", now());
        let mut session = yima_core::Session::default();
        v.scan(&mut session, &sample("green_nat_20h", now()), now());
        let card = v.scan(&mut session, &issue(&Claims::Itinerary(i), &demo::key("it-national")), now()).card;
        assert_eq!(card.verdict, Verdict::Deny, "{age}: {:?}", card.reasons);
        let max_seconds = 120;
        assert_eq!(card.reasons, vec![Reason::ItineraryTooOld { age_seconds: age.num_seconds(), max_seconds }]);
    }
}
