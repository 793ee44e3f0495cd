//! Every demo sample gets its expected verdict at every venue kind of the demo policies, and
//! the merge cases merge into one card.
use crate::common;
use common::*;
use yima_core::{Reason, Session, Verdict};
use yima_issue::demo;

#[test]
fn every_sample_gets_its_expected_verdict() {
    let samples = demo::samples(now());
    assert!(samples.len() >= 15);
    for s in &samples {
        assert_eq!(s.expect().len(), demo::VENUES.len(), "{}", s.id);
        for (venue, &want) in &s.expect() {
            let card = scan_once(venue, &s.qr, now()).card;
            assert_eq!(card.verdict, want, "{} at {venue}: {:?}", s.id, card.reasons);
            assert!(!card.reasons.is_empty(), "{}: every verdict has a reason", s.id);
        }
    }
}

#[test]
fn samples_deny_for_the_right_reason() {
    let first = |id: &str, venue: &str| scan_once(venue, &sample(id, now()), now()).card.reasons[0].clone();
    assert_eq!(first("green_nat_60h", "mall"), Reason::NatTooOld { age_seconds: 60 * 3600, max_hours: 48 });
    assert_eq!(first("yellow", "metro"), Reason::ColourNotAllowed { colour: yima_core::Colour::Yellow });
    assert_eq!(first("nat_positive", "metro"), Reason::NatPositive);
    assert_eq!(first("expired_code", "metro"), Reason::CodeExpired);
    assert!(matches!(first("screenshot", "metro"), Reason::CodeTooOld { age_seconds: 150, max_seconds: 120 }));
    assert_eq!(first("tampered_signature", "metro"), Reason::BadSignature);
    assert_eq!(first("unknown_issuer", "metro"), Reason::UnknownKid);
    assert_eq!(first("revoked_key", "metro"), Reason::KeyRevoked);
    assert_eq!(first("wrong_role", "metro"), Reason::WrongRole);
    assert_eq!(first("region_mismatch", "metro"), Reason::RegionMismatch);
    assert_eq!(first("future_report", "metro"), Reason::ResultInFuture);
    assert_eq!(first("green_nat_20h", "leave_city"), Reason::AntigenMissing);
    assert_eq!(first("paper_report_anhui", "metro"), Reason::HealthCodeMissing);
}

#[test]
fn health_code_and_paper_report_or_itinerary_merge_into_one_card_in_either_order() {
    for (a, b, want) in demo::merge_cases() {
        for (first, second) in [(a, b), (b, a)] {
            for (venue, &expect) in &want {
                let v = verifier(venue, now());
                let mut session = Session::default();
                let one = v.scan(&mut session, &sample(first, now()), now());
                assert!(!one.merged);
                let two =
                    v.scan(&mut session, &sample(second, now() + chrono::Duration::seconds(20)), now() + chrono::Duration::seconds(20));
                assert!(two.merged, "{first}+{second}");
                assert_eq!(two.card.sources.len(), 2);
                assert_eq!(two.card.verdict, expect, "{first}+{second} at {venue}: {:?}", two.card.reasons);
                assert_eq!(two.card.holder.as_ref().unwrap().masked_name, "陈**");
            }
        }
    }
}

#[test]
fn a_report_of_another_person_or_after_the_window_does_not_merge() {
    let v = verifier("mall", now());
    let mut session = Session::default();
    v.scan(&mut session, &sample("green_no_nat", now()), now());
    let later = now() + chrono::Duration::seconds(yima_core::MERGE_WINDOW_SECONDS + 1);
    let s = v.scan(&mut session, &sample("paper_report_anhui", now()), later);
    assert!(!s.merged);
    assert_eq!(s.card.verdict, Verdict::Check);

    let mut report = demo::paper_report(now(), 10);
    report.holder = demo::holder("李四", "340101198505051111");
    let other = yima_issue::issue(&yima_core::Claims::TestReport(report), &demo::key("lab-340000"));
    let mut session = Session::default();
    v.scan(&mut session, &sample("green_no_nat", now()), now());
    let s = v.scan(&mut session, &other, now());
    assert!(!s.merged);
    assert_eq!(s.card.holder.unwrap().masked_name, "李*");
}

#[test]
fn the_same_code_again_is_a_repeat_and_session_clears() {
    let v = verifier("metro", now());
    let mut session = Session::default();
    let qr = sample("green_nat_20h", now());
    assert!(!v.scan(&mut session, &qr, now()).repeat);
    assert!(v.scan(&mut session, &qr, now() + chrono::Duration::seconds(1)).repeat);
    assert!(session.holds_holder());
    session.clear();
    assert!(!session.holds_holder());
    assert!(!v.scan(&mut session, &qr, now() + chrono::Duration::seconds(2)).repeat);
}

#[test]
fn card_shows_verified_facts() {
    let card = scan_once("leave_city", &sample("leave_city_ok", now()), now()).card;
    assert_eq!(card.verdict, Verdict::Pass);
    assert_eq!(card.reasons, vec![Reason::AllChecksPassed]);
    assert_eq!(card.issuer_region, Some(310000));
    assert_eq!(card.colour, Some(yima_core::Colour::Green));
    assert_eq!(card.nat.as_ref().unwrap().age_seconds, 20 * 3600);
    assert_eq!(card.antigen.as_ref().unwrap().age_seconds, 6 * 3600);
    assert_eq!(card.vaccination.as_ref().unwrap().doses, 3);
    let h = card.holder.unwrap();
    assert_eq!((h.masked_name.as_str(), h.masked_id.as_str()), ("陈**", "**************1234"));
    assert!(card.demo);
}

#[test]
fn a_credential_shown_again_in_the_same_session_adds_no_second_source() {
    let v = verifier("mall", now());
    let mut session = Session::default();
    let (hc, it) = (sample("green_nat_20h", now()), sample("itinerary_star", now()));
    v.scan(&mut session, &hc, now());
    v.scan(&mut session, &it, now());
    let again = v.scan(&mut session, &hc, now() + chrono::Duration::seconds(2));
    assert!(again.merged);
    assert_eq!(again.card.sources.len(), 2, "{:?}", again.card.sources);
    assert_eq!(again.card.verdict, Verdict::Check);
}
