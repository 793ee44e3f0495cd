//! Any change to a signed credential or signed file never yields pass.
use crate::common;
use common::*;
use proptest::prelude::*;
use yima_core::SignedContent;
use yima_core::{decode_text, encode_text, PolicySet, TrustList, Verdict};
use yima_issue::demo;
use yima_issue::Seal;

fn roots() -> Vec<ed25519_dalek::VerifyingKey> {
    vec![demo::root_key().verifying_key()]
}

#[test]
fn every_single_byte_flip_of_the_cose_bytes_is_refused() {
    let qr = sample("leave_city_ok", now());
    assert_eq!(verdict("leave_city", &qr, now()), Verdict::Pass);
    let bytes = decode_text(&qr).unwrap();
    let v = verifier("leave_city", now());
    for i in 0..bytes.len() {
        for bit in [0x01u8, 0x80] {
            let mut b = bytes.clone();
            b[i] ^= bit;
            let text = encode_text(&b);
            let card = v.scan(&mut yima_core::Session::default(), &text, now()).card;
            assert_ne!(card.verdict, Verdict::Pass, "byte {i} ^ {bit:#x}");
        }
    }
}

#[test]
fn every_single_character_change_of_the_qr_text_is_refused() {
    let qr = sample("green_nat_20h", now());
    let v = verifier("metro", now());
    let alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    for (i, c) in qr.char_indices() {
        // try three substitutes per position (all 44 per position is 20k scans; spread by position)
        for k in 0..3 {
            let sub = alphabet.chars().nth((i * 7 + k * 13) % alphabet.len()).unwrap();
            if sub == c {
                continue;
            }
            let mut t = qr.clone();
            t.replace_range(i..i + c.len_utf8(), &sub.to_string());
            let card = v.scan(&mut yima_core::Session::default(), &t, now()).card;
            assert_ne!(card.verdict, Verdict::Pass, "position {i}: {c} -> {sub}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_character_substitution_never_passes(pos in 0usize..10_000, sub in "[0-9A-Z $%*+./:-]") {
        let qr = sample("green_nat_20h", now());
        let i = pos % qr.len();
        let mut t = qr.clone();
        t.replace_range(i..i + 1, &sub);
        prop_assume!(t != qr);
        prop_assert_ne!(verdict("metro", &t, now()), Verdict::Pass);
    }

    #[test]
    fn arbitrary_text_never_panics_and_never_passes(s in ".{0,600}") {
        prop_assert_ne!(verdict("metro", &s, now()), Verdict::Pass);
        prop_assert_ne!(verdict("metro", &format!("YM1:{s}"), now()), Verdict::Pass);
    }

    #[test]
    fn arbitrary_cose_bytes_never_pass(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        prop_assert_ne!(verdict("metro", &encode_text(&b), now()), Verdict::Pass);
    }
}

/// Flipping any byte of a signed file either breaks it or leaves the signed payload unchanged
/// (e.g. a whitespace byte of the envelope); it never yields different accepted content.
fn each_flip<T: PartialEq + std::fmt::Debug>(file: &str, open: impl Fn(&[u8]) -> Option<T>) {
    let good = open(file.as_bytes()).expect("original opens");
    for i in 0..file.len() {
        let mut b = file.as_bytes().to_vec();
        b[i] ^= 0x01;
        if let Some(got) = open(&b) {
            assert_eq!(got, good, "byte {i} changed the accepted content");
        }
    }
}

#[test]
fn every_byte_flip_of_signed_trust_list_and_policies_is_refused() {
    let root = demo::root_key();
    each_flip(&demo::trust_list(now()).seal(&root), |b| TrustList::open(b, &roots()).ok());
    each_flip(&demo::policies(now()).seal(&root), |b| PolicySet::open(b, &roots()).ok());
}

#[test]
fn files_signed_by_an_issuer_key_or_of_the_wrong_kind_are_refused() {
    let issuer = demo::key("hc-310000");
    assert!(TrustList::open(demo::trust_list(now()).seal(&issuer).as_bytes(), &roots()).is_err());
    // a signed policy file served as keys.json
    assert!(TrustList::open(demo::policies(now()).seal(&demo::root_key()).as_bytes(), &roots()).is_err());
    let t = demo::trust_list(now()).seal(&demo::root_key());
    assert!(TrustList::open(&t.as_bytes()[..t.len() / 2], &roots()).is_err(), "truncated");
    assert!(TrustList::open(b"<html>404</html>", &roots()).is_err());
    let big = vec![b' '; 50 * 1024 * 1024];
    assert!(TrustList::open(&big, &roots()).is_err(), "50 MB");
}

#[test]
fn an_older_list_is_refused() {
    let new = demo::trust_list(now());
    let old = demo::trust_list(now() - chrono::Duration::days(1));
    assert!(old.check_replaces(Some(&new), 0, now()).is_err());
    assert!(new.check_replaces(Some(&old), 0, now()).is_ok());
    assert!(new.check_replaces(None, 0, now()).is_ok());
    let (pn, po) = (demo::policies(now()), demo::policies(now() - chrono::Duration::seconds(1)));
    assert!(po.check_replaces(Some(&pn), 0, now()).is_err());
}
