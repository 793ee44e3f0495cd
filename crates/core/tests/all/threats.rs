//! Threat-model cases not covered elsewhere: key validity windows, re-encoded credentials,
//! keys claiming another region. (See docs/threat-model.md.)
use crate::common;
use chrono::Duration;
use ciborium::Value;
use common::*;
use yima_core::{decode_text, encode_text, Claims, Colour, Reason, Session, Verdict};
use yima_issue::{demo, issue};

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
    // Same bytes, re-serialised (tagged and untagged): still verifies.
    assert_eq!(v.scan(&mut Session::default(), &to_qr(parts.clone(), true), now()).card.verdict, Verdict::Pass);
    assert_eq!(v.scan(&mut Session::default(), &to_qr(parts.clone(), false), now()).card.verdict, Verdict::Pass);
    // Claims re-encoded with another key order (same meaning, other bytes): refused.
    let mut p = parts.clone();
    let payload = p[2].as_bytes().unwrap().clone();
    let reordered = reencode_map_reversed(&payload);
    assert_ne!(reordered, payload);
    assert_eq!(yima_core::claims_from_cbor(&reordered), yima_core::claims_from_cbor(&payload));
    p[2] = Value::Bytes(reordered);
    assert_eq!(first_reason(&v, &to_qr(p, true)), Reason::BadSignature);
    // Protected header re-encoded with another key order: refused.
    let mut p = parts;
    let protected = p[0].as_bytes().unwrap().clone();
    let reordered = reencode_map_reversed(&protected);
    assert_ne!(reordered, protected);
    p[0] = Value::Bytes(reordered);
    assert_eq!(first_reason(&v, &to_qr(p, true)), Reason::BadSignature);
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
