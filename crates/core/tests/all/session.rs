//! Session rules (docs/format.md, section 3, "Session"): which of one holder's credentials
//! counts, in either scan order; refusals that stay; the merge window.
use crate::common;
use chrono::Duration;
use common::*;
use yima_core::{Claims, Colour, HealthCode, Itinerary, Reason, Session, TestKind, TestOutcome, TestResult, Time, Verdict};
use yima_issue::{demo, issue};

fn nat(outcome: TestOutcome, hours_ago: i64) -> TestResult {
    let reported_at = now() - Duration::hours(hours_ago);
    TestResult {
        kind: TestKind::Nat,
        outcome,
        sampled_at: reported_at - Duration::hours(6),
        reported_at,
        institution: "lab".into(),
        institution_region: 310000,
        provenance: Default::default(),
    }
}

fn code(h: HealthCode, label: &str) -> String {
    issue(&Claims::HealthCode(h), &demo::key(label))
}

fn green_with(t: TestResult) -> HealthCode {
    demo::health_code(now(), Colour::Green, Some(t))
}

fn itinerary(i: Itinerary) -> String {
    issue(&Claims::Itinerary(i), &demo::key("it-national"))
}

/// The card of `texts` scanned in order at `at` into one session at `venue`.
fn scan_all(venue: &str, texts: &[&str], at: &[Time]) -> yima_core::Scan {
    let v = verifier(venue, now());
    let mut session = Session::default();
    let mut last = None;
    for (t, at) in texts.iter().zip(at) {
        last = Some(v.scan(&mut session, t, *at));
    }
    last.expect("one text at least")
}

/// Both orders of two texts scanned at `now()`.
fn both_orders(venue: &str, a: &str, b: &str) -> [yima_core::Card; 2] {
    [scan_all(venue, &[a, b], &[now(), now()]).card, scan_all(venue, &[b, a], &[now(), now()]).card]
}

#[test]
fn the_latest_result_counts_across_health_codes_in_either_order() {
    // Issue 22, row 4: a positive NAT 10 h old on one code, a negative 20 h old on another.
    let positive = code(green_with(nat(TestOutcome::Positive, 10)), "hc-310000");
    let mut older = green_with(nat(TestOutcome::Negative, 20));
    older.issued_at = now() - Duration::seconds(2); // even on the code issued last
    let negative = code(older, "hc-national");
    for card in both_orders("metro", &positive, &negative) {
        assert_eq!(card.verdict, Verdict::Deny, "{:?}", card.reasons);
        assert_eq!(card.reasons[0], Reason::NatPositive);
        assert_eq!(card.nat.unwrap().outcome, TestOutcome::Positive);
    }
    // The other way round, the newer negative counts in either order.
    let positive = code(green_with(nat(TestOutcome::Positive, 20)), "hc-310000");
    let negative = code(green_with(nat(TestOutcome::Negative, 10)), "hc-national");
    for card in both_orders("metro", &positive, &negative) {
        assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
        assert_eq!(card.nat.unwrap().age_seconds, 10 * 3600);
    }
}

#[test]
fn a_tie_between_a_positive_and_a_negative_result_denies() {
    let positive = code(green_with(nat(TestOutcome::Positive, 10)), "hc-310000");
    let negative = code(green_with(nat(TestOutcome::Negative, 10)), "hc-national");
    for card in both_orders("metro", &positive, &negative) {
        assert_eq!(card.reasons[0], Reason::NatPositive, "{:?}", card.reasons);
    }
    // The same between a paper report and a health code.
    let mut report = demo::paper_report(now(), 10);
    report.result.outcome = TestOutcome::Positive;
    let report = issue(&Claims::TestReport(report), &demo::key("lab-340000"));
    let negative = code(green_with(nat(TestOutcome::Negative, 10)), "hc-310000");
    for card in both_orders("metro", &report, &negative) {
        assert_eq!(card.reasons[0], Reason::NatPositive, "{:?}", card.reasons);
    }
}

#[test]
fn the_code_issued_last_is_shown_and_every_codes_colour_is_checked() {
    let mut national = demo::health_code(now(), Colour::Green, Some(nat(TestOutcome::Negative, 20)));
    national.issued_at = now() - Duration::seconds(2);
    let national = code(national, "hc-national");
    let province = code(demo::health_code(now(), Colour::Green, Some(nat(TestOutcome::Negative, 20))), "hc-310000");
    for card in both_orders("metro", &national, &province) {
        assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
        assert!(card.channel.unwrap().national, "the channel of the code issued last");
        assert_eq!(card.code_issued_at, Some(now() - Duration::seconds(2)));
    }
    // Two codes disagreeing on the colour: the older yellow one still denies.
    let mut yellow = demo::health_code(now(), Colour::Yellow, Some(nat(TestOutcome::Negative, 20)));
    yellow.issued_at = now() - Duration::seconds(9);
    let yellow = code(yellow, "hc-310000");
    for card in both_orders("metro", &national, &yellow) {
        assert_eq!(card.colour, Some(Colour::Green), "shown: the code issued last");
        assert_eq!(card.reasons, vec![Reason::ColourNotAllowed { colour: Colour::Yellow }]);
    }
}

