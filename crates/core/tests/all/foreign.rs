//! The context a foreign certificate (EU DCC) is judged in, worked out from the verifier's
//! signed data (its crossing into the DCC module: crates/core/src/foreign/wire/tests.rs).

use chrono::Duration;
use yima_core::{ForeignContext, Policy, Reason, Time, VenueKey, Verifier};
use yima_issue::demo;

fn t(s: &str) -> Time {
    s.parse().unwrap()
}

fn verifier(now: Time, venue: &str) -> Verifier {
    Verifier {
        trust: Some(demo::trust_list(now)),
        policies: Some(demo::policies(now)),
        venue: VenueKey { venue: venue.into(), region: 310000 },
        revocation: None,
        clock_floor: None,
    }
}

#[test]
fn context_holds_the_venues_rule_and_the_verifiers_own_reasons() {
    let now = t("2026-11-24T09:00:00Z");
    let v = verifier(now, "metro");
    let ctx = v.foreign_context(now);
    let metro: &Policy = v.policies.as_ref().unwrap().select(&v.venue, now).unwrap();
    assert_eq!(ctx, ForeignContext { now, status: vec![], trusted: true, policy: Some((metro.foreign.clone(), metro.skew())) });
    assert!(metro.foreign.is_some());
    // A device clock an hour behind the signed data: judged at the data's time, and said.
    let behind = v.foreign_context(now - Duration::hours(1));
    assert_eq!((behind.now, behind.status), (now, vec![Reason::ClockBehindTrustList]));
    // No policies: no rule, and "no trust data".
    let none = Verifier { policies: None, ..v.clone() }.foreign_context(now);
    assert_eq!((none.policy, none.status, none.trusted), (None, vec![Reason::NoTrustData], true));
    let none = Verifier { trust: None, ..v }.foreign_context(now);
    assert!(!none.trusted);
}
