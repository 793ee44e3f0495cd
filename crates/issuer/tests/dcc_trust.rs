//! `trust-entry --dcc-cert`: an operator turns a DCC document signer certificate into a
//! root-signed trust-list entry, and a real certificate signed by that signer verifies with it.

use std::path::Path;
use std::process::Command;

use yima_core::trust_dcc::{DccSigner, DccType};
use yima_core::TrustList;
use yima_dcc::cert::Signer;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dcc").join(name).to_string_lossy().into_owned()
}

fn issuer(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_yima-issuer")).args(args).output().expect("runs")
}

fn ok(args: &[&str]) -> String {
    let out = issuer(args);
    assert!(out.status.success(), "yima-issuer {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn dcc_signer_entry_from_a_certificate_verifies_a_real_dcc() {
    let d = tempfile::tempdir().unwrap();
    let p = |n: &str| d.path().join(n).to_string_lossy().into_owned();
    let entry = ok(&["trust-entry", "--dcc-cert", &fixture("at-dsc.der")]);
    let signer: DccSigner = serde_json::from_str(&entry).unwrap();
    assert_eq!(signer.kid, "d919375fc1e7b6b2", "SHA-256 of the DER, first 8 bytes (the kid AT/1.json carries)");
    assert_eq!(signer.country, "AT");
    assert_eq!(signer.types, DccType::ALL.to_vec(), "no DCC key usage listed = every type");
    assert_eq!((signer.not_before.to_rfc3339(), signer.not_after.to_rfc3339()), ("2021-05-05T12:41:06+00:00".into(), "2023-05-05T12:41:06+00:00".into()));

    // the same certificate as PEM gives the same entry
    use base64::{engine::general_purpose::STANDARD as B64, Engine};
    let pem = format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n", B64.encode(std::fs::read(fixture("at-dsc.der")).unwrap()));
    std::fs::write(p("dsc.pem"), pem).unwrap();
    assert_eq!(ok(&["trust-entry", "--dcc-cert", &p("dsc.pem")]), entry);

    // root-sign a list holding it, open it as the app does, verify the AT certificate
    ok(&["keygen", "--out", &p("root.key"), "--seed", "t", "--label", "root"]);
    let list = format!(r#"{{"sequence":3,"issued_at":"2021-05-06T00:00:00Z","max_age_hours":720,"keys":[],"dcc_signers":[{entry}]}}"#);
    std::fs::write(p("list.json"), list).unwrap();
    ok(&["sign-trust-list", "--root", &p("root.key"), "--in", &p("list.json"), "--out", &p("keys.json")]);
    let root = yima_core::keys::derived_key(b"t", "root").verifying_key();
    let trust = TrustList::open(&std::fs::read(p("keys.json")).unwrap(), &[root]).unwrap();

    let text = std::fs::read_to_string(fixture("at-hc1.txt")).unwrap();
    let read = yima_dcc::read(&text).unwrap();
    let entry = trust.dcc_signer(&read.opened.kid).expect("the kid names the listed signer");
    let signer = Signer::from_entry(entry).expect("the listed key decodes");
    let v = read.verify(Some(&signer), "2021-05-06T18:00:00Z".parse().unwrap());
    assert!(v.is_valid(), "{v:?}");
    // the signer's validity from the certificate applies
    assert!(!read.verify(Some(&signer), "2023-06-01T00:00:00Z".parse().unwrap()).is_valid());
}

#[test]
fn dcc_cert_refuses_what_is_not_a_signer_certificate() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("junk.der");
    std::fs::write(&f, b"not a certificate").unwrap();
    let out = issuer(&["trust-entry", "--dcc-cert", &f.to_string_lossy()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an X.509 certificate"));
    // and it cannot be mixed with the issuer-key arguments
    assert!(!issuer(&["trust-entry", "--dcc-cert", &fixture("at-dsc.der"), "--region", "310000"]).status.success());
}
