//! ES256 and PS256 through the whole HC1 path: sign, read, verify; alg/key mismatch,
//! signature format, kid placement, time and key usage.
use crate::common;

use common::*;
use coset::iana;
use yima_dcc::cert::CertType;
use yima_dcc::sign1::{self, Sign1Error};
use yima_dcc::signature::SignatureError;
use yima_dcc::verify::{SignatureStatus, TimeStatus};
use yima_dcc::{read, ReadError};

const NOW: &str = "2021-09-01T12:00:00Z";

fn ps256_cose() -> Cose {
    Cose { alg: Some(iana::Algorithm::PS256), ..Cose::default() }
}

#[test]
fn es256_certificate_reads_and_verifies() {
    let text = hc1(&Cose::default().build(cwt(vaccination()), es256));
    let r = read(&text).unwrap();
    assert_eq!(r.opened.kid, KID);
    assert_eq!(r.cwt.issuer.as_deref(), Some("AT"));
    assert_eq!(r.dcc.nam.family_std.as_deref(), Some("MUSTER"));
    assert_eq!(r.dcc.entry.cert_type(), CertType::Vaccination);
    let v = r.verify(Some(&ec_signer(&CertType::ALL)), t(NOW));
    assert!(v.is_valid(), "{v:?}");
}

#[test]
fn ps256_certificate_reads_and_verifies() {
    let text = hc1(&ps256_cose().build(cwt(vaccination()), ps256));
    let v = read(&text).unwrap().verify(Some(&rsa_signer(&CertType::ALL)), t(NOW));
    assert!(v.is_valid(), "{v:?}");
}

#[test]
fn a_flipped_byte_anywhere_in_the_signed_part_fails() {
    for (cose, signer) in [
        (Cose::default().build(cwt(vaccination()), es256), ec_signer(&CertType::ALL)),
        (ps256_cose().build(cwt(vaccination()), ps256), rsa_signer(&CertType::ALL)),
    ] {
        let good = sign1::open(&cose).unwrap();
        assert!(good.verify(&signer.key).is_ok());
        // flip one bit in the payload bytes and in the signature (last byte)
        let n = cose.len();
        for i in [n / 2, n - 1] {
            let mut bad = cose.clone();
            bad[i] ^= 0x01;
            let status = sign1::open(&bad).map(|o| o.verify(&signer.key));
            assert!(!matches!(status, Ok(Ok(()))), "flip at {i} accepted");
        }
    }
}

#[test]
fn alg_must_match_the_key() {
    // ES256 header, RSA signer
    let es = read(&hc1(&Cose::default().build(cwt(vaccination()), es256))).unwrap();
    let v = es.verify(Some(&rsa_signer(&CertType::ALL)), t(NOW));
    assert_eq!(v.signature, SignatureStatus::Failed(SignatureError::AlgKeyMismatch));
    // PS256 header, EC signer
    let ps = read(&hc1(&ps256_cose().build(cwt(vaccination()), ps256))).unwrap();
    let v = ps.verify(Some(&ec_signer(&CertType::ALL)), t(NOW));
    assert_eq!(v.signature, SignatureStatus::Failed(SignatureError::AlgKeyMismatch));
    // PS256 header over an ECDSA signature made by the right EC key: still a mismatch
    let forged = read(&hc1(&ps256_cose().build(cwt(vaccination()), es256))).unwrap();
    assert!(!forged.verify(Some(&ec_signer(&CertType::ALL)), t(NOW)).is_valid());
}

#[test]
fn es256_signature_must_be_raw_r_s() {
    let r = read(&hc1(&Cose::default().build(cwt(vaccination()), es256_der))).unwrap();
    let v = r.verify(Some(&ec_signer(&CertType::ALL)), t(NOW));
    assert_eq!(v.signature, SignatureStatus::Failed(SignatureError::Format));
}

#[test]
fn kid_placement_and_alg_header() {
    let unprotected = Cose { kid_protected: false, kid_unprotected: true, ..Cose::default() };
    let r = read(&hc1(&unprotected.build(cwt(vaccination()), es256))).unwrap();
    assert_eq!(r.opened.kid, KID, "the spec allows the kid in the unprotected header");
    assert!(r.verify(Some(&ec_signer(&CertType::ALL)), t(NOW)).is_valid());

    let none = Cose { kid_protected: false, ..Cose::default() };
    assert_eq!(read(&hc1(&none.build(cwt(vaccination()), es256))).unwrap_err(), ReadError::Sign1(Sign1Error::NoKid));
    let no_alg = Cose { alg: None, ..Cose::default() };
    assert_eq!(read(&hc1(&no_alg.build(cwt(vaccination()), es256))).unwrap_err(), ReadError::Sign1(Sign1Error::NoAlg));
    let alg_unprotected = Cose { alg: None, alg_unprotected: true, ..Cose::default() };
    let r = read(&hc1(&alg_unprotected.build(cwt(vaccination()), es256))).unwrap();
    assert!(r.verify(Some(&ec_signer(&CertType::ALL)), t(NOW)).is_valid(), "alg only in the unprotected header");
    assert!(!r.verify(Some(&rsa_signer(&CertType::ALL)), t(NOW)).is_valid(), "and still bound to the key");
    let eddsa = Cose { alg: Some(iana::Algorithm::EdDSA), ..Cose::default() };
    assert_eq!(read(&hc1(&eddsa.build(cwt(vaccination()), es256))).unwrap_err(), ReadError::Sign1(Sign1Error::Alg(-8)));
    let es384 = Cose { alg: Some(iana::Algorithm::ES384), ..Cose::default() };
    assert_eq!(read(&hc1(&es384.build(cwt(vaccination()), es256))).unwrap_err(), ReadError::Sign1(Sign1Error::Alg(-35)));
}

