//! Issue-10 rules at their boundaries: national vs province scope, the itinerary credential
//! (star allow/check/deny, expiry, required, merging) and antigen provenance.
use crate::common;
use chrono::Duration;
use common::*;
use yima_core::StarAction;
use yima_core::{Claims, Itinerary, Provenance, TestKind};
use yima_core::{Colour, Reason, Session, Verdict};
use yima_issue::{demo, issue};

fn hc(h: yima_core::HealthCode, label: &str) -> String {
    issue(&Claims::HealthCode(h), &demo::key(label))
}

fn it(i: Itinerary, label: &str) -> String {
    issue(&Claims::Itinerary(i), &demo::key(label))
}

#[test]
fn a_national_key_signs_for_any_region_a_province_key_only_its_own() {
    for region in [110000, 440000, 650000, 310000] {
        let mut h = demo::health_code(now(), Colour::Green, None);
        h.region = region;
        let card = scan_once("metro", &hc(h.clone(), "hc-national"), now()).card;
        assert!(!card.reasons.contains(&Reason::RegionMismatch), "national key, region {region}: {:?}", card.reasons);
        assert_eq!(card.issuer_region, Some(region));
        let channel = card.channel.expect("channel shown");
        assert!(channel.national);
        assert!(channel.name_zh.starts_with("国家政务服务平台"));
        // The Shanghai key signs only inside Shanghai.
        let province = scan_once("metro", &hc(h, "hc-310000"), now()).card;
        if region == 310000 {
            assert!(!province.reasons.contains(&Reason::RegionMismatch));
            assert!(!province.channel.unwrap().national);
        } else {
            assert_eq!(province.reasons[0], Reason::RegionMismatch, "province key outside its province ({region})");
            assert_eq!(province.verdict, Verdict::Deny);
        }
    }
}

#[test]
fn the_same_policy_applies_whichever_channel_issued_the_code() {
    let national = sample("national_platform_gd", now());
    let provincial = sample("green_nat_20h", now());
    for venue in demo::VENUES {
        if venue == "leave_city" || venue == "elder_care" {
            continue; // the national sample also carries a self-test antigen
        }
        assert_eq!(verdict(venue, &national, now()), verdict(venue, &provincial, now()), "{venue}");
    }
}

#[test]
fn roles_are_checked_for_itineraries_both_ways() {
    assert_eq!(scan_once("metro", &it(demo::itinerary(now(), false), "hc-310000"), now()).card.reasons[0], Reason::WrongRole);
    let h = demo::health_code(now(), Colour::Green, None);
    assert_eq!(scan_once("metro", &hc(h, "it-national"), now()).card.reasons[0], Reason::WrongRole);
}

#[test]
fn a_star_allows_checks_or_denies_as_the_venue_says() {
    let qr = sample("hc_inline_star", now());
    for (venue, action, want) in [
        ("metro", StarAction::Allow, Verdict::Pass),
        ("mall", StarAction::Check, Verdict::Check),
        ("school", StarAction::Deny, Verdict::Deny),
    ] {
        let card = scan_once(venue, &qr, now()).card;
        assert_eq!(card.verdict, want, "{venue}: {:?}", card.reasons);
        let star = Reason::ItineraryStar { cities: vec![310100, 440300], action };
        assert!(card.reasons.contains(&star), "{venue}: {:?}", card.reasons);
        assert!(card.itinerary.as_ref().is_some_and(|t| t.star));
    }
    let zh =
        yima_core::reason_text(&Reason::ItineraryStar { cities: vec![310100, 440300], action: StarAction::Check }, yima_core::Lang::Zh);
    assert_eq!(zh, "14\u{a0}天内到过中高风险地区所在城市：上海、深圳");
}

#[test]
fn an_itinerary_counts_until_its_expiry_plus_skew_and_not_a_second_longer() {
    let mut i = demo::itinerary(now(), false);
    i.issued_at = now() - Duration::seconds(100);
    i.expires_at = now() - Duration::seconds(60); // skew is 60 s: still valid at now()
    let hc_qr = sample("green_nat_20h", now());
    let v = verifier("school", now());
    let mut session = Session::default();
    v.scan(&mut session, &hc_qr, now());
    let on_time = v.scan(&mut session, &it(i.clone(), "it-national"), now());
    assert_eq!(on_time.card.verdict, Verdict::Pass, "{:?}", on_time.card.reasons);
    let late = now() + Duration::seconds(1);
    let mut session = Session::default();
    v.scan(&mut session, &hc_qr, late);
    let expired = v.scan(&mut session, &it(i, "it-national"), late);
    assert_eq!(expired.card.verdict, Verdict::Deny);
    assert!(expired.card.reasons.contains(&Reason::ItineraryExpired));
    // An expired itinerary is not shown as fact, and a required one then counts as missing.
    assert!(expired.card.itinerary.is_none());
    assert!(expired.card.reasons.contains(&Reason::ItineraryMissing));
}

#[test]
fn a_required_itinerary_may_be_inline_or_its_own_credential() {
    assert_eq!(scan_once("station", &sample("green_nat_20h", now()), now()).card.reasons, vec![Reason::ItineraryMissing]);
    assert_eq!(verdict("station", &sample("all_clear", now()), now()), Verdict::Pass);
    let v = verifier("station", now());
    let mut session = Session::default();
    v.scan(&mut session, &sample("itinerary_clean", now()), now());
    let merged = v.scan(&mut session, &sample("green_nat_20h", now()), now());
    assert!(merged.merged);
    assert_eq!(merged.card.verdict, Verdict::Pass, "{:?}", merged.card.reasons);
}

