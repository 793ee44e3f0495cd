//! Threat-model cases not covered elsewhere: key validity windows, re-encoded credentials,
//! keys claiming another region. (See docs/threat-model.md.)
use crate::common;
use chrono::Duration;
use ciborium::Value;
use common::*;
use yima_core::{decode_text, encode_text, Claims, Colour, Reason, Session, Verdict};
use yima_issue::{demo, issue, sign_cose};

fn first_reason(v: &yima_core::Verifier, qr: &str) -> Reason {
    v.scan(&mut Session::default(), qr, now()).card.reasons[0].clone()
}

#[test]
fn keys_outside_their_validity_window_are_refused() {
    let qr = sample("green_nat_20h", now());
    let mut v = verifier("metro", now());
    let key = v.trust.as_mut().unwrap().keys.iter_mut().find(|k| k.region == 310000).unwrap();
    key.not_before = now() + Duration::days(1);
    assert_eq!(first_reason(&v, &qr), Reason::KeyNotYetValid);
    let key = v.trust.as_mut().unwrap().keys.iter_mut().find(|k| k.region == 310000).unwrap();
    key.not_before = now() - Duration::days(100);
    key.not_after = now() - Duration::days(1);
    assert_eq!(first_reason(&v, &qr), Reason::KeyExpired);
    // a report signed while the key was valid stays valid after the key's end
    let key = v.trust.as_mut().unwrap().keys.iter_mut().find(|k| k.region == 310000).unwrap();
    key.not_after = now() - Duration::seconds(5);
    assert_eq!(v.scan(&mut Session::default(), &qr, now()).card.verdict, Verdict::Pass);
}

#[test]
fn a_key_listed_with_a_different_public_key_is_unknown() {
    let mut v = verifier("metro", now());
    let other = demo::key("hc-340000").verifying_key();
    let key = v.trust.as_mut().unwrap().keys.iter_mut().find(|k| k.region == 310000).unwrap();
    use base64::Engine;
    key.public_key = base64::engine::general_purpose::STANDARD.encode(other.as_bytes());
    assert_eq!(first_reason(&v, &sample("green_nat_20h", now())), Reason::UnknownKid);
}

#[test]
fn a_province_key_cannot_issue_for_another_province() {
    let mut h = demo::health_code(now(), Colour::Green, None);
    h.region = 110000; // claims Beijing, signed by Shanghai
    let qr = issue(&Claims::HealthCode(h), &demo::key("hc-310000"));
    assert_eq!(first_reason(&verifier("metro", now()), &qr), Reason::RegionMismatch);
    // but a city code within the key's own province is fine
    let mut h = demo::health_code(now(), Colour::Green, None);
    h.region = 310115;
    let qr = issue(&Claims::HealthCode(h), &demo::key("hc-310000"));
    assert_eq!(first_reason(&verifier("metro", now()), &qr), Reason::NatMissing);
}

/// A province-scope key listed with region 0 (or any code that is not six digits) covers no
/// credential: only a national key signs without a province (docs/format.md §2).
#[test]
fn a_province_key_without_a_six_digit_region_covers_nothing() {
    let qr = sample("green_nat_20h", now());
    for region in [0, 31, 3_100_000] {
        let mut v = verifier("metro", now());
        let key = v.trust.as_mut().unwrap().keys.iter_mut().find(|k| k.region == 310000).unwrap();
        key.region = region;
        assert_eq!(first_reason(&v, &qr), Reason::RegionMismatch, "key region {region}");
        // the same entry with national scope (region 0 by convention) covers it
        let key = v.trust.as_mut().unwrap().keys.iter_mut().find(|k| k.region == region).unwrap();
        *key = key.clone().national();
        assert_ne!(first_reason(&v, &qr), Reason::RegionMismatch, "national key region {region}");
    }
}

/// The COSE array of a QR text: [protected bstr, unprotected map, payload bstr, signature].
fn cose_parts(qr: &str) -> Vec<Value> {
    let bytes = decode_text(qr).unwrap();
    match ciborium::from_reader::<Value, _>(bytes.as_slice()).unwrap() {
        Value::Tag(18, inner) => inner.into_array().unwrap(),
        v => panic!("not tagged: {v:?}"),
    }
}