#[test]
fn time_and_signer_validity() {
    let r = read(&hc1(&Cose::default().build(cwt(vaccination()), es256))).unwrap();
    let s = ec_signer(&CertType::ALL);
    assert_eq!(r.verify(Some(&s), t("2021-05-31T23:59:59Z")).time, TimeStatus::NotYetValid { from: t("2021-06-01T00:00:00Z") });
    assert_eq!(r.verify(Some(&s), t("2022-06-01T00:00:01Z")).time, TimeStatus::Expired { at: t("2022-06-01T00:00:00Z") });
    assert_eq!(r.verify(Some(&s), t("2022-06-01T00:00:00Z")).time, TimeStatus::Valid, "exp itself is still valid");
    let mut old = s.clone();
    old.not_after = t("2021-08-01T00:00:00Z");
    assert!(matches!(r.verify(Some(&old), t(NOW)).time, TimeStatus::SignerOutside { .. }));
}

#[test]
fn key_usage_of_the_signer() {
    use CertType::*;
    let r = read(&hc1(&Cose::default().build(cwt(vaccination()), es256))).unwrap();
    for (types, allowed) in [(&[Vaccination][..], true), (&[Test, Recovery][..], false), (&[Test][..], false), (&CertType::ALL[..], true)] {
        let v = r.verify(Some(&ec_signer(types)), t(NOW));
        assert_eq!(v.usage_allowed, Some(allowed), "{types:?}");
        assert_eq!(v.is_valid(), allowed);
    }
}

#[test]
fn unknown_signer_is_a_status_not_an_error() {
    let r = read(&hc1(&Cose::default().build(cwt(vaccination()), es256))).unwrap();
    let v = r.verify(None, t(NOW));
    assert_eq!((v.signature, v.usage_allowed), (SignatureStatus::UnknownSigner, None));
    assert!(!v.is_valid());
}

#[test]
fn each_failure_is_its_own_reason() {
    use yima_core::conclude;
    use yima_core::{Reason, Verdict};
    use yima_dcc::evaluate::{judge, validity};
    let r = read(&hc1(&Cose::default().build(cwt(vaccination()), es256))).unwrap();
    let all = ec_signer(&CertType::ALL);
    let judged = |s: Option<&yima_dcc::cert::Signer>, now: &str| conclude(validity(&r.verify(s, t(now))));
    assert_eq!(judged(Some(&all), NOW), (Verdict::Pass, vec![Reason::AllChecksPassed]));
    assert_eq!(judged(None, NOW), (Verdict::Deny, vec![Reason::DccUnknownSigner]));
    assert_eq!(judged(Some(&rsa_signer(&CertType::ALL)), NOW), (Verdict::Deny, vec![Reason::DccBadSignature]));
    assert_eq!(judged(Some(&ec_signer(&[CertType::Test])), NOW), (Verdict::Deny, vec![Reason::DccKeyUsage]));
    let at = t("2022-06-01T00:00:00Z");
    assert_eq!(judged(Some(&all), "2022-07-01T00:00:00Z"), (Verdict::Deny, vec![Reason::DccExpired { at }]));
    let from = t("2021-06-01T00:00:00Z");
    assert_eq!(judged(Some(&all), "2021-05-01T00:00:00Z"), (Verdict::Deny, vec![Reason::DccNotYetValid { from }]));
    let mut old = all.clone();
    old.not_after = t("2021-08-01T00:00:00Z");
    assert_eq!(judged(Some(&old), NOW), (Verdict::Deny, vec![Reason::DccSignerOutside]));
    assert_eq!(
        judge(Err(&read("HC1:%%%").unwrap_err()), None, t(NOW), chrono::Duration::zero()),
        (Verdict::Deny, vec![Reason::DccMalformed])
    );
    // several at once, all shown
    let (_, reasons) = judged(Some(&ec_signer(&[CertType::Test])), "2022-07-01T00:00:00Z");
    assert_eq!(reasons, vec![Reason::DccExpired { at }, Reason::DccKeyUsage]);
}