#[test]
fn the_latest_itinerary_wins_over_an_older_inline_one() {
    let v = verifier("school", now());
    let mut session = Session::default();
    v.scan(&mut session, &sample("hc_inline_star", now()), now()); // issued now - 5 s, star
    let mut newer = demo::itinerary(now(), false);
    newer.issued_at = now() - Duration::seconds(1);
    let card = v.scan(&mut session, &it(newer, "it-national"), now()).card;
    assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
    assert!(!card.itinerary.unwrap().star);
}

#[test]
fn another_persons_itinerary_never_merges() {
    for order in [["green_nat_20h", "itinerary_other_holder"], ["itinerary_other_holder", "green_nat_20h"]] {
        let v = verifier("mall", now());
        let mut session = Session::default();
        v.scan(&mut session, &sample(order[0], now()), now());
        let second = v.scan(&mut session, &sample(order[1], now()), now());
        assert!(!second.merged, "{order:?}");
        assert_eq!(second.card.sources.len(), 1);
    }
}

#[test]
fn a_self_test_antigen_does_not_count_where_institution_antigen_is_required() {
    let card = scan_once("elder_care", &sample("antigen_self_test", now()), now()).card;
    assert_eq!(card.reasons, vec![Reason::AntigenSelfTest]);
    assert_eq!(card.verdict, Verdict::Deny);
    assert_eq!(card.antigen.as_ref().unwrap().provenance, Provenance::SelfTest, "the self-test is shown as such");
    // Where any antigen counts, the same self-test passes.
    assert_eq!(verdict("leave_city", &sample("antigen_self_test", now()), now()), Verdict::Pass);
    // An older institution antigen within 24 h counts even when a newer self-test exists.
    let mut h = demo::health_code(now(), Colour::Green, None);
    let base = yima_core::TestResult {
        kind: TestKind::Antigen,
        outcome: yima_core::TestOutcome::Negative,
        sampled_at: now() - Duration::hours(30),
        reported_at: now() - Duration::hours(24),
        institution: "lab".into(),
        institution_region: 310000,
        provenance: Provenance::Institution,
    };
    h.nat = Some(yima_core::TestResult { kind: TestKind::Nat, ..base.clone() });
    h.antigen = Some(base.clone());
    h.itinerary = Some(demo::trip(false));
    let v = verifier("elder_care", now());
    let mut session = Session::default();
    v.scan(&mut session, &hc(h.clone(), "hc-310000"), now());
    let mut report = demo::paper_report(now(), 2);
    report.result = yima_core::TestResult {
        provenance: Provenance::SelfTest,
        institution: String::new(),
        reported_at: now() - Duration::hours(2),
        ..base.clone()
    };
    let card = v.scan(&mut session, &issue(&Claims::TestReport(report), &demo::key("lab-340000")), now()).card;
    assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
    assert_eq!(card.antigen.unwrap().provenance, Provenance::Institution);
    // One second later the institution antigen is over 24 h: it is still the one that counts
    // (the newer self-test does not), so the reason is its age.
    let later = now() + Duration::seconds(1);
    let mut session = Session::default();
    let v = verifier("elder_care", later);
    h.issued_at = later - Duration::seconds(5);
    v.scan(&mut session, &hc(h, "hc-310000"), later);
    let mut report = demo::paper_report(now(), 2);
    report.result = yima_core::TestResult {
        provenance: Provenance::SelfTest,
        institution: String::new(),
        reported_at: now() - Duration::hours(2),
        ..base
    };
    let card = v.scan(&mut session, &issue(&Claims::TestReport(report), &demo::key("lab-340000")), later).card;
    assert_eq!(card.reasons, vec![Reason::AntigenTooOld { age_seconds: 24 * 3600 + 1, max_hours: 24 }]);
    assert_eq!(card.antigen.unwrap().provenance, Provenance::Institution);
}

#[test]
fn files_and_credentials_written_before_these_fields_still_read() {
    // A trust-list entry, a policy and a test result without scope / itinerary /
    // institution_only / provenance: each reads with the old meaning.
    let entry = r#"{"kid":"00","region":310000,"name_zh":"a","name_en":"a","public_key":"","roles":["health_code"],
        "not_before":"2020-01-01T00:00:00Z","not_after":"2030-01-01T00:00:00Z","status":"active"}"#;
    let key: yima_core::IssuerKey = serde_json::from_str(entry).unwrap();
    assert_eq!(key.scope, yima_core::Scope::Province);
    assert!(!key.covers(440000) && key.covers(310100));
    let mut policy = serde_json::to_value(&demo::policies(now()).policies[0]).unwrap();
    policy.as_object_mut().unwrap().remove("itinerary");
    let policy: yima_core::Policy = serde_json::from_value(policy).unwrap();
    assert_eq!(policy.itinerary, None);
    assert!(!policy.nat.unwrap().institution_only);
    // New fields are left out when they say what old readers assumed: old bytes stay the same.
    let cbor = yima_issue::claims_cbor(&Claims::HealthCode(demo::health_code(now(), Colour::Green, None)));
    let value: ciborium::Value = ciborium::from_reader(cbor.as_slice()).unwrap();
    let text = format!("{value:?}");
    assert!(!text.contains("Text(\"j\")") && !text.contains("Text(\"m\")"), "{text}");
}