fn to_qr(parts: Vec<Value>, tagged: bool) -> String {
    let v = if tagged { Value::Tag(18, Box::new(Value::Array(parts))) } else { Value::Array(parts) };
    let mut out = Vec::new();
    ciborium::into_writer(&v, &mut out).unwrap();
    encode_text(&out)
}

fn reencode_map_reversed(bytes: &[u8]) -> Vec<u8> {
    fn rev(v: Value) -> Value {
        match v {
            Value::Map(m) => Value::Map(m.into_iter().rev().map(|(k, v)| (k, rev(v))).collect()),
            v => v,
        }
    }
    let v: Value = ciborium::from_reader(bytes).unwrap();
    let mut out = Vec::new();
    ciborium::into_writer(&rev(v), &mut out).unwrap();
    out
}

#[test]
fn a_semantically_equal_re_encoding_verifies_only_if_the_signed_bytes_are_intact() {
    let qr = sample("green_nat_20h", now());
    let v = verifier("metro", now());
    let parts = cose_parts(&qr);
    // Same bytes, re-serialised: still verifies; without the COSE tag 18 it is malformed.
    assert_eq!(v.scan(&mut Session::default(), &to_qr(parts.clone(), true), now()).card.verdict, Verdict::Pass);
    assert_eq!(first_reason(&v, &to_qr(parts.clone(), false)), Reason::Malformed);
    // Claims re-encoded with another key order (same meaning, other bytes; the reader accepts
    // any key order): refused by the signature.
    let mut p = parts.clone();
    let payload = p[2].as_bytes().unwrap().clone();
    let reordered = reencode_map_reversed(&payload);
    assert_ne!(reordered, payload);
    assert_eq!(yima_core::claims_from_cbor(&reordered), yima_core::claims_from_cbor(&payload));
    p[2] = Value::Bytes(reordered);
    assert_eq!(first_reason(&v, &to_qr(p, true)), Reason::BadSignature);
    // Protected header re-encoded with another key order: not its one encoding, malformed.
    let mut p = parts;
    let protected = p[0].as_bytes().unwrap().clone();
    let reordered = reencode_map_reversed(&protected);
    assert_ne!(reordered, protected);
    p[0] = Value::Bytes(reordered);
    assert_eq!(first_reason(&v, &to_qr(p, true)), Reason::Malformed);
}

/// `claims` as they are, signed with the demo key `key`: a credential its issuer really made.
fn signed(claims: &Value, key: &str) -> String {
    let mut payload = Vec::new();
    ciborium::into_writer(claims, &mut payload).unwrap();
    encode_text(&sign_cose(payload, &demo::key(key)))
}

fn text(t: &str) -> Option<Value> {
    Some(Value::Text(t.into()))
}

