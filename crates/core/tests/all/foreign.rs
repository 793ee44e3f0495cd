//! The context a foreign certificate (EU DCC) is judged in, and how it crosses into the DCC module.

use base64::{engine::general_purpose::STANDARD as B64, Engine};
use chrono::Duration;
use yima_core::{DccSigner, DccType, ForeignContext, ForeignParts, KeyStatus, Policy, Reason, Time, VenueKey, Verifier};
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

#[test]
fn parts_carry_the_context_and_the_signer_across() {
    let now = t("2026-11-24T09:00:00Z");
    let signer = DccSigner {
        kid: "0102030405060708".into(),
        country: "AT".into(),
        public_key: B64.encode([0x30, 0x03, 1, 2, 3]),
        not_before: t("2021-01-01T00:00:00Z"),
        not_after: t("2023-01-01T00:00:00Z"),
        types: vec![DccType::Vaccination, DccType::Recovery],
        status: KeyStatus::Active,
    };
    for venue in ["metro", "elder_care", "nowhere"] {
        for device_now in [now, now - Duration::hours(1), now + Duration::days(400)] {
            let v = verifier(now, venue);
            for ctx in [v.foreign_context(device_now), Verifier { policies: None, trust: None, ..v }.foreign_context(device_now)] {
                let parts = ForeignParts::new(&ctx, Some(&signer));
                assert_eq!(parts.context(), ctx, "{venue} {device_now}");
                assert_eq!(parts.key.as_deref(), Some(&[0x30, 0x03, 1, 2, 3][..]));
                assert_eq!(parts.key_validity(), (signer.not_before, signer.not_after, signer.types.clone()));
                assert_eq!(ForeignParts::new(&ctx, None).key, None);
            }
        }
    }
    // A venue whose policy accepts no foreign certificate at all.
    let ctx = ForeignContext { now, status: vec![Reason::TrustDataStale], trusted: true, policy: Some((None, Duration::seconds(90))) };
    assert_eq!(ForeignParts::new(&ctx, None).context(), ctx);
}
