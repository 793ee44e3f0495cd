//! DCC document signers in the trust list: old lists (without them) still verify, new ones
//! round-trip, and the root's signature covers them.
use yima_core::SignedContent;
use yima_core::{DccSigner, DccType};
use yima_core::{KeyStatus, TrustList, TRUST_KIND as KIND};
use yima_issue::derived_key;
use yima_issue::seal;
use yima_issue::Seal;

const OLD_LIST: &str = r#"{"sequence":7,"issued_at":"2026-11-01T00:00:00Z","max_age_hours":720,"keys":[]}"#;

fn signer(kid: &str, status: KeyStatus) -> DccSigner {
    DccSigner {
        kid: kid.into(),
        country: "AT".into(),
        public_key: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE".into(),
        not_before: "2021-05-05T12:41:06Z".parse().unwrap(),
        not_after: "2023-05-05T12:41:06Z".parse().unwrap(),
        types: vec![DccType::Vaccination],
        status,
    }
}

#[test]
fn a_list_written_before_dcc_signers_still_verifies() {
    let root = derived_key(b"t", "root");
    let file = seal(KIND, OLD_LIST.as_bytes(), &root);
    let list = TrustList::open(file.as_bytes(), &[root.verifying_key()]).expect("old list opens");
    assert_eq!(list.sequence, 7);
    assert!(list.dcc_signers.is_empty());
    // and a list without DCC signers is still written exactly the old way
    let rewritten = serde_json::to_string(&list).unwrap();
    assert!(!rewritten.contains("dcc_signers"), "{rewritten}");
}

#[test]
fn dcc_signers_round_trip_and_are_root_signed() {
    let root = derived_key(b"t", "root");
    let mut list: TrustList = serde_json::from_str(OLD_LIST).unwrap();
    list.dcc_signers = vec![signer("dcf4e2097e99924f", KeyStatus::Active), signer("0102030405060708", KeyStatus::Revoked)];
    let file = list.seal(&root);
    let opened = TrustList::open(file.as_bytes(), &[root.verifying_key()]).unwrap();
    assert_eq!(opened, list);
    let found = opened.dcc_signer(&[0xdc, 0xf4, 0xe2, 0x09, 0x7e, 0x99, 0x92, 0x4f]).expect("active signer found");
    assert!(found.allows(DccType::Vaccination) && !found.allows(DccType::Test));
    assert!(opened.dcc_signer(&[1, 2, 3, 4, 5, 6, 7, 8]).is_none(), "a revoked signer is not found");
    assert!(opened.dcc_signer(&[0; 8]).is_none());

    // widening a signer's types inside the signed payload breaks the root signature
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    let mut env: serde_json::Value = serde_json::from_str(&file).unwrap();
    let payload = String::from_utf8(B64.decode(env["payload"].as_str().unwrap()).unwrap()).unwrap();
    let widened = payload.replacen(r#"["vaccination"]"#, r#"["vaccination","test"]"#, 1);
    assert_ne!(widened, payload);
    env["payload"] = B64.encode(widened).into();
    assert!(TrustList::open(env.to_string().as_bytes(), &[root.verifying_key()]).is_err());
}