#[test]
fn claims_breaking_a_format_rule_are_malformed_though_validly_signed() {
    use crate::claims_reader::edit;
    let v = verifier("metro", now());
    let payload = |id: &str| -> Value { ciborium::from_reader(cose_parts(&sample(id, now()))[2].as_bytes().unwrap().as_slice()).unwrap() };
    let code = payload("green_nat_20h");
    assert_eq!(v.scan(&mut Session::default(), &signed(&code, "hc-310000"), now()).card.verdict, Verdict::Pass, "re-signed as is");
    let a = code.as_map().unwrap()[0].1.as_map().unwrap().iter().find(|(k, _)| k.as_text() == Some("a")).unwrap().1.clone();
    let a = u64::try_from(a.as_integer().unwrap()).unwrap();
    let bignum = |n: u64| Some(Value::Tag(2, Box::new(Value::Bytes(n.to_be_bytes().iter().copied().skip_while(|&b| b == 0).collect()))));
    let negative = Some(Value::Integer((-(a as i64)).into()));
    let cases = [
        ("issued as a bignum", edit(&code, &["hc", "a"], bignum(a))),
        ("region as a bignum", edit(&code, &["hc", "g"], bignum(310000))),
        ("negative issued", edit(&code, &["hc", "a"], negative.clone())),
        ("negative expiry", edit(&code, &["hc", "x"], negative.clone())),
        ("negative report time", edit(&code, &["hc", "n", "t"], negative)),
        ("m institution", edit(&code, &["hc", "n", "m"], text("institution"))),
        ("an antigen in the NAT slot", edit(&code, &["hc", "n", "k"], text("antigen"))),
        ("an unknown field", edit(&code, &["hc", "zz"], Some(Value::Integer(1.into())))),
        ("a null", edit(&code, &["hc", "q"], Some(Value::Null))),
    ];
    for (what, claims) in cases {
        let card = v.scan(&mut Session::default(), &signed(&claims, "hc-310000"), now()).card;
        assert_eq!(card.reasons, vec![Reason::Malformed], "{what}");
        assert_eq!(card.verdict, Verdict::Deny, "{what}");
    }
    // An itinerary card's `u` is 16 bytes like every kind's, or the card is malformed.
    let trip = payload("itinerary_clean");
    for (what, u) in [("15 bytes", Value::Bytes(vec![1; 15])), ("text", Value::Text("yima demo revokd".into()))] {
        let card = v.scan(&mut Session::default(), &signed(&edit(&trip, &["it", "u"], Some(u)), "it-national"), now()).card;
        assert_eq!(card.reasons, vec![Reason::Malformed], "itinerary u {what}");
    }
    // A paper report's `m` too.
    let report = payload("paper_report_anhui");
    let card = v.scan(&mut Session::default(), &signed(&edit(&report, &["tr", "r", "m"], text("institution")), "lab-340000"), now()).card;
    assert_eq!(card.reasons, vec![Reason::Malformed]);
}

#[test]
fn an_antigen_in_the_nat_slot_never_counts_as_a_nat() {
    // Facts built without the reader (say, by a future channel) are judged by kind, not slot.
    use yima_core::{evaluate, Facts, Seen, TestKind};
    let mut h = demo::health_code(now(), Colour::Green, None);
    let mut antigen = demo::paper_report(now(), 2).result;
    antigen.kind = TestKind::Antigen;
    h.nat = Some(antigen);
    let facts = Facts { codes: vec![Seen { claims: h, at: now() }], ..Facts::default() };
    let policies = demo::policies(now());
    let metro = policies.policies.iter().find(|p| p.venue == "metro" && p.region == 0).unwrap();
    let (reasons, shown) = evaluate(&facts, Some(metro), now());
    assert_eq!(reasons, vec![Reason::NatMissing]);
    assert!(shown.nat.is_none());
}

#[test]
fn a_screenshot_replayed_after_the_guard_is_refused_everywhere() {
    let qr = sample("green_nat_20h", now());
    for venue in ["metro", "mall", "leave_city"] {
        let later = now() + Duration::seconds(200);
        let v = verifier(venue, now());
        let card = v.scan(&mut Session::default(), &qr, later).card;
        assert_eq!(card.verdict, Verdict::Deny);
        assert!(card.reasons.iter().any(|r| matches!(r, Reason::CodeTooOld { .. })), "{venue}");
    }
}

#[test]
fn extreme_dates_in_signed_claims_do_not_panic() {
    use yima_core::{TestKind, TestOutcome, TestResult};
    let end = yima_core::Time::MAX_UTC;
    let start = yima_core::Time::MIN_UTC;
    let mut h = demo::health_code(now(), Colour::Green, None);
    h.expires_at = end;
    h.nat = Some(TestResult {
        provenance: Default::default(),
        kind: TestKind::Nat,
        outcome: TestOutcome::Negative,
        sampled_at: start,
        reported_at: end,
        institution: String::new(),
        institution_region: 0,
    });
    let qr = issue(&Claims::HealthCode(h), &demo::key("hc-310000"));
    // chrono's serde for Unix seconds may refuse these dates; either way: no panic, no pass
    let card = verifier("metro", now()).scan(&mut Session::default(), &qr, now()).card;
    assert_ne!(card.verdict, Verdict::Pass, "{:?}", card.reasons);
}