#[test]
fn the_itinerary_issued_last_counts_and_a_tie_shows_the_star() {
    let mut star = demo::itinerary(now(), true);
    let mut clean = demo::itinerary(now(), false);
    clean.issued_at = now() - Duration::seconds(2);
    let hc = sample("green_nat_20h", now());
    let (s, c) = (itinerary(star.clone()), itinerary(clean.clone()));
    for order in [[&hc, &s, &c], [&hc, &c, &s], [&s, &hc, &c]] {
        let card = scan_all("school", &order.map(String::as_str), &[now(); 3]).card;
        assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
    }
    star.issued_at = clean.issued_at;
    clean.uid = Some([1; 16]); // a distinct credential
    let (s, c) = (itinerary(star), itinerary(clean));
    for order in [[&hc, &s, &c], [&hc, &c, &s]] {
        let card = scan_all("school", &order.map(String::as_str), &[now(); 3]).card;
        assert!(card.itinerary.unwrap().star, "a tie: the star");
    }
}

#[test]
fn each_credential_is_judged_at_the_time_it_was_scanned() {
    // green_nat_20h was issued 5 s before now(): fresh when scanned, 124 s old at the report's scan.
    let hc = sample("green_nat_20h", now());
    let report = sample("paper_report_anhui", now());
    let late = now() + Duration::seconds(119);
    let card = scan_all("metro", &[&hc, &report], &[now(), late]).card;
    assert_eq!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
    assert_eq!(card.sources.len(), 2);
    // The same code shown again is judged at its latest showing.
    let card = scan_all("metro", &[&hc, &report, &hc], &[now(), now(), late]).card;
    assert_eq!(card.reasons, vec![Reason::CodeTooOld { age_seconds: 124, max_seconds: 120 }]);
}

#[test]
fn the_merge_window_slides_two_minutes_from_the_holders_last_scan() {
    let hc = sample("green_nat_20h", now());
    let report = sample("paper_report_anhui", now());
    let it = sample("itinerary_clean", now());
    let s = |secs| now() + Duration::seconds(secs);
    let v = verifier("station", now());
    let mut session = Session::default();
    assert!(!v.scan(&mut session, &hc, s(0)).merged);
    assert!(v.scan(&mut session, &report, s(120)).merged, "120 s after the last scan: merges");
    let third = v.scan(&mut session, &it, s(240));
    assert!(third.merged && third.card.sources.len() == 3, "the window slides with each scan");
    let mut session = Session::default();
    v.scan(&mut session, &hc, s(0));
    let apart = v.scan(&mut session, &report, s(121));
    assert!(!apart.merged && apart.card.reasons.contains(&Reason::HealthCodeMissing), "121 s: a new holder session");
    // Another holder's credential in between ends the first holder's session.
    let mut session = Session::default();
    v.scan(&mut session, &hc, s(0));
    v.scan(&mut session, &sample("itinerary_other_holder", now()), s(1));
    assert!(!v.scan(&mut session, &report, s(2)).merged);
}

#[test]
fn a_refused_code_is_not_forgotten_when_a_paper_report_follows() {
    let report = sample("paper_report_anhui", now());
    let tampered = sample("tampered_signature", now());
    let card = scan_all("metro", &[&tampered, &report], &[now(), now()]).card;
    assert_eq!(card.verdict, Verdict::Deny, "{:?}", card.reasons);
    assert_eq!(card.reasons[0], Reason::EarlierRefused { reason: Box::new(Reason::BadSignature) });
    assert!(card.reasons.contains(&Reason::HealthCodeMissing));
    // It stays on that holder's cards while no verified health code is shown; a verified one counts.
    let it = sample("itinerary_clean", now());
    let card = scan_all("metro", &[&tampered, &report, &it], &[now(); 3]).card;
    assert_eq!(card.reasons[0], Reason::EarlierRefused { reason: Box::new(Reason::BadSignature) });
    let hc = sample("green_nat_20h", now());
    assert_eq!(scan_all("metro", &[&tampered, &report, &hc], &[now(); 3]).card.verdict, Verdict::Pass);
    assert_eq!(scan_all("metro", &[&tampered, &hc], &[now(); 2]).card.verdict, Verdict::Pass);
    // Past the window, or after a text that is not a credential of ours, nothing is kept.
    let card = scan_all("metro", &[&tampered, &report], &[now(), now() + Duration::seconds(121)]).card;
    assert_eq!(card.reasons, vec![Reason::HealthCodeMissing]);
    let card = scan_all("metro", &["https://example.org/menu", &report], &[now(), now()]).card;
    assert_eq!(card.reasons, vec![Reason::HealthCodeMissing]);
}

#[test]
fn a_revoked_credential_stays_on_every_card_of_its_holder() {
    let revoked = sample("revoked_credential", now());
    let report = sample("paper_report_anhui", now());
    let hc = sample("green_nat_20h", now());
    let refused = Reason::EarlierRefused { reason: Box::new(Reason::CredentialRevoked) };
    for texts in [[&revoked, &report, &hc], [&report, &revoked, &hc], [&hc, &revoked, &report]] {
        let card = scan_all("metro", &texts.map(String::as_str), &[now(); 3]).card;
        assert_eq!(card.verdict, Verdict::Deny, "{:?}", card.reasons);
        assert_eq!(card.reasons, vec![refused.clone()]);
        assert_eq!(card.sources.len(), 2, "the revoked credential's facts never join");
    }
    // Another holder's credential is not touched by it.
    let card = scan_all("metro", &[&revoked, &sample("itinerary_other_holder", now())], &[now(); 2]).card;
    assert!(!card.reasons.contains(&refused), "{:?}", card.reasons);
}
