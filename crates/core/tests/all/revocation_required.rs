//! Issue 21 B: a venue's signed policy can require revocation data. Without usable data (none
//! held, or older than the policy allows) a credential is checked by hand, never passed: a
//! revoked one could otherwise pass wherever the data was blocked, refused or dropped.

use crate::common;

use chrono::Duration;
use common::{now, sample, verifier};
use yima_core::{FullList, Policy, Reason, RevocationHeader as Header, Revocations, Session, Time, Verdict, Verifier};
use yima_issue::demo;

/// The demo verifier at `venue`, holding `revocation`.
fn holding(venue: &str, revocation: Option<Revocations>) -> Verifier {
    Verifier { revocation, ..verifier(venue, now()) }
}

fn card(v: &Verifier, id: &str) -> yima_core::Card {
    v.scan(&mut Session::default(), &sample(id, now()), now()).card
}

/// A full list of other credentials signed at `at` (its own max age: 30 days).
fn list_signed_at(at: Time) -> Revocations {
    let header = Header { sequence: 1, issued_at: at, max_age_hours: 30 * 24, demo: true };
    Revocations::new(FullList::build(header, &[1, 2, 3]).unwrap())
}

#[test]
fn the_demo_policies_require_revocation_data_at_the_strict_venues() {
    let set = demo::policies(now());
    for venue in demo::VENUES {
        let p = set.select(&yima_core::VenueKey { venue: venue.into(), region: 310000 }, now()).unwrap();
        let want = demo::STRICT.contains(&venue).then_some(demo::REVOCATION_MAX_AGE_HOURS);
        assert_eq!(p.revocation.map(|r| r.max_age_hours), want, "{venue}");
    }
}

#[test]
fn without_revocation_data_a_revoked_credential_is_checked_by_hand_where_required() {
    // with the data: denied everywhere (control)
    for venue in ["metro", "government"] {
        let c = card(&holding(venue, Some(demo::revocations(now()))), "revoked_credential");
        assert_eq!((c.verdict, &c.reasons[0]), (Verdict::Deny, &Reason::CredentialRevoked), "{venue}");
    }
    // without: where the policy requires it, check by hand with the reason; an honest code too
    for id in ["revoked_credential", "green_nat_20h"] {
        let c = card(&holding("government", None), id);
        assert_eq!(c.verdict, Verdict::Check, "{id}: {:?}", c.reasons);
        assert!(c.reasons.contains(&Reason::RevocationDataMissing), "{id}: {:?}", c.reasons);
    }
    // where the policy does not require it, the credential is judged without it (fails open, as
    // the venue's signed policy chose): the revoked code passes at the metro
    let c = card(&holding("metro", None), "revoked_credential");
    assert_eq!((c.verdict, c.reasons), (Verdict::Pass, vec![Reason::AllChecksPassed]));
}

#[test]
fn revocation_data_older_than_the_policy_allows_is_stale_there_only() {
    let max = Duration::hours(demo::REVOCATION_MAX_AGE_HOURS.into());
    // the revoked code is not in this older list (revoked since): stale at government → check
    let old = list_signed_at(now() - max - Duration::seconds(1));
    let c = card(&holding("government", Some(old.clone())), "revoked_credential");
    assert_eq!((c.verdict, c.reasons), (Verdict::Check, vec![Reason::RevocationDataStale]));
    // within its own 30-day max age the metro still uses it
    assert_eq!(card(&holding("metro", Some(old)), "revoked_credential").verdict, Verdict::Pass);
    // one second younger than the bound: fresh enough
    let recent = list_signed_at(now() - max + Duration::seconds(1));
    assert_eq!(card(&holding("government", Some(recent)), "green_nat_20h").verdict, Verdict::Pass);
}

#[test]
fn the_status_strip_gets_the_reason_and_foreign_certificates_do_not() {
    let v = holding("government", None);
    assert_eq!(v.status_reasons(now()), vec![Reason::RevocationDataMissing]);
    assert!(v.foreign_context(now()).status.is_empty(), "revocation data is for our own credentials only");
    assert!(holding("metro", None).status_reasons(now()).is_empty());
}

#[test]
fn a_policy_without_the_rule_reads_as_not_required_and_the_rule_round_trips() {
    let mut p: serde_json::Value = serde_json::to_value(&demo::policies(now()).policies[2]).unwrap();
    assert_eq!(p["venue"], "leave_city");
    assert_eq!(p["revocation"], serde_json::json!({ "max_age_hours": demo::REVOCATION_MAX_AGE_HOURS }));
    let back: Policy = serde_json::from_value(p.clone()).unwrap();
    assert_eq!(back.revocation.map(|r| r.max_age_hours), Some(demo::REVOCATION_MAX_AGE_HOURS));
    p.as_object_mut().unwrap().remove("revocation");
    let older: Policy = serde_json::from_value(p).unwrap();
    assert_eq!(older.revocation, None);
}

#[test]
fn revocation_signing_times_raise_the_clock_floor() {
    // a device clock 10 minutes behind the revocation files' signing time
    let v = holding("metro", Some(list_signed_at(now())));
    let v = Verifier {
        trust: Some(demo::trust_list(now() - Duration::days(1))),
        policies: Some(demo::policies(now() - Duration::days(1))),
        ..v
    };
    let behind = now() - Duration::minutes(10);
    assert_eq!(v.effective_now(behind), (now(), true));
    assert!(v.status_reasons(behind).contains(&Reason::ClockBehindTrustList));
}
